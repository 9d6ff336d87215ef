/*
 * robust.h: what the test_robust_* programs share on top of mm.h.
 *
 * These tests aim at corners where a kernel can lose its footing: a break
 * moved into a split heap or past the top of the address space, a
 * populate of many gigabytes, a sleep of LONG_MAX seconds.  A kernel that
 * gets one wrong may kill the process, or leave it spinning, so each such
 * item runs in a watched child: the child records its checks in a shared
 * page as it makes them, and the parent prints them once the child is
 * done, or has died, or has been killed for running past its time.  A
 * check the child never reached is reported as failed, with what became
 * of the child, so one item going wrong costs its own checks and no
 * others.  (A kernel that stops the whole machine still stops the test.)
 *
 * Without an MMU the child is a vfork's: it runs on the parent's memory,
 * where the page is shared anyway, and the parent, suspended until the
 * child exits, cannot time it out.  An item that needs an MMU is not run
 * there at all: watched_skip prints its lines as skipped, as many as
 * watched would have printed.
 */
#ifndef RVMM_TESTS_ROBUST_H
#define RVMM_TESTS_ROBUST_H

#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include "mm.h"

#define GIB (1024UL * MIB)

/* Milliseconds by gettimeofday; -1 if there is no clock (the call failed). */
static inline long now_ms(void)
{
	struct timeval tv;

	if (gettimeofday(&tv, NULL) < 0)
		return -1;
	return tv.tv_sec * 1000L + tv.tv_usec / 1000;
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static inline long vm_pte_kb(void)
{
	return proc_kb("/proc/self/status", "VmPTE:");
}

/* MemTotal + SwapTotal from /proc/meminfo, in kB; -1 if either is missing. */
static inline long ram_and_swap_kb(void)
{
	long ram = proc_kb("/proc/meminfo", "MemTotal:"), swap = proc_kb("/proc/meminfo", "SwapTotal:");

	return ram < 0 || swap < 0 ? -1 : ram + swap;
}

/* /proc/sys/vm/overcommit_memory, or -1 if it cannot be read. */
static inline int overcommit_mode(void)
{
	char c = 0;
	int fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY);

	if (fd < 0)
		return -1;
	if (read(fd, &c, 1) != 1)
		c = 0;
	close(fd);
	return c >= '0' && c <= '2' ? c - '0' : -1;
}

/*
 * Items to run: `test_robust_vma split hole` runs only the items whose
 * names contain "split" or "hole" (one at a time is how to see, on a
 * kernel that hangs on one, what the others do).  No arguments: all.
 */
static char **robust_only;

static inline void robust_select(int argc, char **argv)
{
	robust_only = argc > 1 ? argv + 1 : NULL;
}

static inline int selected(const char *what)
{
	if (!robust_only)
		return 1;
	for (char **w = robust_only; *w; w++)
		if (strstr(what, *w))
			return 1;
	return 0;
}

/* ---- checks made in a watched child ---- */

#define WATCH_MAX 16

enum { NOT_REACHED, PASSED, FAILED, SKIPPED };

struct watch_page {
	char state[WATCH_MAX];
	char note[WATCH_MAX][200];
};

/* The page the watched child records into (MAP_SHARED: the parent sees it). */
static struct watch_page *watch_page;

/* In the watched child: check i's result, with a note (printf format) added to its name. */
static inline int report(int i, int cond, const char *fmt, ...)
{
	va_list ap;

	if (!watch_page || i < 0 || i >= WATCH_MAX)
		return cond;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(watch_page->note[i], sizeof(watch_page->note[i]), fmt, ap);
		va_end(ap);
	}
	watch_page->state[i] = cond ? PASSED : FAILED;
	return cond;
}

/* In the watched child: check i cannot be made here, for this reason. */
static inline void report_skip(int i, const char *reason)
{
	if (!watch_page || i < 0 || i >= WATCH_MAX)
		return;
	snprintf(watch_page->note[i], sizeof(watch_page->note[i]), "%s", reason);
	watch_page->state[i] = SKIPPED;
}

/*
 * The watched child, running fn; its pid.  A function of its own, so that
 * a vfork child's stores to the caller's frame cannot reach watched's
 * variables; the child never returns from it.
 */
static __attribute__((noinline)) pid_t start_watched(int (*fn)(void), struct watch_page *page)
{
	pid_t pid = fork_or_vfork();

	if (pid == 0) {
		watch_page = page;
		_exit(fn());
	}
	watch_page = NULL;	/* a vfork child set it in this memory */
	return pid;
}

/*
 * Run fn in a child given `seconds` to finish (it is SIGKILLed then), and
 * print one TAP line for each of the n checks named: what the child
 * recorded, or "not ok" with what happened to the child if it never got
 * that far.  One more line says the child exited 0 in time.  fn's return
 * value is the child's exit status.  Returns 1 if every line was "ok".
 * An item not selected (robust_select) is not run: it prints nothing.
 */
static inline int watched(const char *what, int (*fn)(void), const char *const names[], int n,
			  int seconds)
{
	struct watch_page *page = mmap(NULL, sizeof(*page), PROT_READ | PROT_WRITE,
				       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long waited = 0;
	int st = -1, all = 1, timed_out = 0;
	char fate[64];
	pid_t pid;

	if (!selected(what))
		return 1;
	if (!ok(page != MAP_FAILED, "%s: a shared page to report through", what))
		return 0;
	memset(page, 0, sizeof(*page));
	pid = start_watched(fn, page);
	while (pid > 0) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			break;
		if (r < 0) {
			st = -1;
			break;
		}
		/* time counted in sleeps, so the watch needs no clock */
		if (waited > seconds * 1000L) {
			kill(pid, SIGKILL);
			timed_out = 1;
			if (waitpid(pid, &st, 0) != pid)
				st = -1;
			break;
		}
		sleep_ms(10);
		waited += 10;
	}
	if (timed_out)
		snprintf(fate, sizeof(fate), "still running after %d s, killed", seconds);
	else
		snprintf(fate, sizeof(fate), "%s", status_str(pid < 0 ? -1 : st));
	for (int i = 0; i < n && i < WATCH_MAX; i++) {
		const char *note = page->note[i];

		switch (page->state[i]) {
		case PASSED:
		case FAILED:
			all &= ok(page->state[i] == PASSED, "%s%s%s%s", names[i], *note ? " (" : "",
				  note, *note ? ")" : "");
			break;
		case SKIPPED:
			skip(note, "%s", names[i]);
			break;
		default:
			all &= ok(0, "%s (never reached: the child %s)", names[i], fate);
		}
	}
	all &= ok(!timed_out && exited_0(st), "%s: the child exited 0 within %d s (%s)", what,
		  seconds, fate);
	munmap(page, sizeof(*page));
	return all;
}

/* The lines watched would print for this item, each skipped for the reason why. */
static inline void watched_skip(const char *what, const char *const names[], int n, int seconds,
				const char *why)
{
	if (!selected(what))
		return;
	skip(why, "%s: a shared page to report through", what);
	for (int i = 0; i < n && i < WATCH_MAX; i++)
		skip(why, "%s", names[i]);
	skip(why, "%s: the child exited 0 within %d s", what, seconds);
}

#endif /* RVMM_TESTS_ROBUST_H */
