/*
 * kernel/main.c: start_kernel, the boot sequence in order.  Read it top to
 * bottom: each step only uses what the steps above it set up.
 */
#include <asm/sbi.h>
#include <cmdline.h>
#include <console.h>
#include <fdt.h>
#include <printk.h>
#include <power.h>
#include <selftest.h>
#include <stdlib.h>
#include <string.h>
#include <timer.h>
#include <trap.h>

void start_kernel(unsigned long hartid, void *dtb, u64 entry_time);

void start_kernel(unsigned long hartid, void *dtb, u64 entry_time)
{
	char arg[16], test[16] = "";

	trap_init();		/* first: a fault from here on gets a report */
	early_init_dt_scan(dtb);
	uart_init();
	power_init();
	sbi_init();
	pr_notice("rvmm: booting on hart %lu, device tree at %p\n", hartid, dtb);
	pr_notice("Kernel command line: %s\n", boot_command_line);
	if (cmdline_find(boot_command_line, "loglevel", arg, sizeof(arg)))
		console_loglevel = atoi(arg);
	cmdline_find(boot_command_line, "test", test, sizeof(test));

	/* The harness checks that a kernel fault gives the report and EXIT_PANIC. */
	if (!strcmp(test, "fault")) {
		volatile unsigned long bad = 0x1;	/* GCC rejects a constant bad pointer */

		pr_info("test=fault: read %d\n", *(volatile u8 *)bad);
	}

	time_init();
	if (!strcmp(test, "timer")) {
		selftest_timer();
		tap_plan();
		machine_power_off(selftest_failures() ? 1 : 0);
	}
	machine_power_off(0);
}
