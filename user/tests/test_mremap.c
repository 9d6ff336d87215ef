/*
 * test_mremap: resizing and moving mappings.  A mapping shrinks in place
 * (its tail unmapped), grows in place when nothing is in the way, and
 * otherwise, with MREMAP_MAYMOVE, moves: its data goes with it, its old
 * range is unmapped, its pages are moved rather than copied (VmRSS does
 * not change), and Committed_AS is charged for the growth only (a move
 * of the same size leaves it as it was).  MREMAP_FIXED puts it at a
 * given address, replacing what was there; MREMAP_DONTUNMAP leaves the
 * old range mapped and empty; an old size of 0 on a shared mapping makes
 * a second mapping of the same pages.  A locked mapping stays locked.
 * The errors are Linux's.  Without an MMU nothing can move (Linux's
 * nommu rules: the old range must be a whole mapping, growing past its
 * allocation is ENOMEM), and those answers are checked instead.
 */
#define _GNU_SOURCE		/* mremap */
#include <errno.h>
#include "mm.h"

#define QEMU_PROC "qemu-user: /proc describes the emulator"
#define QEMU_MREMAP "qemu-user: mremap is the emulator's own"
#define LINUX_SLACK_KB (64 * 4)	/* Linux's per-cpu counters: see test_mlock */

static int near(long got, long want, long slack_kb)
{
	if (on_rvmm())
		slack_kb = 0;
	return got >= want - slack_kb && got <= want + slack_kb;
}

static long committed(void)
{
	return proc_kb("/proc/meminfo", "Committed_AS:");
}

/* Is [p, p+len) unmapped: does no line of /proc/self/maps overlap it? */
static int unmapped(void *p, size_t len)
{
	unsigned long lo, hi, a = (unsigned long)p;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int free = f != NULL;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo < a + len && hi > a)
			free = 0;
	if (f)
		fclose(f);
	return free;
}

static int filled(const char *p, size_t len, char c)
{
	for (size_t i = 0; i < len; i += PAGE / 4)
		if (p[i] != c)
			return 0;
	return 1;
}

