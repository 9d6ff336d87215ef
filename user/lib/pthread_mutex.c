/*
 * pthread_mutex.c: mutexes and condition variables over futexes, as in
 * Drepper's "Futexes Are Tricky".
 *
 * A mutex word is 0 (free), 1 (locked) or 2 (locked, and someone may be
 * asleep on it).  Taking a free mutex and releasing one nobody waits for
 * are one atomic instruction each, with no system call; a thread that
 * finds it taken marks it 2 and sleeps in FUTEX_WAIT while it stays 2,
 * and whoever unlocks a 2 wakes one sleeper.  Error-checking and
 * recursive mutexes also record their owner.
 *
 * A condition variable is a sequence number.  A waiter reads it, unlocks
 * the mutex and sleeps while the number is unchanged; signal and
 * broadcast bump it and wake one or all.  A waiter that wakes retakes the
 * mutex as contended (2), since others may sleep on it after a broadcast.
 * Wake-ups without a signal can happen, which POSIX allows: callers loop
 * on their predicate.
 */
#include <errno.h>
#include <limits.h>
#include "pthread_impl.h"

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->__type = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->__type;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	m->__lock = 0;
	m->__type = attr ? attr->__type : PTHREAD_MUTEX_DEFAULT;
	m->__owner = NULL;
	m->__count = 0;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->__lock ? EBUSY : 0;
}

/* lock_word: take the futex word, sleeping while another holds it. */
static void lock_word(int *w)
{
	int c = 0;

	if (__atomic_compare_exchange_n(w, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		__futex_wait(w, 2, NULL);
		c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
	}
}

static void unlock_word(int *w)
{
	if (__atomic_exchange_n(w, 0, __ATOMIC_RELEASE) == 2)
		__futex_wake(w, 1);
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	struct __pthread *me;

	if (m->__type == PTHREAD_MUTEX_NORMAL) {
		lock_word(&m->__lock);
		return 0;
	}
	me = pthread_self();
	if (m->__owner == me) {
		if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
			return EDEADLK;
		if (m->__count == INT_MAX)
			return EAGAIN;
		m->__count++;
		return 0;
	}
	lock_word(&m->__lock);
	m->__owner = me;
	m->__count = 0;
	return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	int c = 0;

	if (m->__type != PTHREAD_MUTEX_NORMAL && m->__owner == pthread_self()) {
		if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
			return EBUSY;
		if (m->__count == INT_MAX)	/* as pthread_mutex_lock: the count cannot grow */
			return EAGAIN;
		m->__count++;
		return 0;
	}
	if (!__atomic_compare_exchange_n(&m->__lock, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return EBUSY;
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		m->__owner = pthread_self();
		m->__count = 0;
	}
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != pthread_self())
			return EPERM;
		if (m->__count) {
			m->__count--;
			return 0;
		}
		m->__owner = NULL;
	}
	unlock_word(&m->__lock);
	return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->__flags = 0;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_cond_init(pthread_cond_t *cond, const pthread_condattr_t *attr)
{
	(void)attr;
	cond->__seq = 0;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *cond)
{
	(void)cond;
	return 0;
}

/*
 * relock: take the mutex back after a wait, as contended.  A recursive
 * mutex's depth comes back with it.
 */
static void relock(pthread_mutex_t *m, int count)
{
	while (__atomic_exchange_n(&m->__lock, 2, __ATOMIC_ACQUIRE) != 0)
		__futex_wait(&m->__lock, 2, NULL);
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		m->__owner = pthread_self();
		m->__count = count;
	}
}

int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *m,
			   const struct timespec *abstime)
{
	unsigned int seq = __atomic_load_n(&cond->__seq, __ATOMIC_SEQ_CST);
	int count = m->__count;
	long r;

	if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L))
		return EINVAL;
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != pthread_self())
			return EPERM;
		m->__owner = NULL;
		m->__count = 0;
	}
	unlock_word(&m->__lock);
	/* An absolute CLOCK_REALTIME time, POSIX's default clock for a condition. */
	r = __sys6(SYS_futex, (long)&cond->__seq,
		   FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, (long)seq,
		   (long)abstime, 0, (long)FUTEX_BITSET_MATCH_ANY);
	relock(m, count);
	return r == -LINUX_ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *m)
{
	return pthread_cond_timedwait(cond, m, NULL);
}

int pthread_cond_signal(pthread_cond_t *cond)
{
	__atomic_add_fetch(&cond->__seq, 1, __ATOMIC_SEQ_CST);
	__futex_wake((int *)&cond->__seq, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *cond)
{
	__atomic_add_fetch(&cond->__seq, 1, __ATOMIC_SEQ_CST);
	__futex_wake((int *)&cond->__seq, INT_MAX);
	return 0;
}
