/*
 * test_robust_errno: processes, signals and file system calls at their
 * edges, with Linux's answers: wait4 options Linux accepts, a zombie that
 * kill(pid, 0) still finds, signals whose default action is to do
 * nothing, execve of a file without execute permission, and the errors
 * of calls given empty paths, bad descriptors, out-of-range numbers and
 * flags that cannot go together.
 *
 * Calls whose arguments the C libraries would get in the way of are made
 * with syscall(), in Linux's numbering (AT_FDCWD is -100 there).
 * `test_robust_errno WORD` runs only the items whose names contain WORD.
 *
 * Without an MMU the children are vfork's; those that must wait (to be
 * killed, or for a byte) are this program again, run with --idle or
 * --read-x FD, since a vfork parent waits for its child's exec or exit.
 */
#define _GNU_SOURCE		/* __WALL, __WCLONE, syscall, klogctl */
#include <limits.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include "robust.h"

#ifndef WCONTINUED
#define WCONTINUED 8		/* Linux's values; picolibc lacks these */
#endif
#ifndef __WALL
#define __WALL 0x40000000
#endif
#ifndef __WCLONE
#define __WCLONE 0x80000000
#endif
#ifndef SYSLOG_ACTION_OPEN
#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ_ALL 3
#endif

#define LINUX_AT_FDCWD (-100)
#define AT_STATX_FORCE_SYNC_ 0x2000	/* Linux's values, whatever the C library calls them */
#define AT_STATX_DONT_SYNC_ 0x4000

extern char **environ;

static const char *self_path;	/* argv[0], to run this program again */

/* call must fail with errno want (named name): errno is cleared before it is made. */
#define FAILS_WITH(want, call, ...) (errno = 0, fails_with(want, #want, (long)(call), __VA_ARGS__))
static void fails_with(int want, const char *name, long r, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	ok(r == -1 && errno == want, "%s: %s (%s)", what, name, r == -1 ? strerror(errno) : "it succeeded");
}

/* The child that waits to be killed (or told to go). */
static __attribute__((noreturn)) void idle(void)
{
	for (;;)
		sleep_ms(1000);
}

/* A child that waits to be killed; its pid. */
static pid_t idle_child(void)
{
	pid_t pid;

	if (no_mmu())
		return spawn_self(self_path, "--idle");
	pid = fork();
	if (pid == 0)
		idle();
	return pid;
}

/* The child of test_harmless_signals: 42 once it reads an 'x' from fd. */
static int read_x(int fd)
{
	char c;

	return read(fd, &c, 1) == 1 && c == 'x' ? 42 : 1;
}

/* ---- item 16: wait4 with every option Linux accepts ---- */

static void wait4_with(int options, const char *what)
{
	pid_t pid = idle_child(), r;
	int st = -1;

	if (pid < 0) {
		ok(0, "fork for wait4(%s)", what);
		return;
	}
	kill(pid, SIGKILL);
	errno = 0;
	r = wait4(pid, &st, options, NULL);
	ok(r == pid && killed_by(st, SIGKILL),
	   "wait4(pid, &st, %s, NULL) reaps a SIGKILLed child: WIFSIGNALED, SIGKILL (%s)", what,
	   r == pid ? status_str(st) : r < 0 ? strerror(errno) : "another pid");
	if (r != pid)
		waitpid(pid, NULL, 0);
}

/*
 * __WCLONE alone would wait only for "clone" children (those whose exit
 * signal is not SIGCHLD); __WALL waits for every kind, whatever __WCLONE
 * says (eligible_child).
 */
static void test_wait4_options(void)
{
	wait4_with(WUNTRACED | WCONTINUED, "WUNTRACED | WCONTINUED");
	wait4_with(__WALL | __WCLONE, "__WALL | __WCLONE");
	wait4_with(WUNTRACED | WCONTINUED | __WALL | __WCLONE, "WUNTRACED | WCONTINUED | __WALL | __WCLONE");
}

/* ---- item 17: a zombie is still there for kill(pid, 0) ---- */

static void test_zombie(void)
{
	int fds[2], st = -1, r;
	char c;
	pid_t pid;

	if (!ok(pipe(fds) == 0, "a pipe to see the child exit by"))
		return;
	pid = fork_or_vfork();
	if (pid == 0) {
		close(fds[0]);
		_exit(3);
	}
	close(fds[1]);
	/* end of file: the child has closed its descriptors on its way out; then it is a zombie */
	r = read(fds[0], &c, 1);
	close(fds[0]);
	sleep_ms(100);
	errno = 0;
	r = r == 0 ? kill(pid, 0) : -2;
	ok(r == 0, "kill(pid of a zombie, 0): 0 (%s)", r == 0 ? "0" : r == -2 ? "no end of file" : strerror(errno));
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 3, "the zombie is then reaped: exited with 3 (%s)",
	   status_str(st));
}

