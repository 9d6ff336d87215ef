/*
 * kernel/riscv/process.c: the registers a new thread starts with, as
 * Linux's arch/riscv/kernel/process.c: start_thread for exec, copy_thread
 * for fork and kernel threads.  A task's saved user registers (pt_regs)
 * sit at the top of its kernel stack; its kernel context (thread_struct)
 * is what __switch_to (switch.S) restores.
 */
#include <asm/csr.h>
#include <asm/processor.h>
#include <sched.h>
#include <string.h>
#include <trap.h>

#define SR_FS		(3UL << 13)	/* floating-point state: off for user programs (no FPU support) */

void ret_from_fork(void);
void ret_from_kernel_thread(void);

void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->epc = pc;
	regs->sp = sp;
	/* Return to U-mode (SPP clear) with interrupts on (SPIE), no SUM, FPU off. */
	regs->status = (csr_read(sstatus) & ~(SR_SPP | SR_SUM | SR_FS | SR_SIE)) | SR_SPIE;
}

void copy_thread(struct task_struct *p, unsigned long newsp, const unsigned long *tls,
		 int (*fn)(void *), void *arg)
{
	struct pt_regs *regs = task_pt_regs(p);

	if (fn) {
		memset(regs, 0, sizeof(*regs));
		regs->status = SR_SPP;	/* until exec says otherwise, it is a kernel context */
		p->thread.ra = (unsigned long)ret_from_kernel_thread;
		p->thread.s[0] = (unsigned long)fn;
		p->thread.s[1] = (unsigned long)arg;
	} else {
		*regs = *task_pt_regs(current);
		regs->a0 = 0;		/* fork returns 0 in the child */
		if (newsp)
			regs->sp = newsp;
		if (tls)
			regs->tp = *tls;	/* the psABI's thread pointer */
		p->thread.ra = (unsigned long)ret_from_fork;
	}
	p->thread.sp = (unsigned long)regs;	/* the kernel stack starts just below the saved registers */
}
