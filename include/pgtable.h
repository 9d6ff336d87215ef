/*
 * include/pgtable.h: page tables, independent of the paging mode.
 *
 * Sv39, Sv48 and Sv57 differ only in how many levels a walk has (3, 4 or
 * 5): every level holds 512 entries and resolves 9 bits of the address, so
 * one walker serves all three.  Level 0 maps 4 KiB pages; a leaf at level
 * L maps 4 KiB << 9L (2 MiB, 1 GiB, 512 GiB, 256 TiB).
 */
#ifndef _RVMM_PGTABLE_H
#define _RVMM_PGTABLE_H

#include <asm/pgtable.h>
#include <mm.h>

extern unsigned int pgtable_levels;	/* 3, 4 or 5, chosen at boot */
extern unsigned long satp_mode;		/* SATP_MODE_39/48/57 */
extern unsigned long page_offset;	/* start of the direct map of RAM */
extern unsigned long task_size;		/* user addresses are below this */
extern unsigned int asid_bits;		/* 0 when the hart has no ASIDs */
extern pte_t *swapper_pg_dir;		/* the kernel's page table */

struct mm_struct;

/*
 * The vmalloc space, Linux riscv64's VMALLOC_START..VMALLOC_END
 * (Documentation/arch/riscv/vm-layout.rst): the quarter of the kernel half
 * just below the direct map.  Sv39: 64 GiB from 0xffffffc600000000; Sv48:
 * 32 TiB from 0xffff8f8000000000; Sv57: 16 PiB from 0xff20000000000000.
 * It spans 64 root entries in every mode; paging_init gives each its
 * next-level table at boot, so that every process's root, a copy of the
 * kernel's upper half, sees what vmalloc maps later.
 */
#define VMALLOC_SIZE	(1UL << (va_bits() - 3))
#define VMALLOC_END	page_offset
#define VMALLOC_START	(VMALLOC_END - VMALLOC_SIZE)

/*
 * pt_alloc_fn: a zeroed page for a page table of mm (NULL: the kernel's
 * own tables), its kernel address; NULL when out of memory.
 */
typedef pte_t *(*pt_alloc_fn)(struct mm_struct *mm);

static inline unsigned long level_size(unsigned int level)
{
	return 1UL << (12 + PT_LEVEL_BITS * level);
}

/* va_bits: bits of virtual address in the current mode (39, 48, 57). */
static inline unsigned int va_bits(void)
{
	return 12 + PT_LEVEL_BITS * pgtable_levels;
}

/* pt_index: the entry for va in a table at `level`. */
static inline unsigned int pt_index(unsigned long va, unsigned int level)
{
	return (va >> (12 + PT_LEVEL_BITS * level)) & (PTRS_PER_PT - 1);
}

/*
 * pt_addr_end: where the walk of [addr, end) leaves the entry of a table
 * at `level` that covers addr: the next boundary of that entry, or end if
 * sooner (Linux's pgd_addr_end, pud_addr_end and pmd_addr_end in one).
 * The "- 1" comparison keeps a boundary that wraps to 0 correct.
 */
static inline unsigned long pt_addr_end(unsigned long addr, unsigned long end, unsigned int level)
{
	unsigned long boundary = (addr + level_size(level)) & ~(level_size(level) - 1);

	return boundary - 1 < end - 1 ? boundary : end;
}

/* pte_table: the table a non-leaf entry points to (kernel address). */
#define pte_table(pte)	((pte_t *)__va(PFN_PHYS(pte_pfn(pte))))

/* pt_populate: make *entry point to the next-level table `table`. */
static inline void pt_populate(pte_t *entry, pte_t *table)
{
	*entry = pfn_pte(PFN_DOWN(__pa(table)), PAGE_TABLE);
}

/* va_canonical: bits above the mode's top bit all equal it, as the hardware requires. */
bool va_canonical(unsigned long va);

/*
 * pgtable_walk: the entry for va at `level` of the table rooted at root,
 * allocating missing intermediate tables with alloc(mm) (none allocated
 * when alloc is NULL: then NULL means "not mapped").  A leaf found above
 * `level` (a huge page) ends the walk: NULL is returned.
 */
pte_t *pgtable_walk(pte_t *root, unsigned long va, unsigned int level, pt_alloc_fn alloc,
		    struct mm_struct *mm);

/*
 * pgtable_map: map [va, va+size) to pa with prot, using the largest leaves
 * up to max_level that alignment allows.  0, or -ENOMEM when a table page
 * could not be allocated, or -EEXIST when part of the range is mapped.
 */
int pgtable_map(pte_t *root, unsigned long va, phys_addr_t pa, unsigned long size,
		pgprot_t prot, unsigned int max_level, pt_alloc_fn alloc);

/* pgtable_lookup: translate va; false when unmapped.  *level says how big the leaf is. */
bool pgtable_lookup(pte_t *root, unsigned long va, phys_addr_t *pa, pgprot_t *prot,
		    unsigned int *level);

/*
 * The page-table walker, as Linux's walk_page_range: every range
 * operation (zap, fork's copy, mprotect, freeing tables) is one of these
 * callbacks.  Subtrees with no table are skipped, and so are leaves above
 * level 0 (huge pages: only the kernel's direct map has them).
 */
struct pt_walk_ops {
	/*
	 * pte_range: the entries for [addr, end) of one leaf table, pte the
	 * first of them (addr and end lie in the same table).  Non-zero stops
	 * the walk and is its result.
	 */
	int (*pte_range)(pte_t *pte, unsigned long addr, unsigned long end, void *private);
	/*
	 * table_done: after the walk below *entry, a table at `level` that
	 * covers [addr, end) of the range (level 0: a leaf table); may free it.
	 */
	void (*table_done)(pte_t *entry, unsigned int level, unsigned long addr,
			   unsigned long end, void *private);
	/* atomic: never give way between leaf tables (the walk is of another task's mm) */
	bool atomic;
};

/* walk_pgtable_range: walk [start, end) of the tree at root with ops; 0 or the first non-zero pte_range result. */
int walk_pgtable_range(pte_t *root, unsigned long start, unsigned long end,
		       const struct pt_walk_ops *ops, void *private);

/*
 * pgtable_free: hand every table page of the tree rooted at root to
 * free_table, root last.  The pages leaves map are not touched: they
 * belong to whoever mapped them.
 */
void pgtable_free(pte_t *root, void (*free_table)(pte_t *));

/* pt_alloc_kernel: a zeroed page-table page (memblock at boot, buddy later, counted as PageTables). */
pte_t *pt_alloc_kernel(struct mm_struct *mm);
/* pt_free_kernel: give back a page pt_alloc_kernel took from the buddy allocator. */
void pt_free_kernel(pte_t *table);

/* paging_init: choose the mode, build swapper_pg_dir, switch to it. */
void paging_init(void);
/* paging_describe: e.g. "Sv48 (4 levels)". */
const char *paging_describe(void);

#endif
