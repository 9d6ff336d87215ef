/*
 * time.h: picolibc's, plus nanosleep(), which picolibc declares only
 * where it claims all of POSIX timers (_POSIX_TIMERS: timer_create and
 * the rest), which rvmm does not offer.
 */
#ifndef _RVMM_TIME_H
#define _RVMM_TIME_H

#include_next <time.h>

#ifdef __cplusplus
extern "C" {
#endif

int nanosleep(const struct timespec *req, struct timespec *rem);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_TIME_H */
