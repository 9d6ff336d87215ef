/*
 * mm/page_alloc.c: the buddy allocator.
 *
 * Each zone keeps free blocks of 2^order pages on free_area[order].  A block
 * of order n splits into two "buddies" of order n-1; when both halves are
 * free again they merge back.  The buddy of the block at pfn is the block
 * at pfn ^ (1 << order), so finding it needs no search.  Order-0 pages go
 * through small per-cpu lists first, which keeps the most frequent
 * allocation and free away from the zone lock and from splitting/merging.
 *
 * Whether a zone may be used at all is decided by its watermarks: an
 * ordinary allocation must leave more than the LOW watermark free (the
 * slow path accepts MIN), __GFP_HIGH and atomic allocations may dip below.
 */
#include <asm/irqflags.h>
#include <asm/page.h>
#include <gfp.h>
#include <lru.h>
#include <vmscan.h>
#include <printk.h>
#include <stdio.h>
#include <smp.h>
#include <string.h>
#include <vmstat.h>
#include <oom.h>
#include <sched.h>
#include <slab.h>
#include "internal.h"

int min_free_kbytes = 1024;
int watermark_scale_factor = 10;
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 32 };
unsigned long totalreserve_pages;

static unsigned long nr_bad_pages;

/*
 * preferred_zone[z]: the highest zone with memory at or below z, where an
 * allocation whose highest allowed zone is z looks first.
 */
static struct zone *preferred_zone[MAX_NR_ZONES];


/* alloc_flags: how an attempt may use the zone's reserves. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_WMARK_MASK	0x03
#define ALLOC_NO_WATERMARKS	0x04	/* ignore watermarks entirely */
#define ALLOC_MIN_RESERVE	0x08	/* __GFP_HIGH: may use half of min */
#define ALLOC_NON_BLOCK		0x10	/* cannot sleep: a further quarter */

/* ---- bad pages: kernel misuse is reported, never silently absorbed ---- */

const char *page_flag_names(unsigned int flags, char *buf, size_t len)
{
	static const char *const names[NR_PAGEFLAGS] = {
		[PG_reserved] = "reserved", [PG_buddy] = "buddy", [PG_head] = "head",
		[PG_slab] = "slab", [PG_large_kmalloc] = "large_kmalloc", [PG_pcp] = "pcp",
		[PG_locked] = "locked", [PG_lru] = "lru", [PG_active] = "active",
		[PG_writeback] = "writeback", [PG_referenced] = "referenced",
		[PG_uptodate] = "uptodate", [PG_dirty] = "dirty",
		[PG_mlocked] = "mlocked", [PG_swapcache] = "swapcache",
		[PG_unevictable] = "unevictable",
	};
	size_t n = 0;

	buf[0] = '\0';
	for (int f = 0; f < NR_PAGEFLAGS && n < len; f++)
		if (flags & (1u << f))
			n += snprintf(buf + n, len - n, "%s%s", n ? "|" : "", names[f]);
	return buf;
}

static __cold void bad_page(const struct page *page, const char *reason)
{
	char names[128];

	nr_bad_pages++;
	pr_alert("BUG: Bad page state: pfn:%#lx\n", page_to_pfn(page));
	pr_alert("page:%p refcount:%d mapcount:%d mapping:%p index:%#x order:%u\n",
		 (const void *)page, page->_refcount, page_mapcount(page),
		 (void *)page->mapping, page->index, page->order);
	pr_alert("flags: %#x(%s)\n", page->flags,
		 page_flag_names(page->flags, names, sizeof(names)));
	pr_alert("page dumped because: %s\n", reason);
	dump_stack();
}

unsigned long bad_page_reports(void)
{
	return nr_bad_pages;
}

/* allocated_head_of: the head of the allocated block page lies in, or NULL. */
static const struct page *allocated_head_of(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	for (unsigned int order = 1; order <= MAX_PAGE_ORDER; order++) {
		unsigned long head = pfn & ~((1UL << order) - 1);

		if (!pfn_valid(head))
			break;
		if (PageHead(pfn_to_page(head)) &&
		    pfn_to_page(head)->order >= order)
			return pfn_to_page(head);
	}
	return NULL;
}

/*
 * free_page_problem: why page cannot be freed as a block of this order, or
 * NULL if it can.  Only reached when the one-compare fast check fails, so
 * the diagnosis may take its time.
 */
