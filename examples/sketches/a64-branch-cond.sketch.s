// x > 9 as a compare and a branch
	.text
	.globl	f
	.type	f, %function
f:
	cmp	x0, #??
	{b.lt|b.ge|b.le|b.gt}	.L1
	mov	x0, #0
	ret
.L1:
	mov	x0, #1
	ret
	.size	f, .-f
