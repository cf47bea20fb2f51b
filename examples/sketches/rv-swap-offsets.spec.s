	.text
	.globl	f
	.type	f, @function
f:
	ld	a2,8(a0)
	ld	a3,0(a0)
	sd	a2,0(a0)
	sd	a3,8(a0)
	ret
	.size	f, .-f
