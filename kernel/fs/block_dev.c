/*
 * kernel/fs/block_dev.c: the block layer between the users of a disk
 * (swap) and its driver (virtio_blk): the disks by device number, the
 * /dev nodes, the checks every bio passes, completion, waiting, and the
 * counters of /proc/diskstats, and the page cache that read(2) and
 * write(2) of a disk's node go through.  Linux spreads this over block/
 * and the fs/block_dev.c it once had; bios here carry one page and are
 * never merged or reordered: the driver gets each one as it comes.
 */
#include <blkdev.h>
#include <err.h>
#include <errno.h>
#include <lru.h>
#include <mm.h>
#include <namei.h>
#include <pagemap.h>
#include <printk.h>
#include <sched.h>
#include <seq_buf.h>
#include <signal.h>
#include <slab.h>
#include <stdio.h>
#include <string.h>
#include <uaccess.h>
#include <wait.h>

#define MAX_DISKS	8	/* one per virtio-mmio slot */

struct block_device {
	struct gendisk *bd_disk;
	dev_t bd_dev;
	/* the disk's page cache, Linux's bd_mapping (bd_inode's i_data): no host inode here */
	struct address_space bd_mapping;
	/* /proc/diskstats: per op, bios and sectors completed; bios in flight */
	unsigned long ios[2], sectors[2];
	unsigned int in_flight;
};

static struct block_device disks[MAX_DISKS];
static unsigned int nr_disks;

int add_disk(struct gendisk *disk)
{
	char path[8 + DISK_NAME_LEN];
	struct block_device *bdev;
	long err;

	if (nr_disks == MAX_DISKS)
		return -ENOSPC;
	bdev = &disks[nr_disks];
	*bdev = (struct block_device){ .bd_disk = disk,
				       .bd_dev = MKDEV(disk->major, disk->first_minor) };
	INIT_RADIX_TREE(&bdev->bd_mapping.i_pages);
	INIT_LIST_HEAD(&bdev->bd_mapping.i_mmap);
	snprintf(path, sizeof(path), "/dev/%s", disk->disk_name);
	err = do_mknodat(AT_FDCWD, getname_kernel(path), S_IFBLK | 0660, bdev->bd_dev);
	if (err)
		return (int)err;
	nr_disks++;
	return 0;
}

struct block_device *blkdev_get_by_dev(dev_t dev)
{
	for (unsigned int i = 0; i < nr_disks; i++)
		if (disks[i].bd_dev == dev)
			return &disks[i];
	return NULL;
}

sector_t bdev_nr_sectors(struct block_device *bdev)
{
	return bdev->bd_disk->capacity;
}

const char *bdev_name(struct block_device *bdev)
{
	return bdev->bd_disk->disk_name;
}

dev_t bdev_dev(struct block_device *bdev)
{
	return bdev->bd_dev;
}

struct gendisk *bdev_disk(struct block_device *bdev)
{
	return bdev->bd_disk;
}

struct address_space *bdev_mapping(struct block_device *bdev)
{
	return &bdev->bd_mapping;
}

void iterate_bdevs(void (*func)(struct block_device *bdev, void *arg), void *arg)
{
	for (unsigned int i = 0; i < nr_disks; i++)
		func(&disks[i], arg);
}

unsigned long nr_blockdev_pages(void)
{
	unsigned long pages = 0;

	for (unsigned int i = 0; i < nr_disks; i++)
		pages += disks[i].bd_mapping.nrpages;
	return pages;
}

void invalidate_bdev(struct block_device *bdev)
{
	invalidate_mapping_pages(&bdev->bd_mapping, 0, MAX_PAGE_INDEX);
}

void bio_endio(struct bio *bio)
{
	struct block_device *bdev = bio->bdev;

	if (!bio->status) {
		bdev->ios[bio->op]++;
		bdev->sectors[bio->op] += bio->len >> SECTOR_SHIFT;
	}
	bdev->in_flight--;
	bio->end_io(bio);
}

/* bio_check: the block layer's checks before a driver sees bio (Linux's submit_bio_noacct); 0 or -EIO. */
static int bio_check(struct bio *bio)
{
	struct block_device *bdev = bio->bdev;
	sector_t nr = bio->len >> SECTOR_SHIFT, max = bdev_nr_sectors(bdev);

	if (!bio->len || bio->len & (SECTOR_SIZE - 1) || bio->offset > PAGE_SIZE ||
	    bio->len > PAGE_SIZE - bio->offset || (bio->op != REQ_OP_READ && bio->op != REQ_OP_WRITE)) {
		pr_warn("%s: bad bio: op %d, offset %u, len %u\n", bdev_name(bdev), (int)bio->op,
			bio->offset, bio->len);
		return -EIO;
	}
	if (bio->sector >= max || nr > max - bio->sector) {
		pr_info("%s: attempt to access beyond end of device\n"
			"%s: rw=%d, sector=%lu, nr_sectors = %lu limit=%lu\n",
			current->comm, bdev_name(bdev), (int)bio->op, bio->sector, nr, max);
		return -EIO;
	}
	if (bio->op == REQ_OP_WRITE && bdev->bd_disk->read_only) {
		pr_warn("Trying to write to read-only block-device %s\n", bdev_name(bdev));
		return -EIO;
	}
	return 0;
}

