/*
 * include/vmstat.h: memory statistics and the /proc reports built from them
 * (meminfo, buddyinfo, zoneinfo), in Linux's formats.
 */
#ifndef _RVMM_VMSTAT_H
#define _RVMM_VMSTAT_H

#include <mmzone.h>
#include <seq_buf.h>

/* Counters of the whole machine, in pages unless the name says otherwise. */
enum node_stat_item {
	NR_FILE_DIRTY,		/* file pages waiting to be written back: none here, nothing writes them */
	NR_WRITEBACK,		/* pages being written (to swap); the LRU counts are the policy's */
	NR_SLAB_RECLAIMABLE,
	NR_SLAB_UNRECLAIMABLE,
	NR_PAGETABLE,
	NR_KERNEL_STACK_KB,
	NR_FILE_PAGES,
	NR_ANON_MAPPED,
	NR_FILE_MAPPED,
	NR_SHMEM,
	NR_MLOCK,		/* pages mlock'ed: Mlocked (and Unevictable: nothing else is) */
	NR_SWAPCACHE,		/* pages in the swap cache: SwapCached */
	NR_VM_NODE_STAT_ITEMS
};

/* Events, counted since boot (Linux's vm_event_item, the ones rvmm has). */
enum vm_event_item {
	PSWPIN,			/* pages read from swap */
	PSWPOUT,		/* pages written to swap */
	PGACTIVATE,		/* pages promoted by the replacement policy */
	PGDEACTIVATE,		/* ... and demoted */
	PGFAULT,
	PGMAJFAULT,		/* faults that waited for a read from swap */
	PGSTEAL_KSWAPD,		/* pages kswapd freed */
	PGSTEAL_DIRECT,		/* ... and direct reclaim */
	PGSCAN_KSWAPD,		/* pages kswapd looked at */
	PGSCAN_DIRECT,		/* ... and direct reclaim */
	OOM_KILL,
	NR_VM_EVENT_ITEMS
};

/* count_vm_event: one more event. */
void count_vm_event(enum vm_event_item item);
/* count_vm_events: delta more. */
void count_vm_events(enum vm_event_item item, unsigned long delta);
unsigned long global_vm_event(enum vm_event_item item);

void mod_node_page_state(enum node_stat_item item, long delta);
unsigned long global_node_page_state(enum node_stat_item item);

/* /proc/meminfo */
void show_meminfo(struct seq_buf *m);
/* /proc/buddyinfo: populated zones only */
void show_buddyinfo(struct seq_buf *m);
/* /proc/zoneinfo */
void show_zoneinfo(struct seq_buf *m);
/* /proc/vmstat: "name value" for each counter rvmm keeps, in Linux's order */
void show_vmstat(struct seq_buf *m);
/* Committed_AS and CommitLimit, in pages (mm/util.c). */
unsigned long vm_committed(void);
unsigned long vm_commit_limit(void);

/* si_mem_available: Linux's MemAvailable estimate, in pages. */
unsigned long si_mem_available(void);

#endif
