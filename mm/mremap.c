/*
 * mm/mremap.c: mremap with an MMU, as Linux's mm/mremap.c.
 *
 * A mapping shrinks by unmapping its tail; grows in place when nothing
 * lies above it; otherwise, with MREMAP_MAYMOVE, it moves: a new VMA is
 * made where there is room (or at new_addr with MREMAP_FIXED, replacing
 * what was there), the page-table entries are moved across, so the
 * pages themselves, their counts and their locks stay as they were and no
 * byte is copied, and the old range is unmapped (or, with
 * MREMAP_DONTUNMAP, left mapped and empty).  Only the growth is charged
 * to Committed_AS: a move of the same size leaves it unchanged.  A
 * locked mapping stays locked, and what it grows by is faulted in.
 * An old_len of 0 on a shared mapping makes a second mapping of the
 * same pages.
 *
 * The no-MMU kernel's mremap, which can never move, is in mm/nommu.c.
 */
#include <errno.h>
#include <err.h>
#include <fs.h>
#include <mman.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <sched.h>
#include "internal.h"

struct move_ptes {
	struct mm_struct *mm;
	long delta;		/* new address - old address */
	unsigned long failed;	/* the address whose entry could not move, or 0 */
};

/*
 * move_pte_range: move one leaf table's entries (pages, and swap
 * entries, which keep their slots) delta bytes along.  The destination's leaf table is looked up (or made) once per
 * table it has to reach, not once per page: a source table's entries land
 * in one destination table, or two when delta is not a multiple of 2 MiB.
 */
static int move_pte_range(pte_t *pte, unsigned long addr, unsigned long end, void *private)
{
	struct move_ptes *m = private;
	unsigned long table_mask = ~(level_size(1) - 1), table_va = ~0UL;
	pte_t *table = NULL;

	for (; addr < end; addr += PAGE_SIZE, pte++) {
		unsigned long dst = addr + (unsigned long)m->delta;

		if (pte_none(*pte))
			continue;
		if ((dst & table_mask) != table_va) {
			pte_t *entry = pgtable_walk(m->mm->pgd, dst, 0, pt_alloc_user, m->mm);

			if (!entry) {
				m->failed = addr;
				return -ENOMEM;
			}
			table = entry - pt_index(dst, 0);
			table_va = dst & table_mask;
		}
		table[pt_index(dst, 0)] = *pte;
		*pte = (pte_t){ 0 };
	}
	return 0;
}

/*
 * move_page_tables: move the entries of [old_addr, old_addr+len) to
 * new_addr.  On -ENOMEM (no page for a new table) what had moved is moved
 * back, so nothing has changed.
 */
static int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
			    unsigned long len)
{
	static const struct pt_walk_ops ops = { .pte_range = move_pte_range };
	struct move_ptes m = { mm, (long)(new_addr - old_addr), 0 };
	int err = walk_pgtable_range(mm->pgd, old_addr, old_addr + len, &ops, &m);

	if (err) {
		/* The old range's tables are all there still: moving back cannot fail. */
		struct move_ptes back = { mm, -m.delta, 0 };

		walk_pgtable_range(mm->pgd, new_addr, new_addr + (m.failed - old_addr), &ops, &back);
	}
	flush_tlb_mm(mm);
	return err;
}

/*
 * vma_to_resize: the VMA at addr, checked as Linux's vma_to_resize:
 * EFAULT when nothing is mapped at addr or the old range runs past its
 * VMA, EINVAL for duplicating (old_len 0) a private mapping or an offset
 * that would overflow, ENOMEM past RLIMIT_AS or RLIMIT_DATA.
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long pgoff;

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	if (new_len > old_len && !may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return ERR_PTR(-ENOMEM);
	return vma;
}

/* vma_expandable: may vma grow by delta bytes where it is? */
static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > task_size)
		return false;
	return !vma->vm_next || vma->vm_next->vm_start >= end;
}

