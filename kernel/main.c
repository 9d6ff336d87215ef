/*
 * kernel/main.c: start_kernel, the boot sequence in order.  Read it top to
 * bottom: each step only uses what the steps above it set up.
 */
#include <asm/sbi.h>
#include <cmdline.h>
#include <memblock.h>
#include <mm_init.h>
#include <printk.h>
#include <power.h>

void start_kernel(unsigned long hartid, void *dtb, u64 entry_time);
char boot_command_line[COMMAND_LINE_SIZE];

void start_kernel(unsigned long hartid, void *dtb, u64 entry_time)
{
	pr_notice("rvmm: booting on hart %lu, device tree at %p\n", hartid, dtb);
	sbi_init();
	memblock_add(0x80000000, 128 << 20);	/* TEMPORARY until fdt lands */
	memblock_reserve(0x80000000, 2 << 20);
	setup_bootmem();
	mm_core_init(entry_time);
	machine_power_off(0);
}
