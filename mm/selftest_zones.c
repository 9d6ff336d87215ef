/*
 * mm/selftest_zones.c: self-test of the zones as boot set them up: where they
 * start and end, how many pages they manage, and Linux's watermark,
 * lowmem_reserve and min_free_kbytes formulas recomputed independently.
 * Run with MEM=128M (DMA32 only), MEM=3G (both zones) and mem= (a limit).
 */
#include <cmdline.h>
#include <memblock.h>
#include <mm.h>
#include <selftest.h>
#include <slab.h>
#include <stdlib.h>
#include <string.h>
#include <vmstat.h>
#include "internal.h"

static void check_layout(void)
{
	const struct zone *dma32 = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	const struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	unsigned long managed = 0;

	tap_check(dma32->zone_start_pfn == min_low_pfn, "zones: DMA32 starts at the first pfn of RAM");
	tap_check(zone_end_pfn(dma32) <= MAX_DMA32_PFN, "zones: DMA32 ends at or below 4 GiB");
	tap_check(!populated_zone(normal) || normal->zone_start_pfn >= MAX_DMA32_PFN,
		  "zones: Normal starts at or above 4 GiB");
	tap_check(populated_zone(normal) == (max_pfn > MAX_DMA32_PFN),
		  "zones: Normal is populated exactly when RAM reaches above 4 GiB");
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct zone *z = &NODE_DATA(0)->node_zones[zid];

		tap_check(z->managed_pages <= z->present_pages && z->present_pages <= z->spanned_pages,
			  "zones: %s managed %lu <= present %lu <= spanned %lu",
			  z->name, z->managed_pages, z->present_pages, z->spanned_pages);
		managed += z->managed_pages;
	}
	tap_check(managed == totalram_pages(), "zones: totalram_pages is the sum of managed pages");
	tap_check(PFN_PHYS(max_pfn - min_low_pfn) >= memblock_phys_mem_size(),
		  "zones: mem_map covers all of RAM");
}

/* check_mem_limit: with mem=SIZE the kernel sees exactly SIZE of RAM. */
static void check_mem_limit(void)
{
	char val[32];
	phys_addr_t limit;

	if (!cmdline_find(boot_command_line, "mem", val, sizeof(val)))
		return;
	limit = memparse(val, NULL);
	tap_check(memblock_phys_mem_size() == limit,
		  "zones: mem=%s leaves %lu MiB of RAM", val,
		  (unsigned long)(memblock_phys_mem_size() >> 20));
	tap_check(totalram_pages() < PFN_DOWN(limit), "zones: managed pages below the mem= limit");
}

static void check_watermarks(void)
{
	unsigned long total = totalram_pages();
	unsigned long kb = int_sqrt(total * 4 * 16);
	unsigned long pages_min;

	kb = kb < 128 ? 128 : kb > 262144 ? 262144 : kb;
	tap_check((unsigned long)min_free_kbytes == kb,
		  "zones: min_free_kbytes %d = clamp(sqrt(%lu kB * 16), 128, 262144)",
		  min_free_kbytes, total * 4);
	pages_min = (unsigned long)min_free_kbytes / 4;
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct zone *z = &NODE_DATA(0)->node_zones[zid];
		unsigned long min = pages_min * z->managed_pages / total;
		unsigned long delta = MAX(min / 4, z->managed_pages * 10 / 10000);

		if (!populated_zone(z))
			continue;
		tap_check(min_wmark_pages(z) == min && low_wmark_pages(z) == min + delta &&
			  high_wmark_pages(z) == min + 2 * delta,
			  "zones: %s watermarks %lu/%lu/%lu follow Linux's formula", z->name,
			  min_wmark_pages(z), low_wmark_pages(z), high_wmark_pages(z));
	}
	if (populated_zone(&NODE_DATA(0)->node_zones[ZONE_NORMAL])) {
		const struct zone *dma32 = &NODE_DATA(0)->node_zones[ZONE_DMA32];
		unsigned long want = NODE_DATA(0)->node_zones[ZONE_NORMAL].managed_pages / 256;

		tap_check(dma32->lowmem_reserve[ZONE_NORMAL] == want && want > 0,
			  "zones: DMA32 keeps %lu pages from Normal-capable allocations (Normal/256)",
			  dma32->lowmem_reserve[ZONE_NORMAL]);
	}
}

