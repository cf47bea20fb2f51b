	.text
	.globl	f
	.type	f, @function
f:
	addi	a0,a0,24
	sd	a1,0(a0)
	ret
	.size	f, .-f
