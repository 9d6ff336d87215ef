/*
 * runtests: run every /bin/test_* program in name order (or the ones
 * named: runtests test_fs), show each one's TAP output under a header,
 * and end with one line, "N passed, M failed".
 *
 * Every "ok" line counts as passed ("ok ... # SKIP" too) and every
 * "not ok" line as failed, as test/run_tests.py counts them.  A program
 * that prints fewer results than its plan ("1..N"), is killed, or exits
 * non-zero without a failing line counts as one more failure.
 *
 * Before that last line, a line per program ("# test_cow: 28 run, 12
 * skipped") says how many of its checks were made and how many skipped:
 * the same binaries run with an MMU and without one, where the checks
 * that need one are skipped, and a skip in place of a check that ran
 * before must show rather than pass unseen.
 *
 * On rvmm it also checks that every program gives back all its memory:
 * around each one it empties the per-cpu page lists and slab caches
 * (/proc/sys/vm/drop_caches) and compares each zone's free pages in
 * /proc/zoneinfo, and that it leaves swap as it found it: the same
 * SwapTotal and SwapFree in /proc/meminfo, every slot it took free again
 * (a program that swaps on an area swaps it off).  On another kernel (uname's sysname not "rvmm": Linux,
 * booted with rvmm's initramfs by /bin/linuxrc) that check is one skipped
 * result per program, since a free-page count that the kernel's own
 * allocations move at any time cannot be compared exactly.  Running as
 * init (pid 1), it powers the machine off when done, which ends a test
 * boot; under Linux, linuxrc is pid 1 and does that.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/syscall.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "zoneinfo.h"

static int passed, failed, skipped;

/* Each program's checks, made and skipped, for the table before the summary. */
static struct {
	const char *name;
	int run, skipped;
} tally[256];
static int programs;

/* The kernel's name when it is not rvmm (the memory check is skipped), else "". */
static char other_kernel[sizeof(((struct utsname *)0)->sysname)];

/*
 * swap_kb: SwapTotal and SwapFree (kB) from /proc/meminfo; false if they
 * cannot be read.  No stdio, as zoneinfo.h's counts: nothing allocated
 * between a program's "before" and "after".
 */
