/*
 * mm/swapfile.c: swap areas and their slots, as Linux's mm/swapfile.c.
 *
 * swapon(2) gives the kernel a block device that mkswap formatted: page
 * 0 is the header (union swap_header), the rest are page slots.  Each
 * area has a swap_map, one byte per slot: 0 free, otherwise the number of
 * page-table entries holding the slot (up to SWAP_MAP_MAX) plus
 * SWAP_HAS_CACHE while a page in the swap cache has its data; the header
 * and the bad blocks the header lists are SWAP_MAP_BAD and never used.
 *
 * A new slot comes from the active area of highest priority with room
 * (the most recently added comes last among equals, as SWAP_FLAG_PREFER
 * aside Linux gives each new area a priority one lower: -2, -3, ...).
 * Within an area the slot is found by a plain scan from where the last
 * one was taken, bounded by the lowest and highest free slots; Linux
 * groups slots in clusters of 256 for SSDs and for concurrency, which one
 * hart and a virtio disk do not need.
 *
 * swapoff(2) takes an area out of use and brings back every page it holds:
 * each address space on mmlist_head is walked for swap entries of the area
 * (Linux's try_to_unuse and unuse_mm), each page is read in and mapped in
 * its entry's place, every shmem file's pages in the area are read back
 * (shmem_unuse), and only when no slot is left in use does the area go.  If memory runs out first, the area goes back into use: ENOMEM.
 */
#include <blkdev.h>
#include <err.h>
#include <errno.h>
#include <fs.h>
#include <gfp.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <namei.h>
#include <pagemap.h>
#include <pgtable.h>
#include <printk.h>
#include <radix_tree.h>
#include <resource.h>
#include <sched.h>
#include <seq_buf.h>
#include <shmem_fs.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>
#include "internal.h"
#include "swap.h"

#define SWP_USED	0x01	/* the slot of swap_info is taken (being set up, active, or going) */
#define SWP_WRITEOK	0x02	/* active: new slots may be taken from it */

struct swap_info_struct {
	unsigned long flags;		/* SWP_USED, SWP_WRITEOK */
	short prio;			/* higher is used first */
	struct block_device *bdev;
	dev_t dev;			/* the device's number: swapoff finds the area by it */
	char *name;			/* the path swapon was given, for /proc/swaps */
	unsigned char *swap_map;	/* a byte per slot, max of them */
	struct radix_tree_root cache;	/* the swap cache: offset -> page */
	unsigned int max;		/* slots, header included: last_page + 1 */
	unsigned int pages;		/* usable slots: max less the header and bad ones */
	unsigned int inuse_pages;	/* slots not free */
	unsigned int lowest_bit, highest_bit;	/* every free slot lies between */
	unsigned int cluster_next;	/* where the next scan starts */
	unsigned long last_used;	/* when a slot was last taken: equals take turns */
};

static struct swap_info_struct swap_info[MAX_SWAPFILES];
static int least_priority = -1;	/* the last automatic priority given (Linux's) */
static unsigned long slot_clock;	/* ticks once per slot taken, for last_used */

static inline unsigned char swap_count(unsigned char ent)
{
	return ent & ~SWAP_HAS_CACHE;
}

/*
 * swap_info_get: the area of an entry whose slot is in use, or NULL (a
 * bad entry is reported, as Linux's "Bad swap file entry").
 */
static struct swap_info_struct *swap_info_get(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);
	unsigned long offset = swp_offset(entry);
	struct swap_info_struct *si;

	if (!entry.val || type >= MAX_SWAPFILES)
		goto bad;
	si = &swap_info[type];
	if (!(si->flags & SWP_USED) || !si->swap_map || offset >= si->max || !offset)
		goto bad;
	if (!si->swap_map[offset] || si->swap_map[offset] == SWAP_MAP_BAD)
		goto bad;
	return si;
bad:
	pr_err("swap: bad swap file entry %08lx\n", entry.val);
	return NULL;
}

struct radix_tree_root *swap_cache_of(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);

	if (type >= MAX_SWAPFILES || !(swap_info[type].flags & SWP_USED))
		return NULL;
	return &swap_info[type].cache;
}

