/*
 * test_robust_fault: faults and page tables at their edges, as Linux on
 * RISC-V has them: PROT_EXEC-only pages are not readable (by loads or by
 * the kernel's copy from user), PROT_WRITE implies read, dropping a page
 * of the program's own text re-reads it from the file, a populate of many
 * gigabytes leaves other tasks running and stops for a fatal signal, a
 * sleep of LONG_MAX seconds sleeps, and a large .bss costs nothing until
 * it is touched (or, larger than all memory, is refused).
 *
 * Each item runs in a watched child (robust.h); `test_robust_fault WORD`
 * runs only the items whose names contain WORD.
 *
 * Without an MMU there are no page permissions, no faults to populate and
 * no lazy .bss: those items are skipped.  The sleeping child, which a
 * vfork parent could not outwait, is then this program again, run with
 * --sleep-long-max.
 */
#define _GNU_SOURCE		/* MAP_ANONYMOUS, MAP_POPULATE, syscall */
#include <limits.h>
#include <sys/syscall.h>
#include "robust.h"

extern char **environ;

/* where this program is, for its helpers (helper_bss96, helper_bss512) */
static char self_dir[256] = ".";
static const char *self;

/* ---- items 3 and 4: PROT_EXEC-only memory cannot be read ---- */

/*
 * qemu-user keeps its own page flags: the kernel never sees a guest load,
 * and qemu checks a system call's buffer against its flags itself.
 */
static const char qemu_flags[] = "qemu-user checks guest memory against its own page flags";

/* a fresh PROT_EXEC-only page, and one written first and then made PROT_EXEC-only */
static int exec_only_pages(char **fresh, char **made)
{
	*fresh = map_anon(PAGE, PROT_EXEC);
	*made = map_anon(PAGE, PROT_READ | PROT_WRITE);
	if (*fresh == MAP_FAILED || *made == MAP_FAILED)
		return 0;
	(*made)[0] = 'm';
	return mprotect(*made, PAGE, PROT_EXEC) == 0;
}

static const char *const exec_write_checks[] = {
	"write() to a pipe from a fresh PROT_EXEC-only page: EFAULT",
	"write() from a written page made PROT_EXEC-only by mprotect: EFAULT",
	"neither write() put anything in the pipe",
};

static int exec_write_child(void)
{
	char *fresh, *made, c = 0;
	int fds[2];
	long r;

	if (under_qemu_user()) {
		for (int i = 0; i < 3; i++)
			report_skip(i, qemu_flags);
		return 0;
	}
	if (!exec_only_pages(&fresh, &made) || pipe(fds) < 0)
		return 1;
	errno = 0;
	r = write(fds[1], fresh, 1);
	report(0, r == -1 && errno == EFAULT, "%s", r == -1 ? strerror(errno) : "it wrote");
	errno = 0;
	r = write(fds[1], made, 1);
	report(1, r == -1 && errno == EFAULT, "%s", r == -1 ? strerror(errno) : "it wrote");
	report(2, write(fds[1], "z", 1) == 1 && read(fds[0], &c, 1) == 1 && c == 'z',
	       "the first byte read was %#x", c);
	close(fds[0]);
	close(fds[1]);
	munmap(fresh, PAGE);
	munmap(made, PAGE);
	return 0;
}

static const char *const exec_load_checks[] = {
	"a load from a fresh PROT_EXEC-only page kills a child with SIGSEGV",
	"a load from a written page made PROT_EXEC-only kills a child with SIGSEGV",
};

static int exec_load_child(void)
{
	char *fresh, *made;
	int st;

	if (under_qemu_user()) {
		for (int i = 0; i < 2; i++)
			report_skip(i, qemu_flags);
		return 0;
	}
	if (!exec_only_pages(&fresh, &made))
		return 1;
	st = access_in_child(fresh, 0);
	report(0, killed_by(st, SIGSEGV), "%s", status_str(st));
	st = access_in_child(made, 0);
	report(1, killed_by(st, SIGSEGV), "%s", status_str(st));
	munmap(fresh, PAGE);
	munmap(made, PAGE);
	return 0;
}

/* ---- item 9: PROT_WRITE alone can be read, on RISC-V as elsewhere ---- */

