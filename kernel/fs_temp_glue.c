/* TEMPORARY: delete this file at the merge with the process code, which provides every function below. */
/*
 * kernel/fs_temp_glue.c: stand-ins so the file system can be built and
 * tested before processes exist.  Each definition here belongs to the
 * process code (include/uaccess.h, include/sched.h, include/proc_fs.h,
 * include/wait.h) and is replaced by it:
 *
 *  - uaccess: no user address space exists yet, so user copies are plain
 *    copies with sstatus.SUM set after access_ok (a fault would oops);
 *    iov_iters on kernel memory are memcpy, as for real.
 *  - current: one boot task, pid 1, whose table is init_files and whose
 *    cwd vfs_init sets.
 *  - /proc hooks: the boot task is the only pid; it has no memory map.
 *  - wait queues: nothing sleeps.  prepare_to_wait_event queues nothing,
 *    schedule() returns at once, so wait_event_interruptible spins
 *    re-checking its condition: with no other task to change it, a
 *    blocking pipe read or write would spin for ever (the self-tests use
 *    O_NONBLOCK).
 */
#include <asm/csr.h>
#include <errno.h>
#include <fs.h>
#include <pgtable.h>
#include <proc_fs.h>
#include <sched.h>
#include <string.h>
#include <uaccess.h>
#include <wait.h>

/* ---- include/uaccess.h ---- */

bool access_ok(const void __user *addr, size_t size)
{
	unsigned long a = (unsigned long)addr;

	return a + size >= a && a + size <= task_size;
}

/* user_copy: copy n bytes with user pages accessible; returns bytes NOT copied. */
static size_t user_copy(void *to, const void *from, size_t n)
{
	csr_set(sstatus, SR_SUM);
	memcpy(to, from, n);
	csr_clear(sstatus, SR_SUM);
	return 0;
}

size_t copy_from_user(void *to, const void __user *from, size_t n)
{
	return access_ok(from, n) ? user_copy(to, from, n) : n;
}

size_t copy_to_user(void __user *to, const void *from, size_t n)
{
	return access_ok(to, n) ? user_copy(to, from, n) : n;
}

size_t clear_user(void __user *to, size_t n)
{
	if (!access_ok(to, n))
		return n;
	csr_set(sstatus, SR_SUM);
	memset(to, 0, n);
	csr_clear(sstatus, SR_SUM);
	return 0;
}

long strncpy_from_user(char *dst, const char __user *src, size_t n)
{
	size_t i;

	csr_set(sstatus, SR_SUM);
	for (i = 0; i < n; i++) {
		if (!access_ok(src + i, 1)) {
			csr_clear(sstatus, SR_SUM);
			return -EFAULT;
		}
		dst[i] = src[i];
		if (!dst[i])
			break;
	}
	csr_clear(sstatus, SR_SUM);
	return i < n ? (long)i : -ENAMETOOLONG;
}

size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i)
{
	size_t copied;

	n = MIN(n, i->count);
	if (i->user)
		copied = n - copy_to_user(i->buf, from, n);
	else
		copied = (memcpy(i->buf, from, n), n);
	i->buf += copied;
	i->count -= copied;
	return copied;
}

size_t copy_from_iter(void *to, size_t n, struct iov_iter *i)
{
	size_t copied;

	n = MIN(n, i->count);
	if (i->user)
		copied = n - copy_from_user(to, i->buf, n);
	else
		copied = (memcpy(to, i->buf, n), n);
	i->buf += copied;
	i->count -= copied;
	return copied;
}

size_t iov_iter_zero(size_t n, struct iov_iter *i)
{
	size_t copied;

	n = MIN(n, i->count);
	if (i->user)
		copied = n - clear_user(i->buf, n);
	else
		copied = (memset(i->buf, 0, n), n);
	i->buf += copied;
	i->count -= copied;
	return copied;
}

/* ---- include/sched.h ---- */

static struct task_struct init_task = {
	.pid = 1,
	.comm = "init",
	.files = &init_files,
};

struct task_struct *current = &init_task;

/* ---- include/proc_fs.h ---- */

struct task_struct *find_task_by_pid(int pid)
{
	return pid == init_task.pid ? &init_task : NULL;
}

int for_each_pid(int (*fn)(int pid, void *arg), void *arg)
{
	return fn(init_task.pid, arg);
}

void proc_pid_status(struct task_struct *t, struct seq_buf *m)
{
	seq_buf_printf(m, "Name:\t%s\n", t->comm);
	seq_buf_printf(m, "State:\tR (running)\n");
	seq_buf_printf(m, "Tgid:\t%d\n", t->pid);
	seq_buf_printf(m, "Pid:\t%d\n", t->pid);
	seq_buf_printf(m, "PPid:\t%d\n", 0);
}

void proc_pid_maps(struct task_struct *t, struct seq_buf *m)
{
	/* A task without an mm (a kernel thread) has an empty maps file. */
}

/* ---- include/wait.h ---- */

long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state)
{
	return 0;
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
}

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive)
{
}

void schedule(void)
{
}
