/*
 * kernel/fs/proc/meminfo.c: /proc/meminfo, written by show_meminfo
 * (mm/vmstat.c), /proc/vmallocinfo, by show_vmallocinfo (mm/vmalloc.c;
 * empty without an MMU), and /proc/swaps, by show_swaps (mm/swapfile.c;
 * not there without an MMU).
 */
#include <swap.h>
#include <vmalloc.h>
#include <vmstat.h>
#include "internal.h"

static int meminfo_proc_show(struct seq_buf *m, void *v)
{
	show_meminfo(m);
	return 0;
}

static int vmallocinfo_proc_show(struct seq_buf *m, void *v)
{
	show_vmallocinfo(m);
	return 0;
}

#ifdef CONFIG_MMU
static int swaps_proc_show(struct seq_buf *m, void *v)
{
	show_swaps(m);
	return 0;
}
#endif

void proc_meminfo_init(void)
{
#ifdef CONFIG_MMU
	proc_create_single("swaps", 0444, NULL, swaps_proc_show);	/* Linux's needs swap, and an MMU */
#endif
	proc_create_single("meminfo", 0444, NULL, meminfo_proc_show);
	proc_create_single("vmallocinfo", 0400, NULL, vmallocinfo_proc_show);	/* root only, as Linux */
}
