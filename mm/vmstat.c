/*
 * mm/vmstat.c: memory counters and the reports behind /proc/meminfo,
 * /proc/buddyinfo and /proc/zoneinfo, in Linux's exact formats so that
 * tools and habits carry over.
 */
#include <blkdev.h>
#include <mm.h>
#include <vmalloc.h>
#include <vmstat.h>
#include <lru.h>
#include <mm_user.h>
#include <swap.h>
#include "internal.h"

static long node_stat[NR_VM_NODE_STAT_ITEMS];

void mod_node_page_state(enum node_stat_item item, long delta)
{
	__atomic_fetch_add(&node_stat[item], delta, __ATOMIC_RELAXED);
}

unsigned long global_node_page_state(enum node_stat_item item)
{
	long v = __atomic_load_n(&node_stat[item], __ATOMIC_RELAXED);

	return v < 0 ? 0 : (unsigned long)v;
}

/*
 * si_mem_available: what could be allocated without swapping: free pages
 * above the reserves, plus the half of the page cache and of reclaimable
 * slab that reclaim could plausibly get back (Linux's estimate).
 */
unsigned long si_mem_available(void)
{
	unsigned long wmark_low = 0, pagecache, reclaimable;
	long available;

	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		wmark_low += low_wmark_pages(&NODE_DATA(0)->node_zones[zid]);
	available = (long)nr_free_pages() - (long)totalreserve_pages;
	pagecache = global_node_page_state(NR_FILE_PAGES) - global_node_page_state(NR_SHMEM);
	available += (long)(pagecache - MIN(pagecache / 2, wmark_low));
	reclaimable = global_node_page_state(NR_SLAB_RECLAIMABLE);
	available += (long)(reclaimable - MIN(reclaimable / 2, wmark_low));
	return available < 0 ? 0 : (unsigned long)available;
}

/* A meminfo line: the label and colon padded to 16 columns, then "%8lu kB". */
static void show_val_kb(struct seq_buf *m, const char *label, unsigned long pages)
{
	seq_buf_printf(m, "%-16s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

void show_meminfo(struct seq_buf *m)
{
	unsigned long sreclaimable = global_node_page_state(NR_SLAB_RECLAIMABLE);
	unsigned long sunreclaim = global_node_page_state(NR_SLAB_UNRECLAIMABLE);
	unsigned long shmem = global_node_page_state(NR_SHMEM);
	unsigned long file = global_node_page_state(NR_FILE_PAGES);
	unsigned long buffers = nr_blockdev_pages();	/* part of file, shown apart, as Linux's */
	unsigned long cached = file > buffers ? file - buffers : 0;
	unsigned long lru[NR_LRU_LISTS];

	for (int i = 0; i < NR_LRU_LISTS; i++)
		lru[i] = global_lru_pages((enum lru_list)i);
	show_val_kb(m, "MemTotal:", totalram_pages());
	show_val_kb(m, "MemFree:", nr_free_pages());
	show_val_kb(m, "MemAvailable:", si_mem_available());
	show_val_kb(m, "Buffers:", buffers);
	show_val_kb(m, "Cached:", cached > shmem ? cached : shmem);
	show_val_kb(m, "SwapCached:", global_node_page_state(NR_SWAPCACHE));
	show_val_kb(m, "Active:", lru[LRU_ACTIVE_ANON] + lru[LRU_ACTIVE_FILE]);
	show_val_kb(m, "Inactive:", lru[LRU_INACTIVE_ANON] + lru[LRU_INACTIVE_FILE]);
	show_val_kb(m, "Active(anon):", lru[LRU_ACTIVE_ANON]);
	show_val_kb(m, "Inactive(anon):", lru[LRU_INACTIVE_ANON]);
	show_val_kb(m, "Active(file):", lru[LRU_ACTIVE_FILE]);
	show_val_kb(m, "Inactive(file):", lru[LRU_INACTIVE_FILE]);
	show_val_kb(m, "Unevictable:", lru[LRU_UNEVICTABLE]);
	show_val_kb(m, "Mlocked:", global_node_page_state(NR_MLOCK));
#ifndef CONFIG_MMU
	show_val_kb(m, "MmapCopy:", mmap_pages_allocated);	/* where Linux puts it */
#endif
	show_val_kb(m, "SwapTotal:", (unsigned long)total_swap_pages);
	show_val_kb(m, "SwapFree:", get_nr_swap_pages() > 0 ? (unsigned long)get_nr_swap_pages() : 0);
	show_val_kb(m, "Dirty:", global_node_page_state(NR_FILE_DIRTY));
	show_val_kb(m, "Writeback:", global_node_page_state(NR_WRITEBACK));
	show_val_kb(m, "AnonPages:", global_node_page_state(NR_ANON_MAPPED));
	show_val_kb(m, "Mapped:", global_node_page_state(NR_FILE_MAPPED));
	show_val_kb(m, "Shmem:", shmem);
	show_val_kb(m, "KReclaimable:", sreclaimable);
	show_val_kb(m, "Slab:", sreclaimable + sunreclaim);
	show_val_kb(m, "SReclaimable:", sreclaimable);
	show_val_kb(m, "SUnreclaim:", sunreclaim);
	seq_buf_printf(m, "%-16s%8lu kB\n", "KernelStack:",
		       global_node_page_state(NR_KERNEL_STACK_KB));
	show_val_kb(m, "PageTables:", global_node_page_state(NR_PAGETABLE));
	show_val_kb(m, "CommitLimit:", vm_commit_limit());
	show_val_kb(m, "Committed_AS:", vm_committed());
	/* Linux's meanings: the space's size, the pages vmalloc holds, and 0 (not computed since 5.3). */
	seq_buf_printf(m, "%-16s%8lu kB\n", "VmallocTotal:", vmalloc_total() >> 10);
	show_val_kb(m, "VmallocUsed:", vmalloc_nr_pages());
	show_val_kb(m, "VmallocChunk:", 0);
}

void show_buddyinfo(struct seq_buf *m)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct zone *zone = &NODE_DATA(0)->node_zones[zid];

		if (!populated_zone(zone))
			continue;
		seq_buf_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (int order = 0; order < NR_PAGE_ORDERS; order++)
			seq_buf_printf(m, "%6lu ", zone->free_area[order].nr_free);
		seq_buf_printf(m, "\n");
	}
}

