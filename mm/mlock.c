/*
 * mm/mlock.c: mlock, mlock2, munlock, mlockall and munlockall, as Linux's
 * mm/mlock.c.
 *
 * Locking is a property of VMAs: VM_LOCKED says every page of the range
 * is to stay in memory, VM_LOCKONFAULT (with it) that pages are locked as
 * they are first touched rather than all at once.  The range is cut into
 * whole VMAs (as mprotect does), each gets the flag, mm->locked_vm counts
 * their pages (VmLck in /proc/<pid>/status), and unless ONFAULT every page
 * is faulted in now.  A page mapped by a locked VMA is marked PG_mlocked
 * and counted once in Mlocked in /proc/meminfo, whether it got there
 * through mlock or through a later fault (mlock_vma_page, from
 * mm/memory.c); an unmap or munlock takes the mark off again.
 *
 * Linux asks the reverse map whether some other VMA still locks a page
 * when one VMA lets go; rvmm does not (yet) ask its own (mm/rmap.c): the
 * mark goes, and a file page two processes lock counts in Mlocked only
 * until the first of them unlocks it.  Reclaim catches the rest: a page
 * a locked VMA still maps is mlocked again when try_to_unmap finds that
 * VMA.  mm->locked_vm, per process, is exact.  A marked page is on the
 * unevictable list (include/lru.h).
 *
 * RLIMIT_MEMLOCK limits what may be locked, except for a task with
 * CAP_IPC_LOCK: root, which every rvmm process is.  The checks are
 * Linux's, so they are in place for the day rvmm has other users.
 *
 * Linux builds this file only with an MMU; without one the calls are
 * ENOSYS (every page is resident anyway).
 */
#include <errno.h>
#include <lru.h>
#include <mman.h>
#include <mm_user.h>
#include <pgtable.h>
#include <resource.h>
#include <sched.h>
#include <vmstat.h>
#include "internal.h"

void clear_page_mlock(struct page *page)
{
	if (PageMlocked(page)) {
		ClearPageMlocked(page);
		mod_node_page_state(NR_MLOCK, -1);
		lru_update_evictable(page);	/* back to the policy, unless ramfs's */
	}
}

void mlock_vma_page(struct vm_area_struct *vma, struct page *page)
{
	if ((vma->vm_flags & VM_LOCKED) && !PageMlocked(page)) {
		SetPageMlocked(page);
		mod_node_page_state(NR_MLOCK, 1);
		lru_update_evictable(page);	/* onto the unevictable list */
	}
}

void munlock_vma_page(struct vm_area_struct *vma, struct page *page)
{
	if (vma->vm_flags & VM_LOCKED)
		clear_page_mlock(page);
}

/* mlock_pte_range: mark (or unmark) the pages one leaf table maps for a VMA just (un)locked. */
static int mlock_pte_range(pte_t *pte, unsigned long addr, unsigned long end, void *private)
{
	struct vm_area_struct *vma = private;

	for (; addr < end; addr += PAGE_SIZE, pte++) {
		struct page *page = vm_normal_page(*pte);

		if (!page)
			continue;
		if (vma->vm_flags & VM_LOCKED)
			mlock_vma_page(vma, page);
		else
			clear_page_mlock(page);
	}
	return 0;
}

/*
 * mlock_fixup: give the whole VMA vma the lock flags of newflags.  The
 * pages it has already follow; those it has not yet are for populate.
 */
static void mlock_fixup(struct vm_area_struct *vma, unsigned long newflags)
{
	static const struct pt_walk_ops ops = { .pte_range = mlock_pte_range };
	bool was_locked = vma->vm_flags & VM_LOCKED;

	if (newflags == vma->vm_flags)
		return;
	vma_set_flags(vma, newflags);
	if (was_locked != !!(newflags & VM_LOCKED))
		walk_pgtable_range(vma->vm_mm->pgd, vma->vm_start, vma->vm_end, &ops, vma);
}

