# a store offset
	.text
	.globl	f
	.type	f, @function
f:
	sd	a1,??(a0)
	ret
	.size	f, .-f
