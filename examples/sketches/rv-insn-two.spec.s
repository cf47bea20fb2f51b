	.text
	.globl	f
	.type	f, @function
f:
	add	a0,a0,a1
	li	a5,4
	mul	a0,a0,a5
	ret
	.size	f, .-f