static void test_errors(void)
{
	char *p = map_anon(4 * PAGE, PROT_READ | PROT_WRITE);

	errno = 0;
	ok(mremap(p, PAGE, PAGE, 8) == MAP_FAILED && errno == EINVAL, "unknown flags: EINVAL");
	errno = 0;
	ok(mremap(p, PAGE, PAGE, MREMAP_FIXED, p + 8 * PAGE) == MAP_FAILED && errno == EINVAL,
	   "MREMAP_FIXED without MREMAP_MAYMOVE: EINVAL");
	errno = 0;
	ok(mremap(p + 1, PAGE, PAGE, 0) == MAP_FAILED && errno == EINVAL, "an unaligned address: EINVAL");
	errno = 0;
	if (under_qemu_user())
		skip(QEMU_MREMAP, "a new size of 0: EINVAL");
	else
		ok(mremap(p, 4 * PAGE, 0, 0) == MAP_FAILED && errno == EINVAL, "a new size of 0: EINVAL");
	errno = 0;
	ok(mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP) == MAP_FAILED && errno == EINVAL,
	   "MREMAP_DONTUNMAP with a change of size: EINVAL");
	errno = 0;
	if (under_qemu_user())
		skip(QEMU_MREMAP, "an old size of 0 on a private mapping: EINVAL");
	else
		ok(mremap(p, 0, PAGE, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL,
		   "an old size of 0 on a private mapping: EINVAL");
	munmap(p + 2 * PAGE, 2 * PAGE);
	errno = 0;
	if (no_mmu())
		ok(mremap(p + 2 * PAGE, PAGE, PAGE, 0) == MAP_FAILED && errno == EINVAL,
		   "nothing mapped at the address: EINVAL without an MMU");
	else
		ok(mremap(p + 2 * PAGE, PAGE, PAGE, 0) == MAP_FAILED && errno == EFAULT,
		   "nothing mapped at the address: EFAULT");
	errno = 0;
	if (no_mmu())
		ok(mremap(p, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL,
		   "an old range that is not the mapping: EINVAL without an MMU");
	else
		ok(mremap(p, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT,
		   "an old range running past its mapping: EFAULT");
	munmap(p, 2 * PAGE);
}

static void test_shrink_grow(void)
{
	char *p = map_anon(8 * PAGE, PROT_READ | PROT_WRITE), *q;

	memset(p, 's', 8 * PAGE);
	q = mremap(p, 8 * PAGE, 4 * PAGE, 0);
	ok(q == p && filled(p, 4 * PAGE, 's'), "shrinking keeps the address and the data");
	ok(unmapped(p + 4 * PAGE, 4 * PAGE), "... and unmaps the tail");
	if (no_mmu()) {
		q = mremap(p, 4 * PAGE, 8 * PAGE, 0);
		ok(q == p, "growing back within its allocation works without an MMU");
		errno = 0;
		ok(mremap(p, 8 * PAGE, 64 * PAGE, MREMAP_MAYMOVE) == MAP_FAILED && errno == ENOMEM,
		   "growing past it is ENOMEM, MREMAP_MAYMOVE or not: nothing moves");
		skip(NEEDS_MMU "growth is within the allocation, which was zeroed when made",
		     "the pages it grows by read as zero");
		munmap(p, 8 * PAGE);
		return;
	}
	q = mremap(p, 4 * PAGE, 8 * PAGE, 0);
	ok(q == p && filled(p, 4 * PAGE, 's'), "growing into the free space after it: in place, data kept");
	ok(q == p && filled(p + 4 * PAGE, 4 * PAGE, 0), "the pages it grows by read as zero");
	munmap(p, 8 * PAGE);
}

static void test_move(void)
{
	const char *why = no_mmu() ? NEEDS_MMU "nothing can move" : NULL;
	char *p, *q, *r, *wall;
	long rss0, rss1, c0, c1;
	size_t n = 256 * PAGE;

	if (why) {
		for (int i = 0; i < 11; i++)
			skip(why, "moving mappings (%d)", i);
		return;
	}
	/* p with a wall right above it, so it cannot grow in place */
	p = map_anon(n + PAGE, PROT_READ | PROT_WRITE);
	wall = mmap(p + n, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	memset(p, 'm', n);
	errno = 0;
	ok(mremap(p, n, 2 * n, 0) == MAP_FAILED && errno == ENOMEM,
	   "growing into another mapping without MREMAP_MAYMOVE: ENOMEM");
	c0 = committed();	/* each call made once first: their own first faults are not counted */
	rss0 = vm_rss_kb();
	c0 = committed();
	q = mremap(p, n, 2 * n, MREMAP_MAYMOVE);
	rss1 = vm_rss_kb();
	c1 = committed();
	ok(q != MAP_FAILED && q != p && filled(q, n, 'm') && filled(q + n, n, 0),
	   "with MREMAP_MAYMOVE it moves, the data with it, the growth zero");
	ok(unmapped(p, n), "the old range is unmapped");
	if (under_qemu_user()) {
		skip(QEMU_PROC, "VmRSS is unchanged: the pages moved, none was copied");
		skip(QEMU_PROC, "Committed_AS grows by the growth only");
	} else {
		ok(near(rss1 - rss0, 0, LINUX_SLACK_KB), "VmRSS is unchanged: the pages moved, none was copied (%ld kB)",
		   rss1 - rss0);
		ok(near(c1 - c0, (long)(n / KIB), LINUX_SLACK_KB * 2), "Committed_AS grows by the growth only (%ld kB)",
		   c1 - c0);
	}
	munmap(wall, PAGE);

	/* MREMAP_FIXED: onto r, replacing it; same size, so nothing is charged */
	r = map_anon(2 * n, PROT_READ | PROT_WRITE);
	memset(r, 'r', PAGE);
	c0 = committed();
	p = mremap(q, 2 * n, 2 * n, MREMAP_MAYMOVE | MREMAP_FIXED, r);
	c1 = committed();
	ok(p == r && filled(r, n, 'm') && filled(r + n, n, 0), "MREMAP_FIXED moves it onto another mapping, replacing it");
	ok(unmapped(q, 2 * n), "... the old range unmapped");
	if (under_qemu_user())
		skip(QEMU_PROC, "a move of the same size leaves Committed_AS as it was");
	else
		ok(near(c1 - c0, -(long)(2 * n / KIB), LINUX_SLACK_KB * 2),
		   "a move of the same size charges nothing: only the replaced mapping's charge goes (%ld kB)", c1 - c0);
	errno = 0;
	ok(mremap(r, 2 * n, 2 * n, MREMAP_MAYMOVE | MREMAP_FIXED, r + n) == MAP_FAILED && errno == EINVAL,
	   "MREMAP_FIXED onto an overlapping range: EINVAL");
	errno = 0;
	ok(mremap(r, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, r + 3 * n + 1) == MAP_FAILED && errno == EINVAL,
	   "MREMAP_FIXED to an unaligned address: EINVAL");

	/* MREMAP_DONTUNMAP: moved, and the old range left mapped, empty */
	q = mremap(r, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, (void *)0x10000000);	/* a hint only */
	ok(q != MAP_FAILED && q != r && q[0] == 'm' && r[0] == 0,
	   "MREMAP_DONTUNMAP: the page moves, the old address stays mapped and reads zero");
	munmap(q, PAGE);
	munmap(r, 2 * n);
}

static void test_same_size_committed(void)
{
	size_t n = 4096 * PAGE;		/* 16 MiB, never touched */
	char *room, *p, *q;
	long c0, c1;

	if (no_mmu()) {
		skip(NEEDS_MMU "nothing can move", "a 16 MiB move leaves Committed_AS as it was");
		return;
	}
	/* room for both ends of the move, PROT_NONE and so not charged; p its first part */
	room = map_anon(3 * n, PROT_NONE);
	p = mmap(room, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	c0 = committed();
	q = mremap(p, n, n, MREMAP_MAYMOVE | MREMAP_FIXED, room + 2 * n);
	c1 = committed();
	if (under_qemu_user())
		skip(QEMU_PROC, "a 16 MiB move leaves Committed_AS as it was");
	else
		ok(q == room + 2 * n && near(c1 - c0, 0, LINUX_SLACK_KB * 2),
		   "a 16 MiB move leaves Committed_AS as it was (%ld kB)", c1 - c0);
	munmap(room, 3 * n);
}

static void test_shared_and_locked(void)
{
	char *p, *q;
	unsigned char v[16];
	long lck0;

	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	p[0] = 'x';
	errno = 0;
	q = mremap(p, 0, PAGE, MREMAP_MAYMOVE);
	if (no_mmu()) {
		ok(q == MAP_FAILED && errno == EINVAL, "an old size of 0 is EINVAL without an MMU");
	} else if (under_qemu_user()) {
		skip(QEMU_MREMAP, "an old size of 0 on a shared mapping: a second mapping of the same page");
	} else {
		ok(q != MAP_FAILED && q != p && q[0] == 'x' && ((q[0] = 'y'), p[0] == 'y'),
		   "an old size of 0 on a shared mapping: a second mapping of the same page");
		munmap(q, PAGE);
	}
	munmap(p, PAGE);

	if (no_mmu()) {
		skip(NEEDS_MMU "mlock is ENOSYS", "a locked mapping moved and grown stays locked, its growth resident");
		skip(NEEDS_MMU "mlock is ENOSYS", "... and VmLck grows by the growth");
		return;
	}
	p = map_anon(4 * PAGE, PROT_READ | PROT_WRITE);
	munmap(p + 2 * PAGE, 2 * PAGE);
	q = mmap(p + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mlock(p, 2 * PAGE);
	lck0 = proc_kb("/proc/self/status", "VmLck:");
	p[0] = 'L';
	q = mremap(p, 2 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	ok(q != MAP_FAILED && q[0] == 'L' && mincore(q, 8 * PAGE, v) == 0 && v[0] && v[1] && v[7],
	   "a locked mapping moved and grown stays locked, its growth resident");
	if (under_qemu_user())
		skip(QEMU_PROC, "... and VmLck grows by the growth");
	else
		ok(proc_kb("/proc/self/status", "VmLck:") - lck0 == (long)(6 * PAGE / KIB),
		   "... and VmLck grows by the growth (%ld kB)", proc_kb("/proc/self/status", "VmLck:") - lck0);
	munmap(q, 8 * PAGE);
	munmap(p + 2 * PAGE, PAGE);
}

static void test_file(void)
{
	const char *path = scratch("test_mremap", "file");
	int fd = make_file(path, O_RDWR, 'f', 4 * PAGE);
	char *p = map_file(fd, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, 0), *q, *wall;

	if (no_mmu()) {
		errno = 0;
		ok(p != MAP_FAILED && mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE) == MAP_FAILED &&
		   errno == EPERM, "a shared mapping cannot be resized without an MMU: EPERM");
	} else {
		wall = mmap(p + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		q = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
		ok(q != MAP_FAILED && q != p && q[3 * PAGE] == 'f' && ((q[3 * PAGE] = 'w'), file_byte(fd, 3 * PAGE) == 'w'),
		   "a shared file mapping moved and grown: the file's pages, writes reach the file");
		munmap(q, 4 * PAGE);
		munmap(wall, PAGE);
	}
	if (no_mmu() && p != MAP_FAILED)
		munmap(p, 2 * PAGE);
	if (fd >= 0)
		close(fd);
	unlink(path);
}

int main(void)
{
	test_errors();
	test_shrink_grow();
	test_move();
	test_same_size_committed();
	test_shared_and_locked();
	test_file();
	return tap_done();
}
