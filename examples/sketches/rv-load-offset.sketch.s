# a load offset
	.text
	.globl	f
	.type	f, @function
f:
	ld	a0,??(a0)
	ret
	.size	f, .-f
