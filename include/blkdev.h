/*
 * include/blkdev.h: block devices (disks), as Linux's block layer shows
 * them to its users, cut to what swap needs: one request (a bio) is one
 * run of sectors read into or written from one page, completed
 * asynchronously.
 *
 * A driver describes a disk in a gendisk and calls add_disk, which makes
 * its block_device and its /dev node (/dev/vda, S_IFBLK); a user finds it
 * again by device number (an inode's i_rdev) with blkdev_get_by_dev.
 * submit_bio checks a bio against the disk and hands it to the driver;
 * the driver calls bio_endio from its interrupt when the device is done
 * (kernel/fs/block_dev.c).
 */
#ifndef _RVMM_BLKDEV_H
#define _RVMM_BLKDEV_H

#include <fs.h>
#include <types.h>

struct page;
struct seq_buf;

typedef unsigned long sector_t;		/* 512-byte sectors */
#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1 << SECTOR_SHIFT)

struct block_device;			/* one disk: vda, vdb, ... */

enum req_op { REQ_OP_READ, REQ_OP_WRITE };

struct bio {
	struct block_device *bdev;
	sector_t sector;		/* first sector */
	struct page *page;		/* one page (or part of it) */
	unsigned int offset, len;	/* within the page; len a multiple of 512 */
	enum req_op op;
	int status;			/* 0 or -EIO, set before end_io */
	void (*end_io)(struct bio *bio);	/* called from the interrupt handler when done */
	void *private;
};

/* blkdev_get_by_dev: the disk with device number dev; NULL when no such disk. */
struct block_device *blkdev_get_by_dev(dev_t dev);
/* bdev_nr_sectors: the disk's size in 512-byte sectors. */
sector_t bdev_nr_sectors(struct block_device *bdev);
/* bdev_name: "vda". */
const char *bdev_name(struct block_device *bdev);
/* bdev_dev: the disk's device number (MKDEV(254, 0) for vda). */
dev_t bdev_dev(struct block_device *bdev);

/*
 * The page cache of a disk (Linux's bd_mapping): what read(2) and
 * write(2) of its node go through; its pages are clean and reclaimable.
 * Swap's I/O bypasses it, as Linux's does.
 */
struct address_space;
/* bdev_mapping: the disk's page cache. */
struct address_space *bdev_mapping(struct block_device *bdev);
/* invalidate_bdev: drop every cached page of the disk that nobody is using. */
void invalidate_bdev(struct block_device *bdev);
/* iterate_bdevs: call func(bdev, arg) for every disk. */
void iterate_bdevs(void (*func)(struct block_device *bdev, void *arg), void *arg);
/* nr_blockdev_pages: the pages in every disk's cache: meminfo's "Buffers". */
unsigned long nr_blockdev_pages(void);

/*
 * submit_bio: queue bio; end_io runs on completion, from the interrupt
 * handler, so it must not sleep.  A bio past the end of the disk, of a
 * length that is not a positive multiple of 512, or reaching past its
 * page ends at once with -EIO.  May sleep until the driver has room for
 * it (a free ring slot).
 */
void submit_bio(struct bio *bio);
/* submit_bio_wait: submit and sleep until done (end_io and private are its own); the status. */
int submit_bio_wait(struct bio *bio);

/* ---- for drivers ---- */

struct gendisk;

struct block_device_operations {
	/* submit_bio: start bio on the device (checked by the block layer); may sleep for room. */
	void (*submit_bio)(struct bio *bio);
};

#define DISK_NAME_LEN	32

/* gendisk: what a driver tells the block layer about one of its disks. */
struct gendisk {
	unsigned int major, first_minor;
	char disk_name[DISK_NAME_LEN];	/* "vda" */
	sector_t capacity;		/* in 512-byte sectors */
	bool read_only;
	const struct block_device_operations *fops;
	void *private_data;		/* the driver's */
};

/* add_disk: make disk's block_device and /dev node; 0 or -errno. */
int add_disk(struct gendisk *disk);
/* bdev_disk: the gendisk of bdev (the driver finds its private data there). */
struct gendisk *bdev_disk(struct block_device *bdev);
/* bio_endio: the driver is done with bio (status set): account it and call its end_io. */
void bio_endio(struct bio *bio);
/* show_diskstats: /proc/diskstats, one line per disk, in Linux's format. */
void show_diskstats(struct seq_buf *m);

#endif
