/*
 * abi.c: where picolibc's numbering meets the kernel's.
 *
 * picolibc comes from newlib, whose errno values and open flags are not
 * Linux's, and libc.a was compiled with them (strerror, fopen), so programs
 * keep picolibc's values and every system call translates at the boundary.
 */
#define __LINUX_ERRNO_EXTENSIONS__	/* the names for every Linux errno */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include "linux.h"

/*
 * Linux errno → picolibc errno, for the values that differ (Linux's
 * asm-generic/errno.h against picolibc's sys/errno.h).  A zero entry means
 * "the same number".  Linux errors picolibc has no name for become EIO,
 * rather than an unrelated picolibc error that happens to share the number.
 */
static const unsigned char errno_from_linux[] = {
	[35] = EDEADLK, [36] = ENAMETOOLONG, [37] = ENOLCK, [38] = ENOSYS,
	[39] = ENOTEMPTY, [40] = ELOOP, [41] = EIO, [42] = ENOMSG,
	[43] = EIDRM, [44] = ECHRNG, [45] = EL2NSYNC, [46] = EL3HLT,
	[47] = EL3RST, [48] = ELNRNG, [49] = EUNATCH, [50] = ENOCSI,
	[51] = EL2HLT, [52] = EBADE, [53] = EBADR, [54] = EXFULL,
	[55] = ENOANO, [56] = EBADRQC, [57] = EBADSLT, [58] = EIO,
	[59] = EBFONT, [72] = EMULTIHOP, [73] = EDOTDOT, [74] = EBADMSG,
	[75] = EOVERFLOW, [76] = ENOTUNIQ, [77] = EBADFD, [78] = EREMCHG,
	[79] = ELIBACC, [80] = ELIBBAD, [81] = ELIBSCN, [82] = ELIBMAX,
	[83] = ELIBEXEC, [84] = EILSEQ, [85] = EIO, [86] = ESTRPIPE,
	[87] = EUSERS, [88] = ENOTSOCK, [89] = EDESTADDRREQ, [90] = EMSGSIZE,
	[91] = EPROTOTYPE, [92] = ENOPROTOOPT, [93] = EPROTONOSUPPORT,
	[94] = ESOCKTNOSUPPORT, [97] = EAFNOSUPPORT, [98] = EADDRINUSE,
	[99] = EADDRNOTAVAIL, [100] = ENETDOWN, [101] = ENETUNREACH,
	[102] = ENETRESET, [103] = ECONNABORTED, [106] = EISCONN,
	[107] = ENOTCONN, [108] = ESHUTDOWN, [109] = ETOOMANYREFS,
	[110] = ETIMEDOUT, [112] = EHOSTDOWN, [113] = EHOSTUNREACH,
	[114] = EALREADY, [115] = EINPROGRESS, [116] = ESTALE,
	[117 ... 121] = EIO, [122] = EDQUOT, [123] = ENOMEDIUM, [124] = EIO,
	[125] = ECANCELED, [126 ... 129] = EIO, [130] = EOWNERDEAD,
	[131] = ENOTRECOVERABLE, [132 ... 133] = EIO,
};

int __errno_from_linux(int e)
{
	if (e > 0 && e < (int)sizeof(errno_from_linux) && errno_from_linux[e])
		return errno_from_linux[e];
	return e;
}

long __sys_ret(long r)
{
	if (r < 0 && r >= -4095) {
		errno = __errno_from_linux((int)-r);
		return -1;
	}
	return r;
}

/*
 * picolibc O_* → Linux O_* (asm-generic/fcntl.h).  The access mode
 * (O_RDONLY 0, O_WRONLY 1, O_RDWR 2) is the same two-bit field in both.
 */
static const struct {
	int pico;
	long linux;
} oflags[] = {
	{ O_CREAT, 0100 },
	{ O_EXCL, 0200 },
	{ O_NOCTTY, 0400 },
	{ O_TRUNC, 01000 },
	{ O_APPEND, 02000 },
	{ O_NONBLOCK, 04000 },
	{ O_SYNC, 04010000 },
	{ O_DIRECT, 040000 },
	{ O_DIRECTORY, 0200000 },
	{ O_NOFOLLOW, 0400000 },
	{ O_CLOEXEC, 02000000 },
};

long __oflags_to_linux(int flags)
{
	long out = flags & O_ACCMODE;

	flags &= ~O_ACCMODE;
	for (unsigned i = 0; i < sizeof(oflags) / sizeof(oflags[0]); i++) {
		if (flags & oflags[i].pico) {
			out |= oflags[i].linux;
			flags &= ~oflags[i].pico;
		}
	}
	return flags ? -1 : out;
}

int __oflags_from_linux(long flags)
{
	int out = (int)(flags & O_ACCMODE);

	for (unsigned i = 0; i < sizeof(oflags) / sizeof(oflags[0]); i++)
		if ((flags & oflags[i].linux) == oflags[i].linux)
			out |= oflags[i].pico;
	return out;
}

long __dirfd_to_linux(int dirfd)
{
	return dirfd == AT_FDCWD ? LINUX_AT_FDCWD : dirfd;
}

/*
 * syscall(): the raw Linux call, for what has no wrapper (and for tests
 * that must reach the kernel without the C library in between).  Like
 * glibc's it always fetches six arguments; the unused ones are whatever
 * the registers held, and the kernel ignores them.
 */
long syscall(long nr, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __sys_ret(__sys6(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}
