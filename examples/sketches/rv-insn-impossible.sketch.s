# no single add or sub multiplies
	.text
	.globl	f
	.type	f, @function
f:
	??insn{add,sub}
	ret
	.size	f, .-f
