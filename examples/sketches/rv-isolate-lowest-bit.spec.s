	.text
	.globl	f
	.type	f, @function
f:
	addi	a1,a0,-1
	not	a1,a1
	and	a0,a0,a1
	ret
	.size	f, .-f
