/*
 * mm/vmscan.c: page reclaim, as Linux's: kswapd keeps every zone's free
 * pages above the high watermark in the background, and an allocation
 * that finds too little free reclaims for itself (direct reclaim) before
 * the OOM killer is considered (mm/page_alloc.c).
 *
 * shrink_zone asks the replacement policy (include/reclaim_policy.h) for
 * victims and does the rest: it unmaps each from every process through
 * the reverse map, drops a clean file page from its cache, and frees the
 * page.  An anonymous page, or a shmem (tmpfs) page, can only be freed
 * once its data is in swap (include/swap.h, after swapon; mm/shmem.c);
 * without swap, reclaim does not look at swap-backed pages at all
 * (get_scan_count), and it never takes dirty file pages, since no file
 * system here writes pages back.
 *
 * How hard reclaim tries is its priority, Linux's: from DEF_PRIORITY (12)
 * down to 0, each pass may scan a list's size >> priority pages, so the
 * first pass looks at 1/4096 of the pages and the last at all of them.
 */
#include <asm/irqflags.h>
#include <lru.h>
#include <mm_user.h>
#include <pagemap.h>
#include <printk.h>
#include <proc_fs.h>
#include <reclaim_policy.h>
#include <sched.h>
#include <shmem_fs.h>
#include <swap.h>
#include <vmscan.h>
#include <vmstat.h>
#include "internal.h"

int vm_swappiness = 60;

#define DEF_PRIORITY		12
#define SWAP_CLUSTER_MAX	32UL	/* pages reclaimed per batch, and enough for direct reclaim */
#define MAX_RECLAIM_RETRIES	16	/* kswapd's failures before it waits for direct reclaim's success */

/* can_reclaim_anon: is there swap to write anonymous pages to? */
static bool can_reclaim_anon(void)
{
	return get_nr_swap_pages() > 0;
}

/*
 * get_scan_count: how many pages of each type this pass may look at
 * (Linux's get_scan_count, without the refault costs): without swap (or
 * when the allocation may not start I/O), file pages only; vm.swappiness
 * 0 spares anonymous pages while file pages remain; otherwise each type's
 * size >> priority times its share, swappiness / 200 for anonymous pages
 * and (200 - swappiness) / 200 for file pages.
 */
static void get_scan_count(struct zone *zone, struct scan_control *sc, bool may_swap)
{
	unsigned long anon = lru_zone_pages(zone, LRU_INACTIVE_ANON) + lru_zone_pages(zone, LRU_ACTIVE_ANON);
	unsigned long file = lru_zone_pages(zone, LRU_INACTIVE_FILE) + lru_zone_pages(zone, LRU_ACTIVE_FILE);
	unsigned long ap = (unsigned long)vm_swappiness, fp = 200 - ap;

	if (!may_swap || !can_reclaim_anon() || (vm_swappiness == 0 && file)) {
		ap = 0;
		fp = 200;
	}
	/* Linux's fractions: each type's share of ap + fp (always 200) */
	sc->nr_to_scan[LRU_ANON] = (anon >> sc->priority) * ap / 200;
	sc->nr_to_scan[LRU_FILE] = (file >> sc->priority) * fp / 200;
	/* The last pass may look at everything, however small the share. */
	if (!sc->priority) {
		sc->nr_to_scan[LRU_ANON] = ap ? anon : 0;
		sc->nr_to_scan[LRU_FILE] = fp ? file : 0;
	}
}

/* free_reclaimed: the page's last references are reclaim's: back to the page allocator. */
static void free_reclaimed(struct page *page)
{
	ClearPageActive(page);
	ClearPageReferenced(page);
	put_page(page);
}

/* What became of a victim. */
enum reclaim_result {
	PAGE_KEEP,	/* back to its list */
	PAGE_FREED,
	PAGE_WRITING,	/* its write to swap is in flight: finished after the batch */
};

#ifdef CONFIG_MMU
/* swap_entry_for: try_to_unmap's anon_entry: the PTE takes a reference to the page's slot. */
static bool swap_entry_for(struct page *page, struct mm_struct *mm, pte_t *entry)
{
	if (swap_duplicate(page_swap_entry(page)))
		return false;	/* the slot counts all the references it can */
	*entry = swp_entry_to_pte(page_swap_entry(page));
	mm->swap_ents++;
	return true;
}

