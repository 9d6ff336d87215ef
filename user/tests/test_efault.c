/*
 * test_efault: a system call given a bad user pointer fails with EFAULT,
 * and nothing is lost: no data consumed, no descriptor leaked, no file
 * changed.  Two kinds of bad pointer: one in the unmapped page 0, and one
 * in the kernel's half of the address space.  Without an MMU there is no
 * kernel half, but nothing is at that address either, so the same
 * pointer still must give EFAULT; and the children are vfork's.
 */
#define _GNU_SOURCE		/* pipe2, getdents64, syscall */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include "tap.h"

extern char **environ;

static const struct {
	void *ptr;
	const char *name, *nommu_name;
} bad[] = {
	{ (void *)1, "page 0", "page 0" },
	{ (void *)0xffffffff80000000UL, "a kernel address", "0xffffffff80000000 (no memory)" },
};

static const char *tmp;
static char dir[256], file[300];

/* The lowest free descriptor: what the next open would get. */
static int lowest_free_fd(void)
{
	int fd = dup(0);

	close(fd);
	return fd;
}

static int failed_with_efault(long r)
{
	return r == -1 && errno == EFAULT;
}

static void check_read(void *p, const char *what)
{
	char buf[16] = "";
	int fd = open(file, O_RDONLY), fds[2];
	long r;

	errno = 0;
	r = read(fd, p, 5);
	ok(failed_with_efault(r) && lseek(fd, 0, SEEK_CUR) == 0 && read(fd, buf, 16) == 5 &&
	   memcmp(buf, "hello", 5) == 0,
	   "read(file) into %s: EFAULT, offset unchanged, the data still there", what);
	close(fd);

	if (pipe(fds) < 0 || write(fds[1], "abc", 3) != 3) {
		ok(0, "pipe for the read(pipe) check");
		return;
	}
	errno = 0;
	r = read(fds[0], p, 3);
	memset(buf, 0, sizeof(buf));
	ok(failed_with_efault(r) && read(fds[0], buf, 16) == 3 && memcmp(buf, "abc", 3) == 0,
	   "read(pipe) into %s: EFAULT, and the bytes are still in the pipe", what);
	close(fds[0]);
	close(fds[1]);
}

static void check_write(void *p, const char *what)
{
	char buf[16] = "";
	int fd = open(file, O_WRONLY), fds[2];
	struct stat st;
	long r;

	errno = 0;
	r = write(fd, p, 5);
	ok(failed_with_efault(r) && lseek(fd, 0, SEEK_CUR) == 0 && fstat(fd, &st) == 0 &&
	   st.st_size == 5,
	   "write(file) from %s: EFAULT, offset and size unchanged", what);
	close(fd);

	if (pipe(fds) < 0) {
		ok(0, "pipe for the write(pipe) check");
		return;
	}
	errno = 0;
	r = write(fds[1], p, 3);
	ok(failed_with_efault(r) && write(fds[1], "z", 1) == 1 && read(fds[0], buf, 16) == 1 &&
	   buf[0] == 'z', "write(pipe) from %s: EFAULT, and nothing went into the pipe", what);
	close(fds[0]);
	close(fds[1]);
}

static void check_fds(void *p, const char *what)
{
	int before = lowest_free_fd();
	long r;

	errno = 0;
	r = openat(AT_FDCWD, p, O_RDONLY);
	ok(failed_with_efault(r) && lowest_free_fd() == before,
	   "openat(path in %s): EFAULT, no descriptor used", what);

	errno = 0;
	r = pipe2(p, 0);
	ok(failed_with_efault(r), "pipe2(fds in %s): EFAULT", what);
	/* qemu-user 7.2 makes the host pipe first, then fails to store the fds */
	if (under_qemu_user())
		skip("qemu-user leaks the pipe it made", "pipe2(fds in %s): no descriptor leaked", what);
	else
		ok(lowest_free_fd() == before, "pipe2(fds in %s): no descriptor leaked", what);

	/*
	 * Through syscall(): rvmm's C library converts struct stat from the
	 * kernel's layout through a buffer of its own, which would keep the bad
	 * pointer from ever reaching the kernel.
	 */
	r = open(file, O_RDONLY);
	errno = 0;
	ok(failed_with_efault(syscall(SYS_fstat, (int)r, p)), "fstat(stat in %s): EFAULT", what);
	close((int)r);
}

