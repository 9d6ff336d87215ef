/*
 * include/sched.h: tasks and the scheduler.
 */
#ifndef _RVMM_SCHED_H
#define _RVMM_SCHED_H

#include <asm/thread_info.h>
#include <list.h>
#include <resource.h>
#include <signal.h>
#include <trap.h>
#include <types.h>
#include <wait.h>

struct files_struct;
struct inode;
struct mm_struct;

#define TASK_COMM_LEN	16

/*
 * Task states, Linux's values (TASK_RUNNING, TASK_INTERRUPTIBLE and
 * TASK_UNINTERRUPTIBLE are in wait.h): R running or ready, S sleeping
 * until woken or signalled, D sleeping until woken, T stopped by a signal,
 * Z exited and waiting
 * for its parent's wait4, X being freed.
 */
#define TASK_STOPPED	0x0004		/* Linux's __TASK_STOPPED: SIGSTOP, until SIGCONT or SIGKILL */
#define TASK_ZOMBIE	0x0020		/* Linux's EXIT_ZOMBIE */
#define TASK_DEAD	0x0080

#define PF_EXITING	0x00000004	/* in do_exit: takes no more signals */
#define PF_MEMALLOC	0x00000800	/* reclaiming: its own allocations take the reserves and never reclaim */
#define PF_KTHREAD	0x00200000	/* a kernel thread for good (kthread_run): never a user process */

/* The registers __switch_to saves: the callee-saved ones, ra and sp. */
struct thread_struct {
	unsigned long ra, sp;
	unsigned long s[12];
};

struct sighand_struct;

/*
 * signal_struct: what the threads of one thread group (one process)
 * share, as Linux's: the signals sent to the process rather than to one
 * thread, the thread list, and how the group ends.  CLONE_THREAD shares
 * it; every other clone makes a new one.
 */
struct signal_struct {
	int count;			/* tasks pointing here, zombies too (Linux's sigcnt) */
	int live;			/* threads not yet in do_exit */
	int nr_threads;			/* threads on thread_head: /proc's Threads: */
	struct list_head thread_head;	/* every thread, by thread_node */
	sigset_t shared_pending;	/* sent to the process: any thread not blocking it takes it */
	unsigned int flags;		/* SIGNAL_GROUP_EXIT */
	int group_exit_code;		/* the wait status, once SIGNAL_GROUP_EXIT */
	struct task_struct *group_exec_task;	/* de_thread: an exec waiting for the others to go */
	struct wait_queue_head wait_chldexit;	/* wait4 and waitid in any of the threads sleep here */
	struct rlimit rlim[RLIM_NLIMITS];	/* resource limits: the process's, copied at fork, kept by exec */
	/* what its threads that are gone used (Linux's sig->utime, ...): the process's figures add these */
	u64 utime_ns, stime_ns, sum_exec_runtime;
	unsigned long min_flt, maj_flt;
};

#define SIGNAL_GROUP_EXIT	0x00000004	/* exit_group or a fatal signal: every thread goes */

struct fs_struct;

struct task_struct {
	struct thread_struct thread;	/* first: kernel/riscv/switch.S uses offset 0 */
	int pid;			/* the thread id (gettid) */
	int tgid;			/* the thread group's: its leader's pid (getpid) */
	unsigned int state;
	unsigned int flags;		/* PF_EXITING */
	char comm[TASK_COMM_LEN];	/* program name, as ps shows it */
	void *stack;			/* kernel stack, THREAD_SIZE bytes */
	struct mm_struct *mm;		/* user address space; NULL for kernel threads */
	struct files_struct *files;	/* open file descriptors */
	struct fs_struct *fs;		/* current directory and umask (CLONE_FS shares them) */
	struct task_struct *parent;
	struct list_head children;	/* of this task */
	struct list_head sibling;	/* in parent->children */
	struct list_head tasks;		/* all tasks */
	struct list_head run_list;	/* on the run queue while runnable */
	struct list_head sleep_entry;	/* on the sleepers list during nanosleep */
	sigset_t pending;		/* signals sent, one bit each */
	sigset_t blocked;		/* the signal mask */
	sigset_t saved_sigmask;		/* sigsuspend's caller's mask, back after the handler */
	bool restore_sigmask;		/* saved_sigmask is to be restored */
	unsigned int jobctl;		/* JOBCTL_*: a stop or continue the parent has not seen */
	int stop_sig;			/* the signal that stopped the task */
	unsigned long sas_ss_sp, sas_ss_size;	/* sigaltstack: 0 size is none */
	struct sighand_struct *sighand;	/* the actions: shared by CLONE_SIGHAND */
	struct signal_struct *signal;	/* the thread group's: shared by CLONE_THREAD */
	struct task_struct *group_leader;	/* the thread whose pid is the tgid */
	struct list_head thread_node;	/* in signal->thread_head */
	int __user *set_child_tid;	/* CLONE_CHILD_SETTID: the new thread writes its tid here */
	int __user *clear_child_tid;	/* CLONE_CHILD_CLEARTID, set_tid_address: 0 and a futex wake at exit */
	int exit_code;			/* wait4 status: exit code << 8, or signal number */
	int exit_signal;		/* sent to the parent at exit: SIGCHLD */
	bool vfork_done;		/* a vfork child has exec'd or exited */
	struct task_struct *vfork_parent;
	u64 wake_at;			/* nanosleep: jiffies to wake at */
	int oom_score_adj;		/* -1000..1000: added to the OOM badness, in thousandths of memory */
	bool oom_victim;		/* killed by the OOM killer: may use the reserves to exit */
	u64 utime, stime;		/* ticks spent in user mode and in the kernel */
	u64 sum_exec_runtime;		/* time CSR counts spent running (the CPU-time clocks) */
	u64 exec_start;			/* the time CSR when it last got the cpu */
	u64 sum_exec_instret;		/* instructions retired while it ran (its perf instructions count) */
	u64 instret_start;		/* the instret CSR when it last got the cpu */
	unsigned long min_flt, maj_flt;	/* page faults served: minor (no I/O) and major */
	unsigned long maxrss;		/* peak resident pages of the address spaces it left (exec, exit) */
	/* Its waited-for children's, and theirs, added at wait as Linux's signal_struct c* fields. */
	u64 cutime_ns, cstime_ns;
	unsigned long cmin_flt, cmaj_flt, cmaxrss;
	u64 start_time;			/* jiffies at fork */
	int pgid;			/* process group (job control): inherited, setpgid */
	int sid;			/* session: inherited, setsid */
};

