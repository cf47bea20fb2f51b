	.text
	.globl	f
	.type	f, @function
f:
	or	a2,a0,a1
	and	a3,a0,a1
	sub	a0,a2,a3
	ret
	.size	f, .-f
