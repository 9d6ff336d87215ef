/*
 * kernel/time.c: the clocks user space reads and sleeps on:
 * clock_gettime, clock_getres, clock_settime, clock_nanosleep,
 * nanosleep and gettimeofday, with Linux's clock ids and errors
 * (kernel/time/posix-timers.c and posix-cpu-timers.c there).
 *
 * CLOCK_MONOTONIC, _RAW and CLOCK_BOOTTIME are the time CSR since boot
 * (the machine never suspends, nor is the clock slewed); CLOCK_REALTIME
 * adds the wall-clock offset read from the RTC at boot; the _COARSE
 * clocks are the same as of the last tick.  The CPU-time clocks count
 * what the scheduler charged the task (task_sched_runtime); a process is
 * one thread, so the process and thread clocks agree.  A sleep counts in
 * nanoseconds but wakes on a tick, so it lasts at least what was asked
 * and at most a tick (10 ms) longer.
 */
#include <errno.h>
#include <proc_fs.h>
#include <sched.h>
#include <syscall_table.h>
#include <timer.h>
#include <uaccess.h>

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_TAI			11

#define TIMER_ABSTIME			0x01

/*
 * A negative clock id is another task's CPU-time clock (clock_getcpuclockid):
 * ~pid << 3, bit 2 set for a thread's, the low two bits which count
 * (0 PROF: user + system, 1 VIRT: user, 2 SCHED: the precise runtime).
 */
#define CPUCLOCK_PID(clock)		((int)~((unsigned int)(clock) >> 3 | 0xe0000000u))
#define CPUCLOCK_WHICH(clock)		((clock) & 3)
#define CPUCLOCK_VIRT			1
#define CPUCLOCK_MAX			3

/* Kinds of clock, for what each call may do with them. */
enum clock_kind { CLOCK_BAD, CLOCK_WALL, CLOCK_MONO, CLOCK_COARSE, CLOCK_CPU };

static enum clock_kind clock_kind(int which)
{
	if (which < 0) {
		int pid = CPUCLOCK_PID(which);

		if (CPUCLOCK_WHICH(which) >= CPUCLOCK_MAX)
			return CLOCK_BAD;
		return !pid || find_task_by_pid(pid) ? CLOCK_CPU : CLOCK_BAD;
	}
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
		return CLOCK_WALL;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		return CLOCK_MONO;
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return CLOCK_COARSE;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return CLOCK_CPU;
	default:
		return CLOCK_BAD;
	}
}

/* clock_read_ns: the time on a clock clock_kind accepted. */
static u64 clock_read_ns(int which)
{
	u64 mono = ktime_get_ns();

	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
		return ktime_get_real_ns();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		return mono;
	case CLOCK_REALTIME_COARSE:
		return ktime_get_real_ns() - mono % NSEC_PER_TICK;
	case CLOCK_MONOTONIC_COARSE:
		return mono - mono % NSEC_PER_TICK;
	case CLOCK_PROCESS_CPUTIME_ID:
		return thread_group_runtime(current);
	case CLOCK_THREAD_CPUTIME_ID:
		return task_sched_runtime(current);
	}
	/* another task's CPU-time clock */
	{
		int pid = CPUCLOCK_PID(which);
		struct task_struct *t = pid ? find_task_by_pid(pid) : current;

		if (CPUCLOCK_WHICH(which) == CPUCLOCK_VIRT)
			return t->utime * NSEC_PER_TICK;
		return task_sched_runtime(t);
	}
}

