/*
 * time.h: picolibc's, plus what it declares only where it claims all of
 * POSIX timers (_POSIX_TIMERS: timer_create and the rest, which rvmm does
 * not offer): nanosleep and the clock_* calls.  The clock ids and
 * TIMER_ABSTIME are Linux's (uapi/linux/time.h), not picolibc's own
 * numbering, so that they mean the same to the kernel and to a program
 * built against glibc.
 */
#ifndef _RVMM_TIME_H
#define _RVMM_TIME_H

#include_next <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#undef CLOCK_REALTIME
#undef CLOCK_MONOTONIC
#undef CLOCK_PROCESS_CPUTIME_ID
#undef CLOCK_THREAD_CPUTIME_ID
#undef CLOCK_MONOTONIC_RAW
#undef CLOCK_REALTIME_COARSE
#undef CLOCK_MONOTONIC_COARSE
#undef CLOCK_BOOTTIME
#undef CLOCK_REALTIME_ALARM
#undef CLOCK_BOOTTIME_ALARM
#undef CLOCK_TAI
#undef TIMER_ABSTIME

#define CLOCK_REALTIME			((clockid_t)0)
#define CLOCK_MONOTONIC			((clockid_t)1)
#define CLOCK_PROCESS_CPUTIME_ID	((clockid_t)2)
#define CLOCK_THREAD_CPUTIME_ID		((clockid_t)3)
#define CLOCK_MONOTONIC_RAW		((clockid_t)4)
#define CLOCK_REALTIME_COARSE		((clockid_t)5)
#define CLOCK_MONOTONIC_COARSE		((clockid_t)6)
#define CLOCK_BOOTTIME			((clockid_t)7)
#define CLOCK_REALTIME_ALARM		((clockid_t)8)
#define CLOCK_BOOTTIME_ALARM		((clockid_t)9)
#define CLOCK_TAI			((clockid_t)11)
#define TIMER_ABSTIME			1

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clock_id, struct timespec *tp);
int clock_getres(clockid_t clock_id, struct timespec *res);
int clock_settime(clockid_t clock_id, const struct timespec *tp);
/* clock_nanosleep returns 0 or the error number (not -1 and errno), as POSIX says. */
int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *req,
		    struct timespec *rem);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_TIME_H */
