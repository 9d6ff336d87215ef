/*
 * kernel/sigaction.c: the system calls that send signals and change how
 * they are received (actions, mask, alternate stack), as Linux's
 * kernel/signal.c.  sigsetsize must be 8: rvmm's sigset_t, like Linux's
 * on riscv64, is one 64-bit word.
 */
#include <errno.h>
#include <proc_fs.h>
#include <sched.h>
#include <signal.h>
#include <trap.h>
#include <uaccess.h>

#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

static bool valid_signal(int sig)
{
	return sig >= 0 && sig <= _NSIG;
}

/*
 * sys_kill: Linux looks the target up before it checks the signal, so a
 * missing process is ESRCH whatever the number.  A zombie still exists:
 * signalling it succeeds and does nothing.  Process groups: kill(0) and
 * kill(-1) are refused, a group below -1 is ESRCH.  The signal is for the
 * whole process, whichever of its threads' ids names it.
 */
long sys_kill(int pid, int sig)
{
	struct task_struct *t;

	if (pid < -1)
		return -ESRCH;		/* no such process group */
	if (pid <= 0)
		return -EINVAL;
	t = find_task_by_pid(pid);
	if (!t)
		return -ESRCH;
	if (!valid_signal(sig))
		return -EINVAL;
	if (sig)
		group_send_sig_info(t, sig, SI_USER, current->tgid);
	return 0;
}

/* sys_tgkill: one thread, tid, of the thread group tgid; ESRCH if tid is in another group. */
long sys_tgkill(int tgid, int tid, int sig)
{
	struct task_struct *t;

	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	t = find_task_by_pid(tid);
	if (!t || t->tgid != tgid)
		return -ESRCH;
	if (!valid_signal(sig))
		return -EINVAL;
	if (sig)
		send_signal_info(t, sig, SI_TKILL, current->tgid, 0);
	return 0;
}

long sys_tkill(int tid, int sig)
{
	struct task_struct *t;

	if (tid <= 0)
		return -EINVAL;
	t = find_task_by_pid(tid);
	return t ? sys_tgkill(t->tgid, tid, sig) : -ESRCH;
}

long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, unsigned long sigsetsize)
{
	struct k_sigaction new, old, *ka;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG || (act && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	ka = &current->sighand->action[sig - 1];
	old = *ka;
	if (act) {
		new.mask &= ~UNBLOCKABLE;
		*ka = new;
		/* Setting SIG_IGN, or SIG_DFL on a signal whose default is to ignore, drops it (POSIX). */
		if (new.handler == SIG_IGN || (new.handler == SIG_DFL &&
		    (sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH))) {
			struct task_struct *th;

			current->signal->shared_pending &= ~sigmask(sig);
			for_each_thread(current->signal, th)
				th->pending &= ~sigmask(sig);
		}
	}
	/* As Linux, the new action stands even if the old one cannot be written back. */
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(int how, const sigset_t __user *set, sigset_t __user *oset,
			unsigned long sigsetsize)
{
	sigset_t new, old = current->blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		new &= ~UNBLOCKABLE;
		switch (how) {
		case SIG_BLOCK:
			current->blocked |= new;
			break;
		case SIG_UNBLOCK:
			current->blocked &= ~new;
			break;
		case SIG_SETMASK:
			current->blocked = new;
			break;
		default:
			return -EINVAL;
		}
		/* What this thread now blocks and the process has pending, another may take. */
		retarget_shared_pending(current, current->blocked & ~old);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(sigset_t __user *set, unsigned long sigsetsize)
{
	sigset_t pending = (current->pending | current->signal->shared_pending) & current->blocked;

	/* As Linux, a shorter set is allowed here: its first bytes (little-endian: the low signals). */
	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(set, &pending, sigsetsize) ? -EFAULT : 0;
}

/*
 * sys_rt_sigsuspend: sleep with the given mask until a signal is
 * delivered.  The caller's mask comes back when the handler returns
 * (the frame saves it), or at once if no handler runs.
 */
long sys_rt_sigsuspend(const sigset_t __user *set, unsigned long sigsetsize)
{
	sigset_t new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&new, set, sizeof(new)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = new & ~UNBLOCKABLE;
	while (!signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	return -ERESTARTNOHAND;
}

/* on_sig_stack: is sp on current's alternate signal stack? */
static bool on_sig_stack(unsigned long sp)
{
	return current->sas_ss_size && sp > current->sas_ss_sp &&
	       sp - current->sas_ss_sp <= current->sas_ss_size;
}

long sys_sigaltstack(const struct sigaltstack __user *ss, struct sigaltstack __user *oss)
{
	unsigned long sp = task_pt_regs(current)->sp;
	struct sigaltstack new, old = {
		(void __user *)current->sas_ss_sp,
		current->sas_ss_size ? (on_sig_stack(sp) ? SS_ONSTACK : 0) : SS_DISABLE,
		current->sas_ss_size,
	};

	if (ss) {
		if (copy_from_user(&new, ss, sizeof(new)))
			return -EFAULT;
		if (on_sig_stack(sp))
			return -EPERM;		/* not while a handler runs on it */
		if (new.ss_flags & ~(SS_DISABLE | SS_ONSTACK))
			return -EINVAL;
		if (new.ss_flags & SS_DISABLE) {
			current->sas_ss_sp = current->sas_ss_size = 0;
		} else {
			if (new.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			current->sas_ss_sp = (unsigned long)new.ss_sp;
			current->sas_ss_size = new.ss_size;
		}
	}
	if (oss && copy_to_user(oss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