void submit_bio(struct bio *bio)
{
	if (!bio->bdev || !bio->page || !bio->end_io)
		panic("submit_bio: a bio without a disk, a page or an end_io");
	bio->bdev->in_flight++;
	bio->status = bio_check(bio);
	if (bio->status) {
		bio_endio(bio);
		return;
	}
	bio->bdev->bd_disk->fops->submit_bio(bio);
}

struct bio_wait {
	struct wait_queue_head wait;
	bool done;
};

static void submit_bio_wait_endio(struct bio *bio)
{
	struct bio_wait *w = bio->private;

	w->done = true;
	wake_up(&w->wait);
}

int submit_bio_wait(struct bio *bio)
{
	struct bio_wait w = { .done = false };

	init_waitqueue_head(&w.wait);
	/* on the stack, as Linux's: end_io has run before this returns */
	// cppcheck-suppress autoVariables
	bio->private = &w;
	bio->end_io = submit_bio_wait_endio;
	submit_bio(bio);
	io_wait_event(w.wait, w.done);
	bio->private = NULL;
	return bio->status;
}

/*
 * ---- /dev/vda as a file, through the disk's page cache ----
 *
 * read(2) and write(2) of a disk's node go through its page cache, as
 * Linux's: page index i holds bytes [i * PAGE_SIZE, (i + 1) * PAGE_SIZE)
 * of the disk (the last page's tail past the disk is zeros).  A page is
 * read in once and then served from memory; it is clean, up to date and
 * on the inactive file list, so reclaim and drop_caches simply drop it
 * (meminfo's Buffers counts these pages).  Writes go through: the cached
 * page is updated and written with a bio before write(2) returns, so no
 * page is ever dirty.  A cached page is unlocked only when up to date.
 * The cache lives as long as the disk, which is never removed.
 */

static loff_t bdev_size(const struct file *file)
{
	return (loff_t)bdev_nr_sectors(file->private_data) << SECTOR_SHIFT;
}

static int blkdev_open(struct inode *inode, struct file *file)
{
	struct block_device *bdev = blkdev_get_by_dev(inode->i_rdev);

	if (!bdev)
		return -ENXIO;
	file->private_data = bdev;
	return 0;
}

static loff_t blkdev_llseek(struct file *file, loff_t offset, int whence)
{
	return fixed_size_llseek(file, offset, whence, bdev_size(file));
}

/* bdev_page_io: read or write the len bytes of the disk that page holds, waiting for it; 0 or -EIO. */
static int bdev_page_io(struct block_device *bdev, struct page *page, unsigned int len, enum req_op op)
{
	struct bio bio = { .bdev = bdev, .sector = (sector_t)page->index << (PAGE_SHIFT - SECTOR_SHIFT),
			   .page = page, .len = len, .op = op };

	return submit_bio_wait(&bio);
}

/*
 * bdev_lock_page: the cached page at index (holding len bytes of the
 * disk), locked and with a reference for the caller.  One not cached yet
 * is added, and read in when fill is set; without fill (the caller
 * overwrites all len bytes) it is not up to date, and the caller makes
 * it so or deletes it before unlocking it.  An ERR_PTR if there is no
 * memory or the read failed.
 */
static struct page *bdev_lock_page(struct block_device *bdev, pgoff_t index, unsigned int len, bool fill)
{
	struct address_space *mapping = &bdev->bd_mapping;
	struct page *page;
	int err;

	for (;;) {
		page = find_get_page(mapping, index);
		if (page) {
			lock_page(page);
			if (page->mapping == mapping)
				return page;	/* unlocked in the cache: up to date */
			unlock_page(page);	/* it left the cache (its read or a write failed): again */
			put_page(page);
			continue;
		}
		page = alloc_page(GFP_USER);
		if (!page)
			return ERR_PTR(-ENOMEM);
		if (len < PAGE_SIZE)
			memset((char *)page_address(page) + len, 0, PAGE_SIZE - len);
		SetPageLocked(page);
		err = add_to_page_cache(page, mapping, index);
		if (!err)
			break;
		unlock_page(page);
		put_page(page);
		if (err != -EEXIST)
			return ERR_PTR(err);	/* -EEXIST: another task added it while we allocated */
	}
	if (!fill)
		return page;
	err = bdev_page_io(bdev, page, len, REQ_OP_READ);
	if (err) {
		delete_from_page_cache(page);
		unlock_page(page);
		put_page(page);
		return ERR_PTR(err);
	}
	SetPageUptodate(page);
	return page;
}

