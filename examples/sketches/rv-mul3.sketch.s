# x*3 = x + (x<<1)
	.text
	.globl	f
	.type	f, @function
f:
	slli	a1,a0,??
	add	a0,a0,a1
	ret
	.size	f, .-f
