/*
 * test_thread: threads, as Linux has them.  pthreads (rvmm's library or
 * glibc's) over clone(CLONE_THREAD ...): shared memory, one process id
 * and a thread id each, the /proc count; futex wait and wake, with
 * timeouts, bitsets, signals and their errors; clone's own flags
 * (CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID) through a raw clone; exit against exit_group, a
 * fault or an exec in one thread ending all of them, the leader's wait
 * status; signals to the process and to one thread; mutexes and
 * condition variables under contention (the timer tick preempts), once,
 * keys.  The processes that end in those ways are children: forked, or,
 * without an MMU, this program again by vfork and execve.
 */
#define _GNU_SOURCE		/* syscall, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"
#include "mm.h"

static const char *self;

static long gettid_(void)
{
	return syscall(SYS_gettid);
}

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, 0L, val3);
}

/* now_ms: CLOCK_REALTIME in milliseconds (gettimeofday: both C libraries have it). */
static long long now_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* ---- ids, shared memory, /proc ---- */

#define NR_IDS 4
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static int arrived, released;
static long ids_pid[NR_IDS], ids_tid[NR_IDS];
static int shared_word;

static void *ids_thread(void *arg)
{
	long i = (long)arg;

	ids_pid[i] = getpid();
	ids_tid[i] = gettid_();
	__atomic_add_fetch(&shared_word, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_lock(&gate);
	arrived++;
	pthread_cond_broadcast(&gate_cond);
	while (!released)
		pthread_cond_wait(&gate_cond, &gate);
	pthread_mutex_unlock(&gate);
	return (void *)(i * 10);
}

static void test_ids(void)
{
	pthread_t t[NR_IDS];
	long me = getpid(), tid = gettid_(), threads_then, tgid, pid_line;
	int created = 0, distinct = 1, same_pid = 1, results = 1;

	ok(tid == me, "the first thread's id is the process id (gettid %ld, getpid %ld)", tid, me);
	for (long i = 0; i < NR_IDS; i++)
		created += pthread_create(&t[i], NULL, ids_thread, (void *)i) == 0;
	ok(created == NR_IDS, "pthread_create makes %d threads", NR_IDS);
	pthread_mutex_lock(&gate);
	while (arrived < created)
		pthread_cond_wait(&gate_cond, &gate);
	pthread_mutex_unlock(&gate);
	threads_then = proc_number("/proc/self/status", "Threads:");
	tgid = proc_number("/proc/self/status", "Tgid:");
	pid_line = proc_number("/proc/self/status", "Pid:");
	pthread_mutex_lock(&gate);
	released = 1;
	pthread_cond_broadcast(&gate_cond);
	pthread_mutex_unlock(&gate);
	for (int i = 0; i < created; i++) {
		void *r = NULL;

		results &= pthread_join(t[i], &r) == 0 && r == (void *)(long)(i * 10);
		same_pid &= ids_pid[i] == me;
		distinct &= ids_tid[i] > 0 && ids_tid[i] != me;
		for (int j = 0; j < i; j++)
			distinct &= ids_tid[i] != ids_tid[j];
	}
	ok(same_pid, "getpid is the same in every thread: the thread group's id");
	ok(distinct, "gettid differs in every thread, and from the first");
	ok(results, "pthread_join gives each thread's return value");
	ok(shared_word == NR_IDS, "the threads share memory (%d increments seen)", shared_word);
	if (under_qemu_user()) {
		skip("qemu-user: /proc/self/status is the host's, with qemu's own threads",
		     "/proc/self/status: Threads: %d while they live, then 1", NR_IDS + 1);
	} else {
		long after = proc_number("/proc/self/status", "Threads:");

		ok(threads_then == NR_IDS + 1 && after == 1,
		   "/proc/self/status: Threads: %d while they live (%ld), then 1 (%ld)",
		   NR_IDS + 1, threads_then, after);
	}
	ok(tgid == me && pid_line == me, "/proc/self/status: Tgid: and Pid: are the process's (%ld, %ld)",
	   tgid, pid_line);
}

/* ---- mutexes and condition variables under contention ---- */

#define NR_WORKERS 4
#define ROUNDS 20000
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter;

static void *count_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&counter_lock);
		long v = counter;

		/* a window for the tick to preempt the holder: the others must wait */
		for (volatile int k = 0; k < 20; k++)
			;
		counter = v + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void *trylock_thread(void *arg)
{
	return (void *)(long)pthread_mutex_trylock(arg);
}

static void *unlock_thread(void *arg)
{
	return (void *)(long)pthread_mutex_unlock(arg);
}

