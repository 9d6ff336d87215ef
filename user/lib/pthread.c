/*
 * pthread.c: threads over clone(2), as glibc and musl make them.
 *
 * pthread_create maps one region per thread: a guard page at the bottom
 * (PROT_NONE, so running off the stack faults; without an MMU there is
 * no protection and no guard), the stack, the thread's TLS block (where
 * errno lives: each thread has its own), and its descriptor at the top.
 * The clone flags are glibc's: the thread shares memory, files, the
 * directory and signal actions, joins the process (CLONE_THREAD), gets
 * its TLS in tp (CLONE_SETTLS), and its tid is written into the
 * descriptor before it runs (CLONE_PARENT_SETTID) and zeroed, with a
 * futex wake, when it ends (CLONE_CHILD_CLEARTID): pthread_join waits on
 * that word.  A detached thread unmaps its own stack on the way out
 * (__pthread_unmap_exit).  Keys, once and the attributes are here too;
 * mutexes and condition variables are in pthread_mutex.c.
 */
#include <errno.h>
#include <limits.h>
#include <picolibc.h>	/* defines PICOLIBC_TLS, which picotls.h needs */
#include <picotls.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "pthread_impl.h"

#define THREAD_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |	\
			 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

#define PAGE_SIZE		4096UL
#define DEFAULT_STACK_SIZE	(128 * 1024)	/* musl's: small enough for a no-MMU kernel's real memory */

long __pthread_clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
		     int *ptid, void *tls, int *ctid);
void __pthread_unmap_exit(void *base, size_t size) __attribute__((noreturn));

int __pthread_threaded;
static int live_threads = 1;		/* the process ends with exit(0) when the last one exits */
static __thread struct __pthread *self;	/* in the TLS block: 0 (main thread) until set */
static struct __pthread main_thread;

pthread_t pthread_self(void)
{
	if (!self) {
		main_thread.tid = (int)__sys0(SYS_gettid);
		self = &main_thread;
	}
	return self;
}

int pthread_equal(pthread_t t1, pthread_t t2)
{
	return t1 == t2;
}

/* The new thread's first C: its descriptor is its argument. */
static int start_thread(void *arg)
{
	struct __pthread *t = arg;

	self = t;
	pthread_exit(t->start(t->arg));
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start_routine)(void *), void *arg)
{
	size_t stack = attr ? attr->__stacksize : DEFAULT_STACK_SIZE;
	size_t align = _tls_align() > 16 ? _tls_align() : 16;
	size_t size = PAGE_SIZE + ((stack + 15) & ~15UL) + _tls_size() + align +
		      sizeof(struct __pthread) + 16;
	struct __pthread *t;
	uintptr_t tls;
	char *map;
	long tid;
	int saved_errno;

	size = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return EAGAIN;
	saved_errno = errno;
	if (mprotect(map, PAGE_SIZE, PROT_NONE))	/* the guard; no MMU: ENOSYS, and no guard */
		errno = saved_errno;			/* not the caller's business */
	t = (struct __pthread *)(((uintptr_t)map + size - sizeof(*t)) & ~15UL);
	tls = ((uintptr_t)t - _tls_size()) & ~(uintptr_t)(align - 1);
	_init_tls((void *)tls);
	t->start = start_routine;
	t->arg = arg;
	t->map = map;
	t->map_size = size;
	t->detach_state = attr && attr->__detachstate == PTHREAD_CREATE_DETACHED ?
			  DT_DETACHED : DT_JOINABLE;
	pthread_self();			/* the main thread's descriptor, before there are two */
	__pthread_threaded = 1;
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
	tid = __pthread_clone(start_thread, (void *)tls, THREAD_FLAGS, t, &t->tid, (void *)tls,
			      &t->tid);
	if (tid < 0) {
		__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
		munmap(map, size);
		return tid == -LINUX_EAGAIN ? EAGAIN : __errno_from_linux((int)-tid);
	}
	*thread = t;
	return 0;
}

void pthread_exit(void *retval)
{
	struct __pthread *t = pthread_self();
	int joinable = DT_JOINABLE;

	__pthread_run_destructors(t);
	t->result = retval;
	if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST) == 0)
		exit(0);		/* the last thread: the process ends as by exit(0) */
	if (!t->map || __atomic_compare_exchange_n(&t->detach_state, &joinable, DT_EXITING, 0,
						   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		for (;;)
			__sys1(SYS_exit, 0);	/* the kernel zeroes tid and wakes the joiner */
	}
	/* Detached: nobody will join.  The stack goes with the thread, and no tid write after. */
	__sys1(SYS_set_tid_address, 0);
	__pthread_unmap_exit(t->map, t->map_size);
}

