	.text
	.globl	f
	.type	f, %function
f:
	mov	w1, #4
	sdiv	w0, w0, w1
	ret
	.size	f, .-f
