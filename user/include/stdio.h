/*
 * stdio.h: picolibc's, plus the rename calls glibc declares here:
 * renameat, and renameat2 with its RENAME_* flags (Linux's values).
 */
#ifndef _RVMM_STDIO_H
#define _RVMM_STDIO_H

#include_next <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RENAME_NOREPLACE	(1 << 0)	/* fail with EEXIST if newpath exists */
#define RENAME_EXCHANGE		(1 << 1)	/* swap the two, which must both exist */
#define RENAME_WHITEOUT		(1 << 2)

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_STDIO_H */
