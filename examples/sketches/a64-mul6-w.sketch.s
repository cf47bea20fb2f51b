// 32-bit x*6 = (x + (x<<1)) << 1
	.text
	.globl	f
	.type	f, %function
f:
	add	w0, w0, w0, lsl #??
	lsl	w0, w0, #??
	ret
	.size	f, .-f
