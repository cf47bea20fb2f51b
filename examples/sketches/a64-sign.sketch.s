// sign(x) with flags
	.text
	.globl	f
	.type	f, %function
f:
	cmp	x0, #0
	cset	x1, {gt|ge|lt|ne}
	csinv	x0, x1, xzr, {ge|gt|le|eq}
	ret
	.size	f, .-f
