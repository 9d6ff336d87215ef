/*
 * sys/uio.h: vectored I/O, which picolibc does not have: struct iovec and
 * readv, writev, preadv, pwritev (user/lib/file.c).  IOV_MAX, the most
 * segments one call takes, is 1024 as on Linux (<limits.h>).
 */
#ifndef _RVMM_SYS_UIO_H
#define _RVMM_SYS_UIO_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iovec {
	void *iov_base;
	size_t iov_len;
};

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_UIO_H */
