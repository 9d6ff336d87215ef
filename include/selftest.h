/*
 * include/selftest.h: in-kernel self-tests.  Booting with test=NAME runs one
 * suite, which prints TAP ("ok N - what", "not ok N - what", then "1..N"),
 * and powers off with status 0 when every check passed, 1 otherwise.  The
 * runner itself checks, after every suite, that each zone's free pages are
 * back to their count before it: a leak fails the suite.
 */
#ifndef _RVMM_SELFTEST_H
#define _RVMM_SELFTEST_H

#include <compiler.h>
#include <types.h>

/* tap_check: record one TAP result; returns ok so callers can stop early. */
bool tap_check(bool ok, const char *fmt, ...) __printf(2, 3);
/* tap_diag: a "# ..." diagnostic line. */
void tap_diag(const char *fmt, ...) __printf(1, 2);

/* tap_plan: print "1..N" for the N checks made so far (TAP allows the plan last). */
void tap_plan(void);
/* selftest_failures: how many tap_check calls failed so far. */
int selftest_failures(void);

/* selftest_run: run suite name (or "all"), print TAP, power off. */
void selftest_run(const char *name) __noreturn;

/* The suites, one per subsystem (each lives beside the code it tests). */
void selftest_memblock(void);
void selftest_buddy(void);
void selftest_slab(void);
void selftest_slub(void);	/* SLUB only (mm/slub_selftest.c) */
void selftest_zones(void);
void selftest_timer(void);
void selftest_paging(void);
void selftest_proc(void);
void selftest_fs(void);
void selftest_oom(void);
void selftest_vmalloc(void);
void selftest_reclaim(void);
void selftest_policy(void);	/* MMU only: fault traces on page tables */
void selftest_blk(void);	/* needs a disk: run_tests.py attaches one */
void selftest_oom_nokill(void);	/* not a test: ends in the "no killable processes" panic */
void selftest_oom_panic(void);	/* not a test: ends in the panic_on_oom panic */
void selftest_wx(void);	/* not a test: a write to kernel text, for the W^X fault report */
void selftest_fault(void);	/* not a test: a deliberate kernel fault, for the oops report */
void selftest_vmalloc_guard(void);	/* not a test: a read of a vmalloc guard page, for the oops report */
void selftest_stack_overflow(void);	/* not a test: a kernel stack overflow, for its report */
void selftest_bench(void);	/* not a test: prints "bench NAME VALUE UNIT" lines */

#endif
