	.text
	.globl	f
	.type	f, @function
f:
	li	a5,4000
	add	a0,a0,a5
	sd	a1,0(a0)
	ret
	.size	f, .-f
