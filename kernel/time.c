/* kernel/time.c: placeholder until the timer is written. */
#include <timer.h>

unsigned long riscv_timebase = 10000000;

u64 cycles_to_ns(u64 cycles)
{
	return cycles * 1000 / (riscv_timebase / 1000000);
}
