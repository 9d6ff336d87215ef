/*
 * time.c: the clocks (clock_gettime, clock_getres, clock_settime,
 * clock_nanosleep) and the process's times (times, getrusage).
 *
 * struct timespec, struct timeval and struct tms are laid out as the
 * kernel's on riscv64 (64-bit time_t, long, clock_t), and <time.h> uses
 * Linux's clock ids, so the calls go straight through.
 */
#include <errno.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include "linux.h"

int clock_gettime(clockid_t clock_id, struct timespec *tp)
{
	return (int)__sys_ret(__sys2(SYS_clock_gettime, clock_id, tp));
}

int clock_getres(clockid_t clock_id, struct timespec *res)
{
	return (int)__sys_ret(__sys2(SYS_clock_getres, clock_id, res));
}

int clock_settime(clockid_t clock_id, const struct timespec *tp)
{
	return (int)__sys_ret(__sys2(SYS_clock_settime, clock_id, tp));
}

/*
 * clock_nanosleep gives back the error number itself (in picolibc's
 * numbering), never -1.  A thread's CPU time is EINVAL, as POSIX and glibc
 * say (the kernel's answer is EOPNOTSUPP).
 */
int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	long r;

	if (clock_id == CLOCK_THREAD_CPUTIME_ID)
		return EINVAL;
	r = __sys4(SYS_clock_nanosleep, clock_id, flags, req, rem);

	return r < 0 ? __errno_from_linux((int)-r) : 0;
}

/*
 * times: the kernel's count of ticks since boot may be any value, -1
 * included, so only an address fault is an error (as glibc's).
 */
clock_t times(struct tms *buf)
{
	long r = __sys1(SYS_times, buf);

	if (r == -EFAULT)
		return (clock_t)__sys_ret(r);
	return (clock_t)r;
}

int getrusage(int who, struct rusage *usage)
{
	return (int)__sys_ret(__sys2(SYS_getrusage, who, usage));
}
