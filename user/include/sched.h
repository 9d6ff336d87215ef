/*
 * sched.h: picolibc's, plus sched_yield(), which picolibc declares only
 * where it claims POSIX threads or priority scheduling.
 */
#ifndef _RVMM_SCHED_H
#define _RVMM_SCHED_H

#include_next <sched.h>

#ifdef __cplusplus
extern "C" {
#endif

int sched_yield(void);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SCHED_H */
