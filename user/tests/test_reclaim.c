/*
 * test_reclaim: page reclaim under memory pressure, as Linux does it:
 * with swap, a process that touches twice the machine's memory completes
 * and reads every byte back (kswapd and direct reclaim write its pages to
 * swap and the faults read them in); another process's working set
 * survives it; mlocked pages are never written out; shared memory goes
 * to swap and comes back; vm.swappiness is checked, and at 0 a working
 * set stays in RAM while reading the disk fills memory with clean file
 * pages, which reclaim drops instead.  Without swap the same workload
 * ends in the OOM killer.
 *
 * The swap parts need a disk with a swap header at /dev/vda at least as
 * big as RAM (the harness attaches one); without one they are SKIPs
 * naming why, as under qemu-user and without an MMU.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/swap.h>
#include "mm.h"

#define DEV "/dev/vda"
#define SWAPPINESS "/proc/sys/vm/swappiness"

static const char *why;		/* the swap checks are SKIPs for this reason when set */

#define CHECK(cond, ...) (why ? (skip(why, __VA_ARGS__), 1) : ok((cond), __VA_ARGS__))

static long meminfo(const char *label)
{
	return proc_kb("/proc/meminfo", label);
}

static long vmstat(const char *name)
{
	return proc_number("/proc/vmstat", name);
}

/* word: what fill puts at word w of the area for seed: different everywhere. */
static unsigned long word(unsigned long seed, size_t w)
{
	return (seed * 0x9e3779b97f4a7c15UL) ^ (w * 0x2545f4914f6cdd1dUL);
}

/* fill_and_check: write every byte of a new len-byte mapping, then read it all back: 0 if intact. */
static int fill_and_check(size_t len, unsigned long seed)
{
	unsigned long *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return 2;
	for (size_t w = 0; w < len / sizeof(long); w++)
		p[w] = word(seed, w);
	for (size_t w = 0; w < len / sizeof(long); w++)
		if (p[w] != word(seed, w))
			return 1;
	return 0;
}

static size_t hog_len;		/* hog_pct of MemTotal */
static int hog_pct;

/*
 * hog_percent: the hogs' size in percent of MemTotal, 200 (twice RAM)
 * unless the environment's RECLAIM_HOG_PERCENT says otherwise: make grade
 * and all but one make test boot pass 125, since two hogs of twice RAM
 * take a minute of swap I/O under emulation.  -1 if that is not a
 * percentage from 110 (more than RAM, with room for MemTotal's slack) to 1000.
 */
static int hog_percent(void)
{
	return (int)env_count("RECLAIM_HOG_PERCENT", 200, 110, 1000);
}

static int hog(void)
{
	return fill_and_check(hog_len, 7);
}

/* start: swapon DEV, or set why; the area must hold what twice RAM does not fit in RAM. */
static void start(void)
{
	int err;

	hog_pct = hog_percent();
	if (hog_pct < 0) {
		ok(0, "RECLAIM_HOG_PERCENT=%s is a percentage from 110 to 1000", getenv("RECLAIM_HOG_PERCENT"));
		hog_pct = 200;
	}
	hog_len = (size_t)meminfo("MemTotal:") * KIB / 100 * (size_t)hog_pct;
	if (under_qemu_user())
		why = "qemu-user has no swap device of its own (swapon would reach the host)";
	else if (no_mmu())
		why = NEEDS_MMU "no swap without one";
	if (why) {
		skip(why, "swapon " DEV);
		return;
	}
	err = swapon_fresh(DEV);
	if (err == ENOENT || err == ENXIO) {
		why = "no disk at " DEV " (make qemu SWAP=512M attaches one)";
		skip(why, "swapon " DEV " (%s)", strerror(err));
		return;
	}
	ok(err == 0, "swapon " DEV " (%s)", strerror(err));
	if (err) {
		why = "swapon " DEV " failed";
		return;
	}
	if (meminfo("SwapTotal:") * KIB < hog_len) {
		why = "the swap area is smaller than the hog: it would not fit";
		swapoff(DEV);
	}
}

