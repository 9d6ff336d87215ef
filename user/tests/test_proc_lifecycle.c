/*
 * test_proc_lifecycle: fork, exit and wait, and the statuses a parent sees.
 *
 * Without an MMU fork() is EINVAL, so the children are vfork's: those
 * that only exit run the same, and the child that must sleep until it is
 * killed (a vfork parent waits for its child's exec or exit) is this
 * program again, run with --sleep.  That needs execve, which qemu-user
 * hands to the host kernel, so with an MMU it stays a forked child.
 */
#include <errno.h>
#include <signal.h>
#include "tap.h"

/* An address the compiler cannot prove is NULL, so the access is really made. */
static volatile uintptr_t null_addr;

static int exit_0(void) { return 0; }
static int exit_1(void) { return 1; }
static int exit_255(void) { return 255; }
static int exit_256(void) { return 256; }	/* only the low 8 bits reach the parent */

static int read_null(void)
{
	return *(volatile int *)null_addr;
}

static const char *self;

/* A child that sleeps until it is killed; its pid, or -1. */
static pid_t start_sleeper(void)
{
	pid_t pid;

	if (no_mmu())
		return spawn_self(self, "--sleep");
	pid = fork();
	if (pid == 0) {
		for (;;)
			sleep(1);
	}
	return pid;
}

static void check_exit(int (*fn)(void), int want, const char *what)
{
	int st = run_child(fn);

	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == want,
	   "%s: WIFEXITED, WEXITSTATUS %d (%s)", what, want, status_str(st));
}

int main(int argc, char *argv[])
{
	pid_t me = getpid(), pid, a, b;
	int st, fds[2];
	/* the call that made the children: the checks name it */
	const char *forked = no_mmu() ? "vfork()" : "fork()";

	if (argc > 1 && strcmp(argv[1], "--sleep") == 0) {
		for (;;)
			sleep(1);
	}
	self = argv[0];

	check_exit(exit_0, 0, "exit(0)");
	check_exit(exit_1, 1, "exit(1)");
	check_exit(exit_255, 255, "exit(255)");
	check_exit(exit_256, 0, "exit(256)");

	/* a child that would sleep forever, killed by its parent */
	pid = start_sleeper();
	ok(pid > 0 && kill(pid, SIGKILL) == 0, "kill(child, SIGKILL) succeeds");
	/* waited for apart from ok(): its arguments are evaluated in no set order */
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL && !WIFEXITED(st),
	   "SIGKILL: WIFSIGNALED, WTERMSIG == SIGKILL (%s)", status_str(st));

	st = run_child(read_null);
	ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	   "a child reading NULL dies of SIGSEGV (%s)", status_str(st));

	/* WNOHANG on a child that has not finished: 0, and the child is still there */
	pid = start_sleeper();
	ok(waitpid(pid, &st, WNOHANG) == 0, "waitpid(WNOHANG) on a running child returns 0");
	kill(pid, SIGKILL);
	ok(waitpid(pid, &st, 0) == pid, "waitpid() collects that child once it is killed");

	/* waitpid on a specific pid takes that child, whatever finished first */
	a = fork_or_vfork();
	if (a == 0)
		_exit(3);
	b = fork_or_vfork();
	if (b == 0)
		_exit(4);
	if (waitpid(b, &st, 0) != b)
		st = -1;
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 4,
	   "waitpid(second child) returns it with its status 4 (%s)", status_str(st));
	if (waitpid(a, &st, 0) != a)
		st = -1;
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 3,
	   "waitpid(first child) returns it with its status 3 (%s)", status_str(st));

	errno = 0;
	ok(wait(&st) == -1 && errno == ECHILD, "wait() with no children fails with ECHILD");
	errno = 0;
	ok(waitpid(-1, &st, 0) == -1 && errno == ECHILD,
	   "waitpid(-1) with no children fails with ECHILD");
	errno = 0;
	ok(waitpid(me, &st, 0) == -1 && errno == ECHILD,
	   "waitpid() of a process that is not a child fails with ECHILD");

	/* the child's view of itself and of its parent */
	if (pipe(fds) == 0) {
		pid_t seen[2] = { 0, 0 };

		pid = fork_or_vfork();
		if (pid == 0) {
			pid_t ids[2] = { getpid(), getppid() };

			_exit(write(fds[1], ids, sizeof(ids)) == sizeof(ids) ? 0 : 1);
		}
		close(fds[1]);
		ok(read(fds[0], seen, sizeof(seen)) == sizeof(seen), "the child reports its ids");
		close(fds[0]);
		waitpid(pid, &st, 0);
		ok(seen[0] == pid, "%s returns the child's pid to the parent (%d, %d)",
		   forked, (int)pid, (int)seen[0]);
		ok(seen[1] == me, "getppid() in the child is the parent's pid (%d, %d)",
		   (int)seen[1], (int)me);
		ok(seen[0] != me, "the child has a pid of its own");
	} else {
		ok(0, "pipe() for the id checks");
	}

	/* vfork: the parent waits until the child exits; the child shares its memory */
	{
		static volatile int shared;

		pid = vfork();
		if (pid == 0) {
			shared = 42;
			_exit(7);
		}
		if (pid <= 0 || waitpid(pid, &st, 0) != pid)
			st = -1;
		ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 7,
		   "vfork(): the child's _exit(7) reaches the parent (%s)", status_str(st));
		/* qemu-user runs vfork as fork, so the child's write lands in a copy */
		if (under_qemu_user())
			skip("qemu-user runs vfork() as fork()",
			     "vfork(): the child's writes are the parent's memory");
		else
			ok(shared == 42, "vfork(): the child's writes are the parent's memory");
	}

	return tap_done();
}
