	.text
	.globl	f
	.type	f, %function
f:
	mvn	x1, x1
	and	x0, x0, x1
	ret
	.size	f, .-f
