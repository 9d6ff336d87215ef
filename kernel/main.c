/*
 * kernel/main.c: start_kernel, the boot sequence in order.  Read it top to
 * bottom: each step only uses what the steps above it set up.
 */
#include <asm/sbi.h>
#include <printk.h>
#include <power.h>

void start_kernel(unsigned long hartid, void *dtb, u64 entry_time);

void start_kernel(unsigned long hartid, void *dtb, u64 entry_time)
{
	pr_notice("rvmm: booting on hart %lu, device tree at %p\n", hartid, dtb);
	sbi_init();
	machine_power_off(0);
}