/*
 * apply_vma_lock_flags: set the lock flags of [start, start+len) to
 * flags (VM_LOCKED, VM_LOCKONFAULT or 0).  As Linux, the mapped parts up
 * to the first hole are changed, and the hole is ENOMEM.
 */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, size_t len,
				unsigned long flags)
{
	unsigned long end = start + len, at = start;
	struct vm_area_struct *v = find_vma(mm, start);
	int err = 0;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (!v || v->vm_start > start)
		return -ENOMEM;
	if (split_vma_range(mm, start, end))
		return -ENOMEM;
	for (v = find_vma(mm, start); at < end; v = v->vm_next) {
		if (!v || v->vm_start > at) {
			err = -ENOMEM;
			break;
		}
		mlock_fixup(v, (v->vm_flags & ~VM_LOCKED_MASK) | flags);
		at = v->vm_end;
	}
	/* Pieces that now look alike join again (lock and unlock leave one VMA). */
	for_each_vma_range(mm, v, start ? start - 1 : 0, end + 1)
		v = vma_merge(mm, v);
	return err;
}

int __mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len, bool ignore_errors)
{
	unsigned long end = start + len;
	struct vm_area_struct *v;
	int err;

	for (v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next) {
		if ((v->vm_flags & VM_LOCKONFAULT) || !(v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
			continue;	/* locked as faulted; PROT_NONE has nothing to fault */
		err = populate_vma_page_range(v, MAX(start, v->vm_start), MIN(end, v->vm_end));
		if (err == -EINTR || (err && !ignore_errors))
			return err;
	}
	return 0;
}

/* can_do_mlock: may current lock anything?  With RLIMIT_MEMLOCK above 0, or CAP_IPC_LOCK. */
static bool can_do_mlock(void)
{
	return rlimit(RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

/* count_mm_mlocked_page_nr: the pages of [start, start+len) that are locked already. */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end = start + len, count = 0;
	struct vm_area_struct *v;

	for_each_vma_range(mm, v, start, end)
		if (v->vm_flags & VM_LOCKED)
			count += (MIN(end, v->vm_end) - MAX(start, v->vm_start)) >> PAGE_SHIFT;
	return count;
}

/*
 * do_mlock: Linux's order: EPERM if nothing may be locked, the range
 * widened to whole pages (an unaligned start is fine), ENOMEM past
 * RLIMIT_MEMLOCK without CAP_IPC_LOCK, then the flags, then the pages
 * (a failure to fault them in is ENOMEM, as POSIX asks).
 */
static long do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long lock_limit, locked;
	int err = -ENOMEM;

	if (!mm)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > lock_limit && !capable(CAP_IPC_LOCK))
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked <= lock_limit || capable(CAP_IPC_LOCK))
		err = apply_vma_lock_flags(mm, start, len, flags);
	validate_mm(mm);
	if (err)
		return err;
	err = __mm_populate(mm, start, len, false);
	return err == -EINTR ? err : err ? -ENOMEM : 0;
}

long sys_mlock(unsigned long start, size_t len)
{
	return do_mlock(start, len, VM_LOCKED);
}

long sys_mlock2(unsigned long start, size_t len, int flags)
{
	unsigned long vm_flags = VM_LOCKED;

	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	if (flags & MLOCK_ONFAULT)
		vm_flags |= VM_LOCKONFAULT;
	return do_mlock(start, len, vm_flags);
}

long sys_munlock(unsigned long start, size_t len)
{
	int err;

	if (!current->mm)
		return -EINVAL;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	err = apply_vma_lock_flags(current->mm, start, len, 0);
	validate_mm(current->mm);
	return err;
}

/*
 * apply_mlockall_flags: MCL_FUTURE sets what every later VMA gets
 * (mm->def_flags: mmap, brk, the stack's growth, mremap); MCL_CURRENT
 * locks every VMA there is now; 0 (munlockall) undoes both.
 */
static void apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	unsigned long to_add = 0;
	struct vm_area_struct *v;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT) {
		to_add |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			to_add |= VM_LOCKONFAULT;
	}
	for_each_vma(mm, v)
		mlock_fixup(v, (v->vm_flags & ~VM_LOCKED_MASK) | to_add);
	for (v = mm->mmap; v; v = v->vm_next)
		v = vma_merge(mm, v);
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;

	if (!mm || !flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if ((flags & MCL_CURRENT) && mm->total_vm > rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT &&
	    !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	apply_mlockall_flags(mm, flags);
	validate_mm(mm);
	if (flags & MCL_CURRENT)
		__mm_populate(mm, 0, task_size, true);	/* as Linux: whatever can be faulted in */
	return 0;
}

long sys_munlockall(void)
{
	if (!current->mm)
		return -EINVAL;
	apply_mlockall_flags(current->mm, 0);
	validate_mm(current->mm);
	return 0;
}
