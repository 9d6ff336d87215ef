/*
 * test_robust_vma: the heap and the VMAs at their edges, as Linux keeps
 * them: a break moved into a heap that mprotect has split, a break past
 * the top of the address space, lengths that round up past 2^64, madvise
 * over holes, many mappings far apart, and flags Linux accepts (MADV_FREE,
 * PROT_SEM) or refuses (a shared mapping larger than all memory).
 *
 * The break is moved with the raw system call (the C libraries' brk and
 * sbrk keep their own idea of it), always in a watched child (robust.h),
 * so a heap that goes wrong takes no other check with it.
 *
 * Without an MMU the break never moves (brk returns it unchanged, which
 * the items past 2^64 and at ~0UL still check), mprotect and madvise are
 * ENOSYS, and nothing is placed at an address: the items that need those
 * are skipped, and the answers Linux gives without an MMU are checked.
 */
#define _GNU_SOURCE		/* MAP_ANONYMOUS, MADV_FREE, MAP_FIXED_NOREPLACE, syscall */
#include <sys/syscall.h>
#include "robust.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000	/* Linux's value; older C libraries lack the name */
#endif
#ifndef MADV_FREE
#define MADV_FREE 8
#endif
#ifndef PROT_SEM
#define PROT_SEM 0x8
#endif

#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

static const char no_brk[] = NEEDS_MMU "the break never moves";

/* qemu-user answers brk from its own model of the heap and writes /proc/self/maps itself. */
static const char qemu_brk[] = "qemu-user emulates brk itself";
static const char qemu_maps[] = "qemu-user writes /proc/self/maps itself";
static const char qemu_meminfo[] = "qemu-user shows the host's /proc/meminfo";
static const char qemu_status[] = "qemu-user shows its own /proc/self/status";

static unsigned long raw_brk(unsigned long addr)
{
	return (unsigned long)syscall(SYS_brk, addr);
}

/* A function whose code must still be there (and right) after the break goes wrong. */
__attribute__((noinline)) static int add_22(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 22;
}

/* ---- /proc/self/maps ---- */

static char maps[65536];

/* Read all of /proc/self/maps into maps[]; its length, or -1 if it could not be read whole. */
static long read_maps(void)
{
	size_t len = 0;
	ssize_t r = 0;
	int fd = open("/proc/self/maps", O_RDONLY);

	if (fd < 0)
		return -1;
	while (len < sizeof(maps) - 1 && (r = read(fd, maps + len, sizeof(maps) - 1 - len)) > 0)
		len += r;
	close(fd);
	maps[len] = '\0';
	return r < 0 || len == sizeof(maps) - 1 ? -1 : (long)len;
}

/*
 * Is maps[] (as read_maps left it) sorted, each range non-empty and none
 * overlapping the one before?  Says where not in why.
 */
static int maps_sorted(char *why, size_t size)
{
	unsigned long prev_end = 0, start, end;
	int line = 0;

	snprintf(why, size, "no lines");
	for (const char *p = maps; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "") {
		if (sscanf(p, "%lx-%lx", &start, &end) != 2) {
			snprintf(why, size, "line %d unreadable", line + 1);
			return 0;
		}
		if (start >= end || start < prev_end) {
			snprintf(why, size, "line %d: %lx-%lx after one ending at %lx", line + 1, start,
				 end, prev_end);
			return 0;
		}
		prev_end = end;
		line++;
	}
	if (line)
		snprintf(why, size, "%d lines", line);
	return line > 0;
}

/* The maps[] entry holding addr: its range and "rw-p"-style permissions; 0 if none. */
static int maps_find(unsigned long addr, unsigned long *start, unsigned long *end, char perms[5])
{
	for (const char *p = maps; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "")
		if (sscanf(p, "%lx-%lx %4s", start, end, perms) == 3 && *start <= addr && addr < *end)
			return 1;
	return 0;
}

/* Does maps[] show exactly [start, end) with perms as one entry? */
static int maps_has(unsigned long start, unsigned long end, const char *perms)
{
	unsigned long s, e;
	char p[5];

	return maps_find(start, &s, &e, p) && s == start && e == end && strcmp(p, perms) == 0;
}

/* Does the maps[] entry holding addr end at end, with perms (wherever it starts)? */
static int maps_ends_at(unsigned long addr, unsigned long end, const char *perms)
{
	unsigned long s, e;
	char p[5];

	return maps_find(addr, &s, &e, p) && e == end && strcmp(p, perms) == 0;
}

