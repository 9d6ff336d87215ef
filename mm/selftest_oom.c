/*
 * mm/selftest_oom.c: the allocator's last resort, in the kernel (test=oom).
 * At boot no process exists, so what this suite can show is what must
 * happen without a victim: requests that may not kill fail cleanly and
 * give everything back, and no kill is counted.  Two boots of their own
 * end in Linux's panics (the harness checks the messages and QEMU's exit
 * status): test=oom_nokill (a GFP_KERNEL request, nothing to kill) and
 * test=oom_panic (vm.panic_on_oom=1).  The kills themselves are
 * user/tests/test_oom's, with real processes.
 */
#include <gfp.h>
#include <oom.h>
#include <selftest.h>
#include <sched.h>
#include <vmstat.h>

/* grab: allocate order-`order` blocks with gfp until one fails; the count; the blocks chained through held. */
static unsigned long grab(gfp_t gfp, unsigned int order, struct page_list *held)
{
	unsigned long n = 0;
	struct page *page;

	while ((page = alloc_pages(gfp | __GFP_NOWARN, order)) != NULL) {
		page_list_add(held, page);
		n++;
	}
	return n;
}

static void release(struct page_list *held, unsigned int order)
{
	struct page *page;

	while ((page = page_list_first(held)) != NULL) {
		page_list_del(held, page);
		__free_pages(page, order);
	}
}

void selftest_oom(void)
{
	unsigned long kills = global_vm_event(OOM_KILL), n;
	struct page_list held;
	struct page *page;

	page_list_init(&held);
	n = grab(GFP_KERNEL | __GFP_RETRY_MAYFAIL, 0, &held);
	tap_check(n > 0, "oom: __GFP_RETRY_MAYFAIL takes memory to the min watermark (%lu pages), then fails", n);
	tap_check(alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN) == NULL,
		  "oom: __GFP_NORETRY fails there instead of killing");
	tap_check(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4) == NULL,
		  "oom: a costly order (4) fails instead of killing");
	/* GFP_NOWAIT may dip below min (ALLOC_NON_BLOCK): it may succeed, but never kills. */
	n = grab(GFP_NOWAIT, 0, &held);
	tap_diag("GFP_NOWAIT took %lu more pages", n);
	tap_check(global_vm_event(OOM_KILL) == kills && !tsk_is_oom_victim(current),
		  "oom: none of them invoked the OOM killer (oom_kill %lu)", global_vm_event(OOM_KILL));
	release(&held, 0);
	page = alloc_page(GFP_KERNEL);
	tap_check(page != NULL, "oom: with the memory back an ordinary allocation succeeds");
	if (page)
		__free_page(page);
}

/* selftest_oom_nokill: a GFP_KERNEL request with nothing to kill: Linux's panic. */
void selftest_oom_nokill(void)
{
	struct page_list held;

	page_list_init(&held);
	grab(GFP_KERNEL, 0, &held);
	tap_check(false, "oom_nokill: the exhausting GFP_KERNEL request returned instead of panicking");
}

/* selftest_oom_panic: vm.panic_on_oom=1 panics at the first OOM, whatever could be killed. */
void selftest_oom_panic(void)
{
	struct page_list held;

	sysctl_panic_on_oom = 1;
	page_list_init(&held);
	grab(GFP_KERNEL, 0, &held);
	tap_check(false, "oom_panic: the exhausting GFP_KERNEL request returned instead of panicking");
}
