/*
 * test_mlock: mlock, mlock2, munlock, mlockall and munlockall.  Locking a
 * range faults every page in (mincore shows them, VmRSS grows) unless
 * MLOCK_ONFAULT asks for pages to be locked as they are touched; VmLck
 * in /proc/self/status and Mlocked in /proc/meminfo move by the pages
 * locked; a lock splits VMAs and an unlock joins them again; fork does
 * not pass locks on; munmap and munlock take them off; mlockall's
 * MCL_FUTURE locks what is mapped later; RLIMIT_MEMLOCK does not bind
 * root (CAP_IPC_LOCK).  Locked memory cannot be dropped (MADV_DONTNEED
 * EINVAL) or invalidated (msync MS_INVALIDATE EBUSY).  Linux builds the
 * calls with an MMU only: without one they are ENOSYS.
 */
#define _GNU_SOURCE		/* mlock2 */
#include <errno.h>
#include <sys/resource.h>
#include "mm.h"

#define N 64			/* pages in the main mapping */
#define QEMU_PROC "qemu-user: /proc describes the emulator"

/*
 * Linux keeps its page counts in per-cpu parts that reach the totals in
 * batches: VmRSS (the mm's counters, 32 pages a cpu in 6.12) and Mlocked
 * (vmstat's threshold, and munlock's batch of 15) may lag by that much.
 * VmLck and mincore are exact there too.  rvmm's counts are exact.
 */
#define LINUX_SLACK_KB (64 * 4)

static long slack(void)
{
	return on_rvmm() ? 0 : LINUX_SLACK_KB;
}

static int near(long got, long want)
{
	return got >= want - slack() && got <= want + slack();
}

static long vmlck(void)
{
	return proc_kb("/proc/self/status", "VmLck:");
}

static long mlocked(void)
{
	return proc_kb("/proc/meminfo", "Mlocked:");
}

