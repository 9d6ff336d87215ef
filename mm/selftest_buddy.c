/*
 * mm/selftest_buddy.c: self-test of the buddy allocator on the real machine:
 * every order, zeroing, zone restrictions, exhausting memory down to the
 * watermarks (and what GFP_ATOMIC and lowmem_reserve change about that), a
 * random sequence checked against a model, and the misuse reports.
 */
#include <asm/pgtable.h>
#include <gfp.h>
#include <printk.h>
#include <sections.h>
#include <selftest.h>
#include <string.h>
#include "internal.h"

static struct zone *zone_of(enum zone_type zid)
{
	return &NODE_DATA(0)->node_zones[zid];
}

static void check_orders(void)
{
	bool aligned = true, zoned = true;

	for (unsigned int order = 0; order <= MAX_PAGE_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (!tap_check(page != NULL, "buddy: order-%u allocation", order))
			continue;
		if (page_to_pfn(page) & ((1UL << order) - 1))
			aligned = false;
		if (page_zone(page) != zone_of(page_to_pfn(page) < MAX_DMA32_PFN ? ZONE_DMA32 : ZONE_NORMAL))
			zoned = false;
		__free_pages(page, order);
	}
	tap_check(aligned, "buddy: every block aligned to its order");
	tap_check(zoned, "buddy: every block's zone matches its pfn");
	tap_check(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_PAGE_ORDER + 1) == NULL,
		  "buddy: order above MAX_PAGE_ORDER fails");
}

static void check_zero_and_dma32(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long *p, nonzero = 0;

	memset(page_address(page), 0xa5, PAGE_SIZE);
	__free_page(page);
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);	/* the per-cpu list hands the same page back */
	p = page_address(page);
	for (unsigned long i = 0; i < PAGE_SIZE / sizeof(long); i++)
		nonzero |= p[i];
	tap_check(nonzero == 0, "buddy: __GFP_ZERO returns a zeroed page");
	__free_page(page);

	page = alloc_pages(GFP_DMA32, 2);
	tap_check(page && page_to_pfn(page) + 4 <= MAX_DMA32_PFN, "buddy: GFP_DMA32 block lies below 4 GiB");
	__free_pages(page, 2);
	if (populated_zone(zone_of(ZONE_NORMAL))) {
		page = alloc_page(GFP_KERNEL);
		tap_check(page_zone(page) == zone_of(ZONE_NORMAL),
			  "buddy: GFP_KERNEL prefers Normal while it has memory");
		__free_page(page);
	}
}

/* grab_all: allocate order-0 pages with gfp until it fails; returns the count. */
static unsigned long grab_all(struct page_list *held, gfp_t gfp, unsigned long per_zone[])
{
	unsigned long n = 0;
	struct page *page;

	while ((page = alloc_page(gfp | __GFP_NOWARN)) != NULL) {
		page_list_add(held, page);
		per_zone[page->zone]++;
		n++;
	}
	return n;
}

static void release_all(struct page_list *held)
{
	struct page *page;

	while ((page = page_list_first(held)) != NULL) {
		page_list_del(held, page);
		__free_page(page);
	}
}

static bool log_contains(const char *needle)
{
	static char tail[4096];
	size_t len = log_buf_len(), off = len > sizeof(tail) - 1 ? len - (sizeof(tail) - 1) : 0;
	size_t n = log_buf_read(tail, off, sizeof(tail) - 1);

	tail[n] = '\0';
	return strstr(tail, needle) != NULL;
}

/*
 * check_exhaustion: ordinary allocations stop at the min watermark (plus,
 * for a Normal-capable request, DMA32's lowmem_reserve); atomic ones may go
 * further; a failure without __GFP_NOWARN is reported.  The requests carry
 * __GFP_RETRY_MAYFAIL, which fails rather than call the OOM killer: with
 * no process to kill, a plain GFP_KERNEL would panic, as Linux does.
 */