/* A queue of one slot: a producer and a consumer that wait for each other. */
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_nonempty = PTHREAD_COND_INITIALIZER, q_nonfull = PTHREAD_COND_INITIALIZER;
static int q_full, q_value;

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= 2000; i++) {
		pthread_mutex_lock(&q_lock);
		while (q_full)
			pthread_cond_wait(&q_nonfull, &q_lock);
		q_value = i;
		q_full = 1;
		pthread_cond_signal(&q_nonempty);
		pthread_mutex_unlock(&q_lock);
	}
	return NULL;
}

static void test_mutex_cond(void)
{
	pthread_t t[NR_WORKERS], p;
	pthread_mutex_t m;
	pthread_mutexattr_t a;
	int made = 0, in_order = 1;
	long long sum = 0, start, waited;
	void *r = NULL;
	struct timeval tv;
	struct timespec abs;

	for (int i = 0; i < NR_WORKERS; i++)
		made += pthread_create(&t[i], NULL, count_thread, NULL) == 0;
	for (int i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	ok(made == NR_WORKERS && counter == (long)NR_WORKERS * ROUNDS,
	   "a mutex keeps %d threads' %d increments each whole (%ld)", NR_WORKERS, ROUNDS, counter);

	pthread_mutex_lock(&counter_lock);
	ok(pthread_create(&p, NULL, trylock_thread, &counter_lock) == 0 && pthread_join(p, &r) == 0 &&
	   (long)r == EBUSY, "pthread_mutex_trylock of a mutex another thread holds: EBUSY");
	pthread_mutex_unlock(&counter_lock);
	ok(pthread_mutex_trylock(&counter_lock) == 0 && pthread_mutex_unlock(&counter_lock) == 0,
	   "pthread_mutex_trylock of a free mutex takes it");

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &a);
	pthread_mutex_lock(&m);
	ok(pthread_mutex_lock(&m) == EDEADLK, "an error-checking mutex locked twice: EDEADLK");
	ok(pthread_create(&p, NULL, unlock_thread, &m) == 0 &&
	   pthread_join(p, &r) == 0 && (long)r == EPERM,
	   "an error-checking mutex unlocked by another thread: EPERM");
	pthread_mutex_unlock(&m);
	pthread_mutex_destroy(&m);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m, &a);
	ok(pthread_mutex_lock(&m) == 0 && pthread_mutex_lock(&m) == 0 &&
	   pthread_create(&p, NULL, trylock_thread, &m) == 0 && pthread_join(p, &r) == 0 &&
	   (long)r == EBUSY && pthread_mutex_unlock(&m) == 0 && pthread_mutex_unlock(&m) == 0 &&
	   pthread_mutex_trylock(&m) == 0 && pthread_mutex_unlock(&m) == 0,
	   "a recursive mutex: locked twice, held until unlocked twice");
	pthread_mutex_destroy(&m);
	pthread_mutexattr_destroy(&a);

	if (pthread_create(&p, NULL, producer, NULL) == 0) {
		for (int i = 1; i <= 2000; i++) {
			pthread_mutex_lock(&q_lock);
			while (!q_full)
				pthread_cond_wait(&q_nonempty, &q_lock);
			in_order &= q_value == i;
			sum += q_value;
			q_full = 0;
			pthread_cond_signal(&q_nonfull);
			pthread_mutex_unlock(&q_lock);
		}
		pthread_join(p, NULL);
	}
	ok(in_order && sum == 2000LL * 2001 / 2,
	   "condition variables hand 2000 values from a producer to a consumer in order");

	start = now_ms();		/* no later than the time the deadline is counted from */
	gettimeofday(&tv, NULL);
	abs.tv_sec = tv.tv_sec;
	abs.tv_nsec = tv.tv_usec * 1000L + 50 * 1000000L;
	if (abs.tv_nsec >= 1000000000L) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&q_lock);
	int tr = pthread_cond_timedwait(&q_nonempty, &q_lock, &abs);
	int relocked = pthread_mutex_trylock(&q_lock) != 0;	/* still ours after the timeout */
	pthread_mutex_unlock(&q_lock);
	waited = now_ms() - start;
	ok(tr == ETIMEDOUT && relocked && waited >= 49,
	   "pthread_cond_timedwait 50 ms ahead: ETIMEDOUT after %lld ms, the mutex held again", waited);
}

/* ---- once and keys ---- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key;
static int destructed;

static void once_fn(void)
{
	once_runs++;
	sleep_ms(10);		/* the others arrive while it runs, and must wait */
}

