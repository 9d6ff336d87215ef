/*
 * kernel/fs/proc/array.c: /proc/<pid>/status and /proc/<pid>/stat, as
 * Linux's fs/proc/array.c; the memory lines of status come from task_mem
 * (task_mmu.c).
 */
#include <proc_fs.h>
#include <mm_user.h>
#include <sched.h>
#include "internal.h"

static char state_letter(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_STOPPED:
		return 'T';
	case TASK_ZOMBIE:
		return 'Z';
	default:
		return 'X';
	}
}

static const char *state_name(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return "running";
	case TASK_INTERRUPTIBLE:
		return "sleeping";
	case TASK_UNINTERRUPTIBLE:
		return "disk sleep";
	case TASK_STOPPED:
		return "stopped";
	case TASK_ZOMBIE:
		return "zombie";
	default:
		return "dead";
	}
}

void proc_pid_status(struct task_struct *t, struct seq_buf *m)
{
	struct mm_struct *mm = t->mm;

	seq_buf_printf(m, "Name:\t%s\n", t->comm);
	seq_buf_printf(m, "State:\t%c (%s)\n", state_letter(t), state_name(t));
	seq_buf_printf(m, "Tgid:\t%d\n", t->tgid);
	seq_buf_printf(m, "Pid:\t%d\n", t->pid);
	seq_buf_printf(m, "PPid:\t%d\n", t->parent ? t->parent->tgid : 0);
	if (mm)
		task_mem(m, mm);
	seq_buf_printf(m, "Threads:\t%d\n", t->signal->nr_threads);
}


/*
 * proc_pid_stat: one line, Linux's field order (proc(5)).  Times are in
 * clock ticks (USER_HZ, which is HZ here); rvmm has no process groups,
 * sessions, terminals, nice or page-fault counts per task: those are 0.
 */
void proc_pid_stat(struct task_struct *t, struct seq_buf *m)
{
	struct mm_struct *mm = t->mm;
	unsigned long vsize = mm ? mm->total_vm << PAGE_SHIFT : 0;
	unsigned long rss = mm ? mm->rss_anon + mm->rss_file + mm->rss_shmem : 0;

	seq_buf_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu ",
		       t->pid, t->comm, state_letter(t), t->parent ? t->parent->pid : 0,
		       0, 0, 0, -1, 0u, 0UL, 0UL, 0UL, 0UL);
	seq_buf_printf(m, "%llu %llu %ld %ld %ld %ld %d %d %llu %lu %lu %lu ",
		       (unsigned long long)t->utime, (unsigned long long)t->stime, 0L, 0L,
		       20L, 0L, t->signal->nr_threads, 0, (unsigned long long)t->start_time, vsize, rss,
		       ~0UL);
	seq_buf_printf(m, "%lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %d %d %u %u %llu %lu %ld ",
		       mm ? mm->start_code : 0, mm ? mm->end_code : 0, mm ? mm->start_stack : 0,
		       0UL, 0UL, 0UL, 0UL, 0UL, 0UL, 0UL, 0UL, 0UL, t->exit_signal, 0, 0u, 0u,
		       0ULL, 0UL, 0L);
	seq_buf_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n",
		       mm ? mm->start_data : 0, mm ? mm->end_data : 0, mm ? mm->start_brk : 0,
		       0UL, 0UL, 0UL, 0UL, t->exit_code);
}