static __cold const char *free_page_problem(const struct page *page, unsigned int order)
{
	if (PageReserved(page))
		return "freeing a reserved page";
	if (PageBuddy(page) || PagePcp(page))
		return "double free: page is already free";
	if (PageSlab(page))
		return "freeing a page the slab allocator owns";
	if (PageLargeKmalloc(page))
		return "freeing a kmalloc()ed block with __free_pages (use kfree)";
	if (PageLocked(page))
		return "freeing a locked page";
	if (PageLRU(page) || PageActive(page))
		return "freeing a page still on an LRU list";
	if (PageWriteback(page))
		return "freeing a page under writeback";
	if (PageHead(page) && page->order != order)
		return "freed with a different order than it was allocated with";
	if (!PageHead(page))
		return allocated_head_of(page) ?
			"not the head of its block" : "double free: page is already free";
	if (page->_refcount <= 0)
		return "page refcount is not positive";
	return NULL;
}

/* ---- the free lists ---- */

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order)
{
	page->order = (u8)order;
	SetPageBuddy(page);
	page_list_add(&zone->free_area[order].free_list, page);
	zone->free_area[order].nr_free++;
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	page_list_del(&zone->free_area[order].free_list, page);
	ClearPageBuddy(page);
	zone->free_area[order].nr_free--;
}

/*
 * __free_one_page: put a block on the free lists, merging it with its
 * buddy as long as the buddy is a free block of the same order in the
 * same zone.  Caller holds zone->lock.
 */
static void __free_one_page(struct page *page, unsigned long pfn,
			    struct zone *zone, unsigned int order)
{
	zone->free_pages += 1UL << order;
	while (order < MAX_PAGE_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (!pfn_valid(buddy_pfn))
			break;
		buddy = page + ((long)buddy_pfn - (long)pfn);
		if (!PageBuddy(buddy) || buddy->order != order ||
		    buddy->zone != page->zone)
			break;
		del_page_from_free_list(buddy, zone, order);
		if (buddy_pfn < pfn) {		/* the merged block starts at the lower buddy */
			page = buddy;
			pfn = buddy_pfn;
		}
		order++;
	}
	add_to_free_list(page, zone, order);
}

/*
 * expand: a block of order `high` was taken to serve order `low`; give
 * back the upper halves, largest first, as free blocks of their own.
 */
static inline void expand(struct zone *zone, struct page *page,
			  unsigned int low, unsigned int high)
{
	/* LAB buddy: BEGIN split: halve the block down to order low; each upper half goes on its free list */
	while (high > low) {
		high--;
		add_to_free_list(page + (1UL << high), zone, high);
	}
	/* LAB buddy: STUB
	for (unsigned long i = 1; i < 1UL << (high - low); i++)
		add_to_free_list(page + (i << low), zone, low);
	   LAB buddy: END */
}

/* __rmqueue_smallest: take the smallest free block that fits. Caller holds zone->lock. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		struct page *page = page_list_first(&zone->free_area[o].free_list);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o);
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* ---- per-cpu lists ---- */

/*
 * The per-cpu list is a stack linked by pointers through pcp_next (where
 * an allocated page keeps its mapping, which a free page has no use for),
 * not by the mem_map indices of the other lists: the fast paths push and
 * pop it without converting.
 */
static inline void pcp_push(struct per_cpu_pages *pcp, struct page *page)
{
	page->flags = 1u << PG_pcp;
	page->pcp_next = pcp->top;
	pcp->top = page;
	pcp->count++;
}

/* pcp_pop: the top page, or NULL when the list is empty; its mapping is NULL again. */
static inline struct page *pcp_pop(struct per_cpu_pages *pcp)
{
	struct page *page = pcp->top;

	if (!page)
		return NULL;
	pcp->top = page->pcp_next;
	page->pcp_next = NULL;
	pcp->count--;
	return page;
}

/* rmqueue_bulk: move up to count order-0 pages from the buddy lists to pcp. */
static __noinline void rmqueue_bulk(struct zone *zone, struct per_cpu_pages *pcp, int count)
{
	spin_lock(&zone->lock);
	for (int i = 0; i < count; i++) {
		struct page *page = __rmqueue_smallest(zone, 0);

		if (!page)
			break;
		pcp_push(pcp, page);
	}
	spin_unlock(&zone->lock);
}

