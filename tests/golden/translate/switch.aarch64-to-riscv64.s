# RISC-V64 translation of examples/switch.aarch64.s (AArch64) by transpile
	.file	"switch.c"
	.text
	.p2align	2
	.p2align	4,,11
	.global	classify
	.type	classify,@function
classify:
.LFB11:
	slli a3, a0, 32
	srli a3, a3, 32
	slli t0, a0, 32
	li t1, 17179869184
	sub t2, t0, t1
	sltu t6, t0, t1
	xori t6, t6, 1
	slli t6, t6, 1
	xor t1, t0, t1
	xor t0, t0, t2
	and t0, t0, t1
	srli t0, t0, 63
	or t6, t6, t0
	srli t0, t2, 63
	slli t0, t0, 3
	or t6, t6, t0
	seqz t0, t2
	slli t0, t0, 2
	or t6, t6, t0
	lla t2, __tp_private
	sd t6, 16(t2)
	lla t6, __tp_private
	ld t6, 16(t6)
	srli t2, t6, 2
	andi t2, t2, 1
	bnez t2, .L2
	lla t0, __tp_private
	ld t0, 16(t0)
	srli t1, t0, 3
	xor t1, t1, t0
	andi t1, t1, 1
	slli t1, t1, 2
	or t1, t1, t0
	andi t1, t1, 4
	seqz t1, t1
	bnez t1, .L3
	slli t0, a0, 32
	li t1, 8589934592
	beq t0, t1, .L4
	slli t0, a0, 32
	li t1, 12884901888
	bne t0, t1, .L17
	li a0, 0
	slli t0, a2, 32
	beqz t0, .L1
	sext.w t0, a1
	sext.w t1, a2
	divw t2, t0, t1
	snez t0, t1
	neg t0, t0
	and a0, t2, t0
	slli a0, a0, 32
	srli a0, a0, 32
.L1:
	ret
	.p2align	2,,3
.L3:
	xor a0, a2, a1
	slli a0, a0, 32
	srli a0, a0, 32
	slli t0, a3, 32
	li t1, 25769803776
	beq t0, t1, .L1
	slli t0, a3, 32
	li t1, 30064771072
	bne t0, t1, .L18
	sllw a0, a1, a2
	slli a0, a0, 32
	srli a0, a0, 32
	ret
.L18:
	or a0, a2, a1
	slli a0, a0, 32
	srli a0, a0, 32
	slli t0, a3, 32
	li t1, 21474836480
	xor t0, t0, t1
	seqz t0, t0
	not t1, zero
	neg t0, t0
	xor t2, a0, t1
	and t2, t2, t0
	xor a0, t1, t2
	slli a0, a0, 32
	srli a0, a0, 32
	ret
	.p2align	2,,3
.L17:
	add a0, a2, a1
	slli a0, a0, 32
	srli a0, a0, 32
	slli t0, a3, 32
	beqz t0, .L1
	sub a0, a1, a2
	slli a0, a0, 32
	srli a0, a0, 32
	slli t0, a3, 32
	li t1, 4294967296
	xor t0, t0, t1
	seqz t0, t0
	not t1, zero
	neg t0, t0
	xor t2, a0, t1
	and t2, t2, t0
	xor a0, t1, t2
	slli a0, a0, 32
	srli a0, a0, 32
	ret
	.p2align	2,,3
.L4:
	mul t0, a2, a1
	mv a0, t0
	slli a0, a0, 32
	srli a0, a0, 32
	ret
	.p2align	2,,3
.L2:
	and a0, a2, a1
	slli a0, a0, 32
	srli a0, a0, 32
	ret
.LFE11:
	.size	classify,.-classify
	.section	.rodata.str1.8,"aMS",@progbits,1
	.p2align	3
.LC0:
	.string	"op %d -> %d\n"
	.p2align	3
.LC1:
	.string	"total %ld\n"
	.section	.text.startup,"ax",@progbits
	.p2align	2
	.p2align	4,,11
	.global	main
	.type	main,@function
main:
.LFB12:
	addi sp, sp, -48
	sd s0, 0(sp)
	sd ra, 8(sp)
	mv s0, sp
	sd s3, 32(sp)
	sd s4, 40(sp)
	lla s4, .LC0
	li s3, 0
	sd s1, 16(sp)
	sd s2, 24(sp)
	li s1, 0
	.p2align	3,,7
.L20:
	addi a1, s1, 100
	slli a1, a1, 32
	srli a1, a1, 32
	slli a0, s1, 32
	srli a0, a0, 32
	li a2, 7
	call classify
	slli s2, a0, 32
	srli s2, s2, 32
	slli a1, s1, 32
	srli a1, a1, 32
	slli a2, a0, 32
	srli a2, a2, 32
	addi s1, s1, 1
	slli s1, s1, 32
	srli s1, s1, 32
	mv a0, s4
	sext.w a2, a2
	sext.w a1, a1
	call printf
	sext.w t0, s2
	add s3, s3, t0
	slli t0, s1, 32
	li t1, 38654705664
	bne t0, t1, .L20
	mv a1, s3
	lla a0, .LC1
	call printf
	ld s1, 16(sp)
	ld s2, 24(sp)
	li a0, 0
	ld s3, 32(sp)
	ld s4, 40(sp)
	ld s0, 0(sp)
	ld ra, 8(sp)
	addi sp, sp, 48
	ret
.LFE12:
	.size	main,.-main
	.ident	"GCC: (Debian 12.2.0-14) 12.2.0"
	.section	.note.GNU-stack,"",@progbits

	# transpile: private area (spill slots, saved flags, vector registers)
	.bss
	.p2align	4
	.type	__tp_private, @object
	.size	__tp_private, 160
__tp_private:
	.zero	160
