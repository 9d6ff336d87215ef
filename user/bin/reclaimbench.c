/*
 * reclaimbench: the workloads of `make bench`'s reclaim figures, run as
 * init on a machine with a swap disk at /dev/vda, booted under QEMU
 * -icount.  Both are instruction counts from perf_event_open's
 * PERF_COUNT_HW_INSTRUCTIONS of one task, which the scheduler keeps
 * exactly: what the hart retired while that task ran, kernel and
 * interrupts included.  The disk's time is in neither (the hart waits in
 * the idle task, whose loop and timer ticks are its own).
 *
 *   swap_out_in_4k       this process's instructions for one page written
 *                        out (MADV_PAGEOUT) and read back by the next
 *                        touch, the average of 1,000 after a warm-up
 *   kswapd_reclaim_rate  pages kswapd frees (pgsteal_kswapd) per million of
 *                        kswapd's own instructions while this process
 *                        touches twice the machine's memory, STEP pages at
 *                        a time, each time waiting (in nanosleep) until
 *                        kswapd sleeps again: kswapd keeps up and frees
 *                        every page (no direct reclaim), and its count
 *                        does not depend on where in the guest's
 *                        instructions the disk's completions land.  An
 *                        allocator that does not wait races kswapd
 *                        through direct reclaim, and the result moves
 *                        with the host's disk speed (127 to 228 over a
 *                        few boots).
 */
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
/* Pages touched between waits for kswapd: fewer than a zone's low - min (about 90 at 128 MiB). */
#define STEP 32

static long proc_value(const char *path, const char *label)
{
	char line[256];
	size_t n = strlen(label);
	long v = -1;
	FILE *f = fopen(path, "r");

	while (f && v < 0 && fgets(line, sizeof(line), f))
		if (strncmp(line, label, n) == 0)
			v = strtol(line + n, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* instructions_counter: a perf counter of pid's instructions (0: this process's), or -1. */
static int instructions_counter(int pid)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_HARDWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_HW_INSTRUCTIONS;
	return (int)syscall(SYS_perf_event_open, &attr, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

static uint64_t counter_read(int fd)
{
	uint64_t v = 0;

	if (read(fd, &v, sizeof(v)) != (ssize_t)sizeof(v))
		printf("bench reclaim: a perf counter did not read\n");
	return v;
}

/* kswapd_pid: the pid whose /proc/PID/status has the line "Name:\tkswapd0", or -1. */
static int kswapd_pid(void)
{
	char path[32];

	for (int pid = 1; pid < 64; pid++) {
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		if (proc_value(path, "Name:\tkswapd0") >= 0)
			return pid;
	}
	return -1;
}

/* swap_out_in: rounds pages out and back (after 10 for warm-up); the average printed. */
static void swap_out_in(int rounds)
{
	volatile char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = instructions_counter(0);
	long in = 0;
	uint64_t n = 0;

	if (p == MAP_FAILED || fd < 0) {
		printf("bench swap_out_in_4k: no page or no counter\n");
		return;
	}
	for (int i = 0; i < 10 + rounds; i++) {
		if (i == 10) {		/* warmed up: the swap slots' cluster is allocated */
			in = proc_value("/proc/vmstat", "pswpin ");
			n = counter_read(fd);
		}
		p[0] = (char)i;		/* dirty again: each pageout writes */
		madvise((void *)p, PAGE, MADV_PAGEOUT);
		(void)p[0];		/* a major fault reads it back */
	}
	n = counter_read(fd) - n;
	close(fd);
	if (proc_value("/proc/vmstat", "pswpin ") - in >= rounds)
		printf("bench swap_out_in_4k %llu instr\n", (unsigned long long)(n / (unsigned)rounds));
	else
		printf("bench swap_out_in_4k: the page did not go out and back (pswpin +%ld)\n",
		       proc_value("/proc/vmstat", "pswpin ") - in);
}

/* task_state: the state letter /proc/PID/stat shows (R, S, D, ...), or 0. */
static char task_state(int pid)
{
	char path[32], line[256], *paren;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	paren = fgets(line, sizeof(line), f) ? strrchr(line, ')') : NULL;
	fclose(f);
	return paren && paren[1] == ' ' ? paren[2] : 0;
}

static void kswapd_rate(void)
{
	size_t len = (size_t)proc_value("/proc/meminfo", "MemTotal:") * 1024 * 2;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	int kpid = kswapd_pid(), fd = instructions_counter(kpid);
	long steal = proc_value("/proc/vmstat", "pgsteal_kswapd ");
	struct timespec tick = { 0, 10000000 };
	uint64_t n = 0;

	if (p == MAP_FAILED || fd < 0) {
		printf("bench kswapd_reclaim_rate: no mapping or no counter on kswapd0\n");
		return;
	}
	n = counter_read(fd);
	for (size_t i = 0; i < len; i += PAGE) {
		p[i] = 1;
		if (i / PAGE % STEP == STEP - 1)
			while (task_state(kpid) != 'S')
				nanosleep(&tick, NULL);
	}
	n = counter_read(fd) - n;
	steal = proc_value("/proc/vmstat", "pgsteal_kswapd ") - steal;
	close(fd);
	if (n)
		printf("bench kswapd_reclaim_rate %.0f pages/Minstr\n", (double)steal * 1e6 / (double)n);
	else
		printf("bench kswapd_reclaim_rate: kswapd0 did not run\n");
	munmap(p, len);
}

/* reclaimbench [ROUNDS]: with ROUNDS, swap_out_in_4k alone over that many (a short run to trace). */
int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 0;

	if (swapon("/dev/vda", 0)) {
		printf("bench reclaim: no swap at /dev/vda\n");
	} else if (rounds > 0) {
		swap_out_in(rounds);
	} else {
		swap_out_in(1000);
		kswapd_rate();
	}
	fflush(stdout);
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, 0);
	return 0;
}
