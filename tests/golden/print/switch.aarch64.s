	.arch	armv8-a
	.file	"switch.c"
	.text
	.align	2
	.p2align	4,,11
	.global	classify
	.type	classify,%function
classify:
.LFB11:
	.cfi_startproc
	mov	w3, w0
	cmp	w0, 4
	beq	.L2
	bgt	.L3
	cmp	w0, 2
	beq	.L4
	cmp	w0, 3
	bne	.L17
	mov	w0, 0
	cbz	w2, .L1
	sdiv	w0, w1, w2
.L1:
	ret
	.p2align	2,,3
.L3:
	eor	w0, w2, w1
	cmp	w3, 6
	beq	.L1
	cmp	w3, 7
	bne	.L18
	lsl	w0, w1, w2
	ret
.L18:
	orr	w0, w2, w1
	cmp	w3, 5
	csinv	w0, w0, wzr, eq
	ret
	.p2align	2,,3
.L17:
	add	w0, w2, w1
	cbz	w3, .L1
	sub	w0, w1, w2
	cmp	w3, 1
	csinv	w0, w0, wzr, eq
	ret
	.p2align	2,,3
.L4:
	mul	w0, w2, w1
	ret
	.p2align	2,,3
.L2:
	and	w0, w2, w1
	ret
	.cfi_endproc
.LFE11:
	.size	classify,.-classify
	.section	.rodata.str1.8,"aMS",@progbits,1
	.align	3
.LC0:
	.string	"op %d -> %d\n"
	.align	3
.LC1:
	.string	"total %ld\n"
	.section	.text.startup,"ax",@progbits
	.align	2
	.p2align	4,,11
	.global	main
	.type	main,%function
main:
.LFB12:
	.cfi_startproc
	stp	x29, x30, [sp, -48]!
	.cfi_def_cfa_offset	48
	.cfi_offset	29,-48
	.cfi_offset	30,-40
	mov	x29, sp
	stp	x21, x22, [sp, 32]
	.cfi_offset	21,-16
	.cfi_offset	22,-8
	adrp	x22, .LC0
	add	x22, x22, :lo12:.LC0
	mov	x21, 0
	stp	x19, x20, [sp, 16]
	.cfi_offset	19,-32
	.cfi_offset	20,-24
	mov	w19, 0
	.p2align	3,,7
.L20:
	add	w1, w19, 100
	mov	w0, w19
	mov	w2, 7
	bl	classify
	mov	w20, w0
	mov	w1, w19
	mov	w2, w0
	add	w19, w19, 1
	mov	x0, x22
	bl	printf
	add	x21, x21, w20, sxtw
	cmp	w19, 9
	bne	.L20
	mov	x1, x21
	adrp	x0, .LC1
	add	x0, x0, :lo12:.LC1
	bl	printf
	ldp	x19, x20, [sp, 16]
	mov	w0, 0
	ldp	x21, x22, [sp, 32]
	ldp	x29, x30, [sp], 48
	.cfi_restore	30
	.cfi_restore	29
	.cfi_restore	21
	.cfi_restore	22
	.cfi_restore	19
	.cfi_restore	20
	.cfi_def_cfa_offset	0
	ret
	.cfi_endproc
.LFE12:
	.size	main,.-main
	.ident	"GCC: (Debian 12.2.0-14) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
