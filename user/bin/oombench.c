/*
 * oombench: the workload of `make bench`'s oom_kill figure, run as init
 * with bench=oom.  A child touches 32 MiB and, with oom_score_adj 1000,
 * waits to be the victim; the parent then touches memory until the kernel
 * has to kill, and the kernel prints how long that took.
 *
 * The child is this program again, started with vfork and execve, which
 * works without an MMU too (fork does not): "oombench --victim FD" is
 * the child, and tells its parent through FD that its memory is touched.
 *
 * Without an MMU (only that kernel has vm.nr_trim_pages) a mapping is one
 * contiguous allocation, and one above order 3 (32 KiB) fails without
 * calling the OOM killer: memory is mapped 32 KiB at a time there.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB (1024UL * 1024)
#define NOMMU_PIECE (32 * 1024UL)

static size_t piece = 32 * MIB;	/* the most one mmap asks for: all, with an MMU */

static void touch(size_t len)
{
	for (size_t done = 0; done < len; done += piece) {
		size_t n = len - done < piece ? len - done : piece;
		char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return;
		for (size_t i = 0; i < n; i += 4096)
			p[i] = 1;
	}
}

static int victim(int ready)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);

	if (fd < 0 || write(fd, "1000\n", 5) != 5)
		return 1;
	close(fd);
	touch(32 * MIB);
	if (write(ready, "r", 1) != 1)
		return 1;
	for (;;)
		sleep(1000);
}

int main(int argc, char *argv[])
{
	int ready[2], st;
	char c, fd_s[16];
	struct stat st_trim;
	pid_t pid;

	if (stat("/proc/sys/vm/nr_trim_pages", &st_trim) == 0)
		piece = NOMMU_PIECE;
	if (argc > 2 && strcmp(argv[1], "--victim") == 0)
		return victim(atoi(argv[2]));
	if (pipe(ready))
		return 1;
	snprintf(fd_s, sizeof(fd_s), "%d", ready[1]);
	pid = vfork();
	if (pid == 0) {
		char *args[] = { "oombench", "--victim", fd_s, NULL };

		execv("/bin/oombench", args);
		_exit(127);
	}
	close(ready[1]);
	if (pid < 0 || read(ready[0], &c, 1) != 1)
		return 1;
	while (waitpid(pid, &st, WNOHANG) == 0)
		touch(4 * MIB);		/* until the kernel kills the victim */
	/*
	 * Without an MMU (no reaper) the mmap that ran the killer failed
	 * before the victim was gone: the next one to succeed ends the
	 * measurement.  With an MMU it ended already; this is a no-op there.
	 */
	touch(4096);
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, 0);
	return 0;
}
