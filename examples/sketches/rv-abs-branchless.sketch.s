# branchless abs against a branching reference
	.text
	.globl	f
	.type	f, @function
f:
	srai	a1,a0,??
	xor	a0,a0,a1
	{add|sub}	a0,a0,a1
	ret
	.size	f, .-f
