/*
 * mm/filemap.c: the page cache, and reading and writing files through it.
 *
 * A page joins a file's cache with add_to_page_cache: it is entered in
 * the address_space's radix tree under its index, records the mapping and
 * index in its struct page, and gains a reference that the cache owns.
 * That reference is what keeps a cached page allocated; everyone else
 * (a read in progress, later a page-table mapping) takes its own with
 * find_get_page and drops it with put_page.  delete_from_page_cache undoes
 * all of it, and the page goes back to the buddy allocator when the last
 * reference is gone.
 *
 * Cached pages are counted in NR_FILE_PAGES, which /proc/meminfo shows as
 * "Cached" and /proc/vmstat as nr_file_pages.
 */
#include <signal.h>
#include <sched.h>
#include <err.h>
#include <errno.h>
#include <lru.h>
#include <pagemap.h>
#include <printk.h>
#include <shmem_fs.h>
#include <string.h>
#include <uaccess.h>
#include <vmstat.h>

/* Everyone waiting for a page's lock or writeback (Linux hashes them over 256 queues). */
static DECLARE_WAIT_QUEUE_HEAD(page_wait);

bool trylock_page(struct page *page)
{
	if (PageLocked(page))
		return false;
	SetPageLocked(page);
	return true;
}

void lock_page(struct page *page)
{
	io_wait_event(page_wait, !PageLocked(page));
	SetPageLocked(page);
}

void unlock_page(struct page *page)
{
	if (!PageLocked(page))
		panic("unlock_page: the page is not locked");
	ClearPageLocked(page);
	wake_up_all(&page_wait);
}

void wait_on_page_locked(struct page *page)
{
	io_wait_event(page_wait, !PageLocked(page));
}

void wait_on_page_writeback(struct page *page)
{
	io_wait_event(page_wait, !PageWriteback(page));
}

void end_page_writeback(struct page *page)
{
	if (!PageWriteback(page))
		panic("end_page_writeback: the page is not under writeback");
	ClearPageWriteback(page);
	mod_node_page_state(NR_WRITEBACK, -1);
	wake_up_all(&page_wait);
}

int add_to_page_cache(struct page *page, struct address_space *mapping, pgoff_t index)
{
	int err;

	if (index > MAX_PAGE_INDEX)
		return -EFBIG;
	/* Preloaded: reclaim, which a node's allocation may start, may change this tree. */
	err = radix_tree_insert_preloaded(&mapping->i_pages, index, page, GFP_KERNEL);
	if (err)
		return err;
	get_page(page);
	page->mapping = mapping;
	page->index = (u32)index;
	mapping->nrpages++;
	mod_node_page_state(NR_FILE_PAGES, 1);
	if (mapping->shmem)
		mod_node_page_state(NR_SHMEM, 1);
	lru_cache_add(page);	/* Linux's add_to_page_cache_lru */
	return 0;
}

void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	/* A shmem page is swap-backed only while in its file: off the anonymous list before it changes type. */
	if (mapping->shmem)
		lru_release_page(page);
	radix_tree_delete(&mapping->i_pages, page->index);
	page->mapping = NULL;
	mapping->nrpages--;
	mod_node_page_state(NR_FILE_PAGES, -1);
	if (mapping->shmem)
		mod_node_page_state(NR_SHMEM, -1);
	/* ramfs pages are dirty for life (there is nowhere to write them); a page leaving the cache is not. */
	ClearPageDirty(page);
	put_page(page);
}

struct page *find_get_page(struct address_space *mapping, pgoff_t index)
{
	struct page *page = radix_tree_lookup(&mapping->i_pages, index);

	if (page)
		get_page(page);
	return page;
}

struct page *pagecache_get_page(struct address_space *mapping, pgoff_t index)
{
	struct page *page = find_get_page(mapping, index);

	if (!page && mapping->nrswapped)
		page = shmem_swapin(mapping, index);
	return page;
}

struct page *find_or_create_page(struct address_space *mapping, pgoff_t index, gfp_t gfp)
{
	struct page *page = pagecache_get_page(mapping, index);

