# which registers
	.text
	.globl	f
	.type	f, @function
f:
	add	a0,{a1|a2|a3},{a1|a2|a3}
	ret
	.size	f, .-f