/* free_pcppages_bulk: return count pages from pcp to the buddy lists. */
static __noinline void free_pcppages_bulk(struct zone *zone, struct per_cpu_pages *pcp, int count)
{
	spin_lock(&zone->lock);
	while (count-- > 0) {
		struct page *page = pcp_pop(pcp);

		if (!page)
			break;
		ClearPagePcp(page);
		__free_one_page(page, page_to_pfn(page), zone, 0);
	}
	spin_unlock(&zone->lock);
}

void drain_all_pages(void)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[zid];
		unsigned long flags = arch_local_irq_save();

		for (int cpu = 0; cpu < NR_CPUS; cpu++)
			free_pcppages_bulk(zone, &zone->pcp[cpu], zone->pcp[cpu].count);
		arch_local_irq_restore(flags);
	}
}

/*
 * Linux's zone_batchsize: about a quarter of a thousandth of the zone,
 * at most 256 KiB worth, rounded to 2^n - 1 so that batches from
 * different cpus do not keep landing on the same cache colours.
 */
static int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = MIN(zone->managed_pages >> 10, (256UL << 10) / PAGE_SIZE) / 4;
	unsigned long p = 1;

	if (batch < 1)
		batch = 1;
	batch += batch / 2;
	while (p * 2 <= batch)
		p *= 2;
	return p > 1 ? (int)(p - 1) : 1;
}

void setup_per_cpu_pageset(void)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[zid];
		int batch = zone_batchsize(zone);

		for (int cpu = 0; cpu < NR_CPUS; cpu++) {
			zone->pcp[cpu].batch = batch;
			zone->pcp[cpu].high = managed_zone(zone) ? 6 * batch : 0;
		}
	}
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		preferred_zone[zid] = NULL;
		for (int z = zid; z >= 0 && !preferred_zone[zid]; z--)
			if (managed_zone(&NODE_DATA(0)->node_zones[z]))
				preferred_zone[zid] = &NODE_DATA(0)->node_zones[z];
	}
}

/* ---- watermarks ---- */

/* has_free_block: enough pages may be free, but is one a block of at least this order? */
static __noinline bool has_free_block(const struct zone *z, unsigned int order)
{
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

/*
 * zone_watermark_ok: may this zone give 2^order pages without its free
 * count sinking to `mark` plus what it keeps back for allocations that
 * could have used a higher zone (lowmem_reserve)?
 */
static bool zone_watermark_ok(const struct zone *z, unsigned int order,
			      unsigned long mark, enum zone_type highest_zoneidx,
			      unsigned int alloc_flags)
{
	long min = (long)mark;
	long free = (long)z->free_pages - ((1L << order) - 1);

	if (alloc_flags & ALLOC_MIN_RESERVE) {
		min -= min / 2;
		if (alloc_flags & ALLOC_NON_BLOCK)
			min -= min / 4;
	}
	if (free <= min + (long)z->lowmem_reserve[highest_zoneidx])
		return false;
	return order == 0 || has_free_block(z, order);
}

static inline void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	page->_refcount = 1;
	page->order = (u8)order;
	page->flags = 1u << PG_head;	/* whatever the last owner left is gone */
	if (gfp & __GFP_ZERO) {
		char *p = page_address(page);

		for (unsigned long i = 0; i < (1UL << order); i++)
			clear_page(p + i * PAGE_SIZE);
	}
}

/* rmqueue_pcplist: an order-0 page from this cpu's list, refilled from the buddy lists when empty. */
static inline struct page *rmqueue_pcplist(struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pcp[smp_processor_id()];
	unsigned long flags = arch_local_irq_save();
	struct page *page;

	if (unlikely(!pcp->top))
		rmqueue_bulk(zone, pcp, pcp->batch);
	page = pcp_pop(pcp);
	arch_local_irq_restore(flags);
	return page;
}

