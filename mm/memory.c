/*
 * mm/memory.c: user pages and the page tables that map them, and the page
 * fault handler that makes them appear.
 *
 * A user address space has its own root table.  Its upper half is a copy
 * of the kernel's root (swapper_pg_dir), so the kernel stays mapped in
 * every process and a system call needs no switch; its lower half belongs
 * to the process, and every table page below it is freed with it.
 *
 * Anonymous memory is demand paged, as on Linux: a VMA starts with no
 * pages at all.  The first read of a page maps the shared zero page,
 * read-only; the first write allocates a zeroed page.  fork shares every
 * private page read-only between parent and child (copy-on-write), and a
 * write fault on such a page copies it, or, when this process is its only
 * user by then, simply makes it writable again.
 *
 * A private anonymous page may also be written out to swap (mm/madvise.c's
 * pageout_page): its PTE then holds the swap entry (include/asm/pgtable.h)
 * until the next touch reads it back (do_swap_page).  fork copies such
 * entries, taking a reference to the slot; unmapping frees them.
 */
#include <asm/page.h>
#include <errno.h>
#include <fs.h>
#include <pagemap.h>
#include <gfp.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <rmap.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <vmstat.h>
#include "internal.h"
#include "swap.h"

/* The zero page: mapped wherever anonymous memory is read before it is written; never freed. */
static char empty_zero_page[PAGE_SIZE] __aligned(PAGE_SIZE);

static inline unsigned long zero_pfn(void)
{
	return PFN_DOWN(__pa_symbol(empty_zero_page));	/* a link-time constant */
}

/*
 * A debug switch (/proc/sys/vm/fork_copy_eagerly, off): fork copies every
 * page at once, as before copy-on-write, so the benchmark can compare.
 */
int sysctl_fork_copy_eagerly;

/* pt_alloc_user: a page-table page for mm, charged to its VmPTE and to PageTables. */
pte_t *pt_alloc_user(struct mm_struct *mm)
{
	pte_t *table = (pte_t *)get_zeroed_page(GFP_KERNEL);

	if (table) {
		mod_node_page_state(NR_PAGETABLE, 1);
		mm->pgtables_bytes += PAGE_SIZE;
	}
	return table;
}

static void pt_free_user(struct mm_struct *mm, pte_t *table)
{
	mod_node_page_state(NR_PAGETABLE, -1);
	mm->pgtables_bytes -= PAGE_SIZE;
	free_page((unsigned long)table);
}

pte_t *pgd_alloc(struct mm_struct *mm)
{
	pte_t *pgd = pt_alloc_user(mm);

	if (pgd)
		memcpy(pgd + PTRS_PER_PT / 2, swapper_pg_dir + PTRS_PER_PT / 2,
		       PTRS_PER_PT / 2 * sizeof(pte_t));
	return pgd;
}

struct free_range {
	struct mm_struct *mm;
	unsigned long floor, ceiling;
};

/* free_table_done: free_pgtables' table_done: a table wholly inside [floor, ceiling) goes. */
static void free_table_done(pte_t *entry, unsigned int level, unsigned long addr,
			    unsigned long end, void *private)
{
	struct free_range *r = private;
	unsigned long span = level_size(level + 1), base = addr & ~(span - 1);

	if (base < r->floor || base + span - 1 > r->ceiling - 1)
		return;		/* the table also maps addresses a VMA still uses */
	pt_free_user(r->mm, pte_table(*entry));
	*entry = (pte_t){ 0 };
}

void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long floor, unsigned long ceiling)
{
	static const struct pt_walk_ops ops = { .table_done = free_table_done };
	struct free_range r = { mm, floor, ceiling };

	walk_pgtable_range(mm->pgd, start, end, &ops, &r);
}

void pgd_free(struct mm_struct *mm)
{
	free_pgtables(mm, 0, task_size, 0, task_size);	/* the upper half is the kernel's */
	pt_free_user(mm, mm->pgd);
}

/* is_cow_mapping: private and writable (now or by mprotect later): pages are shared until written. */
static inline bool is_cow_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

struct page *vm_normal_page(pte_t pte)
{
	if (!pte_has_page(pte) || pte_pfn(pte) == zero_pfn())
		return NULL;
	return pfn_to_page(pte_pfn(pte));
}