struct block_device *swap_entry_bdev(swp_entry_t entry)
{
	return swap_info[swp_type(entry)].bdev;
}

/* ---- slots ---- */

/* scan_swap_map: a free slot of si (which has one), marked SWAP_HAS_CACHE. */
static unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned long offset = si->cluster_next;

	if (offset < si->lowest_bit || offset > si->highest_bit)
		offset = si->lowest_bit;
	for (unsigned long n = 0; si->swap_map[offset]; n++) {
		if (n > si->highest_bit)
			panic("scan_swap_map: an area with free slots has none");
		offset = offset >= si->highest_bit ? si->lowest_bit : offset + 1;
	}
	si->swap_map[offset] = SWAP_HAS_CACHE;
	si->inuse_pages++;
	nr_swap_pages--;
	si->cluster_next = (unsigned int)offset + 1;
	si->last_used = ++slot_clock;
	/* Keep the bounds tight: the slot taken may have been either end. */
	while (si->lowest_bit < si->highest_bit && si->swap_map[si->lowest_bit])
		si->lowest_bit++;
	while (si->highest_bit > si->lowest_bit && si->swap_map[si->highest_bit])
		si->highest_bit--;
	return offset;
}

swp_entry_t get_swap_page(void)
{
	struct swap_info_struct *best = NULL;

	for (int type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = &swap_info[type];

		if (!(si->flags & SWP_WRITEOK) || si->inuse_pages >= si->pages)
			continue;
		if (!best || si->prio > best->prio ||
		    (si->prio == best->prio && si->last_used < best->last_used))
			best = si;
	}
	if (!best)
		return (swp_entry_t){ 0 };
	return swp_entry((unsigned long)(best - swap_info), scan_swap_map(best));
}

/* swap_entry_free: a slot nobody refers to any more is free again. */
static void swap_entry_free(struct swap_info_struct *si, unsigned long offset)
{
	si->swap_map[offset] = 0;
	si->inuse_pages--;
	nr_swap_pages++;	/* swapoff took the area's slots off already, so this evens out */
	if (offset < si->lowest_bit)
		si->lowest_bit = (unsigned int)offset;
	if (offset > si->highest_bit)
		si->highest_bit = (unsigned int)offset;
}

int swap_duplicate(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry);
	unsigned char *ent;

	if (!si)
		return -EINVAL;
	ent = &si->swap_map[swp_offset(entry)];
	if (swap_count(*ent) >= SWAP_MAP_MAX)
		return -ENOMEM;
	(*ent)++;
	return 0;
}

void swap_free(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry);
	unsigned long offset = swp_offset(entry);

	if (!si)
		return;
	if (!swap_count(si->swap_map[offset])) {
		pr_err("swap_free: unused swap offset entry %08lx\n", entry.val);
		return;
	}
	if (--si->swap_map[offset] == 0)
		swap_entry_free(si, offset);
}

void put_swap_page(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry);
	unsigned long offset = swp_offset(entry);

	if (!si)
		return;
	si->swap_map[offset] &= (unsigned char)~SWAP_HAS_CACHE;
	if (!si->swap_map[offset])
		swap_entry_free(si, offset);
}

int swapcache_prepare(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);
	unsigned long offset = swp_offset(entry);
	struct swap_info_struct *si = &swap_info[type];
	unsigned char *ent;

	if (type >= MAX_SWAPFILES || !si->swap_map || !offset || offset >= si->max)
		return -ENOENT;
	ent = &si->swap_map[offset];
	if (*ent & SWAP_HAS_CACHE)
		return -EEXIST;
	if (!swap_count(*ent) || *ent == SWAP_MAP_BAD)
		return -ENOENT;
	*ent |= SWAP_HAS_CACHE;
	return 0;
}

int page_swapcount(struct page *page)
{
	swp_entry_t entry = page_swap_entry(page);
	struct swap_info_struct *si = swap_info_get(entry);

	return si ? swap_count(si->swap_map[swp_offset(entry)]) : 0;
}

