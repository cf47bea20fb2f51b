	.text
	.globl	f
	.type	f, %function
f:
	mvn	x2, x0
	mvn	x2, x2
	sub	x0, x1, x2
	ret
	.size	f, .-f
