/*
 * test_signal: signals as Linux delivers them: handlers (plain and
 * SA_SIGINFO), masks and pending signals, sigsuspend, SA_RESTART and
 * EINTR, SA_NODEFER, SA_RESETHAND, the alternate stack, default actions
 * (terminate, stop, continue), wait4 and waitid with WUNTRACED,
 * WCONTINUED, WNOHANG and WNOWAIT, SIGCHLD ignored, what exec and fork
 * keep, a SIGSEGV handler that mprotects and resumes (user-level paging),
 * SIGBUS past the end of a file, and the system calls' errors.
 *
 * A child that must keep running (to be stopped, or to signal this
 * process) is a fork with an MMU, and this program again by vfork and
 * execve without one (--sleep, --kill-parent FD, --exec-check).
 */
#define _GNU_SOURCE		/* syscall, pipe2, MAP_ANONYMOUS */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include "tap.h"

static const char *self;
static volatile int hits, last_sig, depth, max_depth;
static volatile siginfo_t got_info;
static volatile void *got_uc;
static volatile unsigned long handler_sp;
static volatile int handler_ss_flags;

/* The kernel's struct sigaction on riscv64, for the raw rt_sigaction checks. */
struct ksigaction {
	void *handler;
	unsigned long flags;
	unsigned long mask;
};

static void on_sig(int sig)
{
	hits++;
	last_sig = sig;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	hits++;
	last_sig = sig;
	memcpy((void *)&got_info, si, sizeof(*si));
	got_uc = uc;
}

static void on_nested(int sig)
{
	hits++;
	if (++depth > max_depth)
		max_depth = depth;
	if (hits == 1)
		raise(sig);	/* with SA_NODEFER it nests at once; without, it waits */
	depth--;
}

static void on_altstack(int sig)
{
	char here;
	stack_t cur;

	(void)sig;
	hits++;
	handler_sp = (unsigned long)&here;
	if (sigaltstack(NULL, &cur) == 0)
		handler_ss_flags = cur.ss_flags;
}

