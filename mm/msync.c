/*
 * mm/msync.c: msync.  A RAM file system has nothing to write back, so
 * what is left is Linux's checking: flags (MS_ASYNC or MS_SYNC, not both,
 * optionally MS_INVALIDATE), EBUSY for MS_INVALIDATE of locked memory
 * (its pages may not be dropped), and the holes: skipped, then ENOMEM
 * (at once for a plain MS_ASYNC, which Linux's loop gives up on).
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
	int unmapped = 0;

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
	if (end == start)
		return 0;
	for (v = find_vma(mm, start); ; v = v->vm_next) {
		if (!v)
			return -ENOMEM;
		if (start < v->vm_start) {
			if (flags == MS_ASYNC)
				return -ENOMEM;
			start = v->vm_start;
			if (start >= end)
				return -ENOMEM;
			unmapped = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (v->vm_flags & VM_LOCKED))
			return -EBUSY;
		start = v->vm_end;
		if (start >= end)
			return unmapped;
	}
}
