/*
 * mm/pgtable.c: walking and filling page tables for any number of levels.
 *
 * The walk starts at the root (level pgtable_levels - 1) and takes 9 bits
 * of the address per level.  Nothing here knows whether it is Sv39, Sv48
 * or Sv57; the PTE format comes from asm/pgtable.h.
 */
#include <errno.h>
#include <mm.h>
#include <pgtable.h>
#include <sched.h>


bool va_canonical(unsigned long va)
{
	long top = (long)va >> (va_bits() - 1);	/* the top bit, sign-extended */

	return top == 0 || top == -1;
}

pte_t *pgtable_walk(pte_t *root, unsigned long va, unsigned int level, pt_alloc_fn alloc,
		    struct mm_struct *mm)
{
	pte_t *table = root;

	for (unsigned int l = pgtable_levels - 1; l > level; l--) {
		pte_t *entry = &table[pt_index(va, l)];

		if (!pte_present(*entry)) {
			pte_t *next;

			if (!alloc || !(next = alloc(mm)))
				return NULL;
			pt_populate(entry, next);
		} else if (pte_leaf(*entry)) {
			return NULL;	/* a huge page covers va */
		}
		table = pte_table(*entry);
	}
	return &table[pt_index(va, level)];
}

int pgtable_map(pte_t *root, unsigned long va, phys_addr_t pa, unsigned long size,
		pgprot_t prot, unsigned int max_level, pt_alloc_fn alloc)
{
	unsigned long end = va + size;

	if (max_level >= pgtable_levels)
		max_level = pgtable_levels - 1;
	while (va < end) {
		unsigned int level = max_level;
		pte_t *pte;

		/* The largest leaf whose size the addresses and the remaining length allow. */
		while (level > 0 && ((va | pa) & (level_size(level) - 1) ||
				     end - va < level_size(level)))
			level--;
		pte = pgtable_walk(root, va, level, alloc, NULL);
		if (!pte)
			return alloc ? -ENOMEM : -EINVAL;
		if (pte_present(*pte))
			return -EEXIST;
		*pte = pfn_pte(PFN_DOWN(pa), prot);
		va += level_size(level);
		pa += level_size(level);
	}
	return 0;
}

bool pgtable_lookup(pte_t *root, unsigned long va, phys_addr_t *pa, pgprot_t *prot,
		    unsigned int *level)
{
	/* LAB pgtable: BEGIN walk down from the root; a leaf may be at any level, and the offset is below it */
	pte_t *table = root;

	for (int l = (int)pgtable_levels - 1; l >= 0; l--) {
		pte_t pte = table[pt_index(va, (unsigned int)l)];

		if (!pte_present(pte))
			return false;
		if (pte_leaf(pte)) {
			unsigned long offset = va & (level_size((unsigned int)l) - 1);

			if (pa)
				*pa = PFN_PHYS(pte_pfn(pte)) + offset;
			if (prot)
				*prot = pte_prot(pte);
			if (level)
				*level = (unsigned int)l;
			return true;
		}
		table = pte_table(pte);
	}
	return false;
	/* LAB pgtable: STUB
	pte_t *pte = pgtable_walk(root, va, 0, NULL, NULL);

	if (!pte || !pte_present(*pte))
		return false;
	if (pa)
		*pa = PFN_PHYS(pte_pfn(*pte)) + (va & ~PAGE_MASK);
	if (prot)
		*prot = pte_prot(*pte);
	if (level)
		*level = 0;
	return true;
	   LAB pgtable: END */
}

/*
 * walk_level: [start, end) below table, a table at `level` >= 1; the range
 * lies within this one table.  Absent entries cost one test each: the
 * addresses an entry covers, [addr, pt_addr_end(addr)), are worked out
 * only for those present.
 */
static int walk_level(pte_t *table, unsigned int level, unsigned long start, unsigned long end,
		      const struct pt_walk_ops *ops, void *private)
{
	unsigned long size = level_size(level);
	unsigned int first = pt_index(start, level), last = pt_index(end - 1, level);
	unsigned long base = (start & ~(size - 1)) - first * size;	/* what entry 0 maps */

	for (unsigned int i = first; i <= last; i++) {
		pte_t *entry = &table[i];
		unsigned long addr, next;
		int err = 0;

		if (!pte_present(*entry) || pte_leaf(*entry))
			continue;	/* nothing below, or a huge page */
		addr = i == first ? start : base + i * size;
		next = pt_addr_end(addr, end, level);
		if (level == 1) {
			if (ops->pte_range)
				err = ops->pte_range(&pte_table(*entry)[pt_index(addr, 0)], addr, next,
						     private);
			if (!ops->atomic)
				cond_resched();	/* a leaf table at a time: a huge range does not hog the CPU */
		} else {
			err = walk_level(pte_table(*entry), level - 1, addr, next, ops, private);
		}
		if (err)
			return err;
		if (ops->table_done)
			ops->table_done(entry, level - 1, addr, next, private);
	}
	return 0;
}

int walk_pgtable_range(pte_t *root, unsigned long start, unsigned long end,
		       const struct pt_walk_ops *ops, void *private)
{
	return start < end ? walk_level(root, pgtable_levels - 1, start, end, ops, private) : 0;
}

struct free_tables {
	void (*free_table)(pte_t *);
};

/* free_whole_table: pgtable_free's table_done: every table below the root goes. */
static void free_whole_table(pte_t *entry, unsigned int level, unsigned long addr,
			     unsigned long end, void *private)
{
	struct free_tables *f = private;

	f->free_table(pte_table(*entry));
	*entry = (pte_t){ 0 };
}

void pgtable_free(pte_t *root, void (*free_table)(pte_t *))
{
	static const struct pt_walk_ops ops = { .table_done = free_whole_table };
	struct free_tables f = { free_table };

	/* Every address but the very last page, whose tables the walk reaches anyway. */
	walk_level(root, pgtable_levels - 1, 0, ~0UL & PAGE_MASK, &ops, &f);
	free_table(root);
}
