	.file	"switch.c"
	.text
	.section	.text.unlikely,"ax",@progbits
.LCOLDB0:
	.text
.LHOTB0:
	.p2align	4
	.globl	classify
	.type	classify,@function
classify:
.LFB11:
	.cfi_startproc
	movl	%edx, %ecx
	cmpl	$7, %edi
	ja	.L12
	leaq	.L4(%rip), %rax
	movl	%edi, %edi
	movslq	(%rax,%rdi,4), %rdi
	addq	%rax, %rdi
	jmp	*%rdi
	.section	.rodata
	.align	4
	.align	4
.L4:
	.long	.L11-.L4
	.long	.L10-.L4
	.long	.L9-.L4
	.long	.L8-.L4
	.long	.L7-.L4
	.long	.L6-.L4
	.long	.L5-.L4
	.long	.L3-.L4
	.text
	.p2align	4,,10
	.p2align	3
.L5:
	movl	%edx, %eax
	xorl	%esi, %eax
	ret
	.p2align	4,,10
	.p2align	3
.L3:
	movl	%esi, %eax
	sall	%cl, %eax
	ret
	.p2align	4,,10
	.p2align	3
.L11:
	leal	(%rdx,%rsi), %eax
	ret
	.p2align	4,,10
	.p2align	3
.L10:
	movl	%esi, %eax
	subl	%edx, %eax
	ret
	.p2align	4,,10
	.p2align	3
.L9:
	movl	%edx, %eax
	imull	%esi, %eax
	ret
	.p2align	4,,10
	.p2align	3
.L8:
	xorl	%eax, %eax
	testl	%edx, %edx
	je	.L1
	movl	%esi, %eax
	cltd
	idivl	%ecx
	ret
	.p2align	4,,10
	.p2align	3
.L7:
	movl	%edx, %eax
	andl	%esi, %eax
	ret
	.p2align	4,,10
	.p2align	3
.L6:
	movl	%edx, %eax
	orl	%esi, %eax
	ret
	.p2align	4,,10
	.p2align	3
.L1:
	ret
	.cfi_endproc
	.section	.text.unlikely
	.cfi_startproc
	.type	classify.cold,@function
classify.cold:
.LFSB11:
.L12:
	orl	$-1, %eax
	ret
	.cfi_endproc
.LFE11:
	.text
	.size	classify,.-classify
	.section	.text.unlikely
	.size	classify.cold,.-classify.cold
.LCOLDE0:
	.text
.LHOTE0:
	.section	.rodata.str1.1,"aMS",@progbits,1
.LC1:
	.string	"op %d -> %d\n"
.LC2:
	.string	"total %ld\n"
	.section	.text.startup,"ax",@progbits
	.p2align	4
	.globl	main
	.type	main,@function
main:
.LFB12:
	.cfi_startproc
	pushq	%r13
	.cfi_def_cfa_offset	16
	.cfi_offset	13,-16
	leaq	.LC1(%rip), %r13
	pushq	%r12
	.cfi_def_cfa_offset	24
	.cfi_offset	12,-24
	xorl	%r12d, %r12d
	pushq	%rbp
	.cfi_def_cfa_offset	32
	.cfi_offset	6,-32
	xorl	%ebp, %ebp
	pushq	%rbx
	.cfi_def_cfa_offset	40
	.cfi_offset	3,-40
	subq	$8, %rsp
	.cfi_def_cfa_offset	48
	.p2align	4,,10
	.p2align	3
.L17:
	leal	100(%rbp), %esi
	movl	%ebp, %edi
	movl	$7, %edx
	call	classify
	movl	%ebp, %esi
	movq	%r13, %rdi
	addl	$1, %ebp
	movslq	%eax, %rbx
	xorl	%eax, %eax
	movl	%ebx, %edx
	addq	%rbx, %r12
	call	printf@PLT
	cmpl	$9, %ebp
	jne	.L17
	movq	%r12, %rsi
	leaq	.LC2(%rip), %rdi
	xorl	%eax, %eax
	call	printf@PLT
	addq	$8, %rsp
	.cfi_def_cfa_offset	40
	xorl	%eax, %eax
	popq	%rbx
	.cfi_def_cfa_offset	32
	popq	%rbp
	.cfi_def_cfa_offset	24
	popq	%r12
	.cfi_def_cfa_offset	16
	popq	%r13
	.cfi_def_cfa_offset	8
	ret
	.cfi_endproc
.LFE12:
	.size	main,.-main
	.ident	"GCC: (Debian 12.2.0-14+deb12u1) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
