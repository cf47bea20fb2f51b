// abs with compare and conditional negate
	.text
	.globl	f
	.type	f, %function
f:
	cmp	x0, #??
	cneg	x0, x0, {lt|gt|eq|ne}
	ret
	.size	f, .-f
