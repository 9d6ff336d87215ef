/*
 * mm/mprotect.c: changing the protection of a range of an address space.
 * The range must be mapped throughout (ENOMEM otherwise) and no VMA in it
 * may be given a permission it can never have (EACCES: a shared mapping
 * of a file opened read-only cannot become writable).  VMAs are split at
 * the ends of the range, and the pages already mapped get the new bits.
 */
#include <errno.h>
#include <mman.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <sched.h>

/* change_pte: give one mapped page the VMA's new protection. */
static void change_pte(pte_t *pte, unsigned long va, void *arg)
{
	struct vm_area_struct *vma = arg;
	pgprot_t prot = vm_page_prot(vma->vm_flags);

	(void)va;
	/* Private pages stay read-only: a write goes through the copy-on-write check again. */
	if (!(vma->vm_flags & VM_SHARED))
		prot &= ~_PAGE_WRITE;
	*pte = pfn_pte(pte_pfn(*pte), prot);
}

/* change_protection: every page of vma, including those behind PROT_NONE. */
static void change_protection(struct vm_area_struct *vma)
{
	pgtable_for_each_page(vma->vm_mm->pgd, vma->vm_start, vma->vm_end, change_pte, vma);
	flush_tlb_mm(vma->vm_mm);
}

long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, newflags, mask = VM_READ | VM_WRITE | VM_EXEC;
	struct vm_area_struct *v;

	if (!mm || (start & ~PAGE_MASK) || (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return 0;
	end = start + len;
	if (end <= start || end > task_size)
		return -ENOMEM;
	newflags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		   (prot & PROT_EXEC ? VM_EXEC : 0);
	/* Check the whole range before changing anything. */
	v = find_vma(mm, start);
	for (unsigned long at = start; at < end; v = v->vm_next) {
		if (!v || v->vm_start > at)
			return -ENOMEM;		/* a hole in the range */
		if (((newflags & VM_READ) && !(v->vm_flags & VM_MAYREAD)) ||
		    ((newflags & VM_WRITE) && !(v->vm_flags & VM_MAYWRITE)) ||
		    ((newflags & VM_EXEC) && !(v->vm_flags & VM_MAYEXEC)))
			return -EACCES;
		at = v->vm_end;
	}
	v = find_vma(mm, start);
	if (v->vm_start < start && split_vma(mm, v, start))
		return -ENOMEM;
	v = find_vma(mm, end - 1);
	if (v->vm_end > end && split_vma(mm, v, end))
		return -ENOMEM;
	for (v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next) {
		unsigned long flags = (v->vm_flags & ~mask) | newflags;

		/* Private memory that becomes writable is charged, as mmap would have. */
		if ((flags & (VM_WRITE | VM_SHARED | VM_NORESERVE | VM_ACCOUNT)) == VM_WRITE) {
			if (vm_enough_memory((long)((v->vm_end - v->vm_start) >> PAGE_SHIFT)))
				return -ENOMEM;
			flags |= VM_ACCOUNT;
		}
		v->vm_flags = flags;
		change_protection(v);
	}
	/* Pieces that now look alike join again (mprotect back and forth leaves one VMA). */
	for (v = find_vma(mm, start ? start - 1 : 0); v && v->vm_start <= end; v = v->vm_next)
		v = vma_merge(mm, v);
	return 0;
}
