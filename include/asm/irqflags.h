/* include/asm/irqflags.h: enabling and disabling interrupts on this hart. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <asm/csr.h>

/* arch_local_irq_save: disable interrupts, return the previous state. */
static inline unsigned long arch_local_irq_save(void)
{
	return csr_read_clear(sstatus, SR_SIE) & SR_SIE;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SR_SIE);
}

static inline void arch_local_irq_enable(void)
{
	csr_set(sstatus, SR_SIE);
}

static inline void arch_local_irq_disable(void)
{
	csr_clear(sstatus, SR_SIE);
}

#endif
