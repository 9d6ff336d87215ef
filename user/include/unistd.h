/*
 * unistd.h: picolibc's, plus the Linux calls glibc declares here that
 * picolibc does not (brk, syscall).
 */
#ifndef _RVMM_UNISTD_H
#define _RVMM_UNISTD_H

#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

int brk(void *addr);
/* Linux system call NR with up to six arguments; -1 and errno on failure. */
long syscall(long nr, ...);
/* pread/pwrite on 64-bit offsets are the same calls (glibc's names). */
ssize_t pread64(int fd, void *buf, size_t count, off_t offset);
ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_UNISTD_H */
