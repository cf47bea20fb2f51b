# x & (x-1)
	.text
	.globl	f
	.type	f, @function
f:
	addi	a1,a0,??
	{and|or|xor}	a0,a0,a1
	ret
	.size	f, .-f
