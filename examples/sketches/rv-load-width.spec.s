	.text
	.globl	f
	.type	f, @function
f:
	lhu	a0,0(a0)
	ret
	.size	f, .-f
