/*
 * reclaimbench: the workloads of `make bench`'s reclaim figures, run as
 * init on a machine with a swap disk at /dev/vda.  Times are the guest's
 * CLOCK_MONOTONIC (wall clock: QEMU's disk is the host's file).
 *
 *   swap_out_in_4k       one page written out (MADV_PAGEOUT) and read back
 *                        by the next touch, the average of 1,000
 *   kswapd_reclaim_rate  pages kswapd frees per second while a process
 *                        touches twice the machine's memory
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL

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

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void swap_out_in(void)
{
	volatile char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long in = proc_value("/proc/vmstat", "pswpin ");
	double t;

	if (p == MAP_FAILED)
		return;
	p[0] = 1;
	t = now();
	for (int i = 0; i < 1000; i++) {
		p[0] = (char)i;		/* dirty again: each pageout writes */
		madvise((void *)p, PAGE, MADV_PAGEOUT);
		(void)p[0];		/* a major fault reads it back */
	}
	t = now() - t;
	if (proc_value("/proc/vmstat", "pswpin ") - in >= 1000)
		printf("bench swap_out_in_4k %.0f ns\n", t / 1000 * 1e9);
	else
		printf("bench swap_out_in_4k: the page did not go out and back (pswpin +%ld)\n",
		       proc_value("/proc/vmstat", "pswpin ") - in);
}

static void kswapd_rate(void)
{
	size_t len = (size_t)proc_value("/proc/meminfo", "MemTotal:") * 1024 * 2;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	long steal = proc_value("/proc/vmstat", "pgsteal_kswapd ");
	double t;

	if (p == MAP_FAILED)
		return;
	t = now();
	for (size_t i = 0; i < len; i += PAGE)
		p[i] = 1;
	t = now() - t;
	printf("bench kswapd_reclaim_rate %.0f pages/s\n",
	       (double)(proc_value("/proc/vmstat", "pgsteal_kswapd ") - steal) / t);
	munmap(p, len);
}

int main(void)
{
	if (swapon("/dev/vda", 0)) {
		printf("bench reclaim: no swap at /dev/vda\n");
	} else {
		swap_out_in();
		kswapd_rate();
	}
	fflush(stdout);
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, 0);
	return 0;
}
