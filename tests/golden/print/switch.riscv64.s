	.file	"switch.c"
	.option	pic
	.attribute	arch,"rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0"
	.attribute	unaligned_access,0
	.attribute	stack_align,16
	.text
	.align	1
	.globl	classify
	.type	classify,@function
classify:
	li	a5,7
	bgtu	a0,a5,.L12
	lla	a4,.L4
	slli	a0,a0,2
	add	a0,a0,a4
	lw	a5,0(a0)
	add	a5,a5,a4
	jr	a5
	.section	.rodata
	.align	2
	.align	2
.L4:
	.word	.L11-.L4
	.word	.L10-.L4
	.word	.L9-.L4
	.word	.L8-.L4
	.word	.L7-.L4
	.word	.L6-.L4
	.word	.L5-.L4
	.word	.L3-.L4
	.text
.L5:
	xor	a0,a2,a1
	ret
.L3:
	sllw	a0,a1,a2
	ret
.L11:
	addw	a0,a2,a1
	ret
.L10:
	subw	a0,a1,a2
	ret
.L9:
	mulw	a0,a2,a1
	ret
.L8:
	li	a0,0
	beq	a2,zero,.L2
	divw	a0,a1,a2
	ret
.L7:
	and	a0,a2,a1
	ret
.L6:
	or	a0,a2,a1
	ret
.L12:
	li	a0,-1
.L2:
	ret
	.size	classify,.-classify
	.section	.rodata.str1.8,"aMS",@progbits,1
	.align	3
.LC0:
	.string	"op %d -> %d\n"
	.align	3
.LC1:
	.string	"total %ld\n"
	.section	.text.startup,"ax",@progbits
	.align	1
	.globl	main
	.type	main,@function
main:
	addi	sp,sp,-48
	sd	s0,32(sp)
	sd	s2,16(sp)
	sd	s3,8(sp)
	sd	s4,0(sp)
	sd	ra,40(sp)
	sd	s1,24(sp)
	li	s0,0
	li	s2,0
	lla	s4,.LC0
	li	s3,9
.L17:
	addiw	a1,s0,100
	li	a2,7
	mv	a0,s0
	call	classify
	mv	s1,a0
	mv	a1,s0
	mv	a2,a0
	addiw	s0,s0,1
	mv	a0,s4
	call	printf@plt
	add	s2,s2,s1
	bne	s0,s3,.L17
	mv	a1,s2
	lla	a0,.LC1
	call	printf@plt
	ld	ra,40(sp)
	ld	s0,32(sp)
	ld	s1,24(sp)
	ld	s2,16(sp)
	ld	s3,8(sp)
	ld	s4,0(sp)
	li	a0,0
	addi	sp,sp,48
	jr	ra
	.size	main,.-main
	.ident	"GCC: (Debian 12.2.0-13) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