int pthread_join(pthread_t t, void **retval)
{
	int tid;

	if (t == pthread_self())
		return EDEADLK;
	if (!t->map || __atomic_load_n(&t->detach_state, __ATOMIC_SEQ_CST) == DT_DETACHED)
		return EINVAL;
	while ((tid = __atomic_load_n(&t->tid, __ATOMIC_SEQ_CST)) != 0)
		__sys4(SYS_futex, &t->tid, FUTEX_WAIT, tid, NULL);	/* shared: the kernel's wake is */
	if (retval)
		*retval = t->result;
	munmap(t->map, t->map_size);
	return 0;
}

int pthread_detach(pthread_t t)
{
	int joinable = DT_JOINABLE;

	if (!t->map)
		return EINVAL;
	if (__atomic_compare_exchange_n(&t->detach_state, &joinable, DT_DETACHED, 0,
					__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return 0;
	if (joinable == DT_EXITING)
		return pthread_join(t, NULL);	/* it has ended already: reap it now */
	return EINVAL;
}

int pthread_attr_init(pthread_attr_t *attr)
{
	attr->__stacksize = DEFAULT_STACK_SIZE;
	attr->__detachstate = PTHREAD_CREATE_JOINABLE;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t stacksize)
{
	if (stacksize < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stacksize = stacksize;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *stacksize)
{
	*stacksize = attr->__stacksize;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int detachstate)
{
	if (detachstate != PTHREAD_CREATE_JOINABLE && detachstate != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detachstate = detachstate;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *detachstate)
{
	*detachstate = attr->__detachstate;
	return 0;
}

/* once: 0 never run, 1 running (others wait on the word), 2 done. */
int pthread_once(pthread_once_t *once_control, void (*init_routine)(void))
{
	for (;;) {
		int v = __atomic_load_n(once_control, __ATOMIC_ACQUIRE);

		if (v == 2)
			return 0;
		if (v == 0 && __atomic_compare_exchange_n(once_control, &v, 1, 0,
							  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
			init_routine();
			__atomic_store_n(once_control, 2, __ATOMIC_RELEASE);
			__futex_wake(once_control, INT_MAX);
			return 0;
		}
		if (v == 1)
			__futex_wait(once_control, 1, NULL);
	}
}

/*
 * Keys: a table of destructors; each thread's values carry the key's
 * generation, so a deleted key's old values are not seen by the key that
 * reuses its slot.
 */
static struct {
	unsigned int seq;		/* odd while the key exists */
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];
static pthread_mutex_t keys_lock = PTHREAD_MUTEX_INITIALIZER;

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	int ret = EAGAIN;

	pthread_mutex_lock(&keys_lock);
	for (unsigned int k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (keys[k].seq & 1)
			continue;
		keys[k].seq++;
		keys[k].destructor = destructor;
		*key = k;
		ret = 0;
		break;
	}
	pthread_mutex_unlock(&keys_lock);
	return ret;
}

int pthread_key_delete(pthread_key_t key)
{
	int ret = EINVAL;

	pthread_mutex_lock(&keys_lock);
	if (key < PTHREAD_KEYS_MAX && (keys[key].seq & 1)) {
		keys[key].seq++;
		keys[key].destructor = NULL;
		ret = 0;
	}
	pthread_mutex_unlock(&keys_lock);
	return ret;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct __pthread *t = pthread_self();

	if (key >= PTHREAD_KEYS_MAX || t->specific[key].seq != keys[key].seq)
		return NULL;
	return t->specific[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct __pthread *t = pthread_self();

	if (key >= PTHREAD_KEYS_MAX || !(keys[key].seq & 1))
		return EINVAL;
	t->specific[key].seq = keys[key].seq;
	t->specific[key].value = (void *)value;
	return 0;
}

void __pthread_run_destructors(struct __pthread *t)
{
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int ran = 0;

		for (unsigned int k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void (*d)(void *) = keys[k].destructor;
			void *v = t->specific[k].value;

			if (!d || !v || t->specific[k].seq != keys[k].seq)
				continue;
			t->specific[k].value = NULL;
			d(v);
			ran = 1;
		}
		if (!ran)
			break;
	}
}
