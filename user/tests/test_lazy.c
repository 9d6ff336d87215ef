/*
 * test_lazy: memory costs nothing until it is used.  A 1 GiB anonymous
 * mapping gets a page only where it is first written (demand paging); an
 * untouched page reads as zero, and reading maps one shared zero page that
 * is not counted as the process's own; madvise(MADV_DONTNEED) gives pages
 * back; the stack grows as deep as it is used.
 *
 * Costs are read from VmRSS and VmSize in /proc/self/status, always as
 * changes, which hold on Linux as on rvmm.  Under qemu-user that file
 * describes the emulator, so those checks are skipped there.
 *
 * Without an MMU nothing is lazy: anonymous memory is one contiguous run,
 * allocated and zeroed at mmap time, there is no zero page, madvise is
 * ENOSYS and the stack is a fixed 128 KiB.  Those checks are skipped (the
 * recursion is not even tried: it would run past the stack); the mapping
 * is 2 MiB, and its zeros and the bytes written to it are still checked.
 */
#define _GNU_SOURCE		/* MAP_ANONYMOUS, MAP_NORESERVE, MADV_* with glibc */
#include <errno.h>
#include "mm.h"

#define GIB (1024 * MIB)
#define SLACK_KB 64		/* what else may come and go between two readings */

static char *big;		/* GIB bytes, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE */
static size_t big_len = GIB;	/* without an MMU, NOMMU_BIG */

#define NOMMU_BIG (2 * MIB)

static const char not_lazy[] = NEEDS_MMU "no demand paging: memory is allocated at mmap time";

/* Why VmRSS cannot be used here, or NULL if it can. */
static const char *no_rss(void)
{
	if (no_mmu())
		return not_lazy;
	if (under_qemu_user())
		return "qemu-user: /proc/self/status describes the emulator";
	if (vm_rss_kb() < 0)
		return "no VmRSS in /proc/self/status";
	return NULL;
}

/* A check on VmRSS or VmSize: skipped, with the reason, where they are not this process's. */
#define RSS_OK(cond, ...) (no_rss() ? skip(no_rss(), __VA_ARGS__) : (void)ok(cond, __VA_ARGS__))

/*
 * Make every call the measurements make once beforehand.  VmRSS counts the
 * program's own file pages too, and the first call of a function can fault
 * in its code (on Linux 64 KiB at a time, "fault-around"), which would be
 * counted against whatever was being measured.
 */
static void warm_up(void)
{
	char *m = map_anon(PAGE, PROT_READ | PROT_WRITE);

	if (m != MAP_FAILED) {
		m[0] = 1;
		madvise(m, PAGE, MADV_DONTNEED);
		munmap(m, PAGE);
	}
	vm_rss_kb();
	proc_kb("/proc/self/status", "VmSize:");
}

static void test_mapping_costs_nothing(void)
{
	long rss0, size0, rss1, size1;

	warm_up();
	rss0 = vm_rss_kb();
	size0 = proc_kb("/proc/self/status", "VmSize:");
	if (no_mmu()) {
		big_len = NOMMU_BIG;
		big = map_anon(big_len, PROT_READ | PROT_WRITE);
		ok(big != MAP_FAILED, "a 2 MiB private anonymous mapping (1 GiB: %s)", not_lazy);
		RSS_OK(0, "VmSize grows by 1 GiB");
		RSS_OK(0, "VmRSS grows by less than %d kB", SLACK_KB);
		return;
	}
	big = mmap(NULL, GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		   -1, 0);
	rss1 = vm_rss_kb();
	size1 = proc_kb("/proc/self/status", "VmSize:");
	if (!ok(big != MAP_FAILED, "a 1 GiB MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE mapping"))
		return;
#ifdef MADV_NOHUGEPAGE
	/* Linux could otherwise fault in 2 MiB at a time (transparent huge pages) */
	madvise(big, GIB, MADV_NOHUGEPAGE);
#endif
	RSS_OK(size1 - size0 >= (long)(GIB / KIB), "VmSize grows by 1 GiB (%ld kB)", size1 - size0);
	RSS_OK(rss1 - rss0 < SLACK_KB, "VmRSS grows by less than %d kB (%ld kB)", SLACK_KB,
	       rss1 - rss0);
}

static void test_untouched_reads_zero(void)
{
	const volatile char *p = big;

	ok(p[0] == 0 && p[PAGE - 1] == 0 && p[big_len / 3] == 0 && p[big_len - 1] == 0,
	   "untouched pages (the first, one in the middle, the last) read as zeros");
}

