/* include/trap.h: the saved registers of a trap, and trap setup. */
#ifndef _RVMM_TRAP_H
#define _RVMM_TRAP_H

#include <types.h>

/*
 * pt_regs: every integer register at the moment of the trap, in Linux
 * riscv's order (epc in place of x0), then the trap CSRs.
 */
struct pt_regs {
	unsigned long epc;
	unsigned long ra, sp, gp, tp;
	unsigned long t0, t1, t2;
	unsigned long s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status;
	unsigned long badaddr;	/* stval */
	unsigned long cause;	/* scause */
	unsigned long orig_a0;	/* a0 before a system call overwrote it */
};

/* trap_init: point stvec at the kernel trap entry. */
void trap_init(void);
/* show_regs: print every register of regs (used by oops reports). */
void show_regs(const struct pt_regs *regs);
/* exception_name: the privileged spec's name for an scause value. */
const char *exception_name(unsigned long cause);

#endif
