# (a|b)-(a&b) is a^b
	.text
	.globl	f
	.type	f, @function
f:
	{add|sub|xor|or|and}	a0,a0,a1
	ret
	.size	f, .-f
