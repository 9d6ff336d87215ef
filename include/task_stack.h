/*
 * include/task_stack.h: a task's kernel stack, as Linux's
 * include/linux/sched/task_stack.h (kernel/task_stack.c).
 *
 * With an MMU a stack is a vmalloc area (CONFIG_VMAP_STACK): THREAD_SIZE
 * bytes aligned to THREAD_ALIGN, with unmapped memory below it, so that
 * running off its bottom faults at once and the trap entry, seeing sp
 * below the stack, reports "Kernel stack overflow" from an overflow stack
 * (kernel/riscv/entry.S, traps.c).  Without an MMU it is THREAD_SIZE
 * physically contiguous bytes, and only the canary below tells.
 *
 * Both builds keep STACK_END_MAGIC in a stack's lowest word: the scheduler
 * checks it at every switch and the trap entry at every kernel trap, and a
 * task whose canary is gone panics ("Thread overran stack, or stack
 * corrupted").
 */
#ifndef _RVMM_TASK_STACK_H
#define _RVMM_TASK_STACK_H

#include <sched.h>

#define STACK_END_MAGIC	0x57AC6E9DUL	/* Linux's value */

/* end_of_stack: the lowest word of t's stack, where the canary lives. */
static inline unsigned long *end_of_stack(const struct task_struct *t)
{
	return (unsigned long *)t->stack;
}

static inline void set_task_stack_end_magic(struct task_struct *t)
{
	*end_of_stack(t) = STACK_END_MAGIC;
}

static inline bool task_stack_end_corrupted(const struct task_struct *t)
{
	return *end_of_stack(t) != STACK_END_MAGIC;
}

/* alloc_thread_stack_node: give t a kernel stack (t->stack); 0 or -ENOMEM. */
int alloc_thread_stack_node(struct task_struct *t, int node);
/* free_thread_stack: give t's kernel stack back. */
void free_thread_stack(struct task_struct *t);
/*
 * stack_end_corrupted: report t's overwritten canary (where: who noticed)
 * and panic.
 */
void stack_end_corrupted(const struct task_struct *t, const char *where) __attribute__((noreturn));

/* check_stack_end: the canary test of every switch and every trap from the kernel. */
static inline void check_stack_end(const struct task_struct *t, const char *where)
{
	if (task_stack_end_corrupted(t))
		stack_end_corrupted(t, where);
}

#endif