static int set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static int set_info_handler(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The children's parts, run after a fork or in this program exec'd again. */
static void sleep_forever(void)
{
	for (;;)
		msleep(1000);
}

static int kill_parent(int fd)
{
	msleep(100);
	kill(getppid(), SIGUSR1);
	msleep(100);
	return write(fd, "x", 1) == 1 ? 0 : 1;
}

/* After exec: caught signals are back to SIG_DFL, ignored ones and the mask stay. */
static int exec_check(void)
{
	struct sigaction u1, u2;
	sigset_t mask;

	if (sigaction(SIGUSR1, NULL, &u1) || sigaction(SIGUSR2, NULL, &u2) ||
	    sigprocmask(SIG_BLOCK, NULL, &mask))
		return 2;
	if (u1.sa_handler != SIG_DFL)
		return 3;
	if (u2.sa_handler != SIG_IGN)
		return 4;
	return sigismember(&mask, SIGTERM) == 1 ? 0 : 5;
}

/* child: a running child in the given mode; its pid, or -1. */
static pid_t child(const char *mode, int fd)
{
	char arg[16];
	char *argv[] = { (char *)self, (char *)mode, arg, NULL };
	pid_t pid;

	snprintf(arg, sizeof(arg), "%d", fd);
	if (no_mmu()) {
		pid = vfork();
		if (pid == 0) {
			execv(self, argv);
			_exit(127);
		}
		return pid;
	}
	pid = fork();
	if (pid == 0) {
		if (strcmp(mode, "--kill-parent") == 0)
			_exit(kill_parent(fd));
		if (strcmp(mode, "--exec-check") == 0) {
			execv(self, argv);
			_exit(127);
		}
		sleep_forever();
	}
	return pid;
}

static int wait_status(pid_t pid, int options)
{
	int st;

	return waitpid(pid, &st, options) == pid ? st : -1;
}

static void check_handlers(void)
{
	struct sigaction old = { 0 };
	sigset_t mask, pend;

	hits = 0;
	ok(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL,
	   "sigaction: SIGUSR1 starts at SIG_DFL");
	set_handler(SIGUSR1, on_sig, 0);
	ok(raise(SIGUSR1) == 0 && hits == 1 && last_sig == SIGUSR1,
	   "raise(SIGUSR1): the handler ran once, with the signal's number");

	hits = 0;
	set_info_handler(SIGUSR2, on_info);
	kill(getpid(), SIGUSR2);
	ok(hits == 1 && got_info.si_signo == SIGUSR2 && got_info.si_code == SI_USER &&
	   got_info.si_pid == getpid() && got_uc != NULL,
	   "SA_SIGINFO kill(): si_signo, si_code SI_USER, si_pid the sender, a ucontext");
	hits = 0;
	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2);
	ok(hits == 1 && got_info.si_code == SI_TKILL && got_info.si_pid == getpid(),
	   "SA_SIGINFO tgkill(): si_code SI_TKILL (%d)", got_info.si_code);

	/* a blocked signal stays pending until unblocked, then runs once */
	hits = 0;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	raise(SIGUSR1);
	raise(SIGUSR1);
	sigemptyset(&pend);
	ok(hits == 0 && sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) == 1,
	   "blocked: not delivered, and sigpending shows it");
	sigprocmask(SIG_UNBLOCK, &mask, NULL);
	ok(hits == 1, "unblocked: delivered once (a signal is not queued twice): %d", hits);

	/* sigsuspend: wait with SIGUSR1 let through, the mask back after */
	hits = 0;
	sigprocmask(SIG_BLOCK, &mask, NULL);
	raise(SIGUSR1);
	{
		sigset_t none, after;
		int r;

		sigemptyset(&none);
		errno = 0;
		r = sigsuspend(&none);
		sigprocmask(SIG_BLOCK, NULL, &after);
		ok(r == -1 && errno == EINTR && hits == 1 && sigismember(&after, SIGUSR1) == 1,
		   "sigsuspend: the pending signal runs, EINTR, and the old mask is back");
	}
	sigprocmask(SIG_UNBLOCK, &mask, NULL);

	/* a handler's own signal is blocked while it runs, unless SA_NODEFER */
	hits = depth = max_depth = 0;
	set_handler(SIGUSR1, on_nested, 0);
	raise(SIGUSR1);
	ok(hits == 2 && max_depth == 1, "without SA_NODEFER: the second runs after the first returns");
	hits = depth = max_depth = 0;
	set_handler(SIGUSR1, on_nested, SA_NODEFER);
	raise(SIGUSR1);
	ok(hits == 2 && max_depth == 2, "SA_NODEFER: the second runs inside the first");

	hits = 0;
	set_handler(SIGUSR1, on_sig, SA_RESETHAND);
	raise(SIGUSR1);
	ok(hits == 1 && sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL,
	   "SA_RESETHAND: ran once, and the action is SIG_DFL again");
}

static void check_altstack(void)
{
	static char altstack[16384] __attribute__((aligned(16)));
	stack_t ss = { altstack, 0, sizeof(altstack) }, old;
	unsigned long lo = (unsigned long)altstack;

	ok(sigaltstack(NULL, &old) == 0 && (old.ss_flags & SS_DISABLE),
	   "sigaltstack: none at first (SS_DISABLE)");
	hits = 0;
	sigaltstack(&ss, NULL);
	set_handler(SIGUSR1, on_altstack, SA_ONSTACK);
	raise(SIGUSR1);
	ok(hits == 1 && handler_sp >= lo && handler_sp < lo + sizeof(altstack) &&
	   handler_ss_flags == SS_ONSTACK,
	   "SA_ONSTACK: the handler ran on the alternate stack, which said SS_ONSTACK");
	set_handler(SIGUSR1, on_altstack, 0);
	raise(SIGUSR1);
	ok(handler_sp < lo || handler_sp >= lo + sizeof(altstack),
	   "without SA_ONSTACK: on the normal stack");
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	signal(SIGUSR1, SIG_DFL);
}

