// a scaled load offset
	.text
	.globl	f
	.type	f, %function
f:
	ldr	x0, [x0, #??]
	ret
	.size	f, .-f
