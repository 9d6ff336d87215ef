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
 */
#include <asm/page.h>
#include <errno.h>
#include <fs.h>
#include <pagemap.h>
#include <gfp.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <sched.h>
#include <string.h>
#include <vmstat.h>

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
	for (unsigned int i = 0; i < PTRS_PER_PT / 2; i++)
		if (pte_present(pgd[i]) && !pte_leaf(pgd[i]))
			pgtable_free_level(__va(PFN_PHYS(pte_pfn(pgd[i]))), pgtable_levels - 2,
					   pt_free_user);
	pt_free_user(pgd);
	pt_owner = NULL;
}

/* vm_page_prot: the PTE bits for a user page of a VMA with these flags. */
pgprot_t vm_page_prot(unsigned long vm_flags)
{
	pgprot_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY;

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PROT_NONE | _PAGE_USER;	/* keeps its page, faults on any access */
	if (vm_flags & VM_READ)
		prot |= _PAGE_READ;
	if (vm_flags & VM_WRITE)
		prot |= _PAGE_READ | _PAGE_WRITE;	/* W without R is reserved */
	if (vm_flags & VM_EXEC)
		prot |= _PAGE_EXEC;
	return prot;
}

/* is_cow_mapping: private and writable (now or by mprotect later): pages are shared until written. */
static inline bool is_cow_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/*
 * page_add_rmap: one more page-table mapping of page by mm.  A page with
 * a mapping is a page-cache page (a file's, or shared anonymous memory's),
 * counted in Mapped and RssFile; the others are anonymous (AnonPages,
 * RssAnon).  The caller has given the mapping its own page reference.
 */
/* rss_counter: which of mm's resident-page counters page counts in. */
static inline unsigned long *rss_counter(struct mm_struct *mm, const struct page *page)
{
	if (!page->mapping)
		return &mm->rss_anon;
	return page->mapping->shmem ? &mm->rss_shmem : &mm->rss_file;
}

static inline void page_add_rmap(struct mm_struct *mm, struct page *page)
{
	if (++page->_mapcount == 0)	/* first mapping anywhere */
		mod_node_page_state(page->mapping ? NR_FILE_MAPPED : NR_ANON_MAPPED, 1);
	(*rss_counter(mm, page))++;
}

/* page_remove_rmap: one mapping fewer, and its page reference dropped. */
static inline void page_remove_rmap(struct mm_struct *mm, struct page *page)
{
	if (--page->_mapcount < 0)
		mod_node_page_state(page->mapping ? NR_FILE_MAPPED : NR_ANON_MAPPED, -1);
	(*rss_counter(mm, page))--;
	put_page(page);
}

/* set_user_pte: install a leaf for va (tables allocated as needed).  0 or -ENOMEM. */
static int set_user_pte(struct mm_struct *mm, unsigned long va, pte_t val)
{
	pte_t *pte;

	pt_owner = mm;
	pte = pgtable_walk(mm->pgd, va, 0, pt_alloc_user);
	pt_owner = NULL;
	if (!pte)
		return -ENOMEM;
	*pte = val;
	return 0;
}

static int map_user_page(struct vm_area_struct *vma, unsigned long va, struct page *page)
{
	int err = set_user_pte(vma->vm_mm, va, pfn_pte(page_to_pfn(page), vm_page_prot(vma->vm_flags)));

	if (!err)
		page_add_rmap(vma->vm_mm, page);
	return err;
}

struct page *user_page(struct mm_struct *mm, unsigned long va)
{
	phys_addr_t pa;

	if (!pgtable_lookup(mm->pgd, va, &pa, NULL, NULL))
		return NULL;
	return pfn_to_page(PFN_DOWN(pa));
}

/* populate_range: allocate and map a zeroed page at every address of [start, end) (exec's segments). */
int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		struct page *page;

		if (user_page(vma->vm_mm, va))
			continue;
		page = alloc_page(GFP_USER | __GFP_ZERO);
		if (!page)
			return -ENOMEM;
		if (map_user_page(vma, va, page)) {
			__free_page(page);
			return -ENOMEM;
		}
	}
	return 0;
}

/* zap_level: unmap [start, end) below table at `level`, a leaf table at a time. */
static void zap_level(struct mm_struct *mm, pte_t *table, unsigned int level,
		      unsigned long start, unsigned long end)
{
	unsigned long size = level_size(level);

	if (level == 0) {
		for (unsigned int i = pt_index(start, 0), last = pt_index(end - 1, 0); i <= last; i++) {
			unsigned long pfn;

			if (!pte_has_page(table[i]))
				continue;
			pfn = pte_pfn(table[i]);
			table[i] = (pte_t){ 0 };
			if (pfn != zero_pfn())
				page_remove_rmap(mm, pfn_to_page(pfn));
		}
		return;
	}
	for (unsigned long va = start, next; va < end; va = next) {
		pte_t *pte = &table[pt_index(va, level)];

		next = (va & ~(size - 1)) + size;
		if (next > end || next == 0)
			next = end;
		if (pte_present(*pte) && !pte_leaf(*pte))
			zap_level(mm, pte_table(*pte), level - 1, va, next);
	}
}

