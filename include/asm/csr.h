/*
 * include/asm/csr.h: RISC-V supervisor CSRs and their bits (privileged spec),
 * and the accessors.  Architecture-specific: only trap, timer and paging
 * code should need this file.
 */
#ifndef _ASM_CSR_H
#define _ASM_CSR_H

#include <types.h>

/* sstatus */
#define SR_SIE		(1UL << 1)	/* supervisor interrupts enabled */
#define SR_SPIE		(1UL << 5)	/* SIE before the trap */
#define SR_SPP		(1UL << 8)	/* trap came from S-mode */
#define SR_SUM		(1UL << 18)	/* S-mode may access U pages */

/* sie / sip */
#define IE_SSIE		(1UL << 1)
#define IE_STIE		(1UL << 5)
#define IE_SEIE		(1UL << 9)

/* scause */
#define CAUSE_IRQ_FLAG	(1UL << 63)
#define IRQ_S_SOFT	1
#define IRQ_S_TIMER	5
#define IRQ_S_EXT	9

#define EXC_INST_MISALIGNED	0
#define EXC_INST_ACCESS		1
#define EXC_INST_ILLEGAL	2
#define EXC_BREAKPOINT		3
#define EXC_LOAD_MISALIGNED	4
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_MISALIGNED	6
#define EXC_STORE_ACCESS	7
#define EXC_SYSCALL		8
#define EXC_HYPERVISOR_SYSCALL	9
#define EXC_SUPERVISOR_SYSCALL	10
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15

#define csr_read(csr) ({						\
	unsigned long __v;						\
	__asm__ __volatile__("csrr %0, " #csr : "=r"(__v) : : "memory");\
	__v; })

#define csr_write(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrw " #csr ", %0" : : "rK"(__v) : "memory");\
	})

#define csr_set(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrs " #csr ", %0" : : "rK"(__v) : "memory");\
	})

#define csr_clear(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrc " #csr ", %0" : : "rK"(__v) : "memory");\
	})

#define csr_read_clear(csr, val) ({					\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrrc %0, " #csr ", %1"			\
			     : "=r"(__v) : "rK"(__v) : "memory");	\
	__v; })

/* get_cycles: the time CSR, ticking at the device tree's timebase-frequency. */
static inline u64 get_cycles(void)
{
	return csr_read(time);
}

/* read_instret: retired instructions; exact under QEMU -icount. */
static inline u64 read_instret(void)
{
	return csr_read(instret);
}

#endif
