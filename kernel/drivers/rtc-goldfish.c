/*
 * kernel/drivers/rtc-goldfish.c: the Goldfish real-time clock QEMU's virt
 * machine has (compatible "google,goldfish-rtc"), read once at boot for
 * the wall-clock time, as Linux's drivers/rtc/rtc-goldfish.c reads it.
 *
 * The device counts nanoseconds since the Unix epoch.  Reading TIME_LOW
 * latches the upper half, which TIME_HIGH then gives, so the two halves
 * belong to the same instant.
 */
#include <fdt.h>
#include <pgtable.h>
#include <printk.h>
#include <timer.h>
#include <vmalloc.h>

#define TIMER_TIME_LOW	0x00
#define TIMER_TIME_HIGH	0x04

bool goldfish_rtc_read(u64 *ns)
{
	volatile u32 *regs;
	u64 base;
	u32 low, high;

	if (!fdt_find_compatible("google,goldfish-rtc", &base, NULL))
		return false;
	regs = ioremap(base, 0x1000);
	if (!regs)
		return false;
	low = regs[TIMER_TIME_LOW / 4];
	high = regs[TIMER_TIME_HIGH / 4];
	*ns = (u64)high << 32 | low;
	return true;
}
