// signed x/4: add 3 to negative values, then shift
	.text
	.globl	f
	.type	f, %function
f:
	add	w1, w0, #??
	cmp	w0, #0
	csel	w0, w1, w0, {lt|ge}
	asr	w0, w0, #??
	ret
	.size	f, .-f
