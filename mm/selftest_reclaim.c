/*
 * mm/selftest_reclaim.c: the reclaim suite (test=reclaim): LRU list moves,
 * the reverse map unmapping a page a fork shares, reclaim of clean file
 * pages, and kswapd waking below the low watermark and sleeping again.
 *
 * rvmm's own files are on ramfs, whose pages are unevictable, so the
 * suite makes a mapping of its own whose pages are clean and evictable,
 * as a disk file system's would be: reclaim may drop them, since the
 * "disk" has them.  Every page is given back at the end.
 */
#include <errno.h>
#include <fs.h>
#include <lru.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pagemap.h>
#include <radix_tree.h>
#include <reclaim_policy.h>
#include <rmap.h>
#include <sched.h>
#include <uaccess.h>
#include <selftest.h>
#include <vmscan.h>
#include <vmstat.h>
#include "internal.h"

static struct address_space test_mapping;

/* fill_cache: n clean, evictable pages in test_mapping from index 0, allocated with gfp; how many there are. */
static unsigned long fill_cache(unsigned long n, gfp_t gfp)
{
	INIT_RADIX_TREE(&test_mapping.i_pages);
	INIT_LIST_HEAD(&test_mapping.i_mmap);
	for (unsigned long i = 0; i < n; i++) {
		struct page *page = find_or_create_page(&test_mapping, i, gfp | __GFP_NOWARN);

		if (!page)
			break;
		put_page(page);		/* the cache's reference is what keeps it */
	}
	return test_mapping.nrpages;
}

static void empty_cache(void)
{
	truncate_inode_pages(&test_mapping, 0);
}

static void check_lists(void)
{
	struct page *page, *ramfs_page;
	struct address_space ramfs_like = { .unevictable = true };
	unsigned long inactive = global_lru_pages(LRU_INACTIVE_FILE);
	unsigned long file = inactive + global_lru_pages(LRU_ACTIVE_FILE);
	unsigned long unevictable = global_lru_pages(LRU_UNEVICTABLE);
	bool lru2 = reclaim_policy == &lru2_policy;

	fill_cache(1, GFP_KERNEL);
	page = find_get_page(&test_mapping, 0);
	tap_check(page && PageLRU(page) && !PageUnevictable(page) &&
		  global_lru_pages(LRU_INACTIVE_FILE) + global_lru_pages(LRU_ACTIVE_FILE) == file + 1,
		  "reclaim: a new page cache page is the %s policy's, a file page", reclaim_policy_name());
	/* Where it starts: lru2, fifo and clock count it inactive; mglru's youngest generation is active. */
	tap_check(global_lru_pages(LRU_INACTIVE_FILE) ==
		  inactive + (reclaim_policy == &mglru_policy ? 0 : 1),
		  "reclaim: it counts as %s", reclaim_policy == &mglru_policy ? "active" : "inactive");
	if (page && lru2) {
		unsigned long activations = global_vm_event(PGACTIVATE);

		mark_page_accessed(page);
		mark_page_accessed(page);
		tap_check(PageActive(page) && global_lru_pages(LRU_ACTIVE_FILE) >= 1 &&
			  global_vm_event(PGACTIVATE) == activations + 1,
			  "reclaim: read twice, it is active (pgactivate counted)");
	}
	if (page)
		put_page(page);
	INIT_RADIX_TREE(&ramfs_like.i_pages);
	INIT_LIST_HEAD(&ramfs_like.i_mmap);
	ramfs_page = find_or_create_page(&ramfs_like, 0, GFP_KERNEL);
	tap_check(ramfs_page && PageUnevictable(ramfs_page) &&
		  global_lru_pages(LRU_UNEVICTABLE) == unevictable + 1,
		  "reclaim: a ramfs page is unevictable");
	if (ramfs_page) {
		put_page(ramfs_page);
		truncate_inode_pages(&ramfs_like, 0);
	}
	tap_check(global_lru_pages(LRU_UNEVICTABLE) == unevictable,
		  "reclaim: gone from the cache, it is off the unevictable list");
	empty_cache();
	tap_check(global_lru_pages(LRU_INACTIVE_FILE) + global_lru_pages(LRU_ACTIVE_FILE) == file,
		  "reclaim: truncated, the page is off its list");
}

