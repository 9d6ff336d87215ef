/*
 * kernel/signal.c: sending and delivering signals, as Linux's
 * kernel/signal.c.
 *
 * Sending sets a pending bit (a non-real-time signal is not queued twice)
 * with its siginfo, unless the signal is ignored, and wakes the task.  A
 * signal for one thread (tkill, a fault) is pending in that thread's own
 * set; one for the process (kill, SIGCHLD) in the thread group's shared
 * set, and any thread not blocking it takes it (complete_signal); a fatal
 * one kills every thread at once.
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


#define STOP_SIGNALS	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
/* Linux's SIG_KERNEL_IGNORE_MASK, with SIGCONT, whose default is to continue. */
#define IGNORE_SIGNALS	(sigmask(SIGCHLD) | sigmask(SIGCONT) | sigmask(SIGURG) | sigmask(SIGWINCH))

/* The signals a fault sends, whose siginfo has si_addr. */
#define FAULT_SIGNALS	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGTRAP) | sigmask(SIGFPE))

/* sig_ignored: would t do nothing with sig?  A blocked signal stays pending all the same. */
static bool sig_ignored(const struct task_struct *t, int sig)
{
	void __user *h = t->sighand->action[sig - 1].handler;

	if (t->flags & PF_KTHREAD)
		return true;	/* kswapd and the like: even SIGKILL (Linux's kthreads ignore every signal) */
	if (t->blocked & sigmask(sig))
		return false;
	return h == SIG_IGN || (h == SIG_DFL && (IGNORE_SIGNALS & sigmask(sig)));
}

