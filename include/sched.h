/*
 * include/sched.h: tasks.  What other subsystems may know of a task; the
 * scheduler's own fields are private to kernel/sched.c and kernel/fork.c.
 */
#ifndef _RVMM_SCHED_H
#define _RVMM_SCHED_H

#include <list.h>
#include <types.h>

struct files_struct;
struct inode;
struct mm_struct;

#define TASK_COMM_LEN	16

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN];		/* program name, as ps shows it */
	struct files_struct *files;		/* open file descriptors */
	struct inode *cwd;			/* current directory */
	struct mm_struct *mm;			/* user address space; NULL for kernel threads */
	/* scheduler and process-tree fields are added by kernel/sched.c's owner */
};

/* current: the task this hart runs.  Before the first process, the boot task. */
extern struct task_struct *current;

#endif
