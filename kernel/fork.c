/*
 * kernel/fork.c: making a new task.
 *
 * copy_process() gives the child its own kernel stack whose top holds a
 * copy of the parent's user registers (with a0 = 0: fork returns 0 in the
 * child), a copy of the address space, the open files and the signal
 * actions, or the parent's very own, as the clone flags say: a thread
 * (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
 * shares them all and joins the parent's thread group.  The child starts
 * in ret_from_fork and leaves the kernel through the common trap return
 * path, straight into user mode.
 */
#include <asm/processor.h>
#include <errno.h>
#include <stdio.h>
#include <gfp.h>
#include <mm_user.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <slab.h>
#include <string.h>
#include <task_stack.h>
#include <err.h>
#include <fs.h>
#include <fs_struct.h>
#include <futex.h>
#include <timer.h>
#include <vmstat.h>

/* Linux's clone flags (uapi/linux/sched.h) */
#define CSIGNAL			0x000000ff	/* the signal sent to the parent at exit */
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000

/*
 * The flags rvmm does: the rest (namespaces, pidfds, ptrace, CLONE_IO)
 * are EINVAL.  CLONE_SYSVSEM has nothing to share (no System V
 * semaphores), CLONE_DETACHED is ignored by Linux too, CLONE_UNTRACED
 * means nothing without ptrace.
 */
#define CLONE_KNOWN	(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |	\
			 CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM |	\
			 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |	\
			 CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID)

/* What copy_process is asked for, as Linux's struct kernel_clone_args. */
struct kernel_clone_args {
	unsigned long flags;
	int exit_signal;
	unsigned long stack;		/* the child's sp; 0: the parent's */
	unsigned long tls;		/* CLONE_SETTLS: the child's tp */
	int __user *parent_tid;		/* CLONE_PARENT_SETTID */
	int __user *child_tid;		/* CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID */
	int (*fn)(void *);		/* a kernel thread's function */
	void *fn_arg;
};

int alloc_pid(void);
void do_exit(int code) __attribute__((noreturn));

static struct kmem_cache *task_cache;

static struct kmem_cache *signal_cachep;

/*
 * proc_caches_init: the caches every process needs, made at boot as
 * Linux's are, so that the first fork does not leave a new cache's
 * bookkeeping behind (a leak check counts the pages it takes).
 */
void proc_caches_init(void)
{
	task_cache = kmem_cache_create("task_struct", sizeof(struct task_struct), 0,
				       SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct), 0,
					  SLAB_PANIC, NULL);
	sighand_cache_init();
}

/* alloc_task: a zeroed task with a kernel stack, or NULL. */
static struct task_struct *alloc_task(void)
{
	struct task_struct *t;

	t = kmem_cache_zalloc(task_cache, GFP_KERNEL);
	if (!t)
		return NULL;
	if (alloc_thread_stack_node(t, 0)) {
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->sleep_entry);
	INIT_LIST_HEAD(&t->thread_node);
	return t;
}

/*
 * copy_signal: a new thread group's signal_struct, with p its only thread
 * (p->signal), or 0 if p joins current's group (CLONE_THREAD).
 */
static int copy_signal(unsigned long clone_flags, struct task_struct *p)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD) {
		p->signal = current->signal;
		p->signal->count++;
		return 0;
	}
	sig = kmem_cache_alloc(signal_cachep, GFP_KERNEL);	/* a word at a time below, not zalloc's bytes */
	if (!sig)
		return -ENOMEM;
	*sig = (struct signal_struct){ .count = 1 };
	memcpy(sig->rlim, current->signal->rlim, sizeof(sig->rlim));
	INIT_LIST_HEAD(&sig->thread_head);
	init_waitqueue_head(&sig->wait_chldexit);
	p->signal = sig;
	return 0;
}

/* put_signal_struct: t is being freed: the last task of a thread group frees its signal_struct. */
static void put_signal_struct(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;

	t->signal = NULL;
	if (!sig || sig == &init_signals)
		return;
	if (--sig->count == 0)
		kmem_cache_free(signal_cachep, sig);
}

void free_task(struct task_struct *t)
{
	exit_signals_free(t);
	put_signal_struct(t);
	free_thread_stack(t);
	kmem_cache_free(task_cache, t);
}

/*
 * mm_release: t lets go of its address space (exit, exec): as Linux's,
 * CLONE_CHILD_CLEARTID's word becomes 0 and one waiter on it is woken,
 * which is how pthread_join learns a thread has gone.  Pointless, and not
 * done, when nobody else uses the memory; a bad pointer is ignored.
 */
void mm_release(struct task_struct *t, struct mm_struct *mm)
{
	int __user *tidptr = t->clear_child_tid;

	t->clear_child_tid = NULL;
	if (tidptr && mm && mm->mm_users > 1 && !put_user(0, tidptr))
		futex_wake(mm, (u32 __user *)tidptr, 1, FUTEX_BITSET_MATCH_ANY);
}

/*
 * copy_process: a runnable copy of current, sharing what args->flags
 * says.  It returns to user mode as from fork (on args->stack if
 * non-zero), or, when args->fn is set, runs fn(arg) as a kernel thread
 * (copy_thread).
 */
