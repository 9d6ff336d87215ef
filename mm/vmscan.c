/*
 * mm/vmscan.c: page reclaim, as Linux's: kswapd keeps every zone's free
 * pages above the high watermark in the background, and an allocation
 * that finds too little free reclaims for itself (direct reclaim) before
 * the OOM killer is considered (mm/page_alloc.c).
 *
 * shrink_zone asks the replacement policy (include/reclaim_policy.h) for
 * victims and does the rest: it unmaps each from every process through
 * the reverse map, drops a clean file page from its cache, and frees the
 * page.  An anonymous page can only be freed once its data is in swap
 * (include/swap.h when there is a swap device); without one, reclaim
 * does not look at anonymous pages at all (get_scan_count), and neither
 * at dirty file pages, since no file system here writes pages back.
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
	return false;	/* no swap device: anonymous pages stay (docs/reclaim.md) */
}

/*
 * get_scan_count: how many pages of each type this pass may look at
 * (Linux's get_scan_count, without the refault costs): without swap, file
 * pages only; vm.swappiness 0 spares anonymous pages while file pages
 * remain; otherwise each type's size >> priority, weighted swappiness :
 * 200 - swappiness between anonymous and file.
 */
static void get_scan_count(struct zone *zone, struct scan_control *sc)
{
	unsigned long anon = lru_zone_pages(zone, LRU_INACTIVE_ANON) + lru_zone_pages(zone, LRU_ACTIVE_ANON);
	unsigned long file = lru_zone_pages(zone, LRU_INACTIVE_FILE) + lru_zone_pages(zone, LRU_ACTIVE_FILE);
	unsigned long ap = (unsigned long)vm_swappiness, fp = 200 - ap;

	if (!can_reclaim_anon() || (vm_swappiness == 0 && file)) {
		ap = 0;
		fp = 200;
	}
	sc->nr_to_scan[LRU_ANON] = (anon >> sc->priority) * ap * 2 / 200;
	sc->nr_to_scan[LRU_FILE] = (file >> sc->priority) * fp * 2 / 200;
	/* The last passes may look at everything, however small the share. */
	if (!sc->priority) {
		sc->nr_to_scan[LRU_ANON] = ap ? anon : 0;
		sc->nr_to_scan[LRU_FILE] = fp ? file : 0;
	}
}

/*
 * reclaim_page: free an isolated victim (reclaim holds a reference) if it
 * can be: true when it is gone.  Linux's shrink_folio_list for one page.
 */
static bool reclaim_page(struct page *page)
{
	struct address_space *mapping = page_file_mapping(page);

	if (!page_evictable(page))
		return false;		/* mlocked since it was picked: putback moves it */
	if (PageAnon(page) || !mapping)
		return false;		/* needs swap */
	if (PageDirty(page) || PageWriteback(page))
		return false;		/* nothing writes file pages back */
	if (page_mapped(page) && !try_to_unmap(page, NULL))
		return false;
	/* The cache's reference and ours: anyone else (a read in progress) keeps it. */
	if (page_ref_count(page) != 2 || page_mapped(page))
		return false;
	delete_from_page_cache(page);
	ClearPageActive(page);
	ClearPageReferenced(page);
	put_page(page);		/* the last: back to the page allocator */
	return true;
}

/* shrink_zone: one batch of reclaim in zone at sc->priority; pages freed. */
static unsigned long shrink_zone(struct zone *zone, struct scan_control *sc)
{
	struct page_list victims;
	unsigned long reclaimed = 0;
	struct page *page;

	get_scan_count(zone, sc);
	if (!sc->nr_to_scan[LRU_ANON] && !sc->nr_to_scan[LRU_FILE])
		return 0;
	page_list_init(&victims);
	isolate_lru_victims(zone, sc, &victims);
	while ((page = page_list_first(&victims))) {
		page_list_del(&victims, page);
		if (reclaim_page(page))
			reclaimed++;
		else
			putback_lru_page(page);
	}
	return reclaimed;
}

/* shrink_zone_counted: shrink_zone with kswapd's or direct reclaim's counters. */
static unsigned long shrink_zone_counted(struct zone *zone, int priority, bool kswapd)
{
	struct scan_control sc = { .nr_to_reclaim = SWAP_CLUSTER_MAX, .priority = priority };
	unsigned long reclaimed = shrink_zone(zone, &sc);

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
				unsigned long n = shrink_zone_counted(zone, priority, true);

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
		.failures = kswapd_failures,
	};
}

/* ---- direct reclaim ---- */

unsigned long try_to_free_pages(gfp_t gfp, unsigned int order, enum zone_type highest_zoneidx)
{
	unsigned long reclaimed = 0;

	for (int priority = DEF_PRIORITY; priority >= 0 && reclaimed < SWAP_CLUSTER_MAX; priority--)
		for (int zid = (int)highest_zoneidx; zid >= 0; zid--)
			reclaimed += shrink_zone_counted(&NODE_DATA(0)->node_zones[zid], priority, false);
	if (reclaimed) {
		kswapd_failures = 0;	/* there is something to reclaim again: kswapd may try */
		drain_all_pages();
	}
	return reclaimed;
}
