	.text
	.globl	f
	.type	f, %function
f:
	str	w1, [x0, #12]
	ret
	.size	f, .-f