	if (IS_ERR(page))
		return NULL;
	if (page)
		return page;
	page = alloc_page(gfp | __GFP_ZERO);
	if (!page)
		return NULL;
	/* Zeroed is up to date: a new page of a file is a hole being filled in. */
	SetPageUptodate(page);
	if (add_to_page_cache(page, mapping, index)) {
		put_page(page);
		return NULL;
	}
	return page;	/* two references: the cache's and the caller's */
}

unsigned int find_get_pages(struct address_space *mapping, pgoff_t start,
			    unsigned int nr, struct page **pages)
{
	unsigned int n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages, start, nr);

	for (unsigned int i = 0; i < n; i++)
		get_page(pages[i]);
	return n;
}

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	return 0;	/* nothing to set up: do_file_fault finds the pages */
}

ssize_t generic_file_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	ssize_t total = 0;

	while (to->count && *pos < inode->i_size) {
		pgoff_t index = (pgoff_t)(*pos >> PAGE_SHIFT);
		size_t offset = (size_t)(*pos & ~PAGE_MASK);
		size_t nr = MIN(PAGE_SIZE - offset, to->count);
		struct page *page;
		size_t copied;

		/* A page at a time: a huge read lets others run and ends for a fatal signal. */
		cond_resched();
		if (fatal_signal_pending(current))
			return total ? total : -EINTR;
		if ((loff_t)nr > inode->i_size - *pos)
			nr = (size_t)(inode->i_size - *pos);
		page = pagecache_get_page(mapping, index);
		if (IS_ERR(page))
			return total ? total : PTR_ERR(page);
		if (page) {
			copied = copy_to_iter((char *)page_address(page) + offset, nr, to);
			mark_page_accessed(page);
			put_page(page);
		} else {
			/*
			 * A hole (never written, or grown by truncate) reads as
			 * zeros without allocating a page, as tmpfs does.
			 */
			copied = iov_iter_zero(nr, to);
		}
		*pos += copied;
		total += copied;
		if (copied < nr)
			return total ? total : -EFAULT;
	}
	return total;
}

ssize_t generic_perform_write(struct file *file, struct iov_iter *from, loff_t pos)
{
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	ssize_t written = 0;
	int status = 0;

	while (from->count) {
		pgoff_t index = (pgoff_t)(pos >> PAGE_SHIFT);
		size_t offset = (size_t)(pos & ~PAGE_MASK);
		size_t bytes = MIN(PAGE_SIZE - offset, from->count);
		struct page *page;
		size_t copied;

		cond_resched();
		if (fatal_signal_pending(current)) {
			status = -EINTR;
			break;
		}
		page = find_or_create_page(mapping, index, GFP_USER);
		if (!page) {
			status = -ENOMEM;
			break;
		}
		copied = copy_from_iter((char *)page_address(page) + offset, bytes, from);
		/* In ramfs the page cache is the only copy: it stays dirty until the file dies. */
		SetPageDirty(page);
		mark_page_accessed(page);
		put_page(page);
		pos += copied;
		written += copied;
		if (pos > inode->i_size)
			inode->i_size = pos;
		if (copied < bytes) {
			status = -EFAULT;
			break;
		}
	}
	return written ? written : status;
}

ssize_t generic_file_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = file->f_mapping->host;
	loff_t limit = inode->i_sb->s_maxbytes;
	size_t beyond = 0;
	ssize_t written;

	if (file->f_flags & O_APPEND)
		*pos = inode->i_size;
	if (!from->count)
		return 0;
	if (*pos >= limit)
		return -EFBIG;
	/* Write what fits below the size limit; the rest is left in the iterator. */
	if ((loff_t)from->count > limit - *pos) {
		beyond = from->count - (size_t)(limit - *pos);
		from->count -= beyond;
	}
	written = generic_perform_write(file, from, *pos);
	from->count += beyond;
	if (written > 0)
		*pos += written;
	return written;
}
