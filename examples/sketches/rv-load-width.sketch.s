# which load: zero-extended halfword
	.text
	.globl	f
	.type	f, @function
f:
	{lb|lbu|lh|lhu|lw|lwu|ld}	a0,0(a0)
	ret
	.size	f, .-f
