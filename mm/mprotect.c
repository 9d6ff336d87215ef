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
#include "internal.h"

/* change_pte_range: give the mapped pages of one leaf table the VMA's new protection. */
static int change_pte_range(pte_t *pte, unsigned long addr, unsigned long end, void *private)
{
	struct vm_area_struct *vma = private;
	pgprot_t prot = vm_get_page_prot(vma->vm_flags);

	/* Private pages stay read-only: a write goes through the copy-on-write check again. */
	if (!(vma->vm_flags & VM_SHARED))
		prot = pgprot_wrprotect(prot);
	for (; addr < end; addr += PAGE_SIZE, pte++)
		if (pte_has_page(*pte))
			*pte = pte_modify(*pte, prot);
	return 0;
}

/* change_protection: every page of vma, including those behind PROT_NONE. */
static void change_protection(struct vm_area_struct *vma)
{
	static const struct pt_walk_ops ops = { .pte_range = change_pte_range };

	walk_pgtable_range(vma->vm_mm->pgd, vma->vm_start, vma->vm_end, &ops, vma);
	flush_tlb_mm(vma->vm_mm);
}

/* mprotect_fixup: give one whole VMA its new flags; 0 or -ENOMEM. */
static int mprotect_fixup(struct vm_area_struct *v, unsigned long newflags)
{
	unsigned long flags = (v->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | newflags;

	/* Memory that becomes data (private, writable) must fit RLIMIT_DATA, as Linux's mprotect_fixup. */
	if ((flags & VM_WRITE) && !may_expand_vm(v->vm_mm, flags, vma_pages(v)) &&
	    may_expand_vm(v->vm_mm, v->vm_flags, vma_pages(v)))
		return -ENOMEM;
	/* Private memory that becomes writable is charged, as mmap would have. */
	if ((flags & (VM_WRITE | VM_SHARED | VM_NORESERVE | VM_ACCOUNT)) == VM_WRITE) {
		if (vm_enough_memory((long)((v->vm_end - v->vm_start) >> PAGE_SHIFT)))
			return -ENOMEM;
		flags |= VM_ACCOUNT;
	}
	vma_set_flags(v, flags);
	change_protection(v);
	return 0;
}

/* The order of Linux's do_mprotect_pkey: alignment, length, overflow, then the bits. */
long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, newflags;
	struct vm_area_struct *v;
	int err;

	if (!mm || (start & ~PAGE_MASK))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	if (end > task_size)
		return -ENOMEM;
	newflags = calc_vm_prot_bits(prot);
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
	if (split_vma_range(mm, start, end))
		return -ENOMEM;
	for_each_vma_range(mm, v, start, end) {
		err = mprotect_fixup(v, newflags);
		if (err)
			return err;
	}
	/* Pieces that now look alike join again (mprotect back and forth leaves one VMA). */
	for_each_vma_range(mm, v, start ? start - 1 : 0, end + 1)
		v = vma_merge(mm, v);
	validate_mm(mm);
	return 0;
}
