/*
 * test_badaccess: a process that touches memory it may not touch dies of
 * SIGSEGV, and its parent sees that in the wait status.  Each access is
 * made in a child of its own.
 *
 * Without an MMU nothing is protected, and there is no kernel half: only
 * an address with no memory or device behind it faults (SIGSEGV, or
 * SIGBUS, which a bus error there may give).  Page 0 and the top of the
 * address space are such places, and are still checked; the rest is
 * memory the process may write, and those accesses are not even made.
 */
#include <signal.h>
#include "tap.h"

/* Addresses held where the compiler cannot see them, so every access is really made. */
static volatile uintptr_t page0 = 0;
static volatile uintptr_t low = 0xf000;			/* below Linux's mmap_min_addr, 64 KiB */
static volatile uintptr_t kernel = 0xffffffff80000000UL;	/* the kernel's half */
static volatile uintptr_t text, rodata;

static int read_page0(void) { return *(volatile int *)page0; }
static int write_page0(void) { *(volatile int *)page0 = 1; return 0; }
static int read_low(void) { return *(volatile int *)low; }
static int read_kernel(void) { return *(volatile int *)kernel; }
static int write_kernel(void) { *(volatile int *)kernel = 1; return 0; }
static int write_text(void) { *(volatile char *)text = 0; return 0; }
static int write_rodata(void) { *(volatile char *)rodata = 'X'; return 0; }

static int call_page0(void)
{
	void (*fn)(void) = (void (*)(void))page0;

	fn();
	return 0;
}

#define NOTHING_AT_TOP "0xffffffff80000000, where there is no memory"
#define NOT_READ_ONLY NEEDS_MMU "nothing is read-only"

static const struct {
	int (*fn)(void);
	const char *what;
	const char *nommu;	/* what it is without an MMU; NULL: not checked there */
	const char *why;	/* and then why not */
} cases[] = {
	{ read_page0, "reading address 0", "reading address 0", NULL },
	{ write_page0, "writing address 0", "writing address 0", NULL },
	{ call_page0, "jumping to address 0", "jumping to address 0", NULL },
	{ read_low, "reading 0xf000, below the first 64 KiB", NULL,
	  NEEDS_MMU "0xf000 is a physical address (QEMU's boot ROM)" },
	{ read_kernel, "reading a kernel address", "reading " NOTHING_AT_TOP, NULL },
	{ write_kernel, "writing a kernel address", "writing " NOTHING_AT_TOP, NULL },
	{ write_text, "writing its own code", NULL, NOT_READ_ONLY },
	{ write_rodata, "writing a string constant", NULL, NOT_READ_ONLY },
};

int main(void)
{
	static const char constant[] = "read-only";

	text = (uintptr_t)&read_page0;
	rodata = (uintptr_t)constant;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int st;

		if (!no_mmu()) {
			st = run_child(cases[i].fn);
			ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
			   "a child %s dies of SIGSEGV (%s)", cases[i].what, status_str(st));
		} else if (cases[i].nommu) {
			st = run_child(cases[i].fn);
			ok(st != -1 && WIFSIGNALED(st) &&
			   (WTERMSIG(st) == SIGSEGV || WTERMSIG(st) == SIGBUS),
			   "a child %s dies of SIGSEGV or SIGBUS (%s)", cases[i].nommu,
			   status_str(st));
		} else {
			skip(cases[i].why, "a child %s dies of SIGSEGV", cases[i].what);
		}
	}
	ok(1, "the parent is unharmed");
	return tap_done();
}
