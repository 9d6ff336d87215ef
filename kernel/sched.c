/*
 * kernel/sched.c: a round-robin scheduler.
 *
 * Runnable tasks wait on one queue; the timer tick asks the running task
 * to give way (need_resched), which it does on its way back to user mode.
 * The kernel itself is not preempted (as Linux without CONFIG_PREEMPT):
 * interrupts are off while it runs, except in the idle loop, so a task in
 * the kernel runs until it returns to user mode or sleeps.  The boot task
 * becomes the idle task and runs only when nothing else can.
 */
#include <asm/processor.h>
#include <asm/csr.h>
#include <asm/irqflags.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <mmu_context.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <task_stack.h>
#include <timer.h>

struct task_struct *__switch_to(struct thread_struct *prev, struct thread_struct *next);
void schedule_tail(struct task_struct *prev);
void free_task(struct task_struct *t);		/* fork.c */

extern char init_stack[];

struct task_struct init_task = {
	.pid = 0,
	.state = TASK_RUNNING,
	.comm = "swapper",
	.stack = init_stack,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.sleep_entry = LIST_HEAD_INIT(init_task.sleep_entry),
	.files = &init_files,
	.sighand = &init_sighand,
	.fs = &init_fs,
	.signal = &init_signals,
	.group_leader = &init_task,
	.thread_node = LIST_HEAD_INIT(init_signals.thread_head),
};
/* The boot task's thread group: itself alone. */
struct signal_struct init_signals = {
	.count = 1,
	.live = 1,
	.nr_threads = 1,
	.thread_head = LIST_HEAD_INIT(init_task.thread_node),
	.wait_chldexit = { LIST_HEAD_INIT(init_signals.wait_chldexit.head) },
	.rlim = INIT_RLIMITS,
};
struct task_struct *current = &init_task;
bool need_resched;

static LIST_HEAD(runqueue);	/* runnable tasks other than the one running and idle */
static LIST_HEAD(sleepers);	/* tasks in nanosleep, woken by the tick */

void wake_up_process(struct task_struct *t)
{
	if (!(t->state & TASK_NORMAL))
		return;
	t->state = TASK_RUNNING;
	if (!list_empty(&t->sleep_entry))
		list_del_init(&t->sleep_entry);
	if (t != current && t != &init_task)
		list_add_tail(&t->run_list, &runqueue);
}

/*
 * account_switch: prev stops running and next starts: the CPU-time
 * clocks count, to the time CSR's resolution, how long each one ran
 * (Linux's sum_exec_runtime; utime and stime are charged by the tick),
 * and the instret CSR how many instructions each one retired (what
 * perf_event_open counts for a task; the idle task's are the idle loop's
 * and the interrupts it took).
 */
static void account_switch(struct task_struct *prev, struct task_struct *next)
{
	u64 now = get_cycles(), instret = read_instret();

	prev->sum_exec_runtime += now - prev->exec_start;
	next->exec_start = now;
	prev->sum_exec_instret += instret - prev->instret_start;
	next->instret_start = instret;
}

u64 task_instructions(const struct task_struct *t)
{
	u64 n = t->sum_exec_instret;

	if (t == current)
		n += read_instret() - t->instret_start;
	return n;
}

/* finish_task_switch: runs on the new task's stack, right after the switch. */
static void finish_task_switch(struct task_struct *prev)
{
	/*
	 * A zombie's stack is freed by its parent's wait4; a task nobody
	 * waits for (its parent ignores SIGCHLD) is freed here, the first
	 * moment it no longer runs on it.
	 */
	if (prev->state == TASK_DEAD)
		free_task(prev);
}

/* schedule_tail: the first thing a new task does (ret_from_fork). */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	/* CLONE_CHILD_SETTID: in the child's own address space; a bad pointer is not the child's error */
	if (current->set_child_tid)
		(void)put_user(current->pid, current->set_child_tid);
}

