/*
 * test_swap: swap on a block device, as Linux does it: swapon and
 * /proc/swaps, pages written out with MADV_PAGEOUT and read back on the
 * next touch, swap entries across fork, munmap and swapoff, the counters
 * (VmSwap, SwapFree, pswpin, pswpout), and the errors of swapon and
 * swapoff.  Every slot taken is given back: SwapFree ends at SwapTotal.
 *
 * It needs a disk with a swap header at /dev/vda (make qemu SWAP=64M;
 * the harness attaches one to rvmm's user-test boots).  Without one every
 * check is a SKIP naming why, and so it is under qemu-user (swapon would
 * reach the host) and without an MMU (no swap: swapon is ENOSYS, which
 * is checked).
 */
#define _GNU_SOURCE		/* mremap */
#include <errno.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/swap.h>
#include "mm.h"

#define DEV "/dev/vda"
#define AREA (4 * MIB)		/* the pages written out at once */

static const char *why;		/* every check is a SKIP for this reason when set */

/* CHECK: ok(cond), or a SKIP for why (cond then is not evaluated). */
#define CHECK(cond, ...) (why ? (skip(why, __VA_ARGS__), 1) : ok((cond), __VA_ARGS__))
/* RVMM_CHECK: as CHECK, but on Linux a SKIP for linux_why: rvmm differs there on purpose. */
#define RVMM_CHECK(cond, linux_why, ...) \
	(why ? (skip(why, __VA_ARGS__), 1) : !on_rvmm() ? (skip(linux_why, __VA_ARGS__), 1) : \
	 ok((cond), __VA_ARGS__))

#define LINUX_KEEPS_CACHE "Linux keeps written pages in the swap cache until reclaim wants them"
#define LINUX_LAZY_SLOTS "Linux frees swap-cache pages lazily and keeps freed slots in per-CPU caches: SwapFree lags"

static long meminfo(const char *label)
{
	return proc_kb("/proc/meminfo", label);
}

static long vmstat(const char *name)
{
	return proc_number("/proc/vmstat", name);
}

static long vm_swap_kb(void)
{
	return proc_kb("/proc/self/status", "VmSwap:");
}

/* pattern: the word at byte i of page p of fill `seed`, different for every page and seed. */
static unsigned long pattern(unsigned long seed, unsigned long i)
{
	return (seed * 0x9e3779b97f4a7c15UL) ^ (i * 0x2545f4914f6cdd1dUL) ^ i;
}

static void fill(char *p, size_t len, unsigned long seed)
{
	for (size_t i = 0; i < len; i += sizeof(long))
		*(unsigned long *)(p + i) = pattern(seed, i);
}

/* intact: does [p, p+len) still hold fill's words? */
static int intact(const char *p, size_t len, unsigned long seed)
{
	for (size_t i = 0; i < len; i += sizeof(long))
		if (*(const unsigned long *)(p + i) != pattern(seed, i))
			return 0;
	return 1;
}

/* resident: how many pages of [p, p+len) mincore says are in memory; -1 on error. */
static long resident(char *p, size_t len)
{
	static unsigned char vec[AREA / PAGE];
	long n = 0;

	if (len > AREA || mincore(p, len, vec))
		return -1;
	for (size_t i = 0; i < len / PAGE; i++)
		n += vec[i] & 1;
	return n;
}

