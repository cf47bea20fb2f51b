// 16-bit unsigned x/5: multiply by 0xcccd, find the shift
	.text
	.globl	f
	.type	f, %function
f:
	uxth	w0, w0
	mov	w1, #0xcccd
	mul	w0, w0, w1
	lsr	w0, w0, #??
	ret
	.size	f, .-f