void zap_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (start < end)
		zap_level(vma->vm_mm, vma->vm_mm->pgd, pgtable_levels - 1, start, end);
	flush_tlb_mm(vma->vm_mm);
}

struct fork_copy {
	struct vm_area_struct *dst, *src;
	bool cow;		/* private writable: share read-only until written */
};

/*
 * copy_pte: give the child the parent's page at *src.  Private writable
 * pages become shared and read-only in both (copy-on-write); shared and
 * read-only pages are simply shared.  0 or -ENOMEM.
 */
static inline int copy_pte(struct fork_copy *c, pte_t *src, pte_t *dst)
{
	unsigned long pfn = pte_pfn(*src);
	struct page *page;

	if (pfn == zero_pfn()) {
		*dst = *src;
		return 0;
	}
	if (c->cow && sysctl_fork_copy_eagerly && !pfn_to_page(pfn)->mapping) {	/* debug switch */
		struct page *copy = alloc_page(GFP_USER);

		if (!copy)
			return -ENOMEM;
		copy_page(page_address(copy), __va(PFN_PHYS(pfn)));
		*dst = pfn_pte(page_to_pfn(copy), vm_page_prot(c->dst->vm_flags));
		page_add_rmap(c->dst->vm_mm, copy);
		return 0;
	}
	if (c->cow)
		src->pte &= ~_PAGE_WRITE;
	*dst = *src;
	page = pfn_to_page(pfn);
	get_page(page);
	page_add_rmap(c->dst->vm_mm, page);
	return 0;
}

/*
 * copy_level: copy [start, end) from the parent's table src to the
 * child's table dst, both at `level`, making the child's lower tables as
 * it goes: one table page at a time, as Linux's copy_page_range, rather
 * than one walk from the root per page.
 */
static int copy_level(struct fork_copy *c, pte_t *src, pte_t *dst, unsigned int level,
		      unsigned long start, unsigned long end)
{
	unsigned long size = level_size(level);

	for (unsigned long va = start, next; va < end; va = next) {
		unsigned int i = pt_index(va, level);
		int err;

		next = (va & ~(size - 1)) + size;
		if (next > end || next == 0)
			next = end;
		if (level == 0) {
			/* The leaf table: a plain loop over its entries in range. */
			unsigned int last = pt_index(end - 1, 0);

			for (; i <= last; i++)
				if (pte_has_page(src[i]) && copy_pte(c, &src[i], &dst[i]))
					return -ENOMEM;
			return 0;
		}
		if (!pte_present(src[i]))
			continue;
		{
			if (!pte_present(dst[i])) {
				pte_t *table = pt_alloc_user();

				if (!table)
					return -ENOMEM;
				dst[i] = pfn_pte(PFN_DOWN(__pa(table)), _PAGE_PRESENT);
			}
			err = copy_level(c, pte_table(src[i]), pte_table(dst[i]), level - 1, va, next);
		}
		if (err)
			return err;
	}
	return 0;
}

int copy_range(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct fork_copy c = { dst, src, is_cow_mapping(src->vm_flags) };
	int err;

	pt_owner = dst->vm_mm;
	err = copy_level(&c, src->vm_mm->pgd, dst->vm_mm->pgd, pgtable_levels - 1,
			 src->vm_start, src->vm_end);
	pt_owner = NULL;
	if (c.cow)
		flush_tlb_mm(src->vm_mm);	/* the parent's pages just lost their write permission */
	return err;
}

/*
 * do_file_fault: the first touch of a page of a file mapping.  The page
 * comes from the page cache; a shared mapping maps it as it is, so stores
 * reach the file and write() shows in the mapping; a private one maps it
 * read-only until the first write, which copies it (from then on that page
 * no longer follows the file).  A page wholly past the end of the file is
 * SIGBUS (-EIO here).
 */