void free_swap_and_cache(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry);
	unsigned long offset = swp_offset(entry);
	struct page *page;

	if (!si)
		return;
	swap_free(entry);
	if (si->swap_map[offset] != SWAP_HAS_CACHE)
		return;		/* other references remain, or the slot is free */
	/* Only the cache holds the slot: its page is wanted by nobody, unless it is busy or mapped. */
	page = radix_tree_lookup(&si->cache, offset);
	if (page && !PageLocked(page) && !PageWriteback(page) && page_mapcount(page) == 0)
		delete_from_swap_cache(page);
}

/* ---- swapon ---- */

/*
 * union swap_header, Linux's (include/linux/swap.h): page 0 of an area.
 * mkswap writes the magic in its last ten bytes.
 */
#define SWAP_MAGIC		"SWAPSPACE2"
#define SWAP_MAGIC_LEN		10
#define SWAP_INFO_OFFSET	1024	/* after room for a boot block */
struct swap_header_info {
	u32 version;
	u32 last_page;
	u32 nr_badpages;
	unsigned char sws_uuid[16];
	unsigned char sws_volume[16];
	u32 padding[117];
	u32 badpages[];
};
#define MAX_SWAP_BADPAGES \
	((PAGE_SIZE - SWAP_MAGIC_LEN - SWAP_INFO_OFFSET - sizeof(struct swap_header_info)) / sizeof(u32))

/* read_swap_header: the slots the header at hdr describes (last_page + 1), or 0 if it is not one. */
static unsigned long read_swap_header(const void *hdr, sector_t dev_sectors)
{
	const struct swap_header_info *info = (const void *)((const char *)hdr + SWAP_INFO_OFFSET);
	unsigned long maxpages = SWP_OFFSET_MASK, last_page = info->last_page;

	if (memcmp((const char *)hdr + PAGE_SIZE - SWAP_MAGIC_LEN, SWAP_MAGIC, SWAP_MAGIC_LEN)) {
		pr_err("Unable to find swap-space signature\n");
		return 0;
	}
	if (info->version != 1) {
		pr_warn("Unable to handle swap header version %u\n", info->version);
		return 0;
	}
	if (!last_page) {
		pr_warn("Empty swap-file\n");
		return 0;
	}
	if (last_page > maxpages)
		pr_warn("Truncating oversized swap area, only using %luk out of %luk\n",
			maxpages << (PAGE_SHIFT - 10), last_page << (PAGE_SHIFT - 10));
	else
		maxpages = last_page + 1;
	if (maxpages > dev_sectors >> (PAGE_SHIFT - 9)) {
		pr_warn("Swap area shorter than signature indicates\n");
		return 0;
	}
	if (info->nr_badpages > MAX_SWAP_BADPAGES)
		return 0;
	return maxpages;
}

/* setup_swap_map: mark the header and the bad pages; the usable slots, or -EINVAL. */
static long setup_swap_map(struct swap_info_struct *si, const void *hdr)
{
	const struct swap_header_info *info = (const void *)((const char *)hdr + SWAP_INFO_OFFSET);
	unsigned long good = si->max - 1;

	for (u32 i = 0; i < info->nr_badpages; i++) {
		u32 page_nr = info->badpages[i];

		if (page_nr == 0 || page_nr > info->last_page)
			return -EINVAL;
		if (page_nr < si->max && si->swap_map[page_nr] != SWAP_MAP_BAD) {
			si->swap_map[page_nr] = SWAP_MAP_BAD;
			good--;
		}
	}
	if (!good) {
		pr_warn("Empty swap-file\n");
		return -EINVAL;
	}
	si->swap_map[0] = SWAP_MAP_BAD;
	si->lowest_bit = 1;
	si->highest_bit = si->max - 1;
	si->cluster_next = 1;
	return (long)good;
}

/* read_header_page: read page 0 of bdev into page; 0 or -EIO. */
static int read_header_page(struct block_device *bdev, struct page *page)
{
	struct bio bio = {
		.bdev = bdev, .sector = 0, .page = page, .offset = 0, .len = PAGE_SIZE,
		.op = REQ_OP_READ,
	};

	return submit_bio_wait(&bio) ? -EIO : 0;
}

