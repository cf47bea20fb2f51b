// AArch64 sketch, RISC-V reference
	.text
	.globl	f
	.type	f, %function
f:
	and	w0, w0, #??
	ret
	.size	f, .-f