/* A read interrupted by a handled signal: restarted with SA_RESTART, EINTR without. */
static void check_restart(int flags, const char *what)
{
	int fds[2];
	char c = 0;
	pid_t pid;
	ssize_t r;

	hits = 0;
	set_handler(SIGUSR1, on_sig, flags);
	if (pipe(fds) < 0) {
		ok(0, "pipe");
		return;
	}
	pid = child("--kill-parent", fds[1]);
	errno = 0;
	r = read(fds[0], &c, 1);
	if (flags & SA_RESTART)
		ok(r == 1 && c == 'x' && hits == 1, "%s: read restarted and got the byte", what);
	else
		ok(r == -1 && errno == EINTR && hits == 1, "%s: read failed with EINTR", what);
	wait_status(pid, 0);
	close(fds[0]);
	close(fds[1]);
	signal(SIGUSR1, SIG_DFL);
}

static void check_nanosleep(void)
{
	struct timespec req = { 3, 0 }, rem = { 0, 0 };
	int fds[2], r;
	pid_t pid;

	hits = 0;
	set_handler(SIGUSR1, on_sig, SA_RESTART);
	if (pipe(fds) < 0)
		return;
	pid = child("--kill-parent", fds[1]);
	errno = 0;
	r = nanosleep(&req, &rem);
	ok(r == -1 && errno == EINTR && hits == 1 && rem.tv_sec >= 1 && rem.tv_sec < 3,
	   "nanosleep: EINTR even with SA_RESTART, and the time left (%ld s)", (long)rem.tv_sec);
	wait_status(pid, 0);
	close(fds[0]);
	close(fds[1]);
	signal(SIGUSR1, SIG_DFL);
}

static void check_default_actions(void)
{
	pid_t pid;
	int st;

	pid = child("--sleep", 0);
	msleep(50);
	kill(pid, SIGINT);
	st = wait_status(pid, 0);
	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGINT,
	   "SIGINT's default: the child is killed, WTERMSIG == SIGINT (%s)", status_str(st));

	pid = child("--sleep", 0);
	msleep(50);
	kill(pid, SIGQUIT);
	st = wait_status(pid, 0);
	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGQUIT && !WCOREDUMP(st),
	   "SIGQUIT's default: killed, WTERMSIG == SIGQUIT, no core written (%s)", status_str(st));

	/* the conformance suite's case: WUNTRACED still reports a death */
	pid = child("--sleep", 0);
	msleep(50);
	kill(pid, SIGTERM);
	st = wait_status(pid, WUNTRACED);
	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	   "waitpid(WUNTRACED) reports a child killed by SIGTERM (%s)", status_str(st));
}

