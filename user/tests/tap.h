/*
 * tap.h: what every portable test shares.  Plain POSIX C, so a test
 * builds against rvmm's C library (picolibc) and against glibc alike.
 *
 * Output is TAP: "ok N - what" or "not ok N - what" per check, and
 * "1..N" at the end; tap_done() gives the exit status (1 if any failed).
 * stdout is flushed after every line, so a forked child never inherits
 * and repeats half-written output; children leave with _exit() for the
 * same reason.
 */
#ifndef RVMM_TESTS_TAP_H
#define RVMM_TESTS_TAP_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int tap_count, tap_failed;

static inline void tap_line(const char *status, const char *fmt, va_list ap, const char *skip)
{
	printf("%s %d - ", status, ++tap_count);
	vprintf(fmt, ap);
	if (skip)
		printf(" # SKIP %s", skip);
	printf("\n");
	fflush(stdout);
}

/* One check: passes if cond is true. */
static inline int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_line(cond ? "ok" : "not ok", fmt, ap, NULL);
	va_end(ap);
	if (!cond)
		tap_failed++;
	return cond;
}

/* A check that cannot be made here, for the reason given: counts as passed. */
static inline void skip(const char *reason, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_line("ok", fmt, ap, reason);
	va_end(ap);
}

/* A diagnostic line, which TAP readers ignore. */
static inline void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* The plan line; returns the exit status for main. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

/*
 * Under Linux user-mode emulation (qemu-riscv64-static) a few things are
 * qemu's rather than the kernel's (facts §9): the harness says so by
 * setting RVMM_QEMU_USER=1, and the affected checks are skipped, each
 * with the reason given where it is made.
 */
static inline int under_qemu_user(void)
{
	return getenv("RVMM_QEMU_USER") != NULL;
}

/*
 * on_rvmm: is the kernel rvmm (uname's sysname)?  For the few checks
 * where rvmm differs from Linux on purpose: each is a SKIP of Linux's
 * answer that names the reason, and a check of rvmm's own.
 */
static inline int on_rvmm(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "rvmm") == 0;
}

/*
 * no_mmu: is the kernel one without an MMU (uClinux's rules, Linux's
 * mm/nommu.c)?  Linux has the sysctl vm.nr_trim_pages only then, and so
 * does rvmm's nommu build, so the answer is found at run time and one
 * binary serves both kernels.  There fork() fails with EINVAL, the break
 * never moves, MAP_FIXED is EINVAL, anonymous memory is allocated (and
 * counted) at mmap time, mprotect, madvise and msync are ENOSYS, and
 * nothing is protected: only an address where there is no memory or
 * device at all (0) still faults.  A check that needs an MMU is then a
 * SKIP whose reason starts NEEDS_MMU; where Linux defines its own answer
 * without one (MAP_FIXED: EINVAL), that answer is checked instead.
 */
static inline int no_mmu(void)
{
	static int known = -1;
	struct stat st;

	/* stat, not access: rvmm has no faccessat */
	if (known < 0)
		known = stat("/proc/sys/vm/nr_trim_pages", &st) == 0;
	return known;
}

#define NEEDS_MMU "needs an MMU: "

/*
 * fork_or_vfork: fork where there is an MMU, else vfork, for a child that
 * only calls _exit or execve, or makes one access and dies of it: such a
 * child runs the same with either.  (A macro: a vfork child must not
 * return from the function that called vfork.)
 */
#define fork_or_vfork() (no_mmu() ? vfork() : fork())

/*
 * spawn_self: this program again, as "self arg", by vfork and execve: how
 * a test gets a child that must keep running (sleep, wait to be killed)
 * where there is no fork.  Its pid, or -1.
 */
static inline pid_t spawn_self(const char *self, const char *arg)
{
	char *argv[] = { (char *)self, (char *)arg, NULL };
	pid_t pid = vfork();

	if (pid == 0) {
		execv(self, argv);
		_exit(127);
	}
	return pid;
}

/*
 * Run fn in a child and return its wait status (or -1 if fork or wait
 * failed).  fn's return value is the child's exit status.  Without an MMU
 * the child is a vfork's, on the parent's memory and stack until it
 * exits: fn must then do no more than make its one access or return.
 */
static inline int run_child(int (*fn)(void))
{
	pid_t pid;
	int status;

	if (no_mmu()) {
		pid = vfork();
		if (pid == 0)
			_exit(fn());
	} else {
		pid = fork();
		if (pid == 0)
			_exit(fn());
	}
	if (pid < 0)
		return -1;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* A readable account of a wait status, for failure messages. */
static inline const char *status_str(int status)
{
	static char buf[64];

	if (status == -1)
		snprintf(buf, sizeof(buf), "fork or wait failed");
	else if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exited with %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, sizeof(buf), "status %#x", status);
	return buf;
}

#endif /* RVMM_TESTS_TAP_H */