/* ---- item 18: signals whose default action is to do nothing ---- */

static void test_harmless_signals(void)
{
	static const struct {
		int sig;
		const char *name;
	} sigs[] = {
		{ SIGURG, "SIGURG" }, { SIGWINCH, "SIGWINCH" }, { SIGCHLD, "SIGCHLD" }, { SIGCONT, "SIGCONT" },
	};
	int fds[2], st = -1, alive;
	char fd_s[16];
	pid_t pid;

	if (!ok(pipe(fds) == 0, "a pipe to tell the child to go by"))
		return;
	if (no_mmu()) {
		char *argv[] = { (char *)self_path, "--read-x", fd_s, NULL };

		snprintf(fd_s, sizeof(fd_s), "%d", fds[0]);
		pid = vfork();
		if (pid == 0) {
			close(fds[1]);
			execv(self_path, argv);
			_exit(127);
		}
	} else {
		pid = fork();
		if (pid == 0) {
			close(fds[1]);
			_exit(read_x(fds[0]));
		}
	}
	alive = 1;	/* set after the fork: not live across a vfork */
	close(fds[0]);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (alive) {
			int r = kill(pid, sigs[i].sig);

			sleep_ms(100);
			alive = waitpid(pid, &st, WNOHANG) == 0;
			ok(r == 0 && alive, "%s (%d) to a child with default handling: it keeps running (%s)",
			   sigs[i].name, sigs[i].sig, alive ? "running" : status_str(st));
		} else {
			ok(0, "%s (%d) to a child with default handling: it keeps running (it was gone)",
			   sigs[i].name, sigs[i].sig);
		}
	}
	if (alive) {
		if (write(fds[1], "x", 1) != 1 || waitpid(pid, &st, 0) != pid)
			st = -1;
	}
	close(fds[1]);
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 42,
	   "told to go afterwards, it exits normally with 42 (%s)", status_str(st));
}

/* ---- item 19: execve of a file without execute permission ---- */

/* Copy the file from to a new file to, mode 0644; 1 if it was copied whole. */
static int copy_file(const char *from, const char *to)
{
	char buf[4096];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644), done = in >= 0;
	ssize_t n;

	while (done && out >= 0 && (n = read(in, buf, sizeof(buf))) != 0)
		if (n < 0 || write(out, buf, n) != n)
			done = 0;
	if (in >= 0)
		close(in);
	if (out < 0)
		return 0;
	/* if this program cannot be read, a script stands in: the mode decides first either way */
	if (!done && (ftruncate(out, 0) < 0 || lseek(out, 0, SEEK_SET) != 0 ||
		      write(out, "#!/bin/sh\nexit 0\n", 17) != 17)) {
		close(out);
		return 0;
	}
	return close(out) == 0;
}

/*
 * A copy of this program, mode 0644: even root may execute only a file
 * with some execute bit set (generic_permission).  The copy is run with
 * --exit, so a kernel that wrongly runs it gets exit status 100 at once.
 */
static void test_exec_noexec(const char *self)
{
	const char *path = scratch("test_robust_errno", "noexec");
	char *argv[] = { (char *)path, "--exit", NULL };
	int st = -1;
	pid_t pid;

	if (!ok(copy_file(self, path), "a copy of this program in $TMPDIR, mode 0644")) {
		unlink(path);
		return;
	}
	pid = fork_or_vfork();
	if (pid == 0) {
		execve(path, argv, environ);
		_exit(errno);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = -1;
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == EACCES,
	   "execve of a file without execute permission: EACCES (%s%s)",
	   st != -1 && WIFEXITED(st) && WEXITSTATUS(st) != 100 ? strerror(WEXITSTATUS(st)) : status_str(st),
	   st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 100 ? ": it ran" : "");
	unlink(path);
}

/* ---- item 20: errors of calls at their edges ---- */

