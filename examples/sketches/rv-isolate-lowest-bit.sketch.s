# x & -x
	.text
	.globl	f
	.type	f, @function
f:
	neg	a1,a0
	{and|or|xor}	a0,a0,a1
	ret
	.size	f, .-f
