/*
 * test_fileio: the file calls beyond read and write, with Linux's
 * answers: pread/pwrite, readv/writev/preadv/pwritev, fsync/fdatasync,
 * fcntl (every command rvmm has), O_APPEND, FD_CLOEXEC across execve,
 * FIONREAD, faccessat, renameat2, linkat, symlinkat/readlinkat, umask,
 * and each call's EFAULT, EBADF and EINVAL.  Works in $TMPDIR (default
 * /tmp).
 *
 * "test_fileio --fds A B" is the program execve'd by the close-on-exec
 * check: it exits with bit 0 set if descriptor A is open, bit 1 for B.
 */
#define _GNU_SOURCE		/* renameat2, RENAME_*, pipe2, dup3, syscall */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include "tap.h"

#ifndef IOV_MAX
#define IOV_MAX 1024
#endif
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

#define BAD ((void *)1)		/* in the unmapped page 0 */

static char dir[256];

static char *path(const char *name)
{
	static char buf[4][320];
	static int next;
	char *p = buf[next++ % 4];

	snprintf(p, sizeof(buf[0]), "%s/%s", dir, name);
	return p;
}

static int failed(long r, int e)
{
	return r == -1 && errno == e;
}

/* A new file holding text; its descriptor open O_RDWR, or -1. */
static int make_file(const char *name, const char *text, mode_t mode)
{
	int fd = open(path(name), O_RDWR | O_CREAT | O_TRUNC, mode);

	if (fd >= 0 && write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The first n bytes of the file name, NUL-terminated in a static buffer. */
static const char *contents(const char *name)
{
	static char buf[128];
	int fd = open(path(name), O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return n < 0 ? "(unreadable)" : buf;
}

static void test_pread_pwrite(void)
{
	char buf[16] = "";
	int fd = make_file("p", "0123456789", 0644), fds[2];

	ok(pread(fd, buf, 4, 3) == 4 && memcmp(buf, "3456", 4) == 0 && lseek(fd, 0, SEEK_CUR) == 10,
	   "pread at 3 reads \"3456\" and leaves the position at 10");
	ok(pwrite(fd, "ab", 2, 1) == 2 && lseek(fd, 0, SEEK_CUR) == 10 &&
	   strcmp(contents("p"), "0ab3456789") == 0, "pwrite at 1 writes there, the position stays");
	ok(pwrite(fd, "Z", 1, 12) == 1 && pread(fd, buf, 16, 10) == 3 && buf[0] == 0 && buf[1] == 0 &&
	   buf[2] == 'Z', "pwrite past the end leaves a hole of zeros");
	ok(pread(fd, buf, 4, 100) == 0, "pread past the end reads 0 bytes");
	ok(failed(pread(fd, buf, 1, -1), EINVAL), "pread at a negative offset: EINVAL");
	ok(failed(pwrite(fd, buf, 1, -1), EINVAL), "pwrite at a negative offset: EINVAL");
	ok(failed(pread(-1, buf, 1, 0), EBADF) && failed(pwrite(9999, buf, 1, 0), EBADF),
	   "pread and pwrite on a bad descriptor: EBADF");
	ok(failed(syscall(SYS_pread64, fd, BAD, 4, 0), EFAULT) &&
	   failed(syscall(SYS_pwrite64, fd, BAD, 4, 0), EFAULT),
	   "pread into and pwrite from a bad buffer: EFAULT");
	close(fd);
	fd = open(path("p"), O_WRONLY);
	ok(failed(pread(fd, buf, 1, 0), EBADF), "pread on a write-only descriptor: EBADF");
	close(fd);
	if (pipe(fds) == 0) {
		ok(write(fds[1], "x", 1) == 1 && failed(pread(fds[0], buf, 1, 0), ESPIPE) &&
		   failed(pwrite(fds[1], "x", 1, 0), ESPIPE),
		   "pread and pwrite on a pipe: ESPIPE");
		close(fds[0]);
		close(fds[1]);
	} else {
		ok(0, "pipe for the ESPIPE check");
	}
	unlink(path("p"));
}

static void test_vectors(void)
{
	char a[4] = "", b[8] = "", c[4] = "";
	struct iovec out[3] = { { "abc", 3 }, { "defgh", 5 }, { "ij", 2 } };
	struct iovec in[3] = { { a, 3 }, { b, 5 }, { c, 2 } };
	struct iovec big[2];
	static struct iovec many[IOV_MAX + 1];
	static char bytes[IOV_MAX + 1];
	int fd = make_file("v", "", 0644), fds[2];

	ok(writev(fd, out, 3) == 10 && lseek(fd, 0, SEEK_CUR) == 10 &&
	   strcmp(contents("v"), "abcdefghij") == 0, "writev gathers three segments in order");
	lseek(fd, 0, SEEK_SET);
	ok(readv(fd, in, 3) == 10 && memcmp(a, "abc", 3) == 0 && memcmp(b, "defgh", 5) == 0 &&
	   memcmp(c, "ij", 2) == 0 && lseek(fd, 0, SEEK_CUR) == 10,
	   "readv scatters into three segments and advances the position");
	memset(b, 0, sizeof(b));
	ok(preadv(fd, &in[1], 1, 4) == 5 && memcmp(b, "efghi", 5) == 0 && lseek(fd, 0, SEEK_CUR) == 10,
	   "preadv at 4 reads there, the position stays");
	ok(pwritev(fd, &out[2], 1, 0) == 2 && lseek(fd, 0, SEEK_CUR) == 10 &&
	   strcmp(contents("v"), "ijcdefghij") == 0, "pwritev at 0 writes there, the position stays");
	lseek(fd, 8, SEEK_SET);
	ok(readv(fd, in, 3) == 2 && memcmp(a, "ij", 2) == 0, "readv at the end: a short count");
	ok(readv(fd, in, 0) == 0 && writev(fd, out, 0) == 0, "readv and writev of no segments: 0");

	for (int i = 0; i <= IOV_MAX; i++)
		many[i] = (struct iovec){ &bytes[i], 1 };
	lseek(fd, 0, SEEK_SET);
	ok(readv(fd, many, IOV_MAX) == 10, "readv of IOV_MAX (%d) segments works", IOV_MAX);
	ok(failed(readv(fd, many, IOV_MAX + 1), EINVAL), "readv of IOV_MAX + 1 segments: EINVAL");
	ok(failed(syscall(SYS_writev, fd, out, -1), EINVAL), "writev of -1 segments: EINVAL");
	big[0].iov_base = a;
	big[0].iov_len = 1;
	big[1].iov_base = b;
	big[1].iov_len = (size_t)SSIZE_MAX + 1;
	ok(failed(readv(fd, big, 2), EINVAL) && failed(writev(fd, big, 2), EINVAL),
	   "a segment longer than SSIZE_MAX: EINVAL");
	ok(failed(preadv(fd, in, 1, -1), EINVAL) && failed(pwritev(fd, out, 1, -5), EINVAL),
	   "preadv and pwritev at a negative offset: EINVAL");
	ok(failed(readv(-1, in, 1), EBADF) && failed(preadv(9999, in, 1, 0), EBADF),
	   "readv and preadv on a bad descriptor: EBADF");
	ok(failed(syscall(SYS_readv, fd, BAD, 1), EFAULT) && failed(syscall(SYS_writev, fd, BAD, 1), EFAULT),
	   "readv and writev with the vector at a bad address: EFAULT");
	big[0].iov_base = BAD;
	big[0].iov_len = 4;
	lseek(fd, 0, SEEK_SET);
	ok(failed(readv(fd, big, 1), EFAULT) && lseek(fd, 0, SEEK_CUR) == 0,
	   "readv into a bad segment: EFAULT, the position unchanged");
	close(fd);

	if (pipe(fds) == 0) {
		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		ok(writev(fds[1], out, 2) == 8 && readv(fds[0], in, 1) == 3 && readv(fds[0], &in[1], 2) == 5 &&
		   memcmp(b, "defgh", 5) == 0, "writev and readv on a pipe keep the bytes in order");
		ok(failed(preadv(fds[0], in, 1, 0), ESPIPE) && failed(pwritev(fds[1], out, 1, 0), ESPIPE),
		   "preadv and pwritev on a pipe: ESPIPE");
		close(fds[0]);
		close(fds[1]);
	} else {
		ok(0, "pipe for the vector checks");
	}
	unlink(path("v"));
}

static void test_fsync(void)
{
	int fd = make_file("s", "data", 0644), fds[2];

	ok(fsync(fd) == 0 && fdatasync(fd) == 0, "fsync and fdatasync of a file: 0");
	close(fd);
	fd = open(dir, O_RDONLY);
	ok(fsync(fd) == 0, "fsync of a directory: 0");
	close(fd);
	ok(failed(fsync(-1), EBADF) && failed(fdatasync(9999), EBADF),
	   "fsync and fdatasync of a bad descriptor: EBADF");
	if (pipe(fds) == 0) {
		ok(failed(fsync(fds[0]), EINVAL) && failed(fdatasync(fds[1]), EINVAL),
		   "fsync and fdatasync of a pipe: EINVAL");
		close(fds[0]);
		close(fds[1]);
	} else {
		ok(0, "pipe for the fsync check");
	}
	unlink(path("s"));
}

static void test_fcntl(void)
{
	int fd = make_file("f", "0123", 0644), fds[2], d, fl;
	char buf[8];

	d = fcntl(fd, F_DUPFD, 20);
	ok(d >= 20 && fcntl(d, F_GETFD) == 0, "F_DUPFD gives a descriptor >= 20 without FD_CLOEXEC (%d)", d);
	ok(fcntl(fd, F_DUPFD, 20) > d, "F_DUPFD again: the next free one above");
	close(d + 1);
	close(d);
	d = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	ok(d > fd && fcntl(d, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC sets FD_CLOEXEC");
	ok(fcntl(d, F_SETFD, 0) == 0 && fcntl(d, F_GETFD) == 0 && fcntl(fd, F_GETFD) == 0,
	   "F_SETFD 0 clears it");
	ok(fcntl(d, F_SETFD, FD_CLOEXEC) == 0 && fcntl(d, F_GETFD) == FD_CLOEXEC && fcntl(fd, F_GETFD) == 0,
	   "F_SETFD FD_CLOEXEC sets it on that descriptor only");
	ok(failed(fcntl(fd, F_DUPFD, INT_MAX), EINVAL), "F_DUPFD above the descriptor limit: EINVAL");

	fl = fcntl(fd, F_GETFL);
	ok((fl & O_ACCMODE) == O_RDWR && !(fl & O_APPEND), "F_GETFL: O_RDWR, no O_APPEND");
	ok(fcntl(fd, F_SETFL, O_APPEND) == 0 && (fcntl(d, F_GETFL) & O_APPEND),
	   "F_SETFL O_APPEND, and a dup of the descriptor sees it (one open file)");
	lseek(fd, 0, SEEK_SET);
	ok(write(fd, "ab", 2) == 2 && lseek(fd, 0, SEEK_CUR) == 6 && strcmp(contents("f"), "0123ab") == 0,
	   "after F_SETFL O_APPEND a write goes to the end");
	ok(fcntl(fd, F_SETFL, O_RDONLY) == 0 && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR &&
	   !(fcntl(fd, F_GETFL) & O_APPEND), "F_SETFL clears O_APPEND but cannot change the access mode");
	lseek(fd, 0, SEEK_SET);
	ok(write(fd, "X", 1) == 1 && strcmp(contents("f"), "X123ab") == 0,
	   "without O_APPEND a write goes to the position again");
	ok(failed(fcntl(fd, 0x7fff), EINVAL), "an unknown command: EINVAL");
	ok(failed(fcntl(-1, F_GETFD), EBADF) && failed(fcntl(9999, F_GETFL), EBADF),
	   "fcntl on a bad descriptor: EBADF");
	close(d);
	close(fd);

	fd = open(path("f"), O_RDONLY | O_CLOEXEC);
	ok(fcntl(fd, F_GETFD) == FD_CLOEXEC && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY,
	   "open with O_CLOEXEC: FD_CLOEXEC; F_GETFL says O_RDONLY");
	d = dup3(fd, 30, O_CLOEXEC);
	ok(d == 30 && fcntl(d, F_GETFD) == FD_CLOEXEC, "dup3 with O_CLOEXEC: FD_CLOEXEC");
	close(d);
	d = dup(fd);
	ok(d >= 0 && fcntl(d, F_GETFD) == 0, "dup: no FD_CLOEXEC");
	close(d);
	close(fd);

	if (pipe2(fds, O_CLOEXEC) == 0) {
		ok(fcntl(fds[0], F_GETFD) == FD_CLOEXEC && fcntl(fds[1], F_GETFD) == FD_CLOEXEC,
		   "pipe2 with O_CLOEXEC: both ends FD_CLOEXEC");
		ok(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0 && (fcntl(fds[0], F_GETFL) & O_NONBLOCK) &&
		   failed(read(fds[0], buf, 1), EAGAIN), "F_SETFL O_NONBLOCK: an empty pipe's read is EAGAIN");
		ok(fcntl(fds[0], F_SETFL, 0) == 0 && !(fcntl(fds[0], F_GETFL) & O_NONBLOCK),
		   "F_SETFL 0 clears O_NONBLOCK");
		close(fds[0]);
		close(fds[1]);
	} else {
		ok(0, "pipe2 for the fcntl checks");
	}
	unlink(path("f"));
}

static void test_append(void)
{
	int fd = make_file("a", "abc", 0644);

	close(fd);
	fd = open(path("a"), O_WRONLY | O_APPEND);
	ok(fd >= 0 && (fcntl(fd, F_GETFL) & O_APPEND), "open with O_APPEND: F_GETFL says so");
	lseek(fd, 0, SEEK_SET);
	ok(write(fd, "de", 2) == 2 && lseek(fd, 0, SEEK_CUR) == 5 && strcmp(contents("a"), "abcde") == 0,
	   "O_APPEND: a write after lseek(0) still goes to the end");
	ok(pwrite(fd, "f", 1, 0) == 1 && strcmp(contents("a"), "abcdef") == 0,
	   "O_APPEND: pwrite at 0 goes to the end too (Linux)");
	close(fd);
	unlink(path("a"));
}

/* The --fds role: which of the two descriptors survived the execve. */
static int fds_child(const char *a, const char *b)
{
	return (fcntl(atoi(a), F_GETFD) >= 0 ? 1 : 0) | (fcntl(atoi(b), F_GETFD) >= 0 ? 2 : 0);
}

static void test_cloexec_exec(const char *self)
{
	char sa[16], sb[16];
	int a = make_file("c", "x", 0644), b = dup(a), status;
	pid_t pid;

	if (under_qemu_user()) {
		skip("qemu-user: the host kernel cannot run a RISC-V program",
		     "execve closes the FD_CLOEXEC descriptor and keeps the other");
		close(a);
		close(b);
		unlink(path("c"));
		return;
	}
	fcntl(b, F_SETFD, FD_CLOEXEC);
	snprintf(sa, sizeof(sa), "%d", a);
	snprintf(sb, sizeof(sb), "%d", b);
	pid = vfork();
	if (pid == 0) {
		char *argv[] = { (char *)self, "--fds", sa, sb, NULL };

		execv(self, argv);
		_exit(127);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 1,
	   "execve closes the FD_CLOEXEC descriptor and keeps the other (%s)", status_str(status));
	close(a);
	close(b);
	unlink(path("c"));
}

static void test_fionread(void)
{
	int fd = make_file("n", "0123456789", 0644), fds[2], n = -1;

	lseek(fd, 3, SEEK_SET);
	ok(ioctl(fd, FIONREAD, &n) == 0 && n == 7, "FIONREAD on a file: the bytes after the position (%d)", n);
	lseek(fd, 20, SEEK_SET);
	ok(ioctl(fd, FIONREAD, &n) == 0 && n == -10, "FIONREAD past the end: negative, as Linux (%d)", n);
	ok(failed(ioctl(fd, FIONREAD, BAD), EFAULT), "FIONREAD into a bad address: EFAULT");
	close(fd);
	if (pipe(fds) == 0) {
		ok(ioctl(fds[0], FIONREAD, &n) == 0 && n == 0, "FIONREAD on an empty pipe: 0");
		ok(write(fds[1], "hello", 5) == 5 && ioctl(fds[0], FIONREAD, &n) == 0 && n == 5,
		   "FIONREAD on a pipe holding 5 bytes: 5 (%d)", n);
		close(fds[0]);
		close(fds[1]);
	} else {
		ok(0, "pipe for the FIONREAD check");
	}
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0)
		skip("no /dev/null (a bare initramfs on Linux)", "FIONREAD on /dev/null: ENOTTY");
	else
		ok(failed(ioctl(fd, FIONREAD, &n), ENOTTY), "FIONREAD on /dev/null: ENOTTY");
	close(fd);
	fd = open(dir, O_RDONLY);
	ok(failed(ioctl(fd, FIONREAD, &n), ENOTTY), "FIONREAD on a directory: ENOTTY");
	close(fd);
	unlink(path("n"));
}

static void test_access(void)
{
	int fd = make_file("r", "x", 0644);
	long r;

	close(fd);
	fd = make_file("x", "x", 0755);
	close(fd);
	ok(access(path("r"), F_OK) == 0 && access(path("r"), R_OK | W_OK) == 0,
	   "access of a 0644 file: F_OK, R_OK|W_OK");
	ok(failed(access(path("r"), X_OK), EACCES), "access X_OK of a 0644 file: EACCES (no execute bit)");
	ok(access(path("x"), X_OK) == 0, "access X_OK of a 0755 file");
	ok(access(dir, X_OK) == 0, "access X_OK of a directory");
	ok(failed(access(path("missing"), F_OK), ENOENT), "access of a missing file: ENOENT");
	ok(failed(access(path("r"), 8), EINVAL), "access with an unknown mode bit: EINVAL");
	ok(faccessat(AT_FDCWD, path("r"), R_OK, AT_EACCESS) == 0, "faccessat with AT_EACCESS");
	ok(failed(syscall(SYS_faccessat, AT_FDCWD, BAD, F_OK), EFAULT), "faccessat of a bad path: EFAULT");
	r = syscall(SYS_faccessat2, AT_FDCWD, path("r"), R_OK, 0x1);
	if (r == -1 && errno == ENOSYS)
		skip("no faccessat2 here (Linux 5.8)", "faccessat2 with an unknown flag: EINVAL");
	else
		ok(failed(r, EINVAL), "faccessat2 with an unknown flag: EINVAL");
	unlink(path("r"));
	unlink(path("x"));
}

static ino_t ino(const char *name)
{
	struct stat st;

	return lstat(path(name), &st) == 0 ? st.st_ino : 0;
}

static nlink_t nlink(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 ? st.st_nlink : 0;
}

static void test_rename(void)
{
	int fd;
	ino_t i;
	nlink_t d1, d2;

	close(make_file("a", "A", 0644));
	close(make_file("b", "B", 0644));
	i = ino("a");
	ok(rename(path("a"), path("c")) == 0 && ino("c") == i && failed(access(path("a"), F_OK), ENOENT) &&
	   strcmp(contents("c"), "A") == 0, "rename: the file keeps its inode and data under the new name");
	ok(rename(path("c"), path("b")) == 0 && ino("b") == i && strcmp(contents("b"), "A") == 0,
	   "rename onto an existing file replaces it");
	close(make_file("a", "a2", 0644));
	ok(failed(renameat2(AT_FDCWD, path("a"), AT_FDCWD, path("b"), RENAME_NOREPLACE), EEXIST) &&
	   strcmp(contents("b"), "A") == 0, "RENAME_NOREPLACE onto an existing file: EEXIST");
	ok(renameat2(AT_FDCWD, path("a"), AT_FDCWD, path("b"), RENAME_EXCHANGE) == 0 &&
	   strcmp(contents("a"), "A") == 0 && strcmp(contents("b"), "a2") == 0 && ino("a") == i,
	   "RENAME_EXCHANGE swaps the two");
	ok(failed(renameat2(AT_FDCWD, path("a"), AT_FDCWD, path("none"), RENAME_EXCHANGE), ENOENT),
	   "RENAME_EXCHANGE with a missing target: ENOENT");
	ok(failed(renameat2(AT_FDCWD, path("a"), AT_FDCWD, path("b"), RENAME_EXCHANGE | RENAME_NOREPLACE),
		  EINVAL), "RENAME_EXCHANGE | RENAME_NOREPLACE: EINVAL");
	ok(renameat2(AT_FDCWD, path("a"), AT_FDCWD, path("new"), RENAME_NOREPLACE) == 0 &&
	   ino("new") == i, "RENAME_NOREPLACE to a free name");
	ok(rename(path("new"), path("new")) == 0 && ino("new") == i, "rename onto itself: nothing happens");
	ok(failed(rename(path("missing"), path("x")), ENOENT), "rename of a missing file: ENOENT");

	mkdir(path("d"), 0755);
	mkdir(path("d/sub"), 0755);
	mkdir(path("e"), 0755);
	mkdir(path("full"), 0755);
	close(make_file("full/f", "f", 0644));
	ok(failed(rename(path("d"), path("d/sub/x")), EINVAL), "a directory into its own subdirectory: EINVAL");
	ok(failed(rename(path("d"), path("full")), ENOTEMPTY), "a directory onto a non-empty one: ENOTEMPTY");
	ok(failed(rename(path("new"), path("e")), EISDIR), "a file onto a directory: EISDIR");
	ok(failed(rename(path("e"), path("new")), ENOTDIR), "a directory onto a file: ENOTDIR");
	ok(failed(rename(path("new"), path("b/")), ENOTDIR), "a file onto \"name/\": ENOTDIR");
	ok(failed(rename(path("d/sub"), path("d/sub/..")), EBUSY), "rename onto \"..\": EBUSY");
	d1 = nlink(path("d"));
	d2 = nlink(path("e"));
	ok(rename(path("d/sub"), path("e/sub")) == 0 && access(path("e/sub"), F_OK) == 0,
	   "a directory moves to another parent");
	if (d1 < 2)
		skip("this file system does not count subdirectories in st_nlink",
		     "the parents' link counts follow the moved directory's \"..\"");
	else
		ok(nlink(path("d")) == d1 - 1 && nlink(path("e")) == d2 + 1,
		   "the parents' link counts follow the moved directory's \"..\"");
	ok(rename(path("e/sub"), path("d")) == 0 && access(path("d"), F_OK) == 0 &&
	   failed(access(path("e/sub"), F_OK), ENOENT), "a directory onto an empty one replaces it");
	ok(renameat2(AT_FDCWD, path("d"), AT_FDCWD, path("new"), RENAME_EXCHANGE) == 0 &&
	   ino("d") != 0 && access(path("new/."), F_OK) == 0, "RENAME_EXCHANGE of a directory and a file");
	renameat2(AT_FDCWD, path("d"), AT_FDCWD, path("new"), RENAME_EXCHANGE);
	ok(failed(syscall(SYS_renameat2, AT_FDCWD, BAD, AT_FDCWD, path("x"), 0), EFAULT),
	   "renameat2 of a bad path: EFAULT");
	ok(failed(syscall(SYS_renameat2, AT_FDCWD, path("new"), AT_FDCWD, path("x"), 0x100), EINVAL),
	   "renameat2 with an unknown flag: EINVAL");

	/* A mapping follows the inode, not the name. */
	fd = open(path("m"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0 && ftruncate(fd, 4096) == 0) {
		char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

		if (p == MAP_FAILED) {
			ok(0, "MAP_SHARED of a file for the rename check");
		} else {
			memcpy(p, "mapped", 6);
			ok(rename(path("m"), path("m2")) == 0 && strncmp(contents("m2"), "mapped", 6) == 0,
			   "after a rename the mapping's writes show under the new name");
			ok(pwrite(fd, "MAPPED", 6, 0) == 6 && memcmp(p, "MAPPED", 6) == 0,
			   "and writes to the renamed file show in the mapping");
			munmap(p, 4096);
		}
	} else {
		ok(0, "a file for the rename-and-map check");
	}
	close(fd);
	unlink(path("m2"));
	unlink(path("full/f"));
	rmdir(path("full"));
	rmdir(path("e"));
	rmdir(path("d"));
	unlink(path("new"));
	unlink(path("b"));
}

static void test_link(void)
{
	struct stat st, st2;
	int fd = make_file("l1", "linked", 0644), fd2;
	char buf[8];

	ok(link(path("l1"), path("l2")) == 0 && fstat(fd, &st) == 0 && st.st_nlink == 2 &&
	   stat(path("l2"), &st2) == 0 && st2.st_ino == st.st_ino && st2.st_nlink == 2,
	   "link: a second name for the same inode, st_nlink 2");
	ok(pwrite(fd, "LINK", 4, 0) == 4 && strcmp(contents("l2"), "LINKed") == 0,
	   "a write under one name reads back under the other");
	ok(unlink(path("l1")) == 0 && fstat(fd, &st) == 0 && st.st_nlink == 1 &&
	   strcmp(contents("l2"), "LINKed") == 0, "unlink drops one link; the other name still works");
	ok(failed(link(path("l2"), path("l2")), EEXIST), "link onto an existing name: EEXIST");
	ok(failed(link(path("missing"), path("l3")), ENOENT), "link of a missing file: ENOENT");
	ok(failed(link(dir, path("l3")), EPERM), "link of a directory: EPERM");
	ok(failed(linkat(AT_FDCWD, path("l2"), AT_FDCWD, path("l3"), 0x8000000), EINVAL),
	   "linkat with an unknown flag: EINVAL");
	ok(failed(syscall(SYS_linkat, AT_FDCWD, BAD, AT_FDCWD, path("l3"), 0), EFAULT),
	   "linkat of a bad path: EFAULT");
	fd2 = open(path("l2"), O_RDONLY);
	ok(unlink(path("l2")) == 0 && fstat(fd2, &st) == 0 && st.st_nlink == 0 &&
	   pread(fd2, buf, 4, 0) == 4 && memcmp(buf, "LINK", 4) == 0,
	   "with no name left the file lives while open (st_nlink 0, still readable)");
	close(fd2);
	close(fd);

	close(make_file("t", "target", 0644));
	{
		char target[64] = "";

		ok(symlink("t", path("s")) == 0 && readlink(path("s"), target, sizeof(target)) == 1 &&
		   target[0] == 't', "symlink, and readlink gives its target");
		ok(lstat(path("s"), &st) == 0 && S_ISLNK(st.st_mode) && stat(path("s"), &st2) == 0 &&
		   S_ISREG(st2.st_mode) && strcmp(contents("s"), "target") == 0,
		   "lstat sees the link, stat and open follow it");
		ok(failed(symlink("t", path("t")), EEXIST), "symlink onto an existing name: EEXIST");
	}
	unlink(path("s"));
	unlink(path("t"));
}

static void test_umask(void)
{
	struct stat st;
	mode_t old = umask(077);
	int fd;

	ok(umask(077) == 077, "umask returns the previous mask");
	fd = open(path("u"), O_WRONLY | O_CREAT | O_EXCL, 0666);
	ok(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600,
	   "umask 077: a file created 0666 is 0600 (%o)", (unsigned)(st.st_mode & 0777));
	close(fd);
	ok(mkdir(path("ud"), 0777) == 0 && stat(path("ud"), &st) == 0 && (st.st_mode & 0777) == 0700,
	   "umask 077: a directory made 0777 is 0700 (%o)", (unsigned)(st.st_mode & 0777));
	umask(0);
	fd = open(path("u0"), O_WRONLY | O_CREAT | O_EXCL, 0666);
	ok(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0666, "umask 0: 0666 stays 0666");
	close(fd);
	ok(umask(old) == 0, "umask back to %o", (unsigned)old);
	unlink(path("u"));
	unlink(path("u0"));
	rmdir(path("ud"));
}

int main(int argc, char **argv)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	if (argc == 4 && strcmp(argv[1], "--fds") == 0)
		return fds_child(argv[2], argv[3]);
	snprintf(dir, sizeof(dir), "%s/test_fileio.%d", tmp, (int)getpid());
	if (!ok(mkdir(dir, 0755) == 0, "make the scratch directory %s", dir))
		return tap_done();
	test_pread_pwrite();
	test_vectors();
	test_fsync();
	test_fcntl();
	test_append();
	test_cloexec_exec(argv[0]);
	test_fionread();
	test_access();
	test_rename();
	test_link();
	test_umask();
	ok(rmdir(dir) == 0, "the scratch directory is left empty and removed");
	return tap_done();
}