/* finish_anon_page: a locked victim whose slot holds its data: freed, unless a fault mapped it again. */
static enum reclaim_result finish_anon_page(struct page *page)
{
	/* The swap cache's reference and ours, nobody else's: not mapped again, written. */
	if (PageDirty(page) || page_mapped(page) || page_ref_count(page) != 2) {
		unlock_page(page);
		return PAGE_KEEP;
	}
	delete_from_swap_cache(page);
	unlock_page(page);
	free_reclaimed(page);
	return PAGE_FREED;
}

/*
 * pageout_anon_page: an anonymous victim goes to swap, as Linux's
 * shrink_folio_list does it: locked, it gets a slot and joins the swap
 * cache (add_to_swap), every PTE becomes its swap entry (try_to_unmap),
 * and its write starts; the batch's writes are in flight together, and
 * each page is freed once written (finish_writing).  A page already in
 * the swap cache and clean (read in, not written since) costs no write.
 */
static enum reclaim_result pageout_anon_page(struct page *page)
{
	if (!trylock_page(page))
		return PAGE_KEEP;
	if ((!PageSwapCache(page) && add_to_swap(page)) ||	/* swap is full */
	    (page_mapped(page) && !try_to_unmap(page, swap_entry_for))) {
		unlock_page(page);
		return PAGE_KEEP;
	}
	if (!PageDirty(page))
		return finish_anon_page(page);
	swap_writepage(page);	/* unlocks it */
	return PAGE_WRITING;
}

/* finish_writing: wait for a victim's write to swap, then free it if it may go. */
static enum reclaim_result finish_writing(struct page *page)
{
	wait_on_page_writeback(page);
	if (!trylock_page(page))
		return PAGE_KEEP;	/* a fault is reading it in: it is wanted */
	return finish_anon_page(page);
}
#else
/* Without an MMU there is no swap (as Linux's nommu), and anonymous pages are on no list. */
static enum reclaim_result pageout_anon_page(struct page *page)
{
	return PAGE_KEEP;
}

static enum reclaim_result finish_writing(struct page *page)
{
	return PAGE_KEEP;
}
#endif

/*
 * reclaim_page: free an isolated victim (reclaim holds a reference) if it
 * can be.  Linux's shrink_folio_list for one page.
 */
static enum reclaim_result reclaim_page(struct page *page, bool may_swap)
{
	struct address_space *mapping = page_file_mapping(page);

	if (!page_evictable(page))
		return PAGE_KEEP;	/* mlocked since it was picked: putback moves it */
	if (PageAnon(page))
		return may_swap && can_reclaim_anon() ? pageout_anon_page(page) : PAGE_KEEP;
	if (mapping && mapping->shmem) {	/* swap-backed too (tmpfs) */
		if (!may_swap || !can_reclaim_anon() || !shmem_writeout(page))
			return PAGE_KEEP;
		free_reclaimed(page);
		return PAGE_FREED;
	}
	if (!mapping || PageDirty(page) || PageWriteback(page) || PageLocked(page))
		return PAGE_KEEP;	/* nothing writes file pages back */
	if (page_mapped(page) && !try_to_unmap(page, NULL))
		return PAGE_KEEP;
	/* The cache's reference and ours: anyone else (a read in progress) keeps it. */
	if (page_ref_count(page) != 2 || page_mapped(page))
		return PAGE_KEEP;
	delete_from_page_cache(page);
	free_reclaimed(page);
	return PAGE_FREED;
}

/* shrink_zone: one batch of reclaim in zone at sc->priority; pages freed. */
static unsigned long shrink_zone(struct zone *zone, struct scan_control *sc, bool may_swap)
{
	struct page_list victims, writing;
	unsigned long reclaimed = 0;
	struct page *page;

	get_scan_count(zone, sc, may_swap);
	if (!sc->nr_to_scan[LRU_ANON] && !sc->nr_to_scan[LRU_FILE])
		return 0;
	page_list_init(&victims);
	page_list_init(&writing);
	isolate_lru_victims(zone, sc, &victims);
	while ((page = page_list_first(&victims))) {
		enum reclaim_result r;

		page_list_del(&victims, page);
		r = reclaim_page(page, may_swap);
		if (r == PAGE_WRITING)
			page_list_add_tail(&writing, page);
		else if (r == PAGE_FREED)
			reclaimed++;
		else
			putback_lru_page(page);
	}
	while ((page = page_list_first(&writing))) {
		page_list_del(&writing, page);
		if (finish_writing(page) == PAGE_FREED)
			reclaimed++;
		else
			putback_lru_page(page);
	}
	return reclaimed;
}

