/*
 * kernel/riscv/pagecopy.S: clear_page and copy_page (include/asm/page.h),
 * eight doublewords per iteration.
 */
	.section .text
	.globl clear_page
clear_page:
	li	t0, 4096
	add	t0, a0, t0
1:	sd	zero, 0(a0)
	sd	zero, 8(a0)
	sd	zero, 16(a0)
	sd	zero, 24(a0)
	sd	zero, 32(a0)
	sd	zero, 40(a0)
	sd	zero, 48(a0)
	sd	zero, 56(a0)
	addi	a0, a0, 64
	bne	a0, t0, 1b
	ret

	.globl copy_page
copy_page:
	li	t0, 4096
	add	t0, a0, t0
1:	ld	a2, 0(a1)
	ld	a3, 8(a1)
	ld	a4, 16(a1)
	ld	a5, 24(a1)
	ld	a6, 32(a1)
	ld	a7, 40(a1)
	ld	t1, 48(a1)
	ld	t2, 56(a1)
	sd	a2, 0(a0)
	sd	a3, 8(a0)
	sd	a4, 16(a0)
	sd	a5, 24(a0)
	sd	a6, 32(a0)
	sd	a7, 40(a0)
	sd	t1, 48(a0)
	sd	t2, 56(a0)
	addi	a0, a0, 64
	addi	a1, a1, 64
	bne	a0, t0, 1b
	ret
