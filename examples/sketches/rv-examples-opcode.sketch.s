# opcode from examples only
	.text
	.globl	f
	.type	f, @function
f:
	{add|sub|mul|xor}	a0,a0,a1
	ret
	.size	f, .-f
