/*
 * include/signal.h: signals, with Linux's numbers, flags and structures
 * (asm-generic/signal.h, signal-defs.h, siginfo.h).  The RISC-V frame a
 * handler runs on is in include/asm/sigcontext.h.
 */
#ifndef _RVMM_SIGNAL_H
#define _RVMM_SIGNAL_H

#include <types.h>
#include <uaccess.h>

#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGILL	4
#define SIGTRAP	5
#define SIGABRT	6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGALRM	14
#define SIGTERM	15
#define SIGSTKFLT 16
#define SIGCHLD	17
#define SIGCONT	18
#define SIGSTOP	19
#define SIGTSTP	20
#define SIGTTIN	21
#define SIGTTOU	22
#define SIGURG	23
#define SIGXCPU	24
#define SIGXFSZ	25
#define SIGVTALRM 26
#define SIGPROF	27
#define SIGWINCH 28
#define SIGIO	29
#define SIGPWR	30
#define SIGSYS	31
#define _NSIG	64

typedef unsigned long sigset_t;		/* _NSIG bits: signal n is bit n - 1 */
#define sigmask(sig)	(1UL << ((sig) - 1))

#define SIG_DFL	((void __user *)0)
#define SIG_IGN	((void __user *)1)

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000	/* riscv's uapi has no sa_restorer field: kept, unused */
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)
#define ILL_ILLOPC	1
#define TRAP_BRKPT	1
#define BUS_ADRALN	1
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRERR	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

/* struct sigaction as rt_sigaction takes it on riscv64: no sa_restorer. */
struct k_sigaction {
	void __user *handler;
	unsigned long flags;
	sigset_t mask;
};

/* stack_t */
struct sigaltstack {
	void __user *ss_sp;
	int ss_flags;
	unsigned long ss_size;
};

/* siginfo_t, 128 bytes; the union's members rvmm fills (kill, fault, child). */
struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct { int pid; unsigned int uid; } kill;
		struct { void __user *addr; } fault;
		struct { int pid; unsigned int uid; int status; long utime, stime; } chld;
		int __pad[28];
	};
};

/* What a pending signal carries until delivery: Linux queues one per non-RT signal. */
struct pending_info {
	int code;
	int pid;
	unsigned long addr;
};

struct task_struct;
struct pt_regs;

/*
 * send_signal: send sig to t's process as the kernel (SI_KERNEL): pending
 * unless ignored, and a thread woken to notice.  The tty sends SIGINT and SIGQUIT so.
 */
void send_signal(struct task_struct *t, int sig);
/* send_signal_info: the same with the siginfo's code, sender pid and address. */
void send_signal_info(struct task_struct *t, int sig, int code, int pid, unsigned long addr);
/* force_sig_fault: the current task made a fault it cannot resolve: log it and send sig (catchable). */
void force_sig_fault(int sig, int code, unsigned long addr, const char *cause);
/* fatal_signal_pending: t will die when it next returns to user mode (a long kernel loop may stop early). */
bool fatal_signal_pending(const struct task_struct *t);
/* signal_pending: has t an unblocked signal that ends an interruptible sleep? */
bool signal_pending(const struct task_struct *t);
/* do_signal: on the way back to user space, act on pending signals. */
void do_signal(struct pt_regs *regs);
/* flush_signal_handlers: exec: caught signals go back to their default; ignored stay ignored. */
void flush_signal_handlers(struct task_struct *t);
/*
 * sighand_struct: a process's signal actions, and what each pending signal
 * carries (valid while its bit is pending, in the task's own set or its
 * thread group's shared one: a signal pending in both keeps one siginfo).  Apart from the task, so that
 * a new task is not 2.5 KiB of zeroing (slab's zalloc goes a byte at a
 * time) and fork copies the actions an entry at a time.
 */
struct sighand_struct {
	int count;			/* tasks sharing it: CLONE_SIGHAND */
	struct k_sigaction action[_NSIG];
	struct pending_info info[_NSIG];
};

/* init_sighand: the boot task's (init_task's) actions, all SIG_DFL. */
extern struct sighand_struct init_sighand;
/*
 * copy_signals: clone: the child gets the parent's mask and nothing
 * pending, and the parent's actions: the very same with share_sighand
 * (CLONE_SIGHAND), a copy otherwise.  0 or -ENOMEM.
 */
int copy_signals(struct task_struct *p, const struct task_struct *parent, bool share_sighand);
/* sighand_cache_init: the cache of sighand_structs (boot, proc_caches_init). */
void sighand_cache_init(void);
/* unshare_sighand: exec: actions of t's own, if another task shares them.  0 or -ENOMEM. */
int unshare_sighand(struct task_struct *t);
/* exit_signals_free: the task is being freed: its reference to the sighand_struct goes. */
void exit_signals_free(struct task_struct *t);
/* signal_wake_up: t has a signal to see: wake it from an interruptible sleep (and a stop, if fatal). */
void signal_wake_up(struct task_struct *t, bool fatal);
/*
 * retarget_shared_pending: t no longer takes the signals in which (it
 * blocked them, or it is exiting): wake another thread for those pending
 * for the process, as Linux's.
 */
void retarget_shared_pending(struct task_struct *t, sigset_t which);
/* group_send_sig_info: sig to t's whole process (kill): any thread not blocking it takes it. */
void group_send_sig_info(struct task_struct *t, int sig, int code, int pid);
/* do_notify_parent: tell t's parent t has exited (SIGCHLD); true if nobody will wait: reap now. */
bool do_notify_parent(struct task_struct *t, int why, int status);

/* The arch's half (kernel/riscv/signal.c). */
/* setup_rt_frame: push the frame and aim the registers at the handler; false if the stack is bad. */
bool setup_rt_frame(int sig, const struct k_sigaction *ka, const struct siginfo *info,
		    sigset_t oldmask, struct pt_regs *regs);
/* syscall_restart: a call ended by a signal: restart it or make it EINTR (ka NULL: no handler). */
void syscall_restart(struct pt_regs *regs, const struct k_sigaction *ka);

long sys_kill(int pid, int sig);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, unsigned long sigsetsize);
long sys_rt_sigprocmask(int how, const sigset_t __user *set, sigset_t __user *oset,
			unsigned long sigsetsize);
long sys_rt_sigpending(sigset_t __user *set, unsigned long sigsetsize);
long sys_rt_sigsuspend(const sigset_t __user *set, unsigned long sigsetsize);
long sys_sigaltstack(const struct sigaltstack __user *ss, struct sigaltstack __user *oss);
long sys_rt_sigreturn(void);

#endif
