/*
 * test/host/unit_reclaim_policy.c: the replacement policies
 * (mm/policy_*.c) through the LRU mechanism (mm/swap.c), on the host.
 *
 * A fault trace plays a process with `frames` page frames: each reference
 * to a virtual page either finds it resident, which sets its accessed bit
 * (host_accessed, which page_referenced samples and clears, as the
 * hardware's A bit), or is a fault: a free frame is taken, or the policy
 * names one victim (isolate_lru_victims) whose frame is reused.  A page
 * that faults in has its accessed bit set, as a new PTE has.  The fault
 * counts are checked against answers worked out by hand (below).
 */
#include "host.h"

#include <reclaim_policy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reference string of Belady's anomaly. */
static const int belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };

/*
 * The answers, worked by hand with each policy's rules (a page's state as
 * (y) for its accessed bit, R for PG_referenced; lists head first):
 *
 * fifo: the textbook: 9 faults with 3 frames, 10 with 4 (the anomaly).
 *
 * clock, 3 frames: 1 2 3 fault in, all used.  4: the hand clears 1 2 3
 *   and takes 1.  1 takes 2, 2 takes 3 (both unused by then).  5: 4 1 2
 *   are used, all cleared, 4 goes.  1 2 hit.  3: 1 2 5 cleared, 1 goes.
 *   4 takes 2.  5 hits.  9 faults.
 * clock, 4 frames: 1-4 fault in; 1 2 hit.  5: all four used, cleared, 1
 *   goes; 1 takes 2, 2 takes 3, 3 takes 4 (unused since the sweep).
 *   4: 5 1 2 3 are all used, cleared, 5 goes; 5 takes 1.  10 faults: the
 *   clock is FIFO when every bit is set, and shows the anomaly too.
 *
 * lru2, 3 frames (inactive I, active A; inactive_is_low with ratio 1):
 *   1 2 3 in: I=[3y 2y 1y].  4: each tail is young once (SetPageReferenced,
 *   back to the head), then 1R is not young: 1 goes.  1 takes 2R, 2 takes
 *   3R.  5: I=[2y 1y 4y]: 4 1 2 get R, then 4R goes.  1 2 hit: 2Ry 1Ry.
 *   3: 1 and 2 are young and referenced: both activated (A=[2 1]); I=[5y]
 *   is low against A: 1 is deactivated to I's head; 5y gets R; 1 (not
 *   young since its activation) goes.  4 takes 5R.  5: I=[4y 3y]: both get
 *   R, 3R goes.  10 faults (as exact LRU's 10).
 * lru2, 4 frames: 1-4 in, 1 2 hit (their bits are still set from the
 *   fault).  5: all four get R, 1R goes.  1 takes 2R, 2 takes 3R, 3 takes
 *   4R.  4: I=[3y 2y 1y 5y] all get R, 5R goes; 5 takes 1R.  10 faults:
 *   a fault sets the same bit a later hit would, so the hits of 1 and 2
 *   taught it nothing (exact LRU has 8 here).
 *
 * mglru, 3 frames (generations G<seq>, min_seq 0, max_seq 1 at first):
 *   1 2 3 into G1.  4: G0 is empty with only two generations: aging makes
 *   G2, G0 retires; G1's tails are young: all promoted to G2; G1 empty:
 *   aging makes G3, G2=[3 2 1] is the oldest; 1 goes, 4 into G3.  1 takes
 *   2, 2 takes 3 (not young since the promotion).  5: G3=[2y 1y 4y] all
 *   promoted to G4 by the same steps, 4 goes, 5 into G5.  1 2 hit.  3:
 *   G4=[2y 1y] promoted to G5=[2 1 5y]; aging: 5y promoted to G6; 1 goes.
 *   4 takes 2.  5 hits.  9 faults.
 * mglru, 4 frames: 1-4 into G1; 1 2 hit.  5: all promoted to G2, 1 goes;
 *   1 takes 2, 2 takes 3, 3 takes 4.  4: G3=[3y 2y 1y 5y] all promoted to
 *   G4, 5 goes; 5 takes 1.  10 faults.
 */
