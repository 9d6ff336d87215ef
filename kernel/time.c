/* kernel/time.c: placeholder until the timer is written. */
#include <timer.h>

unsigned long riscv_timebase = 10000000;
