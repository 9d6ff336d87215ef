/* include/timer.h: the clock (time CSR) and the periodic tick. */
#ifndef _RVMM_TIMER_H
#define _RVMM_TIMER_H

#include <types.h>

#define HZ 100				/* timer ticks per second */

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
