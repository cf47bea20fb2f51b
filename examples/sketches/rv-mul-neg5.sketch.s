# x*-5 = -(x + (x<<2))
	.text
	.globl	f
	.type	f, @function
f:
	slli	a1,a0,??
	{add|sub}	a0,{a0|a1},{a0|a1}
	{neg|mv}	a0,a0
	ret
	.size	f, .-f