#ifdef CONFIG_MMU
/* discard_entry: try_to_unmap's anon_entry for the test: the entry becomes empty (the data goes). */
static bool discard_entry(struct page *page, struct mm_struct *mm, pte_t *entry)
{
	*entry = (pte_t){ 0 };
	return true;
}

#define TEST_ADDR	0x10000000UL

/*
 * check_hardware_young: a read through an old entry sets its accessed bit.
 * QEMU's page walk sets A itself (no page fault: pgfault stays), as the
 * privileged spec allows; hardware that faults instead (Svade) would have
 * the fault path set it.  The read is made from the boot task with mm
 * lent to it for the moment.
 */
static void check_hardware_young(struct mm_struct *mm, struct page *page)
{
	struct mm_struct *saved = current->mm;
	unsigned long faults = global_vm_event(PGFAULT), vm_flags;
	char c = 0;
	int err;

	current->mm = mm;
	switch_mm(mm);
	err = get_user(c, (const char __user *)(TEST_ADDR + PAGE_SIZE));
	current->mm = saved;
	switch_mm(saved);
	tap_check(!err && global_vm_event(PGFAULT) == faults,
		  "rmap: a read through an old entry took no page fault (err %d, %lu faults)",
		  err, global_vm_event(PGFAULT) - faults);
	tap_check(page_referenced(page, &vm_flags) == 1,
		  "rmap: and set the accessed bit of that entry alone (the page walk sets A)");
}

/*
 * check_rmap: an anonymous page written in one address space, shared
 * copy-on-write with a fork's copy: page_referenced sees both entries,
 * try_to_unmap finds and clears both.
 */
static void check_rmap(void)
{
	struct mm_struct *mm = mm_alloc(), *child = NULL;
	struct vm_area_struct *vma;
	struct page *page = NULL;
	unsigned long vm_flags;
	pte_t *pte;

	if (!tap_check(mm && !vm_brk_flags(mm, TEST_ADDR, 4 * PAGE_SIZE, VM_READ | VM_WRITE |
					   VM_MAYREAD | VM_MAYWRITE, NULL),
		       "rmap: an address space with an anonymous VMA"))
		goto out;
	vma = find_vma(mm, TEST_ADDR);
	tap_check(!handle_mm_fault(vma, TEST_ADDR + PAGE_SIZE, FAULT_FLAG_WRITE),
		  "rmap: a write fault maps a page");
	page = follow_page(mm, TEST_ADDR + PAGE_SIZE);
	if (!tap_check(page && PageAnon(page) && PageLRU(page) && page_mapcount(page) == 1,
		       "rmap: it is anonymous, on an LRU list, mapped once"))
		goto out;
	child = dup_mm(mm);
	if (!tap_check(child && follow_page(child, TEST_ADDR + PAGE_SIZE) == page &&
		       page_mapcount(page) == 2, "rmap: fork's copy shares it: mapped twice"))
		goto out;
	tap_check(page_referenced(page, &vm_flags) == 2, "rmap: both entries were young");
	tap_check(page_referenced(page, &vm_flags) == 0, "rmap: and are old once sampled");
	check_hardware_young(mm, page);
	get_page(page);		/* as reclaim's isolation */
	tap_check(try_to_unmap(page, discard_entry) && !page_mapped(page) &&
		  !follow_page(mm, TEST_ADDR + PAGE_SIZE) && !follow_page(child, TEST_ADDR + PAGE_SIZE),
		  "rmap: try_to_unmap cleared it in both address spaces");
	pte = pgtable_walk(child->pgd, TEST_ADDR + PAGE_SIZE, 0, NULL, NULL);
	tap_check(pte && pte_none(*pte) && mm->rss_anon == 0 && child->rss_anon == 0,
		  "rmap: the entries are empty, neither counts it resident");
	tap_check(page_ref_count(page) == 1, "rmap: only the isolation's reference is left");
	put_page(page);
out:
	if (child)
		mmput(child);
	if (mm)
		mmput(mm);
}
#endif

