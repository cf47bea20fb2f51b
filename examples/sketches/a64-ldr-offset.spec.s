	.text
	.globl	f
	.type	f, %function
f:
	add	x0, x0, #24
	ldr	x0, [x0]
	ret
	.size	f, .-f
