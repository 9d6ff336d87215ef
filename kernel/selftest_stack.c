/*
 * kernel/selftest_stack.c: test=stack_overflow, not a test but an
 * overflow on purpose: a kernel thread recurses until its stack runs out.
 * The harness checks the report and the panic status (test/run_tests.py).
 *
 * With an MMU the recursion runs into the unmapped page below the stack:
 * the fault's trap entry sees sp below the stack and reports from the
 * overflow stack, "Kernel stack overflow".  Without one nothing faults:
 * the recursion stops once it has written over the canary at the stack's
 * lowest word (the next frames would land in whatever memory lies below),
 * returns to the top and gives way, as a deep call chain that overran its
 * stack would; the scheduler finds the canary gone and panics.
 */
#include <printk.h>
#include <sched.h>
#include <selftest.h>
#include <task_stack.h>

#define FRAME_WORDS 16

static volatile unsigned long depth_limit = ~0UL;	/* never reached: keeps the compiler from seeing an endless recursion */

static __attribute__((noinline)) unsigned long recurse(unsigned long depth)
{
	volatile unsigned long frame[FRAME_WORDS];

	for (int i = 0; i < FRAME_WORDS; i++)
		frame[i] = depth;
	if (depth >= depth_limit)
		return 0;
#ifndef CONFIG_MMU
	if (task_stack_end_corrupted(current))
		return depth;	/* unwind: whatever lies below the stack stays as it was */
#endif
	return recurse(depth + 1) + frame[depth % FRAME_WORDS];	/* not a tail call: every level keeps its frame */
}

static int overflow_thread(void *arg)
{
	unsigned long depth;

	tap_diag("%s[%d]: recursing on the stack [%p..%p]", current->comm, current->pid,
		 current->stack, (char *)current->stack + THREAD_SIZE);
	depth = recurse(0);
	/* Without an MMU: back at the top, the canary gone; the next switch must notice. */
	tap_diag("the canary was overwritten at depth %lu: giving way", depth);
	current->state = TASK_INTERRUPTIBLE;
	schedule();
	return 1;
}

void selftest_stack_overflow(void)
{
	int pid = kernel_thread(overflow_thread, NULL, "stack_overflow"), status;

	for (int i = 0; i < 1000 && pid > 0 && kernel_wait4(pid, &status) == 0; i++)
		schedule();
	tap_check(false, "the overflow of pid %d was not caught", pid);
}
