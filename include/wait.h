/*
 * include/wait.h: sleeping until something happens (Linux's wait queues).
 * A task that must wait puts itself on a wait_queue_head and calls
 * schedule(); whoever makes the condition true calls wake_up().
 */
#ifndef _RVMM_WAIT_H
#define _RVMM_WAIT_H

#include <list.h>

struct wait_queue_head {
	struct list_head head;
};

#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = { LIST_HEAD_INIT(name.head) }

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

/* wake_up: make every task sleeping on wq runnable again. */
void wake_up(struct wait_queue_head *wq);
/* sleep_on: sleep once on wq (interrupts are off in the kernel, so no wake-up is lost between the check and this). */
void sleep_on(struct wait_queue_head *wq);
/* signal_pending_current: has the current task a signal that should end its wait? */
int signal_pending_current(void);

/*
 * wait_event_interruptible: sleep until cond is true; 0, or -ERESTARTSYS
 * (reported to user space as -EINTR) when a signal arrives first.
 */
#define wait_event_interruptible(wq, cond) ({				\
	int __ret = 0;							\
	while (!(cond)) {						\
		if (signal_pending_current()) {				\
			__ret = -512; /* -ERESTARTSYS, include/errno.h */			\
			break;						\
		}							\
		sleep_on(&(wq));					\
	}								\
	__ret; })

#endif