/* The number of pages of [p, p+n pages) mincore says are resident; -1 if it fails. */
static long resident(void *p, size_t n)
{
	unsigned char vec[N * 4];
	long count = 0;

	if (n > sizeof(vec) || mincore(p, n * PAGE, vec) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		count += vec[i] & 1;
	return count;
}


/* A check on /proc figures: skipped where they are not this process's and this kernel's. */
#define PROC_OK(cond, ...) (under_qemu_user() ? skip(QEMU_PROC, __VA_ARGS__) : (void)ok(cond, __VA_ARGS__))

static void test_nommu(void)
{
	char *p = map_anon(PAGE, PROT_READ | PROT_WRITE);

	errno = 0;
	ok(mlock(p, PAGE) == -1 && errno == ENOSYS, "mlock: ENOSYS without an MMU, as Linux");
	errno = 0;
	ok(mlock2(p, PAGE, 0) == -1 && errno == ENOSYS, "mlock2: ENOSYS");
	errno = 0;
	ok(munlock(p, PAGE) == -1 && errno == ENOSYS, "munlock: ENOSYS");
	errno = 0;
	ok(mlockall(MCL_CURRENT) == -1 && errno == ENOSYS, "mlockall: ENOSYS");
	errno = 0;
	ok(munlockall() == -1 && errno == ENOSYS, "munlockall: ENOSYS");
	munmap(p, PAGE);
}

static void test_lock_populates(void)
{
	char *p = map_anon(N * PAGE, PROT_READ | PROT_WRITE);
	long lck0, ml0, rss0;

	/* every call measured once first: their own first faults are not counted */
	vmlck(), mlocked(), vm_rss_kb(), resident(p, N), vmas_in(p, N * PAGE);
	lck0 = vmlck(), ml0 = mlocked(), rss0 = vm_rss_kb();
	ok(resident(p, N) == 0, "a new anonymous mapping: no page resident");
	ok(mlock(p, N * PAGE) == 0, "mlock of %d pages", N);
	ok(resident(p, N) == N, "... faults every page in (mincore)");
	PROC_OK(vmlck() - lck0 == (long)(N * PAGE / KIB), "VmLck grows by exactly %lu kB (%ld)",
		N * PAGE / KIB, vmlck() - lck0);
	PROC_OK(near(mlocked() - ml0, (long)(N * PAGE / KIB)), "Mlocked grows by %lu kB (%ld)",
		N * PAGE / KIB, mlocked() - ml0);
	PROC_OK(near(vm_rss_kb() - rss0, (long)(N * PAGE / KIB)), "VmRSS grows by %lu kB (%ld)",
		N * PAGE / KIB, vm_rss_kb() - rss0);
	p[5] = 1;
	ok(munlock(p + PAGE, 2 * PAGE) == 0, "munlock of pages 1-2");
	ok(vmas_in(p, N * PAGE) == 3, "... splits the mapping in three VMAs (%d)", vmas_in(p, N * PAGE));
	PROC_OK(vmlck() - lck0 == (long)((N - 2) * PAGE / KIB), "... and VmLck drops by 8 kB");
	ok(mlock(p, N * PAGE) == 0 && vmas_in(p, N * PAGE) == 1, "locking them again joins it back");
	ok(munlock(p, N * PAGE) == 0, "munlock of it all");
	PROC_OK(vmlck() == lck0, "VmLck is back (%ld kB)", vmlck());
	PROC_OK(near(mlocked(), ml0), "Mlocked is back (%ld kB, was %ld)", mlocked(), ml0);
	ok(resident(p, N) == N && p[5] == 1, "the pages stay, with their data");
	ok(mlock(p, N * PAGE) == 0 && munmap(p, N * PAGE) == 0, "munmap of a locked mapping");
	PROC_OK(vmlck() == lck0, "takes its pages out of VmLck");
	PROC_OK(near(mlocked(), ml0), "... and out of Mlocked (%ld kB, was %ld)", mlocked(), ml0);
}

#define QEMU_MLOCK "qemu-user: it has no mlock2, and checks mlock's range itself"

static void test_onfault(void)
{
	char *p = map_anon(N * PAGE, PROT_READ | PROT_WRITE);
	long lck0 = vmlck(), ml0 = mlocked();

	if (under_qemu_user()) {
		const char *what[] = { "mlock2(MLOCK_ONFAULT)", "... faults nothing in", "... but VmLck counts the range",
				       "three pages touched: three resident", "... and Mlocked grows by those",
				       "munmap: Mlocked is back" };

		for (int i = 0; i < 6; i++)
			skip(QEMU_MLOCK, "%s", what[i]);
		munmap(p, N * PAGE);
		return;
	}

	ok(mlock2(p, N * PAGE, MLOCK_ONFAULT) == 0, "mlock2(MLOCK_ONFAULT)");
	ok(resident(p, N) == 0, "... faults nothing in");
	PROC_OK(vmlck() - lck0 == (long)(N * PAGE / KIB), "... but VmLck counts the range");
	p[0] = p[PAGE] = p[2 * PAGE] = 1;
	ok(resident(p, N) == 3, "three pages touched: three resident");
	PROC_OK(near(mlocked() - ml0, (long)(3 * PAGE / KIB)), "... and Mlocked grows by those (%ld kB)",
		mlocked() - ml0);
	munmap(p, N * PAGE);
	PROC_OK(near(mlocked(), ml0), "munmap: Mlocked is back (%ld kB)", mlocked());
}

static void test_errors(void)
{
	char *p = map_anon(4 * PAGE, PROT_READ | PROT_WRITE);
	long lck0;

	errno = 0;
	if (under_qemu_user())
		skip(QEMU_MLOCK, "mlock2 with unknown flags: EINVAL");
	else
		ok(mlock2(p, PAGE, 2) == -1 && errno == EINVAL, "mlock2 with unknown flags: EINVAL");
	munmap(p + 2 * PAGE, PAGE);
	errno = 0;
	ok(mlock(p + 2 * PAGE, PAGE) == -1 && errno == ENOMEM, "mlock of an unmapped page: ENOMEM");
	errno = 0;
	ok(munlock(p + 2 * PAGE, PAGE) == -1 && errno == ENOMEM, "munlock of an unmapped page: ENOMEM");
	lck0 = vmlck();
	errno = 0;
	ok(mlock(p, 4 * PAGE) == -1 && errno == ENOMEM, "mlock across a hole: ENOMEM");
	/* as Linux: the part before the hole is locked, but the error comes before any populating */
	if (under_qemu_user())
		skip(QEMU_MLOCK, "... the part before the hole is locked all the same");
	else
		ok(vmlck() - lck0 == (long)(2 * PAGE / KIB), "... the part before the hole is locked all the same (%ld kB)",
		   vmlck() - lck0);
	ok(mlock(p + 100, 10) == 0, "an unaligned start is rounded down, as Linux");
	errno = 0;
	ok(madvise(p, PAGE, MADV_DONTNEED) == -1 && errno == EINVAL, "MADV_DONTNEED of locked memory: EINVAL");
	errno = 0;
	ok(msync(p, PAGE, MS_INVALIDATE) == -1 && errno == EBUSY, "msync(MS_INVALIDATE) of locked memory: EBUSY");
	ok(msync(p, PAGE, MS_SYNC) == 0, "... msync(MS_SYNC) of it is fine");
	ok(munlock(p, 2 * PAGE) == 0 && madvise(p, PAGE, MADV_DONTNEED) == 0, "unlocked, it may be dropped");
	errno = 0;
	ok(mlockall(0) == -1 && errno == EINVAL, "mlockall(0): EINVAL");
	errno = 0;
	ok(mlockall(MCL_ONFAULT) == -1 && errno == EINVAL, "mlockall(MCL_ONFAULT) alone: EINVAL");
	errno = 0;
	ok(mlockall(8) == -1 && errno == EINVAL, "mlockall with an unknown flag: EINVAL");
	munmap(p, 4 * PAGE);
}

static char *forked_p;

static int fork_child(void)
{
	/* the child's copy is not locked: nothing to count */
	return under_qemu_user() || vmlck() == 0 ? 0 : 1;
}

static void test_fork(void)
{
	char *p = map_anon(8 * PAGE, PROT_READ | PROT_WRITE);
	int status;

	forked_p = p;
	ok(mlock(p, 8 * PAGE) == 0, "mlock of 8 pages");
	status = run_child(fork_child);
	PROC_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "fork: the child has no locked memory (%s)",
		status_str(status));
	p[0] = 2;
	ok(resident(p, 8) == 8, "the parent's pages stay locked and resident");
	munmap(p, 8 * PAGE);
}