static const char *const write_only_checks[] = {
	"mmap(PROT_WRITE) alone succeeds",
	"a store to it works and reads back (PROT_WRITE implies PROT_READ)",
	"a page of it never stored to reads 0",
	"write() to a pipe from it sends the bytes",
};

static int write_only_child(void)
{
	char *p = map_anon(2 * PAGE, PROT_WRITE), got[2] = "";
	int fds[2];
	long r;

	report(0, p != MAP_FAILED, "%s", p == MAP_FAILED ? strerror(errno) : "mapped");
	if (p == MAP_FAILED || pipe(fds) < 0)
		return 1;
	p[0] = 'w';
	got[0] = ((volatile char *)p)[0];
	got[1] = ((volatile char *)p)[PAGE];
	errno = 0;
	r = write(fds[1], p, 2);
	if (under_qemu_user()) {
		for (int i = 1; i < 4; i++)
			report_skip(i, qemu_flags);
	} else {
		report(1, got[0] == 'w', "read %#x", got[0]);
		report(2, got[1] == 0, "read %#x", got[1]);
		report(3, r == 2 && read(fds[0], got, 2) == 2 && got[0] == 'w' && got[1] == 0, "%s",
		       r == 2 ? "2 bytes" : r < 0 ? strerror(errno) : "short");
	}
	close(fds[0]);
	close(fds[1]);
	munmap(p, 2 * PAGE);
	return 0;
}

/* ---- item 13: MADV_DONTNEED of the program's own text ---- */

/* On a page of its own (aligned), so dropping it drops no other function's code with it. */
__attribute__((noinline, aligned(4096))) static int times_3(int x)
{
	__asm__ volatile("" : "+r"(x));
	return 3 * x;
}

static int call_times_3(void)
{
	int (*volatile f)(int) = times_3;	/* no inlining, no folding */

	return f(14);
}

static const char *const text_checks[] = {
	"madvise(MADV_DONTNEED) of the page of a function of this program succeeds",
	"the function still runs afterwards and returns 42",
	"a forked child calling it afterwards gets 42 too",
};

static int text_child(void)
{
	char *page = (char *)((unsigned long)times_3 & ~(PAGE - 1));
	int r, st;
	pid_t pid;

	/* qemu-user answers madvise itself, and runs code it has translated before */
	if (under_qemu_user()) {
		for (int i = 0; i < 3; i++)
			report_skip(i, "qemu-user 7.2 answers madvise itself, and runs translated code");
		return 0;
	}
	(void)call_times_3();		/* the page is mapped, then dropped */
	errno = 0;
	r = madvise(page, PAGE, MADV_DONTNEED);
	report(0, r == 0, "%s", r ? strerror(errno) : "0");
	r = call_times_3();
	report(1, r == 42, "got %d", r);
	madvise(page, PAGE, MADV_DONTNEED);
	pid = fork();
	if (pid == 0)
		_exit(call_times_3() == 42 ? 0 : 1);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = -1;
	report(2, exited_0(st), "%s", status_str(st));
	return 0;
}

/* ---- item 5: MAP_POPULATE of many gigabytes ---- */

/*
 * PROT_READ private anonymous memory is charged to nothing, and its
 * populate maps the zero page at every address: no memory, but a PTE
 * each, 4 kB of page table per 2 MiB.  64 GiB needs 128 MiB of tables,
 * which a small machine (rvmm's 128 MiB, or a 64 MiB Linux) cannot
 * have, so the size is 64 GiB or what an eighth of MemTotal in page
 * tables maps, whichever is less, in whole GiB (at least 1).
 */
static unsigned long populate_size(void)
{
	long total = proc_kb("/proc/meminfo", "MemTotal:");
	unsigned long gib = total > 0 ? (unsigned long)total / 8 / 4 * 2 * MIB / GIB : 1;

	return (gib < 1 ? 1 : gib > 64 ? 64 : gib) * GIB;
}

struct ticker {
	volatile long ticks, max_gap_ms, stop;
};

/*
 * In a child: tick every 20 ms, keeping the longest gap between ticks,
 * until told to stop, or until the parent is gone (killed before it could
 * say so: an orphan left ticking would keep runtests waiting for it).
 */
