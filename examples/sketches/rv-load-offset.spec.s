	.text
	.globl	f
	.type	f, @function
f:
	ld	a0,16(a0)
	ret
	.size	f, .-f
