/*
 * mm/shmem.c: shmem pages going to swap and coming back, as Linux's
 * mm/shmem.c does it for tmpfs (include/shmem_fs.h).
 *
 * A shmem file's pages are its only copy, like ramfs's, but they are
 * swap-backed: they are on the anonymous LRU lists, and reclaim, when
 * there is swap, writes a victim to a slot (shmem_writeout) and replaces
 * it in the file by the slot's entry, kept in the mapping's i_swap
 * (index -> entry), which holds one reference to the slot.  The next
 * lookup of that index (pagecache_get_page: a fault, a read, a write,
 * truncation's partial page) reads the page back through the swap cache
 * (shmem_swapin), puts it in the file again and frees the slot.
 * Truncation frees the range's entries (shmem_truncate_swap); swapoff
 * reads back every entry of its area (shmem_unuse), visiting the
 * mappings on shmem_swaplist.
 *
 * Linux writes a shmem page asynchronously through the swap cache.  Here
 * the write is synchronous, the page locked and still in its file
 * meanwhile: a read() finds it as usual, a fault waits for the lock
 * (do_file_fault), and a write() or a new reference keeps it in memory,
 * since the page is dirty or referenced again when the write ends.  So
 * only an index in i_swap ever involves the swap cache, for its read.
 */
#include <lru.h>
#include <pagemap.h>
#include <printk.h>
#include <radix_tree.h>
#include <rmap.h>
#include <sched.h>
#include <shmem_fs.h>
#include <signal.h>
#include "swap.h"

#define LOOKUP_BATCH	16	/* swap entries looked up at a time */

/* Every shmem mapping with pages in swap (Linux's shmem_swaplist). */
static LIST_HEAD(shmem_swaplist);

static void *entry_item(swp_entry_t entry)
{
	return (void *)entry.val;	/* never 0: offset 0 is the swap header */
}

static swp_entry_t swap_entry_at(const struct address_space *mapping, pgoff_t index)
{
	return (swp_entry_t){ (unsigned long)radix_tree_lookup(&mapping->i_swap, index) };
}

/* forget_entry: index's entry leaves i_swap (the caller frees the slot's reference). */
static void forget_entry(struct address_space *mapping, pgoff_t index)
{
	radix_tree_delete(&mapping->i_swap, index);
	if (--mapping->nrswapped == 0)
		list_del_init(&mapping->swaplist);
}

bool shmem_writeout(struct page *page)
{
	struct address_space *mapping = page->mapping;
	pgoff_t index = page->index;
	swp_entry_t entry;

	if (!trylock_page(page))
		return false;
	if (page_mapped(page) && !try_to_unmap(page, NULL))
		goto keep;		/* a VM_LOCKED mapping: it is mlocked now */
	/* The cache's reference and reclaim's: anyone else (a read() copying it) keeps it. */
	if (page_ref_count(page) != 2 || page_mapped(page))
		goto keep;
	entry = get_swap_page();
	if (!entry.val)
		goto keep;
	ClearPageDirty(page);	/* a write() while it is written out sets it again */
	if (swap_writepage_sync(page, entry) ||
	    radix_tree_preload_for(&mapping->i_swap, index, GFP_KERNEL))
		goto free_slot;
	/* It slept: written to, referenced, mapped or truncated since, it stays. */
	if (PageDirty(page) || page_mapped(page) || page_ref_count(page) != 2 ||
	    page->mapping != mapping || radix_tree_insert(&mapping->i_swap, index, entry_item(entry))) {
		radix_tree_preload_end();
		goto free_slot;
	}
	radix_tree_preload_end();
	/* The file's entry holds the slot from now on, not a cache. */
	if (swap_duplicate(entry))
		panic("shmem_writeout: a new slot refused its first reference");
	put_swap_page(entry);
	if (mapping->nrswapped++ == 0)
		list_add_tail(&mapping->swaplist, &shmem_swaplist);
	delete_from_page_cache(page);
	unlock_page(page);
	return true;

free_slot:
	put_swap_page(entry);
keep:
	if (page->mapping == mapping)
		SetPageDirty(page);	/* still the file's only copy */
	unlock_page(page);
	return false;
}

/*
 * shmem_swapin's loop: the page read for entry, locked, with nodes for
 * its insert into the file preloaded, if entry is still index's and the
 * page its data; NULL to look again (it changed while we slept), or
 * ERR_PTR.
 */
static struct page *read_entry(struct address_space *mapping, pgoff_t index, swp_entry_t entry)
{
	struct page *page = read_swap_cache_async(entry);