static void tick(struct ticker *t, pid_t parent)
{
	long last = now_ms();

	while (!t->stop && getppid() == parent) {
		long now = now_ms();

		if (now < 0 || last < 0) {
			t->max_gap_ms = -1;	/* no clock to tell */
			_exit(1);
		}
		if (now - last > t->max_gap_ms)
			t->max_gap_ms = now - last;
		last = now;
		t->ticks++;
		sleep_ms(20);
	}
	_exit(0);
}

static const char *const populate_checks[] = {
	"mmap(PROT_READ, MAP_POPULATE) of up to 64 GiB (sized to MemTotal) succeeds",
	"munmap of it succeeds",
	"a task ticking every 20 ms meanwhile never waited 2 s or more",
	"VmPTE is back within 8 kB of where it started",
};

static int populate_child(void)
{
	const unsigned long len = populate_size();
	struct ticker *t = mmap(NULL, sizeof(*t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);
	long pte0, pte1, pte2, start, took;
	char *p;
	pid_t pid;
	int r;

	if (t == MAP_FAILED)
		return 1;
	t->ticks = t->max_gap_ms = t->stop = 0;
	pid = fork();
	if (pid == 0)
		tick(t, getppid());
	if (pid < 0)
		return 2;
	for (int i = 0; i < 500 && t->ticks < 3 && t->max_gap_ms >= 0; i++)	/* the ticker is under way */
		sleep_ms(10);
	pte0 = vm_pte_kb();
	start = now_ms();
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	took = now_ms() - start;
	pte1 = vm_pte_kb();
	report(0, p != MAP_FAILED, "%lu GiB in %ld ms, VmPTE %ld kB, was %ld kB", len / GIB,
	       start < 0 ? -1 : took, pte1, pte0);
	r = p == MAP_FAILED ? -1 : munmap(p, len);
	report(1, r == 0, NULL);
	pte2 = vm_pte_kb();
	sleep_ms(100);			/* a tick after the munmap too */
	t->stop = 1;
	waitpid(pid, NULL, 0);
	if (t->max_gap_ms < 0)
		report(2, 0, "no clock: gettimeofday failed");
	else
		report(2, t->ticks > 3 && t->max_gap_ms < 2000, "%ld ticks, longest gap %ld ms",
		       t->ticks, t->max_gap_ms);
	if (under_qemu_user())
		report_skip(3, "qemu-user shows its own /proc/self/status");
	else
		report(3, pte0 >= 0 && pte2 >= 0 && pte2 <= pte0 + 8, "%ld kB, was %ld kB", pte2, pte0);
	munmap(t, sizeof(*t));
	return 0;
}

static const char *const populate_kill_checks[] = {
	"a child populating the same size, SIGKILLed 100 ms in, is reaped within 2 s",
};

static int populate_kill_child(void)
{
	const unsigned long len = populate_size();
	long killed, reaped;
	int fds[2], st = -1;
	char c;
	pid_t pid;

	if (pipe(fds) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		char *p;

		close(fds[0]);
		if (write(fds[1], "s", 1) != 1)
			_exit(2);
		p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		_exit(p == MAP_FAILED ? 3 : 0);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &c, 1) != 1)
		return 2;
	sleep_ms(100);
	killed = now_ms();
	kill(pid, SIGKILL);
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	reaped = now_ms();
	if (killed < 0 || reaped < 0)
		report(0, 0, "no clock: gettimeofday failed; %s", status_str(st));
	else
		report(0, st != -1 && reaped - killed < 2000, "reaped %ld ms after the kill, %s%s",
		       reaped - killed, status_str(st),
		       exited_0(st) ? ": the populate had ended before the kill" : "");
	close(fds[0]);
	return 0;
}

/* ---- item 6: a sleep of LONG_MAX seconds ---- */

/* The sleep, in a child; the child's exit status, should it ever end. */
static int sleep_long_max(void)
{
	struct timespec ts = { LONG_MAX, 0 }, *no_rem = NULL;	/* typed: syscall() is variadic */
	long r = syscall(SYS_nanosleep, &ts, no_rem);

	return r == 0 ? 0 : 100 + (errno & 63);	/* it should never get here */
}