/*
 * check_swappiness_0: with swap on and vm.swappiness 0 (set by the caller),
 * a process writes an anonymous working set of a third of MemTotal and
 * leaves it idle, while this process reads /dev/vda, the swap disk itself
 * (read-only, which Linux allows an active swap device), through the
 * disk's page cache: its first three quarters of MemTotal, twice, each
 * pass more than fits beside the working set.  Reclaim must make room by dropping clean file pages
 * (meminfo's Buffers), never by swapping: Linux's get_scan_count gives
 * anonymous pages a share of swappiness, 0, and scans them only when the
 * file pages and free pages together fall below the high watermarks
 * (file_is_tiny), which a reader whose pages fill the rest of RAM never
 * lets happen; rvmm's spares them while its zone has file pages at all.
 * So pswpout must not move at all, and every page of the working set
 * must still be resident and intact.
 */
#define SW0_CHUNK (64 * KIB)

static char sw0_buf[SW0_CHUNK];

/* sw0_working_set: len bytes written, then idle until the parent writes to ctl; 0 if all intact and resident. */
static int sw0_working_set(size_t len, int ready, int ctl)
{
	unsigned long *ws = (unsigned long *)map_anon(len, PROT_READ | PROT_WRITE);
	unsigned char *vec = (unsigned char *)map_anon(len / PAGE, PROT_READ | PROT_WRITE);
	struct rusage before, after;
	char c;

	if (ws == MAP_FAILED || vec == MAP_FAILED)
		return 2;
	for (size_t w = 0; w < len / sizeof(long); w++)
		ws[w] = word(11, w);
	if (write(ready, "r", 1) != 1 || read(ctl, &c, 1) != 1)
		return 2;
	if (mincore(ws, len, vec))
		return 4;
	for (size_t i = 0; i < len / PAGE; i++)
		if (!(vec[i] & 1))
			return 5;
	getrusage(RUSAGE_SELF, &before);
	for (size_t w = 0; w < len / sizeof(long); w++)
		if (ws[w] != word(11, w))
			return 1;
	getrusage(RUSAGE_SELF, &after);
	return after.ru_majflt != before.ru_majflt ? 3 : 0;
}

struct sw0_result {
	long read;		/* bytes read from the disk */
	long peak;		/* the most Buffers seen while reading, kB */
	long pswpout, pgsteal;	/* what they grew by while reading */
	int status;		/* the working set's wait status */
};

#define SW0_PASSES 2

/* sw0_read: read span bytes of fd from 0, SW0_PASSES times, into r (-1 bytes on an error). */
static void sw0_read(int fd, off_t span, struct sw0_result *r)
{
	for (int pass = 0; pass < SW0_PASSES && r->read >= 0; pass++)
		for (off_t at = 0; at < span && r->read >= 0; at += SW0_CHUNK) {
			if (pread(fd, sw0_buf, SW0_CHUNK, at) != (ssize_t)SW0_CHUNK)
				r->read = -1;
			else
				r->read += SW0_CHUNK;
			if (at % (4 * MIB) == 0 && meminfo("Buffers:") > r->peak)
				r->peak = meminfo("Buffers:");
		}
}

