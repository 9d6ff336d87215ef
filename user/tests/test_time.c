/*
 * test_time: the clocks, sleeping, and what a process is charged.
 *
 * The monotonic clocks never go back; CLOCK_REALTIME agrees with
 * gettimeofday; nanosleep and clock_nanosleep (relative and TIMER_ABSTIME)
 * sleep at least as long as asked, and a signal cuts a relative sleep
 * short with the time left; the CPU-time clocks, getrusage and times
 * advance with a busy loop and not with a sleep; ru_minflt rises by about
 * the pages touched and ru_maxrss with the resident set; a waited-for
 * child's figures are the parent's RUSAGE_CHILDREN; sysinfo and sysconf
 * agree with /proc/meminfo; and every call's EINVAL and EFAULT.
 * perf_event_open's count of a task's instructions advances with a busy
 * loop and hardly with a sleep, and its ioctls stop, start and zero it.
 *
 * "test_time --signal-parent" and "test_time --busy" are the child
 * roles where there is no fork (started by vfork and execve).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include "mm.h"

#define BAD ((void *)1)		/* in the unmapped page 0 */
#define MS 1000000LL		/* nanoseconds */

static long long ns(clockid_t c)
{
	struct timespec ts;

	if (clock_gettime(c, &ts) != 0)
		return -1;
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long tv_ns(struct timeval tv)
{
	return (long long)tv.tv_sec * 1000000000LL + (long long)tv.tv_usec * 1000;
}

static struct timespec ts_of(long long t)
{
	struct timespec ts = { (time_t)(t / 1000000000LL), (long)(t % 1000000000LL) };

	return ts;
}

/* pid_cpuclock: the clock id of pid's CPU time, as clock_getcpuclockid makes it (CPUCLOCK_SCHED). */
static clockid_t pid_cpuclock(pid_t pid)
{
	return (clockid_t)((~(unsigned int)pid << 3) | 2);
}

static int failed(long r, int e)
{
	return r == -1 && errno == e;
}

/* Use the cpu until this process's CPU time has grown by cpu_ns (at most 20 s of wall time). */
static long long busy(long long cpu_ns)
{
	long long start = ns(CLOCK_PROCESS_CPUTIME_ID), wall = ns(CLOCK_MONOTONIC);
	volatile unsigned long x = 0;

	while (ns(CLOCK_PROCESS_CPUTIME_ID) - start < cpu_ns && ns(CLOCK_MONOTONIC) - wall < 20000 * MS)
		for (int i = 0; i < 10000; i++)
			x += (unsigned long)i;
	return ns(CLOCK_PROCESS_CPUTIME_ID) - start;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* The --signal-parent role: SIGUSR1 to the parent after 100 ms. */
static int signal_parent(void)
{
	sleep_ms(100);
	return kill(getppid(), SIGUSR1) == 0 ? 0 : 1;
}

#define CHILD_PAGES 512		/* 2 MiB */

/* The --busy role: 100 ms of CPU time and CHILD_PAGES pages touched. */
static int busy_child(void)
{
	char *p = mmap(NULL, CHILD_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 2;
	for (unsigned long i = 0; i < CHILD_PAGES; i++)
		p[i * PAGE] = 1;
	busy(100 * MS);
	return 0;
}

/* Start a child in role (fork with an MMU, else this program again); its pid or -1. */
static pid_t start_child(const char *self, const char *role)
{
	pid_t pid;

	if (no_mmu())
		return spawn_self(self, role);
	pid = fork();
	if (pid == 0)
		_exit(strcmp(role, "--busy") == 0 ? busy_child() : signal_parent());
	return pid;
}

static void test_clocks(void)
{
	static const struct { clockid_t id; const char *name; } mono[] = {
		{ CLOCK_MONOTONIC, "CLOCK_MONOTONIC" }, { CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW" },
		{ CLOCK_BOOTTIME, "CLOCK_BOOTTIME" }, { CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE" },
	};
	struct timespec ts, res;
	struct timeval tv;
	long long a, b, m, bt;

	for (unsigned i = 0; i < sizeof(mono) / sizeof(mono[0]); i++) {
		long long prev = ns(mono[i].id), now = prev;
		int back = 0;

		for (int n = 0; n < 20000 && prev >= 0; n++) {
			now = ns(mono[i].id);
			back |= now < prev;
			prev = now;
		}
		ok(prev >= 0 && !back, "%s never goes back in 20000 reads", mono[i].name);
	}
	m = ns(CLOCK_MONOTONIC);
	bt = ns(CLOCK_BOOTTIME);
	ok(bt >= m, "CLOCK_BOOTTIME is not behind CLOCK_MONOTONIC");

	a = ns(CLOCK_REALTIME);
	gettimeofday(&tv, NULL);
	b = ns(CLOCK_REALTIME);
	ok(a > 0 && tv_ns(tv) >= a - 1000 && tv_ns(tv) <= b + 1000,
	   "gettimeofday falls between two CLOCK_REALTIME reads");
	ok(a / 1000000000LL > 1577836800LL, "CLOCK_REALTIME is past 2020 (%lld s)", a / 1000000000LL);
	a = ns(CLOCK_PROCESS_CPUTIME_ID);
	b = ns(pid_cpuclock(getpid()));
	ok(a > 0 && b >= a && b - a < 100 * MS && ns(pid_cpuclock(0)) >= b,
	   "the CPU clock named by this pid (clock_getcpuclockid's) is CLOCK_PROCESS_CPUTIME_ID");
	{
		pid_t none = 29999;

		while (kill(none, 0) == 0 || errno != ESRCH)
			none++;
		ok(failed(clock_gettime(pid_cpuclock(none), &ts), EINVAL),
		   "the CPU clock of a pid that does not exist: EINVAL");
	}
	a = ns(CLOCK_REALTIME);
	ok(ns(CLOCK_REALTIME_COARSE) <= ns(CLOCK_REALTIME) && ns(CLOCK_REALTIME_COARSE) > a - 1000 * MS,
	   "CLOCK_REALTIME_COARSE is a little behind CLOCK_REALTIME");

	ok(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 &&
	   res.tv_nsec <= 10 * MS, "clock_getres(CLOCK_MONOTONIC): %ld ns", res.tv_nsec);
	ok(clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 &&
	   res.tv_nsec <= 10 * MS, "clock_getres(CLOCK_REALTIME): %ld ns", res.tv_nsec);
	ok(clock_getres(CLOCK_MONOTONIC_COARSE, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0,
	   "clock_getres(CLOCK_MONOTONIC_COARSE): %ld ns", res.tv_nsec);
	ok(clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0,
	   "clock_getres(CLOCK_PROCESS_CPUTIME_ID): %ld ns", res.tv_nsec);
	ok(clock_getres(CLOCK_MONOTONIC, NULL) == 0, "clock_getres with a NULL result: 0");

	ok(failed(clock_gettime((clockid_t)1000, &ts), EINVAL) && failed(clock_getres((clockid_t)1000, &res), EINVAL),
	   "clock_gettime and clock_getres of an unknown clock: EINVAL");
	ok(failed(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD), EFAULT) &&
	   failed(syscall(SYS_clock_gettime, CLOCK_REALTIME, BAD), EFAULT),
	   "clock_gettime into a bad address: EFAULT");
	if (under_qemu_user())
		skip("qemu-user's clock_getres does not check the result's address",
		     "clock_getres into a bad address: EFAULT");
	else
		ok(failed(syscall(SYS_clock_getres, CLOCK_MONOTONIC, BAD), EFAULT),
		   "clock_getres into a bad address: EFAULT");
	ok(failed(syscall(SYS_gettimeofday, BAD, 0L), EFAULT), "gettimeofday into a bad address: EFAULT");

	ts = ts_of(0);
	ok(failed(clock_settime(CLOCK_MONOTONIC, &ts), EINVAL), "clock_settime(CLOCK_MONOTONIC): EINVAL");
	ts.tv_nsec = 2000000000L;
	ok(failed(clock_settime(CLOCK_REALTIME, &ts), EINVAL),
	   "clock_settime(CLOCK_REALTIME) with tv_nsec 2e9: EINVAL");
	ts.tv_nsec = 0;
	ok(failed(clock_settime(CLOCK_PROCESS_CPUTIME_ID, &ts), EINVAL),
	   "clock_settime(CLOCK_PROCESS_CPUTIME_ID): EINVAL");
	ok(failed(clock_settime(pid_cpuclock(getpid()), &ts), EPERM),
	   "clock_settime of a process's CPU clock by its pid: EPERM");
	ok(failed(clock_settime((clockid_t)1000, &ts), EINVAL), "clock_settime of an unknown clock: EINVAL");
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = sig;
}

static void test_sleep(const char *self)
{
	struct timespec req = { 0, 50 * 1000000L }, rem;
	struct sigaction sa;
	long long t0, t1, deadline;
	int status, r;
	pid_t pid;

	t0 = ns(CLOCK_MONOTONIC);
	r = nanosleep(&req, NULL);
	t1 = ns(CLOCK_MONOTONIC);
	ok(r == 0 && t1 - t0 >= 50 * MS && t1 - t0 < 2000 * MS,
	   "nanosleep 50 ms sleeps at least 50 ms (%lld us)", (t1 - t0) / 1000);
	req.tv_nsec = 30 * 1000000L;
	t0 = ns(CLOCK_MONOTONIC);
	r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
	t1 = ns(CLOCK_MONOTONIC);
	ok(r == 0 && t1 - t0 >= 30 * MS, "clock_nanosleep 30 ms sleeps at least 30 ms (%lld us)", (t1 - t0) / 1000);
	deadline = ns(CLOCK_MONOTONIC) + 40 * MS;
	req = ts_of(deadline);
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL);
	t1 = ns(CLOCK_MONOTONIC);
	ok(r == 0 && t1 >= deadline, "TIMER_ABSTIME on CLOCK_MONOTONIC wakes at or after the deadline");
	deadline = ns(CLOCK_REALTIME) + 40 * MS;
	req = ts_of(deadline);
	r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &req, NULL);
	ok(r == 0 && ns(CLOCK_REALTIME) >= deadline, "TIMER_ABSTIME on CLOCK_REALTIME wakes at or after the deadline");
	req = ts_of(ns(CLOCK_MONOTONIC) - 1000 * MS);
	t0 = ns(CLOCK_MONOTONIC);
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL);
	ok(r == 0 && ns(CLOCK_MONOTONIC) - t0 < 500 * MS, "TIMER_ABSTIME with a past deadline returns at once");

	req.tv_sec = 0;
	req.tv_nsec = 1000000000L;
	ok(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL) == EINVAL, "clock_nanosleep with tv_nsec 1e9: EINVAL");
	req.tv_nsec = 1000;
	ok(clock_nanosleep((clockid_t)1000, 0, &req, NULL) == EINVAL, "clock_nanosleep on an unknown clock: EINVAL");
	ok(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL) == EINVAL,
	   "clock_nanosleep on CLOCK_THREAD_CPUTIME_ID: EINVAL");
	ok(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD, 0L) == -1 && errno == EFAULT,
	   "clock_nanosleep of a bad request: EFAULT");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;	/* no SA_RESTART: the sleep ends with EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	req.tv_sec = 5;
	req.tv_nsec = 0;
	rem.tv_sec = rem.tv_nsec = -1;
	pid = start_child(self, "--signal-parent");
	t0 = ns(CLOCK_MONOTONIC);
	r = pid > 0 ? clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem) : -1;
	t1 = ns(CLOCK_MONOTONIC);
	ok(r == EINTR && got_usr1 == SIGUSR1, "a signal ends a relative clock_nanosleep with EINTR");
	ok(r == EINTR && rem.tv_sec >= 0 && rem.tv_sec < 5 && rem.tv_nsec >= 0 &&
	   (long long)rem.tv_sec * 1000000000LL + rem.tv_nsec >= 5000 * MS - (t1 - t0) - 100 * MS &&
	   (long long)rem.tv_sec * 1000000000LL + rem.tv_nsec <= 5000 * MS - (t1 - t0) + 100 * MS,
	   "and gives the time left (%ld.%09ld s after %lld ms)", (long)rem.tv_sec, rem.tv_nsec,
	   (t1 - t0) / MS);
	status = -1;
	if (pid > 0)
		waitpid(pid, &status, 0);
	ok(status == 0, "the signalling child exited 0 (%s)", status_str(status));
	signal(SIGUSR1, SIG_DFL);
}

static void test_cputime(void)
{
	long long th0, wall0, cpu, wall, sl0;
	struct rusage r0, r1;
	struct tms t0, t1;
	clock_t c0, c1;

	getrusage(RUSAGE_SELF, &r0);
	c0 = times(&t0);
	th0 = ns(CLOCK_THREAD_CPUTIME_ID);
	wall0 = ns(CLOCK_MONOTONIC);
	cpu = busy(200 * MS);
	wall = ns(CLOCK_MONOTONIC) - wall0;
	ok(cpu >= 200 * MS && cpu <= wall + 20 * MS,
	   "a busy loop: CLOCK_PROCESS_CPUTIME_ID advances (%lld ms of CPU in %lld ms)", cpu / MS, wall / MS);
	ok(ns(CLOCK_THREAD_CPUTIME_ID) - th0 >= 200 * MS, "and CLOCK_THREAD_CPUTIME_ID with it");
	getrusage(RUSAGE_SELF, &r1);
	c1 = times(&t1);
	ok(tv_ns(r1.ru_utime) + tv_ns(r1.ru_stime) - tv_ns(r0.ru_utime) - tv_ns(r0.ru_stime) >= 100 * MS,
	   "getrusage's ru_utime + ru_stime advance with it");
	ok((t1.tms_utime + t1.tms_stime) - (t0.tms_utime + t0.tms_stime) >= 10,
	   "times' tms_utime + tms_stime advance with it (%ld ticks)",
	   (long)((t1.tms_utime + t1.tms_stime) - (t0.tms_utime + t0.tms_stime)));
	ok(c1 - c0 >= (clock_t)(wall / (10 * MS)) - 2 && c1 - c0 <= (clock_t)(wall / (10 * MS)) + 5,
	   "times' return value counts clock ticks (%ld in %lld ms)", (long)(c1 - c0), wall / MS);
	ok(sysconf(_SC_CLK_TCK) == 100, "sysconf(_SC_CLK_TCK) is 100");

	sl0 = ns(CLOCK_PROCESS_CPUTIME_ID);
	wall0 = ns(CLOCK_MONOTONIC);
	sleep_ms(200);
	ok(ns(CLOCK_PROCESS_CPUTIME_ID) - sl0 < 50 * MS,
	   "a 200 ms sleep adds almost no CPU time (%lld ms)", (ns(CLOCK_PROCESS_CPUTIME_ID) - sl0) / MS);

	ok(getrusage(RUSAGE_THREAD, &r1) == 0 && tv_ns(r1.ru_utime) + tv_ns(r1.ru_stime) >= 200 * MS,
	   "RUSAGE_THREAD has this thread's time");
	ok(failed(getrusage(5, &r1), EINVAL) && failed(getrusage(-2, &r1), EINVAL),
	   "getrusage of an unknown who: EINVAL");
	ok(failed(syscall(SYS_getrusage, RUSAGE_SELF, BAD), EFAULT), "getrusage into a bad address: EFAULT");
	ok(failed(syscall(SYS_times, BAD), EFAULT), "times into a bad address: EFAULT");
	ok(times(NULL) != (clock_t)-1 || errno == 0, "times(NULL) works");
}

static void test_faults(void)
{
	const unsigned long pages = 256;
	struct rusage r0, r1;
	long before, after;
	char *p;

	if (no_mmu()) {
		skip(NEEDS_MMU "memory is allocated at mmap, nothing faults", "ru_minflt rises by the pages touched");
	} else if (under_qemu_user()) {
		skip("qemu-user: the faults are the emulator's", "ru_minflt rises by the pages touched");
	} else {
		p = map_anon(pages * PAGE, PROT_READ | PROT_WRITE);
		getrusage(RUSAGE_SELF, &r0);
		for (unsigned long i = 0; p != MAP_FAILED && i < pages; i++)
			p[i * PAGE] = 1;
		getrusage(RUSAGE_SELF, &r1);
		before = r0.ru_minflt;
		after = r1.ru_minflt;
		ok(p != MAP_FAILED && after - before >= (long)pages && after - before <= (long)pages + 32,
		   "touching %lu new pages: ru_minflt rises by about as many (%ld)", pages, after - before);
		ok(r1.ru_majflt == r0.ru_majflt, "and ru_majflt not at all");
		if (p != MAP_FAILED)
			munmap(p, pages * PAGE);
	}

	/*
	 * 4 MiB made resident: the peak (ru_maxrss, KiB) covers the new
	 * resident set (VmRSS), whatever the peak was before; after munmap
	 * the resident set falls and the peak stays.  Linux counts resident
	 * pages per cpu and sums them only roughly: 1 MiB of slack.
	 */
	before = vm_rss_kb();
	p = map_anon(1024 * PAGE, PROT_READ | PROT_WRITE);
	for (unsigned long i = 0; p != MAP_FAILED && i < 1024; i++)
		p[i * PAGE] = 1;
	after = vm_rss_kb();
	getrusage(RUSAGE_SELF, &r1);
	ok(p != MAP_FAILED && after >= before + 3072 && r1.ru_maxrss >= after - 1024,
	   "touching 4 MiB: ru_maxrss rises to cover VmRSS (%ld -> %ld kB, ru_maxrss %ld)", before, after,
	   r1.ru_maxrss);
	if (p != MAP_FAILED)
		munmap(p, 1024 * PAGE);
	getrusage(RUSAGE_SELF, &r0);
	ok(r0.ru_maxrss >= r1.ru_maxrss && vm_rss_kb() < after,
	   "ru_maxrss is the peak: it stays after munmap while VmRSS falls (%ld)", r0.ru_maxrss);
}