static void test_long_sleep(void)
{
	char *argv[] = { (char *)self, "--sleep-long-max", NULL };
	pid_t pid;
	int st = -1, asleep;

	if (no_mmu()) {
		pid = vfork();
		if (pid == 0) {
			execv(self, argv);
			_exit(127);
		}
	} else {
		pid = fork();
		if (pid == 0)
			_exit(sleep_long_max());
	}
	if (!ok(pid > 0, "%s a child to sleep", no_mmu() ? "vfork and execve" : "fork"))
		return;
	sleep_ms(200);
	asleep = waitpid(pid, &st, WNOHANG) == 0;
	ok(asleep, "nanosleep({LONG_MAX, 0}) in a child: still asleep after 200 ms (%s)",
	   asleep ? "asleep" : status_str(st));
	if (asleep) {
		kill(pid, SIGKILL);
		if (waitpid(pid, &st, 0) != pid)
			st = -1;
		ok(killed_by(st, SIGKILL), "... and SIGKILL ends the sleep (%s)", status_str(st));
	} else {
		ok(0, "... and SIGKILL ends the sleep (it had already returned)");
	}
}

/* ---- item 8: execve of programs with a large .bss ---- */

/*
 * Run path (a helper) with its output on a pipe; its wait status, and
 * what it printed in out.  If execve returns, the child exits with 100 +
 * its errno.
 */
static int run_helper(const char *path, char *out, size_t size)
{
	char *argv[] = { (char *)path, NULL };
	int fds[2], st = -1;
	size_t len;
	ssize_t r;
	pid_t pid;

	out[0] = '\0';
	if (pipe(fds) < 0)
		return -1;
	pid = fork_or_vfork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve(path, argv, environ);
		_exit(errno > 0 && errno < 100 ? 100 + errno : 127);	/* execve returned: say why */
	}
	close(fds[1]);
	len = 0;	/* set after the fork: not live across a vfork */
	while (pid > 0 && len < size - 1 && (r = read(fds[0], out + len, size - 1 - len)) > 0)
		len += r;
	out[len] = '\0';
	out[strcspn(out, "\n")] = '\0';	/* one line, for the TAP line it goes into */
	close(fds[0]);
	if (pid > 0 && waitpid(pid, &st, 0) != pid)
		st = -1;
	return st;
}

/* run_helper's status in words: execve's error if it returned */
static const char *exec_status(int st)
{
	static char buf[80];

	if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) > 100 && WEXITSTATUS(st) != 127) {
		snprintf(buf, sizeof(buf), "execve returned: %s", strerror(WEXITSTATUS(st) - 100));
		return buf;
	}
	return status_str(st);
}

