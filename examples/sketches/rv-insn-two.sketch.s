# two instructions: (a+b)<<2
	.text
	.globl	f
	.type	f, @function
f:
	??insn{add,sub,slli}
	??insn{add,sub,slli}
	ret
	.size	f, .-f
