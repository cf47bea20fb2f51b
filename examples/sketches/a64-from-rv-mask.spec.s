	.text
	.globl	f
	.type	f, @function
f:
	andi	a0,a0,63
	ret
	.size	f, .-f
