// x2 - x1
	.text
	.globl	f
	.type	f, %function
f:
	sub	x0, {x0|x1|x2}, {x0|x1|x2}
	ret
	.size	f, .-f