/* swaps_line: the /proc/swaps line naming DEV, into line; 1 if there is one. */
static int swaps_line(char *line, size_t size, int *header_ok)
{
	FILE *f = fopen("/proc/swaps", "r");
	int found = 0;

	if (!f)
		return 0;
	if (fgets(line, (int)size, f) && header_ok)
		*header_ok = strcmp(line, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n") == 0;
	while (!found && fgets(line, (int)size, f))
		found = strncmp(line, DEV " ", strlen(DEV) + 1) == 0;
	fclose(f);
	return found;
}

/* swaps_priority: the priority /proc/swaps shows for DEV, or -1000 if none. */
static int swaps_priority(void)
{
	char line[256], name[64], type[16];
	long size, used;
	int prio;

	if (!swaps_line(line, sizeof(line), NULL) ||
	    sscanf(line, "%63s %15s %ld %ld %d", name, type, &size, &used, &prio) != 5)
		return -1000;
	return prio;
}

/* start: swapon DEV for the test, or set why.  An area already on DEV is taken off first. */
static void start(void)
{
	int err;

	if (under_qemu_user()) {
		why = "qemu-user has no swap device of its own (swapon would reach the host)";
		skip(why, "swapon " DEV);
		return;
	}
	err = swapon_fresh(DEV);
	if (no_mmu()) {
		ok(err == ENOSYS, "without an MMU there is no swap: swapon is ENOSYS (%s)", strerror(err));
		why = NEEDS_MMU "no swap without one";
		return;
	}
	if (err == ENOENT || err == ENXIO) {
		why = "no disk at " DEV " (make qemu SWAP=64M attaches one)";
		skip(why, "swapon " DEV " (%s)", strerror(err));
		return;
	}
	ok(err == 0, "swapon " DEV " (%s)", strerror(err));
	if (err)
		why = "swapon " DEV " failed";
}

static void check_proc(void)
{
	char line[256];
	int header = 0, found = 0;
	long total = 0, size = -1, used = -1;
	char name[64], type[16];

	if (!why) {
		found = swaps_line(line, sizeof(line), &header);
		if (found)
			sscanf(line, "%63s %15s %ld %ld", name, type, &size, &used);
		total = meminfo("SwapTotal:");
	}
	CHECK(header, "/proc/swaps starts with Linux's header line");
	CHECK(found && strcmp(type, "partition") == 0, "/proc/swaps lists " DEV " as a partition");
	CHECK(found && size == total && total > 0, "its size (%ld kB) is SwapTotal (%ld kB)", size, total);
	CHECK(!why && meminfo("SwapFree:") == total, "nothing is used yet: SwapFree is SwapTotal");
	CHECK(swapon(DEV, 0) < 0 && errno == EBUSY, "swapon of an area in use: EBUSY");
}

static void check_errors(void)
{
	const char *file = scratch("test_swap", "file");
	struct stat st;
	int fd = -1;

	if (!why)
		fd = make_file(file, O_RDWR, 0, 16 * PAGE);
	CHECK(swapon("/nonexistent/swap", 0) < 0 && errno == ENOENT, "swapon of a missing path: ENOENT");
	CHECK(swapon((const char *)1, 0) < 0 && errno == EFAULT, "swapon of a bad pointer: EFAULT");
	CHECK(fd >= 0 && swapon(file, 0) < 0 && errno == EINVAL,
	      "swapon of a regular file on tmpfs (no blocks to swap to): EINVAL");
	CHECK(swapon(DEV, 0x100000) < 0 && errno == EINVAL, "swapon with an unknown flag: EINVAL");
	if (!why && stat("/dev/null", &st) < 0)
		skip("no /dev/null here", "swapon of a character device: EINVAL");
	else
		CHECK(swapon("/dev/null", 0) < 0 && errno == EINVAL, "swapon of a character device: EINVAL");
	CHECK(swapoff("/nonexistent/swap") < 0 && errno == ENOENT, "swapoff of a missing path: ENOENT");
	CHECK(swapoff((const char *)1) < 0 && errno == EFAULT, "swapoff of a bad pointer: EFAULT");
	CHECK(fd >= 0 && swapoff(file) < 0 && errno == EINVAL, "swapoff of a file that is no swap area: EINVAL");
	if (fd >= 0) {
		close(fd);
		unlink(file);
	}
}

/* check_pageout: pages written out and read back, and what the counters say of it. */
static void check_pageout(void)
{
	long free0 = 0, swap0 = 0, rss0 = 0, out0 = 0, in0 = 0, maj0 = 0, free1 = 0;
	long swap1 = 0, rss1 = 0, res1 = -1, swap2 = 0;
	struct rusage ru0 = { 0 }, ru1 = { 0 };	/* read only when swap is on */
	char *p = MAP_FAILED;
	int advised = -1, good = 0;

	if (!why) {
		p = map_anon(AREA, PROT_READ | PROT_WRITE);
		if (p == MAP_FAILED) {
			ok(0, "mmap %lu bytes", AREA);
			return;
		}
		fill(p, AREA, 1);
		free0 = meminfo("SwapFree:");
		swap0 = vm_swap_kb();
		rss0 = vm_rss_kb();
		out0 = vmstat("pswpout ");
		advised = madvise(p, AREA, MADV_PAGEOUT);
		free1 = meminfo("SwapFree:");
		swap1 = vm_swap_kb();
		rss1 = vm_rss_kb();
		res1 = resident(p, AREA);
	}
	CHECK(advised == 0, "MADV_PAGEOUT of %lu MiB of private anonymous memory", AREA / MIB);
	CHECK(swap1 - swap0 == (long)(AREA / KIB), "VmSwap grew by the range (%ld -> %ld kB)", swap0, swap1);
	CHECK(free0 - free1 >= (long)(AREA / KIB), "SwapFree fell by the range at least (%ld -> %ld kB)",
	      free0, free1);
	CHECK(rss0 - rss1 >= (long)(AREA / KIB) * 3 / 4, "VmRSS fell (%ld -> %ld kB)", rss0, rss1);
	CHECK(!why && vmstat("pswpout ") - out0 >= (long)(AREA / PAGE), "pswpout counts every page written");
	RVMM_CHECK(res1 == 0, LINUX_KEEPS_CACHE, "mincore: no page of the range is resident (%ld)", res1);
	if (!why) {
		in0 = vmstat("pswpin ");
		maj0 = vmstat("pgmajfault ");
		getrusage(RUSAGE_SELF, &ru0);
		good = intact(p, AREA, 1);
		getrusage(RUSAGE_SELF, &ru1);
		swap2 = vm_swap_kb();
	}
	CHECK(good, "every page reads back as it was written");
	CHECK(swap2 == swap0, "VmSwap is back where it was (%ld kB)", swap2);
	RVMM_CHECK(vmstat("pswpin ") - in0 >= (long)(AREA / PAGE), LINUX_KEEPS_CACHE,
		   "pswpin counts every page read back");
	RVMM_CHECK(vmstat("pgmajfault ") - maj0 >= (long)(AREA / PAGE) &&
		   ru1.ru_majflt - ru0.ru_majflt >= (long)(AREA / PAGE), LINUX_KEEPS_CACHE,
		   "each read was a major fault (pgmajfault, ru_majflt)");
	RVMM_CHECK(resident(p, AREA) == (long)(AREA / PAGE), LINUX_KEEPS_CACHE,
		   "mincore: every page is resident again");
	if (!why) {
		/* Read back and not changed: still in the swap cache, whose copy is good. */
		out0 = vmstat("pswpout ");
		madvise(p, AREA, MADV_PAGEOUT);
	}
	RVMM_CHECK(vmstat("pswpout ") == out0 && vm_swap_kb() - swap0 == (long)(AREA / KIB),
		   LINUX_KEEPS_CACHE, "pages read and not changed go out again without a write");
	CHECK(!why && intact(p, AREA, 1), "and read back intact again");
	if (!why) {
		fill(p, AREA, 2);	/* written: out of the swap cache, its slots freed */
		madvise(p, AREA, MADV_PAGEOUT);
	}
	CHECK(!why && intact(p, AREA, 2), "pages changed after a read go out and come back changed");
	if (!why) {
		madvise(p, AREA, MADV_PAGEOUT);	/* out again, to be unmapped while out */
		free1 = meminfo("SwapFree:");
		swap2 = vm_swap_kb();
		munmap(p, AREA);
	}
	CHECK(!why && swap2 - vm_swap_kb() == (long)(AREA / KIB),
	      "munmap of swapped-out pages drops their entries (VmSwap %ld -> %ld kB)", swap2,
	      why ? 0 : vm_swap_kb());
	RVMM_CHECK(meminfo("SwapFree:") - free1 == (long)(AREA / KIB), LINUX_LAZY_SLOTS,
		   "and frees their slots (SwapFree %ld -> %ld kB)", free1, why ? 0 : meminfo("SwapFree:"));
}

/* child_reads: in a fork's child: the parent's swapped-out pages, and its own writes to them. */
static char *shared_area;

static int child_reads(void)
{
	if (vm_swap_kb() < (long)(MIB / KIB))
		return 2;	/* the entries were not copied */
	if (!intact(shared_area, MIB, 3))
		return 3;
	fill(shared_area, MIB / 2, 4);	/* copy-on-write: the parent must not see this */
	return intact(shared_area, MIB / 2, 4) ? 0 : 4;
}

static void check_fork(void)
{
	int status = -1, parent_ok = 0, shared_skipped = 0;
	long swap0 = 0;

	if (!why) {
		shared_area = map_anon(MIB, PROT_READ | PROT_WRITE);
		if (shared_area == MAP_FAILED) {
			ok(0, "mmap 1 MiB");
			return;
		}
		fill(shared_area, MIB, 3);
		madvise(shared_area, MIB, MADV_PAGEOUT);
		status = run_child(child_reads);
		parent_ok = intact(shared_area, MIB, 3);
	}
	CHECK(status == 0, "a fork's child has the swap entries, reads the pages and writes its own copies (%s)",
	      why ? "" : status_str(status));
	CHECK(parent_ok, "the parent still sees its own data");
	if (!why) {
		/* Shared with a child: MADV_PAGEOUT passes such pages by, as Linux does. */
		pid_t pid = fork();

		if (pid == 0) {
			sleep(2);
			_exit(0);
		}
		swap0 = vm_swap_kb();
		madvise(shared_area, MIB, MADV_PAGEOUT);
		shared_skipped = vm_swap_kb() == swap0;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		munmap(shared_area, MIB);
	}
	CHECK(shared_skipped, "pages a child also maps are not written out");
}

/* check_kernel_access: system calls that read and write pages that are out: the kernel's own faults bring them in. */
static void check_kernel_access(void)
{
	const char *file = scratch("test_swap", "io");
	char *p = MAP_FAILED;
	int fd = -1, wrote = 0, readback = 0;

	if (!why) {
		p = map_anon(2 * 64 * KIB, PROT_READ | PROT_WRITE);
		fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	}
	if (p != MAP_FAILED && fd >= 0) {
		fill(p, 64 * KIB, 9);
		madvise(p, 2 * 64 * KIB, MADV_PAGEOUT);
		wrote = write(fd, p, 64 * KIB) == (ssize_t)(64 * KIB);
		fill(p + 64 * KIB, 64 * KIB, 10);
		madvise(p, 2 * 64 * KIB, MADV_PAGEOUT);
		readback = pread(fd, p + 64 * KIB, 64 * KIB, 0) == (ssize_t)(64 * KIB) &&
			   intact(p + 64 * KIB, 64 * KIB, 9);
	}
	CHECK(wrote, "write() from pages that are out: the kernel's fault reads them in");
	CHECK(readback, "read() into pages that are out, and the data arrives");
	if (fd >= 0) {
		close(fd);
		unlink(file);
	}
	if (p != MAP_FAILED)
		munmap(p, 2 * 64 * KIB);
}

/* check_willneed: MADV_WILLNEED reads swapped-out pages in ahead of the faults. */
static void check_willneed(void)
{
	long swap0 = 0, swap1 = 0, maj0 = 0, res = -1;
	int advised = -1, minor = 0;
	char *p = MAP_FAILED;

	if (!why)
		p = map_anon(MIB, PROT_READ | PROT_WRITE);
	if (p != MAP_FAILED) {
		fill(p, MIB, 12);
		swap0 = vm_swap_kb();
		madvise(p, MIB, MADV_PAGEOUT);
		advised = madvise(p, MIB, MADV_WILLNEED);
		swap1 = vm_swap_kb();
		res = resident(p, MIB);
		maj0 = vmstat("pgmajfault ");
		minor = intact(p, MIB, 12) && vmstat("pgmajfault ") == maj0;
		munmap(p, MIB);
	}
	CHECK(advised == 0 && swap1 - swap0 == (long)(MIB / KIB),
	      "MADV_WILLNEED of swapped-out pages: still out, their entries in place");
	CHECK(res == (long)(MIB / PAGE), "mincore: all in memory, in the swap cache (%ld)", res);
	CHECK(minor, "touching them then reads nothing: no major fault, data intact");
}

/* child_exits_swapped: a child whose pages are out when it exits. */
static int child_exits_swapped(void)
{
	char *p = map_anon(MIB, PROT_READ | PROT_WRITE);

	if (p == MAP_FAILED)
		return 2;
	fill(p, MIB, 6);
	madvise(p, MIB, MADV_PAGEOUT);
	return vm_swap_kb() >= (long)(MIB / KIB) ? 0 : 3;
}

/* check_moves: swap entries through mremap, mprotect, MADV_DONTNEED and exit. */
static void check_moves(void)
{
	char *p = MAP_FAILED, *q = MAP_FAILED;
	long swap0 = 0, swap1 = 0, free0 = 0, free1 = 0;
	int moved = 0, prot_kept = 0, status = -1;

	if (!why) {
		p = map_anon(MIB, PROT_READ | PROT_WRITE);
		if (p == MAP_FAILED) {
			ok(0, "mmap 1 MiB");
			return;
		}
		fill(p, MIB, 7);
		swap0 = vm_swap_kb();
		madvise(p, MIB, MADV_PAGEOUT);
		/* Moved somewhere else: the entries go with the mapping. */
		q = map_anon(2 * MIB, PROT_NONE);
		if (q != MAP_FAILED)
			q = mremap(p, MIB, MIB, MREMAP_MAYMOVE | MREMAP_FIXED, q);
		moved = q != MAP_FAILED && vm_swap_kb() - swap0 == (long)(MIB / KIB) && intact(q, MIB, 7);
		if (q == MAP_FAILED)
			q = p;
		madvise(q, MIB, MADV_PAGEOUT);
		swap1 = vm_swap_kb();
		mprotect(q, MIB, PROT_NONE);
		mprotect(q, MIB, PROT_READ | PROT_WRITE);
		prot_kept = vm_swap_kb() == swap1 && intact(q, MIB, 7);
		madvise(q, MIB, MADV_PAGEOUT);
		free0 = meminfo("SwapFree:");
		madvise(q, MIB, MADV_DONTNEED);
		free1 = meminfo("SwapFree:");
	}
	CHECK(moved, "mremap to a new address takes the swapped-out pages along, intact");
	CHECK(prot_kept, "mprotect keeps swap entries, and the pages come back intact");
	CHECK(free1 - free0 == (long)(MIB / KIB) && vm_swap_kb() == swap0,
	      "MADV_DONTNEED of swapped-out pages frees their slots");
	CHECK(!why && q[0] == 0 && q[MIB - 1] == 0, "and the range reads as zeros after it");
	if (q != MAP_FAILED)
		munmap(q, 2 * MIB);	/* the moved range and what is left of its target */
	if (!why) {
		free0 = meminfo("SwapFree:");
		status = run_child(child_exits_swapped);
	}
	CHECK(status == 0, "a child writes its pages out and exits (%s)", why ? "" : status_str(status));
	RVMM_CHECK(meminfo("SwapFree:") == free0, LINUX_LAZY_SLOTS,
		   "a process that exits with pages in swap gives their slots back");
}

/* A small random generator, the same on every libc. */
static unsigned long next_random(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return *state >> 33;
}

#define STRESS_PAGES 128
#define STRESS_ROUNDS 200

/*
 * stress_child: pages out random runs of its pages and touches random
 * pages, reading (and checking) or writing them; 0 if every page always
 * held what it was last given.
 */
static int stress_child(void)
{
	static unsigned long seed_of[STRESS_PAGES];
	unsigned long state = (unsigned long)getpid();
	char *p = map_anon(STRESS_PAGES * PAGE, PROT_READ | PROT_WRITE);

	if (p == MAP_FAILED)
		return 2;
	for (unsigned long i = 0; i < STRESS_PAGES; i++) {
		seed_of[i] = 1000 + i;
		fill(p + i * PAGE, PAGE, seed_of[i]);
	}
	for (int round = 0; round < STRESS_ROUNDS; round++) {
		unsigned long first = next_random(&state) % STRESS_PAGES;
		unsigned long n = 1 + next_random(&state) % (STRESS_PAGES - first);

		madvise(p + first * PAGE, n * PAGE, MADV_PAGEOUT);
		for (int t = 0; t < 8; t++) {
			unsigned long i = next_random(&state) % STRESS_PAGES;

			if (next_random(&state) & 1) {
				seed_of[i] = next_random(&state);
				fill(p + i * PAGE, PAGE, seed_of[i]);
			} else if (!intact(p + i * PAGE, PAGE, seed_of[i])) {
				return 3;
			}
		}
		if (round % 50 == 0 && fork() == 0)	/* a child that shares the slots, then lets go */
			_exit(intact(p + first * PAGE, PAGE, seed_of[first]) ? 0 : 1);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	while (wait(NULL) > 0)
		;
	for (unsigned long i = 0; i < STRESS_PAGES; i++)
		if (!intact(p + i * PAGE, PAGE, seed_of[i]))
			return 4;
	return 0;
}

/* The threads of check_threads: one pages the area out over and over, the others touch it. */
static char *thread_area;
static volatile int threads_stop;

static void *pageout_thread(void *arg)
{
	(void)arg;
	while (!threads_stop)
		madvise(thread_area, STRESS_PAGES * PAGE, MADV_PAGEOUT);
	return NULL;
}

static void *reader_thread(void *arg)
{
	unsigned long state = (unsigned long)arg, bad = 0;

	for (int round = 0; round < 20 * STRESS_ROUNDS; round++) {
		unsigned long i = next_random(&state) % STRESS_PAGES;

		bad += !intact(thread_area + i * PAGE, PAGE, 2000 + i);
	}
	return (void *)bad;
}

/* check_stress: processes and threads paging out and touching the same pages at random. */
static void check_stress(void)
{
	int status[3] = { -1, -1, -1 }, all = 1, threads_ok = 0;
	pthread_t out, readers[2];

	for (int i = 0; i < 3 && !why; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(stress_child());
		status[i] = pid;
	}
	for (int i = 0; i < 3 && !why; i++)
		if (status[i] < 0 || waitpid(status[i], &status[i], 0) < 0 || status[i] != 0)
			all = 0;
	CHECK(all, "3 processes page out and touch their pages at random, with forks: all intact (%s)",
	      why ? "" : status_str(status[0] ? status[0] : status[1] ? status[1] : status[2]));
	if (!why) {
		thread_area = map_anon(STRESS_PAGES * PAGE, PROT_READ | PROT_WRITE);
		if (thread_area != MAP_FAILED) {
			void *bad0 = (void *)1, *bad1 = (void *)1;

			for (unsigned long i = 0; i < STRESS_PAGES; i++)
				fill(thread_area + i * PAGE, PAGE, 2000 + i);
			threads_stop = 0;
			if (pthread_create(&out, NULL, pageout_thread, NULL) == 0) {
				if (pthread_create(&readers[0], NULL, reader_thread, (void *)1UL) == 0) {
					if (pthread_create(&readers[1], NULL, reader_thread, (void *)2UL) == 0)
						pthread_join(readers[1], &bad1);
					pthread_join(readers[0], &bad0);
				}
				threads_stop = 1;
				pthread_join(out, NULL);
			}
			threads_ok = bad0 == NULL && bad1 == NULL;
			munmap(thread_area, STRESS_PAGES * PAGE);
		}
	}
	CHECK(threads_ok, "a thread pages out while two others read the same pages: all intact");
}

static void check_misc(void)
{
	char *p = MAP_FAILED;
	int locked = 0;

	long swap0 = 0;
	int back = 0;

	if (!why)
		p = map_anon(16 * PAGE, PROT_READ | PROT_WRITE);
	if (p != MAP_FAILED) {
		fill(p, 16 * PAGE, 11);
		swap0 = vm_swap_kb();
		madvise(p, 16 * PAGE, MADV_PAGEOUT);
		back = vm_swap_kb() - swap0 == (long)(16 * PAGE / KIB);
	}
	if (p != MAP_FAILED && mlock(p, 16 * PAGE) == 0) {
		back = back && vm_swap_kb() == swap0 && resident(p, 16 * PAGE) == 16 &&
		       intact(p, 16 * PAGE, 11);
		locked = madvise(p, 16 * PAGE, MADV_PAGEOUT) < 0 && errno == EINVAL;
	}
	CHECK(back, "mlock brings swapped-out pages back in");
	CHECK(locked, "MADV_PAGEOUT of locked memory: EINVAL");
	if (p != MAP_FAILED)
		munmap(p, 16 * PAGE);
	RVMM_CHECK(meminfo("SwapFree:") == meminfo("SwapTotal:"), LINUX_LAZY_SLOTS,
		   "every slot taken so far is free again: SwapFree is SwapTotal");
}

/*
 * swapped_child: a child that writes pages out, says so on ready, and once
 * told on go (after the parent's swapoff) exits 0 if they are all back.
 */
static pid_t swapped_child(int ready[2], int go[2])
{
	pid_t pid = fork();

	if (pid == 0) {
		char *p = map_anon(MIB, PROT_READ | PROT_WRITE), c = 0;
		int back;

		if (p == MAP_FAILED)
			_exit(2);
		fill(p, MIB, 8);
		madvise(p, MIB, MADV_PAGEOUT);
		c = vm_swap_kb() >= (long)(MIB / KIB);
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(3);
		back = vm_swap_kb() == 0;	/* before the reads below could bring them in */
		_exit(back && intact(p, MIB, 8) ? 0 : 4);
	}
	return pid;
}

/* check_swapoff: swapoff brings every page back, another process's too, and the area goes. */
static void check_swapoff(void)
{
	long swap0 = 0, rss0 = 0, swap1 = 0, total = -1, rss1 = 0;
	int off = -1, good = 0, listed = 1, status = -1, ready[2] = { -1, -1 }, go[2] = { -1, -1 };
	char line[256], *p = MAP_FAILED, child_out = 0;
	pid_t pid = -1;

	if (!why && pipe(ready) == 0 && pipe(go) == 0) {
		pid = swapped_child(ready, go);
		if (pid < 0 || read(ready[0], &child_out, 1) != 1)
			child_out = 0;
	}
	if (!why) {
		p = map_anon(2 * MIB, PROT_READ | PROT_WRITE);
		if (p == MAP_FAILED) {
			ok(0, "mmap 2 MiB");
			return;
		}
		fill(p, 2 * MIB, 5);
		swap0 = vm_swap_kb();
		rss0 = vm_rss_kb();
		madvise(p, 2 * MIB, MADV_PAGEOUT);
		swap1 = vm_swap_kb();
		off = swapoff(DEV);
		total = meminfo("SwapTotal:");
		listed = swaps_line(line, sizeof(line), NULL);
		rss1 = vm_rss_kb();
	}
	if (pid > 0) {
		if (write(go[1], "g", 1) != 1 || waitpid(pid, &status, 0) != pid)
			status = -1;
	}
	for (int i = 0; i < 2; i++) {
		if (ready[i] >= 0)
			close(ready[i]);
		if (go[i] >= 0)
			close(go[i]);
	}
	CHECK(swap1 - swap0 == (long)(2 * MIB / KIB), "2 MiB written out before swapoff");
	CHECK(off == 0, "swapoff " DEV " (%s)", why || !off ? "" : strerror(errno));
	CHECK(!why && vm_swap_kb() == 0, "swapoff brought every page back: VmSwap is 0");
	CHECK(rss1 >= rss0 - 64, "and resident: VmRSS %ld kB (%ld before)", rss1, rss0);
	CHECK(!why && intact(p, 2 * MIB, 5), "with its data");
	CHECK(child_out && status == 0, "another process's pages came back too, with their data (%s)",
	      why ? "" : status_str(status));
	CHECK(total == 0 && !listed, "the area is gone: SwapTotal 0, not in /proc/swaps");
	CHECK(swapoff(DEV) < 0 && errno == EINVAL, "swapoff of a device that is no longer swap: EINVAL");
	if (p != MAP_FAILED) {
		madvise(p, 2 * MIB, MADV_PAGEOUT);	/* no swap: nothing can go, and that is no error */
		good = vm_swap_kb() == 0 && intact(p, 2 * MIB, 5);
		munmap(p, 2 * MIB);
	}
	CHECK(good, "MADV_PAGEOUT with no swap changes nothing");
}

static void check_priority(void)
{
	int prio = -1000, autoprio = -1000, err = 0;

	if (!why) {
		err |= swapon(DEV, SWAP_FLAG_PREFER | (7 << SWAP_FLAG_PRIO_SHIFT));
		prio = swaps_priority();
		err |= swapoff(DEV);
		err |= swapon(DEV, 0);
		autoprio = swaps_priority();
		err |= swapoff(DEV);
	}
	CHECK(!err && prio == 7, "SWAP_FLAG_PREFER gives the priority asked for (%d)", prio);
	CHECK(!err && autoprio == -2, "without it the first area's priority is -2, as Linux gives (%d)", autoprio);
	CHECK(!why && meminfo("SwapTotal:") == 0 && meminfo("SwapFree:") == 0, "no swap is left on");
}

int main(void)
{
	start();
	check_proc();
	check_errors();
	check_pageout();
	check_fork();
	check_moves();
	check_kernel_access();
	check_willneed();
	check_stress();
	check_misc();
	check_swapoff();
	check_priority();
	return tap_done();
}