/* check_min_free_kbytes_tunable: writing the sysctl moves every watermark. */
static void check_min_free_kbytes_tunable(void)
{
	int saved = min_free_kbytes;
	const struct zone *z = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	unsigned long before = min_wmark_pages(z);

	unsigned long want = (unsigned long)(saved * 2 / 4) * z->managed_pages / totalram_pages();

	min_free_kbytes = saved * 2;
	setup_per_zone_wmarks();
	tap_check(min_wmark_pages(z) == want && want > before,
		  "zones: doubling min_free_kbytes raises the DMA32 min watermark to its share (%lu -> %lu)",
		  before, min_wmark_pages(z));
	min_free_kbytes = saved;
	setup_per_zone_wmarks();
	tap_check(min_wmark_pages(z) == before, "zones: restoring min_free_kbytes restores it");
}

/* find_line: the line of text starting with prefix, or NULL. */
static const char *find_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, prefix, n))
			return p;
	return NULL;
}

static void check_reports(void)
{
	static char buf[4096];
	struct seq_buf s;
	const char *line;
	unsigned long v;
	char *end;

	seq_buf_init(&s, buf, sizeof(buf));
	show_meminfo(&s);
	line = find_line(seq_buf_str(&s), "MemTotal:       ");
	v = line ? strtoul(line + 16, &end, 10) : 0;
	tap_check(line && v == totalram_pages() * 4 && !strncmp(end, " kB\n", 4) &&
		  end - (line + 16) == 8,
		  "meminfo: 'MemTotal:' padded to 16 columns, %%8lu kB, equals managed memory");
	line = find_line(seq_buf_str(&s), "MemAvailable:   ");
	v = line ? strtoul(line + 16, NULL, 10) : ~0UL;
	tap_check(line && v <= nr_free_pages() * 4, "meminfo: MemAvailable at most MemFree here");
	tap_check(find_line(buf, "Slab:") && find_line(buf, "SUnreclaim:") &&
		  find_line(buf, "PageTables:") && find_line(buf, "KernelStack:"),
		  "meminfo: Slab, SUnreclaim, PageTables and KernelStack lines present");

	seq_buf_init(&s, buf, sizeof(buf));
	show_buddyinfo(&s);
	line = find_line(seq_buf_str(&s), "Node 0, zone    DMA32 ");
	tap_check(line && strlen(line) >= 22 + 7 * NR_PAGE_ORDERS,
		  "buddyinfo: 'Node 0, zone    DMA32' then 11 columns of %%6lu");

	seq_buf_init(&s, buf, sizeof(buf));
	show_zoneinfo(&s);
	tap_check(find_line(seq_buf_str(&s), "Node 0, zone    DMA32") &&
		  find_line(buf, "  pages free     ") && find_line(buf, "        min      ") && !find_line(buf, "        min       ") &&
		  find_line(buf, "        managed  ") && find_line(buf, "        protection: (") &&
		  find_line(buf, "  start_pfn:           "),
		  "zoneinfo: pages free, min, managed, protection and start_pfn lines");

	seq_buf_init(&s, buf, sizeof(buf));
	show_slabinfo(&s);
	tap_check(!strncmp(seq_buf_str(&s), "slabinfo - version: 2.1\n", 24) &&
		  strstr(buf, "\nkmalloc-64 ") && strstr(buf, " : tunables    0    0    0 : slabdata "),
		  "slabinfo: version 2.1 header and kmalloc-64 row in SLUB's format");
}

void selftest_zones(void)
{
	check_layout();
	check_mem_limit();
	check_watermarks();
	check_min_free_kbytes_tunable();
	check_reports();
}
