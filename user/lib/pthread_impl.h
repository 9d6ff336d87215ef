/*
 * pthread_impl.h: what the pthread files (pthread.c, pthread_mutex.c,
 * pthread_lock.c) share, private to user/lib.
 */
#ifndef _RVMM_USER_PTHREAD_IMPL_H
#define _RVMM_USER_PTHREAD_IMPL_H

#include <linux/futex.h>
#include <pthread.h>
#include "linux.h"

/* the errno values futex(2)'s raw results carry */
#define LINUX_EAGAIN		11
#define LINUX_ETIMEDOUT		110

/* A thread: its descriptor sits at the top of the mapping that holds its stack and TLS. */
struct __pthread {
	int tid;			/* CLONE_PARENT_SETTID writes it, CLONE_CHILD_CLEARTID zeroes it: a futex */
	int detach_state;		/* DT_*, changed atomically */
	void *(*start)(void *);
	void *arg;
	void *result;
	void *map;			/* the mapping (guard, stack, TLS, this), or NULL for the main thread */
	size_t map_size;
	struct {
		unsigned int seq;	/* the key's generation when the value was set */
		void *value;
	} specific[PTHREAD_KEYS_MAX];
};

#define DT_JOINABLE	0
#define DT_DETACHED	1
#define DT_EXITING	2	/* a joinable thread has ended: pthread_join (or detach) reaps it */

/* __pthread_threaded: a thread has been created; until then the C library's locks cost nothing. */
extern int __pthread_threaded;

/* __pthread_run_destructors: the calling thread's keys' destructors, as POSIX's rounds. */
void __pthread_run_destructors(struct __pthread *self);

static inline long __futex_wait(volatile int *addr, int val, const struct timespec *ts)
{
	return __sys4(SYS_futex, addr, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, val, ts);
}

static inline long __futex_wake(volatile int *addr, int n)
{
	return __sys3(SYS_futex, addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n);
}

#endif /* _RVMM_USER_PTHREAD_IMPL_H */
