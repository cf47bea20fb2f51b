	.text
	.globl	f
	.type	f, %function
f:
	cmp	x0, x1
	b.ge	.L1
	mov	x0, x1
.L1:
	ret
	.size	f, .-f
