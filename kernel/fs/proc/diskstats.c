/*
 * kernel/fs/proc/diskstats.c: /proc/diskstats, the disks' counters in
 * Linux's format, written by show_diskstats (kernel/fs/block_dev.c; Linux's
 * is in block/genhd.c).
 */
#include <blkdev.h>
#include "internal.h"

static int diskstats_show(struct seq_buf *m, void *v)
{
	show_diskstats(m);
	return 0;
}

void proc_diskstats_init(void)
{
	proc_create_single("diskstats", 0444, NULL, diskstats_show);
}
