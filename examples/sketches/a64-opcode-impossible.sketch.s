// no completion
	.text
	.globl	f
	.type	f, %function
f:
	{add|sub}	x0, x0, x1
	ret
	.size	f, .-f
