/*
 * kernel/perf_event.c: perf_event_open(2) for the one event the hart can
 * count per task: PERF_COUNT_HW_INSTRUCTIONS of one task (pid 0: the
 * caller; any other pid: that task, a kernel thread too), read(2) as a
 * u64, started, stopped and zeroed by ioctl as Linux's.
 *
 * The count is the scheduler's (task_instructions): everything the hart
 * retired while the task was current, in user mode and in the kernel,
 * interrupts taken meanwhile included; the idle loop's instructions, and
 * the interrupts it takes while the task sleeps, are not the task's.
 * Under QEMU -icount it is exact.  Not offered (EINVAL): sampling, other
 * read formats, groups, inherit, a CPU-wide counter (pid -1), and the
 * exclude_user/kernel/hv filters (instret counts every mode).  A counter
 * on a task that has gone keeps reading the last count it read.
 */
#include <errno.h>
#include <fs.h>
#include <proc_fs.h>
#include <sched.h>
#include <slab.h>
#include <syscall_table.h>
#include <uaccess.h>

/* include/uapi/linux/perf_event.h: the attributes' first PERF_ATTR_SIZE_VER0 bytes. */
struct perf_event_attr {
	u32 type;
	u32 size;
	u64 config;
	u64 sample_period;
	u64 sample_type;
	u64 read_format;
	u64 flags;		/* the bit fields: disabled, inherit, pinned, ... */
	u32 wakeup_events;
	u32 bp_type;
	u64 config1;
};

#define PERF_ATTR_SIZE_VER0	64
#define PERF_TYPE_HARDWARE	0
#define PERF_COUNT_HW_INSTRUCTIONS	1
#define ATTR_DISABLED		(1UL << 0)
#define ATTR_PINNED		(1UL << 2)
#define ATTR_EXCLUSIVE		(1UL << 3)
#define ATTR_EXCLUDE_IDLE	(1UL << 7)	/* a task's count has no idle in it */
#define PERF_FLAG_FD_CLOEXEC	(1UL << 3)
#define PERF_EVENT_IOC_ENABLE	0x2400
#define PERF_EVENT_IOC_DISABLE	0x2401
#define PERF_EVENT_IOC_RESET	0x2403

struct perf_event {
	int pid;		/* the task counted */
	bool enabled;
	u64 count;		/* counted while enabled, up to start */
	u64 start;		/* the task's instructions when last enabled */
	u64 last;		/* the task's instructions at the last look */
};

/* event_now: the task's instruction count, or the last one seen once it is gone. */
static u64 event_now(struct perf_event *e)
{
	struct task_struct *t = find_task_by_pid(e->pid);

	if (t)
		e->last = task_instructions(t);
	return e->last;
}

static u64 event_value(struct perf_event *e)
{
	return e->count + (e->enabled ? event_now(e) - e->start : 0);
}

static ssize_t perf_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	u64 v = event_value(file->private_data);

	(void)pos;
	if (to->count < sizeof(v))
		return -ENOSPC;
	return copy_to_iter(&v, sizeof(v), to) == sizeof(v) ? (ssize_t)sizeof(v) : -EFAULT;
}

static long perf_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct perf_event *e = file->private_data;

	(void)arg;	/* PERF_IOC_FLAG_GROUP: a lone counter is its own group */
	switch (cmd) {
	case PERF_EVENT_IOC_ENABLE:
		if (!e->enabled)
			e->start = event_now(e);
		e->enabled = true;
		return 0;
	case PERF_EVENT_IOC_DISABLE:
		e->count = event_value(e);
		e->enabled = false;
		return 0;
	case PERF_EVENT_IOC_RESET:
		e->count = 0;
		e->start = event_now(e);
		return 0;
	}
	return -ENOTTY;
}

static int perf_release(struct inode *inode, struct file *file)
{
	(void)inode;
	kfree(file->private_data);
	return 0;
}

static const struct file_operations perf_fops = {
	.read = perf_read,
	.unlocked_ioctl = perf_ioctl,
	.llseek = no_llseek,
	.release = perf_release,
};

/* perf_copy_attr: the attributes from user memory, sized as Linux's: 0 or -errno. */
static int perf_copy_attr(struct perf_event_attr __user *uattr, struct perf_event_attr *attr)
{
	u32 size;

	if (get_user(size, &uattr->size))
		return -EFAULT;
	if (!size)
		size = PERF_ATTR_SIZE_VER0;
	if (size < PERF_ATTR_SIZE_VER0 || size > PAGE_SIZE)
		goto too_big;
	if (copy_from_user(attr, uattr, sizeof(*attr)))
		return -EFAULT;
	/* A newer caller's attributes: what this kernel does not know must be zero. */
	for (u32 off = sizeof(*attr); off < size; off++) {
		u8 b;

		if (get_user(b, (const u8 __user *)uattr + off))
			return -EFAULT;
		if (b)
			goto too_big;
	}
	return 0;
too_big:
	(void)put_user((u32)sizeof(*attr), &uattr->size);	/* the size this kernel takes */
	return -E2BIG;
}

long sys_perf_event_open(struct perf_event_attr __user *uattr, int pid, int cpu, int group_fd,
			 unsigned long flags)
{
	struct perf_event_attr attr;
	struct task_struct *t;
	struct perf_event *e;
	int err, fd;

	err = perf_copy_attr(uattr, &attr);
	if (err)
		return err;
	if (flags & ~PERF_FLAG_FD_CLOEXEC)
		return -EINVAL;
	if (attr.type != PERF_TYPE_HARDWARE || attr.config != PERF_COUNT_HW_INSTRUCTIONS)
		return -ENOENT;		/* no PMU here counts it */
	if (attr.sample_period || attr.sample_type || attr.read_format ||
	    (attr.flags & ~(ATTR_DISABLED | ATTR_PINNED | ATTR_EXCLUSIVE | ATTR_EXCLUDE_IDLE)))
		return -EINVAL;
	if (pid < 0 || cpu < -1 || cpu > 0 || group_fd != -1)
		return -EINVAL;
	t = pid ? find_task_by_pid(pid) : current;
	if (!t)
		return -ESRCH;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->pid = t->pid;
	e->last = task_instructions(t);
	e->start = e->last;
	e->enabled = !(attr.flags & ATTR_DISABLED);
	fd = anon_inode_getfd("[perf_event]", &perf_fops, e,
			      O_RDWR | (flags & PERF_FLAG_FD_CLOEXEC ? O_CLOEXEC : 0));
	if (fd < 0)
		kfree(e);
	return fd;
}
