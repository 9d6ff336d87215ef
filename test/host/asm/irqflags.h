/*
 * test/host/asm/irqflags.h: the host stand-in for include/asm/irqflags.h.
 *
 * Host tests run in one thread with no interrupts, so there is nothing to
 * mask: saving reports "interrupts were off" (0) and restoring is a no-op.
 * Being first on the include path (-Itest/host), this file hides the RISC-V
 * version, which would execute CSR instructions.
 */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

static inline unsigned long arch_local_irq_save(void)
{
	return 0;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	(void)flags;
}

static inline void arch_local_irq_enable(void)
{
}

static inline void arch_local_irq_disable(void)
{
}

#endif
