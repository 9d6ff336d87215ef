/*
 * include/pagemap.h: the page cache (mm/filemap.c, mm/truncate.c).
 *
 * A file's data lives in whole pages from the buddy allocator, one per
 * PAGE_SIZE of file, found through the file's address_space by index
 * (byte offset >> PAGE_SHIFT).  Every page in a cache has page->mapping
 * set to it, page->index set to its index, one reference held by the
 * cache, PG_uptodate (its contents are the file's) and is counted in
 * NR_FILE_PAGES (meminfo's "Cached").  A hole, an index with no page,
 * reads as zeros.
 */
#ifndef _RVMM_PAGEMAP_H
#define _RVMM_PAGEMAP_H

#include <fs.h>
#include <gfp.h>

/* Largest page index: page->index is 32 bits. */
#define MAX_PAGE_INDEX	0xffffffffUL

/* find_get_page: the page at index with a reference for the caller (put_page it), or NULL. */
struct page *find_get_page(struct address_space *mapping, pgoff_t index);
/*
 * pagecache_get_page: find_get_page, reading a shmem page that went to
 * swap back into the cache: the page (referenced), NULL for a hole, or
 * ERR_PTR(-ENOMEM or -EIO).
 */
struct page *pagecache_get_page(struct address_space *mapping, pgoff_t index);
/* find_or_create_page: pagecache_get_page, a new zeroed page for a hole; referenced, or NULL. */
struct page *find_or_create_page(struct address_space *mapping, pgoff_t index, gfp_t gfp);
/* add_to_page_cache: insert page at index (the cache takes its own reference); 0 or -errno. */
int add_to_page_cache(struct page *page, struct address_space *mapping, pgoff_t index);
/* delete_from_page_cache: take page out of its cache and drop the cache's reference. */
void delete_from_page_cache(struct page *page);
/* find_get_pages: up to nr pages at indices >= start, ascending, each with a reference; returns the count. */
unsigned int find_get_pages(struct address_space *mapping, pgoff_t start,
			    unsigned int nr, struct page **pages);

/*
 * truncate_inode_pages_range: remove the pages wholly inside bytes
 * [lstart, lend] (lend inclusive, -1 for "to the end") and zero the parts
 * of the range inside the partial pages at either edge.
 */
void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend);
/* unmap_mapping_range: unmap every process's pages of mapping from file index `from` on (mm/memory.c). */
void unmap_mapping_range(struct address_space *mapping, pgoff_t from);
/* truncate_inode_pages: truncate_inode_pages_range(mapping, lstart, -1). */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
/* truncate_inode_pages_final: empty the cache of an inode being evicted. */
void truncate_inode_pages_final(struct address_space *mapping);
/*
 * invalidate_mapping_pages: drop the pages at indices [start, end] that
 * are clean, unlocked, unmapped and used by nobody but the cache (Linux's:
 * drop_caches and invalidate_bdev); the number dropped.
 */
unsigned long invalidate_mapping_pages(struct address_space *mapping, pgoff_t start, pgoff_t end);
/* truncate_setsize: set i_size; the cache past it goes, and the last page's tail reads as zeros. */
void truncate_setsize(struct inode *inode, loff_t newsize);

/*
 * Page locks and writeback, as Linux's: PG_locked is held while a page's
 * contents are being settled (a read in flight, a page being written out
 * and taken off a page table); PG_writeback while a write is in flight.
 * Waiters sleep on one queue for all pages (Linux hashes them) and each
 * checks its own page when woken.  I/O completions call unlock_page and
 * end_page_writeback from the interrupt.
 */
/* trylock_page: take PG_locked if it is free; true if taken. */
bool trylock_page(struct page *page);
/* lock_page: take PG_locked, sleeping until its holder lets go. */
void lock_page(struct page *page);
/* unlock_page: let go of PG_locked and wake whoever waits for it. */
void unlock_page(struct page *page);
/* wait_on_page_locked: sleep until nobody holds PG_locked. */
void wait_on_page_locked(struct page *page);
/* wait_on_page_writeback: sleep until the page's write has completed. */
void wait_on_page_writeback(struct page *page);
/* end_page_writeback: the write is done: clear PG_writeback and wake the waiters. */
void end_page_writeback(struct page *page);

struct vm_area_struct;
/* generic_file_mmap: a file whose pages the page cache holds can be mapped: they come on faults. */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
/* generic_file_read_iter: read through the page cache (Linux passes file and pos in a kiocb). */
ssize_t generic_file_read_iter(struct file *file, struct iov_iter *to, loff_t *pos);
/* generic_file_write_iter: O_APPEND, size limits, then generic_perform_write; advances *pos. */
ssize_t generic_file_write_iter(struct file *file, struct iov_iter *from, loff_t *pos);
/* generic_perform_write: copy from into the page cache at pos, growing i_size; bytes or -errno. */
ssize_t generic_perform_write(struct file *file, struct iov_iter *from, loff_t pos);

#endif
