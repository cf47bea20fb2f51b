# round a 32-bit value up to a power of two: five shift amounts
	.text
	.globl	f
	.type	f, @function
f:
	addi	a0,a0,-1
	srli	a1,a0,??
	or	a0,a0,a1
	srli	a1,a0,??
	or	a0,a0,a1
	srli	a1,a0,??
	or	a0,a0,a1
	srli	a1,a0,??
	or	a0,a0,a1
	srli	a1,a0,??
	or	a0,a0,a1
	addi	a0,a0,1
	zext.w	a0,a0
	ret
	.size	f, .-f
