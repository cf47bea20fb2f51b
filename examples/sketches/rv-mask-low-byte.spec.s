	.text
	.globl	f
	.type	f, @function
f:
	zext.b	a0,a0
	ret
	.size	f, .-f
