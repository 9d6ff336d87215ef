/*
 * sys/wait.h: picolibc's, plus wait4() as glibc declares it.  The status
 * word is Linux's encoding, which picolibc's W* macros already decode.
 */
#ifndef _RVMM_SYS_WAIT_H
#define _RVMM_SYS_WAIT_H

#include_next <sys/wait.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rusage;
pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_WAIT_H */