long sys_clock_gettime(int which, struct timespec64 __user *tp)
{
	struct timespec64 ts;

	if (clock_kind(which) == CLOCK_BAD)
		return -EINVAL;
	ts = ns_to_timespec64(clock_read_ns(which));
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* sys_clock_getres: the time CSR's count, or the tick for the coarse clocks. */
long sys_clock_getres(int which, struct timespec64 __user *tp)
{
	enum clock_kind kind = clock_kind(which);
	struct timespec64 ts;

	if (kind == CLOCK_BAD)
		return -EINVAL;
	ts = ns_to_timespec64(kind == CLOCK_COARSE ? NSEC_PER_TICK : clock_resolution_ns());
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

/*
 * sys_clock_settime: only the wall clock can be set (the caller is root);
 * another task's CPU-time clock is EPERM, any other clock EINVAL (the
 * process and thread clocks too), as Linux's.
 */
long sys_clock_settime(int which, const struct timespec64 __user *tp)
{
	enum clock_kind kind = clock_kind(which);
	struct timespec64 ts;

	if (which != CLOCK_REALTIME && !(which < 0 && kind == CLOCK_CPU))
		return -EINVAL;
	if (copy_from_user(&ts, tp, sizeof(ts)))
		return -EFAULT;
	if (kind == CLOCK_CPU)
		return -EPERM;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	do_settime_real(timespec64_to_ns(&ts));
	return 0;
}

/*
 * sleep_until_ns: sleep until the monotonic clock reaches deadline, or a
 * signal comes (-EINTR).  The tick wakes the sleeper; each wake checks
 * the clock itself, so a sleep never ends early.
 */
static int sleep_until_ns(u64 deadline)
{
	for (;;) {
		u64 now = ktime_get_ns();
		u64 ticks;
		int err;

		if (now >= deadline)
			return 0;
		ticks = (deadline - now) / NSEC_PER_TICK + 1;
		err = sleep_until(ticks > ~0ULL - jiffies ? ~0ULL : jiffies + ticks);
		if (err)
			return err;
	}
}

int get_timespec64(struct timespec64 *ts, const struct timespec64 __user *uts)
{
	if (copy_from_user(ts, uts, sizeof(*ts)))
		return -EFAULT;
	return timespec64_valid(ts) ? 0 : -EINVAL;
}

/*
 * do_clock_nanosleep: relative or TIMER_ABSTIME on the wall or monotonic
 * clocks.  A relative sleep that a signal cuts short writes the time
 * left to rem (if given); an absolute one has nothing to say.
 */
static long do_clock_nanosleep(int which, int flags, const struct timespec64 __user *req,
			       struct timespec64 __user *rem)
{
	struct timespec64 ts;
	u64 start = ktime_get_ns(), deadline, t;
	int err;

	err = get_timespec64(&ts, req);
	if (err)
		return err;
	t = timespec64_to_ns(&ts);
	if (flags & TIMER_ABSTIME) {
		/* A wall-clock deadline is where the monotonic clock will be then. */
		if (clock_kind(which) == CLOCK_WALL) {
			u64 offset = ktime_get_real_ns() - start;

			t = t > offset ? t - offset : 0;
		}
		deadline = t;
		rem = NULL;
	} else {
		deadline = t > ~0ULL - start ? ~0ULL : start + t;
	}
	err = sleep_until_ns(deadline);
	if (err && rem) {
		u64 now = ktime_get_ns();
		struct timespec64 left = ns_to_timespec64(deadline > now ? deadline - now : 0);

		if (copy_to_user(rem, &left, sizeof(left)))
			return -EFAULT;
	}
	return err;
}

/*
 * cpu_nanosleep: a sleep until a CPU clock reaches a point.  The
 * sleeper's own CPU time stands still while it sleeps, so for a thread's
 * clock, or a process with one thread, a deadline not yet reached is never
 * reached: the sleep ends only with a signal (-EINTR, the whole time still
 * to go), as on Linux.  rvmm does not watch the other threads' CPU time:
 * a process clock's sleep ends the same way, where Linux would end it
 * once the other threads had used up the time.
 */
static long cpu_nanosleep(int which, int flags, const struct timespec64 __user *req,
			  struct timespec64 __user *rem)
{
	struct timespec64 ts;
	u64 t, now = clock_read_ns(which);
	int err;

	err = get_timespec64(&ts, req);
	if (err)
		return err;
	t = timespec64_to_ns(&ts);
	if ((flags & TIMER_ABSTIME) ? t <= now : t == 0)
		return 0;
	err = sleep_until(~0ULL);
	if (err && rem && !(flags & TIMER_ABSTIME) && copy_to_user(rem, &ts, sizeof(ts)))
		return -EFAULT;
	return err;
}

/*
 * sys_clock_nanosleep: the clocks a sleep can be timed by.  The raw and
 * coarse clocks and a thread's CPU time cannot (EOPNOTSUPP; the C
 * library makes the thread's EINVAL, as POSIX asks).
 */
long sys_clock_nanosleep(int which, int flags, const struct timespec64 __user *req,
			 struct timespec64 __user *rem)
{
	switch (clock_kind(which)) {
	case CLOCK_BAD:
		return -EINVAL;
	case CLOCK_WALL:
	case CLOCK_MONO:
		if (which == CLOCK_MONOTONIC_RAW)
			return -EOPNOTSUPP;
		return do_clock_nanosleep(which, flags, req, rem);
	case CLOCK_CPU:
		if (which == CLOCK_THREAD_CPUTIME_ID || (which < 0 && (which & 4)))
			return -EOPNOTSUPP;
		return cpu_nanosleep(which, flags, req, rem);
	default:
		return -EOPNOTSUPP;
	}
}

/* sys_nanosleep: a relative sleep on CLOCK_MONOTONIC, as Linux's. */
long sys_nanosleep(const struct timespec64 __user *req, struct timespec64 __user *rem)
{
	return do_clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem);
}

/* sys_gettimeofday: CLOCK_REALTIME in microseconds; the time zone is UTC (all zeros). */
long sys_gettimeofday(void __user *tv, void __user *tz)
{
	u64 ns = ktime_get_real_ns();
	struct { long tv_sec, tv_usec; } t = { (long)(ns / NSEC_PER_SEC),
						(long)(ns % NSEC_PER_SEC / 1000) };
	struct { int minuteswest, dsttime; } zone = { 0, 0 };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &zone, sizeof(zone)))
		return -EFAULT;
	return 0;
}
