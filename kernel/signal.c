/*
 * kernel/signal.c: signals with their default actions only.  A signal
 * whose default is "ignore" (SIGCHLD, SIGURG, SIGWINCH, and SIGCONT, which
 * has nothing to continue) is dropped; every other one is a pending bit
 * that ends the process the next time it would return to user mode, and
 * its parent's wait4 sees WIFSIGNALED with the signal's number.  Handlers,
 * masks and stopping are not implemented.
 */
#include <errno.h>
#include <printk.h>
#include <proc_fs.h>
#include <sched.h>
#include <signal.h>
#include <trap.h>

void do_exit(int code) __attribute__((noreturn));

/* sig_default_ignored: Linux's SIG_KERNEL_IGNORE_MASK, and SIGCONT. */
static bool sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

void send_signal(struct task_struct *t, int sig)
{
	if (sig_default_ignored(sig) || t->state == TASK_ZOMBIE)
		return;
	t->pending |= 1UL << (sig - 1);
	wake_up_process(t);	/* a sleeper must notice; wait_event returns -EINTR */
}

void force_sig_fault(int sig, unsigned long addr, const char *cause)
{
	struct pt_regs *regs = task_pt_regs(current);

	pr_info("%s[%d]: %s at %#lx ip %#lx sp %#lx (%s)\n", current->comm, current->pid,
		sig == SIGBUS ? "bus error" : "segfault", addr, regs->epc, regs->sp, cause);
	send_signal(current, sig);
}

void do_signal(void)
{
	for (int sig = 1; sig <= _NSIG; sig++)
		if (current->pending & (1UL << (sig - 1)))
			do_exit(sig);	/* a signal number in the low bits: WIFSIGNALED */
}

bool fatal_signal_pending(const struct task_struct *t)
{
	return t->pending != 0;	/* every signal that stays pending is fatal */
}

/*
 * sys_kill: Linux looks the target up before it checks the signal, so a
 * missing process is ESRCH whatever the number.  A zombie still exists:
 * signalling it succeeds and does nothing.  Process groups: rvmm has no
 * setpgid, and no group other than the caller's; kill(0) and kill(-1)
 * are refused.
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
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (sig)
		send_signal(t, sig);
	return 0;
}
