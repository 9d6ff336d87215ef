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
 * counts are checked against the answers worked out by hand in
 * mm/reclaim_traces.h, which the policy suite replays in the kernel.
 */
#include "host.h"

#include <reclaim_policy.h>
#include "../../mm/reclaim_traces.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void scenario_traces(const void *arg)
{
	unsigned long before;

	(void)arg;
	host_boot(&host_layout_dma32, 0);
	host_accessed = calloc((size_t)(mem_map_end - mem_map), sizeof(bool));
	before = free_pages_now();
	for (size_t p = 0; p < ARRAY_SIZE(reclaim_trace_answers); p++)
		for (size_t t = 0; t < NR_RECLAIM_TRACES; t++)
			for (unsigned int f = 0; f < 2; f++) {
				const struct reclaim_trace *trace = &reclaim_traces[t];
				const struct reclaim_policy *policy = reclaim_trace_answers[p].policy;
				unsigned long want = reclaim_trace_answers[p].faults[t][f], bad;
				unsigned int frames = trace->frames[f];
				unsigned long faults = run_trace(policy, trace->refs, trace->len, frames, &bad);

				tap_ok(!bad && faults == want, "%s, %u frames, %s: %lu faults (hand-worked: %lu)",
				       policy->name, frames, trace->name, faults, want);
				tap_ok(lru_zone_pages(trace_zone(), LRU_INACTIVE_ANON) +
				       lru_zone_pages(trace_zone(), LRU_ACTIVE_ANON) == 0,
				       "%s, %u frames: every page left the lists", policy->name, frames);
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
	for (size_t p = 0; p < ARRAY_SIZE(reclaim_trace_answers); p++) {
		const struct reclaim_policy *policy = reclaim_trace_answers[p].policy;
		unsigned long bad, faults = run_trace(policy, refs, ARRAY_SIZE(refs), 48, &bad);

		tap_ok(!bad && faults >= 96 && faults < ARRAY_SIZE(refs),
		       "%s: the locality trace faults %lu times", policy->name, faults);
		printf("bench reclaim_policy_faults_%s %lu faults\n", policy->name, faults);
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
	tap_run("the hand-worked traces", scenario_traces, NULL);
	tap_run("a trace with locality", scenario_locality, NULL);
	tap_run("lru2 list moves", scenario_lru2_moves, NULL);
	return tap_done();
}
