// signed max through flags
	.text
	.globl	f
	.type	f, %function
f:
	cmp	x0, x1
	csel	x0, x0, x1, {lt|gt|le|ge|hi|lo|eq|ne}
	ret
	.size	f, .-f
