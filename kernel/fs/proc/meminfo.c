/* kernel/fs/proc/meminfo.c: /proc/meminfo, written by show_meminfo (mm/vmstat.c). */
#include <vmstat.h>
#include "internal.h"

static int meminfo_proc_show(struct seq_buf *m, void *v)
{
	show_meminfo(m);
	return 0;
}

void proc_meminfo_init(void)
{
	proc_create_single("meminfo", 0444, NULL, meminfo_proc_show);
}
