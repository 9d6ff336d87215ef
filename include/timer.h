/* include/timer.h: the clock (time CSR) and the periodic tick. */
#ifndef _RVMM_TIMER_H
#define _RVMM_TIMER_H

#include <types.h>
#include <uaccess.h>	/* __user */

#define HZ 100				/* timer ticks per second */
#define NSEC_PER_SEC	1000000000L
#define NSEC_PER_TICK	(NSEC_PER_SEC / HZ)

/* struct timespec64: a time as the system calls take and give it (Linux's __kernel_timespec). */
struct timespec64 {
	long tv_sec;
	long tv_nsec;
};

static inline struct timespec64 ns_to_timespec64(u64 ns)
{
	return (struct timespec64){ (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC) };
}

static inline bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

/* timespec64_to_ns: a valid time in nanoseconds, saturating at ~0 (as good as forever). */
static inline u64 timespec64_to_ns(const struct timespec64 *ts)
{
	if ((u64)ts->tv_sec >= ~0ULL / NSEC_PER_SEC - 1)
		return ~0ULL;
	return (u64)ts->tv_sec * NSEC_PER_SEC + (u64)ts->tv_nsec;
}

/* get_timespec64: a time from user space, checked as the system calls do; 0, -EFAULT or -EINVAL. */
int get_timespec64(struct timespec64 *ts, const struct timespec64 __user *uts);

extern unsigned long riscv_timebase;	/* time CSR ticks per second (device tree) */
extern volatile u64 jiffies;		/* ticks since the timer started */

/* time_init: start the periodic tick through the SBI TIME extension. */
void time_init(void);
/* timer_interrupt: called by the trap handler on a supervisor timer interrupt. */
void timer_interrupt(void);
/* cycles_to_ns: convert a difference of get_cycles() values to nanoseconds. */
u64 cycles_to_ns(u64 cycles);

/*
 * Timekeeping.  The monotonic clock is the time CSR since boot; the wall
 * clock (CLOCK_REALTIME) is the monotonic one plus an offset set at boot
 * from the real-time clock (1970 if there is none) and by clock_settime.
 */
u64 ktime_get_ns(void);
u64 ktime_get_real_ns(void);
/* do_settime_real: make the wall clock read ns now. */
void do_settime_real(u64 ns);
/* clock_resolution_ns: nanoseconds per count of the time CSR (at least 1). */
u64 clock_resolution_ns(void);
/* goldfish_rtc_read: the RTC's nanoseconds since the epoch; false without one (kernel/drivers). */
bool goldfish_rtc_read(u64 *ns);

#endif
