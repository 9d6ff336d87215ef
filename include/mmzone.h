/*
 * include/mmzone.h: zones and their free areas.
 *
 * RAM is split by what devices can address: ZONE_DMA32 is everything below
 * 4 GiB physical (32-bit DMA), ZONE_NORMAL the rest.  QEMU virt's RAM starts
 * at 2 GiB, so DMA32 holds the first 2 GiB of RAM and Normal is empty up to
 * that size.  Each zone runs its own buddy allocator.
 */
#ifndef _RVMM_MMZONE_H
#define _RVMM_MMZONE_H

#include <mm_types.h>
#include <spinlock.h>

#define MAX_PAGE_ORDER	10			/* largest block: 1024 pages, 4 MiB */
#define NR_PAGE_ORDERS	(MAX_PAGE_ORDER + 1)
#define NR_CPUS		8
#define MAX_DMA32_PFN	(1UL << (32 - 12))	/* first pfn above 4 GiB */

enum zone_type {
	ZONE_DMA32,
	ZONE_NORMAL,
	MAX_NR_ZONES
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

struct free_area {
	struct page_list free_list;
	unsigned long nr_free;		/* blocks (not pages) on free_list */
};

/*
 * Order-0 pages freed recently, kept per cpu so that the hot alloc/free
 * path takes no zone lock and does no splitting or merging.  Pages move
 * between here and the buddy lists `batch` at a time; more than `high`
 * sends a batch back.  The list is a stack linked through page->lru.next:
 * push and pop are all the hot path needs, and the page freed last (the
 * one most likely still in the cache) is the next one handed out.
 */
struct per_cpu_pages {
	struct page *top;	/* the top page, NULL if empty; each links to the next by pcp_next */
	int count;
	int high;
	int batch;
};

struct zone {
	unsigned long _watermark[NR_WMARK];
	/* pages this zone keeps back from allocations that could have used a higher zone */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* pfns from start to end, holes included */
	unsigned long present_pages;	/* pages of RAM in that span */
	unsigned long managed_pages;	/* present minus reserved: the buddy allocator's */
	unsigned long free_pages;	/* on the buddy free lists (not the per-cpu lists) */
	spinlock_t lock;
	struct free_area free_area[NR_PAGE_ORDERS];
	struct per_cpu_pages pcp[NR_CPUS];
};

/* One memory node: rvmm has no NUMA, so there is exactly one (as FLATMEM Linux). */
struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;
};

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid)	(&contig_page_data)

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline unsigned long min_wmark_pages(const struct zone *z)  { return z->_watermark[WMARK_MIN]; }
static inline unsigned long low_wmark_pages(const struct zone *z)  { return z->_watermark[WMARK_LOW]; }
static inline unsigned long high_wmark_pages(const struct zone *z) { return z->_watermark[WMARK_HIGH]; }

/*
 * free_area_init: size the zones from memblock's RAM (DMA32 below
 * max_zone_pfn[ZONE_DMA32], Normal up to max_zone_pfn[ZONE_NORMAL]),
 * allocate mem_map and mark every page reserved until memblock_free_all.
 */
void free_area_init(const unsigned long max_zone_pfn[MAX_NR_ZONES]);
/* mem_init: memblock_free_all, then watermarks, lowmem_reserve and per-cpu lists. */
void mem_init(void);

/* Tunables behind /proc/sys/vm (min_free_kbytes, watermark_scale_factor, lowmem_reserve_ratio). */
extern int min_free_kbytes;
extern int watermark_scale_factor;
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];
/* setup_per_zone_wmarks: recompute watermarks from min_free_kbytes. */
void setup_per_zone_wmarks(void);
/* setup_per_zone_lowmem_reserve: recompute lowmem_reserve from the ratios. */
void setup_per_zone_lowmem_reserve(void);
/* calculate_min_free_kbytes: Linux's default, clamp(sqrt(lowmem_kB * 16), 128, 262144). */
int calculate_min_free_kbytes(void);

unsigned long totalram_pages(void);		/* managed pages of all zones */
unsigned long nr_free_pages(void);		/* free pages of all zones */
/* totalreserve_pages: pages userspace can never get (high watermark + largest lowmem_reserve per zone). */
extern unsigned long totalreserve_pages;

#endif