static void check_stop_continue(void)
{
	pid_t pid = child("--sleep", 0);
	int st, st2;
	siginfo_t si;

	msleep(50);
	kill(pid, SIGSTOP);
	st = wait_status(pid, WUNTRACED);
	ok(st != -1 && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	   "SIGSTOP: wait4(WUNTRACED) reports WIFSTOPPED, WSTOPSIG == SIGSTOP (%#x)", st);
	ok(waitpid(pid, &st2, WUNTRACED | WNOHANG) == 0, "the stop is reported once: WNOHANG finds nothing");

	kill(pid, SIGCONT);
	st = wait_status(pid, WCONTINUED);
	ok(st != -1 && WIFCONTINUED(st), "SIGCONT: wait4(WCONTINUED) reports WIFCONTINUED (%#x)", st);

	kill(pid, SIGSTOP);
	memset(&si, 0, sizeof(si));
	ok(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT) == 0 && si.si_signo == SIGCHLD &&
	   si.si_code == CLD_STOPPED && si.si_status == SIGSTOP && si.si_pid == pid,
	   "waitid(WSTOPPED|WNOWAIT): CLD_STOPPED, si_status SIGSTOP");
	memset(&si, 0, sizeof(si));
	ok(waitid(P_PID, pid, &si, WSTOPPED) == 0 && si.si_code == CLD_STOPPED,
	   "WNOWAIT left it: waitid(WSTOPPED) sees the stop again");
	kill(pid, SIGCONT);
	memset(&si, 0, sizeof(si));
	ok(waitid(P_PID, pid, &si, WCONTINUED) == 0 && si.si_code == CLD_CONTINUED,
	   "waitid(WCONTINUED): CLD_CONTINUED");
	memset(&si, 0xff, sizeof(si));
	ok(waitid(P_PID, pid, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0,
	   "waitid(WEXITED|WNOHANG) of a running child: 0, si_pid 0");
	kill(pid, SIGKILL);
	memset(&si, 0, sizeof(si));
	ok(waitid(P_ALL, 0, &si, WEXITED) == 0 && si.si_code == CLD_KILLED &&
	   si.si_status == SIGKILL && si.si_pid == pid,
	   "waitid(P_ALL, WEXITED): CLD_KILLED, si_status SIGKILL");

	pid = fork_or_vfork();
	if (pid == 0)
		_exit(3);
	memset(&si, 0, sizeof(si));
	ok(waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_code == CLD_EXITED && si.si_status == 3,
	   "waitid: CLD_EXITED, si_status the exit code");
}

static void check_sigchld_ignored(void)
{
	pid_t pid;
	int st;

	signal(SIGCHLD, SIG_IGN);
	pid = fork_or_vfork();
	if (pid == 0)
		_exit(0);
	errno = 0;
	ok(waitpid(pid, &st, 0) == -1 && errno == ECHILD,
	   "SIGCHLD ignored: the child is reaped by itself, wait4 gives ECHILD");
	signal(SIGCHLD, SIG_DFL);
	{
		struct sigaction sa = { 0 };

		sa.sa_handler = on_sig;
		sa.sa_flags = SA_NOCLDWAIT;
		sigaction(SIGCHLD, &sa, NULL);
	}
	pid = fork_or_vfork();
	if (pid == 0)
		_exit(0);
	errno = 0;
	if (under_qemu_user()) {
		waitpid(pid, &st, 0);
		skip("qemu-user does not pass SA_NOCLDWAIT on to the host kernel",
		     "SA_NOCLDWAIT (with a handler): likewise ECHILD");
	} else {
		ok(waitpid(pid, &st, 0) == -1 && errno == ECHILD,
		   "SA_NOCLDWAIT (with a handler): likewise ECHILD");
	}
	signal(SIGCHLD, SIG_DFL);
}