static int maps_hole(unsigned long addr)
{
	unsigned long s, e;
	char p[5];

	return !maps_find(addr, &s, &e, p);
}

/*
 * Committed_AS is system-wide, and Linux keeps it as a per-cpu counter
 * that /proc/meminfo reads without folding in the cpus' pending deltas
 * (each below a batch of max(32 pages, MemTotal / 256 / cpus)), so two
 * readings on an idle Linux can differ by up to MemTotal / 256 plus 32
 * pages a cpu.  The slack allowed here is 32 MiB plus MemTotal / 64: many
 * times that error and far more than the few pages this test moves, and
 * nothing like the 2^52 pages a break shrunk past its VMA's end takes
 * away.  (A busy machine could move it more meanwhile; these tests run
 * alone.)
 */
static long commit_slack_kb(void)
{
	long total = proc_kb("/proc/meminfo", "MemTotal:");

	return 32 * 1024 + (total > 0 ? total / 64 : 0);
}

static long committed_kb(void)
{
	return proc_kb("/proc/meminfo", "Committed_AS:");
}

/* ---- item 1: the break shrunk into a heap that mprotect split in three ---- */

static const char *const brk_split_checks[] = {
	"brk grows the heap by 4 pages",
	"mprotect(PROT_READ) of the 2 middle heap pages succeeds",
	"/proc/self/maps shows the heap as 3 VMAs: rw-p, r--p (2 pages), rw-p",
	"brk into the middle of the read-only piece returns the new break",
	"after it /proc/self/maps is sorted and no two ranges overlap",
	"the shrink unmapped the tail: the first page rw-p, one page r--p, then nothing",
	"Committed_AS after the shrink is within the slack of its value before",
	"munmap of the heap page that the wrong shrink overlapped succeeds",
	"/proc/self/maps can be read to its end afterwards, still sorted",
	"a forked child touches the heap and exits 0",
	"brk back to the starting break returns it",
	"Committed_AS at the end is within the slack of its value before",
};

static int brk_split_child(void)
{
	const int qemu = under_qemu_user();
	const unsigned long b0 = raw_brk(0), base = PAGE_UP(b0), mid = base + PAGE + 100;
	char *heap = (char *)base, why[128];
	long c0 = committed_kb(), c, slack = commit_slack_kb(), len;
	unsigned long r;
	int st;

	r = raw_brk(base + 4 * PAGE);
	if (qemu)
		report_skip(0, qemu_brk);
	else
		report(0, r == base + 4 * PAGE, "returned %#lx for %#lx", r, base + 4 * PAGE);
	if (r != base + 4 * PAGE)
		return 1;
	memset(heap, 'h', 4 * PAGE);
	report(1, mprotect(heap + PAGE, 2 * PAGE, PROT_READ) == 0, NULL);
	if (qemu)
		report_skip(2, qemu_maps);
	else
		report(2, read_maps() > 0 && maps_has(base + PAGE, base + 3 * PAGE, "r--p") &&
		       maps_has(base + 3 * PAGE, base + 4 * PAGE, "rw-p") && maps_hole(base + 4 * PAGE) &&
		       maps_ends_at(base, base + PAGE, "rw-p"), NULL);

	r = raw_brk(mid);
	if (qemu)
		report_skip(3, qemu_brk);
	else
		report(3, r == mid, "brk(%#lx) returned %#lx", mid, r);
	if (qemu) {
		report_skip(4, qemu_maps);
		report_skip(5, qemu_maps);
	} else {
		len = read_maps();
		report(4, len > 0 && maps_sorted(why, sizeof(why)), "%s", len > 0 ? why : "unreadable");
		report(5, maps_ends_at(base, base + PAGE, "rw-p") && maps_has(base + PAGE, base + 2 * PAGE, "r--p") && maps_hole(base + 2 * PAGE) &&
		       maps_hole(base + 3 * PAGE) && heap[0] == 'h' && heap[PAGE] == 'h', NULL);
	}
	c = committed_kb();
	if (qemu)
		report_skip(6, qemu_meminfo);
	else
		report(6, c0 >= 0 && c >= c0 - slack && c <= c0 + 16 + slack,
		       "%ld kB, was %ld kB, slack %ld kB", c, c0, slack);

	/* the page the first VMA wrongly grew over when the shrink only moved its end */
	report(7, munmap(heap + PAGE, PAGE) == 0, NULL);
	if (qemu) {
		report_skip(8, qemu_maps);
	} else {
		len = read_maps();
		report(8, len > 0 && maps[len - 1] == '\n' && maps_sorted(why, sizeof(why)), "%s",
		       len > 0 ? why : "unreadable");
	}
	st = access_in_child(heap, 1);
	report(9, exited_0(st) && heap[0] == 'h', "%s", status_str(st));

	r = raw_brk(b0);
	if (qemu)
		report_skip(10, qemu_brk);
	else
		report(10, r == b0, "brk(%#lx) returned %#lx", b0, r);
	c = committed_kb();
	if (qemu)
		report_skip(11, qemu_meminfo);
	else
		report(11, c0 >= 0 && c >= c0 - slack && c <= c0 + slack, "%ld kB, was %ld kB, slack %ld kB",
		       c, c0, slack);
	return 0;
}

