	.text
	.globl	f
	.type	f, @function
f:
	addi	a0,a0,-1
	srli	a1,a0,16
	or	a0,a0,a1
	srli	a1,a0,8
	or	a0,a0,a1
	srli	a1,a0,4
	or	a0,a0,a1
	srli	a1,a0,2
	or	a0,a0,a1
	srli	a1,a0,1
	or	a0,a0,a1
	addi	a0,a0,1
	zext.w	a0,a0
	ret
	.size	f, .-f