void show_zoneinfo(struct seq_buf *m)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		const struct zone *zone = &NODE_DATA(0)->node_zones[zid];

		seq_buf_printf(m, "Node %d, zone %8s", 0, zone->name);
		seq_buf_printf(m, "\n  pages free     %lu", zone->free_pages);
		seq_buf_printf(m, "\n        %-8s %lu", "boost", 0UL);
		seq_buf_printf(m, "\n        %-8s %lu", "min", min_wmark_pages(zone));
		seq_buf_printf(m, "\n        %-8s %lu", "low", low_wmark_pages(zone));
		seq_buf_printf(m, "\n        %-8s %lu", "high", high_wmark_pages(zone));
		seq_buf_printf(m, "\n        %-8s %lu", "spanned", zone->spanned_pages);
		seq_buf_printf(m, "\n        %-8s %lu", "present", zone->present_pages);
		seq_buf_printf(m, "\n        %-8s %lu", "managed", zone->managed_pages);
		seq_buf_printf(m, "\n        protection: (");
		for (int j = 0; j < MAX_NR_ZONES; j++)
			seq_buf_printf(m, "%s%lu", j ? ", " : "", zone->lowmem_reserve[j]);
		seq_buf_printf(m, ")");
		if (!populated_zone(zone)) {	/* Linux stops here for an empty zone */
			seq_buf_printf(m, "\n");
			continue;
		}
		seq_buf_printf(m, "\n      nr_free_pages %lu", zone->free_pages);
		seq_buf_printf(m, "\n  pagesets");
		seq_buf_printf(m, "\n    cpu: %d", 0);
		seq_buf_printf(m, "\n              count: %d", zone->pcp[0].count);
		seq_buf_printf(m, "\n              high:  %d", zone->pcp[0].high);
		seq_buf_printf(m, "\n              batch: %d", zone->pcp[0].batch);
		seq_buf_printf(m, "\n  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
}

/*
 * /proc/vmstat: Linux prints every zone counter, then every node counter,
 * then the event counters, one "name value" line each.  These are the
 * ones rvmm keeps, in Linux's order and under Linux's names.
 */
static const struct {
	const char *name;
	enum node_stat_item item;
} vmstat_node_items[] = {
	{ "nr_slab_reclaimable", NR_SLAB_RECLAIMABLE },
	{ "nr_slab_unreclaimable", NR_SLAB_UNRECLAIMABLE },
	{ "nr_anon_pages", NR_ANON_MAPPED },
	{ "nr_mapped", NR_FILE_MAPPED },
	{ "nr_file_pages", NR_FILE_PAGES },
	{ "nr_dirty", NR_FILE_DIRTY },
	{ "nr_writeback", NR_WRITEBACK },
	{ "nr_shmem", NR_SHMEM },
	{ "nr_kernel_stack", NR_KERNEL_STACK_KB },	/* in kB, as in Linux */
	{ "nr_page_table_pages", NR_PAGETABLE },
	{ "nr_swapcached", NR_SWAPCACHE },
};

static unsigned long vm_events[NR_VM_EVENT_ITEMS];
static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PSWPIN] = "pswpin",
	[PSWPOUT] = "pswpout",
	[PGACTIVATE] = "pgactivate",
	[PGDEACTIVATE] = "pgdeactivate",
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[PGSTEAL_DIRECT] = "pgsteal_direct",
	[PGSCAN_KSWAPD] = "pgscan_kswapd",
	[PGSCAN_DIRECT] = "pgscan_direct",
	[OOM_KILL] = "oom_kill",
};

void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_events[item] += delta;
}

unsigned long global_vm_event(enum vm_event_item item)
{
	return vm_events[item];
}

void show_vmstat(struct seq_buf *m)
{
	static const char *const lru_names[NR_LRU_LISTS] = {
		"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
		"nr_unevictable",
	};

	seq_buf_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	for (int lru = 0; lru < NR_LRU_LISTS; lru++)	/* Linux's node counters start with these */
		seq_buf_printf(m, "%s %lu\n", lru_names[lru], global_lru_pages((enum lru_list)lru));
	for (size_t i = 0; i < ARRAY_SIZE(vmstat_node_items); i++)
		seq_buf_printf(m, "%s %lu\n", vmstat_node_items[i].name,
			       global_node_page_state(vmstat_node_items[i].item));
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_buf_printf(m, "%s %lu\n", vm_event_names[i], vm_events[i]);
}
