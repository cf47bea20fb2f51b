# 8x+7 from three examples
	.text
	.globl	f
	.type	f, @function
f:
	slli	a1,a0,??
	addi	a0,a1,??
	ret
	.size	f, .-f