/* notify_parent_cldstop: t stopped or continued: SIGCHLD, unless the parent said SA_NOCLDSTOP. */
static void notify_parent_cldstop(struct task_struct *t, int why)
{
	struct task_struct *parent = t->parent;

	if (!(parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		group_send_sig_info(parent, SIGCHLD, why, t->tgid);
	wake_up(&parent->signal->wait_chldexit);
}

void signal_wake_up(struct task_struct *t, bool fatal)
{
	if (t->state == TASK_INTERRUPTIBLE || (fatal && t->state == TASK_STOPPED)) {
		t->state = TASK_INTERRUPTIBLE;
		wake_up_process(t);	/* wait_event returns -ERESTARTSYS */
	}
}

/* prepare_stop_cont: a stop cancels a pending continue and the other way round (Linux's prepare_signal). */
static void prepare_stop_cont(struct task_struct *t, int sig)
{
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
}

void send_signal_info(struct task_struct *t, int sig, int code, int pid, unsigned long addr)
{
	if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
		return;
	prepare_stop_cont(t, sig);
	if (sig_ignored(t, sig))
		return;
	if (!(t->pending & sigmask(sig))) {
		t->pending |= sigmask(sig);
		t->sighand->info[sig - 1] = (struct pending_info){ code, pid, addr };
	}
	if (!(t->blocked & sigmask(sig)))
		signal_wake_up(t, false);
}

/* sig_fatal: would sig's default action end the process? */
static bool sig_fatal(const struct task_struct *t, int sig)
{
	return sig == SIGKILL || (t->sighand->action[sig - 1].handler == SIG_DFL &&
				  !(sigmask(sig) & (STOP_SIGNALS | IGNORE_SIGNALS)));
}

/* wants_signal: may thread t take sig now? */
static bool wants_signal(int sig, const struct task_struct *t)
{
	if (t->flags & PF_EXITING)
		return false;
	return sig == SIGKILL || !(t->blocked & sigmask(sig));
}

/*
 * complete_signal: sig is pending for p's process.  As Linux's, wake the
 * thread that should take it: p if it can, else any thread not blocking
 * it; none can, and it waits for one to unblock it.  A fatal signal does
 * not wait for a thread to run: every thread gets SIGKILL now.
 */
static void complete_signal(int sig, struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = NULL, *th;

	if (wants_signal(sig, p)) {
		t = p;
	} else {
		for_each_thread(signal, th)
			if (wants_signal(sig, th)) {
				t = th;
				break;
			}
	}
	if (!t)
		return;
	if (sig_fatal(t, sig) && !(signal->flags & SIGNAL_GROUP_EXIT) && !signal->group_exec_task) {
		signal->flags |= SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		signal->shared_pending &= ~sigmask(sig);
		for_each_thread(signal, th) {
			th->pending |= sigmask(SIGKILL);
			signal_wake_up(th, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

void group_send_sig_info(struct task_struct *p, int sig, int code, int pid)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *th;

	if (!signal->live)
		return;		/* every thread has exited */
	for_each_thread(signal, th)
		prepare_stop_cont(th, sig);
	if (STOP_SIGNALS & sigmask(sig))
		signal->shared_pending &= ~sigmask(SIGCONT);
	if (sig == SIGCONT || sig == SIGKILL)
		signal->shared_pending &= ~STOP_SIGNALS;
	if (sig_ignored(p, sig))
		return;
	if (!(signal->shared_pending & sigmask(sig))) {
		signal->shared_pending |= sigmask(sig);
		p->sighand->info[sig - 1] = (struct pending_info){ code, pid, 0 };
	}
	complete_signal(sig, p);
}

void send_signal(struct task_struct *t, int sig)
{
	group_send_sig_info(t, sig, SI_KERNEL, 0);
}

void retarget_shared_pending(struct task_struct *t, sigset_t which)
{
	sigset_t left = which & t->signal->shared_pending;
	struct task_struct *th;

	for_each_thread(t->signal, th) {
		if (!left)
			return;
		if (th == t || (th->flags & PF_EXITING) || !(left & ~th->blocked))
			continue;
		left &= th->blocked;
		signal_wake_up(th, false);
	}
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
	return ((t->pending | t->signal->shared_pending) & ~t->blocked) != 0;
}

bool fatal_signal_pending(const struct task_struct *t)
{
	sigset_t pend = (t->pending | t->signal->shared_pending) & ~t->blocked;

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

/*
 * dequeue_signal: the lowest unblocked pending signal, taken off with its
 * info; the thread's own first, then its process's; 0 if none.
 */
static int dequeue_signal(struct task_struct *t, struct siginfo *info)
{
	sigset_t *from = &t->pending;
	sigset_t ready = t->pending & ~t->blocked;
	int sig;

	if (!ready) {
		from = &t->signal->shared_pending;
		ready = *from & ~t->blocked;
	}
	if (!ready)
		return 0;
	sig = __builtin_ctzl(ready) + 1;
	*from &= ~sigmask(sig);
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
		 * no core is written, so WCOREDUMP is false.  Every thread goes.
		 */
		do_group_exit(sig);
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
struct sighand_struct init_sighand = { .count = 1 };	/* the boot task's: every action SIG_DFL */

void sighand_cache_init(void)
{
	sighand_cache = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct), 0,
					  SLAB_PANIC, NULL);
}

/* dup_sighand: a copy of from's actions, used by nobody yet; NULL if no memory. */
static struct sighand_struct *dup_sighand(const struct sighand_struct *from)
{
	struct sighand_struct *sh;

	sh = kmem_cache_alloc(sighand_cache, GFP_KERNEL);	/* info[] needs no zeroing */
	if (!sh)
		return NULL;
	sh->count = 1;
	for (int i = 0; i < _NSIG; i++)
		sh->action[i] = from->action[i];	/* three words each, not memcpy's bytes */
	return sh;
}

int copy_signals(struct task_struct *p, const struct task_struct *parent, bool share_sighand)
{
	if (share_sighand) {
		p->sighand = parent->sighand;
		p->sighand->count++;
	} else {
		p->sighand = dup_sighand(parent->sighand);
		if (!p->sighand)
			return -ENOMEM;
	}
	p->blocked = parent->blocked;
	p->pending = 0;
	p->jobctl = 0;
	p->restore_sigmask = false;
	p->sas_ss_sp = parent->sas_ss_sp;
	p->sas_ss_size = parent->sas_ss_size;
	return 0;
}

int unshare_sighand(struct task_struct *t)
{
	struct sighand_struct *sh;

	if (t->sighand->count == 1)
		return 0;
	sh = dup_sighand(t->sighand);
	if (!sh)
		return -ENOMEM;
	t->sighand->count--;
	t->sighand = sh;
	return 0;
}

void exit_signals_free(struct task_struct *t)
{
	struct sighand_struct *sh = t->sighand;

	t->sighand = NULL;
	if (sh && sh != &init_sighand && --sh->count == 0)
		kmem_cache_free(sighand_cache, sh);
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
		group_send_sig_info(parent, t->exit_signal, why, t->tgid);
	wake_up(&parent->signal->wait_chldexit);
	return autoreap;
}
