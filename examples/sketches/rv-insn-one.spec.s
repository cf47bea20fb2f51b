	.text
	.globl	f
	.type	f, @function
f:
	sub	a0,a1,a0
	ret
	.size	f, .-f
