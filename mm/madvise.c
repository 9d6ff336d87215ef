/*
 * mm/madvise.c: madvise.  MADV_DONTNEED drops the pages of a range: the
 * next touch of anonymous memory finds zeros again, of a file mapping the
 * file's contents.  MADV_FREE lets the kernel drop private anonymous pages
 * whenever it likes until they are written again; rvmm drops them at once,
 * which is one of the outcomes Linux allows.  Neither may drop locked
 * memory (EINVAL).  MADV_DONTFORK and MADV_DOFORK set and clear
 * VM_DONTCOPY (fork leaves the range out of the child), MADV_RANDOM,
 * MADV_SEQUENTIAL and MADV_NORMAL the read-ahead hints VM_RAND_READ and
 * VM_SEQ_READ, splitting VMAs as mprotect does.  MADV_WILLNEED reads the
 * range's swapped-out pages into the swap cache (RAM files are in memory
 * already), so that touching them costs no wait.  MADV_PAGEOUT writes the
 * range's private anonymous pages out to swap (pageout_page, below).  The
 * checks and the treatment of holes follow Linux's do_madvise: the advice
 * goes to every mapped part of the range, and a hole makes the call return
 * ENOMEM afterwards.
 */
#include <errno.h>
#include <mman.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pagemap.h>
#include <pgtable.h>
#include <sched.h>
#include <swap.h>
#include <rmap.h>
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
	case MADV_PAGEOUT:
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

int pageout_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page = vm_normal_page(*ptep);

	/* Linux's madvise_cold_or_pageout_pte_range passes shared pages by: other mappings keep them. */
	if (!page || !PageAnon(page) || page_mapcount(page) != 1 || PageWriteback(page))
		return 0;
	if (!trylock_page(page))
		return 0;
	if (!PageSwapCache(page) && add_to_swap(page)) {
		unlock_page(page);
		return -ENOMEM;
	}
	if (swap_duplicate(page_swap_entry(page))) {
		unlock_page(page);
		return 0;	/* the slot counts all the references it can */
	}
	/* Unmapped: the PTE holds the slot from now on (Linux's try_to_unmap_one). */
	get_page(page);		/* ours, until it is written */
	*ptep = swp_entry_to_pte(page_swap_entry(page));
	mm->swap_ents++;
	flush_tlb_page(mm, addr);
	page_remove_rmap(mm, page);
	if (PageDirty(page)) {
		swap_writepage(page);	/* unlocks it */
		wait_on_page_writeback(page);
	} else {
		unlock_page(page);	/* its slot holds it already: nothing to write */
	}
	/* Written: the page is free to go, unless a fault mapped it again meanwhile, or the write failed. */
	remove_swap_mapping(page);
	put_page(page);
	return 1;
}

/*
 * madvise_pageout: MADV_PAGEOUT over [start, end) of mm.  Each page is
 * found afresh from the root, since writing one sleeps and the address
 * space may change meanwhile; a range with no leaf table is skipped a
 * table at a time.  When swap is full the rest stays, as on Linux (the
 * call still succeeds).
 */
static void madvise_pageout(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr = start, next;

	for (; addr < end; addr = next) {
		struct vm_area_struct *v = find_vma(mm, addr);
		pte_t *pte;

		if (!v || v->vm_start >= end)
			return;
		addr = MAX(addr, v->vm_start);
		next = addr + PAGE_SIZE;
		pte = pgtable_walk(mm->pgd, addr, 0, NULL, NULL);
		if (!pte)
			next = pt_addr_end(addr, end, 1);	/* no leaf table here */
		else if (!(v->vm_flags & VM_LOCKED) && pte_has_page(*pte) &&
			 pageout_page(v, addr, pte) < 0)
			return;		/* swap is full */
		if (fatal_signal_pending(current))
			return;
		cond_resched();
	}
}

/*
 * madvise_willneed: start reading every swapped-out page of [start, end)
 * of mm into the swap cache (Linux's swapin_walk_pmd_entry), a batch at a
 * time, and wait for each batch: a read still in flight when the range is
 * unmapped would leave a page in the cache that nobody frees.  The pages
 * stay cached for the faults to map.
 */
static void madvise_willneed(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct page *batch[32];
	unsigned long addr = start;

	while (addr < end && !fatal_signal_pending(current)) {
		unsigned int n = 0, steps = 0;

		/* A batch, or a leaf table's worth of steps: a huge empty range gives way too. */
		for (; addr < end && n < ARRAY_SIZE(batch) && steps < PTRS_PER_PT;
		     addr += PAGE_SIZE, steps++) {
			pte_t *pte = pgtable_walk(mm->pgd, addr, 0, NULL, NULL);

			if (!pte) {
				addr = pt_addr_end(addr, end, 1) - PAGE_SIZE;	/* no leaf table */
				continue;
			}
			if (is_swap_pte(*pte) && (batch[n] = read_swap_cache_async(pte_to_swp_entry(*pte))))
				n++;
		}
		for (unsigned int i = 0; i < n; i++) {
			wait_on_page_locked(batch[i]);
			free_page_and_swap_cache(batch[i]);
		}
		cond_resched();
	}
}

/* madvise_vma: the advice for [start, end), all inside v.  0 or -errno. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *v, unsigned long start,
		       unsigned long end, int advice)
{
	unsigned long flags = v->vm_flags;

	if (advice == MADV_FREE && (v->vm_file || (v->vm_flags & VM_SHARED)))
		return -EINVAL;		/* only private anonymous memory can be freed lazily */
	switch (advice) {
	case MADV_WILLNEED:
		madvise_willneed(mm, start, end);
		return 0;
	case MADV_PAGEOUT:
		if (v->vm_flags & VM_LOCKED)
			return -EINVAL;	/* Linux's can_madv_lru_vma: locked pages stay */
		madvise_pageout(mm, start, end);
		return 0;
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