static void key_dtor(void *v)
{
	__atomic_add_fetch(&destructed, (int)(long)v, __ATOMIC_SEQ_CST);
}

static void *once_key_thread(void *arg)
{
	pthread_once(&once, once_fn);
	if (pthread_getspecific(key) != NULL)
		return (void *)10;		/* a new thread's value starts NULL */
	pthread_setspecific(key, arg);
	sched_yield();
	return pthread_getspecific(key) == arg ? (void *)(long)once_runs : (void *)2;
}

static void test_once_keys(void)
{
	pthread_t t[3];
	int good = 1;

	ok(pthread_key_create(&key, key_dtor) == 0, "pthread_key_create");
	pthread_setspecific(key, (void *)100L);	/* the main thread's: no destructor runs for it here */
	for (long i = 0; i < 3; i++)
		good &= pthread_create(&t[i], NULL, once_key_thread, (void *)(i + 1)) == 0;
	for (int i = 0; i < 3; i++) {
		void *r = NULL;

		pthread_join(t[i], &r);
		good &= r == (void *)1L;
	}
	ok(good && once_runs == 1, "pthread_once runs its function once among 3 threads, all see it done");
	ok(destructed == 1 + 2 + 3 && pthread_getspecific(key) == (void *)100L,
	   "each thread's key value is its own, and its destructor runs at exit (sum %d)", destructed);
	ok(pthread_key_delete(key) == 0, "pthread_key_delete");
}

/* ---- attributes, detach, errno ---- */

static volatile int detached_ran;

static void *detached_thread(void *arg)
{
	(void)arg;
	detached_ran = 1;
	return NULL;
}

static void *deep_thread(void *arg)
{
	volatile char buf[512 * 1024];

	(void)arg;
	buf[0] = 1;
	buf[sizeof(buf) - 1] = 2;
	return (void *)(long)(buf[0] + buf[sizeof(buf) - 1]);
}

static void *errno_thread(void *arg)
{
	(void)arg;
	errno = 0;
	close(-1);
	return (void *)(long)errno;
}

static void test_attr_detach(void)
{
	pthread_attr_t a;
	pthread_t t;
	size_t sz = 0;
	int ds = -1;
	void *r = NULL;

	pthread_attr_init(&a);
	ok(pthread_attr_setstacksize(&a, 1024 * 1024) == 0 && pthread_attr_getstacksize(&a, &sz) == 0 &&
	   sz == 1024 * 1024 && pthread_create(&t, &a, deep_thread, NULL) == 0 &&
	   pthread_join(t, &r) == 0 && (long)r == 3,
	   "pthread_attr_setstacksize 1 MiB: a thread uses 512 KiB of stack");
	ok(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED) == 0 &&
	   pthread_attr_getdetachstate(&a, &ds) == 0 && ds == PTHREAD_CREATE_DETACHED &&
	   pthread_create(&t, &a, detached_thread, NULL) == 0,
	   "a detached thread is created");
	for (int i = 0; i < 200 && !detached_ran; i++)
		sleep_ms(5);
	ok(detached_ran, "the detached thread ran");
	pthread_attr_destroy(&a);
	ok(pthread_create(&t, NULL, detached_thread, NULL) == 0 && pthread_detach(t) == 0,
	   "pthread_detach of a running or finished thread");
	ok(pthread_equal(pthread_self(), pthread_self()) && pthread_join(pthread_self(), NULL) == EDEADLK,
	   "pthread_self is equal to itself; joining it: EDEADLK");
	errno = 0;
	r = NULL;
	int made = pthread_create(&t, NULL, errno_thread, NULL) == 0 && pthread_join(t, &r) == 0;
	int mine = errno;

	ok(made && (long)r == EBADF && mine == 0,
	   "errno is each thread's own (%s there, %s here)", strerror((int)(long)r), strerror(mine));
}

/* ---- CLONE_FS: the directory and umask are the process's ---- */

static void *chdir_thread(void *arg)
{
	(void)arg;
	umask(077);
	return (void *)(long)chdir("/proc");
}

static void test_fs_shared(void)
{
	char cwd[64] = "";
	pthread_t t;
	void *r = (void *)1L;
	mode_t old = umask(022), now;

	ok(pthread_create(&t, NULL, chdir_thread, NULL) == 0 && pthread_join(t, &r) == 0 && r == NULL,
	   "a thread changes directory and umask");
	now = umask(old);
	ok(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/proc") && now == 077,
	   "CLONE_FS: the other thread sees the new directory (%s) and umask (%03o)", cwd, (unsigned)now);
	chdir("/");
}

/* ---- CPU time: the process's is every thread's ---- */

