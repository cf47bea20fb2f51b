// x & ~y is bic
	.text
	.globl	f
	.type	f, %function
f:
	{add|sub|eor|orr|and|bic}	x0, x0, x1
	ret
	.size	f, .-f
