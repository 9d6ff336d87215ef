/*
 * include/wait.h: sleeping until something happens, as Linux's wait
 * queues.
 *
 * A task that must wait (a read of an empty pipe) puts an entry for itself
 * on a wait_queue_head, sleeps in schedule(), and is made runnable again
 * by whoever changes the state it waits for (the writer) calling wake_up()
 * on the same head.  wait_event_interruptible() wraps the whole protocol
 * around a condition, re-checking it after every wake-up, and gives up
 * with -ERESTARTSYS when a signal arrives.
 *
 * The functions declared here belong to the scheduler (kernel/sched.c).
 */
#ifndef _RVMM_WAIT_H
#define _RVMM_WAIT_H

#include <list.h>

struct task_struct;
extern struct task_struct *current;	/* include/sched.h, which includes this file */

/* Task states (Linux's values); the rest of them are in include/sched.h. */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

struct wait_queue_entry {
	struct task_struct *task;	/* the sleeper */
	struct list_head entry;		/* on wait_queue_head.head */
};

struct wait_queue_head {
	struct list_head head;
};

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq_head)
{
	INIT_LIST_HEAD(&wq_head->head);
}

static inline void init_wait_entry(struct wait_queue_entry *wq_entry)
{
	wq_entry->task = current;
	INIT_LIST_HEAD(&wq_entry->entry);
}

/*
 * prepare_to_wait_event: queue wq_entry on wq_head (if not yet) and set
 * the task's state to state; returns -ERESTARTSYS instead when state is
 * interruptible and a signal is pending, 0 otherwise.
 */
long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state);
/* finish_wait: back to TASK_RUNNING and off the queue. */
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
/* __wake_up: make up to nr_exclusive sleepers in mode's states on wq_head runnable (0: all). */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive);
/* schedule: give the cpu to another runnable task; returns when this one runs again. */
void schedule(void);
/*
 * io_schedule: schedule() for a task waiting for a device.  The boot task
 * is the idle task, which schedule() returns to at once when nothing else
 * can run: it waits for the device's interrupt instead (wfi, then a
 * window with interrupts on), so that it too may wait for I/O.
 */
void io_schedule(void);

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1)

/*
 * wait_event_interruptible: sleep until condition is true; 0, or
 * -ERESTARTSYS if a signal came first.  The condition is checked after
 * queueing and before sleeping, so a wake_up between the check and
 * schedule() is not lost.
 */
#define wait_event_interruptible(wq_head, condition) ({			\
	long __ret = 0;							\
	if (!(condition)) {						\
		struct wait_queue_entry __wq_entry;			\
									\
		init_wait_entry(&__wq_entry);				\
		for (;;) {						\
			long __intr = prepare_to_wait_event(&(wq_head),	\
					&__wq_entry, TASK_INTERRUPTIBLE); \
			if (condition)					\
				break;					\
			if (__intr) {					\
				__ret = __intr;				\
				break;					\
			}						\
			schedule();					\
		}							\
		finish_wait(&(wq_head), &__wq_entry);			\
	}								\
	__ret;								\
})

/*
 * io_wait_event: sleep uninterruptibly until condition is true, as a task
 * waiting for a device does (what wakes it is the device's interrupt).
 */
#define io_wait_event(wq_head, condition) do {				\
	if (!(condition)) {						\
		struct wait_queue_entry __wq_entry;			\
									\
		init_wait_entry(&__wq_entry);				\
		for (;;) {						\
			prepare_to_wait_event(&(wq_head), &__wq_entry,	\
					      TASK_UNINTERRUPTIBLE);	\
			if (condition)					\
				break;					\
			io_schedule();					\
		}							\
		finish_wait(&(wq_head), &__wq_entry);			\
	}								\
} while (0)

#endif
