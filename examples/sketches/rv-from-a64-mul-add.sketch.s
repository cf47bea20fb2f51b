# RISC-V sketch, AArch64 reference
	.text
	.globl	f
	.type	f, @function
f:
	slli	a2,a0,??
	add	a0,a2,a1
	ret
	.size	f, .-f
