/*
 * kernel/pid.c: process ids and the list of all tasks.
 */
#include <fs.h>
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
			if (t->pid > next && t->pid < best && t->state != TASK_DEAD &&
			    thread_group_leader(t))	/* as Linux's /proc: processes, not threads */
				best = t->pid;
		if (best == PID_MAX)
			return 0;
		ret = fn(best, arg);
		if (ret)
			return ret;
		next = best;
	}
}