static int mlockall_child(void)
{
	long lck0, size0;
	char *q;

	if (mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		return 1;
	lck0 = vmlck();
	size0 = proc_kb("/proc/self/status", "VmSize:");
	if (!under_qemu_user() && (lck0 <= 0 || lck0 > size0))
		return 2;	/* everything but the kernel's special mappings ([vdso]) */
	q = map_anon(16 * PAGE, PROT_READ | PROT_WRITE);
	if (q == MAP_FAILED || resident(q, 16) != 16)
		return 3;	/* MCL_FUTURE: locked, so faulted in at once */
	if (!under_qemu_user() && vmlck() - lck0 != (long)(16 * PAGE / KIB))
		return 4;
	if (munlockall() < 0 || (!under_qemu_user() && vmlck() != 0))
		return 5;
	q = map_anon(16 * PAGE, PROT_READ | PROT_WRITE);
	if (q == MAP_FAILED || resident(q, 16) != 0)
		return 6;	/* and after munlockall, lazy again */
	return 0;
}

static int memlock_child(void)
{
	struct rlimit r = { 0, 0 };
	char *q = map_anon(4 * PAGE, PROT_READ | PROT_WRITE);

	if (setrlimit(RLIMIT_MEMLOCK, &r) < 0)
		return 1;
	if (mlock(q, 4 * PAGE) < 0)
		return 2;	/* root: CAP_IPC_LOCK */
	q = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	if (q == MAP_FAILED || resident(q, 4) != 4)
		return 3;	/* MAP_LOCKED too */
	return 0;
}

static void test_all_and_limits(void)
{
	char *q;
	long lck0 = vmlck();
	int status = run_child(mlockall_child);

	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "mlockall(MCL_CURRENT | MCL_FUTURE): all locked, a later mmap locked and resident; munlockall undoes both (%s)",
	   status_str(status));
	status = run_child(memlock_child);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "RLIMIT_MEMLOCK of 0 does not stop root's mlock or MAP_LOCKED (%s)", status_str(status));
	q = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	ok(q != MAP_FAILED && resident(q, 4) == 4, "MAP_LOCKED: resident at once");
	PROC_OK(vmlck() - lck0 == (long)(4 * PAGE / KIB), "... and counted in VmLck (%ld kB)", vmlck() - lck0);
	munmap(q, 4 * PAGE);
}

int main(void)
{
	if (no_mmu()) {
		test_nommu();
		return tap_done();
	}
	test_lock_populates();
	test_onfault();
	test_errors();
	test_fork();
	test_all_and_limits();
	return tap_done();
}