struct page *follow_page(struct mm_struct *mm, unsigned long va)
{
	phys_addr_t pa;

	if (!pgtable_lookup(mm->pgd, va, &pa, NULL, NULL))
		return NULL;
	return pfn_to_page(PFN_DOWN(pa));
}

/* zap_pte_range: unmap the pages of one leaf table's part of the range. */
static int zap_pte_range(pte_t *pte, unsigned long addr, unsigned long end, void *private)
{
	struct vm_area_struct *vma = private;

	for (; addr < end; addr += PAGE_SIZE, pte++) {
		pte_t ptent = *pte;
		struct page *page;

		if (pte_none(ptent))
			continue;
		*pte = (pte_t){ 0 };
		if (unlikely(!pte_has_page(ptent))) {	/* a swap entry */
			free_swap_and_cache(pte_to_swp_entry(ptent));
			vma->vm_mm->swap_ents--;
			continue;
		}
		page = vm_normal_page(ptent);
		if (page) {
			munlock_vma_page(vma, page);
			__page_remove_rmap(vma->vm_mm, page);
		}
	}
	return 0;
}

void unmap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	static const struct pt_walk_ops ops = { .pte_range = zap_pte_range, .atomic = true };

	walk_pgtable_range(vma->vm_mm->pgd, start, end, &ops, vma);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size)
{
	static const struct pt_walk_ops ops = { .pte_range = zap_pte_range };

	walk_pgtable_range(vma->vm_mm->pgd, start, start + size, &ops, vma);
	flush_tlb_mm(vma->vm_mm);
}

struct fork_copy {
	struct vm_area_struct *dst, *src;
	bool cow;		/* private writable: share read-only until written */
};

/*
 * copy_one_pte: give the child the parent's page at *src.  Private
 * writable pages become shared and read-only in both (copy-on-write);
 * shared and read-only pages are simply shared.  0 or -ENOMEM.
 */
static inline int copy_one_pte(struct fork_copy *c, pte_t *src, pte_t *dst, unsigned long addr)
{
	unsigned long pfn = pte_pfn(*src);
	struct page *page;

	if (pfn == zero_pfn()) {
		*dst = *src;
		return 0;
	}
	/* LAB cow: BEGIN copy a private anonymous page only when vm.fork_copy_eagerly asks; share it otherwise */
	if (c->cow && sysctl_fork_copy_eagerly && PageAnon(pfn_to_page(pfn))) {	/* debug switch */
	/* LAB cow: STUB
	if (c->cow && PageAnon(pfn_to_page(pfn))) {
	   LAB cow: END */
		struct page *copy = alloc_page(GFP_USER);

		if (!copy)
			return -ENOMEM;
		copy_page(page_address(copy), __va(PFN_PHYS(pfn)));
		*dst = pfn_pte(page_to_pfn(copy), vm_get_page_prot(c->dst->vm_flags));
		page_add_new_anon_rmap(copy, c->dst, addr);
		return 0;
	}
	/* LAB cow: BEGIN a shared private page is read-only in parent and child: the first write faults and copies */
	if (c->cow)
		*src = pte_wrprotect(*src);
	/* LAB cow: END */
	*dst = *src;
	page = pfn_to_page(pfn);
	get_page(page);
	page_add_rmap(c->dst->vm_mm, page);
	return 0;
}

/*
 * copy_pte_range: copy one leaf table's part of the parent's range into
 * the child, whose leaf table is found (or made) once per table, as
 * Linux's copy_page_range does, rather than once per page.
 */
static int copy_pte_range(pte_t *src, unsigned long addr, unsigned long end, void *private)
{
	struct fork_copy *c = private;
	struct mm_struct *dst_mm = c->dst->vm_mm;
	pte_t *dst = pgtable_walk(dst_mm->pgd, addr, 0, pt_alloc_user, dst_mm);

	if (!dst)
		return -ENOMEM;
	if (fatal_signal_pending(current))
		return -EINTR;		/* the parent is dying: the fork is pointless */
	for (; addr < end; addr += PAGE_SIZE, src++, dst++) {
		if (pte_none(*src))
			continue;
		if (likely(pte_has_page(*src))) {
			if (copy_one_pte(c, src, dst, addr))
				return -ENOMEM;
			continue;
		}
		/* A swap entry: the child refers to the same slot (Linux's copy_nonpresent_pte). */
		if (swap_duplicate(pte_to_swp_entry(*src)))
			return -ENOMEM;		/* SWAP_MAP_MAX references already */
		*dst = *src;
		dst_mm->swap_ents++;
	}
	return 0;
}

