/*
 * mm/selftest_policy.c: the policy suite (test=policy): the hand-worked
 * fault traces of mm/reclaim_traces.h replayed through the replacement
 * policy the kernel booted with (reclaim_policy=), on real page tables.
 *
 * Each replay is an address space of its own with one anonymous VMA.  A
 * reference to a mapped page sets its entry's accessed bit, as the
 * hardware's page walk does; any other is a write fault (handle_mm_fault)
 * once a frame is free: with every frame used, the policy names one
 * victim (isolate_lru_victims, as reclaim asks it), whose entry is
 * cleared (try_to_unmap) and which is freed.  Only the replay's pages are
 * anonymous pages on the LRU lists while it runs (a test= boot starts no
 * process), so the victims can only be its own.
 */
#include <mm_user.h>
#include <pgtable.h>
#include <reclaim_policy.h>
#include <rmap.h>
#include <selftest.h>
#include "internal.h"
#include "reclaim_traces.h"

#define TRACE_ADDR	0x20000000UL

/* drop_entry: try_to_unmap's anon_entry here: the entry becomes empty (the data goes). */
static bool drop_entry(struct page *page, struct mm_struct *mm, pte_t *entry)
{
	*entry = (pte_t){ 0 };
	return true;
}

/* evict: the policy's one victim among mm's pages, unmapped and freed; false if there was none. */
static bool evict(struct zone *zone, unsigned int frames)
{
	struct scan_control sc = { .nr_to_scan = { 4 * frames, 0 }, .nr_to_reclaim = 1 };
	struct page_list victims;
	struct page *victim;

	page_list_init(&victims);
	if (isolate_lru_victims(zone, &sc, &victims) != 1)
		return false;
	victim = page_list_first(&victims);
	page_list_del(&victims, victim);
	if (!try_to_unmap(victim, drop_entry)) {
		putback_lru_page(victim);
		return false;
	}
	ClearPageActive(victim);	/* as reclaim frees a page */
	ClearPageReferenced(victim);
	put_page(victim);		/* the isolation's reference was the last */
	return true;
}

/* replay: the faults of trace with frames page frames; *bad: a step went wrong (no victim, no page). */
static unsigned long replay(const struct reclaim_trace *trace, unsigned int frames, bool *bad)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;
	struct zone *zone = NULL;
	unsigned long faults = 0;
	unsigned int used = 0;

	*bad = true;
	if (!mm || vm_brk_flags(mm, TRACE_ADDR, (TRACE_MAX_REFS + 1) * PAGE_SIZE,
				VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE, NULL))
		goto out;
	vma = find_vma(mm, TRACE_ADDR);
	for (unsigned int i = 0; i < trace->len; i++) {
		unsigned long addr = TRACE_ADDR + trace->refs[i] * PAGE_SIZE;
		struct page *page = follow_page(mm, addr);
		pte_t *pte;

		if (page) {		/* a hit: the page walk sets A */
			pte = pgtable_walk(mm->pgd, addr, 0, NULL, NULL);
			*pte = pte_mkyoung(*pte);
			continue;
		}
		faults++;
		if (used == frames) {
			if (!evict(zone, frames))
				goto out;
			used--;
		}
		if (handle_mm_fault(vma, addr, FAULT_FLAG_WRITE) || !(page = follow_page(mm, addr)))
			goto out;
		if (zone && page_zone(page) != zone)
			goto out;	/* one zone's lists hold the frames */
		zone = page_zone(page);
		used++;
	}
	*bad = false;
out:
	if (mm)
		mmput(mm);
	return faults;
}

void selftest_policy(void)
{
	const struct reclaim_policy *policy = reclaim_policy;
	size_t p = 0;

	while (p < ARRAY_SIZE(reclaim_trace_answers) && reclaim_trace_answers[p].policy != policy)
		p++;
	if (!tap_check(p < ARRAY_SIZE(reclaim_trace_answers),
		       "policy: the %s policy has hand-worked answers", policy->name))
		return;
	if (!tap_check(global_lru_pages(LRU_INACTIVE_ANON) + global_lru_pages(LRU_ACTIVE_ANON) == 0,
		       "policy: no anonymous page on the LRU lists before the traces"))
		return;
	for (size_t t = 0; t < NR_RECLAIM_TRACES; t++)
		for (unsigned int f = 0; f < 2; f++) {
			const struct reclaim_trace *trace = &reclaim_traces[t];
			unsigned long want = reclaim_trace_answers[p].faults[t][f];
			bool bad;
			unsigned long faults = replay(trace, trace->frames[f], &bad);

			tap_check(!bad && faults == want, "policy: %s, %u frames, %s: %lu faults (hand-worked: %lu)",
				  policy->name, trace->frames[f], trace->name, faults, want);
			tap_check(global_lru_pages(LRU_INACTIVE_ANON) + global_lru_pages(LRU_ACTIVE_ANON) == 0,
				  "policy: %s, %u frames, %s: every page left the lists",
				  policy->name, trace->frames[f], trace->name);
		}
}
