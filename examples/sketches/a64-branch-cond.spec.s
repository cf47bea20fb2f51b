	.text
	.globl	f
	.type	f, %function
f:
	cmp	x0, #9
	cset	x0, gt
	ret
	.size	f, .-f
