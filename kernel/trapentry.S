/*
 * kernel/trapentry.S: where every trap lands (stvec, direct mode).
 *
 * The entry pushes a struct pt_regs (include/trap.h) on the current stack,
 * calls do_trap(regs) and returns with sret.  The layout is register
 * number order: xN is saved at N * 8 (x0's slot holds sepc), the CSRs
 * follow x31; trap.c checks it with _Static_assert.
 *
 * Only S-mode traps exist today, so the interrupted stack is a kernel
 * stack and is simply extended.  For U-mode, keep the task's kernel stack
 * top in sscratch while the task runs in U-mode and 0 while in the kernel
 * (trap_init sets 0).  Then the entry starts with
 *	csrrw	sp, sscratch, sp	// sp = kernel stack, sscratch = user sp
 *	bnez	sp, 1f			// non-zero: came from U-mode
 *	csrrw	sp, sscratch, sp	// from S-mode: undo the swap
 * 1:	...
 * saves the old sp from sscratch (csrr) instead of computing it, and
 * writes sscratch back to 0 so a nested trap sees "kernel"; the return
 * path, when SPP says U-mode, stores the kernel stack top in sscratch
 * before sret.
 */
#define PT_SIZE		(36 * 8)
#define PT_STATUS	(32 * 8)
#define PT_BADADDR	(33 * 8)
#define PT_CAUSE	(34 * 8)
#define PT_ORIG_A0	(35 * 8)

	.section .text
	.align 2		/* stvec's low two bits select the mode */
	.globl handle_exception
handle_exception:
	addi	sp, sp, -PT_SIZE
	sd	x1, 1 * 8(sp)
	.irp n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, \n * 8(sp)
	.endr
	addi	t0, sp, PT_SIZE		/* sp as it was before the trap */
	sd	t0, 2 * 8(sp)
	csrr	t0, sepc
	csrr	t1, sstatus
	csrr	t2, stval
	csrr	t3, scause
	sd	t0, 0(sp)
	sd	t1, PT_STATUS(sp)
	sd	t2, PT_BADADDR(sp)
	sd	t3, PT_CAUSE(sp)
	sd	a0, PT_ORIG_A0(sp)

	mv	a0, sp
	call	do_trap

	/* do_trap may change epc (skip an instruction) or status: reload them. */
	ld	t0, 0(sp)
	ld	t1, PT_STATUS(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	x1, 1 * 8(sp)
	.irp n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(sp)
	.endr
	ld	sp, 2 * 8(sp)		/* last: it is the base of every load above */
	sret
