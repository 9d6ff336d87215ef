/*
 * kernel/fs/block_dev.c: the block layer between the users of a disk
 * (swap) and its driver (virtio_blk): the disks by device number, the
 * /dev nodes, the checks every bio passes, completion, waiting, and the
 * counters of /proc/diskstats.  Linux spreads this over block/ and the
 * fs/block_dev.c it once had; bios here carry one page and are never
 * merged or reordered: the driver gets each one as it comes.
 */
#include <blkdev.h>
#include <errno.h>
#include <mm.h>
#include <namei.h>
#include <printk.h>
#include <sched.h>
#include <seq_buf.h>
#include <slab.h>
#include <stdio.h>
#include <uaccess.h>
#include <wait.h>

#define MAX_DISKS	8	/* one per virtio-mmio slot */

struct block_device {
	struct gendisk *bd_disk;
	dev_t bd_dev;
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

/* ---- /dev/vda as a file: uncached, each call its own bios through a bounce page ---- */

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

/*
 * blkdev_rw: move count bytes at *pos through the page-aligned run of the
 * disk around each piece; a write that covers only part of a run reads it
 * first.  The bytes moved, or -errno when none were.
 */
static ssize_t blkdev_rw(struct file *file, struct iov_iter *iter, loff_t *pos, enum req_op op)
{
	struct bio bio = { .bdev = file->private_data };
	loff_t size = bdev_size(file);
	ssize_t done = 0;
	int err = 0;

	if (*pos >= size)
		return op == REQ_OP_READ ? 0 : -ENOSPC;
	bio.page = alloc_page(GFP_KERNEL);
	if (!bio.page)
		return -ENOMEM;
	while (iter->count && *pos < size && !err) {
		loff_t run = ALIGN_DOWN(*pos, (loff_t)PAGE_SIZE);
		size_t in = (size_t)(*pos - run), n, moved;

		bio.sector = (sector_t)(run >> SECTOR_SHIFT);
		bio.len = (unsigned int)MIN((loff_t)PAGE_SIZE, size - run);
		n = MIN(iter->count, (size_t)bio.len - in);
		bio.op = REQ_OP_READ;
		if ((op == REQ_OP_READ || n < bio.len) && (err = submit_bio_wait(&bio)) != 0)
			break;
		if (op == REQ_OP_READ) {
			moved = copy_to_iter((char *)page_address(bio.page) + in, n, iter);
		} else {
			moved = copy_from_iter((char *)page_address(bio.page) + in, n, iter);
			bio.op = REQ_OP_WRITE;
			if (moved && (err = submit_bio_wait(&bio)) != 0)
				break;
		}
		*pos += (loff_t)moved;
		done += (ssize_t)moved;
		if (moved < n)
			err = -EFAULT;
	}
	__free_page(bio.page);
	return done ? done : err;
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
