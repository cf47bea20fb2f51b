# no alternative gives 6 from 2 and 3
	.text
	.globl	f
	.type	f, @function
f:
	{add|sub}	a0,a0,a1
	ret
	.size	f, .-f
