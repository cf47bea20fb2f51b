# unsigned x/8 is a shift
	.text
	.globl	f
	.type	f, @function
f:
	srli	a0,a0,??
	ret
	.size	f, .-f
