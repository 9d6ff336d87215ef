/*
 * kernel/signal.c: sending and delivering signals, as Linux's
 * kernel/signal.c for a process of one thread.
 *
 * Sending sets a pending bit (a non-real-time signal is not queued twice)
 * with its siginfo, unless the signal is ignored, and wakes the task.
 * Delivery happens on the way back to user mode (do_signal): the lowest
 * unblocked pending signal is ignored, stops the task, kills it, or runs
 * its handler on a frame the arch builds (kernel/riscv/signal.c).
 * The system calls that change actions, masks and stacks are in
 * kernel/sigaction.c.
 */
#include <errno.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <slab.h>
#include <string.h>
#include <trap.h>

void do_exit(int code) __attribute__((noreturn));

#define STOP_SIGNALS	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
/* Linux's SIG_KERNEL_IGNORE_MASK, with SIGCONT, whose default is to continue. */
#define IGNORE_SIGNALS	(sigmask(SIGCHLD) | sigmask(SIGCONT) | sigmask(SIGURG) | sigmask(SIGWINCH))

/* The signals a fault sends, whose siginfo has si_addr. */
#define FAULT_SIGNALS	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGTRAP) | sigmask(SIGFPE))

/* sig_ignored: would t do nothing with sig?  A blocked signal stays pending all the same. */
static bool sig_ignored(const struct task_struct *t, int sig)
{
	void __user *h = t->sighand->action[sig - 1].handler;

	if (t->blocked & sigmask(sig))
		return false;
	return h == SIG_IGN || (h == SIG_DFL && (IGNORE_SIGNALS & sigmask(sig)));
}

/* notify_parent_cldstop: t stopped or continued: SIGCHLD, unless the parent said SA_NOCLDSTOP. */
static void notify_parent_cldstop(struct task_struct *t, int why)
{
	struct task_struct *parent = t->parent;

	if (!(parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		send_signal_info(parent, SIGCHLD, why, t->pid, 0);
	wake_up(&parent->wait_child);
}

void send_signal_info(struct task_struct *t, int sig, int code, int pid, unsigned long addr)
{
	if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
		return;
	/* A stop cancels a pending continue and the other way round, as Linux's prepare_signal. */
	if (STOP_SIGNALS & sigmask(sig))
		t->pending &= ~sigmask(SIGCONT);
	if (sig == SIGCONT || sig == SIGKILL) {
		t->pending &= ~STOP_SIGNALS;
		if (t->state == TASK_STOPPED) {
			t->state = TASK_INTERRUPTIBLE;
			wake_up_process(t);
			if (sig == SIGCONT) {
				t->jobctl = (t->jobctl & ~JOBCTL_STOP_REPORT) | JOBCTL_CONT_REPORT;
				notify_parent_cldstop(t, CLD_CONTINUED);
			}
		}
	}
	if (sig_ignored(t, sig))
		return;
	if (!(t->pending & sigmask(sig))) {
		t->pending |= sigmask(sig);
		t->sighand->info[sig - 1] = (struct pending_info){ code, pid, addr };
	}
	if (!(t->blocked & sigmask(sig)) && t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);	/* wait_event returns -ERESTARTSYS */
}

void send_signal(struct task_struct *t, int sig)
{
	send_signal_info(t, sig, SI_KERNEL, 0, 0);
}

void force_sig_fault(int sig, int code, unsigned long addr, const char *cause)
{
	struct task_struct *t = current;
	struct pt_regs *regs = task_pt_regs(t);
	struct k_sigaction *ka = &t->sighand->action[sig - 1];

	/*
	 * A fault the program blocks or ignores would only fault again: as
	 * Linux's force_sig_info, unblock it and take the default action.
	 * Only a default action (the death of the program) is logged.
	 */
	if (ka->handler == SIG_IGN || (t->blocked & sigmask(sig))) {
		t->blocked &= ~sigmask(sig);
		if (ka->handler == SIG_IGN)
			ka->handler = SIG_DFL;
	}
	if (ka->handler == SIG_DFL)
		pr_info("%s[%d]: %s at %#lx ip %#lx sp %#lx (%s)\n", t->comm, t->pid,
			sig == SIGBUS ? "bus error" : "segfault", addr, regs->epc, regs->sp, cause);
	send_signal_info(t, sig, code, 0, addr);
}

bool signal_pending(const struct task_struct *t)
{
	return (t->pending & ~t->blocked) != 0;
}

bool fatal_signal_pending(const struct task_struct *t)
{
	sigset_t pend = t->pending & ~t->blocked;

	if (t->pending & sigmask(SIGKILL))
		return true;
	/* only the signals pending are looked at: the fault paths ask on every page */
	for (int sig = 1; pend; sig++, pend >>= 1)
		if ((pend & 1) && t->sighand->action[sig - 1].handler == SIG_DFL &&
		    !(sigmask(sig) & (STOP_SIGNALS | IGNORE_SIGNALS)))
			return true;
	return false;
}

/* do_signal_stop: the default action of a stop signal: sleep until SIGCONT or SIGKILL. */
static void do_signal_stop(int sig)
{
	struct task_struct *t = current;

	t->stop_sig = sig;
	t->jobctl = (t->jobctl & ~JOBCTL_CONT_REPORT) | JOBCTL_STOP_REPORT;
	t->state = TASK_STOPPED;
	notify_parent_cldstop(t, CLD_STOPPED);
	schedule();
}

/* dequeue_signal: the lowest unblocked pending signal, taken off with its info; 0 if none. */
static int dequeue_signal(struct task_struct *t, struct siginfo *info)
{
	sigset_t ready = t->pending & ~t->blocked;
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzl(ready) + 1;
	t->pending &= ~sigmask(sig);
	*info = (struct siginfo){ .si_signo = sig, .si_code = t->sighand->info[sig - 1].code };
	if (info->si_code > 0 && (sigmask(sig) & FAULT_SIGNALS))
		info->fault.addr = (void __user *)t->sighand->info[sig - 1].addr;
	else
		info->kill.pid = t->sighand->info[sig - 1].pid;	/* chld.pid is at the same place */
	return sig;
}

/* handle_signal: run ka's handler for sig; the mask in force until it returns. */
static void handle_signal(int sig, struct k_sigaction *ka, const struct siginfo *info,
			  struct pt_regs *regs)
{
	struct task_struct *t = current;
	sigset_t oldmask = t->restore_sigmask ? t->saved_sigmask : t->blocked;

	syscall_restart(regs, ka);
	if (!setup_rt_frame(sig, ka, info, oldmask, regs)) {
		/* No room for the frame: as Linux's force_sigsegv, the program dies. */
		t->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
		t->blocked &= ~sigmask(SIGSEGV);
		send_signal(t, SIGSEGV);
		return;
	}
	t->restore_sigmask = false;
	t->blocked |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		t->blocked |= sigmask(sig);
	t->blocked &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	if (ka->flags & SA_RESETHAND)
		*ka = (struct k_sigaction){ SIG_DFL, 0, 0 };
}

void do_signal(struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct siginfo info;
	int sig;

	while ((sig = dequeue_signal(t, &info)) != 0) {
		struct k_sigaction *ka = &t->sighand->action[sig - 1];

		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler != SIG_DFL) {
			handle_signal(sig, ka, &info, regs);
			return;
		}
		if (IGNORE_SIGNALS & sigmask(sig))
			continue;
		if (STOP_SIGNALS & sigmask(sig)) {
			do_signal_stop(sig);
			continue;
		}
		/*
		 * Terminate; for SIGQUIT, SIGSEGV and the other "core" signals
		 * too, without the 0x80 core flag: as Linux with RLIMIT_CORE 0,
		 * no core is written, so WCOREDUMP is false.
		 */
		do_exit(sig);
	}
	/* No handler ran: an interrupted call restarts, and sigsuspend's mask comes back. */
	syscall_restart(regs, NULL);
	if (t->restore_sigmask) {
		t->restore_sigmask = false;
		t->blocked = t->saved_sigmask;
	}
}

void flush_signal_handlers(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++)
		if (t->sighand->action[i].handler != SIG_IGN)
			t->sighand->action[i] = (struct k_sigaction){ SIG_DFL, 0, 0 };
	t->sas_ss_sp = t->sas_ss_size = 0;
}