/* sw0_run: the working set in a child, fd read beside it; 0, or -1 if the child or its pipes could not be had. */
static int sw0_run(int fd, size_t len, off_t span, struct sw0_result *r)
{
	int ready[2], ctl[2];
	long out, steal;
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	if (pipe(ctl)) {
		close(ready[0]);
		close(ready[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(ctl[1]);
		_exit(sw0_working_set(len, ready[1], ctl[0]));
	}
	close(ready[1]);
	close(ctl[0]);
	if (pid > 0 && read(ready[0], &c, 1) == 1) {
		out = vmstat("pswpout ");
		steal = vmstat("pgsteal_kswapd ") + vmstat("pgsteal_direct ");
		sw0_read(fd, span, r);
		r->pswpout = vmstat("pswpout ") - out;
		r->pgsteal = vmstat("pgsteal_kswapd ") + vmstat("pgsteal_direct ") - steal;
	}
	if (pid > 0 && write(ctl[1], "g", 1) != 1)
		kill(pid, SIGKILL);
	if (pid > 0)
		waitpid(pid, &r->status, 0);
	close(ready[0]);
	close(ctl[1]);
	return pid > 0 ? 0 : -1;
}

static void check_swappiness_0(void)
{
	long mem = meminfo("MemTotal:") * (long)KIB, buffers = meminfo("Buffers:");
	size_t len = (size_t)mem / 3 / PAGE * PAGE;
	off_t span = (off_t)mem / 4 * 3 / SW0_CHUNK * SW0_CHUNK;
	long room = mem - (long)len;	/* the most the file pages can take beside the working set */
	struct sw0_result r = { .status = -1 };
	const char *why_before = why;
	long need;
	int fd = why ? -1 : open(DEV, O_RDONLY);

	if (!why && (fd < 0 || lseek(fd, 0, SEEK_END) < span))
		why = "the disk at " DEV " is smaller than 3/4 of RAM: its pages would not need reclaim";
	if (!why && sw0_run(fd, len, span, &r))
		ok(0, "swappiness 0: fork and pipes for the working set (%s)", strerror(errno));
	CHECK(r.read == SW0_PASSES * (long)span, "swappiness 0: read %ld MiB of " DEV " (its first %ld MiB, "
	      "%d times) beside a %zu MiB anonymous working set", r.read / (long)MIB, (long)span / (long)MIB,
	      SW0_PASSES, len / MIB);
	CHECK(r.read > 0 && r.pswpout == 0, "swappiness 0: nothing went to swap (pswpout +%ld)", r.pswpout);
	CHECK(exited_0(r.status), "swappiness 0: the working set stayed resident and intact (%s: 1 data, "
	      "3 major faults, 5 not resident)", status_str(r.status));
	/* Linux's Buffers peaks near a third of MemTotal here (rvmm's near two thirds): an eighth is clear of both */
	CHECK(r.peak - buffers > mem / (long)KIB / 8, "the reads filled the disk's page cache: Buffers rose "
	      "to %ld kB (from %ld; MemTotal %ld)", r.peak, buffers, mem / (long)KIB);
	/*
	 * With the working set resident, at most room bytes of the disk are
	 * cached at a time: each pass reads in at least span - room of what
	 * was not cached (the first, all but what Buffers held), and at the
	 * end at most room is left: the rest was reclaimed.
	 */
	need = (SW0_PASSES * (span - room) - buffers * (long)KIB) / (long)PAGE;
	CHECK(need > 0 && r.pgsteal >= need, "reclaim dropped the file pages that did not fit (pgsteal +%ld, "
	      "at least %ld)", r.pgsteal, need);
	if (!why)
		write_proc("/proc/sys/vm/drop_caches", "1");
	/* Linux's per-cpu LRU batch (15 pages, each with a reference) may keep the last pages read a moment longer */
	CHECK(meminfo("Buffers:") <= buffers + 15 * (long)PAGE / (long)KIB,
	      "drop_caches 1 drops them: Buffers back to %ld kB (was %ld)", meminfo("Buffers:"), buffers);
	if (fd >= 0)
		close(fd);
	why = why_before;
}

static void check_swappiness(void)
{
	long old = proc_number(SWAPPINESS, "");

	if (under_qemu_user()) {
		for (int i = 0; i < 4; i++)
			skip("qemu-user would change the host's vm.swappiness", "vm.swappiness: bounds, 0");
		check_swappiness_0();	/* SKIPs: why is set */
		return;
	}
	ok(old >= 0 && old <= 200, "vm.swappiness is in 0..200 (%ld)", old);
	ok(write_proc(SWAPPINESS, "201") < 0 && errno == EINVAL, "vm.swappiness 201: EINVAL");
	ok(write_proc(SWAPPINESS, "-1") < 0 && errno == EINVAL, "vm.swappiness -1: EINVAL");
	ok(write_proc(SWAPPINESS, "0") == 0 && proc_number(SWAPPINESS, "") == 0,
	   "vm.swappiness 0 is taken");
	check_swappiness_0();
	if (old >= 0) {
		char buf[24];

		snprintf(buf, sizeof(buf), "%ld", old);
		write_proc(SWAPPINESS, buf);
	}
}

/* check_big: a process touching more than RAM (twice, by default), every byte written and read back. */
static void check_big(void)
{
	long out = vmstat("pswpout "), in = vmstat("pswpin ");
	long scan = vmstat("pgscan_kswapd ") + vmstat("pgscan_direct ");
	long steal = vmstat("pgsteal_kswapd ") + vmstat("pgsteal_direct ");
	int status = why ? 0 : run_child(hog);

	CHECK(exited_0(status), "touching %zu MiB, %d%% of RAM, with swap: every byte read back (%s)",
	      hog_len / MIB, hog_pct, status_str(status));
	/* what does not fit in RAM must have gone out, at least (half of it, at twice RAM) */
	CHECK(vmstat("pswpout ") - out > (long)((hog_len - (size_t)meminfo("MemTotal:") * KIB) / PAGE),
	      "at least what exceeds RAM went to swap (pswpout +%ld)", vmstat("pswpout ") - out);
	CHECK(vmstat("pswpin ") > in, "and came back (pswpin +%ld)", vmstat("pswpin ") - in);
	CHECK(vmstat("pgscan_kswapd ") + vmstat("pgscan_direct ") > scan &&
	      vmstat("pgsteal_kswapd ") + vmstat("pgsteal_direct ") > steal,
	      "reclaim scanned and freed pages (pgscan, pgsteal)");
}

/*
 * check_neighbours: while a hog touches more than RAM, a process that keeps
 * touching an 8 MiB working set keeps it intact, and an mlocked 4 MiB
 * region is never written out: every page stays resident, reading it all
 * takes no major fault, and MADV_PAGEOUT of it writes nothing (pswpout
 * stays where it was).
 */
#define WSET (8 * MIB)
#define LOCKED (4 * MIB)

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int neighbour(void)
{
	unsigned long *ws = (unsigned long *)map_anon(WSET, PROT_READ | PROT_WRITE);
	unsigned char vec[LOCKED / PAGE];
	char *locked = map_anon(LOCKED, PROT_READ | PROT_WRITE);
	struct rusage before, after;
	long out;
	int bad = 0;

	if (!ws || !locked || mlock(locked, LOCKED))
		return 2;
	memset(locked, 0x5a, LOCKED);
	signal(SIGTERM, on_term);
	for (size_t w = 0; w < WSET / sizeof(long); w++)
		ws[w] = word(3, w);
	while (!stop) {		/* a pass over the working set, then a pause, as an interactive task's */
		for (size_t w = 0; w < WSET / sizeof(long) && !bad; w += PAGE / sizeof(long))
			bad = ws[w] != word(3, w);
		usleep(20000);
	}
	for (size_t w = 0; w < WSET / sizeof(long) && !bad; w++)
		bad = ws[w] != word(3, w);
	if (bad)
		return 1;
	if (mincore(locked, LOCKED, vec))
		return 4;
	getrusage(RUSAGE_SELF, &before);
	for (size_t i = 0; i < LOCKED / PAGE; i++)
		if (!(vec[i] & 1) || locked[i * PAGE] != 0x5a)
			return 5;
	getrusage(RUSAGE_SELF, &after);
	if (after.ru_majflt != before.ru_majflt)
		return 3;
	out = vmstat("pswpout ");
	madvise(locked, LOCKED, MADV_PAGEOUT);
	return vmstat("pswpout ") == out ? 0 : 6;
}

static void check_neighbours(void)
{
	int hog_status = 0, status = 0;
	pid_t pid = -1;

	if (!why) {
		pid = fork();
		if (pid == 0)
			_exit(neighbour());
		usleep(200000);		/* its working set is in place */
		hog_status = run_child(hog);
		kill(pid, SIGTERM);
		waitpid(pid, &status, 0);
	}
	CHECK(exited_0(hog_status), "a second hog of %d%% of RAM completes too (%s)", hog_pct,
	      status_str(hog_status));
	CHECK(pid > 0 && exited_0(status),
	      "the neighbour's working set read back intact, its mlocked pages resident and never in swap (%s: "
	      "1 data, 3 major faults, 5 not resident, 6 written by MADV_PAGEOUT)", status_str(status));
}

/*
 * check_shmem: shared memory is swap-backed, as Linux's tmpfs: a
 * MAP_SHARED|MAP_ANONYMOUS region and a /dev/shm file, a quarter of RAM
 * each and written with patterns, while a hog the size of RAM runs: the
 * file's idle pages go to swap (Shmem in meminfo falls), while another
 * process keeps writing the pages of its second quarter one at a time,
 * each soon cold again, so that its faults, reads and writes meet pages
 * on their way out and back.  Then
 * the file's first half is read back through a mapping (faults), its
 * third quarter by pread, swapoff reads back whatever is left, and
 * everything is intact.
 */
#define SHM_NAME "/test_reclaim"

/* ram_hog: touch as much as MemTotal, every byte read back: 0 if intact. */
static int ram_hog(void)
{
	return fill_and_check((size_t)meminfo("MemTotal:") * KIB, 8);
}

/* words_intact: do len bytes at p hold the pattern of seed from word w0 on? */
static int words_intact(const unsigned long *p, size_t len, unsigned long seed, size_t w0)
{
	for (size_t w = 0; w < len / sizeof(long); w++)
		if (p[w] != word(seed, w0 + w))
			return 0;
	return 1;
}

/* file_intact: pread bytes [from, to) of the file back: 1 if they hold seed's pattern. */
static int file_intact(int fd, size_t from, size_t to, unsigned long seed)
{
	static unsigned long buf[PAGE / sizeof(long)];

	for (size_t off = from; off < to; off += PAGE)
		if (pread(fd, buf, PAGE, (off_t)off) != (ssize_t)PAGE ||
		    !words_intact(buf, PAGE, seed, off / sizeof(long)))
			return 0;
	return 1;
}

/* fill_file: write seed's pattern over the file's first len bytes: 1 if all went. */
static int fill_file(int fd, size_t len, unsigned long seed)
{
	static unsigned long buf[PAGE / sizeof(long)];

	for (size_t off = 0; off < len; off += PAGE) {
		for (size_t w = 0; w < PAGE / sizeof(long); w++)
			buf[w] = word(seed, off / sizeof(long) + w);
		if (pwrite(fd, buf, PAGE, (off_t)off) != (ssize_t)PAGE)
			return 0;
	}
	return 1;
}

/*
 * shm_writer: until SIGTERM, visit the pages of the file's second quarter
 * in turn, one every 2 ms (so that each is cold long before its next
 * visit): read the first word of each, through a mapping of its own and
 * with pread by turns, check it holds what this process last wrote there
 * (the pattern, at first), and pwrite a new value; at the end put every
 * first word back.  (Writing through the mapping too would make this a
 * check of shared mappings, lab mmap's.)  0; 1 if a page lost a write; 3
 * for an I/O error; 4 if no visit found its page out of memory (mincore),
 * so that nothing met swap.
 */
static int shm_writer(int fd, size_t len)
{
	long in_swap = 0;
	size_t words = PAGE / sizeof(long), first = len / PAGE / 4, n = len / PAGE / 4, i = 0;
	unsigned long *map = (unsigned long *)map_file(fd, len, PROT_READ, MAP_SHARED, 0);
	unsigned char *gen = calloc(n, 1);

	if (!gen || map == MAP_FAILED)
		return 2;
	signal(SIGTERM, on_term);
	for (unsigned long visit = 0; !stop; visit++, i = (i + 1) % n) {
		size_t p = first + i;
		unsigned long want = gen[i] ? word(100 + gen[i], p) : word(6, p * words), got, next;
		off_t off = (off_t)(p * PAGE);
		unsigned char vec;

		if (mincore(&map[p * words], PAGE, &vec) == 0 && !(vec & 1))
			in_swap++;
		gen[i] = (unsigned char)(gen[i] % 200 + 1);
		next = word(100 + gen[i], p);
		if (visit % 2)
			got = map[p * words];
		else if (pread(fd, &got, sizeof(got), off) != sizeof(got))
			return 3;
		if (got != want)
			return 1;
		if (pwrite(fd, &next, sizeof(next), off) != sizeof(next))
			return 3;
		usleep(2000);
	}
	for (i = 0; i < n; i++) {
		size_t p = first + i;
		unsigned long orig = word(6, p * words);

		if (gen[i] && map[p * words] != word(100 + gen[i], p))
			return 1;
		if (gen[i] && pwrite(fd, &orig, sizeof(orig), (off_t)(p * PAGE)) != sizeof(orig))
			return 3;
	}
	return in_swap ? 0 : 4;
}

static void check_shmem(void)
{
	size_t len = (size_t)meminfo("MemTotal:") * KIB / 4 & ~(4 * PAGE - 1);
	unsigned long *region = MAP_FAILED, *view = MAP_FAILED;
	long shmem0 = 0, shmem1 = 0, shmem2 = 0, shmem3 = 0, in = 0;
	int fd = -1, status = 0, mapped_ok = 0, read_ok = 0, swapped_off = 0, all_ok = 0, wstatus = 0;
	pid_t writer = -1;

	if (!why) {
		region = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		fd = shm_open(SHM_NAME, O_RDWR | O_CREAT | O_EXCL, 0600);
	}
	if (region != MAP_FAILED && fd >= 0 && ftruncate(fd, (off_t)len) == 0 &&
	    fill_file(fd, len, 6)) {
		for (size_t w = 0; w < len / sizeof(long); w++)
			region[w] = word(5, w);
		shmem0 = meminfo("Shmem:");
		writer = fork();
		if (writer == 0)
			_exit(shm_writer(fd, len));
		status = run_child(ram_hog);
		shmem1 = meminfo("Shmem:");
		if (writer > 0) {
			kill(writer, SIGTERM);
			waitpid(writer, &wstatus, 0);
		}
		in = vmstat("pswpin ");
		view = (unsigned long *)map_file(fd, len / 2, PROT_READ, MAP_SHARED, 0);
		mapped_ok = view != MAP_FAILED && words_intact(view, len / 2, 6, 0);
		in = vmstat("pswpin ") - in;
		read_ok = file_intact(fd, len / 2, len / 4 * 3, 6);
		shmem2 = meminfo("Shmem:");
		swapped_off = swapoff(DEV) == 0;
		shmem3 = meminfo("Shmem:");
		all_ok = file_intact(fd, 0, len, 6) && words_intact(region, len, 5, 0);
	}
	CHECK(exited_0(status), "a hog the size of RAM beside %zu MiB of shared memory completes (%s)",
	      2 * len / MIB, status_str(status));
	CHECK(writer > 0 && exited_0(wstatus),
	      "a process writing the file meanwhile finds pages of it in swap and sees every write it made "
	      "(%s: 1 a write lost, 3 an I/O error, 4 no page found in swap)", status_str(wstatus));
	CHECK(shmem0 - shmem1 > (long)(len / KIB / 2),
	      "shared memory went to swap meanwhile, as tmpfs does (Shmem %ld -> %ld kB)", shmem0, shmem1);
	CHECK(mapped_ok, "the /dev/shm file's first half reads back intact through a mapping (pswpin +%ld)", in);
	CHECK(read_ok, "its third quarter reads back intact through pread (Shmem %ld kB after)", shmem2);
	CHECK(swapped_off && shmem3 >= shmem0 - (long)(len / KIB / 16),
	      "swapoff reads the rest back in (Shmem %ld -> %ld kB, %ld before the hog)", shmem2, shmem3, shmem0);
	CHECK(all_ok, "and the file and the MAP_SHARED|MAP_ANONYMOUS region read back intact");
	if (view != MAP_FAILED)
		munmap(view, len / 2);
	if (region != MAP_FAILED)
		munmap(region, len);
	if (fd >= 0) {
		close(fd);
		shm_unlink(SHM_NAME);
	}
	if (swapped_off && swapon(DEV, 0))
		why = "swapon " DEV " again after swapoff failed";
}

/* kswapd_pid: the pid of the task named kswapd0 in /proc, or -1. */
static int kswapd_pid(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int pid = -1;
	char path[300], line[64];

	while (d && pid < 0 && (e = readdir(d))) {
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		f = fopen(path, "r");
		if (f && fgets(line, sizeof(line), f) && strcmp(line, "Name:\tkswapd0\n") == 0)
			pid = atoi(e->d_name);
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return pid;
}

/* check_kswapd: the reclaim thread is there, has no memory of its own, and shrugs off SIGKILL. */
static void check_kswapd(void)
{
	char path[64];
	int pid;

	if (under_qemu_user()) {
		for (int i = 0; i < 4; i++)
			skip("qemu-user shows the host's /proc", "kswapd0 is a task in /proc, without Vm lines, "
			     "and ignores SIGKILL");
		return;
	}
	pid = kswapd_pid();
	ok(pid > 0, "kswapd0 is a task in /proc (pid %d)", pid);
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	ok(pid > 0 && proc_kb(path, "VmSize:") < 0, "its status has no Vm lines: a kernel thread has no mm");
	ok(pid > 0 && kill(pid, SIGKILL) == 0, "kill(SIGKILL) of kswapd0 is accepted");
	usleep(100000);
	ok(pid > 0 && kswapd_pid() == pid, "and ignored: kswapd0 is still there");
}

/* check_no_swap: the same workload without swap: the OOM killer ends it. */
static void check_no_swap(void)
{
	int status;

	CHECK(swapoff(DEV) == 0, "swapoff " DEV);
	if (under_qemu_user()) {
		skip("under qemu-user the hog would fill the host's memory", "without swap, touching twice "
		     "RAM is ended by the OOM killer");
		return;
	}
	if (no_mmu()) {
		skip(NEEDS_MMU "MAP_NORESERVE memory is allocated at mmap, not touched later",
		     "without swap, touching twice RAM is ended by the OOM killer");
		return;
	}
	status = run_child(hog);
	ok(killed_by(status, SIGKILL), "without swap, touching twice RAM is ended by the OOM killer (%s)",
	   status_str(status));
}

int main(void)
{
	start();
	check_kswapd();
	check_swappiness();
	check_big();
	check_neighbours();
	check_shmem();
	check_no_swap();
	return tap_done();
}
