// x+42 from examples
	.text
	.globl	f
	.type	f, %function
f:
	add	x0, x0, #??
	ret
	.size	f, .-f