/* jobctl bits: what wait4's WUNTRACED and WCONTINUED have still to report. */
#define JOBCTL_STOP_REPORT	1
#define JOBCTL_CONT_REPORT	2

/* current: the task this hart runs (the boot task until the first process). */
extern struct task_struct *current;
extern struct task_struct init_task;
extern bool need_resched;
/*
 * cond_resched: a kernel loop whose length a user controls calls this now
 * and then, so that other tasks run when the tick says this one's time is
 * up (the kernel is not preemptible), as Linux's cond_resched().
 */
void cond_resched(void);

/* schedule: give the cpu to the next runnable task (current may sleep: set its state first). */
void schedule(void);
/* wake_up_process: make a sleeping task runnable. */
void wake_up_process(struct task_struct *t);
/* scheduler_tick: called from the timer interrupt. */
void scheduler_tick(void);
/* account_process_tick: charge the tick to current, in user mode or not. */
void account_process_tick(bool user);
/* task_sched_runtime: t's CPU time in nanoseconds, the current slice included. */
u64 task_sched_runtime(struct task_struct *t);
/*
 * task_instructions: the instructions the hart retired while t was
 * current, the current slice included: its own, in user mode and in the
 * kernel, and any interrupt's that came while it ran (Linux's per-task
 * perf count of instructions).
 */
u64 task_instructions(const struct task_struct *t);
/* account_exited_thread: t leaves its thread group: its times and faults stay the process's. */
void account_exited_thread(struct task_struct *t);
/* thread_group_runtime: the process's CPU time in nanoseconds (CLOCK_PROCESS_CPUTIME_ID). */
u64 thread_group_runtime(struct task_struct *t);
/* proc_caches_init: the task_struct, signal and sighand caches (boot, after the slab allocator). */
void proc_caches_init(void);
/* acct_reaped_child: wait has reaped child: its times, faults and peak RSS add to parent's children's. */
void acct_reaped_child(struct task_struct *parent, struct task_struct *child);
/* task_rusage: what wait4 and waitid report of a child's resource use (its own and its children's). */
struct task_rusage {
	u64 utime_ns, stime_ns;
	unsigned long min_flt, maj_flt, maxrss;
};
void task_rusage_both(struct task_struct *t, struct task_rusage *r);
/* put_task_rusage: r as a struct rusage at ru; 0 or -EFAULT. */
int put_task_rusage(const struct task_rusage *r, void __user *ru);
/* signal_pending_current: has the current task a signal that should end its wait? */
int signal_pending_current(void);
/* sleep_until: sleep until jiffies reaches when, or a signal arrives: 0 or -EINTR. */
int sleep_until(u64 when);
/* schedule_timeout: sleep in the state set until woken or timeout ticks pass; the ticks left. */
long schedule_timeout(long timeout);
/* cpu_idle: the boot task's loop once processes exist. */
void cpu_idle(void) __attribute__((noreturn));

/* kernel_thread: run fn(arg) in a new task; fn may exec into user mode.  pid or -errno. */
int kernel_thread(int (*fn)(void *), void *arg, const char *name);
/*
 * kthread_run: a kernel thread that stays one (kswapd): fn(arg) runs in
 * the kernel, never execs, ignores every signal, and shows in ps and /proc
 * without memory.  pid or -errno.
 */
int kthread_run(int (*fn)(void *), void *arg, const char *name);
/*
 * kernel_wait4: reap a zombie child of current matching pid (-1: any)
 * into *status; the pid, 0 if none is a zombie yet, or -ECHILD.  Never
 * sleeps, so the idle task may use it.
 */
long kernel_wait4(int pid, int *status);
extern struct task_struct *init_process;
/* start_init: create pid 1, which execs /init (kernel/init.c). */
void start_init(void);

/* thread_group_leader: is t the thread whose pid is its process's? */
static inline bool thread_group_leader(const struct task_struct *t)
{
	return t->group_leader == t;
}

/* for_each_thread: every thread t of the thread group that signal sig is shared by. */
#define for_each_thread(sig, t) list_for_each_entry(t, &(sig)->thread_head, thread_node)

extern struct signal_struct init_signals;

/* do_group_exit: end every thread of current's group with the wait status code. */
void do_group_exit(int code) __attribute__((noreturn));
/* zap_other_threads: SIGKILL every thread of t's group but t; how many there were. */
int zap_other_threads(struct task_struct *t);
/* mm_release: t lets go of mm: CLONE_CHILD_CLEARTID's word is zeroed and its futex woken. */
void mm_release(struct task_struct *t, struct mm_struct *mm);
/* de_thread: exec from a thread: end the others, and take the leader's pid.  0 or -EINTR. */
int de_thread(struct task_struct *t);

/* task_pt_regs: the user registers saved at the top of t's kernel stack. */
static inline struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((char *)t->stack + THREAD_SIZE) - 1;
}

#endif
