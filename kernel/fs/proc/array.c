/*
 * kernel/fs/proc/array.c: /proc/<pid>/status, as Linux's fs/proc/array.c;
 * its memory lines come from task_mem (task_mmu.c).
 */
#include <proc_fs.h>
#include <sched.h>
#include "internal.h"

static char state_letter(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
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
	seq_buf_printf(m, "Tgid:\t%d\n", t->pid);
	seq_buf_printf(m, "Pid:\t%d\n", t->pid);
	seq_buf_printf(m, "PPid:\t%d\n", t->parent ? t->parent->pid : 0);
	if (mm)
		task_mem(m, mm);
}