static void test_children(const char *self)
{
	struct rusage c0, c1, w;
	struct tms t0, t1;
	int status = -1;
	pid_t pid;

	getrusage(RUSAGE_CHILDREN, &c0);
	times(&t0);
	memset(&w, 0, sizeof(w));
	pid = start_child(self, "--busy");
	if (pid > 0)
		wait4(pid, &status, 0, &w);
	getrusage(RUSAGE_CHILDREN, &c1);
	times(&t1);
	ok(status == 0, "a child uses 100 ms of CPU and touches 2 MiB (%s)", status_str(status));
	ok(tv_ns(c1.ru_utime) + tv_ns(c1.ru_stime) - tv_ns(c0.ru_utime) - tv_ns(c0.ru_stime) >= 50 * MS,
	   "after wait its time is in RUSAGE_CHILDREN");
	ok((t1.tms_cutime + t1.tms_cstime) - (t0.tms_cutime + t0.tms_cstime) >= 5,
	   "and in times' tms_cutime + tms_cstime");
	ok(c1.ru_maxrss >= 2048, "RUSAGE_CHILDREN's ru_maxrss is at least its 2 MiB (%ld KiB)", c1.ru_maxrss);
	ok(tv_ns(w.ru_utime) + tv_ns(w.ru_stime) >= 50 * MS && w.ru_maxrss >= 2048,
	   "wait4's rusage has the child's own time and peak (%ld KiB)", w.ru_maxrss);
	if (no_mmu())
		skip(NEEDS_MMU "nothing faults", "its page faults are in RUSAGE_CHILDREN's ru_minflt");
	else
		ok(c1.ru_minflt - c0.ru_minflt >= CHILD_PAGES, "its page faults are in RUSAGE_CHILDREN's ru_minflt (%ld)",
		   c1.ru_minflt - c0.ru_minflt);
}

