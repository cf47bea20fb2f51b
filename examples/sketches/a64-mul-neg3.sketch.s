// x*-3 = x - (x<<2)
	.text
	.globl	f
	.type	f, %function
f:
	{add|sub}	x0, x0, x0, lsl #??
	ret
	.size	f, .-f
