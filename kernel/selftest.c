/*
 * kernel/selftest.c: running one self-test suite (boot option test=NAME).
 *
 * The runner, not each suite, checks for leaks: it drains the per-cpu page
 * lists and the slab caches' spare slabs before and after the suite and
 * requires every zone's free page count to match, so a suite cannot forget
 * to check and a leak anywhere in the code under test fails it.
 */
#include <gfp.h>
#include <power.h>
#include <printk.h>
#include <selftest.h>
#include <slab.h>
#include <stdio.h>
#include <string.h>

static int tests_run, tests_failed;

bool tap_check(bool ok, const char *fmt, ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	tests_run++;
	if (!ok)
		tests_failed++;
	printk(KERN_ALERT "%sok %d - %s\n", ok ? "" : "not ", tests_run, what);
	return ok;
}

void tap_diag(const char *fmt, ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	printk(KERN_ALERT "# %s\n", what);
}

void tap_plan(void)
{
	printk(KERN_ALERT "1..%d\n", tests_run);
}

int selftest_failures(void)
{
	return tests_failed;
}

struct suite {
	const char *name;
	void (*run)(void);
	bool leak_check;
};

static const struct suite suites[] = {
	{ "memblock", selftest_memblock, true },
	{ "zones", selftest_zones, true },
	{ "buddy", selftest_buddy, true },
	{ "slab", selftest_slab, true },
#ifdef CONFIG_SLUB
	{ "slub", selftest_slub, true },
#endif
	{ "timer", selftest_timer, true },
#ifdef CONFIG_MMU
	{ "paging", selftest_paging, true },
#endif
	{ "proc", selftest_proc, true },
	{ "fs", selftest_fs, true },
	{ "oom", selftest_oom, true },
	{ "vmalloc", selftest_vmalloc, true },
	{ "reclaim", selftest_reclaim, true },
#ifdef CONFIG_MMU
	{ "policy", selftest_policy, true },
#endif
	{ "blk", selftest_blk, true },
	{ "oom_nokill", selftest_oom_nokill, false },
	{ "oom_panic", selftest_oom_panic, false },
	{ "bench", selftest_bench, false },
	{ "fault", selftest_fault, false },
	{ "stack_overflow", selftest_stack_overflow, false },
#ifdef CONFIG_MMU
	{ "wx", selftest_wx, false },
	{ "vmalloc_guard", selftest_vmalloc_guard, false },
#endif
};

/* A kernel fault on purpose: the harness checks the report and the panic status. */
void selftest_fault(void)
{
	volatile unsigned long bad = 0x1;	/* a byte load: no misaligned-access emulation */

	tap_diag("reading address %#lx", bad);
	tap_diag("read %d", *(volatile u8 *)bad);
}

static void snapshot_free(unsigned long free[MAX_NR_ZONES])
{
	drain_all_pages();
	kmem_cache_shrink_all();
	drain_all_pages();
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		free[zid] = NODE_DATA(0)->node_zones[zid].free_pages;
}

static void run_suite(const struct suite *s)
{
	unsigned long before[MAX_NR_ZONES], after[MAX_NR_ZONES];

	tap_diag("selftest %s", s->name);
	snapshot_free(before);
	s->run();
	if (!s->leak_check)
		return;
	snapshot_free(after);
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct zone *zone = &NODE_DATA(0)->node_zones[zid];

		if (!populated_zone(zone))
			continue;
		tap_check(before[zid] == after[zid],
			  "%s: zone %s free pages back to %lu (now %lu)",
			  s->name, zone->name, before[zid], after[zid]);
	}
}

void selftest_run(const char *name)
{
	bool found = false;

	printk(KERN_ALERT "TAP version 13\n");
	for (size_t i = 0; i < ARRAY_SIZE(suites); i++) {
		if (strcmp(name, suites[i].name) && strcmp(name, "all"))
			continue;
		if (!strcmp(name, "all") && !suites[i].leak_check)
			continue;		/* benchmarks are not tests */
		found = true;
		run_suite(&suites[i]);
	}
	if (!found)
		tap_check(false, "no self-test suite named '%s'", name);
	tap_plan();
	printk(KERN_ALERT "# %d passed, %d failed\n", tests_run - tests_failed, tests_failed);
	machine_power_off(tests_failed ? 1 : 0);
}
