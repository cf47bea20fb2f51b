	.text
	.globl	f
	.type	f, @function
f:
	li	a5,7
	divu	a0,a0,a5
	ret
	.size	f, .-f
