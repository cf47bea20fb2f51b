# one whole instruction
	.text
	.globl	f
	.type	f, @function
f:
	??insn
	ret
	.size	f, .-f
