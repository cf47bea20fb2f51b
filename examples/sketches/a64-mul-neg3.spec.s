	.text
	.globl	f
	.type	f, %function
f:
	mov	x1, #-3
	mul	x0, x0, x1
	ret
	.size	f, .-f