void schedule(void)
{
	struct task_struct *prev = current, *next = &init_task;
	unsigned long flags = arch_local_irq_save();

	need_resched = false;
	if (prev != &init_task && prev->state == TASK_RUNNING)
		list_add_tail(&prev->run_list, &runqueue);
	if (!list_empty(&runqueue)) {
		next = list_first_entry(&runqueue, struct task_struct, run_list);
		list_del_init(&next->run_list);
	}
	if (next != prev) {
		check_stack_end(prev, "scheduler");	/* Linux's CONFIG_SCHED_STACK_END_CHECK */
		account_switch(prev, next);
		if (next->mm || !prev->mm)
			switch_mm(next->mm);	/* a kernel task keeps whatever is loaded */
		current = next;
		prev = __switch_to(&prev->thread, &next->thread);
		finish_task_switch(prev);
	}
	arch_local_irq_restore(flags);
}

/* The boot task's last job: run whatever is runnable, sleep when nothing is. */
void cpu_idle(void)
{
	for (;;) {
		arch_local_irq_disable();
		if (list_empty(&runqueue))
			wait_for_interrupt();	/* wakes on a pending interrupt even with SIE off */
		arch_local_irq_enable();		/* take it */
		arch_local_irq_disable();
		if (!list_empty(&runqueue))
			schedule();
	}
}

void io_schedule(void)
{
	schedule();
	if (current != &init_task)
		return;
	/* Nothing else could run: sleep until the interrupt, and take it. */
	if (list_empty(&runqueue))
		wait_for_interrupt();	/* wakes on a pending interrupt even with SIE off */
	arch_local_irq_enable();
	arch_local_irq_disable();
}

/*
 * Wait queues as Linux's: the entry lives on the sleeper's stack, the
 * waker only makes the sleeper runnable, and the sleeper takes itself off
 * the queue in finish_wait.  Interrupts are off in the kernel, so nothing
 * can wake a task between its check of the condition and schedule().
 */
long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state)
{
	if ((state & TASK_INTERRUPTIBLE) && signal_pending_current()) {
		if (!list_empty(&wq_entry->entry))
			list_del_init(&wq_entry->entry);
		return -ERESTARTSYS;
	}
	if (list_empty(&wq_entry->entry))
		list_add_tail(&wq_entry->entry, &wq_head->head);
	current->state = (unsigned int)state;
	return 0;
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	(void)wq_head;
	current->state = TASK_RUNNING;
	if (!list_empty(&wq_entry->entry))
		list_del_init(&wq_entry->entry);
}

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive)
{
	struct wait_queue_entry *e;
	int woken = 0;

	(void)mode;
	list_for_each_entry(e, &wq_head->head, entry) {
		wake_up_process(e->task);
		if (nr_exclusive && ++woken == nr_exclusive)
			break;
	}
}

int signal_pending_current(void)
{
	return signal_pending(current);
}

void cond_resched(void)
{
	unsigned long flags = arch_local_irq_save();

	/* The kernel runs with interrupts off: open a window for a pending tick. */
	arch_local_irq_enable();
	arch_local_irq_disable();
	arch_local_irq_restore(flags);
	if (need_resched)
		schedule();
}

/* sleep_until: sleep until jiffies reaches `when` or a signal arrives; 0 or -EINTR. */
int sleep_until(u64 when)
{
	while (jiffies < when) {
		if (signal_pending_current())
			return -EINTR;
		current->wake_at = when;
		current->state = TASK_INTERRUPTIBLE;
		list_add_tail(&current->sleep_entry, &sleepers);
		schedule();
	}
	return 0;
}

/*
 * schedule_timeout: sleep, in the state the caller set (after queueing
 * itself on a wait queue), until woken or timeout ticks pass; the ticks
 * left, as Linux's.  The tick wakes it through the sleepers list.
 */
long schedule_timeout(long timeout)
{
	u64 when = jiffies + (u64)timeout;

	current->wake_at = when;
	list_add_tail(&current->sleep_entry, &sleepers);
	schedule();
	if (!list_empty(&current->sleep_entry))
		list_del_init(&current->sleep_entry);	/* woken by the waker, not the tick */
	return when > jiffies ? (long)(when - jiffies) : 0;
}

void account_process_tick(bool user)
{
	if (current == &init_task)
		return;		/* the idle task's time is idle time */
	if (user)
		current->utime++;
	else
		current->stime++;
}

void scheduler_tick(void)
{
	struct task_struct *t, *n;

	list_for_each_entry_safe(t, n, &sleepers, sleep_entry)
		if (t->wake_at <= jiffies)
			wake_up_process(t);
	if (current != &init_task)
		need_resched = true;	/* a tick is a time slice */
}
