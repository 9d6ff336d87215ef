/*
 * mm/swap_state.c: the swap cache, as Linux's mm/swap_state.c.
 *
 * A page whose data is (or is about to be) in a swap slot is found by
 * the slot: each area's radix tree maps offsets to pages.  A page joins
 * the cache when it is given a slot to be written to (add_to_swap) or when
 * it is read in (read_swap_cache_async), is marked PG_swapcache with its
 * entry in swap_entries (page_swap_entry), and the cache holds a reference and the slot's
 * SWAP_HAS_CACHE.  So a page being written out or read in is found by
 * every fault on the same entry, which waits on its lock rather than read
 * it a second time, and a page read in and only read stays in the cache,
 * its slot still good, so that writing it out again costs nothing.
 *
 * rvmm tells a clean cached page by how it is mapped: a PTE that maps a
 * page in the swap cache is never writable (a write fault takes the page
 * out of the cache first, or copies it), so the page and its slot agree
 * until it leaves the cache.  PG_dirty marks a page whose slot is not
 * written yet.
 */
#include <errno.h>
#include <gfp.h>
#include <pagemap.h>
#include <printk.h>
#include <radix_tree.h>
#include <vmstat.h>
#include "swap.h"

/*
 * swap_entries: the entry of every swap-cache page, by pfn (see
 * page_swap_entry in include/swap.h); an entry is never 0 (offset 0 is
 * the swap header), so it is stored as the item itself.
 */
static struct radix_tree_root swap_entries = RADIX_TREE_INIT;

swp_entry_t page_swap_entry(const struct page *page)
{
	return (swp_entry_t){ (unsigned long)radix_tree_lookup(&swap_entries, page_to_pfn(page)) };
}

/* add_to_swap_cache: enter page under entry, whose SWAP_HAS_CACHE the caller holds; 0 or -ENOMEM. */
static int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	struct radix_tree_root *cache = swap_cache_of(entry);
	unsigned int need;
	int err = 0;

	/* Both inserts from preloaded nodes: reclaim, which an allocation may start, changes both trees. */
	while (!err && (need = radix_tree_nodes_needed(cache, swp_offset(entry)) +
			radix_tree_nodes_needed(&swap_entries, page_to_pfn(page))) > radix_tree_preloaded())
		err = radix_tree_preload(GFP_KERNEL, need);
	if (!err)
		err = radix_tree_insert(cache, swp_offset(entry), page);
	if (!err) {
		err = radix_tree_insert(&swap_entries, page_to_pfn(page), (void *)entry.val);
		if (err)
			radix_tree_delete(cache, swp_offset(entry));
	}
	radix_tree_preload_end();
	if (err)
		return err;
	get_page(page);
	SetPageSwapCache(page);
	mod_node_page_state(NR_SWAPCACHE, 1);
	return 0;
}

int add_to_swap(struct page *page)
{
	swp_entry_t entry;

	if (!PageLocked(page) || PageSwapCache(page) || !PageAnon(page))
		panic("add_to_swap: not a locked anonymous page outside the swap cache");
	entry = get_swap_page();
	if (!entry.val)
		return -ENOMEM;
	if (add_to_swap_cache(page, entry)) {
		put_swap_page(entry);
		return -ENOMEM;
	}
	SetPageUptodate(page);	/* what is in memory is the data: a fault may map it while it is written */
	SetPageDirty(page);	/* the slot holds nothing yet */
	return 0;
}

void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = page_swap_entry(page);

	if (!PageSwapCache(page) || PageWriteback(page))
		panic("delete_from_swap_cache: the page is not in the swap cache, or is being written");
	radix_tree_delete(swap_cache_of(entry), swp_offset(entry));
	ClearPageSwapCache(page);
	ClearPageDirty(page);
	radix_tree_delete(&swap_entries, page_to_pfn(page));
	mod_node_page_state(NR_SWAPCACHE, -1);
	put_swap_page(entry);
	put_page(page);
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	struct radix_tree_root *cache = swap_cache_of(entry);
	struct page *page = cache ? radix_tree_lookup(cache, swp_offset(entry)) : NULL;

	if (page)
		get_page(page);
	return page;
}

bool try_to_free_swap(struct page *page)
{
	if (!PageSwapCache(page) || PageWriteback(page) || page_swapcount(page))
		return false;
	delete_from_swap_cache(page);
	return true;
}

void free_page_and_swap_cache(struct page *page)
{
	if (PageSwapCache(page) && !PageLocked(page) && page_mapcount(page) == 0)
		try_to_free_swap(page);
	put_page(page);
}

bool remove_swap_mapping(struct page *page)
{
	if (!PageSwapCache(page) || PageDirty(page) || PageWriteback(page) || PageLocked(page) ||
	    page_mapcount(page) > 0 || page_ref_count(page) != 2)
		return false;
	delete_from_swap_cache(page);
	return true;
}

struct page *read_swap_cache_async(swp_entry_t entry)
{
	struct page *page = lookup_swap_cache(entry), *found;
	int err;

	if (page)
		return page;
	page = alloc_page(GFP_USER);
	if (!page)
		return NULL;
	/* The allocation may have slept: another fault may have brought the entry in meanwhile. */
	found = lookup_swap_cache(entry);
	if (found) {
		put_page(page);
		return found;
	}
	err = swapcache_prepare(entry);
	if (err == -EEXIST)
		panic("read_swap_cache_async: a slot marked cached has no page in the cache");
	if (err) {
		put_page(page);		/* the slot was freed: nothing to read */
		return NULL;
	}
	SetPageLocked(page);	/* a new page: nobody else can hold it */
	if (add_to_swap_cache(page, entry)) {
		ClearPageLocked(page);
		put_swap_page(entry);
		put_page(page);
		return NULL;
	}
	swap_readpage(page);
	return page;
}
