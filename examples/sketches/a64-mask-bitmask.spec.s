	.text
	.globl	f
	.type	f, %function
f:
	lsr	x0, x0, #8
	lsl	x0, x0, #8
	ret
	.size	f, .-f
