/*
 * include/errno.h: error numbers, with Linux's values (asm-generic, which
 * riscv64 uses).
 *
 * System calls return -Exxx and user programs built against glibc compare
 * errno with glibc's numbers, which are Linux's.  picolibc's own errno.h
 * (the C library the kernel links) is newlib's list: it agrees up to
 * ERANGE (34) but not after (its ENOSYS is 88, Linux's 38; ENOTEMPTY,
 * ENAMETOOLONG and ELOOP differ too).  This header sits earlier on the
 * include path, so every `#include <errno.h>` in the kernel gets Linux's
 * numbers.  The host tests (HOST_TEST) run on Linux and take the host's.
 */
#ifdef HOST_TEST
#include_next <errno.h>
#else
#ifndef _RVMM_ERRNO_H
#define _RVMM_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define ENOTBLK		15
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define ETXTBSY		26
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EMLINK		31
#define EPIPE		32
#define EDOM		33
#define ERANGE		34
#define EDEADLK		35
#define ENAMETOOLONG	36
#define ENOLCK		37
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define EWOULDBLOCK	EAGAIN
#define ENOMSG		42
#define EIDRM		43
#define ENOSTR		60
#define ENODATA		61
#define ETIME		62
#define ENOSR		63
#define ENOLINK		67
#define EPROTO		71
#define EMULTIHOP	72
#define EBADMSG		74
#define EOVERFLOW	75
#define EBADFD		77
#define EILSEQ		84
#define ENOTSOCK	88
#define EMSGSIZE	90
#define ENOPROTOOPT	92
#define EOPNOTSUPP	95
#define ENOTSUP		EOPNOTSUPP
#define EAFNOSUPPORT	97
#define EADDRINUSE	98
#define ENOBUFS		105
#define ETIMEDOUT	110
#define ECONNREFUSED	111
#define EALREADY	114
#define EINPROGRESS	115
#define ESTALE		116
#define EDQUOT		122
#define ECANCELED	125
#define EOWNERDEAD	130
#define ENOTRECOVERABLE	131

/*
 * Kernel-internal: never seen by user programs.  A system call interrupted
 * by a signal returns -ERESTARTSYS; the signal code turns it into -EINTR or
 * restarts the call (SA_RESTART).
 */
#define ERESTARTSYS	512
#define ERESTARTNOINTR	513
#define ERESTARTNOHAND	514	/* restart only if no handler ran (sigsuspend) */
#define ENOIOCTLCMD	515

#endif
#endif