static void check_uncatchable(void)
{
	struct sigaction sa = { 0 }, old = { 0 };
	sigset_t mask, now;

	sa.sa_handler = on_sig;
	errno = 0;
	ok(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL, "sigaction(SIGKILL, handler): EINVAL");
	errno = 0;
	ok(sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL, "sigaction(SIGSTOP, handler): EINVAL");
	sa.sa_handler = SIG_IGN;
	errno = 0;
	ok(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL, "sigaction(SIGKILL, SIG_IGN): EINVAL");
	ok(sigaction(SIGKILL, NULL, &old) == 0 && old.sa_handler == SIG_DFL,
	   "sigaction(SIGKILL, NULL, &old): reading is allowed");
	sigemptyset(&mask);
	sigaddset(&mask, SIGKILL);
	sigaddset(&mask, SIGSTOP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sigprocmask(SIG_BLOCK, NULL, &now);
	ok(!sigismember(&now, SIGKILL) && !sigismember(&now, SIGSTOP),
	   "sigprocmask cannot block SIGKILL or SIGSTOP");
}

static void check_fork_exec(void)
{
	struct sigaction got = { 0 };
	sigset_t mask;
	pid_t pid;
	int st;

	set_handler(SIGUSR1, on_sig, 0);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);

	pid = fork_or_vfork();
	if (pid == 0) {
		sigset_t m;

		sigprocmask(SIG_BLOCK, NULL, &m);
		_exit(sigaction(SIGUSR1, NULL, &got) == 0 && got.sa_handler == on_sig &&
		      sigismember(&m, SIGTERM) == 1 ? 0 : 1);
	}
	st = wait_status(pid, 0);
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "fork/vfork: the child has the parent's handlers and mask (%s)", status_str(st));

	if (under_qemu_user()) {
		skip("qemu-user cannot execve a RISC-V program",
		     "execve: handlers back to SIG_DFL, SIG_IGN and the mask kept");
	} else {
		pid = child("--exec-check", 0);
		st = wait_status(pid, 0);
		ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		   "execve: handlers back to SIG_DFL, SIG_IGN and the mask kept (%s)", status_str(st));
	}
	sigprocmask(SIG_UNBLOCK, &mask, NULL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* User-level paging: the handler gives the page access and returns; the access runs again. */
static char *page;
static long pagesz;
static volatile int fault_code;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	hits++;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	if (fault_code == SEGV_MAPERR)
		mmap(page, pagesz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	else
		mprotect(page, pagesz, PROT_READ | PROT_WRITE);
}

static void check_paging(void)
{
	volatile char *p;

	if (no_mmu()) {
		skip(NEEDS_MMU "mprotect is ENOSYS", "SIGSEGV handler mprotects and returns: the load completes");
		skip(NEEDS_MMU "mprotect is ENOSYS", "SIGSEGV handler: the store completes too");
		skip(NEEDS_MMU "no unmapped page faults", "SEGV_MAPERR: the handler maps the page, the access completes");
		return;
	}
	pagesz = 4096;	/* riscv64 Linux and rvmm: no sysconf in rvmm's library */
	page = mmap(NULL, pagesz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p = page;
	p[10] = 42;
	set_info_handler(SIGSEGV, on_segv);
	hits = 0;
	mprotect(page, pagesz, PROT_NONE);
	ok(p[10] == 42 && hits == 1 && fault_code == SEGV_ACCERR && fault_addr == page + 10,
	   "SIGSEGV handler mprotects and returns: the load completes (SEGV_ACCERR, si_addr)");
	hits = 0;
	mprotect(page, pagesz, PROT_READ);
	p[11] = 7;
	ok(p[11] == 7 && hits == 1 && fault_code == SEGV_ACCERR, "SIGSEGV handler: the store completes too");
	hits = 0;
	munmap(page, pagesz);
	p[12] = 9;
	ok(p[12] == 9 && hits == 1 && fault_code == SEGV_MAPERR && fault_addr == page + 12,
	   "SEGV_MAPERR: the handler maps the page, the access completes");
	munmap(page, pagesz);
	signal(SIGSEGV, SIG_DFL);
}

/* SIGBUS past the end of a mapped file: the handler grows the file, the access completes. */
static int bus_fd;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	hits++;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	if (ftruncate(bus_fd, 2 * pagesz) < 0)
		_exit(99);
}

static void check_sigbus(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[256];
	volatile char *m;

	if (no_mmu()) {
		skip(NEEDS_MMU "a mapping is a copy, with nothing past the end to fault",
		     "SIGBUS past EOF: BUS_ADRERR, si_addr, and the access completes once the file grows");
		return;
	}
	pagesz = 4096;	/* riscv64 Linux and rvmm: no sysconf in rvmm's library */
	snprintf(path, sizeof(path), "%s/test_signal.bus", tmp ? tmp : "/tmp");
	bus_fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (bus_fd < 0 || write(bus_fd, "abc", 3) != 3) {
		ok(0, "a file for the SIGBUS check");
		return;
	}
	m = mmap(NULL, 2 * pagesz, PROT_READ | PROT_WRITE, MAP_SHARED, bus_fd, 0);
	set_info_handler(SIGBUS, on_bus);
	hits = 0;
	m[pagesz + 5] = 1;
	ok(hits == 1 && fault_code == BUS_ADRERR && fault_addr == m + pagesz + 5 && m[pagesz + 5] == 1,
	   "SIGBUS past EOF: BUS_ADRERR, si_addr, and the access completes once the file grows");
	munmap((void *)m, 2 * pagesz);
	close(bus_fd);
	unlink(path);
	signal(SIGBUS, SIG_DFL);
}

static int einval(long r)
{
	return r == -1 && errno == EINVAL;
}

static int efault(long r)
{
	return r == -1 && errno == EFAULT;
}

/* Every new call's errors, at the system call (the kernel's sigsetsize is 8). */
static void check_errors(void)
{
	void *bad = (void *)1;
	struct ksigaction ka = { 0 };
	unsigned long set = 0;
	stack_t ss = { 0 };
	siginfo_t si;

	errno = 0;
	ok(efault(syscall(SYS_rt_sigaction, SIGUSR1, bad, 0L, 8)), "rt_sigaction: bad act, EFAULT");
	errno = 0;
	ok(efault(syscall(SYS_rt_sigaction, SIGUSR1, 0L, bad, 8)), "rt_sigaction: bad oldact, EFAULT");
	errno = 0;
	ok(einval(syscall(SYS_rt_sigaction, SIGUSR1, &ka, 0L, 4)), "rt_sigaction: sigsetsize 4, EINVAL");
	errno = 0;
	ok(einval(syscall(SYS_rt_sigaction, 0, &ka, 0L, 8)), "rt_sigaction: signal 0, EINVAL");
	errno = 0;
	ok(einval(syscall(SYS_rt_sigaction, 65, 0L, &ka, 8)), "rt_sigaction: signal 65, EINVAL");
	errno = 0;
	ok(efault(syscall(SYS_rt_sigprocmask, SIG_BLOCK, bad, 0L, 8)), "rt_sigprocmask: bad set, EFAULT");
	errno = 0;
	ok(efault(syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0L, bad, 8)), "rt_sigprocmask: bad oldset, EFAULT");
	errno = 0;
	ok(einval(syscall(SYS_rt_sigprocmask, 7, &set, 0L, 8)), "rt_sigprocmask: how 7, EINVAL");
	errno = 0;
	ok(einval(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, 0L, 16)), "rt_sigprocmask: sigsetsize 16, EINVAL");
	errno = 0;
	ok(efault(syscall(SYS_rt_sigpending, bad, 8)), "rt_sigpending: bad set, EFAULT");
	errno = 0;
	ok(einval(syscall(SYS_rt_sigpending, &set, 16)), "rt_sigpending: sigsetsize 16, EINVAL");
	errno = 0;
	ok(efault(syscall(SYS_rt_sigsuspend, bad, 8)), "rt_sigsuspend: bad set, EFAULT");
	errno = 0;
	ok(einval(syscall(SYS_rt_sigsuspend, &set, 4)), "rt_sigsuspend: sigsetsize 4, EINVAL");
	errno = 0;
	ok(efault(syscall(SYS_sigaltstack, bad, 0L)), "sigaltstack: bad ss, EFAULT");
	errno = 0;
	ok(efault(syscall(SYS_sigaltstack, 0L, bad)), "sigaltstack: bad oss, EFAULT");
	ss.ss_flags = 0x100;
	ss.ss_size = SIGSTKSZ;
	ss.ss_sp = &ss;
	errno = 0;
	ok(einval(syscall(SYS_sigaltstack, &ss, 0L)), "sigaltstack: unknown ss_flags, EINVAL");
	ss.ss_flags = 0;
	ss.ss_size = 100;
	errno = 0;
	ok(syscall(SYS_sigaltstack, &ss, 0L) == -1 && errno == ENOMEM,
	   "sigaltstack: smaller than MINSIGSTKSZ, ENOMEM");
	errno = 0;
	ok(einval(kill(getpid(), 65)), "kill: signal 65, EINVAL");
	errno = 0;
	ok(einval(syscall(SYS_tgkill, -1, getpid(), SIGUSR1)), "tgkill: tgid -1, EINVAL");
	errno = 0;
	ok(einval(syscall(SYS_tgkill, getpid(), getpid(), 65)), "tgkill: signal 65, EINVAL");
	errno = 0;
	ok(syscall(SYS_tgkill, 999999, 999999, 0) == -1 && errno == ESRCH, "tgkill: no such thread, ESRCH");
	errno = 0;
	ok(syscall(SYS_tgkill, getppid(), getpid(), 0) == -1 && errno == ESRCH,
	   "tgkill: a tid not in that tgid, ESRCH");
	errno = 0;
	ok(einval(syscall(SYS_tkill, 0, SIGUSR1)), "tkill: tid 0, EINVAL");
	errno = 0;
	ok(einval(syscall(SYS_waitid, 7, 0, &si, WEXITED, 0L)), "waitid: idtype 7, EINVAL");
	errno = 0;
	ok(einval(syscall(SYS_waitid, P_ALL, 0, &si, 0, 0L)), "waitid: no WEXITED/WSTOPPED/WCONTINUED, EINVAL");
	{
		pid_t pid = fork_or_vfork();
		int st;

		if (pid == 0)
			_exit(0);
		errno = 0;
		ok(efault(syscall(SYS_waitid, P_PID, pid, bad, WEXITED, 0L)) &&
		   waitpid(pid, &st, WNOHANG) == -1 && errno == ECHILD,
		   "waitid: bad infop, EFAULT, and the child is reaped all the same");
	}
	errno = 0;
	ok(waitid(P_ALL, 0, &si, WEXITED) == -1 && errno == ECHILD, "waitid with no children: ECHILD");
}

