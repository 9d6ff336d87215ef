/*
 * kernel/futex.c: fast user-space locking, as Linux's kernel/futex/.
 *
 * A futex is a 32-bit word of user memory.  FUTEX_WAIT sleeps while the
 * word holds the value the caller expects (EAGAIN at once if it does
 * not), until FUTEX_WAKE on the same word, a timeout or a signal; user
 * space does the uncontended cases without entering the kernel at all.
 * The _BITSET variants wake only the waiters whose bitset meets the
 * waker's.
 *
 * A waiter is a futex_q on its own kernel stack, in a hash bucket chosen
 * by its key.  The key is the address space and the address: right for
 * every private futex (FUTEX_PRIVATE_FLAG) and for shared ones within a
 * process; a futex in a MAP_SHARED mapping waited on from two processes
 * would need the page's identity (Linux's inode and offset) and is not
 * woken across them.  The kernel runs with interrupts off on one hart, so
 * nothing can change the word or wake the waiter between reading the
 * value and going to sleep: the lost-wakeup window Linux closes with the
 * bucket's lock is closed here by not being preempted.
 */
#include <errno.h>
#include <futex.h>
#include <list.h>
#include <mm_types.h>
#include <sched.h>
#include <timer.h>
#include <uaccess.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

/* One sleeping waiter. */
struct futex_q {
	struct list_head list;		/* in its bucket, until woken */
	struct task_struct *task;
	struct mm_struct *mm;		/* the key: address space ... */
	unsigned long uaddr;		/* ... and address */
	u32 bitset;
	bool woken;			/* taken off by a FUTEX_WAKE */
};

#define FUTEX_HASH_BITS	6
static struct list_head futex_queues[1 << FUTEX_HASH_BITS];

static struct list_head *hash_futex(struct mm_struct *mm, unsigned long uaddr)
{
	unsigned long h = (uaddr >> 2) ^ ((unsigned long)mm >> 6);

	h ^= h >> FUTEX_HASH_BITS;
	h ^= h >> (2 * FUTEX_HASH_BITS);
	h &= (1UL << FUTEX_HASH_BITS) - 1;
	if (!futex_queues[h].next)
		INIT_LIST_HEAD(&futex_queues[h]);	/* zeroed at boot: each bucket made on first use */
	return &futex_queues[h];
}

int futex_wake(struct mm_struct *mm, u32 __user *uaddr, int nr, u32 bitset)
{
	struct list_head *bucket = hash_futex(mm, (unsigned long)uaddr);
	struct futex_q *q, *n;
	int woken = 0;

	list_for_each_entry_safe(q, n, bucket, list) {
		if (q->mm != mm || q->uaddr != (unsigned long)uaddr || !(q->bitset & bitset))
			continue;
		list_del_init(&q->list);
		q->woken = true;
		wake_up_process(q->task);
		if (++woken >= nr)	/* as Linux: nr 0 or less still wakes one */
			break;
	}
	return woken;
}

/* now_ns: CLOCK_MONOTONIC, the clock every deadline here is kept in. */
static u64 now_ns(void)
{
	return ktime_get_ns();
}

/* ticks_for: whole ticks to sleep for ns (rounded up, and bounded so jiffies cannot overflow). */
static long ticks_for(u64 ns)
{
	u64 ticks = (ns + NSEC_PER_TICK - 1) / NSEC_PER_TICK;

	return ticks > (1UL << 40) ? (long)(1UL << 40) : (long)ticks;
}

/*
 * futex_wait: sleep on uaddr while it holds val, until a wake that meets
 * bitset (0), the clock passes deadline ns (-ETIMEDOUT; ~0: never) or a
 * signal.  A signal is -ERESTARTSYS without a timeout (the call restarts
 * as it was, as Linux's), -ERESTARTNOHAND with an absolute one (the same
 * deadline stands), and -EINTR with a relative one, which Linux resumes
 * through a restart block rvmm does not have.
 */
static long futex_wait(u32 __user *uaddr, u32 val, u64 deadline, bool relative, u32 bitset)
{
	struct futex_q q = { .task = current, .mm = current->mm, .uaddr = (unsigned long)uaddr,
			     .bitset = bitset };
	u32 cur;
	long ret = 0;

	if (!bitset)
		return -EINVAL;
	if ((unsigned long)uaddr % sizeof(u32))
		return -EINVAL;
	if (get_user(cur, uaddr))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	list_add_tail(&q.list, hash_futex(q.mm, q.uaddr));
	for (;;) {
		u64 now;

		current->state = TASK_INTERRUPTIBLE;
		if (q.woken)
			break;
		if (signal_pending(current)) {
			ret = deadline == ~0ULL ? -ERESTARTSYS : relative ? -EINTR : -ERESTARTNOHAND;
			break;
		}
		if (deadline == ~0ULL) {
			schedule();
			continue;
		}
		now = now_ns();
		if (now >= deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		schedule_timeout(ticks_for(deadline - now));
	}
	current->state = TASK_RUNNING;
	if (!q.woken)
		list_del(&q.list);
	else
		ret = 0;	/* woken, even if the time is up or a signal came too */
	return ret;
}

/*
 * sys_futex: FUTEX_WAIT (a relative timeout), FUTEX_WAKE, and the
 * _BITSET forms (an absolute timeout on CLOCK_MONOTONIC, or
 * CLOCK_REALTIME with FUTEX_CLOCK_REALTIME).  Linux's order of errors:
 * the timeout (EFAULT, EINVAL), the command (ENOSYS), the bitset and the
 * address's alignment (EINVAL), the word (EFAULT), its value (EAGAIN).
 * The requeue, wake-op and priority-inheritance commands are ENOSYS.
 */
long sys_futex(u32 __user *uaddr, int op, u32 val, const struct timespec64 __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	u64 deadline = ~0ULL;

	(void)uaddr2;
	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)) {
		struct timespec64 ts;
		int err = get_timespec64(&ts, utime);

		if (err)
			return err;
		deadline = timespec64_to_ns(&ts);	/* ~0, no timeout, for a time past 2554 */
		if (cmd == FUTEX_WAIT) {
			u64 now = now_ns();

			deadline = deadline > ~0ULL - 1 - now ? ~0ULL - 1 : now + deadline;
		} else if (op & FUTEX_CLOCK_REALTIME) {
			/* a wall-clock deadline, moved to the monotonic clock (one already past is now) */
			u64 offset = ktime_get_real_ns() - ktime_get_ns();

			deadline = deadline > offset ? deadline - offset : 0;
		}
	}
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, val, deadline, true, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, val, deadline, false, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		if ((unsigned long)uaddr % sizeof(u32))
			return -EINVAL;
		if (!(op & FUTEX_PRIVATE_FLAG)) {
			u32 cur;

			/* Linux finds a shared futex's page, so an unmapped word is EFAULT; a private one it never touches */
			if (get_user(cur, uaddr))
				return -EFAULT;
		}
		return futex_wake(current->mm, uaddr, (int)val, val3);
	default:
		return -ENOSYS;
	}
}