/* enable_swap_info: the area is in use from now on, with priority prio (negative: the next automatic one). */
static void enable_swap_info(struct swap_info_struct *si, int prio)
{
	si->prio = (short)(prio >= 0 ? prio : --least_priority);
	nr_swap_pages += si->pages;
	total_swap_pages += si->pages;
	si->flags |= SWP_WRITEOK;
}

/*
 * swap_open: what swapon and swapoff open: the block device at the
 * user's path, as Linux's file_open_name and claim_swapfile decide it:
 * ENOENT and the lookup's errors, EISDIR for a directory, ENXIO for a
 * device node with no disk, EINVAL for anything but a block device (a
 * regular file too: rvmm's files are on ramfs, which, as tmpfs, has no
 * blocks to swap to).  On success the device and its number.
 */
static int swap_open(const char __user *specialfile, struct filename **name,
		     struct block_device **bdev, dev_t *dev)
{
	struct inode *inode;
	int err;

	*name = getname(specialfile);
	if (IS_ERR(*name))
		return (int)PTR_ERR(*name);
	err = filename_lookup(AT_FDCWD, *name, LOOKUP_FOLLOW, &inode);
	if (err)
		goto out_name;
	err = -EISDIR;
	if (S_ISDIR(inode->i_mode))
		goto out_inode;
	err = -EINVAL;
	if (!S_ISBLK(inode->i_mode))
		goto out_inode;
	err = -ENXIO;
	*dev = inode->i_rdev;
	*bdev = blkdev_get_by_dev(*dev);
	if (*bdev)
		err = 0;
out_inode:
	iput(inode);
	if (!err)
		return 0;
out_name:
	putname(*name);
	*name = NULL;
	return err;
}

/*
 * sys_swapon: Linux's checks in its order: flags (EINVAL), privilege
 * (EPERM: every rvmm task is root), a free area (EPERM), the path (see
 * swap_open), an area already on the device (EBUSY), the header (EINVAL).
 */
