	.text
	.globl	f
	.type	f, %function
f:
	neg	x0, x1
	add	x0, x0, x2
	ret
	.size	f, .-f