/* rmqueue_buddy: a block of order > 0, straight from the free lists. */
static __noinline struct page *rmqueue_buddy(struct zone *zone, unsigned int order)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue_smallest(zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

/* rmqueue: take a block from zone; order 0 comes from this cpu's list. */
static inline struct page *rmqueue(struct zone *zone, unsigned int order)
{
	if (likely(order == 0))
		return rmqueue_pcplist(zone);
	return rmqueue_buddy(zone, order);
}

/*
 * get_page_from_freelist: try each zone the flags allow, highest first
 * (Normal, then DMA32), passing over any below its watermark.
 */
static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
					   unsigned int alloc_flags,
					   enum zone_type highest_zoneidx)
{
	for (int zid = (int)highest_zoneidx; zid >= 0; zid--) {
		struct zone *zone = &NODE_DATA(0)->node_zones[zid];
		struct page *page;

		if (!managed_zone(zone))
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_ok(zone, order,
				       zone->_watermark[alloc_flags & ALLOC_WMARK_MASK],
				       highest_zoneidx, alloc_flags))
			continue;
		page = rmqueue(zone, order);
		if (page) {
			prep_new_page(page, order, gfp);
			return page;
		}
	}
	return NULL;
}

const char *format_gfp_flags(gfp_t gfp, char *buf, size_t len)
{
	static const struct { gfp_t mask; const char *name; } names[] = {
		/* composites first, so the common cases print as they are written */
		{ GFP_USER, "GFP_USER" }, { GFP_KERNEL, "GFP_KERNEL" },
		{ GFP_ATOMIC, "GFP_ATOMIC" }, { GFP_NOWAIT, "GFP_NOWAIT" },
		{ __GFP_DMA32, "__GFP_DMA32" }, { __GFP_HIGH, "__GFP_HIGH" },
		{ __GFP_IO, "__GFP_IO" }, { __GFP_FS, "__GFP_FS" },
		{ __GFP_ZERO, "__GFP_ZERO" },
		{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
		{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
		{ __GFP_NOWARN, "__GFP_NOWARN" },
		{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
		{ __GFP_NOFAIL, "__GFP_NOFAIL" }, { __GFP_NORETRY, "__GFP_NORETRY" },
		{ __GFP_HARDWALL, "__GFP_HARDWALL" }, { __GFP_ACCOUNT, "__GFP_ACCOUNT" },
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(names) && n < len; i++) {
		if ((gfp & names[i].mask) != names[i].mask)
			continue;
		n += snprintf(buf + n, len - n, "%s%s", n ? "|" : "", names[i].name);
		gfp &= ~names[i].mask;
	}
	if (!n)
		snprintf(buf, len, "none");
	return buf;
}

void show_free_areas(void)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct zone *zone = &NODE_DATA(0)->node_zones[zid];
		unsigned long total = 0;
		char line[256];
		int n = 0;

		if (!populated_zone(zone))
			continue;
		pr_warn("%s free:%lukB min:%lukB low:%lukB high:%lukB managed:%lukB\n",
			zone->name, zone->free_pages << 2, min_wmark_pages(zone) << 2,
			low_wmark_pages(zone) << 2, high_wmark_pages(zone) << 2,
			zone->managed_pages << 2);
		n += snprintf(line + n, sizeof(line) - n, "%s:", zone->name);
		for (int o = 0; o < NR_PAGE_ORDERS; o++) {
			n += snprintf(line + n, sizeof(line) - n, " %lu*%lukB",
				      zone->free_area[o].nr_free, 4UL << o);
			total += zone->free_area[o].nr_free << (o + 2);
		}
		pr_warn("%s = %lukB\n", line, total);
	}
}

static __cold void warn_alloc(gfp_t gfp, unsigned int order)
{
	char names[160];

	pr_warn("page allocation failure: order:%u, mode:%#x(%s)\n", order, gfp,
		format_gfp_flags(gfp, names, sizeof(names)));
	dump_stack();
	show_free_areas();
}

/* free_something: what rvmm can free without losing data (the pcp lists, spare slabs); any progress? */
static bool free_something(void)
{
	unsigned long before = nr_free_pages();

	drain_all_pages();
	kmem_cache_shrink_all();
	return nr_free_pages() > before;
}

/*
 * The slow path: below the low watermark, as Linux's
 * __alloc_pages_slowpath: wake kswapd to bring every zone back above its
 * high watermark; retry at the min watermark with the reserves the caller
 * is entitled to; an OOM victim may take the last reserves to exit; then,
 * if the caller may wait, free what can be freed without losing data (the
 * per-cpu lists, spare slabs) and reclaim directly (try_to_free_pages):
 * while reclaim frees pages the allocation retries, up to
 * MAX_RECLAIM_RETRIES times (Linux's should_reclaim_retry, without its
 * estimate of what is reclaimable), and only once a reclaim frees nothing
 * is the OOM killer called, as a last resort, and the allocation retried.
 * A costly order, __GFP_NORETRY and __GFP_RETRY_MAYFAIL never kill;
 * __GFP_NORETRY reclaims once at most; __GFP_NOFAIL never fails (it takes
 * the last reserves, and panics if even they are gone).  A few rounds
 * bound the OOM retries: the killer's victim cannot run and exit while
 * this allocation loops, so the asker fails and tries again later (a page
 * fault after giving the victim the CPU).
 */
#define PAGE_ALLOC_COSTLY_ORDER	3
#define MAX_OOM_RETRIES		4
#define MAX_RECLAIM_RETRIES	16

static __cold struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order,
					   enum zone_type highest_zoneidx)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN;
	struct page *page;
	bool freed = false, killed = false;
	int reclaim_retries = 0;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_MIN_RESERVE;
	if (!(gfp & __GFP_DIRECT_RECLAIM))
		alloc_flags |= ALLOC_NON_BLOCK;
	if (gfp & __GFP_KSWAPD_RECLAIM)
		wakeup_kswapd();
	for (int round = 0;; round++) {
		page = get_page_from_freelist(gfp, order, alloc_flags, highest_zoneidx);
		if (page) {
			if (killed)
				oom_bench_done();
			return page;
		}
		if (in_reclaim()) {	/* Linux's PF_MEMALLOC: reclaim frees more than it takes */
			page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS,
						      highest_zoneidx);
			break;
		}
		if (tsk_is_oom_victim(current)) {	/* Linux's ALLOC_OOM: the way out must not block */
			page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS,
						      highest_zoneidx);
			if (page || !(gfp & __GFP_NOFAIL))
				break;
		}
		if (!(gfp & __GFP_DIRECT_RECLAIM))
			break;
		if (!freed) {
			freed = true;
			if (free_something())
				continue;
		}
		if (reclaim_retries < MAX_RECLAIM_RETRIES &&
		    try_to_free_pages(gfp, order, highest_zoneidx)) {
			reclaim_retries = (gfp & __GFP_NORETRY) ? MAX_RECLAIM_RETRIES : reclaim_retries + 1;
			round--;	/* progress: not a round towards the OOM killer */
			continue;
		}
		if (order > PAGE_ALLOC_COSTLY_ORDER || (gfp & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)))
			break;
		if (round >= MAX_OOM_RETRIES)
			break;		/* __GFP_NOFAIL takes the last reserves below */
		if (!out_of_memory(gfp, order))
			break;
		killed = true;
	}
	if (page)
		return page;
	if (gfp & __GFP_NOFAIL) {
		/* Nothing can free memory yet, so NOFAIL may take the last reserves. */
		page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS,
					      highest_zoneidx);
		if (page)
			return page;
		show_free_areas();
		panic("alloc_pages: __GFP_NOFAIL order-%u allocation impossible", order);
	}
	if (!(gfp & __GFP_NOWARN))
		warn_alloc(gfp, order);
	return NULL;
}

