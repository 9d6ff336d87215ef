/*
 * kernel/signal.c: signals as termination.  Every signal rvmm delivers has
 * Linux's default action "terminate" (SIGCHLD's is "ignore"); handlers,
 * masks and stop/continue are not implemented, so a signal is a pending
 * bit that ends the process the next time it would return to user mode,
 * and its parent's wait4 sees WIFSIGNALED with the signal's number.
 */
#include <errno.h>
#include <printk.h>
#include <proc_fs.h>
#include <sched.h>
#include <signal.h>
#include <trap.h>

void do_exit(int code) __attribute__((noreturn));

void send_signal(struct task_struct *t, int sig)
{
	if (sig == SIGCHLD || sig == SIGCONT || t->state == TASK_ZOMBIE)
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

long sys_kill(int pid, int sig)
{
	struct task_struct *t;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;		/* process groups do not exist yet */
	t = find_task_by_pid(pid);
	if (!t || t->state == TASK_ZOMBIE)
		return -ESRCH;
	if (sig)
		send_signal(t, sig);
	return 0;
}