int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	static const struct pt_walk_ops ops = { .pte_range = copy_pte_range };
	struct fork_copy c = { dst, src, is_cow_mapping(src->vm_flags) };
	int err = walk_pgtable_range(src->vm_mm->pgd, src->vm_start, src->vm_end, &ops, &c);

	if (c.cow)
		flush_tlb_mm(src->vm_mm);	/* the parent's pages just lost their write permission */
	return err;
}

/*
 * wp_page_copy: map at *pte a new private page holding a copy of src (a
 * zeroed page when src is NULL), writable as the VMA allows.  The page it
 * replaces, if any, is the caller's to release.
 */
static vm_fault_t wp_page_copy(struct vm_area_struct *vma, unsigned long addr, pte_t *pte,
			       struct page *src)
{
	struct page *copy = alloc_page(src ? GFP_USER : GFP_USER | __GFP_ZERO);

	if (!copy)
		return VM_FAULT_OOM;
	if (src)
		copy_page(page_address(copy), page_address(src));
	*pte = pfn_pte(page_to_pfn(copy), vm_get_page_prot(vma->vm_flags));
	page_add_new_anon_rmap(copy, vma, addr);
	mlock_vma_page(vma, copy);
	return 0;
}

/*
 * do_file_fault: the first touch of a page of a file mapping.  The page
 * comes from the page cache; a shared mapping maps it as it is, so stores
 * reach the file and write() shows in the mapping; a private one maps it
 * read-only until the first write, which copies it (from then on that page
 * no longer follows the file).  A page wholly past the end of the file is
 * SIGBUS.
 */
static vm_fault_t do_file_fault(struct vm_area_struct *vma, unsigned long va, pte_t *pte, bool write)
{
	struct inode *inode = vma->vm_file->f_inode;
	pgoff_t index = vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT);
	struct page *page;
	vm_fault_t ret;

	if ((loff_t)index << PAGE_SHIFT >= inode->i_size)
		return VM_FAULT_SIGBUS;
	page = find_or_create_page(vma->vm_file->f_mapping, index, GFP_USER);
	if (!page)
		return VM_FAULT_OOM;
	if (PageLocked(page)) {
		/* A shmem page being written to swap (mm/shmem.c): the access retries once it is settled. */
		wait_on_page_locked(page);
		put_page(page);
		return 0;
	}
	/* LAB mmap: BEGIN a shared mapping maps the page-cache page itself, writable as the VMA allows */
	if (!write || (vma->vm_flags & VM_SHARED)) {
		pgprot_t prot = vm_get_page_prot(vma->vm_flags);

		if (!(vma->vm_flags & VM_SHARED))
			prot = pgprot_wrprotect(prot);	/* private: copy on the first write */
	/* LAB mmap: STUB
	if (!write) {
		pgprot_t prot = pgprot_wrprotect(vm_get_page_prot(vma->vm_flags));

	   LAB mmap: END */
		*pte = pfn_pte(page_to_pfn(page), prot);
		page_add_rmap(vma->vm_mm, page);	/* keeps find_or_create_page's reference */
		mlock_vma_page(vma, page);
		return 0;
	}
	ret = wp_page_copy(vma, va, pte, page);
	put_page(page);
	return ret;
}

/* do_anonymous_page: the first touch of an anonymous page. */
static vm_fault_t do_anonymous_page(struct vm_area_struct *vma, unsigned long addr, pte_t *pte,
				    bool write)
{
	/* LAB lazy: BEGIN a read maps the shared zero page, read-only: only a write needs a page of its own */
	if (!write) {	/* reading: the zero page, read-only, until the first write */
		*pte = pfn_pte(zero_pfn(), pgprot_wrprotect(vm_get_page_prot(vma->vm_flags)));
		return 0;
	}
	/* LAB lazy: END */
	return wp_page_copy(vma, addr, pte, NULL);
}