static void check_exhaustion(void)
{
	struct zone *dma32 = zone_of(ZONE_DMA32), *normal = zone_of(ZONE_NORMAL);
	struct page_list held;
	unsigned long per_zone[MAX_NR_ZONES] = { 0 }, n, reserve = dma32->lowmem_reserve[ZONE_NORMAL];
	int batch = dma32->pcp[0].batch;
	struct page *page;

	page_list_init(&held);
	n = grab_all(&held, GFP_KERNEL | __GFP_RETRY_MAYFAIL, per_zone);
	tap_diag("GFP_KERNEL took %lu pages (DMA32 %lu, Normal %lu) before failing",
		 n, per_zone[ZONE_DMA32], per_zone[ZONE_NORMAL]);
	tap_check(dma32->free_pages <= min_wmark_pages(dma32) + reserve &&
		  dma32->free_pages + batch >= min_wmark_pages(dma32) + reserve,
		  "buddy: GFP_KERNEL stops with DMA32 at min + lowmem_reserve (free %lu, min %lu, reserve %lu)",
		  dma32->free_pages, min_wmark_pages(dma32), reserve);
	if (populated_zone(normal)) {
		tap_check(normal->free_pages <= min_wmark_pages(normal),
			  "buddy: Normal was used down to its min watermark first (free %lu, min %lu)",
			  normal->free_pages, min_wmark_pages(normal));
		page = alloc_page(GFP_DMA32 | __GFP_NOWARN);
		tap_check(page != NULL,
			  "buddy: a DMA32-only allocation still succeeds: lowmem_reserve kept it for them");
		if (page)
			page_list_add(&held, page);
		grab_all(&held, GFP_DMA32 | __GFP_RETRY_MAYFAIL, per_zone);
	}
	page = alloc_page(GFP_KERNEL | __GFP_RETRY_MAYFAIL);	/* no __GFP_NOWARN: must be reported */
	tap_check(page == NULL && log_contains("page allocation failure: order:0, mode:"),
		  "buddy: a failed allocation prints the failure report");
	page = alloc_page(GFP_ATOMIC | __GFP_NOWARN);
	tap_check(page != NULL, "buddy: GFP_ATOMIC dips below min where GFP_KERNEL could not");
	if (page)
		page_list_add(&held, page);
	release_all(&held);
}

/* A xorshift generator: the same sequence every boot. */
static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

#define LIVE_MAX 256

/*
 * check_random: 20,000 allocations and frees of random orders; each block
 * carries its own pfn in its first and last word, so overlapping blocks or
 * a block handed out twice show up when it is freed.
 */
static void check_random(void)
{
	static struct { struct page *page; unsigned int order; } live[LIVE_MAX];
	unsigned long before[NR_PAGE_ORDERS], bad = 0, misaligned = 0;
	int nlive = 0;

	drain_all_pages();
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		before[o] = zone_of(ZONE_DMA32)->free_area[o].nr_free;
	for (int op = 0; op < 20000; op++) {
		if (nlive < LIVE_MAX && (nlive == 0 || rng() % 3 != 0)) {
			unsigned int order = rng() % 4 == 0 ? rng() % (MAX_PAGE_ORDER + 1) : rng() % 3;
			struct page *page = alloc_pages(GFP_DMA32 | __GFP_NOWARN | __GFP_RETRY_MAYFAIL, order);
			unsigned long *w;

			if (!page)
				continue;
			if (page_to_pfn(page) & ((1UL << order) - 1))
				misaligned++;
			w = page_address(page);
			w[0] = page_to_pfn(page);
			w[(PAGE_SIZE << order) / sizeof(long) - 1] = page_to_pfn(page);
			live[nlive].page = page;
			live[nlive++].order = order;
		} else {
			int i = (int)(rng() % (u64)nlive);
			unsigned long *w = page_address(live[i].page);
			unsigned long pfn = page_to_pfn(live[i].page);

			if (w[0] != pfn || w[(PAGE_SIZE << live[i].order) / sizeof(long) - 1] != pfn)
				bad++;
			__free_pages(live[i].page, live[i].order);
			live[i] = live[--nlive];
		}
	}
	while (nlive > 0) {
		nlive--;
		__free_pages(live[nlive].page, live[nlive].order);
	}
	drain_all_pages();
	tap_check(misaligned == 0, "buddy: random sequence: every block aligned to its order");
	tap_check(bad == 0, "buddy: random sequence: no block overlapped another");
	bool same = true;
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		same &= before[o] == zone_of(ZONE_DMA32)->free_area[o].nr_free;
	tap_check(same, "buddy: random sequence: free areas coalesce back to the same shape");
}

