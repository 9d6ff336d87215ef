/*
 * include/errno.h: error numbers as Linux's system-call ABI defines them
 * (asm-generic/errno-base.h and errno.h).  This header is found before
 * picolibc's, on purpose: picolibc uses newlib's numbering, which agrees
 * with Linux only up to ERANGE (34) -- ENOSYS, for one, is 88 there and 38
 * here -- and user space must see Linux's numbers.
 */
#ifndef _RVMM_ERRNO_H
#define _RVMM_ERRNO_H

#ifdef HOST_TEST
/* Host unit tests run on Linux: its own header has the same numbers, and errno. */
#include_next <errno.h>
#define ERESTARTSYS	512
#else

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
#define EOVERFLOW	75
#define EILSEQ		84
#define EOPNOTSUPP	95
#define ENOTSUP		EOPNOTSUPP
#define ETIMEDOUT	110
#define ECANCELED	125

/* Kernel-internal: never seen by user space. */
#define ERESTARTSYS	512

#endif /* HOST_TEST */
#endif
