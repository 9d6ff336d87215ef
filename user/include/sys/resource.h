/*
 * sys/resource.h: getrusage(2) with Linux's struct rusage.  picolibc's
 * header has only the two times, so this one replaces it rather than
 * adding to it.
 */
#ifndef _RVMM_SYS_RESOURCE_H
#define _RVMM_SYS_RESOURCE_H

#include <sys/time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RUSAGE_SELF	0		/* the calling process */
#define RUSAGE_CHILDREN	(-1)		/* its children that have been waited for */
#define RUSAGE_THREAD	1		/* the calling thread */

struct rusage {
	struct timeval ru_utime;	/* user time used */
	struct timeval ru_stime;	/* system time used */
	long ru_maxrss;			/* peak resident set, KiB */
	long ru_ixrss, ru_idrss, ru_isrss;	/* unused on Linux */
	long ru_minflt;			/* page faults served without I/O */
	long ru_majflt;			/* page faults that needed I/O */
	long ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw, ru_nivcsw;	/* context switches */
};

int getrusage(int who, struct rusage *usage);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_RESOURCE_H */
