/*
 * include/reclaim_policy.h: the page-replacement policy, the part of
 * reclaim a student may replace.
 *
 * The mechanism (mm/swap.c, mm/vmscan.c) decides when to reclaim, how
 * many pages of which type (anonymous or file, weighed by swappiness), and
 * does the work: it isolates the victims the policy names, unmaps them
 * through the reverse map, writes anonymous ones to swap, and frees them.
 * The policy decides only which pages are the victims, from what it is
 * told of each page's life and from page_referenced() (include/rmap.h),
 * which samples and clears the accessed bits of every entry mapping a page.
 *
 * A policy owns, for each evictable page of a zone: its links (page->lru,
 * with the page_list_* operations of include/mm.h), PG_active and
 * PG_referenced.  It keeps its per-zone state in its own file, indexed by
 * zone_idx(zone).  Every call runs under the zone's LRU lock and may not
 * sleep or allocate.  It counts the promotions and demotions it makes as
 * PGACTIVATE and PGDEACTIVATE (include/vmstat.h).  The policies: policy_lru2.c (Linux's two lists, the
 * default), policy_fifo.c, policy_clock.c, policy_mglru.c; reclaim_policy=
 * on the command line picks one (docs/reclaim.md tells how to write one).
 */
#ifndef _RVMM_RECLAIM_POLICY_H
#define _RVMM_RECLAIM_POLICY_H

#include <lru.h>
#include <rmap.h>
#include <vmstat.h>

/* scan_control: one request to a policy (Linux's struct of the same name, cut down). */
struct scan_control {
	unsigned long nr_to_scan[NR_LRU_TYPES];	/* at most this many pages of each type looked at */
	unsigned long nr_to_reclaim;		/* at most this many victims */
	unsigned long nr_scanned;		/* the policy adds the pages it looked at */
	int priority;				/* DEF_PRIORITY down to 0: how hard reclaim is trying */
};

struct reclaim_policy {
	const char *name;
	/* init: empty lists for every zone (at boot, before the first page; the host tests, each run). */
	void (*init)(void);
	/* add_page: page joins zone's evictable pages: newly allocated, or a victim given back. */
	void (*add_page)(struct zone *zone, struct page *page);
	/* page_accessed: page was used through a system call (mark_page_accessed). */
	void (*page_accessed)(struct zone *zone, struct page *page);
	/* forget_page: page leaves zone's evictable pages (its last reference went, or it was mlocked). */
	void (*forget_page)(struct zone *zone, struct page *page);
	/*
	 * pick_victims: take up to sc->nr_to_reclaim pages off the policy's
	 * lists onto victims (page_list_add_tail), looking at no more than
	 * sc->nr_to_scan[type] pages of each type; count what it did in sc.
	 * A victim that cannot be reclaimed comes back through add_page.
	 */
	void (*pick_victims)(struct zone *zone, struct scan_control *sc, struct page_list *victims);
	/* lru_pages: how many of zone's pages the policy counts as lru (for /proc/meminfo). */
	unsigned long (*lru_pages)(struct zone *zone, enum lru_list lru);
};

extern const struct reclaim_policy lru2_policy, fifo_policy, clock_policy, mglru_policy;

/* The active policy (mm/swap.c). */
extern const struct reclaim_policy *reclaim_policy;

/* page_is_young: page_referenced's answer as a yes or no, for a policy that needs no more. */
static inline bool page_is_young(struct page *page)
{
	unsigned long vm_flags;

	return page_referenced(page, &vm_flags) > 0;
}

#endif
