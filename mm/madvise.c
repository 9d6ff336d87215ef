/*
 * mm/madvise.c: madvise.  MADV_DONTNEED drops the pages of a range: the
 * next touch of anonymous memory finds zeros again, of a file mapping the
 * file's contents.  MADV_FREE lets the kernel drop private anonymous pages
 * whenever it likes until they are written again; rvmm drops them at once,
 * which is one of the outcomes Linux allows.  Neither may drop locked
 * memory (EINVAL).  MADV_DONTFORK and MADV_DOFORK set and clear
 * VM_DONTCOPY (fork leaves the range out of the child), MADV_RANDOM,
 * MADV_SEQUENTIAL and MADV_NORMAL the read-ahead hints VM_RAND_READ and
 * VM_SEQ_READ, splitting VMAs as mprotect does.  MADV_WILLNEED has nothing
 * to read ahead (no swap, and RAM files are in memory already) and
 * succeeds, as on Linux with swap or tmpfs.  The checks and the treatment
 * of holes follow Linux's do_madvise: the advice goes to every mapped
 * part of the range, and a hole makes the call return ENOMEM afterwards.
 */
#include <errno.h>
#include <mman.h>
#include <mm_user.h>
#include <sched.h>
#include "internal.h"

static bool madvise_behavior_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
		return true;
	default:
		return false;
	}
}

/*
 * madvise_update_vma: [start, end) of v gets newflags, as whole VMAs;
 * EAGAIN when a split finds no memory (Linux's answer for kernel memory).
 */
static int madvise_update_vma(struct mm_struct *mm, struct vm_area_struct *v, unsigned long start,
			      unsigned long end, unsigned long newflags)
{
	if (newflags == v->vm_flags)
		return 0;
	if (split_vma_range(mm, start, end))
		return -EAGAIN;
	v = find_vma(mm, start);
	vma_set_flags(v, newflags);
	vma_merge(mm, v);
	return 0;
}

/* madvise_vma: the advice for [start, end), all inside v.  0 or -errno. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *v, unsigned long start,
		       unsigned long end, int advice)
{
	unsigned long flags = v->vm_flags;

	if (advice == MADV_FREE && (v->vm_file || (v->vm_flags & VM_SHARED)))
		return -EINVAL;		/* only private anonymous memory can be freed lazily */
	switch (advice) {
	case MADV_FREE:
	case MADV_DONTNEED:
		if (v->vm_flags & VM_LOCKED)
			return -EINVAL;	/* locked pages stay */
		zap_page_range(v, start, end - start);
		return 0;
	case MADV_NORMAL:
		return madvise_update_vma(mm, v, start, end, flags & ~(VM_RAND_READ | VM_SEQ_READ));
	case MADV_RANDOM:
		return madvise_update_vma(mm, v, start, end, (flags & ~VM_SEQ_READ) | VM_RAND_READ);
	case MADV_SEQUENTIAL:
		return madvise_update_vma(mm, v, start, end, (flags & ~VM_RAND_READ) | VM_SEQ_READ);
	case MADV_DONTFORK:
		return madvise_update_vma(mm, v, start, end, flags | VM_DONTCOPY);
	case MADV_DOFORK:
		return madvise_update_vma(mm, v, start, end, flags & ~VM_DONTCOPY);
	default:
		return 0;
	}
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
	/* Looked up afresh each time: the advice may split and merge VMAs. */
	while (at < end && (v = find_vma(mm, at)) != NULL && v->vm_start < end) {
		unsigned long to = MIN(end, v->vm_end);

		if (v->vm_start > at)
			unmapped = -ENOMEM;
		err = madvise_vma(mm, v, MAX(at, v->vm_start), to, advice);
		if (err)
			return err;
		at = to;
	}
	validate_mm(mm);
	return at < end ? -ENOMEM : unmapped;
}
