# clear the low 4 bits with one mask (negative immediate)
	.text
	.globl	f
	.type	f, @function
f:
	andi	a0,a0,??
	ret
	.size	f, .-f
