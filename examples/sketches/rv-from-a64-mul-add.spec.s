	.text
	.globl	f
	.type	f, %function
f:
	add	x0, x1, x0, lsl #4
	ret
	.size	f, .-f
