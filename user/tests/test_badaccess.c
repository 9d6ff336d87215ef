/*
 * test_badaccess: a process that touches memory it may not touch dies of
 * SIGSEGV, and its parent sees that in the wait status.  Each access is
 * made in a child of its own.
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

static const struct {
	int (*fn)(void);
	const char *what;
} cases[] = {
	{ read_page0, "reading address 0" },
	{ write_page0, "writing address 0" },
	{ call_page0, "jumping to address 0" },
	{ read_low, "reading 0xf000, below the first 64 KiB" },
	{ read_kernel, "reading a kernel address" },
	{ write_kernel, "writing a kernel address" },
	{ write_text, "writing its own code" },
	{ write_rodata, "writing a string constant" },
};

int main(void)
{
	static const char constant[] = "read-only";

	text = (uintptr_t)&read_page0;
	rodata = (uintptr_t)constant;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int st = run_child(cases[i].fn);

		ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		   "a child %s dies of SIGSEGV (%s)", cases[i].what, status_str(st));
	}
	ok(1, "the parent is unharmed");
	return tap_done();
}
