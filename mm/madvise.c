/*
 * mm/madvise.c: madvise.  MADV_DONTNEED drops the pages of a range: the
 * next touch of anonymous memory finds zeros again, of a file mapping the
 * file's contents.  MADV_FREE lets the kernel drop private anonymous pages
 * whenever it likes until they are written again; rvmm drops them at once,
 * which is one of the outcomes Linux allows.  The other advice is accepted
 * and has no effect here.  The checks and the treatment of holes follow
 * Linux's do_madvise: the advice goes to every mapped part of the range,
 * and a hole makes the call return ENOMEM afterwards.
 */
#include <errno.h>
#include <mman.h>
#include <mm_user.h>
#include <sched.h>

static bool madvise_behavior_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
		return true;
	default:
		return false;
	}
}

/* madvise_vma: the advice for [start, end), all inside v.  0 or -errno. */
static int madvise_vma(struct vm_area_struct *v, unsigned long start, unsigned long end, int advice)
{
	if (advice == MADV_FREE && (v->vm_file || (v->vm_flags & VM_SHARED)))
		return -EINVAL;		/* only private anonymous memory can be freed lazily */
	if (advice == MADV_DONTNEED || advice == MADV_FREE)
		zap_page_range(v, start, end - start);
	return 0;
}

long sys_madvise(unsigned long start, size_t len_in, int advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, len = PAGE_ALIGN(len_in), at = start;
	struct vm_area_struct *v;
	int unmapped = 0, err;

	if (!mm || !madvise_behavior_valid(advice) || (start & ~PAGE_MASK))
		return -EINVAL;
	if (len_in && !len)
		return -EINVAL;		/* a length so large it rounded up to 0 */
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	for_each_vma_range(mm, v, start, end) {
		if (v->vm_start > at)
			unmapped = -ENOMEM;
		err = madvise_vma(v, MAX(at, v->vm_start), MIN(end, v->vm_end), advice);
		if (err)
			return err;
		at = v->vm_end;
	}
	validate_mm(mm);
	return at < end ? -ENOMEM : unmapped;
}
