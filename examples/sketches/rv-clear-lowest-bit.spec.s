	.text
	.globl	f
	.type	f, @function
f:
	neg	a1,a0
	and	a1,a0,a1
	xor	a0,a0,a1
	ret
	.size	f, .-f