static struct task_struct *copy_process(const struct kernel_clone_args *args)
{
	unsigned long flags = args->flags;
	struct task_struct *p = alloc_task();
	int err = -ENOMEM;

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->pid = alloc_pid();
	if (p->pid < 0) {
		err = -EAGAIN;
		goto free;
	}
	memcpy(p->comm, current->comm, sizeof(p->comm));
	p->exit_signal = (flags & CLONE_THREAD) ? -1 : args->exit_signal;
	if (copy_signals(p, current, flags & CLONE_SIGHAND) || copy_signal(flags, p))
		goto free;
	if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		p->sas_ss_sp = p->sas_ss_size = 0;	/* a new stack of its own: not the parent's alternate one */
	p->oom_score_adj = current->oom_score_adj;
	p->start_time = jiffies;
	p->pgid = current->pgid;	/* fork and vfork alike: the parent's job and session */
	p->sid = current->sid;
	if (current->mm) {
		if (flags & CLONE_VM) {
			p->mm = current->mm;
			p->mm->mm_users++;
		} else {
			p->mm = dup_mm(current->mm);
			if (!p->mm)
				goto free;
		}
	}
	if (flags & CLONE_FILES) {
		p->files = current->files;
		p->files->count++;
	} else {
		p->files = dup_fd(current->files);
		if (!p->files)
			goto free_mm;
	}
	if (flags & CLONE_FS) {
		p->fs = current->fs;
		p->fs->users++;
	} else {
		p->fs = copy_fs_struct(current->fs);
		if (!p->fs)
			goto free_files;
	}
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = args->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = args->child_tid;

	copy_thread(p, args->stack, (flags & CLONE_SETTLS) ? &args->tls : NULL, args->fn, args->fn_arg);

	/* A thread, or a CLONE_PARENT sibling, has the parent's parent (init has none to share). */
	if ((flags & (CLONE_PARENT | CLONE_THREAD)) && current->parent)
		p->parent = current->parent;
	else
		p->parent = current;
	if (flags & CLONE_THREAD) {
		p->tgid = current->tgid;
		p->group_leader = current->group_leader;
	} else {
		p->tgid = p->pid;
		p->group_leader = p;
		list_add_tail(&p->sibling, &p->parent->children);	/* only leaders: wait4 sees processes */
	}
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	p->signal->nr_threads++;
	p->signal->live++;
	list_add_tail(&p->tasks, &init_task.tasks);
	/* As Linux, written before the child runs, and a bad pointer is not an error. */
	if (flags & CLONE_PARENT_SETTID)
		(void)put_user(p->pid, args->parent_tid);
	p->state = TASK_INTERRUPTIBLE;
	wake_up_process(p);			/* onto the run queue */
	return p;

free_files:
	put_files_struct(p->files);
free_mm:
	if (p->mm)
		mmput(p->mm);
free:
	free_task(p);
	return ERR_PTR(err);
}

/*
 * clone_flags_valid: Linux's rules for flag combinations (copy_process):
 * a thread shares the signal actions, shared actions need shared memory,
 * and a detached child cannot be one of init's siblings.  0 or -EINVAL.
 */
static int clone_flags_valid(unsigned long flags)
{
	if (flags & ~CLONE_KNOWN)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;		/* init's siblings would have no parent to wait for them */
#ifndef CONFIG_MMU
	if (!(flags & CLONE_VM))
		return -EINVAL;		/* no fork without an MMU: nothing to copy an address space into */
#endif
	return 0;
}

/*
 * sys_clone: fork (flags = SIGCHLD), vfork (CLONE_VM | CLONE_VFORK |
 * SIGCHLD), threads (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
 * CLONE_THREAD and the tid and TLS flags) and what lies between.
 * riscv64's argument order: flags, newsp, parent_tid, tls, child_tid.
 */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *ptid,
	       unsigned long tls, int __user *ctid)
{
	struct kernel_clone_args args = {
		.flags = flags & ~CSIGNAL, .exit_signal = (int)(flags & CSIGNAL), .stack = newsp,
		.tls = tls, .parent_tid = ptid, .child_tid = ctid,
	};
	struct task_struct *p;
	int err = clone_flags_valid(flags);

	if (err)
		return err;
	p = copy_process(&args);
	if (IS_ERR(p))
		return PTR_ERR(p);
	if (flags & CLONE_VFORK) {
		/*
		 * The parent may not run until the child has exec'd or exited:
		 * they share the stack.  A killed parent stops waiting and dies;
		 * the child keeps the memory it borrowed (its own mm reference).
		 */
		p->vfork_parent = current;
		while (!p->vfork_done && !fatal_signal_pending(current)) {
			current->state = TASK_INTERRUPTIBLE;
			schedule();
		}
	}
	return p->pid;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;	/* checked only when used, as Linux */
	return current->pid;
}

/*
 * kernel_thread: a new task that runs fn(arg) in the kernel; if fn execs a
 * program and returns 0, the task continues as that user process (this is
 * how init starts).  Returns the pid, or -errno.
 */
int kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD, .fn = fn, .fn_arg = arg };
	struct task_struct *p = copy_process(&args);

	if (IS_ERR(p))
		return (int)PTR_ERR(p);
	snprintf(p->comm, sizeof(p->comm), "%s", name);
	return p->pid;
}

int kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct kernel_clone_args args = { .fn = fn, .fn_arg = arg };
	struct task_struct *p = copy_process(&args);

	if (IS_ERR(p))
		return (int)PTR_ERR(p);
	p->flags |= PF_KTHREAD;
	snprintf(p->comm, sizeof(p->comm), "%s", name);
	return p->pid;
}

/* kernel_thread_exit: fn returned an error instead of becoming a user program. */
void kernel_thread_exit(long err)
{
	pr_err("%s[%d]: kernel thread failed: %ld\n", current->comm, current->pid, err);
	do_exit(((int)-err & 0xff) << 8);
}
