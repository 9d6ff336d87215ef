/*
 * include/syscalls.h: the system calls the file system implements, with
 * Linux's signatures, for the system-call table.  Each returns a
 * non-negative result or -errno.
 *
 * Names are those of Linux's riscv64 table (asm-generic/unistd.h): the
 * 64-bit fstat(2) and newfstatat(2) are sys_newfstat and sys_newfstatat,
 * and there are no open, dup2, mkdir or unlink calls (glibc uses openat,
 * dup3, mkdirat and unlinkat).
 */
#ifndef _RVMM_SYSCALLS_H
#define _RVMM_SYSCALLS_H

#include <fs.h>
#include <uaccess.h>

long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode);	/* 56 */
long sys_close(unsigned int fd);						/* 57 */
long sys_ftruncate(unsigned int fd, off_t length);				/* 46 */
long sys_read(unsigned int fd, char __user *buf, size_t count);			/* 63 */
long sys_write(unsigned int fd, const char __user *buf, size_t count);		/* 64 */
long sys_lseek(unsigned int fd, off_t offset, unsigned int whence);		/* 62 */
long sys_newfstat(unsigned int fd, struct stat __user *statbuf);		/* 80 */
long sys_newfstatat(int dfd, const char __user *filename,
		    struct stat __user *statbuf, int flag);			/* 79 */
long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int bufsiz); /* 78 */
long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent,
		    unsigned int count);					/* 61 */
long sys_dup(unsigned int fildes);						/* 23 */
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);		/* 24 */
long sys_pipe2(int __user *fildes, int flags);					/* 59 */
long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode);		/* 34 */
long sys_mknodat(int dfd, const char __user *filename, umode_t mode,
		 unsigned int dev);						/* 33 */
long sys_unlinkat(int dfd, const char __user *pathname, int flag);		/* 35 */
long sys_chdir(const char __user *filename);					/* 49 */
long sys_getcwd(char __user *buf, unsigned long size);			/* 17 */
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);		/* 29 */
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);		/* 25 */
long sys_symlinkat(const char __user *oldname, int newdfd,
		   const char __user *newname);				/* 36 */
long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags);			/* 37 */
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags);		/* 276 */
long sys_faccessat(int dfd, const char __user *filename, int mode);		/* 48 */
long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags);	/* 439 */
struct iovec;
long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen); /* 65 */
long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen); /* 66 */
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);	/* 67 */
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos); /* 68 */
long sys_preadv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		unsigned long pos_l, unsigned long pos_h);			/* 69 */
long sys_pwritev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		 unsigned long pos_l, unsigned long pos_h);			/* 70 */
long sys_fsync(unsigned int fd);						/* 82 */
long sys_fdatasync(unsigned int fd);						/* 83 */
long sys_umask(int mask);							/* 166 */

#endif
