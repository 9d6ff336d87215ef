/*
 * mm/swap.h: what the swap files of mm/ share with each other and with
 * mm/memory.c (as Linux's mm/swap.h), beyond include/swap.h.
 */
#ifndef _MM_SWAP_H
#define _MM_SWAP_H

#include <swap.h>

struct block_device;
struct radix_tree_root;
struct vm_area_struct;

/* get_swap_page: a free slot of the best area, marked SWAP_HAS_CACHE; val 0 when swap is full. */
swp_entry_t get_swap_page(void);
/* put_swap_page: the swap cache lets go of entry's slot; free if no PTE refers to it. */
void put_swap_page(swp_entry_t entry);
/*
 * swapcache_prepare: claim SWAP_HAS_CACHE for entry before a page for it
 * joins the cache: 0, -EEXIST if a page has it already, -ENOENT if the
 * slot is no longer in use.
 */
int swapcache_prepare(swp_entry_t entry);
/* swap_cache_of: the swap cache of entry's area (offset -> page); NULL for a bad entry. */
struct radix_tree_root *swap_cache_of(swp_entry_t entry);
/* swap_entry_bdev: the device entry's area lives on. */
struct block_device *swap_entry_bdev(swp_entry_t entry);

/*
 * swap_writepage_sync: write a locked page (in no swap cache) to entry's
 * slot and wait for it, PG_writeback meanwhile; 0 or the I/O error.
 */
int swap_writepage_sync(struct page *page, swp_entry_t entry);

/*
 * swapin_map_page (mm/memory.c): map page, the swap cache's copy of the
 * entry at *pte, in its place, writable if `write` and the page is this
 * mapping's alone; the entry's reference passes to the page.
 */
void swapin_map_page(struct vm_area_struct *vma, unsigned long addr, pte_t *pte,
		     struct page *page, bool write);

#endif