/*
 * The frame cannot be written: the alternate stack is at an address
 * where nothing is mapped (0x1000: below mmap_min_addr with an MMU, and
 * in no mapping of the process without one).  Linux gives up on the
 * handler and kills the process with SIGSEGV; the kernel must not care.
 */
static void nop_handler(int sig)
{
	(void)sig;
}

static int unwritable_frame(void)
{
	stack_t ss = { .ss_sp = (void *)0x1000, .ss_size = 65536 };
	struct sigaction sa = { .sa_handler = nop_handler, .sa_flags = SA_ONSTACK };

	sigemptyset(&sa.sa_mask);
	if (sigaltstack(&ss, NULL) || sigaction(SIGUSR1, &sa, NULL))
		return 3;
	raise(SIGUSR1);
	return 0;	/* the handler ran after all */
}

/* rt_sigreturn with no frame under sp: the registers cannot come back, so SIGSEGV. */
static int no_frame(void)
{
	__asm__ volatile("li sp, 0x1000\n\tli a7, 139\n\tecall" ::: "memory");
	return 0;	/* not reached */
}

static void check_bad_frames(void)
{
	int st = run_child(unwritable_frame);

	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	   "a handler whose frame cannot be written: the process dies of SIGSEGV (%s)",
	   status_str(st));
	st = run_child(no_frame);
	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	   "rt_sigreturn with no frame under sp: the process dies of SIGSEGV (%s)", status_str(st));
}

int main(int argc, char *argv[])
{
	if (argc > 1 && strcmp(argv[1], "--sleep") == 0)
		sleep_forever();
	if (argc > 2 && strcmp(argv[1], "--kill-parent") == 0)
		return kill_parent(atoi(argv[2]));
	if (argc > 1 && strcmp(argv[1], "--exec-check") == 0)
		return exec_check();
	self = argv[0];

	check_handlers();
	check_altstack();
	check_restart(SA_RESTART, "SA_RESTART");
	check_restart(0, "no SA_RESTART");
	check_nanosleep();
	check_default_actions();
	check_stop_continue();
	check_sigchld_ignored();
	check_uncatchable();
	check_fork_exec();
	check_paging();
	check_sigbus();
	check_errors();
	check_bad_frames();
	return tap_done();
}
