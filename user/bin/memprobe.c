/*
 * memprobe: a known moment to stop the kernel at and look inside with gdb
 * (docs/debugging.md).  It maps one anonymous page and writes a value
 * into it, prints /proc/self/maps, /proc/buddyinfo, /proc/slabinfo and
 * /proc/meminfo, then calls madvise(page, 4096, MADV_NORMAL): a
 * breakpoint on sys_madvise stops the kernel with the page's address in
 * a0 and this task as current.
 *
 *   memprobe          probe, from the shell
 *   init=/bin/memprobe  as pid 1: probe in a child, then power off
 *
 * Each file is printed between "=== PATH ===" and "=== end ===", so that
 * what the rvmm- gdb commands printed at the same moment can be compared
 * with it (test/gdb_probe.py).  Without an MMU madvise is ENOSYS and
 * never reaches sys_madvise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "console.h"

#define MAGIC 0x6d656d70726f6265UL	/* "memprobe" */

static char text[64 * 1024];

/* show: the whole of path, read once (the kernel makes its text at open), between markers. */
static void show(const char *path)
{
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		printf("memprobe: %s: %s\n", path, strerror(errno));
		return;
	}
	while (len < sizeof(text) && (n = read(fd, text + len, sizeof(text) - len)) > 0)
		len += (size_t)n;
	close(fd);
	printf("=== %s ===\n%.*s=== end ===\n", path, (int)len, text);
}

static int probe(void)
{
	unsigned long *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED) {
		perror("memprobe: mmap");
		return 1;
	}
	*page = MAGIC ^ (unsigned long)page;
	printf("memprobe: pid %d ppid %d page %p holds %#lx\n", getpid(), getppid(),
	       (void *)page, *page);
	show("/proc/self/maps");
	show("/proc/buddyinfo");
	show("/proc/slabinfo");
	show("/proc/meminfo");
	fflush(stdout);
	madvise(page, 4096, MADV_NORMAL);	/* break on sys_madvise: a0 is page */
	printf("memprobe: done\n");
	return 0;
}

int main(int argc, char **argv)
{
	char *args[] = { "memprobe", "probe", NULL };
	int st;
	pid_t pid;

	if (getpid() != 1 || (argc > 1 && !strcmp(argv[1], "probe")))
		return probe();
	open_console();
	pid = vfork();		/* vfork, as init: works without an MMU too */
	if (pid == 0) {
		execv("/bin/memprobe", args);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	fflush(stdout);
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, 0);
	for (;;)
		sleep(3600);	/* pid 1 must not exit */
}
