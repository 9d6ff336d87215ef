/*
 * sys/stat.h: picolibc's, plus lstat(), which POSIX has but picolibc
 * declares only for a few systems.
 */
#ifndef _RVMM_SYS_STAT_H
#define _RVMM_SYS_STAT_H

#include_next <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

int lstat(const char *__restrict path, struct stat *__restrict buf);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_STAT_H */
