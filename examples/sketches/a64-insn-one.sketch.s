// one whole instruction: y - x
	.text
	.globl	f
	.type	f, %function
f:
	??insn
	ret
	.size	f, .-f
