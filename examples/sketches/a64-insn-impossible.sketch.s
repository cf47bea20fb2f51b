// x & ~y is bic, which is not in the default ??insn set
	.text
	.globl	f
	.type	f, %function
f:
	??insn
	ret
	.size	f, .-f
