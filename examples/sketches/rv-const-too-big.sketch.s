# 3000 does not fit a 12-bit signed immediate
	.text
	.globl	f
	.type	f, @function
f:
	addi	a0,zero,??
	ret
	.size	f, .-f
