	.text
	.globl	f
	.type	f, %function
f:
	asr	x1, x0, #63
	cmp	x0, #0
	csinc	x0, x1, xzr, le
	ret
	.size	f, .-f
