// a 32-bit store offset
	.text
	.globl	f
	.type	f, %function
f:
	str	w1, [x0, #??]
	ret
	.size	f, .-f