static long count_cpuinfo(void)
{
	static char buf[16384];
	int fd = open("/proc/cpuinfo", O_RDONLY);
	ssize_t len = 0, r;
	long n = 0;

	if (fd < 0)
		return -1;
	while (len < (ssize_t)sizeof(buf) - 1 && (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	for (char *l = buf; (l = strstr(l, "processor")); l++)
		if (l == buf || l[-1] == '\n')
			n++;
	return n;
}

static void test_sysinfo(void)
{
	struct sysinfo si;
	long total = proc_kb("/proc/meminfo", "MemTotal:"), mfree = proc_kb("/proc/meminfo", "MemFree:");
	long shmem = proc_kb("/proc/meminfo", "Shmem:"), swap = proc_kb("/proc/meminfo", "SwapTotal:");
	long long boot = ns(CLOCK_BOOTTIME) / 1000000000LL;
	long open_max, onln, conf, cpus;
	unsigned long unit;

	if (!ok(sysinfo(&si) == 0, "sysinfo"))
		return;
	unit = si.mem_unit ? si.mem_unit : 1;
	ok(total > 0 && (long)(si.totalram * unit / 1024) == total,
	   "sysinfo totalram is MemTotal (%lu kB, %ld kB)", si.totalram * unit / 1024, total);
	ok(labs((long)(si.freeram * unit / 1024) - mfree) <= total / 20,
	   "sysinfo freeram is about MemFree (%lu kB, %ld kB)", si.freeram * unit / 1024, mfree);
	ok(labs((long)(si.sharedram * unit / 1024) - shmem) <= total / 20,
	   "sysinfo sharedram is about Shmem (%lu kB, %ld kB)", si.sharedram * unit / 1024, shmem);
	ok((long)(si.totalswap * unit / 1024) == swap, "sysinfo totalswap is SwapTotal (%ld kB)", swap);
	ok(si.uptime >= boot && si.uptime <= boot + 2, "sysinfo uptime is CLOCK_BOOTTIME's seconds (%ld, %lld)",
	   si.uptime, boot);
	ok(si.procs >= 1, "sysinfo counts %u processes", (unsigned)si.procs);
	ok(failed(syscall(SYS_sysinfo, BAD), EFAULT), "sysinfo into a bad address: EFAULT");

	ok(sysconf(_SC_PAGESIZE) == 4096 && sysconf(_SC_PAGE_SIZE) == 4096 && getpagesize() == 4096,
	   "sysconf(_SC_PAGESIZE) is 4096");
	ok(sysconf(_SC_PHYS_PAGES) * 4 == total, "sysconf(_SC_PHYS_PAGES) is MemTotal in pages (%ld)",
	   sysconf(_SC_PHYS_PAGES));
	ok(labs(sysconf(_SC_AVPHYS_PAGES) * 4 - mfree) <= total / 20,
	   "sysconf(_SC_AVPHYS_PAGES) is about MemFree in pages (%ld)", sysconf(_SC_AVPHYS_PAGES));
	onln = sysconf(_SC_NPROCESSORS_ONLN);
	conf = sysconf(_SC_NPROCESSORS_CONF);
	ok(onln >= 1 && conf >= onln, "sysconf: %ld processors online of %ld", onln, conf);
	cpus = count_cpuinfo();
	if (cpus < 0 || under_qemu_user())
		skip(cpus < 0 ? "no /proc/cpuinfo" : "qemu-user: /proc/cpuinfo is the emulator's",
		     "_SC_NPROCESSORS_ONLN is /proc/cpuinfo's count");
	else
		ok(onln == cpus, "_SC_NPROCESSORS_ONLN is /proc/cpuinfo's count (%ld)", cpus);
	open_max = sysconf(_SC_OPEN_MAX);
	{
		ok(open_max >= 20 && dup2(0, (int)open_max - 1) == (int)open_max - 1 &&
		   failed(dup2(0, (int)open_max), EBADF),
		   "sysconf(_SC_OPEN_MAX) is the descriptor limit (%ld: the last one usable, the next EBADF)",
		   open_max);
		close((int)open_max - 1);
	}
	errno = 0;
	ok(sysconf(-1) == -1 && errno == EINVAL, "sysconf of an unknown name: -1, EINVAL");
}

static void test_ids(void)
{
	if (under_qemu_user()) {
		ok(getuid() == geteuid() && getgid() == getegid(),
		   "the real and effective ids agree (not set-id)");
		skip("qemu-user runs as the host's user", "getuid, geteuid, getgid, getegid: 0 (root)");
		return;
	}
	ok(getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0,
	   "getuid, geteuid, getgid, getegid: 0 (root)");
	ok(syscall(SYS_getuid) == 0 && syscall(SYS_getegid) == 0, "and so say the system calls themselves");
}

/* instructions_counter: perf_event_open of this task's instructions (disabled: stopped); fd or -1. */
static int instructions_counter(int disabled)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_HARDWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_HW_INSTRUCTIONS;
	attr.disabled = disabled ? 1 : 0;
	return (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

static long long counter_read(int fd)
{
	uint64_t v;

	return read(fd, &v, sizeof(v)) == (ssize_t)sizeof(v) ? (long long)v : -1;
}

/* spin: a loop of at least 3 instructions per round (a load, an add, a store, the branch). */
static void spin(int rounds)
{
	volatile unsigned long x = 0;

	for (int i = 0; i < rounds; i++)
		x += (unsigned long)i;
}

static void test_perf(void)
{
	struct perf_event_attr attr;
	int fd = instructions_counter(0), off;
	long long a, b;
	uint32_t small;

	if (fd < 0 && !on_rvmm()) {
		skip(strerror(errno), "perf_event_open: this kernel counts no instructions here");
		return;
	}
	ok(fd >= 0, "perf_event_open: a counter of this task's instructions");
	a = counter_read(fd);
	spin(100000);
	b = counter_read(fd);
	ok(a >= 0 && b - a >= 300000 && b - a < 10000000,
	   "it advances by a busy loop's instructions (%lld for 100,000 rounds)", b - a);
	a = counter_read(fd);
	sleep_ms(100);
	b = counter_read(fd);
	ok(b - a < 1000000, "and not with the time asleep (%lld over a 100 ms sleep)", b - a);
	ok(read(fd, &small, sizeof(small)) == -1 && errno == ENOSPC, "a read of 4 bytes is ENOSPC");
	close(fd);

	off = instructions_counter(1);
	spin(100000);
	ok(off >= 0 && counter_read(off) == 0, "opened disabled, it counts nothing");
	ok(ioctl(off, PERF_EVENT_IOC_ENABLE, 0) == 0, "PERF_EVENT_IOC_ENABLE");
	spin(100000);
	ok(counter_read(off) >= 300000, "then it counts");
	ok(ioctl(off, PERF_EVENT_IOC_DISABLE, 0) == 0, "PERF_EVENT_IOC_DISABLE");
	a = counter_read(off);
	spin(100000);
	ok(counter_read(off) == a, "then it stops where it was");
	ok(ioctl(off, PERF_EVENT_IOC_RESET, 0) == 0 && counter_read(off) == 0,
	   "PERF_EVENT_IOC_RESET zeroes it");
	close(off);

	memset(&attr, 0, sizeof(attr));
	attr.type = 99;
	attr.size = sizeof(attr);
	ok(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0) == -1 && errno == ENOENT,
	   "an event type nothing counts is ENOENT");
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = PERF_COUNT_HW_INSTRUCTIONS;
	ok(syscall(SYS_perf_event_open, &attr, 0x3fffffff, -1, -1, 0) == -1 && errno == ESRCH,
	   "a pid that is no task's is ESRCH");
	ok(syscall(SYS_perf_event_open, &attr, -1, -1, -1, 0) == -1 && errno == EINVAL,
	   "pid -1 and cpu -1 is EINVAL");
	attr.size = 8;
	ok(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0) == -1 && errno == E2BIG,
	   "attributes shorter than PERF_ATTR_SIZE_VER0 are E2BIG");
	ok(syscall(SYS_perf_event_open, BAD, 0, -1, -1, 0) == -1 && errno == EFAULT,
	   "attributes at a bad address are EFAULT");
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--signal-parent") == 0)
		return signal_parent();
	if (argc == 2 && strcmp(argv[1], "--busy") == 0)
		return busy_child();
	test_clocks();
	test_sleep(argv[0]);
	test_cputime();
	test_faults();
	test_children(argv[0]);
	test_sysinfo();
	test_ids();
	test_perf();
	return tap_done();
}
