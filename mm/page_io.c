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

/* end_swap_bio: a kmalloc'ed bio is done: its page's completion (in bio->private), then the bio goes. */
static void end_swap_bio(struct bio *bio)
{
	void (*done)(struct bio *bio) = bio->private;

	done(bio);
	kfree(bio);
}

/*
 * swap_submit: start op on page's slot; done(bio) completes the page,
 * from the interrupt, or here after a synchronous transfer when there is
 * no memory for a bio.
 */
static void swap_submit(struct page *page, enum req_op op, void (*done)(struct bio *bio))
{
	swp_entry_t entry = page_swap_entry(page);
	struct bio *bio = kmalloc(sizeof(*bio), GFP_KERNEL), stack_bio;

	if (!bio)
		bio = &stack_bio;
	*bio = (struct bio){
		.bdev = swap_entry_bdev(entry),
		.sector = swp_offset(entry) << (PAGE_SHIFT - SECTOR_SHIFT),
		.page = page, .offset = 0, .len = PAGE_SIZE, .op = op,
		.end_io = end_swap_bio, .private = done,
	};
	if (bio == &stack_bio) {
		stack_bio.status = submit_bio_wait(&stack_bio);
		done(&stack_bio);
		return;
	}
	submit_bio(bio);
}

/* swap_io_error: Linux's report of a failed transfer. */
static void swap_io_error(const struct bio *bio, const char *what)
{
	dev_t dev = bdev_dev(bio->bdev);

	pr_alert("%s-error on swap-device (%u:%u:%lu)\n", what, dev >> MINORBITS, dev & MINORMASK,
		 bio->sector);
}

/* end_swap_write: a write of a slot is done. */
static void end_swap_write(struct bio *bio)
{
	if (bio->status) {
		SetPageDirty(bio->page);	/* still to be written */
		swap_io_error(bio, "Write");
	}
	end_page_writeback(bio->page);
}

int swap_writepage(struct page *page)
{
	if (!PageLocked(page) || !PageSwapCache(page))
		panic("swap_writepage: not a locked swap-cache page");
	ClearPageDirty(page);
	SetPageWriteback(page);
	mod_node_page_state(NR_WRITEBACK, 1);
	unlock_page(page);
	count_vm_event(PSWPOUT);
	swap_submit(page, REQ_OP_WRITE, end_swap_write);
	return 0;
}

int swap_writepage_sync(struct page *page, swp_entry_t entry)
{
	struct bio bio = {
		.bdev = swap_entry_bdev(entry),
		.sector = swp_offset(entry) << (PAGE_SHIFT - SECTOR_SHIFT),
		.page = page, .offset = 0, .len = PAGE_SIZE, .op = REQ_OP_WRITE,
	};
	int err;

	if (!PageLocked(page) || PageWriteback(page))
		panic("swap_writepage_sync: not a locked page free of writeback");
	SetPageWriteback(page);
	mod_node_page_state(NR_WRITEBACK, 1);
	count_vm_event(PSWPOUT);
	err = submit_bio_wait(&bio);
	if (err)
		swap_io_error(&bio, "Write");
	end_page_writeback(page);
	return err;
}

/* end_swap_read: a read of a slot is done. */
static void end_swap_read(struct bio *bio)
{
	if (bio->status)
		swap_io_error(bio, "Read");
	else
		SetPageUptodate(bio->page);
	unlock_page(bio->page);
}

void swap_readpage(struct page *page)
{
	if (!PageLocked(page) || !PageSwapCache(page) || PageUptodate(page))
		panic("swap_readpage: not a locked swap-cache page to be read");
	count_vm_event(PSWPIN);
	swap_submit(page, REQ_OP_READ, end_swap_read);
}