static const struct {
	const struct reclaim_policy *policy;
	unsigned long faults[2];	/* with 3 frames, with 4 */
} answers[] = {
	{ &fifo_policy, { 9, 10 } },
	{ &clock_policy, { 9, 10 } },
	{ &lru2_policy, { 10, 10 } },
	{ &mglru_policy, { 9, 10 } },
};

#define MAX_VPAGES	256

static struct zone *trace_zone(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_DMA32];
}

/* new_anon_page: a page as a fault makes it: anonymous, on the LRU, its accessed bit set. */
static struct page *new_anon_page(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_DMA32);

	if (!page)
		return NULL;
	page->mapping = (struct address_space *)PAGE_MAPPING_ANON;	/* anonymous (no anon_vma: no rmap here) */
	host_accessed[page - mem_map] = true;
	lru_cache_add(page);
	return page;
}

/*
 * run_trace: the faults of refs[0..n) with `frames` frames under policy.
 * Every page is freed at the end; *bad counts the evictions where the
 * policy did not give exactly one victim.
 */
static unsigned long run_trace(const struct reclaim_policy *policy, const int *refs, size_t n,
			       unsigned int frames, unsigned long *bad)
{
	struct page *resident[MAX_VPAGES] = { NULL };
	unsigned long faults = 0;
	unsigned int used = 0;

	reclaim_policy = policy;
	policy->init();
	*bad = 0;
	for (size_t i = 0; i < n; i++) {
		int v = refs[i];
		struct page *page;

		if (resident[v]) {
			host_accessed[resident[v] - mem_map] = true;	/* a hit: the hardware sets A */
			continue;
		}
		faults++;
		if (used == frames) {
			struct scan_control sc = { .nr_to_scan = { 4 * frames, 0 }, .nr_to_reclaim = 1 };
			struct page_list victims;
			struct page *victim;

			page_list_init(&victims);
			if (isolate_lru_victims(trace_zone(), &sc, &victims) != 1) {
				(*bad)++;
				break;
			}
			victim = page_list_first(&victims);
			page_list_del(&victims, victim);
			for (int w = 0; w < MAX_VPAGES; w++)
				if (resident[w] == victim)
					resident[w] = NULL;
			ClearPageActive(victim);	/* what reclaim does before it frees a page */
			ClearPageReferenced(victim);
			put_page(victim);		/* isolate_lru_victims' reference */
			put_page(victim);		/* the mapping's: the frame is free */
			used--;
		}
		page = new_anon_page();
		if (!page) {
			(*bad)++;
			break;
		}
		resident[v] = page;
		used++;
	}
	for (int w = 0; w < MAX_VPAGES; w++)
		if (resident[w])
			put_page(resident[w]);	/* off the LRU and freed */
	return faults;
}

static unsigned long free_pages_now(void)
{
	drain_all_pages();
	return nr_free_pages();
}

static void scenario_belady(const void *arg)
{
	unsigned long before;

	(void)arg;
	host_boot(&host_layout_dma32, 0);
	host_accessed = calloc((size_t)(mem_map_end - mem_map), sizeof(bool));
	before = free_pages_now();
	for (size_t p = 0; p < ARRAY_SIZE(answers); p++)
		for (unsigned int frames = 3; frames <= 4; frames++) {
			unsigned long bad, faults = run_trace(answers[p].policy, belady, ARRAY_SIZE(belady),
							      frames, &bad);

			tap_ok(!bad && faults == answers[p].faults[frames - 3],
			       "%s, %u frames, 1,2,3,4,1,2,5,1,2,3,4,5: %lu faults (hand-worked: %lu)",
			       answers[p].policy->name, frames, faults, answers[p].faults[frames - 3]);
			tap_ok(lru_zone_pages(trace_zone(), LRU_INACTIVE_ANON) +
			       lru_zone_pages(trace_zone(), LRU_ACTIVE_ANON) == 0,
			       "%s, %u frames: every page left the lists", answers[p].policy->name, frames);
		}
	tap_ok(free_pages_now() == before, "every page back (%lu free, %lu before)",
	       free_pages_now(), before);
}

/*
 * A longer trace with locality, for the benchmark: 20,000 references to
 * 96 pages, four in five of them to the first 24 (a working set), with 48
 * frames.  Printed as bench lines; checked only for what any policy must
 * give: at least one fault per distinct page, and fewer faults than
 * references.
 */
