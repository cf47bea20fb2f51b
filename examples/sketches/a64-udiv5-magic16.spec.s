	.text
	.globl	f
	.type	f, %function
f:
	uxth	w0, w0
	mov	w1, #5
	udiv	w0, w0, w1
	ret
	.size	f, .-f
