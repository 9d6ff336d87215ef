/*
 * linux.h: the Linux riscv64 system-call ABI, private to user/lib.
 *
 * A system call is `ecall` with the number in a7 and up to six arguments
 * in a0-a5; the result comes back in a0, and a value in [-4095, -1] is a
 * negated errno.  Programs see picolibc's types and constants; the few
 * that differ from the kernel's (errno values, open flags, AT_* values,
 * struct stat) are translated here, at the boundary.
 */
#ifndef _RVMM_USER_LINUX_H
#define _RVMM_USER_LINUX_H

#include <sys/syscall.h>

static inline long __sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long a7 __asm__("a7") = nr;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "memory");
	return a0;
}

#define __sys0(nr)		__sys6(nr, 0, 0, 0, 0, 0, 0)
#define __sys1(nr, a)		__sys6(nr, (long)(a), 0, 0, 0, 0, 0)
#define __sys2(nr, a, b)	__sys6(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define __sys3(nr, a, b, c)	__sys6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __sys4(nr, a, b, c, d)	__sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define __sys5(nr, a, b, c, d, e) \
	__sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* A raw result to the C convention: -1 with errno set (in picolibc's numbering), or r. */
long __sys_ret(long r);

/* picolibc's errno value for a Linux one. */
int __errno_from_linux(int linux_errno);

/* Linux's open flags for picolibc's O_* bits; -1 if a bit has no Linux meaning. */
long __oflags_to_linux(int flags);

/* picolibc's O_* bits for Linux's open flags (F_GETFL); those picolibc has no name for go. */
int __oflags_from_linux(long flags);

/* Linux's dirfd for picolibc's (AT_FDCWD differs). */
long __dirfd_to_linux(int dirfd);

/* Linux values that differ from picolibc's */
#define LINUX_AT_FDCWD			(-100)
#define LINUX_AT_SYMLINK_NOFOLLOW	0x100
#define LINUX_AT_REMOVEDIR		0x200
#define LINUX_AT_EMPTY_PATH		0x1000
#define LINUX_AT_EACCESS		0x200
#define LINUX_AT_SYMLINK_FOLLOW		0x400
#define LINUX_F_DUPFD_CLOEXEC		1030

/* clone flags (fork and vfork are clone calls on riscv64) */
#define LINUX_CLONE_VM			0x00000100
#define LINUX_CLONE_VFORK		0x00004000

/* Linux's struct stat for riscv64 (asm-generic/stat.h), 128 bytes */
struct linux_stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned long st_rdev;
	unsigned long __pad1;
	long st_size;
	int st_blksize;
	int __pad2;
	long st_blocks;
	long st_atime_sec;
	unsigned long st_atime_nsec;
	long st_mtime_sec;
	unsigned long st_mtime_nsec;
	long st_ctime_sec;
	unsigned long st_ctime_nsec;
	unsigned int __unused4;
	unsigned int __unused5;
};

/* The records getdents64 fills: struct linux_dirent64 */
struct linux_dirent64 {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

#endif /* _RVMM_USER_LINUX_H */
