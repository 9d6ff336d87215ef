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

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_UNISTD_H */