/* expect_report: run the misuse, then check it was reported and changed nothing. */
#define expect_report(what, misuse) do {					\
	unsigned long r0 = bad_page_reports(), f0;				\
	drain_all_pages();							\
	f0 = nr_free_pages();							\
	misuse;									\
	drain_all_pages();							\
	tap_check(bad_page_reports() == r0 + 1 && nr_free_pages() == f0,	\
		  "buddy: %s is reported and ignored", what);			\
} while (0)

static void check_misuse(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	struct page *single = alloc_page(GFP_KERNEL);

	expect_report("freeing a tail page", __free_pages(page + 1, 0));
	expect_report("freeing with the wrong order", __free_pages(page, 1));
	__free_pages(page, 2);
	expect_report("a double free of an order-2 block", __free_pages(page, 2));
	__free_page(single);
	expect_report("a double free of a page on a per-cpu list", __free_page(single));
	expect_report("freeing a page of the kernel image",
		      __free_page(pfn_to_page(PFN_DOWN(__pa_symbol(_kernel_start)))));
	expect_report("free_pages() of an address outside RAM", free_pages(0x1000, 0));
}

/* take_free_blocks: allocate blocks of this order from zone's own free list until it has none. */
static void take_free_blocks(struct zone *zone, unsigned int order, struct page_list *held)
{
	while (zone->free_area[order].nr_free) {
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);

		if (!page)
			break;
		page_list_add(held, page);
		if (page_zone(page) != zone)
			break;		/* not served from this zone: nothing left to take there */
	}
}

/*
 * check_split: with no free block of order 1 or 2, an order-1 allocation
 * splits the smallest larger block, of order n, and leaves its upper
 * halves free: one block of each order from 1 to n - 1, as Linux's expand().
 */
static void check_split(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	struct zone *zone = page ? page_zone(page) : NULL;
	unsigned long before[NR_PAGE_ORDERS];
	struct page_list held[3];
	unsigned int n = 3;
	bool shape = zone != NULL;

	for (unsigned int o = 1; o <= 2; o++)
		page_list_init(&held[o]);
	if (page)
		__free_pages(page, 1);
	if (zone) {
		take_free_blocks(zone, 2, &held[2]);
		take_free_blocks(zone, 1, &held[1]);
		for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
			before[o] = zone->free_area[o].nr_free;
		while (n < NR_PAGE_ORDERS && !before[n])
			n++;
		page = alloc_pages(GFP_KERNEL, 1);
		shape = page && page_zone(page) == zone && n < NR_PAGE_ORDERS;
		for (unsigned int o = 0; shape && o < NR_PAGE_ORDERS; o++)
			shape = zone->free_area[o].nr_free ==
				before[o] + (o >= 1 && o < n) - (o == n);
		if (page)
			__free_pages(page, 1);
	}
	tap_check(shape, "buddy: an order-1 allocation splits the smallest larger block (order %u), "
		  "leaving one free block of each order in between", n);
	for (unsigned int o = 1; o <= 2; o++)
		while ((page = page_list_first(&held[o])) != NULL) {
			page_list_del(&held[o], page);
			__free_pages(page, o);
		}
}

void selftest_buddy(void)
{
	check_orders();
	check_split();
	check_zero_and_dma32();
	check_random();
	check_misuse();
	check_exhaustion();
}
