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

/* pt_alloc_fn: a zeroed page for a page table, its kernel address; NULL when out of memory. */
typedef pte_t *(*pt_alloc_fn)(void);

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

/* pte_table: the table a non-leaf entry points to (kernel address). */
#define pte_table(pte)	((pte_t *)__va(PFN_PHYS(pte_pfn(pte))))

/* va_canonical: bits above the mode's top bit all equal it, as the hardware requires. */
bool va_canonical(unsigned long va);

/*
 * pgtable_walk: the entry for va at `level` of the table rooted at root,
 * allocating missing intermediate tables with alloc (none allocated when
 * alloc is NULL: then NULL means "not mapped").  A leaf found above `level`
 * (a huge page) ends the walk: NULL is returned.
 */
pte_t *pgtable_walk(pte_t *root, unsigned long va, unsigned int level, pt_alloc_fn alloc);

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
 * pgtable_free: hand every table page of the tree rooted at root to
 * free_table, root last.  The pages leaves map are not touched: they
 * belong to whoever mapped them.
 */
void pgtable_free(pte_t *root, void (*free_table)(pte_t *));
/* pgtable_free_level: the same for the subtree of a table at `level`. */
void pgtable_free_level(pte_t *table, unsigned int level, void (*free_table)(pte_t *));

/*
 * pgtable_for_each_page: call fn(pte, va, arg) for every entry in
 * [start, end) that holds a page (user pages mapped PROT_NONE included),
 * skipping whole subtrees that have no table.
 */
void pgtable_for_each_page(pte_t *root, unsigned long start, unsigned long end,
			   void (*fn)(pte_t *pte, unsigned long va, void *arg), void *arg);

/* pt_alloc_kernel: a zeroed page-table page (memblock at boot, buddy later, counted as PageTables). */
pte_t *pt_alloc_kernel(void);
/* pt_free_kernel: give back a page pt_alloc_kernel took from the buddy allocator. */
void pt_free_kernel(pte_t *table);

/* paging_init: choose the mode, build swapper_pg_dir, switch to it. */
void paging_init(void);
/* ioremap: map device registers at pa into kernel space; NULL when out of space. */
void *ioremap(phys_addr_t pa, unsigned long size);
/* paging_describe: e.g. "Sv48 (4 levels)". */
const char *paging_describe(void);

#endif
