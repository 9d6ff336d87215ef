/*
 * mm/madvise.c: madvise.  MADV_DONTNEED drops the pages of a range: the
 * next touch of anonymous memory finds zeros again, of a file mapping the
 * file's contents.  The other advice is accepted and has no effect here.
 */
#include <errno.h>
#include <mman.h>
#include <mm_user.h>
#include <sched.h>

long sys_madvise(unsigned long start, size_t len, int advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	struct vm_area_struct *v;

	if (!mm || (start & ~PAGE_MASK))
		return -EINVAL;
	if (advice != MADV_NORMAL && advice != MADV_RANDOM && advice != MADV_SEQUENTIAL &&
	    advice != MADV_WILLNEED && advice != MADV_DONTNEED)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return 0;
	end = start + len;
	if (end < start)
		return -EINVAL;
	for (unsigned long at = start; at < end; at = v->vm_end) {
		v = find_vma(mm, at);
		if (!v || v->vm_start > at)
			return -ENOMEM;
	}
	if (advice == MADV_DONTNEED)
		for (v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next)
			zap_range(v, MAX(start, v->vm_start), MIN(end, v->vm_end));
	return 0;
}
