/*
 * mm/page_io.c: reading and writing swap slots, as Linux's mm/page_io.c.
 *
 * Slot `offset` of an area is the page at byte offset * PAGE_SIZE of its
 * device, sectors offset * 8 on.  A page goes in one bio; its completion
 * (from the disk's interrupt) ends the page's writeback or marks it up to
 * date, and unlocks it, which wakes whoever waits for it.  When no memory
 * is left for a bio the transfer is made synchronously with one on the
 * stack, so that writing pages out never fails for want of memory.
 */
#include <blkdev.h>
#include <pagemap.h>
#include <printk.h>
#include <slab.h>
#include <vmstat.h>
#include "swap.h"

/* swap_bio_init: the bio for page's slot. */
static void swap_bio_init(struct bio *bio, struct page *page, enum req_op op,
			  void (*end_io)(struct bio *bio))
{
	swp_entry_t entry = page_swap_entry(page);

	*bio = (struct bio){
		.bdev = swap_entry_bdev(entry),
		.sector = swp_offset(entry) << (PAGE_SHIFT - SECTOR_SHIFT),
		.page = page, .offset = 0, .len = PAGE_SIZE, .op = op, .end_io = end_io,
	};
}

/* end_swap_write: a write of a slot is done (interrupt, or after a synchronous one). */
static void end_swap_write(struct bio *bio)
{
	if (bio->status) {
		SetPageDirty(bio->page);	/* still to be written */
		pr_alert("Write-error on swap-device (%u:%u:%lu)\n", bdev_dev(bio->bdev) >> MINORBITS,
			 bdev_dev(bio->bdev) & MINORMASK, bio->sector);
	}
	end_page_writeback(bio->page);
}

static void end_swap_bio_write(struct bio *bio)
{
	end_swap_write(bio);
	kfree(bio);
}

int swap_writepage(struct page *page)
{
	struct bio *bio = kmalloc(sizeof(*bio), GFP_KERNEL);

	if (!PageLocked(page) || !PageSwapCache(page))
		panic("swap_writepage: not a locked swap-cache page");
	ClearPageDirty(page);
	SetPageWriteback(page);
	mod_node_page_state(NR_WRITEBACK, 1);
	unlock_page(page);
	count_vm_event(PSWPOUT);
	if (!bio) {
		struct bio stack_bio;

		swap_bio_init(&stack_bio, page, REQ_OP_WRITE, NULL);
		stack_bio.status = submit_bio_wait(&stack_bio);
		end_swap_write(&stack_bio);
		return 0;
	}
	swap_bio_init(bio, page, REQ_OP_WRITE, end_swap_bio_write);
	submit_bio(bio);
	return 0;
}

/* end_swap_read: a read of a slot is done. */
static void end_swap_read(struct bio *bio)
{
	if (bio->status)
		pr_alert("Read-error on swap-device (%u:%u:%lu)\n", bdev_dev(bio->bdev) >> MINORBITS,
			 bdev_dev(bio->bdev) & MINORMASK, bio->sector);
	else
		SetPageUptodate(bio->page);
	unlock_page(bio->page);
}

static void end_swap_bio_read(struct bio *bio)
{
	end_swap_read(bio);
	kfree(bio);
}

void swap_readpage(struct page *page)
{
	struct bio *bio = kmalloc(sizeof(*bio), GFP_KERNEL);

	if (!PageLocked(page) || !PageSwapCache(page) || PageUptodate(page))
		panic("swap_readpage: not a locked swap-cache page to be read");
	count_vm_event(PSWPIN);
	if (!bio) {
		struct bio stack_bio;

		swap_bio_init(&stack_bio, page, REQ_OP_READ, NULL);
		stack_bio.status = submit_bio_wait(&stack_bio);
		end_swap_read(&stack_bio);
		return;
	}
	swap_bio_init(bio, page, REQ_OP_READ, end_swap_bio_read);
	submit_bio(bio);
}
