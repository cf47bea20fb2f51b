	.text
	.globl	f
	.type	f, @function
f:
	xor	a0,a0,a1
	ret
	.size	f, .-f
