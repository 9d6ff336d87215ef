/*
 * kernel/main.c: start_kernel, the boot sequence in order.  Read it top to
 * bottom: each step only uses what the steps above it set up.
 */
#include <asm/sbi.h>
#include <bench.h>
#include <cmdline.h>
#include <vmscan.h>
#include <console.h>
#include <fdt.h>
#include <fs.h>
#include <initrd.h>
#include <irq.h>
#include <mm_init.h>
#include <pgtable.h>
#include <printk.h>
#include <sched.h>
#include <power.h>
#include <radix_tree.h>
#include <selftest.h>
#include <task_stack.h>
#include <stdlib.h>
#include <timer.h>
#include <trap.h>
#include <virtio.h>

void start_kernel(unsigned long hartid, void *dtb, u64 entry_time, u64 entry_instret);

void start_kernel(unsigned long hartid, void *dtb, u64 entry_time, u64 entry_instret)
{
	char arg[32];

	set_task_stack_end_magic(&init_task);	/* the traps and the scheduler check it */
	trap_init();		/* first: a fault from here on gets a report */
	early_init_dt_scan(dtb);	/* RAM and reservations into memblock, bootargs */
	uart_init();
	power_init();
	if (cmdline_find(boot_command_line, "loglevel", arg, sizeof(arg)))
		console_loglevel = atoi(arg);
	pr_notice("rvmm: a RISC-V teaching kernel about memory management\n");
	pr_notice("rvmm: booting on hart %lu, device tree at %p\n", hartid, dtb);
	pr_notice("Kernel command line: %s\n", boot_command_line);
	sbi_init();

	setup_bootmem();	/* kernel image reserved, mem= applied */
	paging_init();		/* swapper_pg_dir: kernel W^X, direct map of RAM */
	mm_core_init(entry_time);	/* zones, buddy and slab allocators */
	proc_caches_init();	/* task_struct, signal and sighand caches */
	time_init();
	plic_init();		/* device interrupts: sie.SEIE */

	radix_tree_init();	/* the page cache's index */
	vfs_init();		/* ramfs on /, /dev, /proc, /tmp */
	uart_enable_rx_irq();	/* typed bytes reach the console tty */
	virtio_mmio_init();	/* virtio devices: disks, with their /dev nodes */
	if (phys_initrd_size)	/* unpacked into /, then its memory is freed */
		populate_rootfs(phys_initrd_start, phys_initrd_size);

	if (cmdline_find(boot_command_line, "test", arg, sizeof(arg))) {
		kswapd_run();	/* before the suites count pages: its stack is not theirs */
		selftest_run(arg);	/* powers off */
	}

	bench_boot_init(entry_time, entry_instret);
	start_init();		/* pid 1: /init from the initramfs */
	kswapd_run();		/* after init, which is pid 1 as in Linux */
	cpu_idle();		/* the boot task idles from here on */
}
