/*
 * kernel/pid.c: process ids, the list of all tasks, and what /proc shows
 * of a task.
 */
#include <fs.h>
#include <mm_user.h>
#include <proc_fs.h>
#include <sched.h>
#include <string.h>

#define PID_MAX 32768	/* /proc/sys/kernel/pid_max's default */

static int last_pid;

/* alloc_pid: the next free pid after the last one given, wrapping at PID_MAX; -1 when all are used. */
int alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		int pid = last_pid + 1 >= PID_MAX ? 1 : last_pid + 1;

		last_pid = pid;
		if (!find_task_by_pid(pid))
			return pid;
	}
	return -1;
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &init_task.tasks, tasks)
		if (t->pid == pid && t->state != TASK_DEAD)
			return t;
	return NULL;
}

int for_each_pid(int (*fn)(int pid, void *arg), void *arg)
{
	/* Ascending order without sorting: pids are few, ask for each in turn. */
	int next = 0, ret;

	for (;;) {
		struct task_struct *t;
		int best = PID_MAX;

		list_for_each_entry(t, &init_task.tasks, tasks)
			if (t->pid > next && t->pid < best && t->state != TASK_DEAD)
				best = t->pid;
		if (best == PID_MAX)
			return 0;
		ret = fn(best, arg);
		if (ret)
			return ret;
		next = best;
	}
}

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
	if (mm) {
		unsigned long rss = mm->rss_anon + mm->rss_file + mm->rss_shmem;

		seq_buf_printf(m, "VmSize:\t%8lu kB\n", mm->total_vm << (PAGE_SHIFT - 10));
		seq_buf_printf(m, "VmRSS:\t%8lu kB\n", rss << (PAGE_SHIFT - 10));
		seq_buf_printf(m, "RssAnon:\t%8lu kB\n", mm->rss_anon << (PAGE_SHIFT - 10));
		seq_buf_printf(m, "RssFile:\t%8lu kB\n", mm->rss_file << (PAGE_SHIFT - 10));
		seq_buf_printf(m, "RssShmem:\t%8lu kB\n", mm->rss_shmem << (PAGE_SHIFT - 10));
		seq_buf_printf(m, "VmPTE:\t%8lu kB\n", mm->pgtables_bytes >> 10);
	}
}

void proc_pid_maps(struct task_struct *t, struct seq_buf *m)
{
	if (!t->mm)
		return;
	for (struct vm_area_struct *v = t->mm->mmap; v; v = v->vm_next) {
		int len;

		len = seq_buf_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
				     v->vm_start, v->vm_end,
				     v->vm_flags & VM_READ ? 'r' : '-',
				     v->vm_flags & VM_WRITE ? 'w' : '-',
				     v->vm_flags & VM_EXEC ? 'x' : '-',
				     v->vm_flags & VM_MAYSHARE ? 's' : 'p',
				     /* Linux prints an offset only for what is backed by a file */
				     (v->vm_file || (v->vm_name && v->vm_name[0] != '[')) ?
				     v->vm_pgoff << PAGE_SHIFT : 0, 0, 0, 0UL);
		const char *name = v->vm_file && v->vm_file->f_name ? v->vm_file->f_name : v->vm_name;

		if (name)	/* the name starts at column 73, as Linux pads it */
			seq_buf_printf(m, "%*s%s", len < 73 ? 73 - len : 1, "", name);
		seq_buf_printf(m, "\n");
	}
}
