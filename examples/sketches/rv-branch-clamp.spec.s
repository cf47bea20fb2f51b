	.text
	.globl	f
	.type	f, @function
f:
	li	a1,255
	bge	a1,a0,.L1
	li	a0,255
.L1:
	ret
	.size	f, .-f
