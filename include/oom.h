/*
 * include/oom.h: the out-of-memory killer (mm/oom_kill.c) and its policy,
 * the badness of a task (mm/oom_badness.c).
 */
#ifndef _RVMM_OOM_H
#define _RVMM_OOM_H

#include <types.h>

#ifndef LONG_MIN
#define LONG_MIN	(-__LONG_MAX__ - 1L)
#endif

#define OOM_SCORE_ADJ_MIN	(-1000)	/* never chosen */
#define OOM_SCORE_ADJ_MAX	1000
#define OOM_DISABLE		(-17)	/* the deprecated oom_adj's "never" */
#define OOM_ADJUST_MAX		15

struct task_struct;

extern int sysctl_panic_on_oom;			/* 0 kill; 1 and 2 panic (no cpusets: both always) */
extern int sysctl_oom_kill_allocating_task;	/* kill the allocating task if it may be */
extern int sysctl_oom_dump_tasks;		/* print the task table (default 1) */
extern int sysctl_oom_badness_classic;		/* rvmm's own: 1 uses Linux 2.6.32's rule */

/*
 * oom_badness: the policy: how much killing t would help, higher is
 * worse; LONG_MIN for a task that may never be chosen (init, kernel
 * threads, zombies, oom_score_adj -1000, a vfork child, an mm already
 * being torn down or reaped).  totalpages is RAM plus swap.
 */
long oom_badness(const struct task_struct *t, unsigned long totalpages);
/* oom_score: /proc/<pid>/oom_score: the badness scaled to 0..2000 (0: unkillable). */
unsigned long oom_score(const struct task_struct *t, unsigned long totalpages);
/* oom_totalpages: what badness is measured against: all RAM (rvmm has no swap yet). */
unsigned long oom_totalpages(void);

/*
 * out_of_memory: an allocation of 2^order pages with gfp failed and
 * nothing else can free memory: kill the worst task (or panic, as the
 * sysctls say) and reap its anonymous memory now.  true when memory has
 * been or is being freed and the allocation should be retried.
 */
bool out_of_memory(gfp_t gfp, unsigned int order);
/*
 * pagefault_out_of_memory: a user fault could not get a page.  The OOM
 * killer has run from the allocation; give the victim the CPU so that it
 * exits, and let the fault be retried.  No SIGBUS, as Linux.
 */
void pagefault_out_of_memory(void);
/* oom_bench_done: the allocation that called out_of_memory() succeeded (bench=oom). */
void oom_bench_done(void);
/* tsk_is_oom_victim: t has been chosen and killed: it may use the reserves to exit. */
bool tsk_is_oom_victim(const struct task_struct *t);

#endif
