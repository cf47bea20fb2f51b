	.text
	.globl	f
	.type	f, %function
f:
	mov	w1, #6
	mul	w0, w0, w1
	ret
	.size	f, .-f
