/*
 * kernel/riscv/time.c: the clock and the periodic tick.
 *
 * The time CSR counts at riscv_timebase Hz (the device tree's
 * timebase-frequency).  The tick is a one-shot deadline that the SBI TIME
 * extension arms; each interrupt arms the next one.
 */
#include <asm/csr.h>
#include <asm/irqflags.h>
#include <asm/sbi.h>
#include <printk.h>
#include <selftest.h>
#include <sched.h>
#include <timer.h>

unsigned long riscv_timebase = 10000000;	/* QEMU virt's, until the tree says */
volatile u64 jiffies;

static u64 tick_cycles;		/* time CSR counts per tick */
static u64 next_deadline;	/* when the armed tick fires */
static u64 real_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */

u64 ktime_get_ns(void)
{
	return cycles_to_ns(get_cycles());
}

u64 ktime_get_real_ns(void)
{
	return ktime_get_ns() + real_offset_ns;
}

void do_settime_real(u64 ns)
{
	real_offset_ns = ns - ktime_get_ns();
}

u64 clock_resolution_ns(void)
{
	u64 res = 1000000000ULL / riscv_timebase;

	return res ? res : 1;
}

/* timekeeping_init: the wall clock from the RTC, as Linux reads it once at boot. */
static void timekeeping_init(void)
{
	u64 now;

	if (!goldfish_rtc_read(&now)) {
		pr_info("time: no real-time clock: the wall clock starts at the epoch\n");
		return;
	}
	do_settime_real(now);
	pr_info("time: wall clock %llu s since the epoch, from the goldfish RTC\n",
		(unsigned long long)(now / 1000000000ULL));
}

void time_init(void)
{
	tick_cycles = riscv_timebase / HZ;
	if (!tick_cycles)
		panic("time_init: timebase %lu Hz is below HZ", riscv_timebase);
	timekeeping_init();
	csr_set(sie, IE_STIE);
	next_deadline = get_cycles() + tick_cycles;
	sbi_set_timer(next_deadline);
	arch_local_irq_enable();
	pr_info("time: %lu Hz timebase, %d Hz tick\n", riscv_timebase, HZ);
}

void timer_interrupt(void)
{
	u64 now = get_cycles();

	/*
	 * Step from the previous deadline, not from now, so the time spent
	 * reaching this handler does not accumulate as drift.  Ticks missed
	 * while interrupts were off (or the VM was paused) are counted at
	 * once instead of fired back to back.
	 */
	jiffies++;
	next_deadline += tick_cycles;
	if (now >= next_deadline) {
		u64 missed = (now - next_deadline) / tick_cycles + 1;

		jiffies += missed;
		next_deadline += missed * tick_cycles;
	}
	sbi_set_timer(next_deadline);	/* also clears the pending interrupt */
	scheduler_tick();
}

/* Split to keep cycles * 10^9 from overflowing after half an hour of cycles. */
u64 cycles_to_ns(u64 cycles)
{
	return cycles / riscv_timebase * 1000000000ULL +
	       cycles % riscv_timebase * 1000000000ULL / riscv_timebase;
}

void selftest_timer(void)
{
	const u64 ticks = 5;
	u64 c0, c1, j0, j1, expect, got;

	if (!tap_check(csr_read(sie) & IE_STIE && csr_read(sstatus) & SR_SIE,
		       "timer: tick interrupt enabled"))
		return;
	/* wfi returns at the latest at the next tick, which is always armed. */
	c0 = get_cycles();
	j0 = jiffies;
	while (get_cycles() - c0 < ticks * tick_cycles)
		__asm__ __volatile__("wfi");
	c1 = get_cycles();
	j1 = jiffies;

	got = j1 - j0;
	expect = (c1 - c0) / tick_cycles;
	tap_diag("%llu jiffies in %llu us, %llu expected",
		 (unsigned long long)got,
		 (unsigned long long)(cycles_to_ns(c1 - c0) / 1000),
		 (unsigned long long)expect);
	tap_check(got > 0, "timer: jiffies advance");
	tap_check(2 * got >= expect && 2 * got <= 3 * expect,
		  "timer: tick rate within 50%% of %d Hz", HZ);
}