static long long clock_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long rusage_ns(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
}

static void *spin_thread(void *arg)
{
	long long start = clock_ns(CLOCK_THREAD_CPUTIME_ID), now;

	(void)arg;
	do
		now = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	while (now - start < 30000000LL);	/* 30 ms of its own CPU time */
	return (void *)(long)(now - start);
}

static void test_cputime(void)
{
	long long p0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID), t0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	long long r0 = rusage_ns(RUSAGE_SELF), rt0 = rusage_ns(RUSAGE_THREAD), p1, t1, r1, rt1;
	pthread_t t;
	void *spun = NULL;

	if (!ok(pthread_create(&t, NULL, spin_thread, NULL) == 0 && pthread_join(t, &spun) == 0,
		"a thread spins for 30 ms of CPU time"))
		return;
	p1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	t1 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	r1 = rusage_ns(RUSAGE_SELF);
	rt1 = rusage_ns(RUSAGE_THREAD);
	ok(p1 - p0 >= (long)spun && t1 - t0 < (long)spun,
	   "CLOCK_PROCESS_CPUTIME_ID counts the gone thread's %ld ns (+%lld), CLOCK_THREAD_CPUTIME_ID "
	   "only the caller's (+%lld)", (long)spun, p1 - p0, t1 - t0);
	ok(r1 - r0 >= (long)spun - 1000 && rt1 - rt0 < (long)spun,
	   "getrusage: RUSAGE_SELF counts it too (+%lld ns), RUSAGE_THREAD does not (+%lld ns)",
	   r1 - r0, rt1 - rt0);
}

/* ---- futex ---- */

static volatile int fword;
static volatile long waiter_ret, waiter_errno;
static volatile int waiter_started;

static void *futex_waiter(void *arg)
{
	int bitset = (int)(long)arg;

	waiter_started = 1;
	if (bitset)
		waiter_ret = futex(&fword, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, NULL, bitset);
	else
		waiter_ret = futex(&fword, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, 0);
	waiter_errno = errno;
	return NULL;
}

/* wake_until: FUTEX_WAKE (with bitset) until it wakes somebody, as the waiter may not sleep yet; what it said. */
static long wake_until(int bitset)
{
	long n = 0;

	for (int i = 0; i < 400 && n == 0; i++) {
		n = bitset ? futex(&fword, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 1, NULL, bitset)
			   : futex(&fword, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0);
		if (n == 0)
			sleep_ms(5);
	}
	return n;
}

static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled = 1;
}

static void *eintr_waiter(void *arg)
{
	(void)arg;
	waiter_started = gettid_();
	waiter_ret = futex(&fword, FUTEX_WAIT, 0, NULL, 0);	/* no timeout, no SA_RESTART */
	waiter_errno = errno;
	return NULL;
}

static void check_futex_error(long r, int want, const char *what)
{
	int e = errno;

	ok(r == -1 && e == want, "futex %s: %s (got %ld, %s)", what, strerror(want), r, strerror(e));
}

