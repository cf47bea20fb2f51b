	.text
	.globl	f
	.type	f, %function
f:
	tbz	x0, #63, .L1
	neg	x0, x0
.L1:
	ret
	.size	f, .-f