/* shrink_zone_counted: shrink_zone with kswapd's or direct reclaim's counters. */
static unsigned long shrink_zone_counted(struct zone *zone, int priority, bool kswapd, bool may_swap)
{
	struct scan_control sc = { .nr_to_reclaim = SWAP_CLUSTER_MAX, .priority = priority };
	unsigned long reclaimed = shrink_zone(zone, &sc, may_swap);

	count_vm_events(kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, sc.nr_scanned);
	count_vm_events(kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, reclaimed);
	return reclaimed;
}

/* ---- kswapd ---- */

static int kswapd_pid;
static struct task_struct *kswapd_task;
static bool kswapd_pending;		/* woken, and not yet through balance_pgdat */
static int kswapd_failures;		/* balance_pgdat runs in a row that freed nothing */
static unsigned long kswapd_runs;
static unsigned long kswapd_wakeups;	/* wakeup_kswapd calls that woke it */

static bool zone_balanced(const struct zone *zone)
{
	return !managed_zone(zone) || zone->free_pages > high_wmark_pages(zone);
}

static bool pgdat_balanced(void)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		if (!zone_balanced(&NODE_DATA(0)->node_zones[zid]))
			return false;
	return true;
}

/*
 * balance_pgdat: reclaim in every zone at or below its high watermark,
 * at falling priority, until all are above it or priority 0 has been
 * tried.  Pages freed.
 */
static unsigned long balance_pgdat(void)
{
	unsigned long reclaimed = 0;

	for (int priority = DEF_PRIORITY; priority >= 0 && !pgdat_balanced(); priority--) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			struct zone *zone = &NODE_DATA(0)->node_zones[zid];

			while (!zone_balanced(zone)) {
				unsigned long n = shrink_zone_counted(zone, priority, true, true);

				reclaimed += n;
				if (!n)
					break;	/* nothing more at this priority */
				cond_resched();
			}
		}
		drain_all_pages();	/* what was freed onto the per-cpu lists counts as free */
	}
	return reclaimed;
}

static int kswapd(void *arg)
{
	current->flags |= PF_MEMALLOC;	/* what it allocates while reclaiming comes from the reserves */
	for (;;) {
		unsigned long flags = arch_local_irq_save();

		if (!kswapd_pending) {
			current->state = TASK_INTERRUPTIBLE;
			arch_local_irq_restore(flags);
			schedule();
			continue;
		}
		kswapd_pending = false;
		arch_local_irq_restore(flags);
		kswapd_runs++;
		if (balance_pgdat())
			kswapd_failures = 0;
		else if (!pgdat_balanced())
			kswapd_failures++;
	}
	return 0;
}

void wakeup_kswapd(void)
{
	unsigned long flags;

	if (!kswapd_task || kswapd_failures >= MAX_RECLAIM_RETRIES || pgdat_balanced())
		return;
	flags = arch_local_irq_save();
	kswapd_wakeups++;
	kswapd_pending = true;
	wake_up_process(kswapd_task);
	arch_local_irq_restore(flags);
}

int kswapd_run(void)
{
	int pid;

	if (kswapd_task)
		return kswapd_pid;
	pid = kthread_run(kswapd, NULL, "kswapd0");
	if (pid < 0) {
		pr_err("kswapd: cannot start (%d)\n", pid);
		return pid;
	}
	kswapd_pid = pid;
	kswapd_task = find_task_by_pid(pid);
	return pid;
}

struct kswapd_state kswapd_state(void)
{
	return (struct kswapd_state){
		.pid = kswapd_pid,
		.running = kswapd_task && kswapd_task->state == TASK_RUNNING,
		.runs = kswapd_runs,
		.wakeups = kswapd_wakeups,
		.failures = kswapd_failures,
	};
}

/* ---- direct reclaim ---- */

bool in_reclaim(void)
{
	return current->flags & PF_MEMALLOC;
}

unsigned long try_to_free_pages(gfp_t gfp, unsigned int order, enum zone_type highest_zoneidx)
{
	bool may_swap = gfp & __GFP_IO;		/* writing to swap is I/O */
	unsigned long reclaimed = 0;

	current->flags |= PF_MEMALLOC;	/* no reclaim inside reclaim: its allocations take the reserves */
	for (int priority = DEF_PRIORITY; priority >= 0 && reclaimed < SWAP_CLUSTER_MAX; priority--)
		for (int zid = (int)highest_zoneidx; zid >= 0; zid--)
			reclaimed += shrink_zone_counted(&NODE_DATA(0)->node_zones[zid], priority, false,
							 may_swap);
	current->flags &= ~PF_MEMALLOC;
	if (reclaimed) {
		kswapd_failures = 0;	/* there is something to reclaim again: kswapd may try */
		drain_all_pages();
	}
	return reclaimed;
}
