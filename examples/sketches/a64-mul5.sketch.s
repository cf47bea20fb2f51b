// x*5 with a shifted operand
	.text
	.globl	f
	.type	f, %function
f:
	add	x0, x0, x0, lsl #??
	ret
	.size	f, .-f
