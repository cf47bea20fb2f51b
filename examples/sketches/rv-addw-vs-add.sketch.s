# an int result must be sign-extended: add is wrong, addw right
	.text
	.globl	f
	.type	f, @function
f:
	{add|addw}	a0,a0,a1
	ret
	.size	f, .-f
