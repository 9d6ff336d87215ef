/*
 * mm/init.c: bringing up memory management at boot on riscv.
 *
 * The device tree has filled memblock; here the kernel image is reserved,
 * mem= is applied, the zones are sized (DMA32 ends at 4 GiB, as Linux
 * riscv's zone_sizes_init), the buddy allocator takes over, and the boot
 * log shows the result.
 */
#include <cmdline.h>
#include <memblock.h>
#include <mm.h>
#include <lru.h>
#include <printk.h>
#include <sections.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>
#include <vmstat.h>
#include <asm/csr.h>
#include <asm/pgtable.h>
#include <timer.h>
#include <mm_init.h>
#include "internal.h"

/*
 * 0 while early_pg_dir maps the low 4 GiB to themselves; paging_init sets
 * it to the direct map's offset.
 */
unsigned long va_pa_offset;

/* When the buddy allocator became usable, in time-CSR ticks from kernel entry. */
u64 buddy_ready_cycles;

void setup_bootmem(void)
{
	char val[32];

	memblock_reserve(__pa_symbol(_kernel_start), kernel_image_size());
	if (cmdline_find(boot_command_line, "mem", val, sizeof(val))) {
		phys_addr_t limit = memparse(val, NULL);

		if (limit < (16UL << 20))
			pr_warn("mem=%s is too small to boot; ignored\n", val);
		else
			memblock_enforce_memory_limit(limit);
	}
	memblock_dump();
}

static void print_zones(void)
{
	char buf[1024];
	struct seq_buf s;

	pr_info("Zone ranges:\n");
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct zone *zone = &NODE_DATA(0)->node_zones[zid];

		if (!populated_zone(zone)) {
			pr_info("  %-8s empty\n", zone->name);
			continue;
		}
		pr_info("  %-8s [mem %#018lx-%#018lx] pfn %#lx-%#lx\n", zone->name,
			(unsigned long)PFN_PHYS(zone->zone_start_pfn),
			(unsigned long)PFN_PHYS(zone_end_pfn(zone)) - 1,
			zone->zone_start_pfn, zone_end_pfn(zone));
		pr_info("  %-8s present %lu managed %lu pages, watermarks min %lu low %lu high %lu\n",
			zone->name, zone->present_pages, zone->managed_pages,
			min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone));
	}
	pr_info("min_free_kbytes %d, struct page %zu bytes, mem_map %lu KiB\n",
		min_free_kbytes, sizeof(struct page),
		(max_pfn - min_low_pfn) * sizeof(struct page) >> 10);
	seq_buf_init(&s, buf, sizeof(buf));
	show_buddyinfo(&s);
	pr_info("/proc/buddyinfo:\n");
	seq_buf_printk(&s, KERN_INFO);
}

/*
 * mm_core_init: struct pages, the buddy allocator, the slab allocator and vmalloc.
 * entry_cycles is the time CSR at kernel entry, for the boot-cost report.
 */
void mm_core_init(u64 entry_cycles)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {
		[ZONE_DMA32] = MAX_DMA32_PFN,
		[ZONE_NORMAL] = ~0UL,
	};

	free_area_init(max_zone_pfn);
	mem_init();
	buddy_ready_cycles = get_cycles() - entry_cycles;
	pr_info("meminit: buddy allocator ready %lu.%03lu ms after kernel entry\n",
		(unsigned long)(cycles_to_ns(buddy_ready_cycles) / 1000000),
		(unsigned long)(cycles_to_ns(buddy_ready_cycles) / 1000 % 1000));
	kmem_cache_init();
	reclaim_policy_init();	/* before the first page joins an LRU list */
	vmalloc_init();
	print_zones();
}

unsigned long free_reserved_area(void *start, void *end, int poison, const char *s)
{
	unsigned long pfn = PFN_UP(__pa(start)), end_pfn = PFN_DOWN(__pa(end));
	unsigned long pages = 0;

	/* Only whole pages: a partial page at either end may hold something else. */
	for (; pfn < end_pfn; pfn++) {
		struct page *page = pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;

		if (!page || !PageReserved(page)) {
			pr_warn("free_reserved_area: pfn %#lx is not a reserved page of RAM; skipped\n", pfn);
			continue;
		}
		if (poison >= 0)
			memset(page_address(page), poison, PAGE_SIZE);
		memblock_free_pages(page, pfn, 0);
		pages++;
	}
	if (pages && s)
		pr_info("Freeing %s memory: %luK\n", s, pages << (PAGE_SHIFT - 10));
	return pages;
}