/*
 * do_wp_page: a write to a present page mapped read-only in a writable
 * VMA: the page is shared copy-on-write (or is the zero page).
 */
static vm_fault_t do_wp_page(struct vm_area_struct *vma, unsigned long addr, pte_t *pte)
{
	unsigned long pfn = pte_pfn(*pte);
	struct page *old = pfn == zero_pfn() ? NULL : pfn_to_page(pfn);
	vm_fault_t ret;

	/*
	 * A swap-cache page is about to differ from its slot: the slot goes,
	 * unless another PTE still refers to it (then the page is shared, and
	 * copied below).
	 */
	if (old && PageSwapCache(old) && page_mapcount(old) == 1 && !PageLocked(old))
		try_to_free_swap(old);
	/* LAB cow: BEGIN the last user of an anonymous page may just write to it: nothing to copy */
	if (old && PageAnon(old) && page_mapcount(old) == 1 && page_ref_count(old) == 1) {
		*pte = pte_mkwrite(*pte);
		return 0;
	}
	/* LAB cow: END */
	ret = wp_page_copy(vma, addr, pte, old);
	if (!ret && old) {
		munlock_vma_page(vma, old);	/* the copy holds this VMA's lock now */
		__page_remove_rmap(vma->vm_mm, old);
	}
	return ret;
}

void swapin_map_page(struct vm_area_struct *vma, unsigned long addr, pte_t *pte,
		     struct page *page, bool write)
{
	swp_entry_t entry = pte_to_swp_entry(*pte);
	pgprot_t prot = vm_get_page_prot(vma->vm_flags);

	get_page(page);
	if (PageAnon(page))
		page_add_rmap(vma->vm_mm, page);	/* another mapping has it already */
	else
		page_add_new_anon_rmap(page, vma, addr);	/* just read in: its owner and index, the LRU */
	vma->vm_mm->swap_ents--;
	swap_free(entry);
	/*
	 * Linux's should_try_to_free_swap: the slot is let go at once when
	 * swap is more than half full, the page is locked in memory, or it is
	 * being written to.  Otherwise the page stays in the cache, and, its
	 * slot still good, costs no write if it goes out again unchanged.
	 */
	if (vm_swap_full() || (vma->vm_flags & VM_LOCKED) || write)
		try_to_free_swap(page);
	/*
	 * Writable only for a write by its only user, out of the cache: the
	 * caller's reference and this mapping's are all there are.
	 */
	if (!write || PageSwapCache(page) || page_mapcount(page) != 1 || page_ref_count(page) != 2)
		prot = pgprot_wrprotect(prot);
	*pte = pfn_pte(page_to_pfn(page), prot);
	mlock_vma_page(vma, page);
}

/*
 * do_swap_page: a touch of a page written out to swap, as Linux's: the
 * swap cache's page if it is there (being written out, or read in for
 * another fault), else a new one read in, major fault.  Waiting for the
 * read sleeps, and anything may happen meanwhile (another thread maps it,
 * or unmaps the range): once the page is locked, the PTE must still hold
 * the same entry and the page must still be its swap cache's, or the
 * fault simply returns to be retried.  A page that could not be read is
 * SIGBUS.
 */
static vm_fault_t do_swap_page(struct vm_area_struct *vma, unsigned long addr, pte_t *pte,
			       bool write)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t orig = *pte;
	swp_entry_t entry = pte_to_swp_entry(orig);
	vm_fault_t ret = 0;
	struct page *page = lookup_swap_cache(entry);

	if (!page) {
		page = read_swap_cache_async(entry);
		if (!page) {	/* no memory, unless the entry went while it was looked for */
			pte = pgtable_walk(mm->pgd, addr, 0, NULL, NULL);
			return pte && pte->pte == orig.pte ? VM_FAULT_OOM : 0;
		}
		ret = VM_FAULT_MAJOR;
		count_vm_event(PGMAJFAULT);
	}
	lock_page(page);
	pte = pgtable_walk(mm->pgd, addr, 0, NULL, NULL);
	vma = find_vma(mm, addr);
	if (!pte || pte->pte != orig.pte || !vma || vma->vm_start > addr || !PageSwapCache(page) ||
	    page_swap_entry(page).val != entry.val)
		goto out;	/* changed while it slept: the access retries */
	if (!PageUptodate(page)) {
		ret = VM_FAULT_SIGBUS;
		goto out;
	}
	swapin_map_page(vma, addr, pte, page, write);