/* __alloc_pages: the general allocator: every zone in fallback order, then the slow path. */
static __noinline struct page *__alloc_pages(gfp_t gfp, unsigned int order)
{
	enum zone_type highest_zoneidx = gfp_zone(gfp);
	struct page *page;

	if (unlikely(order > MAX_PAGE_ORDER)) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("alloc_pages: order %u is above MAX_PAGE_ORDER %d\n",
				order, MAX_PAGE_ORDER);
		return NULL;
	}
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, highest_zoneidx);
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp, order, highest_zoneidx);
}

/*
 * alloc_pages: order-0 requests that the preferred zone can serve above
 * its low watermark come straight off this cpu's list (the common case, a
 * few dozen instructions); everything else takes the general path.
 */
__leaf_fastpath struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	enum zone_type highest_zoneidx = gfp_zone(gfp);
	struct zone *zone = preferred_zone[highest_zoneidx];
	struct per_cpu_pages *pcp;
	unsigned long flags;
	struct page *page;

	/* Everything but the plain case goes out of line, so this stays a leaf function. */
	if (unlikely(order != 0 || !zone || (gfp & __GFP_ZERO) ||
		     zone->free_pages <= low_wmark_pages(zone) + zone->lowmem_reserve[highest_zoneidx]))
		return __alloc_pages(gfp, order);
	pcp = &zone->pcp[smp_processor_id()];
	flags = arch_local_irq_save();
	page = pcp_pop(pcp);
	arch_local_irq_restore(flags);
	if (unlikely(!page))
		return __alloc_pages(gfp, order);	/* refills the list */
	prep_new_page(page, 0, 0);
	return page;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void split_page(struct page *page, unsigned int order)
{
	if (!PageHead(page) || page->order != order || page_ref_count(page) != 1)
		panic("split_page: pfn %#lx is not a singly held order-%u block",
		      page_to_pfn(page), order);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		page[i].flags = 1u << PG_head;	/* each an order-0 block of its own */
		page[i].order = 0;
		page[i]._refcount = 1;
	}
}

