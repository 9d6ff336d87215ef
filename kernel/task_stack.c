/*
 * kernel/task_stack.c: kernel stacks, as Linux's alloc_thread_stack_node
 * and free_thread_stack (kernel/fork.c).  With an MMU a stack is a
 * vmalloc area aligned to THREAD_ALIGN (CONFIG_VMAP_STACK: the page below
 * it is never mapped, so an overflow faults); without one it is four
 * contiguous pages from the buddy allocator.  Either way its lowest word
 * holds the canary (include/task_stack.h).
 */
#include <errno.h>
#include <gfp.h>
#include <printk.h>
#include <task_stack.h>
#include <vmalloc.h>
#include <vmstat.h>

#define THREAD_SIZE_ORDER	2	/* 4 pages */

#ifdef CONFIG_MMU
static void *alloc_stack(const void *caller)
{
	/* Not zeroed (Linux zeroes): fork writes the frame it needs; the rest is never read. */
	return __vmalloc_node(THREAD_SIZE, THREAD_ALIGN, GFP_KERNEL, 0, caller);
}

static void free_stack(void *stack)
{
	vfree(stack);
}
#else
static void *alloc_stack(const void *caller)
{
	struct page *page = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);

	return page ? page_address(page) : NULL;
}

static void free_stack(void *stack)
{
	__free_pages(virt_to_page(stack), THREAD_SIZE_ORDER);
}
#endif

int alloc_thread_stack_node(struct task_struct *t, int node)
{
	t->stack = alloc_stack(__builtin_return_address(0));	/* /proc/vmallocinfo's caller */
	if (!t->stack)
		return -ENOMEM;
	set_task_stack_end_magic(t);
	mod_node_page_state(NR_KERNEL_STACK_KB, THREAD_SIZE >> 10);
	return 0;
}

void free_thread_stack(struct task_struct *t)
{
	mod_node_page_state(NR_KERNEL_STACK_KB, -(THREAD_SIZE >> 10));
	free_stack(t->stack);
	t->stack = NULL;
}

void stack_end_corrupted(const struct task_struct *t, const char *where)
{
	unsigned long base = (unsigned long)t->stack;

	pr_emerg("Thread overran stack, or stack corrupted\n");
	pr_emerg("%s[%d]: kernel stack overflow: the canary at %#lx reads %#lx, not %#lx (%s)\n",
		 t->comm, t->pid, base, *end_of_stack(t), STACK_END_MAGIC, where);
	pr_emerg("Task stack:     [0x%016lx..0x%016lx]\n", base, base + THREAD_SIZE);
	panic("corrupted stack end detected inside %s", where);
}