out:
	unlock_page(page);
	free_page_and_swap_cache(page);
	return ret;
}

/* handle_pte_fault: the fault at addr, whose leaf entry is *pte (Linux's name). */
static vm_fault_t handle_pte_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *pte,
				   bool write)
{
	count_vm_event(PGFAULT);
	if (!pte_has_page(*pte)) {
		if (unlikely(!pte_none(*pte)))
			return do_swap_page(vma, addr, pte, write);
		return vma->vm_file ? do_file_fault(vma, addr, pte, write) :
				      do_anonymous_page(vma, addr, pte, write);
	}
	if (!pte_present(*pte))
		return VM_FAULT_SIGSEGV;	/* PROT_NONE: the caller's access check has refused already */
	if (write && !pte_write(*pte))
		return do_wp_page(vma, addr, pte);
	/*
	 * Mapped and allowed: another path mapped it already, or hardware
	 * that does not set A and D itself faulted for them (Svade): set
	 * them, as Linux's handle_pte_fault does, and retry.
	 */
	*pte = pte_mkyoung(*pte);
	if (write)
		*pte = pte_mkdirty(*pte);
	return 0;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte;
	vm_fault_t ret;

	addr &= PAGE_MASK;
	pte = pgtable_walk(mm->pgd, addr, 0, pt_alloc_user, mm);
	if (!pte)
		return VM_FAULT_OOM;
	ret = handle_pte_fault(vma, addr, pte, flags & FAULT_FLAG_WRITE);
	flush_tlb_page(mm, addr);
	return ret;
}

struct page *get_user_page_remote(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct page *page = follow_page(mm, addr);

	if (page && page_to_pfn(page) != zero_pfn() && PageAnon(page) && !PageSwapCache(page))
		return page;	/* a private page of its own is there already */
	if (!vma || vma->vm_start > addr || (handle_mm_fault(vma, addr, FAULT_FLAG_WRITE) & VM_FAULT_ERROR))
		return NULL;
	return follow_page(mm, addr);
}

/*
 * populate_vma_page_range: a leaf table at a time, so that a huge range
 * costs one walk per 512 pages and one TLB flush in all, and other tasks
 * run (and a fatal signal ends it) between tables.
 */
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	bool write = vma->vm_flags & VM_WRITE;
	int err = 0;

	for (unsigned long addr = start, next; addr < end && !err; addr = next) {
		pte_t *pte = pgtable_walk(mm->pgd, addr, 0, pt_alloc_user, mm);

		next = pt_addr_end(addr, end, 1);
		if (!pte) {
			err = -ENOMEM;
			break;
		}
		for (; addr < next; addr += PAGE_SIZE, pte++) {
			bool swapped = is_swap_pte(*pte);

			if (handle_pte_fault(vma, addr, pte, write) & VM_FAULT_ERROR) {
				err = -ENOMEM;
				break;
			}
			/* A swap-in may have slept: the tables may have changed under pte. */
			if (swapped && !(pte = pgtable_walk(mm->pgd, addr, 0, pt_alloc_user, mm))) {
				err = -ENOMEM;
				break;
			}
		}
		cond_resched();
		if (fatal_signal_pending(current))
			err = -EINTR;
	}
	flush_tlb_mm(mm);
	return err;
}

/*
 * unmap_mapping_range: unmap, from every process, the pages of mapping at
 * file index `from` and beyond (a truncate is shrinking the file): touching
 * them again finds nothing past the end and gets SIGBUS, as on Linux.
 * Private copies of those pages go too.
 */
void unmap_mapping_range(struct address_space *mapping, pgoff_t from)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT, first;

		if (vma->vm_pgoff + pages <= from)
			continue;	/* the VMA maps only what stays */
		first = from > vma->vm_pgoff ? from - vma->vm_pgoff : 0;
		zap_page_range(vma, vma->vm_start + (first << PAGE_SHIFT),
			       vma->vm_end - vma->vm_start - (first << PAGE_SHIFT));
	}
}
