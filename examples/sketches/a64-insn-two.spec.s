	.text
	.globl	f
	.type	f, %function
f:
	eor	x0, x0, x1
	sub	x0, x0, x1
	ret
	.size	f, .-f