/* Writing one byte costs one page; writing one byte in each of 256 pages costs 256. */
static void test_touch_costs_pages(void)
{
	/* without an MMU the mapping is 2 MiB, and these 257 pages its first half */
	char *p = big + (no_mmu() ? 0 : GIB / 2);
	long rss0, rss1, rss2;

	rss0 = vm_rss_kb();
	p[123] = 1;
	rss1 = vm_rss_kb();
	for (int i = 1; i <= 256; i++)
		p[i * PAGE] = 1;
	rss2 = vm_rss_kb();
	RSS_OK(rss1 - rss0 >= (long)(PAGE / KIB) && rss1 - rss0 <= SLACK_KB,
	       "writing one byte of the 1 GiB mapping adds about one page to VmRSS (%ld kB)",
	       rss1 - rss0);
	RSS_OK(rss2 - rss1 >= 1024 && rss2 - rss1 <= 1024 + SLACK_KB,
	       "writing one byte in each of 256 more pages adds about 1 MiB (%ld kB)", rss2 - rss1);
	ok(p[123] == 1 && p[256 * PAGE] == 1 && p[0] == 0 && p[124] == 0,
	   "the bytes written read back, the rest of their pages reads as zeros");
}

/* Reading untouched pages maps the zero page, which is nobody's RSS. */
static void test_zero_page(void)
{
	const volatile char *p = big + GIB / 4;
	unsigned long sum = 0;
	long rss0, rss1;

	if (no_mmu()) {
		skip(NEEDS_MMU "no zero page", "1024 untouched pages (4 MiB) read as zeros");
		RSS_OK(0, "reading them adds less than %d kB to VmRSS: they all map the zero page",
		       SLACK_KB);
		return;
	}
	rss0 = vm_rss_kb();
	for (size_t off = 0; off < 4 * MIB; off += PAGE)
		sum += p[off] + p[off + PAGE - 1];
	rss1 = vm_rss_kb();
	ok(sum == 0, "1024 untouched pages (4 MiB) read as zeros");
	RSS_OK(rss1 - rss0 < SLACK_KB,
	       "reading them adds less than %d kB to VmRSS: they all map the zero page (%ld kB)",
	       SLACK_KB, rss1 - rss0);
}

static void test_dontneed(void)
{
	char *m = map_anon(MIB, PROT_READ | PROT_WRITE);
	long full, after;
	int zeros = 1;

	if (!ok(m != MAP_FAILED, "a 1 MiB private anonymous mapping"))
		return;
	memset(m, 0xaa, MIB);
	full = vm_rss_kb();
	if (no_mmu()) {
		errno = 0;
		ok(madvise(m, MIB, MADV_DONTNEED) == -1 && errno == ENOSYS,
		   "madvise(MADV_DONTNEED) of all of it, written: ENOSYS without an MMU");
		RSS_OK(0, "VmRSS drops by about 1 MiB");
		skip(NEEDS_MMU "madvise", "every byte reads back as zero");
		skip(NEEDS_MMU "madvise", "the pages can be written again");
		munmap(m, MIB);
		return;
	}
	ok(madvise(m, MIB, MADV_DONTNEED) == 0, "madvise(MADV_DONTNEED) of all of it, written");
	after = vm_rss_kb();
	RSS_OK(full - after >= 1024 - SLACK_KB,
	       "VmRSS drops by about 1 MiB (%ld kB)", full - after);
	for (size_t i = 0; i < MIB; i++)
		zeros &= m[i] == 0;
	ok(zeros, "every byte reads back as zero");
	m[5] = 'x';
	ok(m[5] == 'x' && m[4] == 0, "the pages can be written again");
	munmap(m, MIB);
}

/* Each level keeps a page-sized frame alive across the call below it. */
static unsigned long deep(int n, uintptr_t *lowest)
{
	volatile unsigned char frame[PAGE];

	frame[0] = frame[PAGE - 1] = (unsigned char)n;
	*lowest = (uintptr_t)frame;
	if (n == 0)
		return 0;
	return deep(n - 1, lowest) + frame[0] + frame[PAGE - 1];
}

static void test_stack_growth(void)
{
	uintptr_t top = (uintptr_t)&top, lowest = top;
	unsigned long want = 0, got;

	if (no_mmu()) {
		skip(NEEDS_MMU "the stack is a fixed 128 KiB", "a recursion using 1 MiB of stack runs");
		return;
	}
	for (int n = 1; n <= 256; n++)
		want += 2 * (unsigned char)n;
	got = deep(256, &lowest);
	ok(got == want && top - lowest >= MIB, "a recursion using 1 MiB of stack runs (%lu KiB deep)",
	   (unsigned long)(top - lowest) / KIB);
}

int main(void)
{
	test_mapping_costs_nothing();
	if (big == MAP_FAILED)
		return tap_done();
	test_untouched_reads_zero();
	test_touch_costs_pages();
	test_zero_page();
	test_dontneed();
	test_stack_growth();
	munmap(big, big_len);
	return tap_done();
}
