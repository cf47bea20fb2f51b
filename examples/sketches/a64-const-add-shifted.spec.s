	.text
	.globl	f
	.type	f, %function
f:
	mov	x1, #0x5678
	movk	x1, #0x12, lsl #16
	add	x0, x0, x1
	ret
	.size	f, .-f
