/*
 * mm/memory.c: user pages and the page tables that map them.
 *
 * A user address space has its own root table.  Its upper half is a copy
 * of the kernel's root (swapper_pg_dir), so the kernel stays mapped in
 * every process and a system call needs no switch; its lower half belongs
 * to the process.  Every table page below the root's lower half is the
 * process's own and is freed with it.
 *
 * In this issue every user page is allocated when its VMA is made (or
 * copied at fork); page faults on user addresses are errors.  Demand
 * paging and copy-on-write arrive with the next issue.
 */
#include <asm/page.h>
#include <errno.h>
#include <gfp.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <string.h>
#include <vmstat.h>

static struct mm_struct *pt_owner;	/* whose pgtables_bytes pt_alloc_user charges */

static pte_t *pt_alloc_user(void)
{
	pte_t *table = (pte_t *)get_zeroed_page(GFP_KERNEL);

	if (table) {
		mod_node_page_state(NR_PAGETABLE, 1);
		if (pt_owner)
			pt_owner->pgtables_bytes += PAGE_SIZE;
	}
	return table;
}

static void pt_free_user(pte_t *table)
{
	mod_node_page_state(NR_PAGETABLE, -1);
	if (pt_owner)
		pt_owner->pgtables_bytes -= PAGE_SIZE;
	free_page((unsigned long)table);
}

/* pgd_alloc: a root table with the kernel's upper half. */
pte_t *pgd_alloc(struct mm_struct *mm)
{
	pte_t *pgd;

	pt_owner = mm;
	pgd = pt_alloc_user();
	pt_owner = NULL;
	if (pgd)
		memcpy(pgd + PTRS_PER_PT / 2, swapper_pg_dir + PTRS_PER_PT / 2,
		       PTRS_PER_PT / 2 * sizeof(pte_t));
	return pgd;
}

/* pgd_free: free the lower half's tables and the root; the upper half is the kernel's. */
void pgd_free(struct mm_struct *mm)
{
	pte_t *pgd = mm->pgd;

	pt_owner = mm;
	for (unsigned int i = 0; i < PTRS_PER_PT / 2; i++) {
		if (pte_present(pgd[i]) && !pte_leaf(pgd[i]))
			pgtable_free_level(__va(PFN_PHYS(pte_pfn(pgd[i]))), pgtable_levels - 2,
					   pt_free_user);
	}
	pt_free_user(pgd);
	pt_owner = NULL;
}

/* vm_page_prot: the PTE bits for a user page of a VMA with these flags. */
static pgprot_t vm_page_prot(unsigned long vm_flags)
{
	pgprot_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY;

	if (vm_flags & VM_READ)
		prot |= _PAGE_READ;
	if (vm_flags & VM_WRITE)
		prot |= _PAGE_READ | _PAGE_WRITE;	/* W without R is reserved */
	if (vm_flags & VM_EXEC)
		prot |= _PAGE_EXEC;
	return prot;
}

/* map_user_page: map page at va with vma's protection.  0 or -ENOMEM. */
int map_user_page(struct vm_area_struct *vma, unsigned long va, struct page *page)
{
	int err;

	pt_owner = vma->vm_mm;
	err = pgtable_map(vma->vm_mm->pgd, va, PFN_PHYS(page_to_pfn(page)), PAGE_SIZE,
			  vm_page_prot(vma->vm_flags), 0, pt_alloc_user);
	pt_owner = NULL;
	if (!err) {
		vma->vm_mm->rss_anon++;
		mod_node_page_state(NR_ANON_MAPPED, 1);
	}
	return err;
}

struct page *user_page(struct mm_struct *mm, unsigned long va)
{
	phys_addr_t pa;

	if (!pgtable_lookup(mm->pgd, va, &pa, NULL, NULL))
		return NULL;
	return pfn_to_page(PFN_DOWN(pa));
}

/* populate: allocate and map a zeroed page at every address of [start, end). */
int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		struct page *page = alloc_page(GFP_USER | __GFP_ZERO);

		if (!page)
			return -ENOMEM;
		if (map_user_page(vma, va, page)) {
			__free_page(page);
			return -ENOMEM;
		}
	}
	return 0;
}

/* zap_range: unmap and free every page in [start, end) of vma's address space. */
void zap_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;

	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = pgtable_walk(mm->pgd, va, 0, NULL);

		if (!pte || !pte_present(*pte))
			continue;
		__free_page(pfn_to_page(pte_pfn(*pte)));
		*pte = (pte_t){ 0 };
		mm->rss_anon--;
		mod_node_page_state(NR_ANON_MAPPED, -1);
	}
	flush_tlb_mm(mm);
}

/* copy_range: give dst's vma a private copy of every page src's vma maps (eager fork). */
int copy_range(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	for (unsigned long va = src->vm_start; va < src->vm_end; va += PAGE_SIZE) {
		struct page *from = user_page(src->vm_mm, va), *to;

		if (!from)
			continue;
		to = alloc_page(GFP_USER);
		if (!to)
			return -ENOMEM;
		copy_page(page_address(to), page_address(from));
		if (map_user_page(dst, va, to)) {
			__free_page(to);
			return -ENOMEM;
		}
	}
	return 0;
}
