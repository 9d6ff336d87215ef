/*
 * test/host/asm/spinlock.h: the host stand-in for include/asm/spinlock.h.
 *
 * The tests are single-threaded, so a lock that is already held can only
 * mean a bug: a recursive lock, or an earlier path that returned without
 * unlocking.  Spinning would hang the test; panicking names the problem
 * at once.  Unlocking a free lock is caught the same way.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <asm/irqflags.h>

typedef struct {
	volatile int locked;
} arch_spinlock_t;

/* host_spin_bug: in glue.c; prints what went wrong and aborts. */
void host_spin_bug(const char *what, const void *lock) __attribute__((noreturn));

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	if (l->locked)
		host_spin_bug("lock taken twice (recursion or a missing unlock)", l);
	l->locked = 1;
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	if (!l->locked)
		host_spin_bug("unlock of a lock that is not held", l);
	l->locked = 0;
}

static inline int arch_spin_is_locked(arch_spinlock_t *l)
{
	return l->locked;
}

#endif
