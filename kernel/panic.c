/*
 * kernel/panic.c: the end of the road.  A panic prints why, a backtrace,
 * and powers the machine off with EXIT_PANIC so a test run on the host
 * fails at once instead of hanging until its timeout.
 */
#include <asm/irqflags.h>
#include <power.h>
#include <printk.h>
#include <sched.h>
#include <sections.h>
#include <stdio.h>


/*
 * Walk frame pointers: with -fno-omit-frame-pointer every non-leaf frame
 * keeps the return address at fp-8 and the caller's fp at fp-16.
 */
void dump_stack_from(unsigned long fp, unsigned long pc)
{
	printk(KERN_EMERG "Call trace:\n");
	if (pc)
		printk(KERN_EMERG "  [<%016lx>]\n", pc);
	/* Frames live on the current task's kernel stack; anything else ends the walk. */
	unsigned long lo = (unsigned long)current->stack, hi = lo + THREAD_SIZE;

	for (int depth = 0; depth < 32 && fp; depth++) {
		unsigned long ra, next;

		if (fp & 7 || fp <= lo + 16 || fp > hi)
			break;
		ra = ((unsigned long *)fp)[-1];
		next = ((unsigned long *)fp)[-2];
		if (ra < (unsigned long)_stext || ra >= (unsigned long)_etext)
			break;
		printk(KERN_EMERG "  [<%016lx>]\n", ra);
		if (next <= fp)		/* stacks grow down: callers sit higher */
			break;
		fp = next;
	}
	printk(KERN_EMERG "(resolve with: riscv64-unknown-elf-addr2line -fe build/kernel.elf ADDR)\n");
}

void dump_stack(void)
{
	dump_stack_from((unsigned long)__builtin_frame_address(0), 0);
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	arch_local_irq_disable();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_power_off(EXIT_PANIC);
}
