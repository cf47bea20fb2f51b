	.text
	.globl	f
	.type	f, %function
f:
	mul	x0, x0, x1
	ret
	.size	f, .-f
