	.text
	.globl	f
	.type	f, @function
f:
	bgez	a0,.L1
	neg	a0,a0
.L1:
	ret
	.size	f, .-f
