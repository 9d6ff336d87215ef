/*
 * linuxrc: the first program when rvmm's initramfs boots a real Linux
 * kernel (rdinit=/bin/linuxrc), which is how `make test` checks the user
 * tests against Linux itself (docs/testing.md, "the Linux kernel oracle").
 *
 * Linux mounts nothing for the first program, so linuxrc mounts proc on
 * /proc and tmpfs on /tmp and /dev/shm, then runs /bin/runtests with its
 * own arguments (the words after "--" on the kernel command line), reaps
 * whatever is re-parented to it meanwhile, and powers the machine off
 * when runtests is done, which ends the QEMU run.  (The name is the one
 * Linux's old initrd scheme gave the program it ran from the ramdisk.)
 *
 * It is not in rvmm's own initramfs (U_LINUX_ONLY in user/user.mk): the
 * Linux boot gets build/linux-initramfs.cpio, rvmm's archive with a
 * second one holding linuxrc appended.  Run anywhere else, a mount that
 * fails is only reported, and a linuxrc that is not pid 1 passes on
 * runtests' exit status instead of powering off.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "console.h"

/* mount(2): mount fstype (source) on target, creating the directory if needed. */
static void mount_fs(const char *source, const char *target, const char *fstype)
{
	struct stat st;

	if (stat(target, &st) < 0 && mkdir(target, 0755) < 0) {
		fprintf(stderr, "linuxrc: mkdir %s: %s\n", target, strerror(errno));
		return;
	}
	if (syscall(SYS_mount, source, target, fstype, 0UL, (void *)0) < 0 && errno != EBUSY)
		fprintf(stderr, "linuxrc: mount %s on %s: %s\n", fstype, target, strerror(errno));
}

int main(int argc, char *argv[])
{
	int st = 0;
	pid_t pid;

	open_console();
	mount_fs("proc", "/proc", "proc");
	mount_fs("tmpfs", "/tmp", "tmpfs");
	mkdir("/dev", 0755);	/* Linux's built-in initramfs has it; rvmm's has not */
	mount_fs("tmpfs", "/dev/shm", "tmpfs");

	argv[0] = "runtests";
	pid = vfork();		/* vfork, as init: works without an MMU too */
	if (pid == 0) {
		execv("/bin/runtests", argv);
		write(2, "linuxrc: cannot run /bin/runtests\n", 34);
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "linuxrc: vfork: %s\n", strerror(errno));
	/* Reap everything until runtests itself ends: orphans come to pid 1. */
	while (pid > 0) {
		pid_t w = wait(&st);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			fprintf(stderr, "linuxrc: wait: %s\n", strerror(errno));
			pid = -1;
		}
	}
	if (pid > 0 && (WIFSIGNALED(st) || WEXITSTATUS(st) > 1))
		printf("linuxrc: runtests ended with wait status %#x\n", st);
	if (getpid() != 1)
		return pid > 0 && WIFEXITED(st) ? WEXITSTATUS(st) : 1;

	fflush(stdout);
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_POWER_OFF, 0);
	/* pid 1 must not exit (Linux would panic): say why, and wait for the timeout. */
	fprintf(stderr, "linuxrc: power off: %s\n", strerror(errno));
	for (;;)
		sleep(3600);
}
