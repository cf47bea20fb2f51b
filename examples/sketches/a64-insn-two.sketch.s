// two instructions
	.text
	.globl	f
	.type	f, %function
f:
	??insn{add,sub,eor}
	??insn{add,sub,eor}
	ret
	.size	f, .-f
