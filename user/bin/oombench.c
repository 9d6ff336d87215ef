/*
 * oombench: the workload of `make bench`'s oom_kill figure, run as init
 * with bench=oom.  A child touches 32 MiB and, with oom_score_adj 1000,
 * waits to be the victim; the parent then touches memory until the kernel
 * has to kill, and the kernel prints how long that took.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB (1024UL * 1024)

static void touch(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return;
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
}

int main(void)
{
	int ready[2], fd, st;
	char c;
	pid_t victim;

	if (pipe(ready))
		return 1;
	victim = fork();
	if (victim == 0) {
		fd = open("/proc/self/oom_score_adj", O_WRONLY);
		if (fd < 0 || write(fd, "1000\n", 5) != 5)
			_exit(1);
		close(fd);
		touch(32 * MIB);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			sleep(1000);
	}
	if (victim < 0 || read(ready[0], &c, 1) != 1)
		return 1;
	while (waitpid(victim, &st, WNOHANG) == 0)
		touch(4 * MIB);		/* until the kernel kills the victim */
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, 0);
	return 0;
}