static void scenario_locality(const void *arg)
{
	static int refs[20000];
	struct rng r = { 12345 };
	unsigned long before;

	(void)arg;
	for (size_t i = 0; i < ARRAY_SIZE(refs); i++)
		refs[i] = rng_below(&r, 5) ? (int)rng_below(&r, 24) : (int)rng_below(&r, 96);
	host_boot(&host_layout_dma32, 0);
	host_accessed = calloc((size_t)(mem_map_end - mem_map), sizeof(bool));
	before = free_pages_now();
	for (size_t p = 0; p < ARRAY_SIZE(answers); p++) {
		unsigned long bad, faults = run_trace(answers[p].policy, refs, ARRAY_SIZE(refs), 48, &bad);

		tap_ok(!bad && faults >= 96 && faults < ARRAY_SIZE(refs),
		       "%s: the locality trace faults %lu times", answers[p].policy->name, faults);
		printf("bench reclaim_policy_faults_%s %lu faults\n", answers[p].policy->name, faults);
	}
	tap_ok(free_pages_now() == before, "every page back (%lu free, %lu before)",
	       free_pages_now(), before);
}

/* The list moves the two-list policy makes for read() and write() and for mlock. */
static void scenario_lru2_moves(const void *arg)
{
	struct zone *zone = trace_zone();
	struct scan_control sc = { .nr_to_scan = { 64, 0 }, .nr_to_reclaim = 8 };
	struct page_list victims;
	struct page *a, *b;
	unsigned long before, activations;

	(void)arg;
	host_boot(&host_layout_dma32, 0);
	host_accessed = calloc((size_t)(mem_map_end - mem_map), sizeof(bool));
	before = free_pages_now();
	reclaim_policy = &lru2_policy;
	lru2_policy.init();
	a = new_anon_page();
	b = new_anon_page();
	tap_ok(lru_zone_pages(zone, LRU_INACTIVE_ANON) == 2 && PageLRU(a) && !PageActive(a),
	       "lru2: new anonymous pages start inactive");
	activations = global_vm_event(PGACTIVATE);
	mark_page_accessed(a);
	tap_ok(PageReferenced(a) && !PageActive(a), "lru2: the first access sets PG_referenced");
	mark_page_accessed(a);
	tap_ok(PageActive(a) && !PageReferenced(a) && lru_zone_pages(zone, LRU_ACTIVE_ANON) == 1 &&
	       global_vm_event(PGACTIVATE) == activations + 1,
	       "lru2: the second activates it, counted in pgactivate");
	SetPageMlocked(b);
	lru_update_evictable(b);
	tap_ok(PageUnevictable(b) && lru_zone_pages(zone, LRU_UNEVICTABLE) == 1 &&
	       lru_zone_pages(zone, LRU_INACTIVE_ANON) == 0, "lru2: an mlocked page is unevictable");
	host_accessed[a - mem_map] = false;
	page_list_init(&victims);
	tap_ok(isolate_lru_victims(zone, &sc, &victims) == 1 && page_list_first(&victims) == a &&
	       !PageLRU(a) && page_ref_count(a) == 2,
	       "lru2: reclaim deactivates the unused active page and takes it, never the mlocked one");
	page_list_del(&victims, a);
	putback_lru_page(a);
	tap_ok(PageLRU(a) && page_ref_count(a) == 1 && lru_zone_pages(zone, LRU_INACTIVE_ANON) == 1,
	       "lru2: a victim given back is on the inactive list again");
	ClearPageMlocked(b);
	lru_update_evictable(b);
	tap_ok(!PageUnevictable(b) && lru_zone_pages(zone, LRU_UNEVICTABLE) == 0 &&
	       lru_zone_pages(zone, LRU_INACTIVE_ANON) == 2, "lru2: munlock makes it evictable again");
	put_page(a);
	put_page(b);
	tap_ok(lru_zone_pages(zone, LRU_INACTIVE_ANON) == 0 && free_pages_now() == before,
	       "lru2: the last put takes a page off its list and frees it");
}

int main(void)
{
	tap_init();
	tap_run("Belady's reference string", scenario_belady, NULL);
	tap_run("a trace with locality", scenario_locality, NULL);
	tap_run("lru2 list moves", scenario_lru2_moves, NULL);
	return tap_done();
}
