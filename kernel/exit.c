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
#define WUNTRACED	0x00000002	/* stopped children too; waitid calls it WSTOPPED */
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004	/* waitid: children that ended (wait4 always asks) */
#define WCONTINUED	0x00000008	/* children SIGCONT continued */
#define WNOWAIT		0x01000000	/* waitid: report, but leave the child as it is */
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

#define P_ALL		0
#define P_PID		1
#define P_PGID		2

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

		setmax_mm_hiwater_rss(&t->maxrss, mm);
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
	if (do_notify_parent(t, (code & 0x7f) ? CLD_KILLED : CLD_EXITED, code)) {
		/* Nobody will wait: gone now; the next task frees the stack (finish_task_switch). */
		list_del(&t->sibling);
		list_del(&t->tasks);
		t->state = TASK_DEAD;
	}
	schedule();
	panic("do_exit: a zombie ran again");
}

long sys_exit_group(int code)
{
	do_exit((code & 0xff) << 8);
}

/* release_task: the parent has the status: free what is left, its times and faults now the parent's. */
static void release_task(struct task_struct *t)
{
	acct_reaped_child(t->parent, t);
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

/* What wait4 and waitid report of one child: waitid's si_code and si_status, wait4's status. */
struct wait_report {
	int pid, code, si_status, status;
	struct task_rusage ru;		/* the child's resource use, taken before it is reaped */
};

/*
 * wait_child_report: has t something for a wait with these options?  A
 * zombie (reaped unless WNOWAIT), a stop or a continue not yet reported.
 */
static bool wait_child_report(struct task_struct *t, int options, struct wait_report *r)
{
	r->pid = t->pid;
	if (t->state == TASK_ZOMBIE && (options & WEXITED)) {
		int code = t->exit_code;

		task_rusage_both(t, &r->ru);

		r->status = code;
		r->code = (code & 0x7f) ? CLD_KILLED : CLD_EXITED;
		r->si_status = (code & 0x7f) ? (code & 0x7f) : (code >> 8) & 0xff;
		if (!(options & WNOWAIT))
			release_task(t);
		return true;
	}
	if ((options & WSTOPPED) && t->state == TASK_STOPPED && (t->jobctl & JOBCTL_STOP_REPORT)) {
		task_rusage_both(t, &r->ru);
		r->status = (t->stop_sig << 8) | 0x7f;
		r->code = CLD_STOPPED;
		r->si_status = t->stop_sig;
		if (!(options & WNOWAIT))
			t->jobctl &= ~JOBCTL_STOP_REPORT;
		return true;
	}
	if ((options & WCONTINUED) && (t->jobctl & JOBCTL_CONT_REPORT)) {
		task_rusage_both(t, &r->ru);
		r->status = 0xffff;
		r->code = CLD_CONTINUED;
		r->si_status = SIGCONT;
		if (!(options & WNOWAIT))
			t->jobctl &= ~JOBCTL_CONT_REPORT;
		return true;
	}
	return false;
}

/* do_wait_once: a report from a child matching pid and options: its pid, 0 if none has one yet, or -ECHILD. */
static long do_wait_once(int pid, int options, struct wait_report *r)
{
	struct task_struct *t, *n;
	bool any = false;

	list_for_each_entry_safe(t, n, &current->children, sibling) {
		if (!child_matches(t, pid, options))
			continue;
		any = true;
		if (wait_child_report(t, options, r))
			return r->pid;
	}
	return any ? 0 : -ECHILD;
}

/* do_wait: do_wait_once, sleeping until a child has something unless WNOHANG. */
static long do_wait(int pid, int options, struct wait_report *r)
{
	long got;

	if (options & WNOHANG)
		return do_wait_once(pid, options, r);
	if (wait_event_interruptible(current->wait_child,
				     (got = do_wait_once(pid, options, r)) != 0))
		return -ERESTARTSYS;
	return got;
}

long kernel_wait4(int pid, int *status)
{
	struct wait_report r;
	long got = do_wait_once(pid, __WALL | WEXITED, &r);

	if (got > 0)
		*status = r.status;
	return got;
}

long sys_wait4(int pid, int __user *status, int options, void __user *rusage)
{
	struct wait_report r;
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
	got = do_wait(pid, options | WEXITED, &r);
	if (got <= 0)
		return got;
	if (status && put_user(r.status, status))
		return -EFAULT;
	if (rusage && put_task_rusage(&r.ru, rusage))
		return -EFAULT;
	return got;
}

/*
 * sys_waitid: the same children and reports as wait4, told in a siginfo
 * (SIGCHLD, CLD_*, the pid and the exit status or signal).  0, with a
 * zeroed si_pid if WNOHANG found nothing.
 */
long sys_waitid(int which, int id, struct siginfo __user *infop, int options, void __user *rusage)
{
	struct siginfo info = { 0 };
	struct wait_report r;
	int pid;
	long got;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		pid = -1;
		break;
	case P_PID:
		if (id <= 0)
			return -EINVAL;
		pid = id;
		break;
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		pid = id ? -id : 0;
		break;
	default:
		return -EINVAL;
	}
	got = do_wait(pid, options, &r);
	if (got < 0)
		return got;
	if (got > 0) {
		info.si_signo = SIGCHLD;
		info.si_code = r.code;
		info.chld.pid = r.pid;
		info.chld.status = r.si_status;
	}
	if (infop && copy_to_user(infop, &info, sizeof(info)))
		return -EFAULT;
	/* Only a child that reported has figures (Linux leaves the buffer alone otherwise). */
	if (rusage && got > 0 && put_task_rusage(&r.ru, rusage))
		return -EFAULT;
	return 0;
}