static void test_futex(void)
{
	volatile int word = 5;
	int aligned[2] = { 0, 0 };
	struct timespec rel = { 0, 30 * 1000000L }, bad_ts = { 0, 1000000000L }, abs;
	struct timeval tv;
	long long start, waited;
	pthread_t t;
	struct sigaction sa;

	errno = 0;
	check_futex_error(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 4, NULL, 0), EAGAIN,
			  "FUTEX_WAIT when the word is not the value");
	start = now_ms();
	long r = futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 5, &rel, 0);
	int e = errno;

	waited = now_ms() - start;
	ok(r == -1 && e == ETIMEDOUT && waited >= 29,
	   "FUTEX_WAIT with a relative 30 ms timeout: ETIMEDOUT after %lld ms", waited);
	abs.tv_sec = 0;
	abs.tv_nsec = 1;		/* the clock's first nanosecond: past, whatever its epoch */
	errno = 0;
	check_futex_error(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 5, &abs, -1),
			  ETIMEDOUT, "FUTEX_WAIT_BITSET, CLOCK_REALTIME, a time already past");
	start = now_ms();
	gettimeofday(&tv, NULL);
	abs.tv_sec = tv.tv_sec;
	abs.tv_nsec = tv.tv_usec * 1000L + 40 * 1000000L;
	if (abs.tv_nsec >= 1000000000L) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000L;
	}
	r = futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 5, &abs, -1);
	e = errno;
	waited = now_ms() - start;
	ok(r == -1 && e == ETIMEDOUT && waited >= 39,
	   "FUTEX_WAIT_BITSET to an absolute CLOCK_REALTIME time 40 ms ahead: ETIMEDOUT after %lld ms",
	   waited);
	ok(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0) == 0,
	   "FUTEX_WAKE with nobody waiting wakes 0");

	fword = 0;
	waiter_ret = -2;
	ok(pthread_create(&t, NULL, futex_waiter, NULL) == 0 && wake_until(0) == 1 &&
	   pthread_join(t, NULL) == 0 && waiter_ret == 0,
	   "FUTEX_WAKE wakes the thread in FUTEX_WAIT (1 woken, the wait returns 0)");
	waiter_ret = -2;
	if (pthread_create(&t, NULL, futex_waiter, (void *)2L) == 0) {
		while (!waiter_started)
			sched_yield();
		sleep_ms(20);
		long other = futex(&fword, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 1, NULL, 1);
		long mine = wake_until(2 | 4);

		pthread_join(t, NULL);
		ok(other == 0 && mine == 1 && waiter_ret == 0,
		   "FUTEX_WAKE_BITSET wakes only a waiter whose bitset it meets (%ld, then %ld)", other, mine);
	} else {
		ok(0, "FUTEX_WAKE_BITSET: a thread to wait");
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;	/* no SA_RESTART */
	sigaction(SIGUSR1, &sa, NULL);
	waiter_started = 0;
	waiter_ret = -2;
	handled = 0;
	if (pthread_create(&t, NULL, eintr_waiter, NULL) == 0) {
		while (!waiter_started)
			sched_yield();
		/* again until the wait ends: a signal before the thread sleeps only runs the handler */
		for (int i = 0; i < 400 && waiter_ret == -2; i++) {
			syscall(SYS_tgkill, getpid(), waiter_started, SIGUSR1);
			sleep_ms(5);
		}
		pthread_join(t, NULL);
		ok(handled && waiter_ret == -1 && waiter_errno == EINTR,
		   "a signal with a handler (no SA_RESTART) ends FUTEX_WAIT: EINTR");
	} else {
		ok(0, "FUTEX_WAIT and a signal: a thread to wait");
	}
	signal(SIGUSR1, SIG_DFL);

	errno = 0;
	check_futex_error(futex((int *)((char *)aligned + 1), FUTEX_WAIT, 0, NULL, 0), EINVAL,
			  "FUTEX_WAIT on a misaligned word");
	check_futex_error(futex(&word, FUTEX_WAIT_BITSET, 5, NULL, 0), EINVAL,
			  "FUTEX_WAIT_BITSET with bitset 0");
	check_futex_error(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, 0), EINVAL,
			  "FUTEX_WAKE_BITSET with bitset 0");
	check_futex_error(futex(&word, FUTEX_WAIT, 5, &bad_ts, 0), EINVAL,
			  "FUTEX_WAIT with tv_nsec 1000000000");
	check_futex_error(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 5, &rel, 0), ENOSYS,
			  "FUTEX_WAIT with FUTEX_CLOCK_REALTIME");
	check_futex_error(futex(&word, 99, 0, NULL, 0), ENOSYS, "an unknown operation");
	check_futex_error(futex((int *)4, FUTEX_WAIT, 0, NULL, 0), EFAULT,
			  "FUTEX_WAIT on a word in page 0");
	check_futex_error(futex((int *)0xffffffff80000000UL, FUTEX_WAIT, 0, NULL, 0), EFAULT,
			  "FUTEX_WAIT on a kernel address");
	check_futex_error(futex(&word, FUTEX_WAIT, 5, (struct timespec *)1, 0), EFAULT,
			  "FUTEX_WAIT with a timeout in page 0");
}

/* ---- raw clone: the tid and TLS flags ---- */

/*
 * raw_clone(fn, stack, flags, arg, ptid, tls, ctid): clone(2) whose child
 * runs fn(arg) on stack and then exit(2).  The child must not touch the C
 * library (its TLS is whatever tls says): raw system calls only.
 */
long raw_clone(long (*fn)(void *), void *stack, unsigned long flags, void *arg,
	       int *ptid, void *tls, int *ctid);
__asm__(".text\n"
	".globl raw_clone\n"
	"raw_clone:\n"
	"	andi a1, a1, -16\n"
	"	addi a1, a1, -16\n"
	"	sd a0, 0(a1)\n"
	"	sd a3, 8(a1)\n"
	"	mv a0, a2\n"
	"	mv a2, a4\n"
	"	mv a3, a5\n"
	"	mv a4, a6\n"
	"	li a7, 220\n"
	"	ecall\n"
	"	beqz a0, 1f\n"
	"	ret\n"
	"1:	ld t0, 0(sp)\n"
	"	ld a0, 8(sp)\n"
	"	jalr t0\n"
	"	li a7, 93\n"
	"	ecall\n"
	"	unimp\n");

