/*
 * sys/resource.h: getrusage(2) with Linux's struct rusage, and the
 * resource limits: Linux's RLIMIT_* numbers and struct rlimit, as glibc
 * has them for riscv64 (rlim_t is 64 bits, RLIM_INFINITY all ones).
 * picolibc's header has only the two times of struct rusage and no
 * limits, so this one replaces it rather than adding to it.
 */
#ifndef _RVMM_SYS_RESOURCE_H
#define _RVMM_SYS_RESOURCE_H

#include <sys/time.h>
#include <sys/types.h>

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIMIT_NLIMITS		16
#define RLIM_NLIMITS		RLIMIT_NLIMITS

typedef unsigned long rlim_t;
#define RLIM_INFINITY		((rlim_t)-1)
#define RLIM_SAVED_MAX		RLIM_INFINITY
#define RLIM_SAVED_CUR		RLIM_INFINITY

struct rlimit {
	rlim_t rlim_cur;	/* the soft limit: what is enforced */
	rlim_t rlim_max;	/* the hard limit: the ceiling of rlim_cur */
};

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

#ifdef __cplusplus
extern "C" {
#endif

int getrusage(int who, struct rusage *usage);
int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
/* prlimit: glibc's name for prlimit64 (pid 0 is the caller). */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_RESOURCE_H */