static void test_paths(void)
{
	static char kstat[256] __attribute__((aligned(16)));	/* Linux's struct stat is 128 bytes */
	static char longpath[4300];
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	const int flags = O_CREAT | O_DIRECTORY | O_WRONLY;
	char buf[64];
	size_t n;
	long r;

	FAILS_WITH(ENOENT, syscall(SYS_readlinkat, LINUX_AT_FDCWD, "", buf, sizeof(buf)),
		   "readlinkat(AT_FDCWD, \"\", buf, %zu)", sizeof(buf));

	errno = 0;
	r = syscall(SYS_newfstatat, LINUX_AT_FDCWD, "/", kstat, AT_STATX_FORCE_SYNC_);
	ok(r == 0, "newfstatat(AT_FDCWD, \"/\", st, AT_STATX_FORCE_SYNC) is accepted (%s)",
	   r ? strerror(errno) : "0");
	errno = 0;
	r = syscall(SYS_newfstatat, LINUX_AT_FDCWD, "/", kstat, AT_STATX_DONT_SYNC_);
	ok(r == 0, "newfstatat(AT_FDCWD, \"/\", st, AT_STATX_DONT_SYNC) is accepted (%s)",
	   r ? strerror(errno) : "0");

	/* O_CREAT | O_DIRECTORY is refused (Linux 6.4 on) before the path is even read */
	FAILS_WITH(EINVAL, openat(AT_FDCWD, "", flags, 0644),
		   "openat(AT_FDCWD, \"\", O_CREAT | O_DIRECTORY | O_WRONLY)");
	/* qemu-user copies the path in before the host kernel sees the flags */
	if (under_qemu_user())
		skip("qemu-user reads the path itself first (EFAULT)",
		     "openat(AT_FDCWD, bad pointer, O_CREAT | O_DIRECTORY | O_WRONLY): EINVAL");
	else
		FAILS_WITH(EINVAL, openat(AT_FDCWD, (const char *)1, flags, 0644),
			   "openat(AT_FDCWD, bad pointer, O_CREAT | O_DIRECTORY | O_WRONLY)");
	/* $TMPDIR/aaa...: 4,299 bytes, longer than PATH_MAX; should it be made, it goes again */
	n = (size_t)snprintf(longpath, sizeof(longpath), "%s/", tmp);
	memset(longpath + n, 'a', 4299 - n);
	longpath[4299] = '\0';
	FAILS_WITH(EINVAL, openat(AT_FDCWD, longpath, flags, 0644),
		   "openat(AT_FDCWD, a %zu-byte path, O_CREAT | O_DIRECTORY | O_WRONLY)", strlen(longpath));
	unlink(longpath);
	rmdir(longpath);
}

static void test_syslog(void)
{
	int r;

	errno = 0;
	r = klogctl(SYSLOG_ACTION_OPEN, NULL, 0);
	if (r == -1 && errno == EPERM)
		skip("not allowed to read the kernel log here (EPERM)", "syslog(SYSLOG_ACTION_OPEN): 0");
	else
		ok(r == 0, "syslog(SYSLOG_ACTION_OPEN): 0 (%s)", r ? strerror(errno) : "0");
	errno = 0;
	r = klogctl(SYSLOG_ACTION_CLOSE, NULL, 0);
	if (r == -1 && errno == EPERM)
		skip("not allowed to read the kernel log here (EPERM)", "syslog(SYSLOG_ACTION_CLOSE): 0");
	else
		ok(r == 0, "syslog(SYSLOG_ACTION_CLOSE): 0 (%s)", r ? strerror(errno) : "0");
	/*
	 * qemu-user 7.2 handles the reading actions itself, taking the buffer
	 * pointer for the length: a NULL buffer reads as length 0, answered 0.
	 */
	errno = 0;
	r = klogctl(SYSLOG_ACTION_READ_ALL, NULL, 100);
	if (under_qemu_user())
		skip("qemu-user 7.2 answers the reading actions itself",
		     "syslog(SYSLOG_ACTION_READ_ALL, NULL, 100): EINVAL");
	else
		ok(r == -1 && errno == EINVAL, "syslog(SYSLOG_ACTION_READ_ALL, NULL, 100): EINVAL (%s)",
		   r == -1 ? strerror(errno) : "it succeeded");
}

static void test_numbers(void)
{
	int st;

	/* the descriptor is looked at before the buffer */
	FAILS_WITH(EBADF, syscall(SYS_getdents64, 999, (void *)1, 4096),
		   "getdents64(999, bad pointer, 4096)");
	/* no such process: ESRCH, before the signal number is looked at */
	FAILS_WITH(ESRCH, kill(INT_MAX, 65), "kill(INT_MAX, 65)");
	/* -INT_MIN does not exist: Linux says so before looking for children */
	FAILS_WITH(ESRCH, wait4(INT_MIN, &st, 0, NULL), "wait4(INT_MIN, &st, 0, NULL)");
	FAILS_WITH(ECHILD, wait4(0, &st, 0, NULL), "wait4(0, &st, 0, NULL) with no children");
	FAILS_WITH(ECHILD, wait4(-5, &st, 0, NULL), "wait4(-5, &st, 0, NULL) with no children");
}

/*
 * /proc files have a mmap operation (proc_reg_mmap), which for files
 * that do not provide one, /proc/meminfo among them, gives EIO.
 */
static void test_mmap_proc(void)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	char *m;

	if (!ok(fd >= 0, "open /proc/meminfo"))
		return;
	if (no_mmu()) {
		/* a private mapping is then a copy, which a read of the file can make */
		skip(NEEDS_MMU "a private mapping is a copy of the file", "mmap of /proc/meminfo: EIO");
		close(fd);
		return;
	}
	errno = 0;
	m = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	ok(m == MAP_FAILED && errno == EIO, "mmap of /proc/meminfo: EIO (%s)",
	   m == MAP_FAILED ? strerror(errno) : "it was mapped");
	if (m != MAP_FAILED)
		munmap(m, PAGE);
	close(fd);
}

