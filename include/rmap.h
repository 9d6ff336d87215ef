/*
 * include/rmap.h: the reverse map, from a page to every page-table entry
 * that maps it (mm/rmap.c), which reclaim needs to sample a page's
 * accessed bits and to unmap it before it is freed.
 *
 * A file page's mapping is its file's address_space, whose i_mmap lists
 * the VMAs mapping the file; page->index is its offset in the file, so in
 * such a VMA it is at vm_start + (index - vm_pgoff) pages.
 *
 * Anonymous pages use an object-based scheme in the spirit of Linux's
 * anon_vma, simplified: one anon_vma per family of address spaces.  An
 * address space made by exec gets a new one; fork's copy joins its
 * parent's, so a page that fork shares copy-on-write names one anon_vma,
 * whose list holds every mm that may map it.  The page's mapping is that
 * anon_vma with PAGE_MAPPING_ANON set, and its index is its linear index,
 * vm_pgoff + (addr - vm_start) pages, where an anonymous VMA's vm_pgoff
 * starts as vm_start / PAGE_SIZE and, as in Linux, split, mremap and fork
 * keep it true (VMAs merge only when their vm_pgoffs continue each
 * other).  The walk visits every VMA of every mm of the family and looks
 * at the one address the index gives there: O(mms x VMAs) per page, where
 * Linux's anon_vma_chain finds exactly the VMAs that may hold the page.
 * page->index is 32 bits, so the arithmetic is modulo 2^32: every
 * candidate entry is checked for the page's pfn, and a VMA of more than
 * 2^32 pages is looked at every 2^32 pages.
 */
#ifndef _RVMM_RMAP_H
#define _RVMM_RMAP_H

#include <list.h>
#include <mm_types.h>
#include <pgtable.h>

/* anon_vma: the owner that a family's anonymous pages name. */
struct anon_vma {
	int refcount;			/* mms on the list */
	struct list_head mms;		/* mm_struct.anon_vma_node */
};

#ifdef CONFIG_MMU
/* anon_vma_prepare: a new anon_vma for a new address space; 0 or -ENOMEM. */
int anon_vma_prepare(struct mm_struct *mm);
/* anon_vma_fork: mm (fork's copy of parent) shares parent's anon_vma instead of its own. */
void anon_vma_fork(struct mm_struct *mm, struct mm_struct *parent);
/* unlink_anon_vma: mm is being freed: it leaves its anon_vma, the last one frees it. */
void unlink_anon_vma(struct mm_struct *mm);

/* linear_page_index: addr's page in vma's linear index (the file offset for a file VMA). */
static inline u32 linear_page_index(const struct vm_area_struct *vma, unsigned long addr)
{
	return (u32)(vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
}

/*
 * page_add_new_anon_rmap: the first mapping of a new anonymous page at
 * addr of vma: it takes vma's family as owner and goes on an LRU list.
 * The caller has given the mapping its page reference.
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long addr);
/* page_add_rmap (mm/internal.h, inline): one more mapping by mm of a page that has its owner. */
/* page_remove_rmap: one mapping by mm fewer, and its page reference dropped. */
void page_remove_rmap(struct mm_struct *mm, struct page *page);

/*
 * page_referenced: how many entries mapping page had their accessed bit
 * set; the bits are cleared, so the next call sees only accesses since.
 * *vm_flags gets the flags of the VMAs that had it (VM_LOCKED, VM_EXEC).
 */
int page_referenced(struct page *page, unsigned long *vm_flags);
/*
 * anon_entry_fn: what an anonymous page's entry in mm becomes when it is
 * unmapped (its swap entry, whose count it raises, and mm's VmSwap); false
 * if it cannot be made (the slot counts all it can), which stops the unmap.
 */
typedef bool (*anon_entry_fn)(struct page *page, struct mm_struct *mm, pte_t *entry);
/*
 * try_to_unmap: clear every entry mapping page, in every process.  A file
 * page's entries become empty (the page cache keeps its data); an
 * anonymous page's what anon_entry makes of them (NULL: it is not
 * unmapped at all, its data would be lost).  False if the page is still
 * mapped somewhere: a VM_LOCKED VMA maps it (the page is mlocked now), or
 * anon_entry refused.
 */
bool try_to_unmap(struct page *page, anon_entry_fn anon_entry);
#else
/* Without an MMU nothing maps a page through page tables, and anonymous pages are never on the LRU. */
static inline int page_referenced(struct page *page, unsigned long *vm_flags)
{
	return 0;
}
typedef bool (*anon_entry_fn)(struct page *page, struct mm_struct *mm, pte_t *entry);
static inline bool try_to_unmap(struct page *page, anon_entry_fn anon_entry)
{
	return true;
}
#endif

#endif