long sys_swapon(const char __user *specialfile, int swap_flags)
{
	struct swap_info_struct *si = NULL;
	struct filename *name;
	struct block_device *bdev;
	struct page *page;
	unsigned long maxpages;
	long good;
	dev_t dev;
	int err, prio = -1;

	if (swap_flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	for (int type = 0; type < MAX_SWAPFILES && !si; type++)
		if (!(swap_info[type].flags & SWP_USED))
			si = &swap_info[type];
	if (!si)
		return -EPERM;
	err = swap_open(specialfile, &name, &bdev, &dev);
	if (err)
		return err;
	for (int type = 0; type < MAX_SWAPFILES; type++)
		if ((swap_info[type].flags & SWP_USED) && swap_info[type].dev == dev) {
			err = -EBUSY;
			goto out_name;
		}
	/* Claimed before the first sleep: a second swapon of the device now finds it busy. */
	memset(si, 0, sizeof(*si));
	si->flags = SWP_USED;
	si->dev = dev;
	si->bdev = bdev;
	INIT_RADIX_TREE(&si->cache);
	err = -ENOMEM;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		goto out_free;
	err = read_header_page(bdev, page);
	if (err)
		goto out_page;
	err = -EINVAL;
	maxpages = read_swap_header(page_address(page), bdev_nr_sectors(bdev));
	if (!maxpages)
		goto out_page;
	err = -ENOMEM;
	si->max = (unsigned int)maxpages;
	si->swap_map = vzalloc(maxpages);
	si->name = kstrdup(name->name, GFP_KERNEL);
	if (!si->swap_map || !si->name)
		goto out_page;
	good = setup_swap_map(si, page_address(page));
	if (good < 0) {
		err = (int)good;
		goto out_page;
	}
	si->pages = (unsigned int)good;
	__free_page(page);
	if (swap_flags & SWAP_FLAG_PREFER)
		prio = (swap_flags & SWAP_FLAG_PRIO_MASK) >> SWAP_FLAG_PRIO_SHIFT;
	enable_swap_info(si, prio);
	pr_info("Adding %uk swap on %s.  Priority:%d extents:1 across:%uk\n",
		si->pages << (PAGE_SHIFT - 10), name->name, si->prio, (si->max - 1) << (PAGE_SHIFT - 10));
	putname(name);
	return 0;
out_page:
	__free_page(page);
out_free:
	vfree(si->swap_map);
	kfree(si->name);
	memset(si, 0, sizeof(*si));
out_name:
	putname(name);
	return err;
}

/* ---- swapoff: bringing every page back ---- */

struct unuse_walk {
	struct vm_area_struct *vma;
	unsigned int type;
	unsigned long found;	/* the address of an entry whose page is not in memory yet */
	swp_entry_t entry;	/* and the entry */
};

/*
 * unuse_pte_range: map back, in one leaf table, every entry of the area
 * whose page the swap cache holds ready; stop (1) at the first whose page
 * must be read, which needs a sleep the walk cannot take.
 */
static int unuse_pte_range(pte_t *pte, unsigned long addr, unsigned long end, void *private)
{
	struct unuse_walk *w = private;

	for (; addr < end; addr += PAGE_SIZE, pte++) {
		swp_entry_t entry;
		struct page *page;

		if (!is_swap_pte(*pte))
			continue;
		entry = pte_to_swp_entry(*pte);
		if (swp_type(entry) != w->type)
			continue;
		page = lookup_swap_cache(entry);
		if (!page || PageLocked(page) || !PageUptodate(page)) {
			if (page)
				put_page(page);
			w->found = addr;
			w->entry = entry;
			return 1;
		}
		swapin_map_page(w->vma, addr, pte, page, false);
		put_page(page);
	}
	return 0;
}

/*
 * unuse_mm: bring in every page of area type that mm's page tables refer
 * to.  Each walk maps what is ready; a page that must be read is read
 * (sleeping), and the walk goes on from its address, looking everything
 * up afresh since the address space may have changed meanwhile.
 */
static int unuse_mm(struct mm_struct *mm, unsigned int type)
{
	/* atomic: the walk must not give way, or the VMA it maps into might go meanwhile. */
	static const struct pt_walk_ops ops = { .pte_range = unuse_pte_range, .atomic = true };
	unsigned long addr = 0;

	for (;;) {
		struct unuse_walk w = { .type = type };
		struct vm_area_struct *vma;
		struct page *page;

		for_each_vma(mm, vma) {
			if (vma->vm_end <= addr)
				continue;
			w.vma = vma;
			if (walk_pgtable_range(mm->pgd, MAX(addr, vma->vm_start), vma->vm_end, &ops, &w))
				break;
		}
		flush_tlb_mm(mm);
		if (!w.found)
			return 0;
		page = read_swap_cache_async(w.entry);
		if (!page) {
			if (swap_info[type].swap_map[swp_offset(w.entry)])
				return -ENOMEM;
			addr = w.found;		/* the entry went away meanwhile: look again */
			continue;
		}
		wait_on_page_locked(page);
		if (!PageUptodate(page)) {
			free_page_and_swap_cache(page);
			pr_err("swapoff: I/O error reading swap entry %08lx\n", w.entry.val);
			return -EIO;
		}
		put_page(page);		/* the swap cache holds it for the next walk */
		addr = w.found;
		if (signal_pending_current())
			return -EINTR;
		cond_resched();
	}
}

/* drop_unused_cache: the area's cached pages that no PTE refers to any more leave the cache. */
static void drop_unused_cache(struct swap_info_struct *si)
{
	unsigned long type = (unsigned long)(si - swap_info);

	for (unsigned int offset = 1; offset < si->max; offset++) {
		struct page *page;

		if (si->swap_map[offset] != SWAP_HAS_CACHE)
			continue;
		page = radix_tree_lookup(&si->cache, offset);
		if (!page)
			continue;
		get_page(page);
		wait_on_page_writeback(page);
		lock_page(page);
		/* It slept: the page may have left the cache, or a fault may have taken the slot again. */
		if (PageSwapCache(page) && page_swap_entry(page).val == swp_entry(type, offset).val &&
		    !page_swapcount(page))
			delete_from_swap_cache(page);
		unlock_page(page);
		put_page(page);
	}
}

/*
 * try_to_unuse: bring back every page of area type, from every address
 * space on mmlist, until no slot of it is in use.  Each address space is
 * held (mm_users) while its walk sleeps, and let go only once the next one
 * is held, so that the list cannot change under the walk (Linux's way).
 * A fork may copy entries into a new address space meanwhile, so the
 * passes repeat until one finds nothing.
 */
static int try_to_unuse(unsigned int type)
{
	struct swap_info_struct *si = &swap_info[type];

	for (int pass = 0; si->inuse_pages; pass++) {
		struct mm_struct *prev = NULL;
		struct list_head *p = &mmlist_head;
		int err = 0;

		while (!err && p->next != &mmlist_head) {
			struct mm_struct *mm = list_entry(p->next, struct mm_struct, mmlist);

			mm->mm_users++;
			if (prev)
				mmput(prev);
			prev = mm;
			err = unuse_mm(mm, type);
			p = &mm->mmlist;
		}
		if (prev)
			mmput(prev);
		if (!err)
			err = shmem_unuse(type);
		if (err)
			return err;
		drop_unused_cache(si);
		if (si->inuse_pages && pass > 16) {
			pr_err("swapoff: %u slots still in use with no page table referring to them\n",
			       si->inuse_pages);
			return -EBUSY;
		}
	}
	return 0;
}

/*
 * sys_swapoff: EPERM, the path's errors, EINVAL if no active area is on
 * that device, ENOMEM if memory (or the overcommit policy) cannot take the
 * pages back; then every page comes back and the area goes.
 */
long sys_swapoff(const char __user *specialfile)
{
	struct swap_info_struct *si = NULL;
	struct filename *name;
	struct block_device *bdev;
	dev_t dev;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = swap_open(specialfile, &name, &bdev, &dev);
	if (err)
		return err;
	putname(name);
	for (int type = 0; type < MAX_SWAPFILES && !si; type++)
		if ((swap_info[type].flags & SWP_WRITEOK) && swap_info[type].dev == dev)
			si = &swap_info[type];
	if (!si)
		return -EINVAL;
	if (vm_enough_memory(si->pages))
		return -ENOMEM;
	vm_unacct_memory(si->pages);
	/* Out of use: lower automatic priorities move up, as Linux's. */
	if (si->prio < 0) {
		for (int type = 0; type < MAX_SWAPFILES; type++)
			if (&swap_info[type] != si && (swap_info[type].flags & SWP_WRITEOK) &&
			    swap_info[type].prio < si->prio)
				swap_info[type].prio++;
		least_priority++;
	}
	si->flags &= ~SWP_WRITEOK;
	nr_swap_pages -= si->pages;
	total_swap_pages -= si->pages;
	err = try_to_unuse((unsigned int)(si - swap_info));
	if (err) {
		enable_swap_info(si, si->prio >= 0 ? si->prio : -1);
		return err;
	}
	if (!radix_tree_empty(&si->cache))
		panic("sys_swapoff: pages left in the swap cache of an empty area");
	vfree(si->swap_map);
	kfree(si->name);
	memset(si, 0, sizeof(*si));
	return 0;
}

/*
 * show_swaps: /proc/swaps as Linux's swap_show: the name padded to 40
 * columns, "partition", then size, used (kB) and priority, tab-separated.
 */
void show_swaps(struct seq_buf *m)
{
	seq_buf_printf(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		unsigned long bytes, inuse;
		int len;

		if (!(si->flags & SWP_WRITEOK))
			continue;
		bytes = (unsigned long)si->pages << (PAGE_SHIFT - 10);
		inuse = (unsigned long)si->inuse_pages << (PAGE_SHIFT - 10);
		len = (int)strlen(si->name);
		seq_buf_printf(m, "%s%*s%s\t%lu\t%s%lu\t%s%d\n", si->name, len < 40 ? 40 - len : 1, " ",
			       "partition", bytes, bytes < 10000000 ? "\t" : "", inuse,
			       inuse < 10000000 ? "\t" : "", si->prio);
	}
}
