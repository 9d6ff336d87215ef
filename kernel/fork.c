/*
 * kernel/fork.c: making a new task.
 *
 * copy_process() gives the child its own kernel stack whose top holds a
 * copy of the parent's user registers (with a0 = 0: fork returns 0 in the
 * child), a copy of the address space (or the same one, for vfork), and
 * the open files.  The child starts in ret_from_fork and leaves the kernel
 * through the common trap return path, straight into user mode.
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
#include <err.h>
#include <fs.h>
#include <timer.h>
#include <vmstat.h>

#define CLONE_VM	0x00000100
#define CLONE_VFORK	0x00004000
#define CSIGNAL		0x000000ff

int alloc_pid(void);
void do_exit(int code) __attribute__((noreturn));

static struct kmem_cache *task_cache;

/* alloc_task: a zeroed task with a kernel stack, or NULL. */
static struct task_struct *alloc_task(void)
{
	struct task_struct *t;
	struct page *stack;

	if (!task_cache)
		task_cache = kmem_cache_create("task_struct", sizeof(struct task_struct), 0,
					       SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);
	t = kmem_cache_zalloc(task_cache, GFP_KERNEL);
	if (!t)
		return NULL;
	stack = alloc_pages(GFP_KERNEL, 2);	/* THREAD_SIZE: 16 KiB */
	if (!stack) {
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	t->stack = page_address(stack);
	mod_node_page_state(NR_KERNEL_STACK_KB, THREAD_SIZE >> 10);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->sleep_entry);
	init_waitqueue_head(&t->wait_child);
	return t;
}

void free_task(struct task_struct *t)
{
	exit_signals_free(t);
	mod_node_page_state(NR_KERNEL_STACK_KB, -(THREAD_SIZE >> 10));
	__free_pages(virt_to_page(t->stack), 2);
	kmem_cache_free(task_cache, t);
}

/*
 * copy_process: a runnable copy of current, whose mm it shares when
 * share_vm.  It returns to user mode as from fork (on newsp if non-zero),
 * or, when fn is set, runs fn(arg) as a kernel thread (copy_thread).
 */
static struct task_struct *copy_process(bool share_vm, int exit_signal, unsigned long newsp,
					int (*fn)(void *), void *arg)
{
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
	p->exit_signal = exit_signal;
	if (copy_signals(p, current))
		goto free;
	p->oom_score_adj = current->oom_score_adj;
	p->start_time = jiffies;
	p->pgid = current->pgid;	/* fork and vfork alike: the parent's job and session */
	p->sid = current->sid;
	if (current->mm) {
		if (share_vm) {
			p->mm = current->mm;
			p->mm->mm_users++;
		} else {
			p->mm = dup_mm(current->mm);
			if (!p->mm)
				goto free;
		}
	}
	p->files = dup_fd(current->files);
	if (!p->files)
		goto free_mm;
	p->cwd = current->cwd ? igrab(current->cwd) : NULL;
	p->umask = current->umask;

	copy_thread(p, newsp, fn, arg);

	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	list_add_tail(&p->tasks, &init_task.tasks);
	p->state = TASK_INTERRUPTIBLE;
	wake_up_process(p);			/* onto the run queue */
	return p;

free_mm:
	if (p->mm)
		mmput(p->mm);
free:
	free_task(p);
	return ERR_PTR(err);
}

/*
 * sys_clone: fork (flags = SIGCHLD) and vfork (CLONE_VM | CLONE_VFORK |
 * SIGCHLD) are what rvmm supports; threads are not.  riscv64's argument
 * order: flags, newsp, parent_tid, tls, child_tid.
 */
long sys_clone(unsigned long flags, unsigned long newsp, unsigned long ptid,
	       unsigned long tls, unsigned long ctid)
{
	unsigned long other = flags & ~(CSIGNAL | CLONE_VM | CLONE_VFORK);
	struct task_struct *p;
	bool vfork = flags & CLONE_VFORK;

	(void)ptid, (void)tls, (void)ctid;
	if (other || ((flags & CLONE_VM) && !vfork))
		return -EINVAL;
#ifndef CONFIG_MMU
	if (!(flags & CLONE_VM))
		return -EINVAL;		/* no fork without an MMU: nothing to copy an address space into */
#endif
	p = copy_process(flags & CLONE_VM, (int)(flags & CSIGNAL), newsp, NULL, NULL);
	if (IS_ERR(p))
		return PTR_ERR(p);
	if (vfork) {
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

/*
 * kernel_thread: a new task that runs fn(arg) in the kernel; if fn execs a
 * program and returns 0, the task continues as that user process (this is
 * how init starts).  Returns the pid, or -errno.
 */
int kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = copy_process(false, SIGCHLD, 0, fn, arg);

	if (IS_ERR(p))
		return (int)PTR_ERR(p);
	snprintf(p->comm, sizeof(p->comm), "%s", name);
	return p->pid;
}

/* kernel_thread_exit: fn returned an error instead of becoming a user program. */
void kernel_thread_exit(long err)
{
	pr_err("%s[%d]: kernel thread failed: %ld\n", current->comm, current->pid, err);
	do_exit(((int)-err & 0xff) << 8);
}
