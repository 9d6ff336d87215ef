/*
 * include/asm/processor.h: a thread's registers as the arch sets them up
 * (kernel/riscv/process.c), and the idle instruction.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

struct pt_regs;
struct task_struct;

/* start_thread: regs return to user mode at pc with stack sp, interrupts on, nothing else inherited. */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp);
/*
 * copy_thread: p, a copy of current, returns from fork in user mode with
 * 0 in a0 (on newsp if non-zero, with *tls as its thread pointer if tls
 * is set: CLONE_SETTLS), or, when fn is set, starts in the kernel running
 * fn(arg) (a kernel thread).
 */
void copy_thread(struct task_struct *p, unsigned long newsp, const unsigned long *tls,
		 int (*fn)(void *), void *arg);

/* wait_for_interrupt: sleep the hart until an interrupt is pending (even one that is masked). */
/*
 * leaf_return_address: the caller's return address, read from ra, in a
 * function that makes no calls (only tail calls): the same value as
 * __builtin_return_address(0), which GCC would first spill to the stack.
 */
#define leaf_return_address() ({				\
	unsigned long __ra;					\
	__asm__("mv %0, ra" : "=r"(__ra));			\
	__ra;							\
})

static inline void wait_for_interrupt(void)
{
	__asm__ __volatile__("wfi");
}

#endif
