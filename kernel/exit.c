/*
 * kernel/exit.c: ending a task and collecting its status.
 *
 * An exiting task gives back its address space and files at once, hands
 * its children to another thread of its process or to init, and stays as
 * a zombie holding only its task structure and kernel stack until its
 * parent's wait4 reads the status and frees them.  A thread other than
 * the leader is freed at once; the leader waits, a zombie, for the last of
 * its threads, and only then does the parent see the process end.
 */
#include <errno.h>
#include <mm_user.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <fs.h>
#include <fs_struct.h>
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

/* find_alive_thread: a thread of t's group other than t that is not exiting, or NULL. */
static struct task_struct *find_alive_thread(struct task_struct *t)
{
	struct task_struct *th;

	for_each_thread(t->signal, th)
		if (th != t && !(th->flags & PF_EXITING))
			return th;
	return NULL;
}

/*
 * forget_original_parent: t's children go to another thread of its
 * process, or to init (to the boot task before init exists), which reaps
 * them.  As Linux's reparent_leader, a child moving to another process
 * now reports with SIGCHLD whatever clone asked, or a plain wait4 in init
 * could never see it.  Every thread of a child has the new parent.
 */
static void forget_original_parent(struct task_struct *t)
{
	struct task_struct *reaper = find_alive_thread(t), *child, *n, *th;

	if (!reaper)
		reaper = init_process ? init_process : &init_task;
	list_for_each_entry_safe(child, n, &t->children, sibling) {
		list_del(&child->sibling);
		for_each_thread(child->signal, th)
			th->parent = reaper;
		if (reaper->signal != t->signal)
			child->exit_signal = SIGCHLD;
		list_add_tail(&child->sibling, &reaper->children);
		if (child->state == TASK_ZOMBIE)
			wake_up(&reaper->signal->wait_chldexit);
	}
}

/* task_exit_code: the status wait4 reports for a leader: the group's, if it ended as one. */
static int task_exit_code(const struct task_struct *t)
{
	return (t->signal->flags & SIGNAL_GROUP_EXIT) ? t->signal->group_exit_code : t->exit_code;
}

/* unhash_task: t leaves every list: its parent's children, its thread group, all tasks. */
static void unhash_task(struct task_struct *t)
{
	if (thread_group_leader(t))
		list_del(&t->sibling);
	account_exited_thread(t);
	list_del_init(&t->thread_node);
	t->signal->nr_threads--;
	list_del(&t->tasks);
	t->state = TASK_DEAD;
}

/* release_task: nobody will look at t again, and it does not run: free what is left. */
static void release_task(struct task_struct *t)
{
	unhash_task(t);
	free_task(t);
}

/*
 * exit_notify: t is a zombie.  A leader tells its parent once it is the
 * last of its group; until then the parent's wait passes it over.  Any
 * other thread is gone at once (nobody waits for a thread), and if it was
 * the last, it tells the parent about the zombie leader in its place.
 * True if t itself is to be freed as soon as it stops running.
 */
static bool exit_notify(struct task_struct *t)
{
	struct task_struct *leader = t->group_leader;
	int code;

	if (thread_group_leader(t)) {
		if (t->signal->nr_threads > 1)
			return false;
		code = task_exit_code(t);
		return do_notify_parent(t, (code & 0x7f) ? CLD_KILLED : CLD_EXITED, code);
	}
	unhash_task(t);
	if (leader->state == TASK_ZOMBIE && leader->signal->nr_threads == 1) {
		code = task_exit_code(leader);
		if (do_notify_parent(leader, (code & 0x7f) ? CLD_KILLED : CLD_EXITED, code))
			release_task(leader);	/* a zombie does not run: freed now */
	}
	return true;
}

__attribute__((noreturn)) void do_exit(int code)
{
	struct task_struct *t = current;
	struct signal_struct *sig = t->signal;

	t->flags |= PF_EXITING;
	retarget_shared_pending(t, ~t->blocked);	/* what it would have taken, another thread takes */
	if (--sig->live == 0) {
		if (init_process && sig == init_process->signal)
			panic("Attempted to kill init! exitcode=%#x", code);
		/* As Linux's synchronize_group_exit: the last thread's exit is the process's. */
		if (!(sig->flags & SIGNAL_GROUP_EXIT)) {
			sig->flags |= SIGNAL_GROUP_EXIT;
			sig->group_exit_code = code;
		}
	}
	vfork_release(t);
	if (t->mm) {
		struct mm_struct *mm = t->mm;

		mm_release(t, mm);
		setmax_mm_hiwater_rss(&t->maxrss, mm);
		t->mm = NULL;
		mmput(mm);		/* the address space goes with its last user */
	}
	if (t->files) {
		put_files_struct(t->files);
		t->files = NULL;
	}
	exit_fs(t);
	forget_original_parent(t);
	t->exit_code = code;
	t->state = TASK_ZOMBIE;
	if (exit_notify(t)) {
		/* Nobody will wait: gone now; the next task frees the stack (finish_task_switch). */
		if (t->state != TASK_DEAD)
			unhash_task(t);
	}
	if (sig->group_exec_task)
		wake_up_process(sig->group_exec_task);	/* de_thread counts the threads left */
	schedule();
	panic("do_exit: a zombie ran again");
}