	if (!page)	/* no memory, unless the entry went meanwhile */
		return swap_entry_at(mapping, index).val == entry.val ? ERR_PTR(-ENOMEM) : NULL;
	lock_page(page);
	if (PageSwapCache(page) && page_swap_entry(page).val == entry.val &&
	    swap_entry_at(mapping, index).val == entry.val) {
		if (!PageUptodate(page)) {
			pr_err("shmem: I/O error reading swap entry %08lx\n", entry.val);
			unlock_page(page);
			free_page_and_swap_cache(page);
			return ERR_PTR(-EIO);
		}
		if (radix_tree_preload_for(&mapping->i_pages, index, GFP_KERNEL)) {
			unlock_page(page);
			free_page_and_swap_cache(page);
			return ERR_PTR(-ENOMEM);
		}
		/* The preload may have slept: the same questions again. */
		if (PageSwapCache(page) && page_swap_entry(page).val == entry.val &&
		    swap_entry_at(mapping, index).val == entry.val)
			return page;
		radix_tree_preload_end();
	}
	unlock_page(page);
	free_page_and_swap_cache(page);
	return NULL;
}

struct page *shmem_swapin(struct address_space *mapping, pgoff_t index)
{
	swp_entry_t entry;
	struct page *page;

	do {
		entry = swap_entry_at(mapping, index);
		if (!entry.val)
			return find_get_page(mapping, index);	/* brought back meanwhile, or a hole */
		page = read_entry(mapping, index, entry);
	} while (!page);
	if (IS_ERR(page))
		return page;
	/* Nothing sleeps from here: the entry becomes the page again. */
	forget_entry(mapping, index);
	delete_from_swap_cache(page);
	swap_free(entry);
	if (add_to_page_cache(page, mapping, index))
		panic("shmem_swapin: the file's index was taken, or its preloaded nodes were not enough");
	SetPageDirty(page);	/* the file's only copy again */
	unlock_page(page);
	return page;
}

void shmem_truncate_swap(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	unsigned long indices[LOOKUP_BATCH];
	void *entries[LOOKUP_BATCH];
	pgoff_t index = start;
	unsigned int n;

	while (index < end &&
	       (n = radix_tree_gang_lookup_index(&mapping->i_swap, entries, indices, index, LOOKUP_BATCH))) {
		for (unsigned int i = 0; i < n && indices[i] < end; i++) {
			forget_entry(mapping, indices[i]);
			free_swap_and_cache((swp_entry_t){ (unsigned long)entries[i] });
		}
		index = indices[n - 1] < end ? indices[n - 1] + 1 : end;
	}
}

/* has_entries_of: does mapping hold an entry of area type? */
static bool has_entries_of(const struct address_space *mapping, unsigned int type)
{
	unsigned long indices[LOOKUP_BATCH], index = 0;
	void *entries[LOOKUP_BATCH];
	unsigned int n;

	while ((n = radix_tree_gang_lookup_index(&mapping->i_swap, entries, indices, index, LOOKUP_BATCH))) {
		for (unsigned int i = 0; i < n; i++)
			if (swp_type((swp_entry_t){ (unsigned long)entries[i] }) == type)
				return true;
		index = indices[n - 1] + 1;
	}
	return false;
}

/* unuse_mapping: read back mapping's entries of area type (the caller holds its inode). */
static int unuse_mapping(struct address_space *mapping, unsigned int type)
{
	unsigned long indices[LOOKUP_BATCH], index = 0;
	void *entries[LOOKUP_BATCH];
	unsigned int n;

	while ((n = radix_tree_gang_lookup_index(&mapping->i_swap, entries, indices, index, LOOKUP_BATCH))) {
		unsigned int i = 0;

		while (i < n && swp_type((swp_entry_t){ (unsigned long)entries[i] }) != type)
			i++;
		index = indices[i < n ? i : n - 1] + 1;
		if (i < n) {
			/* One page, then a fresh look: the tree may change while it is read. */
			struct page *page = shmem_swapin(mapping, indices[i]);

			if (IS_ERR(page))
				return (int)PTR_ERR(page);
			if (page)
				put_page(page);
			if (signal_pending_current())
				return -EINTR;
			cond_resched();
		}
	}
	return 0;
}

/*
 * shmem_unuse: each pass finds a mapping with entries of the area and
 * reads them back, holding its inode so that it outlives the sleeps; the
 * list may change meanwhile, so the next pass starts at its head again.
 */
int shmem_unuse(unsigned int type)
{
	for (;;) {
		struct address_space *mapping, *found = NULL;
		int err;

		list_for_each_entry(mapping, &shmem_swaplist, swaplist)
			if (has_entries_of(mapping, type)) {
				found = mapping;
				break;
			}
		if (!found)
			return 0;
		igrab(found->host);
		err = unuse_mapping(found, type);
		iput(found->host);
		if (err)
			return err;
	}
}
