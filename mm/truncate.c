/*
 * mm/truncate.c: taking pages out of a file's page cache when the file
 * shrinks or dies.
 *
 * Pages wholly inside the truncated range leave the cache (and, with the
 * cache's reference gone, go back to the buddy allocator).  A page only
 * partly inside it stays, with the truncated part zeroed: the bytes past
 * the end of a file must read as zeros if the file grows again, and
 * later, when files can be mapped, must show as zeros in the mapping.
 *
 * invalidate_mapping_pages takes out only what may simply be dropped:
 * clean pages nobody else is using, whose data is still on the disk.
 */
#include <err.h>
#include <pagemap.h>
#include <shmem_fs.h>
#include <string.h>

#define TRUNCATE_BATCH	16	/* pages looked up at a time */

/* zero_page_range: zero bytes [from, to) of the cached page at index, if there is one. */
static void zero_page_range(struct address_space *mapping, pgoff_t index,
			    size_t from, size_t to)
{
	struct page *page = pagecache_get_page(mapping, index);

	if (IS_ERR_OR_NULL(page))
		return;		/* a hole, or a page in swap that could not be read back (no memory) */
	memset((char *)page_address(page) + from, 0, to - from);
	put_page(page);
}

void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend)
{
	/* Whole pages to remove: indices [start, end). */
	pgoff_t start = (pgoff_t)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);
	pgoff_t end = lend == -1 ? ~0UL : (pgoff_t)((lend + 1) >> PAGE_SHIFT);
	size_t partial_start = (size_t)(lstart & ~PAGE_MASK);
	size_t partial_end = lend == -1 ? 0 : (size_t)((lend + 1) & ~PAGE_MASK);
	struct page *batch[TRUNCATE_BATCH];
	pgoff_t index = start;
	unsigned int n;

	while (index < end && (n = find_get_pages(mapping, index, TRUNCATE_BATCH, batch))) {
		for (unsigned int i = 0; i < n; i++) {
			index = batch[i]->index + 1UL;
			/* Our reference keeps the page until we are done with it. */
			if (index <= end)
				delete_from_page_cache(batch[i]);
			put_page(batch[i]);
		}
		if (index > end)
			break;
	}
	if (mapping->nrswapped)
		shmem_truncate_swap(mapping, start, end);

	if (partial_start) {
		pgoff_t first = (pgoff_t)(lstart >> PAGE_SHIFT);

		if (lend != -1 && (pgoff_t)(lend >> PAGE_SHIFT) == first) {
			/* The whole range lies inside one page. */
			zero_page_range(mapping, first, partial_start, partial_start +
					(size_t)(lend - lstart + 1));
			return;
		}
		zero_page_range(mapping, first, partial_start, PAGE_SIZE);
	}
	if (partial_end)
		zero_page_range(mapping, end, 0, partial_end);
}

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	truncate_inode_pages_range(mapping, lstart, -1);
}

void truncate_inode_pages_final(struct address_space *mapping)
{
	truncate_inode_pages(mapping, 0);
}

void truncate_setsize(struct inode *inode, loff_t newsize)
{
	loff_t oldsize = inode->i_size;

	inode->i_size = newsize;
	if (newsize < oldsize) {
		/* Pages wholly past the new end leave every mapping first (Linux's truncate_pagecache). */
		unmap_mapping_range(inode->i_mapping, (pgoff_t)PFN_UP(newsize));
		truncate_inode_pages(inode->i_mapping, newsize);
	} else if (newsize > oldsize && (oldsize & ~PAGE_MASK)) {
		/*
		 * Growing: the old last page's bytes past oldsize become part
		 * of the file.  Writes never put anything there, but a shared
		 * mapping of the page can: clear them so the new part reads
		 * as zeros whatever happened.
		 */
		loff_t page_end = (oldsize | (loff_t)~PAGE_MASK) + 1;

		zero_page_range(inode->i_mapping, (pgoff_t)(oldsize >> PAGE_SHIFT),
				(size_t)(oldsize & ~PAGE_MASK),
				(size_t)((MIN(newsize, page_end) - 1) & ~PAGE_MASK) + 1);
	}
}

unsigned long invalidate_mapping_pages(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	struct page *batch[TRUNCATE_BATCH];
	unsigned long dropped = 0;
	pgoff_t index = start;
	unsigned int n;

	while (index <= end && (n = find_get_pages(mapping, index, TRUNCATE_BATCH, batch))) {
		for (unsigned int i = 0; i < n; i++) {
			struct page *page = batch[i];

			index = page->index + 1UL;
			/* The cache's reference and ours: anyone else (a read, reclaim) keeps it. */
			if (page->index <= end && !PageDirty(page) && !PageWriteback(page) &&
			    !PageLocked(page) && !page_mapped(page) && page_ref_count(page) == 2) {
				delete_from_page_cache(page);
				dropped++;
			}
			put_page(page);
		}
	}
	return dropped;
}
