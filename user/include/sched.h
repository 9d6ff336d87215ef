/*
 * sched.h: picolibc's, plus sched_yield(), which picolibc declares only
 * where it claims POSIX threads or priority scheduling, and clone(2)'s
 * flags (Linux's values, as glibc's <sched.h> gives them).
 */
#ifndef _RVMM_SCHED_H
#define _RVMM_SCHED_H

#include_next <sched.h>

#define CLONE_VM		0x00000100	/* share the address space */
#define CLONE_FS		0x00000200	/* share the current directory and umask */
#define CLONE_FILES		0x00000400	/* share the descriptor table */
#define CLONE_SIGHAND		0x00000800	/* share the signal actions */
#define CLONE_VFORK		0x00004000	/* the parent sleeps until the child execs or exits */
#define CLONE_THREAD		0x00010000	/* the same thread group */
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000	/* the child's tp is the tls argument */
#define CLONE_PARENT_SETTID	0x00100000	/* store the child's tid at parent_tid */
#define CLONE_CHILD_CLEARTID	0x00200000	/* at exit, zero child_tid and wake its futex */
#define CLONE_CHILD_SETTID	0x01000000	/* the child stores its tid at child_tid */

#ifdef __cplusplus
extern "C" {
#endif

int sched_yield(void);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SCHED_H */
