# 4000 is out of the 12-bit offset range
	.text
	.globl	f
	.type	f, @function
f:
	sd	a1,??(a0)
	ret
	.size	f, .-f