static bool swap_kb(long *total, long *free)
{
	static char text[4096];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t len = 0, got;
	const char *t, *f;

	memset(text, 0, sizeof(text));
	if (fd < 0)
		return false;
	while (len < (ssize_t)sizeof(text) - 1 && (got = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += got;
	close(fd);
	t = strstr(text, "\nSwapTotal:");
	f = strstr(text, "\nSwapFree:");
	if (!t || !f)
		return false;
	*total = strtol(t + 11, NULL, 10);
	*free = strtol(f + 10, NULL, 10);
	return true;
}

/* Start path with stdout and stderr on a pipe; the pipe's read end, or -1. */
static int start(const char *path, pid_t *pid)
{
	char *argv[] = { (char *)path, NULL };
	int fds[2];

	if (pipe(fds) < 0)
		return -1;
	*pid = vfork();		/* vfork: works without an MMU too */
	if (*pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execv(path, argv);
		write(2, "runtests: execve failed\n", 24);
		_exit(127);
	}
	close(fds[1]);
	if (*pid < 0) {
		close(fds[0]);
		return -1;
	}
	return fds[0];
}

/*
 * reap_orphans: as init (pid 1), collect the children a program left
 * behind, which were handed to init when their parent died (a vfork child
 * killed with its parent, say): a zombie nobody reaps keeps its kernel
 * stack.  Children still running get up to a second to finish.
 */
static void reap_orphans(void)
{
	int st;

	if (getpid() != 1)
		return;
	for (int tries = 0; tries < 100; tries++) {
		pid_t got;
		struct timespec ts = { 0, 10000000 };

		while ((got = waitpid(-1, &st, WNOHANG)) > 0)
			;
		if (got < 0)
			return;		/* no children left */
		nanosleep(&ts, NULL);
	}
}

/* Run one test program, echoing and counting its TAP lines. */
static void run(const char *name)
{
	char path[300], line[512];
	int fd, st, results = 0, plan = -1, ok = 0, not_ok = 0, skips = 0;
	FILE *out;
	pid_t pid;

	struct zone_free before[MAX_ZONES], after[MAX_ZONES];
	int zones = other_kernel[0] ? 0 : free_pages_per_zone(before);
	long swap0 = 0, swapfree0 = 0, swap1, swapfree1;
	bool swap_known = !other_kernel[0] && swap_kb(&swap0, &swapfree0);

	snprintf(path, sizeof(path), "/bin/%s", name);
	printf("=== %s ===\n", path);
	fd = start(path, &pid);
	out = fd < 0 ? NULL : fdopen(fd, "r");
	if (!out) {
		printf("not ok - %s could not be started: %s\n", path, strerror(errno));
		failed++;
		return;
	}
	while (fgets(line, sizeof(line), out)) {
		fputs(line, stdout);
		if (strncmp(line, "ok ", 3) == 0) {
			ok++;
			results++;
			skips += strstr(line, "# SKIP") != NULL;
		} else if (strncmp(line, "not ok ", 7) == 0) {
			not_ok++;
			results++;
		} else if (strncmp(line, "1..", 3) == 0) {
			plan = atoi(line + 3);
		}
	}
	fclose(out);
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	reap_orphans();

	passed += ok;
	failed += not_ok;
	/* Each of these is a "not ok" line of its own, so that whoever reads the TAP counts it. */
	if (plan != results) {
		printf("not ok - %s: %d results, but the plan said %d\n", name, results, plan);
		not_ok++, failed++;
	} else if (st == -1 || WIFSIGNALED(st)) {
		printf("not ok - %s: killed by signal %d\n", name, st == -1 ? 0 : WTERMSIG(st));
		not_ok++, failed++;
	} else if (WEXITSTATUS(st) != 0 && not_ok == 0) {
		printf("not ok - %s: exit status %d without a failing test\n", name, WEXITSTATUS(st));
		not_ok++, failed++;
	}
	if (other_kernel[0]) {
		printf("ok - %s gave back its memory # SKIP not rvmm but %s: its free pages cannot be compared exactly\n",
		       name, other_kernel);
		ok++, passed++, skips++;
	} else if (zones && free_pages_per_zone(after) == zones) {
		for (int z = 0; z < zones; z++) {
			bool same = before[z].pages == after[z].pages;

			printf("%sok - %s gave back its memory: zone %d free pages %lu, before %lu\n",
			       same ? "" : "not ", name, z, after[z].pages, before[z].pages);
			if (same)
				ok++, passed++;
			else
				not_ok++, failed++;
		}
	}
	if (swap_known && swap_kb(&swap1, &swapfree1)) {
		bool same = swap1 == swap0 && swapfree1 == swapfree0;

		printf("%sok - %s gave back its swap slots: SwapTotal %ld kB, SwapFree %ld kB, before %ld and %ld\n",
		       same ? "" : "not ", name, swap1, swapfree1, swap0, swapfree0);
		if (same)
			ok++, passed++;
		else
			not_ok++, failed++;
	}
	skipped += skips;
	printf("# %s: %d passed, %d failed; %d run, %d skipped\n", name, ok, not_ok,
	       ok + not_ok - skips, skips);
	if (programs < (int)(sizeof(tally) / sizeof(tally[0]))) {
		tally[programs].name = name;
		tally[programs].run = ok + not_ok - skips;
		tally[programs++].skipped = skips;
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char *argv[])
{
	char *names[256];
	struct utsname u;
	int n = 0;

	if (uname(&u) == 0 && strcmp(u.sysname, "rvmm") != 0)
		snprintf(other_kernel, sizeof(other_kernel), "%s", u.sysname);
	/*
	 * runtests' own heap grows (and its pages are touched) the first time
	 * stdio buffers a pipe; done here, before any count, it is not charged
	 * to the first program.
	 */
	char *warm = malloc(16384);

	if (warm) {
		memset(warm, 0, 16384);
		free(warm);
	}

	if (argc > 1) {
		for (int i = 1; i < argc && n < 256; i++)
			names[n++] = argv[i];
	} else {
		DIR *d = opendir("/bin");
		struct dirent *e;

		if (!d) {
			perror("runtests: /bin");
			return 1;
		}
		while ((e = readdir(d)) != NULL && n < 256)
			if (strncmp(e->d_name, "test_", 5) == 0)
				names[n++] = strdup(e->d_name);
		closedir(d);
		qsort(names, n, sizeof(names[0]), by_name);
	}
	for (int i = 0; i < n; i++)
		if (names[i])
			run(names[i]);
	/* a check skipped where it ran before shows here, not hidden among the passed */
	for (int i = 0; i < programs; i++)
		printf("# %s: %d run, %d skipped\n", tally[i].name, tally[i].run, tally[i].skipped);
	if (skipped)
		printf("# %d of the passed were skipped\n", skipped);
	printf("%d passed, %d failed\n", passed, failed);
	fflush(stdout);
	if (getpid() == 1)	/* a test boot: nothing else to do */
		syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			LINUX_REBOOT_CMD_POWER_OFF, 0);
	return failed ? 1 : 0;
}
