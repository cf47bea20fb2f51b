# xor is not among the alternatives
	.text
	.globl	f
	.type	f, @function
f:
	{add|sub|and|or}	a0,a0,a1
	ret
	.size	f, .-f
