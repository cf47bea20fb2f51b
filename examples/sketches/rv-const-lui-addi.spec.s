	.text
	.globl	f
	.type	f, @function
f:
	li	a0,0x12345fff
	ret
	.size	f, .-f