static inline long raw_syscall1(long nr, long a0_)
{
	register long a7 __asm__("a7") = nr;
	register long a0 __asm__("a0") = a0_;

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
	return a0;
}

struct raw_child {
	long tid, pid, tp, settid_ret;
	int *badptr;
};

static long raw_child_fn(void *arg)
{
	struct raw_child *c = arg;
	long tp;

	__asm__ volatile("mv %0, tp" : "=r"(tp));
	c->tp = tp;
	c->tid = raw_syscall1(SYS_gettid, 0);
	c->pid = raw_syscall1(SYS_getpid, 0);
	if (c->badptr)
		c->settid_ret = raw_syscall1(SYS_set_tid_address, (long)c->badptr);
	return 0;
}

static void test_raw_clone(void)
{
	const unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
				    CLONE_SYSVSEM;
	static int ptid, ctid;
	static char fake_tls[64];
	struct raw_child c = { 0 };
	char *stack = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long tid;
	int v;

	if (stack == MAP_FAILED) {
		ok(0, "raw clone: a stack");
		return;
	}
	ptid = 0;
	ctid = -1;
	tid = raw_clone(raw_child_fn, stack + 65536,
			flags | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
			CLONE_CHILD_CLEARTID, &c, &ptid, fake_tls, &ctid);
	/* CLONE_CHILD_SETTID makes ctid the tid, then its exit zeroes it: wait for 0 on it */
	while (tid > 0 && (v = __atomic_load_n(&ctid, __ATOMIC_SEQ_CST)) != 0)
		syscall(SYS_futex, &ctid, FUTEX_WAIT, v, 0L, 0L, 0);
	ok(tid > 0 && ptid == tid, "clone(CLONE_THREAD | CLONE_PARENT_SETTID): the tid is written for the parent (%ld, %d)",
	   tid, ptid);
	ok(c.tid == tid && c.pid == getpid(), "the raw thread's gettid is clone's result, getpid the process's");
	ok(c.tp == (long)fake_tls, "CLONE_SETTLS: the thread's tp register is the tls argument");
	ok(ctid == 0, "CLONE_CHILD_CLEARTID: exit(2) of the thread zeroes the word and wakes its waiter");

	/* set_tid_address with a bad pointer: the thread still ends, the process goes on */
	memset(&c, 0, sizeof(c));
	c.badptr = (int *)1;
	tid = raw_clone(raw_child_fn, stack + 65536, flags, &c, NULL, NULL, NULL);
	for (int i = 0; i < 400 && tid > 0 && syscall(SYS_tgkill, getpid(), tid, 0) == 0; i++)
		sleep_ms(5);
	errno = 0;
	ok(tid > 0 && c.settid_ret == tid && syscall(SYS_tgkill, getpid(), tid, 0) == -1 && errno == ESRCH,
	   "set_tid_address(a bad pointer) gives the tid; the thread's exit ignores the pointer");
	munmap(stack, 65536);

	errno = 0;
	ok(syscall(SYS_clone, CLONE_THREAD | SIGCHLD, 0L, 0L, 0L, 0L) == -1 && errno == EINVAL,
	   "clone(CLONE_THREAD) without CLONE_SIGHAND: EINVAL");
	errno = 0;
	ok(syscall(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0L, 0L, 0L, 0L) == -1 && errno == EINVAL,
	   "clone(CLONE_SIGHAND) without CLONE_VM: EINVAL");
	errno = 0;
	ok(syscall(SYS_clone, CLONE_THREAD | CLONE_SIGHAND, 0L, 0L, 0L, 0L) == -1 && errno == EINVAL,
	   "clone(CLONE_THREAD | CLONE_SIGHAND) without CLONE_VM: EINVAL");
}

/* ---- signals to the process and to one thread ---- */

static volatile long handler_tid;

static void record_tid(int sig)
{
	(void)sig;
	handler_tid = gettid_();
}

static volatile int unblocked;

static void *unblocking_thread(void *arg)
{
	sigset_t s;

	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	unblocked = gettid_();
	for (int i = 0; i < 400 && !handler_tid; i++)
		sleep_ms(5);
	return NULL;
}

static volatile int go;
static volatile long seen_pending;

