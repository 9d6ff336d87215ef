/*
 * kernel/exit.c: ending a task and collecting its status.
 *
 * An exiting task gives back its address space and files at once, hands
 * its children to init, and stays as a zombie holding only its task
 * structure and kernel stack until its parent's wait4 reads the status
 * and frees them.
 */
#include <errno.h>
#include <mm_user.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <fs.h>
#include <uaccess.h>

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002	/* stopped children too: rvmm stops none, so nothing to add */
#define WCONTINUED	0x00000008	/* continued children too: likewise */
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

void free_task(struct task_struct *t);
struct task_struct *init_process;	/* pid 1: adopts orphans */

/* vfork_release: a vfork child no longer uses the parent's memory; let the parent go on. */
void vfork_release(struct task_struct *t)
{
	if (t->vfork_parent && !t->vfork_done) {
		t->vfork_done = true;
		wake_up_process(t->vfork_parent);
	}
}

__attribute__((noreturn)) void do_exit(int code)
{
	struct task_struct *t = current, *child, *n;

	if (t == init_process)
		panic("Attempted to kill init! exitcode=%#x", code);
	vfork_release(t);
	if (t->mm) {
		struct mm_struct *mm = t->mm;

		t->mm = NULL;
		mmput(mm);
	}
	if (t->files) {
		put_files_struct(t->files);
		t->files = NULL;
	}
	if (t->cwd) {
		iput(t->cwd);
		t->cwd = NULL;
	}
	/*
	 * Orphans go to init (to the boot task before init exists), which reaps
	 * them.  As Linux's reparent_leader, each now reports with SIGCHLD
	 * whatever clone asked, or a plain wait4 in init could never see it.
	 */
	list_for_each_entry_safe(child, n, &t->children, sibling) {
		struct task_struct *reaper = init_process ? init_process : &init_task;

		list_del(&child->sibling);
		child->parent = reaper;
		child->exit_signal = SIGCHLD;
		list_add_tail(&child->sibling, &reaper->children);
		if (child->state == TASK_ZOMBIE)
			wake_up(&reaper->wait_child);
	}
	t->exit_code = code;
	t->state = TASK_ZOMBIE;
	wake_up(&t->parent->wait_child);
	schedule();
	panic("do_exit: a zombie ran again");
}

long sys_exit_group(int code)
{
	do_exit((code & 0xff) << 8);
}

/* release_task: the parent has the status: free what is left. */
static void release_task(struct task_struct *t)
{
	list_del(&t->sibling);
	list_del(&t->tasks);
	t->state = TASK_DEAD;
	free_task(t);
}

/*
 * child_matches: is t one of the children wait4(pid, ..., options) waits
 * for?  pid -1 is any child; rvmm has no setpgid, so every child is in its
 * parent's process group: pid 0 is any child too, and a pid below -1 names
 * a group none of them is in.  Without __WALL, __WCLONE picks the children
 * that report with a signal other than SIGCHLD, and its absence the others.
 */
static bool child_matches(const struct task_struct *t, int pid, int options)
{
	if (!(options & __WALL) && ((t->exit_signal != SIGCHLD) != !!(options & __WCLONE)))
		return false;
	return pid == -1 || pid == 0 || t->pid == pid;
}

/* do_wait: reap a zombie child matching pid and options; its pid, 0 if none is a zombie yet, or -ECHILD. */
static long do_wait(int pid, int *status, int options)
{
	struct task_struct *t;
	bool any = false;

	list_for_each_entry(t, &current->children, sibling) {
		if (!child_matches(t, pid, options))
			continue;
		any = true;
		if (t->state == TASK_ZOMBIE) {
			int child_pid = t->pid;

			*status = t->exit_code;
			release_task(t);
			return child_pid;
		}
	}
	return any ? 0 : -ECHILD;
}

long kernel_wait4(int pid, int *status)
{
	return do_wait(pid, status, __WALL);
}

long sys_wait4(int pid, int __user *status, int options, void __user *rusage)
{
	int code = 0;
	long got;

	/* Linux's order: the options, then the pid (-INT_MIN is not a group). */
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH;
	/*
	 * As Linux, the child is reaped before the status is written, so a bad
	 * pointer costs the status (EFAULT) but the child is gone all the same.
	 */
	if (options & WNOHANG)
		got = do_wait(pid, &code, options);
	else if (wait_event_interruptible(current->wait_child,
					  (got = do_wait(pid, &code, options)) != 0))
		return -ERESTARTSYS;
	if (got <= 0)
		return got;
	if (status && put_user(code, status))
		return -EFAULT;
	if (rusage && clear_user(rusage, 144))	/* sizeof(struct rusage): no accounting yet */
		return -EFAULT;
	return got;
}