/* ---- items 2 and 10: a break whose page rounding wraps past 2^64 ---- */

static const char *const brk_wrap_checks[] = {
	"brk(0xfffffffffffff666), which page-aligns to 0, returns the break unchanged",
	"brk(0xfffffffffffff001), which page-aligns to 0, returns the break unchanged",
	"brk(0) afterwards still reports that break",
	"the program's text still runs afterwards",
	"the heap page still holds what was written to it",
	"a fork afterwards works: the child runs the same code and exits 0",
};

static int brk_wrap_child(void)
{
	const int qemu = under_qemu_user();
	const unsigned long base = PAGE_UP(raw_brk(0));
	unsigned long r1, r2, r3;
	char *heap = (char *)base;
	pid_t pid;
	int st;

	if (no_mmu()) {
		/* no heap to put a page in: the break, wherever it is, must stay */
		const unsigned long b0 = raw_brk(0);

		r1 = raw_brk(0xfffffffffffff666UL);
		r2 = raw_brk(0xfffffffffffff001UL);
		r3 = raw_brk(0);
		report(0, r1 == b0, "returned %#lx, the break was %#lx", r1, b0);
		report(1, r2 == b0, "returned %#lx, the break was %#lx", r2, b0);
		report(2, r3 == b0, "%#lx", r3);
		report(3, add_22(20) == 42, NULL);
		report_skip(4, no_brk);
		report_skip(5, NEEDS_MMU "fork()");
		return 0;
	}
	/* a heap with a page in it, so that a wrong shrink has something to take */
	if (raw_brk(base + PAGE) != base + PAGE)
		return 1;
	heap[0] = 'w';
	r1 = raw_brk(0xfffffffffffff666UL);
	r2 = raw_brk(0xfffffffffffff001UL);
	r3 = raw_brk(0);
	if (qemu) {
		report_skip(0, qemu_brk);
		report_skip(1, qemu_brk);
		report_skip(2, qemu_brk);
	} else {
		report(0, r1 == base + PAGE, "returned %#lx, the break was %#lx", r1, base + PAGE);
		report(1, r2 == base + PAGE, "returned %#lx, the break was %#lx", r2, base + PAGE);
		report(2, r3 == base + PAGE, "%#lx", r3);
	}
	report(3, add_22(20) == 42, NULL);
	report(4, heap[0] == 'w', NULL);
	pid = fork();
	if (pid == 0)
		_exit(add_22(20) == 42 && heap[0] == 'w' ? 0 : 1);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = -1;
	report(5, exited_0(st), "%s", status_str(st));
	return 0;
}

static const char *const brk_max_checks[] = {
	"brk(~0UL) returns the current break unchanged",
	"brk(0) afterwards still reports that break",
	"malloc of 64 KiB afterwards works, and the memory is usable",
};

static int brk_max_child(void)
{
	const int qemu = under_qemu_user();
	const unsigned long b0 = raw_brk(0);
	unsigned long r = raw_brk(~0UL), r0 = raw_brk(0);
	char *p;

	if (qemu) {
		report_skip(0, qemu_brk);
		report_skip(1, qemu_brk);
	} else {
		report(0, r == b0, "returned %#lx, the break was %#lx", r, b0);
		report(1, r0 == b0, "%#lx", r0);
	}
	p = malloc(64 * KIB);		/* below glibc's mmap threshold: from the heap */
	if (p) {
		memset(p, 'm', 64 * KIB);
		report(2, p[0] == 'm' && p[64 * KIB - 1] == 'm' && add_22(1) == 23, "at %p", (void *)p);
		free(p);
	} else {
		report(2, 0, "malloc returned NULL");
	}
	return 0;
}