static void test_big_bss(void)
{
	const long mem = ram_and_swap_kb();
	const int mode = overcommit_mode();
	char path[300], out[128], why[128];
	long rss = -1;
	int bss = 0, st;

	/* qemu-user hands execve to the host kernel, which cannot run a RISC-V program */
	if (under_qemu_user()) {
		const char *q = "qemu-user: the host kernel cannot run a RISC-V program";

		skip(q, "execve of a program with a 96 MiB .bss runs it, its .bss zero and writable");
		skip(q, "its VmRSS right after it starts is under 8 MiB, not the 96 MiB .bss");
		skip(q, "execve of a program with a 512 MiB .bss, more than RAM + swap: SIGSEGV");
		return;
	}
	/*
	 * Linux's overcommit mode 0 refuses a .bss larger than RAM + swap (see
	 * below): 16 MiB to spare for the rest of the program (rvmm has 128 MiB).
	 */
	snprintf(path, sizeof(path), "%s/helper_bss96", self_dir);
	if (no_mmu()) {
		const char *lazy = NEEDS_MMU "a .bss is allocated whole, one contiguous run";

		skip(lazy, "execve of a program with a 96 MiB .bss runs it, its .bss zero and writable");
		skip(lazy, "its VmRSS right after it starts is under 8 MiB, not the 96 MiB .bss");
	} else if (mode == 2 || mem < (long)((96 + 16) * MIB / KIB)) {
		snprintf(why, sizeof(why), "MemTotal + SwapTotal %ld kB, overcommit mode %d", mem, mode);
		skip(why, "execve of a program with a 96 MiB .bss runs it, its .bss zero and writable");
		skip(why, "its VmRSS right after it starts is under 8 MiB, not the 96 MiB .bss");
	} else {
		st = run_helper(path, out, sizeof(out));
		sscanf(out, "VmRSS %ld bss %d", &rss, &bss);
		ok(exited_0(st) && bss == 1,
		   "execve of a program with a 96 MiB .bss runs it, its .bss zero and writable (%s, \"%.40s\")",
		   exec_status(st), out);
		ok(rss >= 0 && rss < (long)(8 * MIB / KIB),
		   "its VmRSS right after it starts is under 8 MiB, not the 96 MiB .bss (%ld kB)", rss);
	}

	/*
	 * The .bss is mapped after execve's point of no return (the old image
	 * is gone), so when Linux refuses to charge it (vm_brk_flags: ENOMEM)
	 * there is nothing to return to: the process is killed with SIGSEGV.
	 */
	snprintf(path, sizeof(path), "%s/helper_bss512", self_dir);
	if (mode != 0 || mem < 0 || mem >= (long)(512 * MIB / KIB)) {
		snprintf(why, sizeof(why), "MemTotal + SwapTotal %ld kB, overcommit mode %d", mem, mode);
		skip(why, "execve of a program with a 512 MiB .bss, more than RAM + swap: SIGSEGV");
	} else if (on_rvmm()) {
		/*
		 * rvmm builds the whole new image before its point of no
		 * return, so it can still say ENOMEM to the old program.
		 */
		st = run_helper(path, out, sizeof(out));
		skip("rvmm refuses before the point of no return: execve returns ENOMEM",
		     "execve of a program with a 512 MiB .bss, more than RAM + swap: SIGSEGV");
		ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 100 + ENOMEM && out[0] == '\0',
		   "rvmm: execve of a program with a 512 MiB .bss returns ENOMEM to the old program (%s)",
		   exec_status(st));
	} else {
		st = run_helper(path, out, sizeof(out));
		ok(killed_by(st, SIGSEGV) && out[0] == '\0',
		   "execve of a program with a 512 MiB .bss, more than RAM + swap: SIGSEGV (%s%s)",
		   exec_status(st), out[0] ? ", and it ran" : "");
	}
}

int main(int argc, char *argv[])
{
	const char *slash = strrchr(argv[0], '/');

	if (argc > 1 && strcmp(argv[1], "--sleep-long-max") == 0)	/* test_long_sleep's child */
		return sleep_long_max();
	self = argv[0];
	if (slash && slash - argv[0] < (long)sizeof(self_dir))
		snprintf(self_dir, sizeof(self_dir), "%.*s", (int)(slash - argv[0]), argv[0]);
	robust_select(argc, argv);
	if (no_mmu()) {
		const char *prot = NEEDS_MMU "no page permissions", *fault = NEEDS_MMU "no page faults";

		watched_skip("write() from PROT_EXEC-only memory", exec_write_checks, 3, 30, prot);
		watched_skip("loads from PROT_EXEC-only memory", exec_load_checks, 2, 30, prot);
		watched_skip("PROT_WRITE-only memory", write_only_checks, 4, 30, prot);
		watched_skip("MADV_DONTNEED of the program's text", text_checks, 3, 30,
			     NEEDS_MMU "madvise and fork()");
		watched_skip("MAP_POPULATE of many GiB", populate_checks, 4, 90, fault);
		watched_skip("MAP_POPULATE cut short by SIGKILL", populate_kill_checks, 1, 90, fault);
	} else {
		watched("write() from PROT_EXEC-only memory", exec_write_child, exec_write_checks, 3, 30);
		watched("loads from PROT_EXEC-only memory", exec_load_child, exec_load_checks, 2, 30);
		watched("PROT_WRITE-only memory", write_only_child, write_only_checks, 4, 30);
		watched("MADV_DONTNEED of the program's text", text_child, text_checks, 3, 30);
		watched("MAP_POPULATE of many GiB", populate_child, populate_checks, 4, 90);
		watched("MAP_POPULATE cut short by SIGKILL", populate_kill_child, populate_kill_checks, 1,
			90);
	}
	if (selected("nanosleep of LONG_MAX seconds"))
		test_long_sleep();
	if (selected("execve of a large .bss"))
		test_big_bss();
	return tap_done();
}
