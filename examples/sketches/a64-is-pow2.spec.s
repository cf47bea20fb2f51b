	.text
	.globl	f
	.type	f, %function
f:
	cbz	x0, .L0
	sub	x1, x0, #1
	tst	x0, x1
	cset	x0, eq
	ret
.L0:
	mov	x0, #0
	ret
	.size	f, .-f