/*
 * move_vma: [old_addr, old_addr+old_len) of vma becomes a mapping of
 * new_len at new_addr (free by now).  The growth is charged (with
 * MREMAP_DONTUNMAP all of it: the old range keeps its own charge).
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long old_addr,
		     unsigned long old_len, unsigned long new_len, unsigned long new_addr,
		     unsigned long flags)
{
	bool dontunmap = flags & MREMAP_DONTUNMAP;
	long charge = 0;
	struct vm_area_struct *n;
	int err = -ENOMEM;

	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if (vma->vm_flags & VM_ACCOUNT) {
		charge = (long)((dontunmap ? new_len : new_len - MIN(old_len, new_len)) >> PAGE_SHIFT);
		if (charge && vm_enough_memory(charge))
			return -ENOMEM;
	}
	if (old_len) {
		if (split_vma_range(mm, old_addr, old_addr + old_len))
			goto unacct;
		vma = find_vma(mm, old_addr);	/* now exactly the old range */
	}
	n = vma_new(mm, new_addr, new_addr + new_len, vma->vm_flags, vma->vm_name);
	if (!n)
		goto unacct;
	n->vm_file = vma->vm_file ? get_file(vma->vm_file) : NULL;
	n->vm_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	err = insert_vma(mm, n);
	if (err) {
		n->vm_flags &= ~VM_ACCOUNT;
		free_vma(n);
		goto unacct;
	}
	err = move_page_tables(mm, old_addr, new_addr, old_len);
	if (err) {
		n->vm_flags &= ~VM_ACCOUNT;	/* its charge is refunded below */
		do_munmap(mm, new_addr, new_len);
		goto unacct;
	}
	if (dontunmap) {
		vma_set_flags(vma, vma->vm_flags & ~VM_LOCKED_MASK);	/* empty now, and not locked */
	} else if (old_len) {
		vma->vm_flags &= ~VM_ACCOUNT;	/* its charge is the new VMA's now */
		do_munmap(mm, old_addr, old_len);	/* whole VMAs: nothing to split, cannot fail */
	}
	n = vma_merge(mm, find_vma(mm, new_addr));
	if ((n->vm_flags & VM_LOCKED) && new_len > old_len)
		__mm_populate(mm, new_addr + old_len, new_len - old_len, true);
	return (long)new_addr;

unacct:
	if (charge)
		vm_unacct_memory(charge);
	return err;
}

/* mremap_to: MREMAP_FIXED or MREMAP_DONTUNMAP: Linux's checks of the new range, then the move. */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	int err;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > task_size || new_addr > task_size - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;		/* the old and new ranges overlap */
	if (mm->map_count + 2 >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
	}
	if (old_len > new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	if (!(flags & MREMAP_FIXED)) {
		new_addr = get_unmapped_area(mm, new_len);	/* new_addr was only a hint: rvmm ignores it */
		if (!new_addr)
			return -ENOMEM;
	}
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}

/* mremap_grow: the mapping at addr grows to new_len: in place if it can, else moved if allowed. */
static long mremap_grow(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma = vma_to_resize(mm, addr, old_len, new_len);
	unsigned long new_addr;
	long pages = (long)((new_len - old_len) >> PAGE_SHIFT);

	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (old_len == vma->vm_end - addr && vma_expandable(vma, new_len - old_len)) {
		if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(pages))
			return -ENOMEM;
		vm_stat_account(mm, vma->vm_flags, pages);
		vma->vm_end += new_len - old_len;
		vma = vma_merge(mm, vma);
		if (vma->vm_flags & VM_LOCKED)
			__mm_populate(mm, addr + old_len, new_len - old_len, true);
		return (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;		/* no room to grow, and not allowed to move */
	new_addr = get_unmapped_area(mm, new_len);
	if (!new_addr)
		return -ENOMEM;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}

/* sys_mremap: Linux's checks, in its order: the flags, the alignment, a new length of 0. */
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long ret;

	if (flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* MREMAP_DONTUNMAP always moves, and does not resize. */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !mm)
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		ret = mremap_to(mm, addr, old_len, new_addr, new_len, flags);
	else if (old_len >= new_len)	/* shrinking is an unmap of the tail */
		ret = old_len == new_len || !do_munmap(mm, addr + new_len, old_len - new_len) ?
		      (long)addr : -ENOMEM;
	else
		ret = mremap_grow(mm, addr, old_len, new_len, flags);
	validate_mm(mm);
	return ret;
}