/* check_direct_reclaim: clean file pages are dropped by direct reclaim, without swap. */
static void check_direct_reclaim(void)
{
	unsigned long n = fill_cache(512, GFP_KERNEL), steal = global_vm_event(PGSTEAL_DIRECT);
	unsigned long scan = global_vm_event(PGSCAN_DIRECT), freed;

	tap_check(n == 512, "reclaim: 512 clean evictable pages cached");
	freed = try_to_free_pages(GFP_KERNEL, 0, ZONE_NORMAL);
	tap_check(freed >= 32 && test_mapping.nrpages == n - freed,
		  "reclaim: direct reclaim freed %lu of them (at least SWAP_CLUSTER_MAX)", freed);
	tap_check(global_vm_event(PGSTEAL_DIRECT) == steal + freed &&
		  global_vm_event(PGSCAN_DIRECT) >= scan + freed,
		  "reclaim: pgsteal_direct and pgscan_direct count them");
	empty_cache();
}

/* yield: let kswapd run until it sleeps again (a bounded number of rounds). */
static void yield_to_kswapd(void)
{
	for (int i = 0; i < 1000 && kswapd_state().running; i++)
		schedule();
}

/*
 * check_kswapd: with clean pages to take, allocations that sink the zone
 * below its low watermark wake kswapd, which reclaims until the zone is
 * above high and sleeps again.
 */
static void check_kswapd(void)
{
	/* DMA32: the one zone an allocation can be kept to, so that it has to wake kswapd. */
	struct zone *zone = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	struct page_list held;
	struct kswapd_state before;
	unsigned long steal = global_vm_event(PGSTEAL_KSWAPD), n;
	struct page *page;

	yield_to_kswapd();
	before = kswapd_state();
	tap_check(before.pid > 0 && !before.running, "kswapd: kswapd0 (pid %d) is asleep", before.pid);
	page_list_init(&held);
	/* Cache what the zone has above its high watermark: then hold pages until it is below low. */
	n = fill_cache(zone->free_pages > high_wmark_pages(zone) ?
		       zone->free_pages - high_wmark_pages(zone) : 0, GFP_DMA32);
	for (int i = 0; i < 4096 && kswapd_state().wakeups == before.wakeups; i++) {
		page = alloc_page(GFP_DMA32 | __GFP_NOWARN);
		if (!page)
			break;
		page_list_add(&held, page);
	}
	tap_check(kswapd_state().running && kswapd_state().wakeups > before.wakeups,
		  "kswapd: an allocation below the low watermark woke it (free %lu, low %lu; %lu wakeups, %lu runs, %d failures)",
		  zone->free_pages, low_wmark_pages(zone), kswapd_state().wakeups - before.wakeups,
		  kswapd_state().runs - before.runs, kswapd_state().failures);
	yield_to_kswapd();
	tap_check(kswapd_state().runs > before.runs && global_vm_event(PGSTEAL_KSWAPD) > steal,
		  "kswapd: it ran and reclaimed (%lu pages of %lu cached)",
		  global_vm_event(PGSTEAL_KSWAPD) - steal, n);
	tap_check(!kswapd_state().running && zone->free_pages > high_wmark_pages(zone),
		  "kswapd: asleep again with the zone above its high watermark (%lu > %lu)",
		  zone->free_pages, high_wmark_pages(zone));
	while ((page = page_list_first(&held))) {
		page_list_del(&held, page);
		__free_page(page);
	}
	empty_cache();
}

void selftest_reclaim(void)
{
	check_lists();
#ifdef CONFIG_MMU
	check_rmap();
#endif
	check_direct_reclaim();
	check_kswapd();
}