static struct kmem_cache *sighand_cache;
struct sighand_struct init_sighand;	/* the boot task's: every action SIG_DFL */

int copy_signals(struct task_struct *p, const struct task_struct *parent)
{
	const struct sighand_struct *from = parent->sighand;

	if (!sighand_cache)
		sighand_cache = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct), 0,
						  SLAB_PANIC, NULL);
	p->sighand = kmem_cache_alloc(sighand_cache, GFP_KERNEL);	/* info[] needs no zeroing */
	if (!p->sighand)
		return -ENOMEM;
	for (int i = 0; i < _NSIG; i++)
		p->sighand->action[i] = from->action[i];	/* three words each, not memcpy's bytes */
	p->blocked = parent->blocked;
	p->pending = 0;
	p->jobctl = 0;
	p->restore_sigmask = false;
	p->sas_ss_sp = parent->sas_ss_sp;
	p->sas_ss_size = parent->sas_ss_size;
	return 0;
}

void exit_signals_free(struct task_struct *t)
{
	if (t->sighand)
		kmem_cache_free(sighand_cache, t->sighand);
	t->sighand = NULL;
}

bool do_notify_parent(struct task_struct *t, int why, int status)
{
	struct task_struct *parent = t->parent;
	struct k_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];
	bool autoreap = false;

	(void)status;
	/* As Linux: a parent ignoring SIGCHLD, or saying SA_NOCLDWAIT, leaves no zombies to wait for. */
	if (t->exit_signal == SIGCHLD && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT)))
		autoreap = true;
	if (t->exit_signal > 0 && t->exit_signal <= _NSIG &&
	    !(autoreap && ka->handler == SIG_IGN))
		send_signal_info(parent, t->exit_signal, why, t->pid, 0);
	wake_up(&parent->wait_child);
	return autoreap;
}
