/*
 * kernel/fs/proc/nommu.c: /proc/maps, which only a kernel without an MMU
 * has (Linux's fs/proc/nommu.c): every region of memory that user
 * mappings use, whoever maps it, in the maps format with Linux's no-MMU
 * fourth column: "S" shared, "s" shareable (a read-only private file
 * mapping others may reuse), "p" private.
 */
#include <fs.h>
#include <mm_user.h>
#include <proc_fs.h>
#include "internal.h"

static void region_show(const struct vm_region *r, void *arg)
{
	struct seq_buf *m = arg;
	unsigned long flags = r->vm_flags;
	int len = seq_buf_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
				 r->vm_start, r->vm_end,
				 flags & VM_READ ? 'r' : '-',
				 flags & VM_WRITE ? 'w' : '-',
				 flags & VM_EXEC ? 'x' : '-',
				 flags & VM_MAYSHARE ? (flags & VM_SHARED ? 'S' : 's') : 'p',
				 r->vm_file ? r->vm_pgoff << PAGE_SHIFT : 0, 0, 0, 0UL);

	if (r->vm_file && r->vm_file->f_name)	/* the name starts at column 73 */
		seq_buf_printf(m, "%*s%s", len < 73 ? 73 - len : 1, "", r->vm_file->f_name);
	seq_buf_printf(m, "\n");
}

static int nommu_region_list_show(struct seq_buf *m, void *v)
{
	nommu_for_each_region(region_show, m);
	return 0;
}

void proc_nommu_init(void)
{
	proc_create_single("maps", 0444, NULL, nommu_region_list_show);
}
