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

#endif
