	.text
	.globl	f
	.type	f, @function
f:
	bgtz	a0,.L2
	srai	a0,a0,63
	ret
.L2:
	li	a0,1
	ret
	.size	f, .-f
