/*
 * kernel/riscv/entry.S: where every trap lands (stvec, direct mode).
 *
 * The entry pushes a struct pt_regs (include/trap.h) and calls
 * do_trap(regs).  The layout is register number order: xN is saved at
 * N * 8 (x0's slot holds sepc), the CSRs follow x31; trap.c checks it with
 * _Static_assert.
 *
 * Which stack: sscratch holds the task's kernel stack top while the task
 * runs in U-mode and 0 while the hart is in the kernel.  Swapping sp with
 * sscratch therefore gives a kernel stack either way: from U-mode the
 * swap yields the kernel stack (and parks the user sp in sscratch); from
 * S-mode it yields 0, so the entry swaps back and extends the current
 * kernel stack.  The return path stores the kernel stack top in sscratch
 * again when it is going back to U-mode.
 *
 * A stack that overflowed (CONFIG_VMAP_STACK, MMU only): kernel stacks are
 * THREAD_SIZE bytes aligned to 2 * THREAD_SIZE, so bit THREAD_SHIFT of
 * every address on one is clear, and set just below it.  A trap from
 * S-mode tests that bit of sp - PT_SIZE, where its pt_regs would go, as
 * Linux riscv does.  It has only sp to compute in: sscratch keeps the
 * interrupted sp meanwhile.  If the bit is set, pushing the registers
 * would fault again (the page below a vmalloc'd stack is never mapped)
 * and again, so the trap moves to overflow_stack (traps.c) and reports
 * from there (handle_bad_stack).
 */
#include <asm/thread_info.h>

#define PT_SIZE		(36 * 8)
#define PT_STATUS	(32 * 8)
#define PT_BADADDR	(33 * 8)
#define PT_CAUSE	(34 * 8)
#define PT_ORIG_A0	(35 * 8)

/* Push every register but sp into the pt_regs at sp. */
.macro SAVE_REGS
	sd	x1, 1 * 8(sp)
	.irp n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, \n * 8(sp)
	.endr
.endm

/* The CSRs, and a0 as it was (a restarted system call needs it). */
.macro SAVE_CSRS
	csrr	t0, sepc
	csrr	t1, sstatus
	csrr	t2, stval
	csrr	t3, scause
	sd	t0, 0(sp)
	sd	t1, PT_STATUS(sp)
	sd	t2, PT_BADADDR(sp)
	sd	t3, PT_CAUSE(sp)
	sd	a0, PT_ORIG_A0(sp)
.endm

	.section .text
	.align 2		/* stvec's low two bits select the mode */
	.globl handle_exception
handle_exception:
	csrrw	sp, sscratch, sp
	bnez	sp, 1f			/* from U-mode: sp is the kernel stack top */
	csrr	sp, sscratch		/* from S-mode: the kernel sp back; sscratch keeps a copy */
#ifdef CONFIG_MMU
	addi	sp, sp, -PT_SIZE
	srli	sp, sp, THREAD_SHIFT
	andi	sp, sp, 1
	bnez	sp, handle_kernel_stack_overflow
#endif
	csrrw	sp, sscratch, zero	/* the kernel sp again, and sscratch 0 as the kernel's */
1:	addi	sp, sp, -PT_SIZE
	SAVE_REGS
	/* The interrupted sp: the user's (parked in sscratch), or this stack's before the push. */
	csrr	t0, sscratch
	bnez	t0, 2f
	addi	t0, sp, PT_SIZE
2:	sd	t0, 2 * 8(sp)
	csrw	sscratch, zero		/* in the kernel now: a nested trap must see 0 */
	SAVE_CSRS

	mv	a0, sp
	call	do_trap

	/*
	 * The way out of every trap, and of a new task's first run.  do_trap
	 * may have changed epc (skip an ecall) or status: reload them.
	 */
	.globl ret_from_exception
ret_from_exception:
	ld	t0, 0(sp)
	ld	t1, PT_STATUS(sp)
	andi	t2, t1, 0x100		/* SR_SPP: returning to S-mode? */
	bnez	t2, 3f
	addi	t2, sp, PT_SIZE		/* back to U-mode: the kernel stack top for the next trap */
	csrw	sscratch, t2
3:	csrw	sepc, t0
	csrw	sstatus, t1
	ld	x1, 1 * 8(sp)
	.irp n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(sp)
	.endr
	ld	sp, 2 * 8(sp)		/* last: it is the base of every load above */
	sret

/*
 * A new task's first instructions (thread.ra points here): its kernel
 * stack holds the pt_regs fork or exec prepared; leave through the
 * common return path.
 */
	.globl ret_from_fork
ret_from_fork:
	call	schedule_tail
	j	ret_from_exception

/*
 * A kernel thread's first instructions: call fn(arg) (saved in s0 and s1
 * by kernel_thread).  A thread that exec'd a program returns 0 and leaves
 * for user mode through the registers exec prepared; any other result
 * ends it.
 */
	.globl ret_from_kernel_thread
ret_from_kernel_thread:
	call	schedule_tail
	mv	a0, s1
	jalr	s0
	bnez	a0, 1f
	j	ret_from_exception
1:	call	kernel_thread_exit

#ifdef CONFIG_MMU
/*
 * The current stack has overflowed: sscratch holds its sp.  Save the
 * registers on the overflow stack and report; handle_bad_stack panics.
 */
handle_kernel_stack_overflow:
	la	sp, overflow_stack + OVERFLOW_STACK_SIZE
	addi	sp, sp, -PT_SIZE
	SAVE_REGS
	csrr	t0, sscratch
	sd	t0, 2 * 8(sp)
	csrw	sscratch, zero
	SAVE_CSRS
	mv	a0, sp
	call	handle_bad_stack
3:	j	3b
#endif