/* ---- item 7: page tables of mappings far apart are freed with them ---- */

#define FAR_MAPS 200

/*
 * Each mapping is 1 GiB from the next, so each needs its own last two
 * levels of page table (a PTE table and the table above it, which maps
 * 1 GiB on Sv39/48/57 and x86-64 alike): about 8 kB of VmPTE each.  The
 * range, 4 GiB up to 204 GiB, lies inside even Sv39's 256 GiB, below
 * where mmap places things.
 */
static const char *const far_checks[] = {
	"200 one-page mappings 1 GiB apart (4 GiB to 204 GiB), each touched",
	"VmPTE grew by at least 4 kB for each while they were mapped",
	"munmap of every one succeeds",
	"VmPTE is back within 8 kB of where it started",
};

static int far_child(void)
{
	const int qemu = under_qemu_user();
	static char *at[FAR_MAPS];
	long pte0 = vm_pte_kb(), pte1, pte2;
	int mapped = 0, placed = 0, unmapped = 0;

	for (int i = 0; i < FAR_MAPS; i++) {
		char *want = (char *)((4UL + i) * GIB);

		at[i] = mmap(want, PAGE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (at[i] == MAP_FAILED)
			continue;
		mapped++;
		placed += at[i] == want;
		at[i][0] = (char)i;
		at[i][PAGE - 1] = (char)i;
	}
	/* qemu-user ignores MAP_FIXED_NOREPLACE, taking the address as a hint only */
	report(0, mapped == FAR_MAPS && (qemu || placed == FAR_MAPS), "%d mapped, %d where asked",
	       mapped, placed);
	pte1 = vm_pte_kb();
	for (int i = 0; i < FAR_MAPS; i++)
		if (at[i] != MAP_FAILED && at[i][0] == (char)i && munmap(at[i], PAGE) == 0)
			unmapped++;
	pte2 = vm_pte_kb();
	if (qemu)
		report_skip(1, qemu_status);
	else
		report(1, pte0 >= 0 && pte1 >= pte0 + 4L * FAR_MAPS, "%ld kB, was %ld kB", pte1, pte0);
	report(2, unmapped == mapped, "%d of %d", unmapped, mapped);
	/*
	 * 8 kB: two table pages, should the test's own stack or buffers have
	 * needed a new table meanwhile.  Tables left behind would be ~1600 kB.
	 */
	if (qemu)
		report_skip(3, qemu_status);
	else
		report(3, pte0 >= 0 && pte2 >= 0 && pte2 <= pte0 + 8, "%ld kB, was %ld kB, %ld kB mapped",
		       pte2, pte0, pte1);
	return 0;
}

/* ---- item 11: lengths that page-align to 0 ---- */

static const char *const huge_len_checks[] = {
	"mprotect(addr, ~0UL, PROT_READ): ENOMEM",
	"madvise(addr, ~0UL, MADV_DONTNEED): EINVAL",
	"madvise(addr, ~0UL, MADV_NORMAL): EINVAL",
	"madvise(addr, ~0UL, MADV_WILLNEED): EINVAL",
	"the mapping is untouched: still writable, its data still there",
};

/* Linux builds mprotect and madvise only with an MMU */
static const char *const huge_len_nommu_checks[] = {
	"mprotect(addr, ~0UL, PROT_READ): ENOSYS without an MMU",
	"madvise(addr, ~0UL, MADV_DONTNEED): ENOSYS without an MMU",
	"madvise(addr, ~0UL, MADV_NORMAL): ENOSYS without an MMU",
	"madvise(addr, ~0UL, MADV_WILLNEED): ENOSYS without an MMU",
	"the mapping is untouched: still writable, its data still there",
};

static int huge_len_child(void)
{
	static const int advice[] = { MADV_DONTNEED, MADV_NORMAL, MADV_WILLNEED };
	char *p = map_anon(2 * PAGE, PROT_READ | PROT_WRITE);
	const int want = no_mmu() ? ENOSYS : EINVAL;
	int r;

	if (p == MAP_FAILED)
		return 1;
	p[0] = 'u';
	/* qemu-user 7.2 checks mprotect's and madvise's ranges itself, before the host sees them */
	if (under_qemu_user()) {
		for (int i = 0; i < 4; i++)
			report_skip(i, "qemu-user 7.2 checks the range itself");
	} else {
		errno = 0;
		r = mprotect(p, ~0UL, PROT_READ);
		report(0, r == -1 && errno == (no_mmu() ? ENOSYS : ENOMEM), "%s",
		       r == -1 ? strerror(errno) : "it succeeded");
		for (int i = 0; i < 3; i++) {
			errno = 0;
			r = madvise(p, ~0UL, advice[i]);
			report(1 + i, r == -1 && errno == want, "%s",
			       r == -1 ? strerror(errno) : "it succeeded");
		}
	}
	p[1] = 'v';
	report(4, p[0] == 'u' && p[1] == 'v', NULL);
	munmap(p, 2 * PAGE);
	return 0;
}

/* ---- item 12: MADV_DONTNEED over a range with a hole ---- */

static const char *const dontneed_hole_checks[] = {
	"madvise(MADV_DONTNEED) over 3 pages whose middle one is unmapped: ENOMEM",
	"... and both mapped pages were dropped all the same: they read 0 again",
	"madvise(MADV_DONTNEED) over 2 pages whose first is unmapped: ENOMEM",
	"... and the mapped page after the hole was dropped: it reads 0 again",
};

static int dontneed_hole_child(void)
{
	char *a;
	int r;

	/* qemu-user 7.2 answers madvise itself: 0, and nothing dropped */
	if (under_qemu_user()) {
		for (int i = 0; i < 4; i++)
			report_skip(i, "qemu-user 7.2 ignores madvise");
		return 0;
	}
	a = map_anon(3 * PAGE, PROT_READ | PROT_WRITE);
	if (a == MAP_FAILED)
		return 1;
	memset(a, 'x', 3 * PAGE);
	munmap(a + PAGE, PAGE);
	errno = 0;
	r = madvise(a, 3 * PAGE, MADV_DONTNEED);
	report(0, r == -1 && errno == ENOMEM, "%s", r == -1 ? strerror(errno) : "it succeeded");
	report(1, a[0] == 0 && a[PAGE - 1] == 0 && a[2 * PAGE] == 0 && a[3 * PAGE - 1] == 0,
	       "first page reads %#x, last %#x", a[0], a[2 * PAGE]);
	/* now a hole first: [a + PAGE, a + 2 * PAGE) is unmapped, a + 2 * PAGE mapped */
	memset(a + 2 * PAGE, 'y', PAGE);
	errno = 0;
	r = madvise(a + PAGE, 2 * PAGE, MADV_DONTNEED);
	report(2, r == -1 && errno == ENOMEM, "%s", r == -1 ? strerror(errno) : "it succeeded");
	report(3, a[2 * PAGE] == 0 && a[3 * PAGE - 1] == 0, "reads %#x", a[2 * PAGE]);
	munmap(a, 3 * PAGE);
	return 0;
}

/* ---- item 14: flags Linux accepts ---- */

static void test_accepted_flags(void)
{
	char *p = map_anon(2 * PAGE, PROT_READ | PROT_WRITE), *s;
	int r;

	if (!ok(p != MAP_FAILED, "a two-page anonymous mapping"))
		return;
	memset(p, 'f', 2 * PAGE);
	errno = 0;
	r = madvise(p, 2 * PAGE, MADV_FREE);
	/* qemu-user 7.2 passes only MADV_DONTNEED on to the host, and answers 0 to the rest */
	if (no_mmu())
		ok(r == -1 && errno == ENOSYS, "madvise(MADV_FREE): ENOSYS without an MMU (%s)",
		   r ? strerror(errno) : "0");
	else if (under_qemu_user())
		skip("qemu-user 7.2 answers madvise itself",
		     "madvise(MADV_FREE) of private anonymous memory is accepted");
	else
		ok(r == 0, "madvise(MADV_FREE) of private anonymous memory is accepted (%s)",
		   r ? strerror(errno) : "0");
	p[0] = 'g';
	ok(p[0] == 'g', "the memory is still usable after MADV_FREE");
	munmap(p, 2 * PAGE);

	/*
	 * PROT_SEM (0x8) is in Linux's generic set of valid protection bits
	 * (arch_validate_prot).  qemu-user validates the bits itself and hands
	 * the host its own translation, so there the answer is qemu's.
	 */
	s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_SEM, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (under_qemu_user())
		skip("qemu-user validates the protection bits itself",
		     "mmap(PROT_READ | PROT_WRITE | PROT_SEM) succeeds");
	else
		ok(s != MAP_FAILED, "mmap(PROT_READ | PROT_WRITE | PROT_SEM) succeeds (%s)",
		   s == MAP_FAILED ? strerror(errno) : "mapped");
	if (s == MAP_FAILED)
		s = map_anon(PAGE, PROT_READ | PROT_WRITE);
	if (s == MAP_FAILED)
		return;
	s[0] = 's';
	errno = 0;
	r = mprotect(s, PAGE, PROT_READ | PROT_SEM);
	if (no_mmu())
		ok(r == -1 && errno == ENOSYS, "mprotect(PROT_READ | PROT_SEM): ENOSYS without an MMU (%s)",
		   r ? strerror(errno) : "0");
	else if (under_qemu_user())
		skip("qemu-user validates the protection bits itself",
		     "mprotect(PROT_READ | PROT_SEM) succeeds");
	else
		ok(r == 0 && s[0] == 's', "mprotect(PROT_READ | PROT_SEM) succeeds (%s)",
		   r ? strerror(errno) : "0");
	munmap(s, PAGE);
}

/* ---- item 15: shared anonymous memory larger than RAM and swap ---- */

static void shared_fails(size_t len, const char *what)
{
	char *p;

	errno = 0;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ok(p == MAP_FAILED && errno == ENOMEM, "mmap(MAP_SHARED | MAP_ANONYMOUS) of %s: ENOMEM (%s)",
	   what, p == MAP_FAILED ? strerror(errno) : "it succeeded");
	if (p != MAP_FAILED)
		munmap(p, len);
}

/*
 * Shared anonymous memory is charged in full when it is made (shmem's
 * accounting), and overcommit mode 0 refuses any one request larger than
 * RAM plus swap.
 */
static void test_shared_too_big(void)
{
	const int mode = overcommit_mode();
	const long mem = ram_and_swap_kb();
	char why[96];

	snprintf(why, sizeof(why), "overcommit_memory is %d, not 0", mode);
	if (mode != 0) {
		skip(why, "mmap(MAP_SHARED | MAP_ANONYMOUS) of 1 TiB: ENOMEM");
		skip(why, "mmap(MAP_SHARED | MAP_ANONYMOUS) of 8 GiB: ENOMEM");
		return;
	}
	shared_fails(1024 * GIB, "1 TiB");
	if (mem < 0 || mem >= (long)(8 * GIB / KIB)) {
		snprintf(why, sizeof(why), "MemTotal + SwapTotal is %ld kB, not under 8 GiB", mem);
		skip(why, "mmap(MAP_SHARED | MAP_ANONYMOUS) of 8 GiB: ENOMEM");
	} else {
		shared_fails(8 * GIB, "8 GiB (more than MemTotal + SwapTotal)");
	}
}

int main(int argc, char *argv[])
{
	robust_select(argc, argv);
	if (no_mmu())
		watched_skip("brk into a split heap", brk_split_checks, 12, 30, no_brk);
	else
		watched("brk into a split heap", brk_split_child, brk_split_checks, 12, 30);
	watched("brk past 2^64", brk_wrap_child, brk_wrap_checks, 6, 30);
	watched("brk(~0UL)", brk_max_child, brk_max_checks, 3, 30);
	if (no_mmu())
		watched_skip("mappings 1 GiB apart", far_checks, 4, 60,
			     NEEDS_MMU "no placement at an address, no page tables");
	else
		watched("mappings 1 GiB apart", far_child, far_checks, 4, 60);
	watched("lengths that page-align to 0", huge_len_child,
		no_mmu() ? huge_len_nommu_checks : huge_len_checks, 5, 30);
	if (no_mmu())
		watched_skip("MADV_DONTNEED over a hole", dontneed_hole_checks, 4, 30,
			     NEEDS_MMU "madvise");
	else
		watched("MADV_DONTNEED over a hole", dontneed_hole_child, dontneed_hole_checks, 4, 30);
	if (selected("MADV_FREE and PROT_SEM"))
		test_accepted_flags();
	if (selected("shared anonymous memory larger than RAM"))
		test_shared_too_big();
	return tap_done();
}
