/*
 * kernel/fs/proc/meminfo.c: /proc/meminfo, written by show_meminfo
 * (mm/vmstat.c), and /proc/vmallocinfo, by show_vmallocinfo (mm/vmalloc.c;
 * empty without an MMU).
 */
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

void proc_meminfo_init(void)
{
	proc_create_single("meminfo", 0444, NULL, meminfo_proc_show);
	proc_create_single("vmallocinfo", 0400, NULL, vmallocinfo_proc_show);	/* root only, as Linux */
}
