/*
 * kernel/bench_boot.c: measuring the boot as a user sees it (boot option
 * bench=prompt).  The console watches for the shell's first prompt, "$ ",
 * and at that moment prints how many instructions and how much time have
 * passed since kernel entry, then powers off.  Under QEMU -icount the
 * instruction count is exact; the time is the guest clock, which follows
 * the host's wall clock without -icount.
 */
#include <asm/csr.h>
#include <bench.h>
#include <cmdline.h>
#include <power.h>
#include <printk.h>
#include <string.h>
#include <timer.h>

static bool watching;
static u64 entry_cycles, entry_instructions;

void bench_boot_init(u64 entry_time, u64 entry_instret)
{
	entry_instructions = entry_instret;
	char what[16];

	entry_cycles = entry_time;
	watching = cmdline_find(boot_command_line, "bench", what, sizeof(what)) &&
		   !strcmp(what, "prompt");
}

void bench_console_write(const char *buf, size_t len)
{
	u64 instret, ns;

	if (!watching || len < 2 || memcmp(buf + len - 2, "$ ", 2))
		return;
	instret = read_instret() - entry_instructions;
	ns = cycles_to_ns(get_cycles() - entry_cycles);
	printk(KERN_ALERT "\nbench boot_to_prompt %lu instr\n", (unsigned long)instret);
	printk(KERN_ALERT "bench boot_to_prompt_wall %lu.%03lu ms\n",
	       (unsigned long)(ns / 1000000), (unsigned long)(ns / 1000 % 1000));
	machine_power_off(0);
}
