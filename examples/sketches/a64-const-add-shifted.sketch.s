// add a 21-bit constant in two 12-bit pieces
	.text
	.globl	f
	.type	f, %function
f:
	add	x0, x0, #??, lsl #12
	add	x0, x0, #??
	ret
	.size	f, .-f
