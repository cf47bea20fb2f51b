	.text
	.globl	f
	.type	f, @function
f:
	li	a0,3000
	ret
	.size	f, .-f