static int do_file_fault(struct vm_area_struct *vma, unsigned long va, pte_t *pte, bool write)
{
	struct inode *inode = vma->vm_file->f_inode;
	pgoff_t index = vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT);
	struct page *page, *copy;

	if ((loff_t)index << PAGE_SHIFT >= inode->i_size)
		return -EIO;
	page = find_or_create_page(vma->vm_file->f_mapping, index, GFP_USER);
	if (!page)
		return -ENOMEM;
	if (!write || (vma->vm_flags & VM_SHARED)) {
		pgprot_t prot = vm_page_prot(vma->vm_flags);

		if (!(vma->vm_flags & VM_SHARED))
			prot &= ~_PAGE_WRITE;	/* private: copy on the first write */
		*pte = pfn_pte(page_to_pfn(page), prot);
		page_add_rmap(vma->vm_mm, page);	/* keeps find_or_create_page's reference */
		return 0;
	}
	copy = alloc_page(GFP_USER);
	if (!copy) {
		put_page(page);
		return -ENOMEM;
	}
	copy_page(page_address(copy), page_address(page));
	put_page(page);
	*pte = pfn_pte(page_to_pfn(copy), vm_page_prot(vma->vm_flags));
	page_add_rmap(vma->vm_mm, copy);
	return 0;
}

/* do_anonymous_page: the first touch of an anonymous page. */
static int do_anonymous_page(struct vm_area_struct *vma, unsigned long va, bool write)
{
	struct page *page;

	if (!write)	/* reading: the zero page, read-only, until the first write */
		return set_user_pte(vma->vm_mm, va,
				    pfn_pte(zero_pfn(), vm_page_prot(vma->vm_flags) & ~_PAGE_WRITE));
	page = alloc_page(GFP_USER | __GFP_ZERO);
	if (!page)
		return -ENOMEM;
	if (map_user_page(vma, va, page)) {
		__free_page(page);
		return -ENOMEM;
	}
	return 0;
}

/*
 * do_wp_page: a write to a present page mapped read-only in a writable
 * VMA: the page is shared copy-on-write (or is the zero page).
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long va, pte_t *pte)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pfn = pte_pfn(*pte);
	struct page *old = pfn == zero_pfn() ? NULL : pfn_to_page(pfn), *copy;

	/* The last user of an anonymous page may just write to it: nothing to copy. */
	if (old && !old->mapping && page_mapcount(old) == 1 && page_ref_count(old) == 1) {
		pte->pte |= _PAGE_WRITE;
		return 0;
	}
	copy = alloc_page(old ? GFP_USER : GFP_USER | __GFP_ZERO);
	if (!copy)
		return -ENOMEM;
	if (old)
		copy_page(page_address(copy), page_address(old));
	*pte = pfn_pte(page_to_pfn(copy), vm_page_prot(vma->vm_flags));
	page_add_rmap(mm, copy);
	if (old)
		page_remove_rmap(mm, old);
	return 0;
}

/* expand_stack: grow a VM_GROWSDOWN vma down to cover addr, within the limit and the guard gap. */
static int expand_stack(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long start = addr & PAGE_MASK;
	struct vm_area_struct *prev = vma_prev(vma);

	if (vma->vm_end - start > STACK_SIZE_LIMIT)
		return -ENOMEM;
	if (prev && start < prev->vm_end + STACK_GUARD_GAP)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) &&
	    vm_enough_memory((long)((vma->vm_start - start) >> PAGE_SHIFT)))
		return -ENOMEM;		/* the growth is charged, as Linux's acct_stack_growth */
	mm->total_vm += (vma->vm_start - start) >> PAGE_SHIFT;
	vma->vm_start = start;
	return 0;
}

int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	bool write = flags & FAULT_FLAG_WRITE;
	pte_t *pte;
	int err;

	if (!vma)
		return -EFAULT;
	if (addr < vma->vm_start &&
	    (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(mm, vma, addr)))
		return -EFAULT;
	if (write ? !(vma->vm_flags & VM_WRITE) :
	    (flags & FAULT_FLAG_INSTRUCTION) ? !(vma->vm_flags & VM_EXEC) :
	    !(vma->vm_flags & (VM_READ | VM_EXEC)))
		return -EFAULT;		/* the VMA does not allow this access */
	addr &= PAGE_MASK;
	pt_owner = mm;
	pte = pgtable_walk(mm->pgd, addr, 0, pt_alloc_user);
	pt_owner = NULL;
	if (!pte)
		return -ENOMEM;
	if (!pte_has_page(*pte))
		err = vma->vm_file ? do_file_fault(vma, addr, pte, write) :
				     do_anonymous_page(vma, addr, write);
	else if (!pte_present(*pte))
		err = -EFAULT;	/* PROT_NONE: the VMA check above has already refused */
	else if (write && !(pte->pte & _PAGE_WRITE))
		err = do_wp_page(vma, addr, pte);
	else
		err = 0;	/* another path mapped it already: just retry */
	flush_tlb_page(mm, addr);
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
		zap_range(vma, vma->vm_start + (first << PAGE_SHIFT), vma->vm_end);
	}
}