void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	unsigned long pages = PFN_UP(size), order = 0;
	struct page *page;

	while ((1UL << order) < pages)
		order++;
	page = alloc_pages(gfp, (unsigned int)order);
	if (!page)
		return NULL;
	split_page(page, (unsigned int)order);
	for (unsigned long i = pages; i < (1UL << order); i++)
		__free_page(page + i);	/* the tail goes back at once */
	return page_address(page);
}

void free_pages_exact(void *virt, size_t size)
{
	struct page *page = virt_to_page(virt);

	for (unsigned long i = 0; i < PFN_UP(size); i++)
		__free_page(page + i);
}

static __noinline void free_one_page(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long flags;

	/* A free block carries no flags but PG_buddy on its head (set by __free_one_page). */
	for (unsigned long i = 0; i < (1UL << order); i++)
		page[i].flags = 0;
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, page_to_pfn(page), zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* free_pcp_overflow: the list reached pcp->high; send a batch back, then re-enable interrupts. */
static __noinline void free_pcp_overflow(struct zone *zone, struct per_cpu_pages *pcp,
					 unsigned long flags)
{
	free_pcppages_bulk(zone, pcp, pcp->batch);
	arch_local_irq_restore(flags);
}

/* free_unref_page: an order-0 page's last reference is gone: onto this cpu's list. */
static inline void free_unref_page(struct zone *zone, struct page *page)
{
	struct per_cpu_pages *pcp = &zone->pcp[smp_processor_id()];
	unsigned long flags = arch_local_irq_save();

	pcp_push(pcp, page);
	if (unlikely(pcp->count >= pcp->high)) {
		free_pcp_overflow(zone, pcp, flags);
		return;
	}
	arch_local_irq_restore(flags);
}

/* free_the_page: the block's last reference is gone; return it to pcp or buddy. */
static inline void free_the_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);

	page->mapping = NULL;
	page->_mapcount = -1;
	if (likely(order == 0)) {
		free_unref_page(zone, page);
		return;
	}
	free_one_page(zone, page, order);
}

/* The only flags an allocated block's head may carry when it is freed. */
#define PAGE_FLAGS_CHECK_AT_FREE ((1u << PG_reserved) | (1u << PG_buddy) | \
				  (1u << PG_head) | (1u << PG_slab) | (1u << PG_pcp) | \
				  (1u << PG_large_kmalloc) | (1u << PG_locked) | (1u << PG_lru) | \
				  (1u << PG_writeback) | (1u << PG_active) | (1u << PG_mlocked))

/*
 * __free_pages_checked: the one-compare check in __free_pages failed;
 * find out why, report real misuse, and free what turns out to be fine.
 */
static __cold void __free_pages_checked(struct page *page, unsigned int order)
{
	const char *problem;

	if (page < mem_map || page >= mem_map_end) {
		nr_bad_pages++;
		pr_alert("BUG: __free_pages: %p is not a struct page of RAM\n", (void *)page);
		dump_stack();
		return;
	}
	/*
	 * Not the last reference: what the page is busy with (locked, under
	 * writeback, on an LRU list, mlocked) is for whoever drops the last
	 * one to be checked against, as Linux's put_page.
	 */
	if (page->_refcount > 1 && PageHead(page) && page->order == order &&
	    !(page->flags & ((1u << PG_reserved) | (1u << PG_buddy) | (1u << PG_pcp) |
			     (1u << PG_slab) | (1u << PG_large_kmalloc)))) {
		page->_refcount--;
		return;
	}
	/*
	 * The last reference to a page on an LRU list: it leaves its list
	 * first (Linux's __page_cache_release), so that what is freed is never
	 * on a list (free_page_problem reports one that is).
	 */
	if (PageLRU(page) && order == 0 && PageHead(page) && page->_refcount == 1) {
		lru_release_page(page);
		if ((page->flags & PAGE_FLAGS_CHECK_AT_FREE) == (1u << PG_head)) {
			page->_refcount = 0;	/* off its list, it passes the fast path's check */
			free_the_page(page, 0);
			return;
		}
	}
	problem = free_page_problem(page, order);
	if (problem) {
		bad_page(page, problem);
		return;
	}
	if (put_page_testzero(page))
		free_the_page(page, order);
}

