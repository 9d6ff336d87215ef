/*
 * mm/rmap.c: the reverse map (include/rmap.h): which page-table entries
 * map a page, so that reclaim can read and clear their accessed bits and
 * unmap the page from every process before it is freed.
 *
 * The walk is rmap_walk: for a file page, the VMAs on its file's i_mmap;
 * for an anonymous page, every VMA of every mm on its anon_vma's list.  In
 * each VMA the page can only be at the address its index gives, so one
 * page-table lookup per VMA decides whether this VMA maps it.
 */
#include <errno.h>
#include <fs.h>
#include <gfp.h>
#include <lru.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <rmap.h>
#include <slab.h>
#include <swap.h>
#include <vmstat.h>
#include "internal.h"

/* ---- the anon_vma of a family of address spaces ---- */

int anon_vma_prepare(struct mm_struct *mm)
{
	struct anon_vma *av = kmalloc(sizeof(*av), GFP_KERNEL);

	if (!av)
		return -ENOMEM;
	av->refcount = 1;
	INIT_LIST_HEAD(&av->mms);
	list_add(&mm->anon_vma_node, &av->mms);
	mm->anon_vma = av;
	return 0;
}

void unlink_anon_vma(struct mm_struct *mm)
{
	struct anon_vma *av = mm->anon_vma;

	if (!av)
		return;
	list_del(&mm->anon_vma_node);
	mm->anon_vma = NULL;
	if (--av->refcount == 0)
		kfree(av);	/* no page names it: every page of every mm on it is unmapped by now */
}

void anon_vma_fork(struct mm_struct *mm, struct mm_struct *parent)
{
	unlink_anon_vma(mm);
	mm->anon_vma = parent->anon_vma;
	mm->anon_vma->refcount++;
	list_add_tail(&mm->anon_vma_node, &mm->anon_vma->mms);
}

static struct anon_vma *page_anon_vma(const struct page *page)
{
	return (struct anon_vma *)((unsigned long)page->mapping & ~PAGE_MAPPING_ANON);
}

/* ---- adding and removing mappings ---- */

void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long addr)
{
	page->mapping = (struct address_space *)((unsigned long)vma->vm_mm->anon_vma |
						 PAGE_MAPPING_ANON);
	page->index = linear_page_index(vma, addr);
	SetPageUptodate(page);	/* its contents are its own (a fault sees it in the swap cache later) */
	page_add_rmap(vma->vm_mm, page);
	lru_cache_add(page);
}

void page_remove_rmap(struct mm_struct *mm, struct page *page)
{
	__page_remove_rmap(mm, page);
}

/* ---- the walk ---- */

/*
 * rmap_one: called for each entry that maps the page; returns false to
 * stop the walk.  pte is the entry, addr its address in vma.
 */
typedef bool (*rmap_one_fn)(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			    pte_t *pte, void *arg);

/* rmap_vma: look in vma for entries mapping page; false if rmap_one stopped the walk. */
static bool rmap_vma(struct page *page, struct vm_area_struct *vma, rmap_one_fn one, void *arg)
{
	unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	unsigned long delta = (u32)(page->index - (u32)vma->vm_pgoff);

	for (; delta < pages; delta += 1UL << 32) {
		unsigned long addr = vma->vm_start + (delta << PAGE_SHIFT);
		pte_t *pte = pgtable_walk(vma->vm_mm->pgd, addr, 0, NULL, NULL);

		if (!pte || !pte_has_page(*pte) || pte_pfn(*pte) != page_to_pfn(page))
			continue;
		if (!one(page, vma, addr, pte, arg))
			return false;
	}
	return true;
}

/* rmap_walk: rmap_one for every entry that maps page, until it says stop. */
static void rmap_walk(struct page *page, rmap_one_fn one, void *arg)
{
	struct vm_area_struct *vma;

	if (!page_mapped(page))
		return;		/* nothing to find, and an anon_vma may be gone */
	if (PageAnon(page)) {
		struct mm_struct *mm;

		list_for_each_entry(mm, &page_anon_vma(page)->mms, anon_vma_node)
			for_each_vma(mm, vma)
				if (!rmap_vma(page, vma, one, arg))
					return;
		return;
	}
	list_for_each_entry(vma, &page->mapping->i_mmap, shared)
		if (!rmap_vma(page, vma, one, arg))
			return;
}

struct referenced_arg {
	int referenced;
	unsigned long vm_flags;
};

static bool page_referenced_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
				pte_t *pte, void *arg)
{
	struct referenced_arg *ra = arg;

	if (ptep_test_and_clear_young(pte)) {
		ra->referenced++;
		ra->vm_flags |= vma->vm_flags;
	}
	if (vma->vm_flags & VM_LOCKED) {	/* Linux: a locked VMA counts as a reference and ends the walk */
		ra->referenced++;
		ra->vm_flags |= VM_LOCKED;
		return false;
	}
	return true;
}

int page_referenced(struct page *page, unsigned long *vm_flags)
{
	struct referenced_arg ra = { 0, 0 };

	rmap_walk(page, page_referenced_one, &ra);
	*vm_flags = ra.vm_flags;
	return ra.referenced;
}

struct unmap_arg {
	anon_entry_fn anon_entry;
	bool stopped;		/* a VM_LOCKED VMA maps the page, or anon_entry refused */
};

static bool try_to_unmap_one(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, void *arg)
{
	struct unmap_arg *ua = arg;
	struct mm_struct *mm = vma->vm_mm;
	pte_t entry = { 0 };

	if (vma->vm_flags & VM_LOCKED) {
		ua->stopped = true;
		mlock_vma_page(vma, page);	/* it will go to the unevictable list */
		return false;
	}
	if (PageAnon(page) && !ua->anon_entry(page, mm, &entry)) {
		ua->stopped = true;
		return false;
	}
	*pte = entry;
	flush_tlb_page(mm, addr);
	page_remove_rmap(mm, page);
	return true;
}

bool try_to_unmap(struct page *page, anon_entry_fn anon_entry)
{
	struct unmap_arg ua = { anon_entry, false };

	if (PageAnon(page) && !anon_entry)
		return !page_mapped(page);	/* an anonymous page's data would be lost */
	rmap_walk(page, try_to_unmap_one, &ua);
	return !ua.stopped && !page_mapped(page);
}
