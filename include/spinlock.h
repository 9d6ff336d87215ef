/* include/spinlock.h: spin locks that also keep interrupts off while held. */
#ifndef _RVMM_SPINLOCK_H
#define _RVMM_SPINLOCK_H

#include <asm/spinlock.h>

typedef struct {
	arch_spinlock_t raw;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { { 0 } }

static inline void spin_lock_init(spinlock_t *l)
{
	l->raw.locked = 0;
}

#define spin_lock_irqsave(l, flags) do {		\
	(flags) = arch_local_irq_save();		\
	arch_spin_lock(&(l)->raw);			\
} while (0)

#define spin_unlock_irqrestore(l, flags) do {		\
	arch_spin_unlock(&(l)->raw);			\
	arch_local_irq_restore(flags);			\
} while (0)

static inline void spin_lock(spinlock_t *l)
{
	arch_spin_lock(&l->raw);
}

static inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(&l->raw);
}

#endif
