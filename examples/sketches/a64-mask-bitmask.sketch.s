// a logical (bitmask) immediate
	.text
	.globl	f
	.type	f, %function
f:
	and	x0, x0, #??
	ret
	.size	f, .-f