/* With SIGUSR1 blocked, like every thread: wait for go, then unblock it. */
static void *late_unblocking_thread(void *arg)
{
	sigset_t s;

	(void)arg;
	while (!go)
		sleep_ms(2);
	sigpending(&s);
	seen_pending = sigismember(&s, SIGUSR1);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &s, NULL);	/* the handler runs here, in this thread */
	return (void *)gettid_();
}

static void test_signals(void)
{
	struct sigaction sa;
	sigset_t s, old;
	pthread_t t;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record_tid;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, &old);
	handler_tid = 0;
	if (pthread_create(&t, NULL, unblocking_thread, NULL) == 0) {
		while (!unblocked)
			sched_yield();
		kill(getpid(), SIGUSR1);
		pthread_join(t, NULL);
		ok(handler_tid == unblocked,
		   "kill(getpid()): the thread not blocking the signal runs the handler (%ld, thread %d)",
		   handler_tid, unblocked);
	} else {
		ok(0, "kill to a process of two threads");
	}
	handler_tid = 0;
	go = 0;
	if (pthread_create(&t, NULL, late_unblocking_thread, NULL) == 0) {
		void *tid = NULL;
		sigset_t p;

		kill(getpid(), SIGUSR1);	/* every thread blocks it: pending for the process */
		sigpending(&p);
		int pending_here = sigismember(&p, SIGUSR1);

		go = 1;
		pthread_join(t, &tid);
		sigpending(&p);
		ok(pending_here && seen_pending && handler_tid == (long)tid && !sigismember(&p, SIGUSR1),
		   "a signal every thread blocks is pending for the process; the thread that unblocks it takes it");
	} else {
		ok(0, "a process signal that every thread blocks");
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	handler_tid = 0;
	syscall(SYS_tgkill, getpid(), gettid_(), SIGUSR2);
	ok(handler_tid == gettid_(), "tgkill(getpid(), gettid()): this thread runs the handler");
	errno = 0;
	ok(syscall(SYS_tgkill, getpid() + 100000, gettid_(), 0) == -1 && errno == ESRCH,
	   "tgkill with a thread id of another process: ESRCH");
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* ---- how a process of threads ends (children) ---- */

static int role_fds[2] = { -1, -1 };

static int *volatile nowhere;	/* NULL, read at run time */

static void *faulting_thread(void *arg)
{
	(void)arg;
	sleep_ms(10);
	*nowhere = 1;
	return NULL;
}

static void *group_exiting_thread(void *arg)
{
	(void)arg;
	sleep_ms(10);
	exit(7);		/* exit_group: the main thread, blocked in join, goes too */
}

static void *last_thread(void *arg)
{
	char c;

	(void)arg;
	/* the parent says when it has seen the process still there */
	if (read(role_fds[0], &c, 1) != 1)
		syscall(SYS_exit_group, 99);
	syscall(SYS_exit, 3);		/* exit(2) of the last thread */
	return NULL;
}

static void *exec_thread(void *arg)
{
	char pid[24];
	char *argv[] = { (char *)self, "--exec-target", pid, NULL };

	(void)arg;
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	sleep_ms(10);
	execv(self, argv);
	syscall(SYS_exit_group, 98);
	return NULL;
}

static void *sleeping_thread(void *arg)
{
	(void)arg;
	for (;;)
		sleep_ms(1000);
	return NULL;
}

/* recurse: a kilobyte of stack a call, depth deep (a gigabyte: the guard page comes first). */
static int recurse(volatile char *prev, long depth)
{
	volatile char frame[1024];

	frame[0] = prev ? prev[0] + 1 : 0;
	if (depth == 0)
		return frame[0];
	return recurse(frame, depth - 1) + frame[1];
}

static void *overflowing_thread(void *arg)
{
	(void)arg;
	return (void *)(long)recurse(NULL, 1L << 20);
}

/* The roles of a child; none returns. */
static void run_role(const char *role)
{
	pthread_t t;

	if (strcmp(role, "segv") == 0) {
		pthread_create(&t, NULL, faulting_thread, NULL);
		for (;;)
			sleep_ms(1000);
	}
	if (strcmp(role, "exit-group") == 0) {
		pthread_create(&t, NULL, group_exiting_thread, NULL);
		pthread_join(t, NULL);
		_exit(1);
	}
	if (strcmp(role, "leader-exit") == 0) {
		pthread_create(&t, NULL, last_thread, NULL);
		if (write(role_fds[1], "L", 1) != 1)
			_exit(97);
		syscall(SYS_exit, 9);	/* the leader alone; the last thread's status is the process's */
	}
	if (strcmp(role, "sleepers") == 0) {
		for (int i = 0; i < 3; i++)
			pthread_create(&t, NULL, sleeping_thread, NULL);
		if (write(role_fds[1], "R", 1) != 1)
			_exit(97);
		for (;;)
			sleep_ms(1000);
	}
	if (strcmp(role, "overflow") == 0) {
		pthread_create(&t, NULL, overflowing_thread, NULL);
		pthread_join(t, NULL);
		_exit(1);
	}
	if (strcmp(role, "exec") == 0) {
		pthread_create(&t, NULL, exec_thread, NULL);
		for (;;)
			sleep_ms(1000);
	}
	_exit(96);
}

/* start_role: a child process in role, with a pipe's ends as fds to_child (read) and from_child (write). */
static pid_t start_role(const char *role, int to_child, int from_child)
{
	pid_t pid;

	if (no_mmu()) {
		char a[16], b[16];
		char *argv[] = { (char *)self, "--role", (char *)role, a, b, NULL };

		snprintf(a, sizeof(a), "%d", to_child);
		snprintf(b, sizeof(b), "%d", from_child);
		pid = vfork();
		if (pid == 0) {
			execv(self, argv);
			_exit(127);
		}
		return pid;
	}
	pid = fork();
	if (pid == 0) {
		role_fds[0] = to_child;
		role_fds[1] = from_child;
		run_role(role);
	}
	return pid;
}

static int wait_status(pid_t pid)
{
	int st;

	return pid > 0 && waitpid(pid, &st, 0) == pid ? st : -1;
}

static void test_endings(void)
{
	int down[2], up[2], st;
	pid_t pid;
	char c = 0;

	st = wait_status(start_role("segv", -1, -1));
	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	   "a fault in one thread kills the whole process with SIGSEGV (%s)", status_str(st));
	st = wait_status(start_role("exit-group", -1, -1));
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 7,
	   "exit (exit_group) in one thread ends every thread: status 7 (%s)", status_str(st));

	if (no_mmu()) {
		skip(NEEDS_MMU "no guard page below a thread's stack",
		     "a thread running off its stack meets the guard page: SIGSEGV");
	} else {
		st = wait_status(start_role("overflow", -1, -1));
		ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		   "a thread running off its stack meets the guard page: SIGSEGV (%s)", status_str(st));
	}

	if (pipe(down) || pipe(up)) {
		ok(0, "pipes for the leader-exit child");
		return;
	}
	pid = start_role("sleepers", down[0], up[1]);
	int ready = read(up[0], &c, 1) == 1 && c == 'R';

	ok(ready && kill(pid, SIGTERM) == 0, "kill(SIGTERM) to a process of 4 threads");
	st = wait_status(pid);
	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	   "a fatal signal to the process ends every thread: killed by SIGTERM (%s)", status_str(st));
	pid = start_role("leader-exit", down[0], up[1]);
	int said = read(up[0], &c, 1) == 1 && c == 'L';
	sleep_ms(30);			/* the leader's exit(2) was its next call */
	int running = pid > 0 && waitpid(pid, &st, WNOHANG) == 0;

	if (write(down[1], "x", 1) != 1)
		running = 0;
	st = wait_status(pid);
	close(down[0]);
	close(down[1]);
	close(up[0]);
	close(up[1]);
	ok(said && running, "the leader's exit(2) leaves the process running while a thread does");
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 3,
	   "the parent sees the status of the last thread to exit, 3, not the leader's 9 (%s)",
	   status_str(st));

	if (under_qemu_user()) {
		skip("qemu-user: execve runs the host's program loader", "execve in a thread");
	} else {
		st = wait_status(start_role("exec", -1, -1));
		ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 42,
		   "execve in a thread ends the others; the program runs alone with the process id (%s)",
		   status_str(st));
	}
}

/* The program an exec'ing thread starts: pid should be the process's, and alone. */
static int exec_target(const char *pid)
{
	long threads = proc_number("/proc/self/status", "Threads:");

	if (atoi(pid) != (int)getpid() || gettid_() != getpid())
		return 43;
	return threads == 1 ? 42 : 44;
}

int main(int argc, char *argv[])
{
	self = argv[0];
	if (argc > 2 && strcmp(argv[1], "--exec-target") == 0)
		return exec_target(argv[2]);
	if (argc > 4 && strcmp(argv[1], "--role") == 0) {
		role_fds[0] = atoi(argv[3]);
		role_fds[1] = atoi(argv[4]);
		run_role(argv[2]);
	}
	test_ids();
	test_mutex_cond();
	test_once_keys();
	test_attr_detach();
	test_fs_shared();
	test_cputime();
	test_futex();
	test_raw_clone();
	test_signals();
	test_endings();
	return tap_done();
}