int zap_other_threads(struct task_struct *t)
{
	struct task_struct *th;
	int n = 0;

	for_each_thread(t->signal, th) {
		if (th == t || th->state == TASK_ZOMBIE || th->state == TASK_DEAD)
			continue;
		n++;
		th->pending |= sigmask(SIGKILL);
		signal_wake_up(th, true);
	}
	return n;
}

__attribute__((noreturn)) void do_group_exit(int code)
{
	struct signal_struct *sig = current->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		code = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		code = 0;		/* killed by another thread's exec (de_thread) */
	} else if (sig->nr_threads > 1) {
		sig->group_exit_code = code;
		sig->flags |= SIGNAL_GROUP_EXIT;
		zap_other_threads(current);
	}
	do_exit(code);
}

/* sys_exit: the calling thread ends; the process goes on while it has others. */
long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
	do_group_exit((code & 0xff) << 8);
}

/*
 * de_thread: exec in a process of several threads.  As Linux's, every
 * other thread is killed and waited for, and a thread other than the
 * leader takes the leader's pid, parent and place among its siblings,
 * while the old leader, a zombie by then, is freed unseen.
 */
int de_thread(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	struct task_struct *leader = t->group_leader;

	if (sig->nr_threads == 1)
		return unshare_sighand(t);	/* CLONE_SIGHAND without CLONE_THREAD */
	if (sig->flags & SIGNAL_GROUP_EXIT)
		return -EAGAIN;		/* the process is dying already */
	sig->group_exec_task = t;
	zap_other_threads(t);
	/* The others are released as they exit; a leader stays, as a zombie. */
	while (sig->nr_threads > (thread_group_leader(t) ? 1 : 2) ||
	       (!thread_group_leader(t) && leader->state != TASK_ZOMBIE)) {
		if (fatal_signal_pending(t)) {
			sig->group_exec_task = NULL;
			return -EINTR;
		}
		t->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	sig->group_exec_task = NULL;
	if (!thread_group_leader(t)) {
		int tid = t->pid;

		t->pid = leader->pid;
		leader->pid = tid;
		t->tgid = t->pid;
		t->start_time = leader->start_time;
		t->parent = leader->parent;
		t->exit_signal = leader->exit_signal;
		list_add(&t->sibling, &leader->sibling);	/* the leader's place among its siblings */
		t->group_leader = t;
		leader->group_leader = t;
		leader->exit_signal = -1;
		list_del_init(&leader->sibling);
		release_task(leader);	/* no longer the leader: off the thread list, freed */
	}
	return unshare_sighand(t);
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
	/* A zombie leader whose threads still run is not done yet (Linux's delay_group_leader). */
	if (t->state == TASK_ZOMBIE && (options & WEXITED) && t->signal->nr_threads == 1) {
		int code = task_exit_code(t);

		task_rusage_both(t, &r->ru);

		r->status = code;
		r->code = (code & 0x7f) ? CLD_KILLED : CLD_EXITED;
		r->si_status = (code & 0x7f) ? (code & 0x7f) : (code >> 8) & 0xff;
		if (!(options & WNOWAIT)) {
			acct_reaped_child(t->parent, t);
			release_task(t);
		}
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

/*
 * do_wait_once: a report from a child matching pid and options: its pid,
 * 0 if none has one yet, or -ECHILD.  As Linux, the children of every
 * thread of the process, unless __WNOTHREAD.
 */
static long do_wait_once(int pid, int options, struct wait_report *r)
{
	struct task_struct *th, *t, *n;
	bool any = false;

	for_each_thread(current->signal, th) {
		if ((options & __WNOTHREAD) && th != current)
			continue;
		list_for_each_entry_safe(t, n, &th->children, sibling) {
			if (!child_matches(t, pid, options))
				continue;
			any = true;
			if (wait_child_report(t, options, r))
				return r->pid;
		}
	}
	return any ? 0 : -ECHILD;
}

/* do_wait: do_wait_once, sleeping until a child has something unless WNOHANG. */
static long do_wait(int pid, int options, struct wait_report *r)
{
	long got;

	if (options & WNOHANG)
		return do_wait_once(pid, options, r);
	if (wait_event_interruptible(current->signal->wait_chldexit,
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
