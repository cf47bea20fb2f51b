	.text
	.globl	f
	.type	f, @function
f:
	slli	a0,a2,1
	ret
	.size	f, .-f
