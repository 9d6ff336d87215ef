/*
 * include/proc_fs.h: what /proc needs from the process code (kernel/pid.c)
 * and what it gives it (kernel/fs/proc/array.c, task_mmu.c).
 */
#ifndef _RVMM_PROC_FS_H
#define _RVMM_PROC_FS_H

#include <seq_buf.h>

struct task_struct;

/* find_task_by_pid: the live task with this pid, or NULL. */
struct task_struct *find_task_by_pid(int pid);
/* for_each_pid: call fn on every live user-visible pid in ascending order until it returns non-zero. */
int for_each_pid(int (*fn)(int pid, void *arg), void *arg);
/* proc_pid_status: /proc/<pid>/status in Linux's format (Name, State, Pid, PPid, VmSize, VmRSS, ...). */
void proc_pid_status(struct task_struct *t, struct seq_buf *m);
/* proc_pid_stat: /proc/<pid>/stat, Linux's 52 fields (those rvmm has no value for are 0). */
void proc_pid_stat(struct task_struct *t, struct seq_buf *m);
/* proc_pid_maps: /proc/<pid>/maps in Linux's format. */
void proc_pid_maps(struct task_struct *t, struct seq_buf *m);

#endif