/*
 * 32-bit arguments with garbage above them: Linux casts each argument to
 * the type its handler declares (SYSCALL_DEFINE), so the upper half of the
 * register does not count.
 */
static void test_wide_ints(void)
{
	long high = 1L << 32;
	int fd = open("/proc/self/status", O_RDONLY);

	ok(syscall(SYS_kill, high | getpid(), 0) == 0,
	   "kill(pid with bit 32 set, 0): the pid is its low 32 bits (0)");
	ok(syscall(SYS_kill, getpid(), high) == 0,
	   "kill(pid, signal with bit 32 set): signal 0 (0)");
	ok(fd >= 0 && syscall(SYS_close, high | fd) == 0 && close(fd) < 0 && errno == EBADF,
	   "close(fd with bit 32 set) closes fd");
}

/*
 * A child cloned with no exit signal is a "clone child": wait4 sees it
 * only with __WCLONE or __WALL.  Orphaned, it reports with SIGCHLD to
 * init like any other, so init reaps it (runtests, as init, then finds
 * its memory back).
 */
static void test_clone_children(void)
{
	long pid;
	int st = -1;

	if (under_qemu_user()) {
		skip("qemu-user makes every clone without CLONE_VM a fork(), with SIGCHLD",
		     "the clone children checks");
		return;
	}
	if (no_mmu()) {
		/* Linux without an MMU: clone must share the memory (CLONE_VM) */
		errno = 0;
		pid = syscall(SYS_clone, 0L, 0L, 0L, 0L, 0L);
		if (pid == 0)
			_exit(7);
		ok(pid == -1 && errno == EINVAL, "clone without CLONE_VM: EINVAL without an MMU (%s)",
		   pid == -1 ? strerror(errno) : "it made a child");
		if (pid > 0)
			waitpid((pid_t)pid, &st, 0x80000000 /* __WCLONE */);
		skip(NEEDS_MMU "clone without CLONE_VM", "with __WCLONE it is reaped");
		skip(NEEDS_MMU "clone without CLONE_VM", "a process that leaves a clone child behind exits");
		return;
	}
	pid = syscall(SYS_clone, 0L, 0L, 0L, 0L, 0L);	/* exit signal 0, otherwise a fork */
	if (pid == 0)
		_exit(7);
	ok(pid > 0 && waitpid((pid_t)pid, &st, 0) < 0 && errno == ECHILD,
	   "wait4 without __WCLONE does not see a child cloned with exit signal 0 (ECHILD)");
	ok(pid > 0 && waitpid((pid_t)pid, &st, 0x80000000 /* __WCLONE */) == pid &&
	   WIFEXITED(st) && WEXITSTATUS(st) == 7, "with __WCLONE it is reaped (%s)", status_str(st));
	pid = fork();
	if (pid == 0) {
		/* The middle process leaves a clone child behind, which goes to init. */
		if (syscall(SYS_clone, 0L, 0L, 0L, 0L, 0L) == 0) {
			struct timespec ts = { 0, 20000000 };

			nanosleep(&ts, NULL);
			_exit(0);
		}
		_exit(0);
	}
	ok(pid > 0 && waitpid((pid_t)pid, &st, 0) == pid && WIFEXITED(st),
	   "a process that leaves a clone child behind exits (%s)", status_str(st));
}

int main(int argc, char *argv[])
{
	if (argc > 1 && strcmp(argv[1], "--exit") == 0)	/* a copy that should not have run */
		return 100;
	if (argc > 1 && strcmp(argv[1], "--idle") == 0)		/* idle_child, without an MMU */
		idle();
	if (argc > 2 && strcmp(argv[1], "--read-x") == 0)	/* test_harmless_signals' child */
		return read_x(atoi(argv[2]));
	self_path = argv[0];
	robust_select(argc, argv);
	/* first, while this process has no children */
	if (selected("errors of system calls given odd numbers"))
		test_numbers();
	if (selected("errors of system calls given odd paths"))
		test_paths();
	if (selected("syslog"))
		test_syslog();
	if (selected("mmap of /proc/meminfo"))
		test_mmap_proc();
	if (selected("wait4 options"))
		test_wait4_options();
	if (selected("kill of a zombie"))
		test_zombie();
	if (selected("harmless signals"))
		test_harmless_signals();
	if (selected("execve without execute permission"))
		test_exec_noexec(argv[0]);
	if (selected("32-bit arguments"))
		test_wide_ints();
	if (selected("clone children"))
		test_clone_children();
	return tap_done();
}
