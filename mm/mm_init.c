/*
 * mm/mm_init.c: from memblock's view of RAM to zones and struct pages.
 *
 * free_area_init() sizes the zones and builds mem_map with every page
 * reserved; mem_init() then lets memblock free what is unused into the buddy
 * allocator and sets the watermarks that govern it.
 */
#include <memblock.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include "internal.h"

struct pglist_data contig_page_data;
struct page *mem_map;
struct page *mem_map_end;
unsigned long min_low_pfn;
unsigned long max_pfn;

static const char *const zone_names[MAX_NR_ZONES] = { "DMA32", "Normal" };

/* present_pages_in: pages of RAM (memblock.memory) within [start_pfn, end_pfn). */
static unsigned long present_pages_in(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long present = 0;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = MAX(PFN_UP(r->base), start_pfn);
		unsigned long e = MIN(PFN_DOWN(r->base + r->size), end_pfn);

		if (s < e)
			present += e - s;
	}
	return present;
}

static void zone_init(struct zone *zone, enum zone_type zid,
		      unsigned long start_pfn, unsigned long end_pfn)
{
	memset(zone, 0, sizeof(*zone));
	zone->name = zone_names[zid];
	spin_lock_init(&zone->lock);
	for (int order = 0; order < NR_PAGE_ORDERS; order++)
		page_list_init(&zone->free_area[order].free_list);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		zone->pcp[cpu].top = NULL;
		zone->pcp[cpu].batch = 1;
		zone->pcp[cpu].high = 0;	/* sized by setup_per_cpu_pageset */
	}
	if (start_pfn >= end_pfn)
		return;			/* an empty zone is fine */
	zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = end_pfn - start_pfn;
	zone->present_pages = present_pages_in(start_pfn, end_pfn);
}

/*
 * memmap_init: every struct page starts reserved with one reference, so
 * that anything memblock does not free (firmware, kernel image, holes
 * between banks) can never reach the buddy allocator.  This touches each
 * struct page once; for 16 GiB that is 4 Mi pages, the largest boot cost.
 */
static void memmap_init(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);

	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &pgdat->node_zones[zid];
		struct page *page, *end;

		if (!zone->spanned_pages)
			continue;
		page = pfn_to_page(zone->zone_start_pfn);
		end = page + zone->spanned_pages;
		for (; page < end; page++) {
			page->flags = 1u << PG_reserved;
			page->zone = (u8)zid;
			page->order = 0;
			page->_refcount = 1;
			page->_mapcount = -1;
			page->private = 0;
			page->lru.next = page->lru.prev = PAGE_LIST_NONE;
			page->mapping = NULL;
		}
	}
}

void free_area_init(const unsigned long max_zone_pfn[MAX_NR_ZONES])
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long start_pfn = PFN_UP(memblock_start_of_DRAM());
	unsigned long end_pfn = PFN_DOWN(memblock_end_of_DRAM());
	unsigned long zone_start = start_pfn;
	phys_addr_t map_size, map_pa;

	if (start_pfn >= end_pfn)
		panic("free_area_init: no memory");
	min_low_pfn = start_pfn;
	max_pfn = end_pfn;
	pgdat->node_start_pfn = start_pfn;
	pgdat->node_spanned_pages = end_pfn - start_pfn;
	pgdat->node_present_pages = present_pages_in(start_pfn, end_pfn);

	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		unsigned long zone_end = MIN(max_zone_pfn[zid], end_pfn);

		if (zone_end < zone_start)
			zone_end = zone_start;
		zone_init(&pgdat->node_zones[zid], (enum zone_type)zid,
			  zone_start, zone_end);
		zone_start = zone_end;
	}

	/* Not memblock_alloc: memmap_init writes every field, so zeroing first would be wasted work. */
	map_size = PAGE_ALIGN((end_pfn - start_pfn) * sizeof(struct page));
	map_pa = memblock_phys_alloc(map_size, PAGE_SIZE);
	if (!map_pa)
		panic("free_area_init: no memory for mem_map (%lu KiB)",
		      (unsigned long)(map_size >> 10));
	mem_map = __va(map_pa);
	mem_map_end = mem_map + (end_pfn - start_pfn);
	memmap_init();
}

/* Newton's method; good enough for the one-off watermark arithmetic. */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = x, prev;

	if (x < 2)
		return x;
	do {
		prev = r;
		r = (r + x / r) / 2;
	} while (r < prev);
	return prev;
}

void mem_init(void)
{
	unsigned long freed = memblock_free_all();

	min_free_kbytes = calculate_min_free_kbytes();
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	setup_per_cpu_pageset();
	pr_info("Memory: %luK/%luK available (%luK reserved)\n",
		freed << (PAGE_SHIFT - 10),
		(unsigned long)(memblock_phys_mem_size() >> 10),
		(unsigned long)((memblock_phys_mem_size() >> 10) - (freed << (PAGE_SHIFT - 10))));
}
