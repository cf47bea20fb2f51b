// is x a power of two: x != 0 and x & (x-1) == 0
	.text
	.globl	f
	.type	f, %function
f:
	sub	x1, x0, #??
	tst	x0, x1
	ccmp	x0, #0, #4, eq
	cset	x0, {ne|eq}
	ret
	.size	f, .-f