/*
 * bdev_write_page: copy n bytes from iter to offset in of the locked
 * page, and write the page's len bytes to the disk.  The bytes copied,
 * or -errno.  A page that was not up to date and is not wholly written
 * leaves the cache, none of it written (Linux's block_write_end: a short
 * copy into such a page copies nothing).
 */
static ssize_t bdev_write_page(struct block_device *bdev, struct page *page, unsigned int len,
			       size_t in, size_t n, struct iov_iter *iter)
{
	size_t moved = copy_from_iter((char *)page_address(page) + in, n, iter);
	int err;

	if (!PageUptodate(page)) {
		if (moved < n) {
			delete_from_page_cache(page);
			return -EFAULT;
		}
		SetPageUptodate(page);
	}
	if (!moved)
		return -EFAULT;
	err = bdev_page_io(bdev, page, len, REQ_OP_WRITE);
	if (err) {
		delete_from_page_cache(page);	/* what the disk holds there is unknown */
		return err;
	}
	return (ssize_t)moved;
}

/*
 * blkdev_rw: move count bytes at *pos through the cached page of each
 * piece of the disk; a write covering only part of a page not cached
 * yet reads it first.  The bytes moved, or -errno when none were.
 */
static ssize_t blkdev_rw(struct file *file, struct iov_iter *iter, loff_t *pos, enum req_op op)
{
	struct block_device *bdev = file->private_data;
	loff_t size = bdev_size(file);
	ssize_t done = 0, moved = 0;

	if (*pos >= size)
		return op == REQ_OP_READ ? 0 : -ENOSPC;
	while (iter->count && *pos < size) {
		loff_t run = ALIGN_DOWN(*pos, (loff_t)PAGE_SIZE);
		unsigned int len = (unsigned int)MIN((loff_t)PAGE_SIZE, size - run);
		size_t in = (size_t)(*pos - run), n = MIN(iter->count, (size_t)len - in);
		struct page *page;

		/* A page at a time: a huge read lets others run and ends for a fatal signal. */
		cond_resched();
		if (fatal_signal_pending(current)) {
			moved = -EINTR;
			break;
		}
		page = bdev_lock_page(bdev, (pgoff_t)(run >> PAGE_SHIFT), len, op == REQ_OP_READ || n < len);
		if (IS_ERR(page)) {
			moved = PTR_ERR(page);
			break;
		}
		if (op == REQ_OP_READ) {
			unlock_page(page);
			moved = (ssize_t)copy_to_iter((char *)page_address(page) + in, n, iter);
			if (!moved)
				moved = -EFAULT;
		} else {
			moved = bdev_write_page(bdev, page, len, in, n, iter);
			unlock_page(page);
		}
		if (moved > 0)
			mark_page_accessed(page);
		put_page(page);
		if (moved < 0)
			break;
		*pos += moved;
		done += moved;
		if ((size_t)moved < n) {
			moved = -EFAULT;
			break;
		}
	}
	return done ? done : moved;
}

static ssize_t blkdev_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return blkdev_rw(file, to, pos, REQ_OP_READ);
}

static ssize_t blkdev_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	return blkdev_rw(file, from, pos, REQ_OP_WRITE);
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
	.read = blkdev_read,
	.write = blkdev_write,
	.llseek = blkdev_llseek,
};

/*
 * show_diskstats: Linux's 17 numbers after the name; rvmm merges no
 * requests, has no discards or flushes, and keeps no time spent (those
 * fields are 0).
 */
void show_diskstats(struct seq_buf *m)
{
	for (unsigned int i = 0; i < nr_disks; i++) {
		const struct block_device *b = &disks[i];

		seq_buf_printf(m, "%4u %7u %s %lu 0 %lu 0 %lu 0 %lu 0 %u 0 0 0 0 0 0 0 0\n",
			       MAJOR(b->bd_dev), MINOR(b->bd_dev), b->bd_disk->disk_name,
			       b->ios[REQ_OP_READ], b->sectors[REQ_OP_READ],
			       b->ios[REQ_OP_WRITE], b->sectors[REQ_OP_WRITE], b->in_flight);
	}
}
