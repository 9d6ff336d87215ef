/*
 * include/asm/spinlock.h: a test-and-set spin lock from the A extension.
 * Only the boot hart runs today, but locks are taken where SMP will need
 * them so that adding harts does not mean auditing every subsystem.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <asm/irqflags.h>

typedef struct {
	volatile int locked;
} arch_spinlock_t;

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		;
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline int arch_spin_is_locked(arch_spinlock_t *l)
{
	return l->locked;
}

#endif
