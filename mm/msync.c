/*
 * mm/msync.c: msync.  A RAM file system has nothing to write back, so
 * what is left is Linux's checking: flags (MS_ASYNC or MS_SYNC, not both,
 * optionally MS_INVALIDATE) and that the range is mapped throughout.
 */
#include <errno.h>
#include <mman.h>
#include <mm_user.h>
#include <sched.h>

long sys_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	struct vm_area_struct *v;

	if (!mm || (start & ~PAGE_MASK))
		return -EINVAL;
	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	for (unsigned long at = start; at < end; at = v->vm_end) {
		v = find_vma(mm, at);
		if (!v || v->vm_start > at)
			return -ENOMEM;
	}
	return 0;
}
