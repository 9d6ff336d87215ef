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


bool va_canonical(unsigned long va)
{
	long top = (long)va >> (va_bits() - 1);	/* the top bit, sign-extended */

	return top == 0 || top == -1;
}

pte_t *pgtable_walk(pte_t *root, unsigned long va, unsigned int level, pt_alloc_fn alloc)
{
	pte_t *table = root;

	for (unsigned int l = pgtable_levels - 1; l > level; l--) {
		pte_t *entry = &table[pt_index(va, l)];

		if (!pte_present(*entry)) {
			pte_t *next;

			if (!alloc || !(next = alloc()))
				return NULL;
			/* A pointer to the next level: V set, R/W/X clear. */
			*entry = pfn_pte(PFN_DOWN(__pa(next)), _PAGE_PRESENT);
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
		pte = pgtable_walk(root, va, level, alloc);
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
}

void pgtable_free_level(pte_t *table, unsigned int level, void (*free_table)(pte_t *))
{
	if (level > 0) {
		for (unsigned int i = 0; i < PTRS_PER_PT; i++)
			if (pte_present(table[i]) && !pte_leaf(table[i]))
				pgtable_free_level(pte_table(table[i]), level - 1, free_table);
	}
	free_table(table);
}

void pgtable_free(pte_t *root, void (*free_table)(pte_t *))
{
	pgtable_free_level(root, pgtable_levels - 1, free_table);
}

/*
 * walk_range: call fn on every entry of [start, end) below table at
 * `level` that holds a page: present leaves, and at level 0 user pages
 * mapped PROT_NONE too.
 */
static void walk_range(pte_t *table, unsigned int level, unsigned long start, unsigned long end,
		       void (*fn)(pte_t *pte, unsigned long va, void *arg), void *arg)
{
	unsigned long size = level_size(level);

	for (unsigned long va = start; va < end; ) {
		unsigned long next = (va & ~(size - 1)) + size;
		pte_t *pte = &table[pt_index(va, level)];

		if (next > end || next == 0)
			next = end;
		if (level == 0 ? pte_has_page(*pte) : pte_present(*pte)) {
			if (level == 0 || pte_leaf(*pte))
				fn(pte, va, arg);
			else
				walk_range(pte_table(*pte), level - 1, va, next, fn, arg);
		}
		va = next;
	}
}

void pgtable_for_each_page(pte_t *root, unsigned long start, unsigned long end,
			   void (*fn)(pte_t *pte, unsigned long va, void *arg), void *arg)
{
	walk_range(root, pgtable_levels - 1, start, end, fn, arg);
}
