/*
 * kernel/fs/proc/vmstat.c: the allocators' reports in /proc: buddyinfo,
 * zoneinfo and vmstat (mm/vmstat.c), slabinfo (mm/slab.c).  Linux makes
 * slabinfo readable by root only.
 */
#include <slab.h>
#include <vmstat.h>
#include "internal.h"

static int buddyinfo_show(struct seq_buf *m, void *v)
{
	show_buddyinfo(m);
	return 0;
}

static int zoneinfo_show(struct seq_buf *m, void *v)
{
	show_zoneinfo(m);
	return 0;
}

static int vmstat_show(struct seq_buf *m, void *v)
{
	show_vmstat(m);
	return 0;
}

static int slabinfo_show(struct seq_buf *m, void *v)
{
	show_slabinfo(m);
	return 0;
}

void proc_vmstat_init(void)
{
	proc_create_single("buddyinfo", 0444, NULL, buddyinfo_show);
	proc_create_single("zoneinfo", 0444, NULL, zoneinfo_show);
	proc_create_single("vmstat", 0444, NULL, vmstat_show);
	proc_create_single("slabinfo", 0400, NULL, slabinfo_show);
}