__leaf_fastpath void __free_pages(struct page *page, unsigned int order)
{
	/* A struct page of RAM, an allocated head of this order with a reference: one compare each. */
	if (unlikely((unsigned long)((char *)page - (char *)mem_map) >=
		     (unsigned long)((char *)mem_map_end - (char *)mem_map) ||
		     (page->flags & PAGE_FLAGS_CHECK_AT_FREE) != (1u << PG_head) ||
		     page->order != order || page->_refcount <= 0)) {
		__free_pages_checked(page, order);
		return;
	}
	if (put_page_testzero(page))
		free_the_page(page, order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	/* As Linux, any address inside the first page names it. */
	if (unlikely(!virt_addr_valid((void *)addr))) {
		nr_bad_pages++;
		pr_alert("BUG: free_pages: %#lx is not the address of a page of RAM\n", addr);
		dump_stack();
		return;
	}
	__free_pages(virt_to_page((void *)addr), order);
}

/* ---- boot: memblock hands over its free memory ---- */

void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long nr = 1UL << order;

	for (unsigned long i = 0; i < nr; i++) {
		ClearPageReserved(&page[i]);
		page[i]._refcount = 0;
	}
	zone->managed_pages += nr;
	spin_lock(&zone->lock);
	__free_one_page(page, pfn, zone, order);
	spin_unlock(&zone->lock);
}

/* ---- watermarks and reserves (Linux's formulas) ---- */

int calculate_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = totalram_pages() * (PAGE_SIZE >> 10);
	unsigned long kb = int_sqrt(lowmem_kbytes * 16);

	return (int)MIN(MAX(kb, 128UL), 262144UL);
}

static void calculate_totalreserve_pages(void)
{
	unsigned long reserve_total = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[i];
		unsigned long max = 0;

		for (int j = i; j < MAX_NR_ZONES; j++)
			max = MAX(max, zone->lowmem_reserve[j]);
		max += high_wmark_pages(zone);
		reserve_total += MIN(max, zone->managed_pages);
	}
	totalreserve_pages = reserve_total;
}

void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = totalram_pages();

	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[zid];
		unsigned long tmp, flags;

		spin_lock_irqsave(&zone->lock, flags);
		/* Each zone's share of the minimum, in proportion to its size. */
		tmp = lowmem_pages ? pages_min * zone->managed_pages / lowmem_pages : 0;
		zone->_watermark[WMARK_MIN] = tmp;
		tmp = MAX(tmp >> 2, zone->managed_pages * (unsigned long)watermark_scale_factor / 10000);
		zone->_watermark[WMARK_LOW] = zone->_watermark[WMARK_MIN] + tmp;
		zone->_watermark[WMARK_HIGH] = zone->_watermark[WMARK_LOW] + tmp;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	calculate_totalreserve_pages();
}

void setup_per_zone_lowmem_reserve(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		int ratio = sysctl_lowmem_reserve_ratio[i];
		bool clear = ratio <= 0 || !managed_zone(zone);
		unsigned long managed = 0;

		zone->lowmem_reserve[i] = 0;
		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			managed += pgdat->node_zones[j].managed_pages;
			zone->lowmem_reserve[j] = clear ? 0 : managed / (unsigned long)ratio;
		}
	}
	calculate_totalreserve_pages();
}

unsigned long totalram_pages(void)
{
	unsigned long total = 0;

	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		total += NODE_DATA(0)->node_zones[zid].managed_pages;
	return total;
}

unsigned long nr_free_pages(void)
{
	unsigned long total = 0;

	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		total += NODE_DATA(0)->node_zones[zid].free_pages;
	return total;
}
