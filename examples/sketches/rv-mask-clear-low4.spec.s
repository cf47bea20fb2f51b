	.text
	.globl	f
	.type	f, @function
f:
	srli	a0,a0,4
	slli	a0,a0,4
	ret
	.size	f, .-f
