	.text
	.globl	f
	.type	f, @function
f:
	li	a5,10
	mul	a0,a0,a5
	ret
	.size	f, .-f
