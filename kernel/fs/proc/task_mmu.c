/*
 * kernel/fs/proc/task_mmu.c: what /proc shows of an address space, as
 * Linux's fs/proc/task_mmu.c: the Vm lines of status, and maps.
 */
#include <fs.h>
#include <mm_user.h>
#include <proc_fs.h>
#include <sched.h>
#include "internal.h"

void task_mem(struct seq_buf *m, struct mm_struct *mm)
{
	unsigned long rss = mm->rss_anon + mm->rss_file + mm->rss_shmem;

	seq_buf_printf(m, "VmSize:\t%8lu kB\n", mm->total_vm << (PAGE_SHIFT - 10));
	seq_buf_printf(m, "VmLck:\t%8lu kB\n", mm->locked_vm << (PAGE_SHIFT - 10));
	seq_buf_printf(m, "VmRSS:\t%8lu kB\n", rss << (PAGE_SHIFT - 10));
	seq_buf_printf(m, "RssAnon:\t%8lu kB\n", mm->rss_anon << (PAGE_SHIFT - 10));
	seq_buf_printf(m, "RssFile:\t%8lu kB\n", mm->rss_file << (PAGE_SHIFT - 10));
	seq_buf_printf(m, "RssShmem:\t%8lu kB\n", mm->rss_shmem << (PAGE_SHIFT - 10));
	seq_buf_printf(m, "VmPTE:\t%8lu kB\n", mm->pgtables_bytes >> 10);
	seq_buf_printf(m, "VmSwap:\t%8lu kB\n", mm->swap_ents << (PAGE_SHIFT - 10));
}

#ifdef CONFIG_MMU
/* map_share_flag: maps' fourth column: "s" for a shared mapping, "p" for a private one. */
static char map_share_flag(unsigned long vm_flags)
{
	return vm_flags & VM_MAYSHARE ? 's' : 'p';
}
#else
/* map_share_flag: without an MMU, "S" shared, "s" shareable (read-only private), "p" private (Linux's task_nommu.c). */
static char map_share_flag(unsigned long vm_flags)
{
	return vm_flags & VM_MAYSHARE ? (vm_flags & VM_SHARED ? 'S' : 's') : 'p';
}
#endif

void proc_pid_maps(struct task_struct *t, struct seq_buf *m)
{
	struct vm_area_struct *v;

	if (!t->mm)
		return;
	for_each_vma(t->mm, v) {
		int len;

		len = seq_buf_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
				     v->vm_start, v->vm_end,
				     v->vm_flags & VM_READ ? 'r' : '-',
				     v->vm_flags & VM_WRITE ? 'w' : '-',
				     v->vm_flags & VM_EXEC ? 'x' : '-',
				     map_share_flag(v->vm_flags),
				     /* Linux prints an offset only for what is backed by a file */
				     (v->vm_file || (v->vm_name && v->vm_name[0] != '[')) ?
				     v->vm_pgoff << PAGE_SHIFT : 0, 0, 0, 0UL);
		const char *name = v->vm_file && v->vm_file->f_name ? v->vm_file->f_name : v->vm_name;

		if (name)	/* the name starts at column 73, as Linux pads it */
			seq_buf_printf(m, "%*s%s", len < 73 ? 73 - len : 1, "", name);
		seq_buf_printf(m, "\n");
	}
}