/* The number of entries getdents64 lists from fd, from where it stands. */
static int count_entries(int fd)
{
	long buf[512];
	int n = 0;
	long len;

	while ((len = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < len;) {
			/* struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name */
			unsigned short reclen;

			memcpy(&reclen, (char *)buf + off + 16, sizeof(reclen));
			off += reclen;
			n++;
		}
	}
	return len < 0 ? -1 : n;
}

static void check_getdents(void *p, const char *what)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	long r;

	errno = 0;
	r = getdents64(fd, p, 4096);
	ok(failed_with_efault(r), "getdents64(buffer in %s): EFAULT", what);
	/* qemu-user 7.2 reads the entries into a buffer of its own before it fails */
	if (under_qemu_user())
		skip("qemu-user consumes the entries",
		     "getdents64(buffer in %s): all 3 entries still listed after", what);
	else
		ok(count_entries(fd) == 3, "getdents64(buffer in %s): all 3 entries still listed after",
		   what);
	close(fd);
}

static void check_misc(void *p, const char *what)
{
	pid_t pid;
	int st;
	long r;

	errno = 0;
	ok(failed_with_efault(uname(p)), "uname(%s): EFAULT", what);

	/*
	 * qemu-user 7.2 answers the nanosleep system call with EINVAL for an
	 * unreadable request (glibc calls clock_nanosleep, which it gets right).
	 */
	errno = 0;
	r = nanosleep(p, NULL);
	if (under_qemu_user())
		skip("qemu-user's nanosleep gives EINVAL", "nanosleep(request in %s): EFAULT", what);
	else
		ok(failed_with_efault(r), "nanosleep(request in %s): EFAULT", what);

	/*
	 * Linux reaps the child first and writes the status afterwards
	 * (kernel_wait4), so the status is lost: waiting again finds no child.
	 */
	pid = fork_or_vfork();
	if (pid == 0)
		_exit(5);
	errno = 0;
	r = wait4(pid, p, 0, NULL);
	ok(failed_with_efault(r), "wait4(status in %s): EFAULT", what);
	errno = 0;
	r = waitpid(pid, &st, 0);
	ok(r == -1 && errno == ECHILD,
	   "wait4(status in %s): the child was reaped all the same, as Linux does", what);
}

/* execve in a child, which exits with the errno it failed with. */
static int exec_errno(const char *path, char **argv, char **envp)
{
	pid_t pid = fork_or_vfork();
	int st;

	if (pid == 0) {
		execve(path, argv, envp);
		_exit(errno);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/*
 * The execve calls name this program with --exit: should a kernel wrongly
 * accept one, the new image exits at once instead of running the tests
 * again (and again).
 */
static void check_execve(void *p, const char *what, const char *self)
{
	char *argv[] = { (char *)self, "--exit", NULL };
	char *bad_argv[] = { (char *)self, "--exit", p, NULL };

	ok(exec_errno(p, argv, environ) == EFAULT, "execve(path in %s): EFAULT", what);
	ok(exec_errno(self, p, environ) == EFAULT, "execve(argv in %s): EFAULT", what);
	ok(exec_errno(self, bad_argv, environ) == EFAULT,
	   "execve(an argument string in %s): EFAULT", what);
	ok(exec_errno(self, argv, p) == EFAULT, "execve(envp in %s): EFAULT", what);
}

int main(int argc, char *argv[])
{
	int fd;

	if (argc > 1 && strcmp(argv[1], "--exit") == 0)
		return 100;
	tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(dir, sizeof(dir), "%s/test_efault.%d", tmp, (int)getpid());
	snprintf(file, sizeof(file), "%s/file", dir);
	if (mkdir(dir, 0755) < 0 || (fd = open(file, O_RDWR | O_CREAT, 0644)) < 0 ||
	    write(fd, "hello", 5) != 5 || close(fd) < 0) {
		ok(0, "set up %s", dir);
		return tap_done();
	}

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *name = no_mmu() ? bad[i].nommu_name : bad[i].name;

		check_read(bad[i].ptr, name);
		check_write(bad[i].ptr, name);
		check_fds(bad[i].ptr, name);
		check_getdents(bad[i].ptr, name);
		check_misc(bad[i].ptr, name);
		check_execve(bad[i].ptr, name, argv[0]);
	}

	unlink(file);
	rmdir(dir);
	return tap_done();
}
