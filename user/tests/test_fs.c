/*
 * test_fs: files, directories, and the descriptor calls that move data:
 * create, write, read back, lseek, ftruncate, unlink, mkdir, listing,
 * dup/dup2/dup3 and pipes.  Works in $TMPDIR (default /tmp).
 */
#define _GNU_SOURCE		/* dup3, pipe2, getdents64 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "tap.h"

static char dir[256];

/* dir/name */
static const char *in_dir(const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static int all_zero(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i])
			return 0;
	return 1;
}

static void test_file(void)
{
	const char *path = in_dir("file");
	char buf[128];
	struct stat st;
	int fd, fd2;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
	ok(fd >= 0, "open(O_CREAT | O_EXCL) creates a file");
	errno = 0;
	ok(open(path, O_RDWR | O_CREAT | O_EXCL, 0644) == -1 && errno == EEXIST,
	   "O_CREAT | O_EXCL on an existing file fails with EEXIST");
	ok(write(fd, "hello world", 11) == 11, "write 11 bytes");
	ok(lseek(fd, 0, SEEK_CUR) == 11, "the offset follows the write");
	ok(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 11,
	   "fstat: a regular file of 11 bytes");
	ok(stat(path, &st) == 0 && st.st_size == 11, "stat by name agrees");

	ok(lseek(fd, 0, SEEK_SET) == 0, "lseek(0, SEEK_SET)");
	memset(buf, 0, sizeof(buf));
	ok(read(fd, buf, sizeof(buf)) == 11 && memcmp(buf, "hello world", 11) == 0,
	   "read back what was written");
	ok(read(fd, buf, sizeof(buf)) == 0, "read at the end returns 0");
	ok(lseek(fd, -5, SEEK_END) == 6 && read(fd, buf, 5) == 5 && memcmp(buf, "world", 5) == 0,
	   "lseek(-5, SEEK_END) and read the last 5 bytes");
	ok(lseek(fd, -3, SEEK_CUR) == 8, "lseek(-3, SEEK_CUR)");
	errno = 0;
	ok(lseek(fd, -100, SEEK_SET) == -1 && errno == EINVAL,
	   "lseek to a negative offset fails with EINVAL");

	/* writing past the end leaves a hole that reads as zeros */
	ok(lseek(fd, 20, SEEK_SET) == 20 && write(fd, "!", 1) == 1, "write at offset 20, past the end");
	memset(buf, 'x', sizeof(buf));
	ok(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, sizeof(buf)) == 21 && memcmp(buf, "hello world", 11) == 0 &&
	   all_zero(buf + 11, 9) && buf[20] == '!', "the hole between reads as zeros");

	ok(ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5,
	   "ftruncate shrinks the file to 5 bytes");
	memset(buf, 0, sizeof(buf));
	ok(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, sizeof(buf)) == 5 &&
	   memcmp(buf, "hello", 5) == 0, "after shrinking, reading gives the first 5 bytes only");
	ok(ftruncate(fd, 100) == 0 && fstat(fd, &st) == 0 && st.st_size == 100,
	   "ftruncate grows the file to 100 bytes");
	memset(buf, 'x', sizeof(buf));
	ok(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, sizeof(buf)) == 100 &&
	   memcmp(buf, "hello", 5) == 0 && all_zero(buf + 5, 95),
	   "after growing, the new bytes read as zeros (not the old \" world\")");

	/* dup shares the open file, offset included */
	fd2 = dup(fd);
	ok(fd2 >= 0 && fd2 != fd, "dup gives a new descriptor");
	ok(lseek(fd, 7, SEEK_SET) == 7 && lseek(fd2, 0, SEEK_CUR) == 7,
	   "dup'ed descriptors share the offset");
	close(fd2);
	ok(dup2(fd, 10) == 10 && lseek(10, 0, SEEK_CUR) == 7, "dup2 onto a chosen number");
	ok(dup2(fd, fd) == fd, "dup2 of a descriptor onto itself returns it");
	errno = 0;
	ok(dup3(fd, fd, 0) == -1 && errno == EINVAL, "dup3 onto itself fails with EINVAL");
	ok(dup3(fd, 10, O_CLOEXEC) == 10, "dup3(O_CLOEXEC) replaces descriptor 10");
	close(10);
	errno = 0;
	ok(close(10) == -1 && errno == EBADF, "closing a closed descriptor fails with EBADF");
	errno = 0;
	ok(dup2(-1, 10) == -1 && errno == EBADF, "dup2 of a bad descriptor fails with EBADF");
	close(fd);

	/* O_APPEND writes at the end, O_TRUNC empties, O_WRONLY cannot read */
	fd = open(path, O_WRONLY | O_APPEND);
	ok(fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 && write(fd, "END", 3) == 3 &&
	   fstat(fd, &st) == 0 && st.st_size == 103, "O_APPEND writes at the end");
	errno = 0;
	ok(read(fd, buf, 1) == -1 && errno == EBADF, "read on an O_WRONLY descriptor: EBADF");
	close(fd);
	fd = open(path, O_RDWR | O_TRUNC);
	ok(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties the file");
	close(fd);

	ok(unlink(path) == 0, "unlink");
	errno = 0;
	ok(open(path, O_RDONLY) == -1 && errno == ENOENT, "open after unlink fails with ENOENT");
	errno = 0;
	ok(unlink(path) == -1 && errno == ENOENT, "unlink again fails with ENOENT");
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The names in path, read with getdents64, as "name/" for directories; sorted. */
static int list_getdents(const char *path, char names[][32], int max)
{
	long buf[256];
	int fd = open(path, O_RDONLY | O_DIRECTORY), n = 0;
	long len;

	if (fd < 0)
		return -1;
	while ((len = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < len;) {
			/* struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name */
			const char *rec = (const char *)buf + off;
			unsigned short reclen;

			memcpy(&reclen, rec + 16, sizeof(reclen));
			if (n < max)
				snprintf(names[n++], 32, "%s%s", rec + 19, rec[18] == DT_DIR ? "/" : "");
			off += reclen;
		}
	}
	close(fd);
	qsort(names, n, 32, compare_names);
	return len < 0 ? -1 : n;
}

static void test_dir(void)
{
	char names[8][32], joined[8 * 32 + 1] = "";
	const char *sub = in_dir("sub");
	char path[600];
	struct dirent *e;
	struct stat st;
	int n, seen = 0, fd;
	DIR *d;

	ok(mkdir(sub, 0755) == 0, "mkdir");
	errno = 0;
	ok(mkdir(sub, 0755) == -1 && errno == EEXIST, "mkdir again fails with EEXIST");
	ok(stat(sub, &st) == 0 && S_ISDIR(st.st_mode), "stat: it is a directory");
	snprintf(path, sizeof(path), "%s/a", sub);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	close(fd);
	snprintf(path, sizeof(path), "%s/inner", sub);
	ok(fd >= 0 && mkdir(path, 0755) == 0, "a file and a directory inside it");

	n = list_getdents(sub, names, 8);
	for (int i = 0; i < n; i++)
		strcat(strcat(joined, names[i]), " ");	/* each at most 31 + 1 */
	ok(n == 4 && strcmp(joined, "../ ./ a inner/ ") == 0,
	   "getdents64 lists . .. a inner, with their types (%s)", joined);

	d = opendir(sub);
	while (d && (e = readdir(d)) != NULL)
		seen |= strcmp(e->d_name, "a") == 0 ? 1 : strcmp(e->d_name, "inner") == 0 ? 2 :
			strcmp(e->d_name, ".") == 0 ? 4 : strcmp(e->d_name, "..") == 0 ? 8 : 16;
	ok(d && seen == 15, "readdir sees the same four entries");
	if (d)
		closedir(d);

	errno = 0;
	ok(rmdir(sub) == -1 && errno == ENOTEMPTY, "rmdir of a non-empty directory: ENOTEMPTY");
	errno = 0;
	snprintf(path, sizeof(path), "%s/a", sub);
	ok(open(path, O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR,
	   "O_DIRECTORY on a file fails with ENOTDIR");
	errno = 0;
	ok(rmdir(path) == -1 && errno == ENOTDIR, "rmdir of a file fails with ENOTDIR");
	ok(unlink(path) == 0, "unlink the file");
	snprintf(path, sizeof(path), "%s/inner", sub);
	errno = 0;
	ok(unlink(path) == -1 && (errno == EISDIR || errno == EPERM),
	   "unlink of a directory fails (EISDIR on Linux)");
	ok(rmdir(path) == 0 && rmdir(sub) == 0, "rmdir both, innermost first");
	errno = 0;
	ok(stat(sub, &st) == -1 && errno == ENOENT, "stat after rmdir fails with ENOENT");
}

static void test_pipe(void)
{
	char buf[16] = "";
	int fds[2], st;
	pid_t pid;

	ok(pipe2(fds, 0) == 0, "pipe2");
	ok(write(fds[1], "ping", 4) == 4 && read(fds[0], buf, sizeof(buf)) == 4 &&
	   memcmp(buf, "ping", 4) == 0, "what goes in one end comes out of the other");
	close(fds[1]);
	ok(read(fds[0], buf, sizeof(buf)) == 0, "read returns 0 once the write end is closed");
	close(fds[0]);

	ok(pipe2(fds, O_NONBLOCK) == 0, "pipe2(O_NONBLOCK)");
	errno = 0;
	ok(read(fds[0], buf, sizeof(buf)) == -1 && errno == EAGAIN,
	   "reading an empty non-blocking pipe fails with EAGAIN");
	close(fds[0]);
	close(fds[1]);

	/* a child's output through a pipe dup2'ed onto its stdout (vfork without an MMU) */
	if (pipe(fds) < 0) {
		ok(0, "pipe");
		return;
	}
	pid = fork_or_vfork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		_exit(write(1, "from child", 10) == 10 ? 0 : 1);
	}
	close(fds[1]);
	memset(buf, 0, sizeof(buf));
	ok(read(fds[0], buf, sizeof(buf)) == 10 && strcmp(buf, "from child") == 0,
	   "a child writes to its stdout, the parent reads it from the pipe");
	close(fds[0]);
	waitpid(pid, &st, 0);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	snprintf(dir, sizeof(dir), "%s/test_fs.%d", tmp, (int)getpid());
	if (!ok(mkdir(dir, 0755) == 0, "a directory to work in: %s", dir))
		return tap_done();
	test_file();
	test_dir();
	test_pipe();
	ok(rmdir(dir) == 0, "everything cleaned up");
	return tap_done();
}
