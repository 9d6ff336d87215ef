/*
 * kernel/riscv/head.S: the first instructions of the kernel.
 *
 * OpenSBI (fw_dynamic) jumps here in S-mode with the MMU off (satp = Bare),
 * interrupts disabled, a0 = this hart's id and a1 = the physical address of
 * the flattened device tree.
 */
#include <asm/thread_info.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	/* Read the clock and the instruction count first: boot measurements start here. */
	rdtime	a2
	rdinstret a3

	/*
	 * One hart boots the kernel.  With fw_dynamic the other harts wait in
	 * the firmware, but a firmware that releases them all lands them here:
	 * the lottery keeps exactly one, the rest park until SMP bring-up
	 * exists to wake them.
	 */
	la	t0, boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, secondary_park

	/* Zero .bss (and the .tbss area inside it): C expects it. */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, (t0)
	addi	t0, t0, 8
	j	1b
2:
	/* Still at the physical address: la gives physical addresses here. */
	mv	s1, a0			/* hart id */
	mv	s2, a1			/* device tree */
	mv	s3, a2			/* entry time */
	mv	s4, a3			/* entry instret */
	la	sp, init_stack_top
#ifdef CONFIG_MMU
	call	setup_vm		/* returns the satp value for early_pg_dir */
	csrw	satp, a0
	sfence.vma
	/*
	 * The MMU is on; this code is mapped twice (identity and kernel
	 * address).  Jump to the kernel address: from there on la gives
	 * kernel addresses.
	 */
	li	t0, 0xffffffff00000000	/* KERNEL_VA_PA_OFFSET */
	la	t1, 3f
	add	t1, t1, t0
	jr	t1
3:
#endif	/* without an MMU the kernel runs at its physical address, satp = Bare */
	la	sp, init_stack_top
	/* picolibc keeps errno in thread-local storage: tp points at the TLS block. */
	la	tp, __tls_base
	mv	a0, s1
	mv	a1, s2
	mv	a2, s3
	mv	a3, s4
	/* fp = 0 ends every backtrace here. */
	li	s0, 0
	call	start_kernel
	/* start_kernel never returns; if it does, park this hart too. */

secondary_park:
	csrw	sie, zero
4:	wfi
	j	4b

	.section .data
	.align 2
boot_lottery:
	.word	0

	/*
	 * The boot task's stack (the idle task's later), aligned as every
	 * kernel stack is, so that the trap entry's overflow test holds for
	 * it too.  It has no guard page below it (as Linux's init_stack):
	 * only its canary and that test tell of an overflow.
	 */
	.section .bss
	.balign	THREAD_ALIGN
	.globl init_stack
init_stack:
	.space	THREAD_SIZE
	.globl init_stack_top
init_stack_top:
