/*
 * linuxrc: the first program when rvmm's initramfs boots a real Linux
 * kernel (rdinit=/bin/linuxrc), which is how `make test` checks the user
 * tests against Linux itself (docs/testing.md, "the Linux kernel oracle").
 *
 * Linux mounts nothing for the first program, so linuxrc loads the
 * kernel modules the harness put in /lib/modules/rvmm/ (Debian builds
 * virtio_mmio and virtio_blk as modules: the swap disk then appears as
 * /dev/vda, as on rvmm), mounts proc on /proc, tmpfs on /tmp, devtmpfs on
 * /dev and tmpfs on /dev/shm, then runs /bin/runtests with its
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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Linux's MODULE_INIT_COMPRESSED_FILE: the kernel decompresses the .ko.xz itself. */
#define MODULE_INIT_COMPRESSED_FILE	4
#define MODULE_DIR	"/lib/modules/rvmm"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* load_modules: finit_module every file of MODULE_DIR, in name order (1-..., 2-...). */
static void load_modules(void)
{
	static char names[8][256];
	char *sorted[8], path[320];
	DIR *dir = opendir(MODULE_DIR);
	struct dirent *d;
	int n = 0;

	if (!dir)
		return;		/* rvmm's own boots, and a harness without modules */
	while ((d = readdir(dir)) && n < 8) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(names[n], sizeof(names[n]), "%s", d->d_name);
		sorted[n] = names[n];
		n++;
	}
	closedir(dir);
	qsort(sorted, (size_t)n, sizeof(sorted[0]), by_name);
	for (int i = 0; i < n; i++) {
		int fd;

		snprintf(path, sizeof(path), MODULE_DIR "/%s", sorted[i]);
		fd = open(path, O_RDONLY);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", MODULE_INIT_COMPRESSED_FILE) < 0)
			fprintf(stderr, "linuxrc: loading %s: %s\n", path, strerror(errno));
		else {	/* "2-virtio_blk.ko.xz" is module virtio_blk */
			const char *name = strchr(sorted[i], '-') ? strchr(sorted[i], '-') + 1 : sorted[i];

			printf("linuxrc: loaded %.*s\n", (int)strcspn(name, "."), name);
		}
		if (fd >= 0)
			close(fd);
	}
}

/* wait_for: up to a second for path to appear (devtmpfs makes disk nodes as drivers find them). */
static void wait_for(const char *path)
{
	struct stat st;

	for (int i = 0; i < 100 && stat(path, &st) < 0; i++)
		usleep(10000);
}

int main(int argc, char *argv[])
{
	int st = 0;
	pid_t pid;

	open_console();
	mount_fs("proc", "/proc", "proc");
	mount_fs("tmpfs", "/tmp", "tmpfs");
	load_modules();
	mount_fs("devtmpfs", "/dev", "devtmpfs");	/* mount_fs makes /dev: rvmm's initramfs has none */
	mount_fs("tmpfs", "/dev/shm", "tmpfs");
	wait_for("/dev/vda");

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
