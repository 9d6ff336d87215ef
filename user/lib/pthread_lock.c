/*
 * pthread_lock.c: the C library's own locks (picolibc's retargetable
 * locking, sys/lock.h), so that malloc, stdio and the rest stay whole
 * when threads call them at once.  picolibc's stand-ins do nothing; these
 * are recursive futex locks, and cost nothing until a second thread
 * exists (__pthread_threaded).  A lock taken then is released then too:
 * pthread_create is never called with one of the library's locks held.
 */
#include <stdlib.h>
#include <sys/lock.h>
#include "pthread_impl.h"

struct __lock {
	int word;		/* 0 free, 1 locked, 2 locked and waited for */
	struct __pthread *owner;
	int depth;		/* recursive acquisitions beyond the first */
};

struct __lock __lock___libc_recursive_mutex;

void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = calloc(1, sizeof(struct __lock));	/* NULL: the lock does nothing */
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	__retarget_lock_init(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	free(lock);
}

static int try_lock(_LOCK_T lock)
{
	int c = 0;

	return __atomic_compare_exchange_n(&lock->word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	struct __pthread *me;
	int c;

	if (!lock || !__pthread_threaded)
		return;
	me = pthread_self();
	if (lock->owner == me) {
		lock->depth++;
		return;
	}
	if (!try_lock(lock)) {
		while ((c = __atomic_exchange_n(&lock->word, 2, __ATOMIC_ACQUIRE)) != 0)
			__futex_wait(&lock->word, 2, NULL);
	}
	lock->owner = me;
	lock->depth = 0;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	struct __pthread *me;

	if (!lock || !__pthread_threaded)
		return 1;
	me = pthread_self();
	if (lock->owner == me) {
		lock->depth++;
		return 1;
	}
	if (!try_lock(lock))
		return 0;
	lock->owner = me;
	lock->depth = 0;
	return 1;
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	if (!lock || !__pthread_threaded || lock->owner != pthread_self())
		return;
	if (lock->depth) {
		lock->depth--;
		return;
	}
	lock->owner = NULL;
	if (__atomic_exchange_n(&lock->word, 0, __ATOMIC_RELEASE) == 2)
		__futex_wake(&lock->word, 1);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	__retarget_lock_acquire_recursive(lock);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return __retarget_lock_try_acquire_recursive(lock);
}

void __retarget_lock_release(_LOCK_T lock)
{
	__retarget_lock_release_recursive(lock);
}
