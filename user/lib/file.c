/*
 * file.c: files, directories and descriptors.
 */
#define _GNU_SOURCE		/* dup3, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <dirent.h>
#include "linux.h"

ssize_t read(int fd, void *buf, size_t count)
{
	return __sys_ret(__sys3(SYS_read, fd, buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __sys_ret(__sys3(SYS_write, fd, buf, count));
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	return __sys_ret(__sys4(SYS_pread64, fd, buf, count, offset));
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	return __sys_ret(__sys4(SYS_pwrite64, fd, buf, count, offset));
}

ssize_t pread64(int fd, void *buf, size_t count, off_t offset)
{
	return pread(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset)
{
	return pwrite(fd, buf, count, offset);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return __sys_ret(__sys3(SYS_readv, fd, iov, iovcnt));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return __sys_ret(__sys3(SYS_writev, fd, iov, iovcnt));
}

/* The offset goes whole in the low register, the high one is 0: a 64-bit kernel's convention. */
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	return __sys_ret(__sys5(SYS_preadv, fd, iov, iovcnt, offset, 0));
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	return __sys_ret(__sys5(SYS_pwritev, fd, iov, iovcnt, offset, 0));
}

int fsync(int fd)
{
	return __sys_ret(__sys1(SYS_fsync, fd));
}

int fdatasync(int fd)
{
	return __sys_ret(__sys1(SYS_fdatasync, fd));
}

/*
 * fcntl: picolibc numbers the commands as the BSDs do; Linux's are asked
 * for, and the status flags translated both ways (picolibc has no name
 * for O_LARGEFILE, which F_GETFL drops).  FD_CLOEXEC is 1 in both.
 */
/*
 * fcntl_lock: a record lock through Linux's struct flock, which differs
 * from picolibc's in the lock types (Linux's F_RDLCK, F_WRLCK, F_UNLCK are
 * 0, 1, 2; picolibc's 1, 2, 3) and in l_pid (an int, not a short).
 */
static int fcntl_lock(int fd, long lcmd, struct flock *fl)
{
	struct {
		short l_type, l_whence;
		long l_start, l_len;
		int l_pid;
	} lfl = { (short)(fl->l_type - 1), fl->l_whence, fl->l_start, fl->l_len, 0 };
	long r = __sys3(SYS_fcntl, fd, lcmd, (long)&lfl);

	if (r >= 0 && lcmd == 5) {	/* F_GETLK: the lock in the way, or F_UNLCK */
		fl->l_type = (short)(lfl.l_type + 1);
		fl->l_whence = lfl.l_whence;
		fl->l_start = lfl.l_start;
		fl->l_len = lfl.l_len;
		fl->l_pid = (short)lfl.l_pid;
	}
	return (int)__sys_ret(r);
}

int fcntl(int fd, int cmd, ...)
{
	long arg, lcmd;
	va_list ap;
	long r;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	switch (cmd) {
	case F_DUPFD_CLOEXEC:
		lcmd = LINUX_F_DUPFD_CLOEXEC;
		break;
	case F_GETOWN:
		lcmd = 9;
		break;
	case F_SETOWN:
		lcmd = 8;
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return fcntl_lock(fd, cmd - 2, (struct flock *)arg);	/* Linux's 5, 6, 7 */
	case F_SETFL: {
		int known = O_APPEND | O_NONBLOCK | O_DIRECT | O_SYNC;

		lcmd = cmd;
		arg = __oflags_to_linux((int)arg & known);
		break;
	}
	default:
		lcmd = cmd;
		break;
	}
	r = __sys3(SYS_fcntl, fd, lcmd, arg);
	if (cmd == F_GETFL && r >= 0)
		return __oflags_from_linux(r);
	return (int)__sys_ret(r);
}

/* faccessat: with flags, faccessat2 (the old call has none); the AT_* values are picolibc's. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	long lflags = 0;

	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
		errno = EINVAL;
		return -1;
	}
	if (flags & AT_EACCESS)
		lflags |= LINUX_AT_EACCESS;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lflags |= LINUX_AT_SYMLINK_NOFOLLOW;
	if (flags & AT_EMPTY_PATH)
		lflags |= LINUX_AT_EMPTY_PATH;
	if (!lflags)
		return __sys_ret(__sys3(SYS_faccessat, __dirfd_to_linux(dirfd), path, mode));
	return __sys_ret(__sys4(SYS_faccessat2, __dirfd_to_linux(dirfd), path, mode, lflags));
}

int access(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, 0);
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	long lflags = 0;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) {
		errno = EINVAL;
		return -1;
	}
	if (flags & AT_SYMLINK_FOLLOW)
		lflags |= LINUX_AT_SYMLINK_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lflags |= LINUX_AT_EMPTY_PATH;
	return __sys_ret(__sys5(SYS_linkat, __dirfd_to_linux(olddirfd), oldpath,
				__dirfd_to_linux(newdirfd), newpath, lflags));
}

int link(const char *oldpath, const char *newpath)
{
	return linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

int symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	return __sys_ret(__sys3(SYS_symlinkat, target, __dirfd_to_linux(newdirfd), linkpath));
}

int symlink(const char *target, const char *linkpath)
{
	return symlinkat(target, AT_FDCWD, linkpath);
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t size)
{
	return __sys_ret(__sys4(SYS_readlinkat, __dirfd_to_linux(dirfd), path, buf, size));
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return readlinkat(AT_FDCWD, path, buf, size);
}

/* renameat2's flags (RENAME_*) are the same numbers in glibc's <stdio.h> and the kernel. */
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags)
{
	return __sys_ret(__sys5(SYS_renameat2, __dirfd_to_linux(olddirfd), oldpath,
				__dirfd_to_linux(newdirfd), newpath, flags));
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

/* rename: riscv64 has only renameat2. */
int rename(const char *oldpath, const char *newpath)
{
	return renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

mode_t umask(mode_t mask)
{
	return (mode_t)__sys1(SYS_umask, mask & 0777);
}

static int do_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	long lflags = __oflags_to_linux(flags);

	if (lflags < 0) {
		errno = EINVAL;
		return -1;
	}
	return __sys_ret(__sys4(SYS_openat, __dirfd_to_linux(dirfd), path, lflags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {	/* only then is there a mode argument */
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return do_openat(dirfd, path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return do_openat(AT_FDCWD, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return do_openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
	return __sys_ret(__sys1(SYS_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __sys_ret(__sys3(SYS_lseek, fd, offset, whence));
}

int ftruncate(int fd, off_t length)
{
	return __sys_ret(__sys2(SYS_ftruncate, fd, length));
}

/*
 * picolibc's struct stat is not the kernel's (narrower dev_t, ino_t, uid_t
 * and a different order), so the kernel fills a struct linux_stat here and
 * it is copied field by field.  A bad buf therefore faults in the copy
 * instead of failing with EFAULT, as with glibc on ABIs where it converts.
 */
static int stat_from_linux(long r, const struct linux_stat *k, struct stat *st)
{
	if (r < 0)
		return __sys_ret(r);
	*st = (struct stat){
		.st_dev = k->st_dev,
		.st_ino = k->st_ino,
		.st_mode = k->st_mode,
		.st_nlink = k->st_nlink,
		.st_uid = k->st_uid,
		.st_gid = k->st_gid,
		.st_rdev = k->st_rdev,
		.st_size = k->st_size,
		.st_atim = { k->st_atime_sec, k->st_atime_nsec },
		.st_mtim = { k->st_mtime_sec, k->st_mtime_nsec },
		.st_ctim = { k->st_ctime_sec, k->st_ctime_nsec },
		.st_blksize = k->st_blksize,
		.st_blocks = k->st_blocks,
	};
	return 0;
}

int fstat(int fd, struct stat *st)
{
	struct linux_stat k;

	return stat_from_linux(__sys2(SYS_fstat, fd, &k), &k, st);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	struct linux_stat k;
	long lflags = 0;

	if (flags & AT_SYMLINK_NOFOLLOW)
		lflags |= LINUX_AT_SYMLINK_NOFOLLOW;
	if (flags & AT_EMPTY_PATH)
		lflags |= LINUX_AT_EMPTY_PATH;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
		errno = EINVAL;
		return -1;
	}
	return stat_from_linux(__sys4(SYS_newfstatat, __dirfd_to_linux(dirfd), path, &k, lflags),
			       &k, st);
}

int stat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	if (flags & ~AT_REMOVEDIR) {
		errno = EINVAL;
		return -1;
	}
	return __sys_ret(__sys3(SYS_unlinkat, __dirfd_to_linux(dirfd), path,
				(flags & AT_REMOVEDIR) ? LINUX_AT_REMOVEDIR : 0));
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return __sys_ret(__sys3(SYS_mkdirat, __dirfd_to_linux(dirfd), path, mode));
}

int mkdir(const char *path, mode_t mode)
{
	return mkdirat(AT_FDCWD, path, mode);
}

int dup(int fd)
{
	return __sys_ret(__sys1(SYS_dup, fd));
}

int dup3(int oldfd, int newfd, int flags)
{
	long lflags = __oflags_to_linux(flags);

	if (lflags < 0) {
		errno = EINVAL;
		return -1;
	}
	return __sys_ret(__sys3(SYS_dup3, oldfd, newfd, lflags));
}

int dup2(int oldfd, int newfd)
{
	/*
	 * riscv64 has no dup2 system call, and dup3 refuses oldfd == newfd
	 * where dup2 must return newfd if oldfd is open: check with fstat.
	 */
	if (oldfd == newfd) {
		struct linux_stat k;
		long r = __sys2(SYS_fstat, oldfd, &k);

		return r < 0 ? __sys_ret(r) : newfd;
	}
	return dup3(oldfd, newfd, 0);
}

int pipe2(int fds[2], int flags)
{
	long lflags = __oflags_to_linux(flags);

	if (lflags < 0) {
		errno = EINVAL;
		return -1;
	}
	return __sys_ret(__sys2(SYS_pipe2, fds, lflags));
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

ssize_t getdents64(int fd, void *buf, size_t count)
{
	return __sys_ret(__sys3(SYS_getdents64, fd, buf, count));
}

int chdir(const char *path)
{
	return __sys_ret(__sys1(SYS_chdir, path));
}

/* getcwd(NULL, size) allocates the buffer, as glibc and the BSDs do. */
char *getcwd(char *buf, size_t size)
{
	char *mine = NULL;
	long r;

	if (!buf) {
		if (!size)
			size = 4096;	/* PATH_MAX */
		buf = mine = malloc(size);
		if (!buf)
			return NULL;
	}
	r = __sys2(SYS_getcwd, buf, size);
	if (r < 0) {
		free(mine);
		__sys_ret(r);
		return NULL;
	}
	return buf;
}
