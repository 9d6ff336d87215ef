/*
 * kernel/drivers/selftest_blk.c: the blk suite (test=blk), over the disk
 * run_tests.py attaches: a raw image whose sector s holds, in each 8-byte
 * word k, disk_word(s, k), with a swap header that the host's mkswap wrote
 * over its first page.  Reads must find those contents, writes must read
 * back (and run_tests.py looks for them in the image after the boot), many
 * requests at once must all complete though the ring holds fewer, and what
 * lies past the end is -EIO.  read(2) and write(2) of /dev/vda go through
 * the disk's page cache, write-through, and its pages can be dropped.
 * Every page comes back (the runner checks).
 */
#include <blkdev.h>
#include <errno.h>
#include <gfp.h>
#include <mm.h>
#include <lru.h>
#include <namei.h>
#include <pagemap.h>
#include <sched.h>
#include <selftest.h>
#include <seq_buf.h>
#include <slab.h>
#include <stdio.h>
#include <string.h>
#include <wait.h>

#include <asm/irqflags.h>
#include <err.h>

void do_exit(int code) __attribute__((noreturn));

#define VIRTBLK_MAJOR	254
#define WORDS		(SECTOR_SIZE / 8)
#define MANY		200	/* bios in flight at once: more than the ring holds */
#define MANY_FIRST	2048	/* where they read, clear of what the suite writes */
#define WRITE_PAGES	16	/* pages written near the end of the disk */
#define MIN_SECTORS	8192	/* 4 MiB: room for all of it */

/* disk_word: word k of sector s as run_tests.py writes the image. */
static u64 disk_word(sector_t s, unsigned int k)
{
	return (u64)s << 32 | (u64)k << 16 | 0xb1c0;
}

/* written_word: word k of sector s as this suite writes it (run_tests.py checks the image for it). */
static u64 written_word(sector_t s, unsigned int k)
{
	return ~disk_word(s, k);
}

/* sectors_hold: do the n sectors at buf hold word(first + i, k)? */
static bool sectors_hold(const void *buf, sector_t first, unsigned int n,
			 u64 (*word)(sector_t s, unsigned int k))
{
	const u64 *w = buf;

	for (unsigned int i = 0; i < n; i++)
		for (unsigned int k = 0; k < WORDS; k++)
			if (w[i * WORDS + k] != word(first + i, k))
				return false;
	return true;
}

static void fill_sectors(void *buf, sector_t first, unsigned int n,
			 u64 (*word)(sector_t s, unsigned int k))
{
	u64 *w = buf;

	for (unsigned int i = 0; i < n; i++)
		for (unsigned int k = 0; k < WORDS; k++)
			w[i * WORDS + k] = word(first + i, k);
}

static int rw(struct block_device *bdev, enum req_op op, sector_t sector, struct page *page,
	      unsigned int offset, unsigned int len)
{
	struct bio bio = { .bdev = bdev, .sector = sector, .page = page, .offset = offset,
			   .len = len, .op = op };

	return submit_bio_wait(&bio);
}

static void check_lookup(struct block_device *bdev)
{
	struct inode *inode;
	int err = kern_path("/dev/vda", 0, &inode);

	if (tap_check(!err, "blk: /dev/vda exists (%d)", err)) {
		tap_check(S_ISBLK(inode->i_mode) && inode->i_rdev == MKDEV(VIRTBLK_MAJOR, 0),
			  "blk: /dev/vda is a block device 254:0 (mode %#o, rdev %u:%u)",
			  inode->i_mode, MAJOR(inode->i_rdev), MINOR(inode->i_rdev));
		tap_check(blkdev_get_by_dev(inode->i_rdev) == bdev,
			  "blk: its i_rdev finds the disk");
		iput(inode);
	}
	tap_check(!strcmp(bdev_name(bdev), "vda"), "blk: the disk is named vda (%s)", bdev_name(bdev));
	tap_check(bdev_dev(bdev) == MKDEV(VIRTBLK_MAJOR, 0), "blk: bdev_dev is 254:0");
	tap_check(!blkdev_get_by_dev(MKDEV(VIRTBLK_MAJOR, 16)) && !blkdev_get_by_dev(MKDEV(VIRTBLK_MAJOR, 1)) &&
		  !blkdev_get_by_dev(MKDEV(8, 0)),
		  "blk: no disk at 254:16 (vdb), 254:1 or 8:0: NULL");
}

static void check_swap_header(struct block_device *bdev, struct page *page)
{
	const u8 *p = page_address(page);
	u32 version, last_page;

	memset(page_address(page), 0xee, PAGE_SIZE);
	if (!tap_check(rw(bdev, REQ_OP_READ, 0, page, 0, PAGE_SIZE) == 0, "blk: read page 0"))
		return;
	tap_check(!memcmp(p + PAGE_SIZE - 10, "SWAPSPACE2", 10),
		  "blk: mkswap's signature SWAPSPACE2 at offset %lu", PAGE_SIZE - 10);
	memcpy(&version, p + 1024, 4);
	memcpy(&last_page, p + 1028, 4);
	tap_check(version == 1, "blk: swap header version 1 at offset 1024 (%u)", version);
	tap_check(last_page == bdev_nr_sectors(bdev) / 8 - 1,
		  "blk: swap header last_page is the disk's last page (%u)", last_page);
}

static void check_reads(struct block_device *bdev, struct page *page)
{
	sector_t nr = bdev_nr_sectors(bdev), last = ALIGN_DOWN(nr, 8) - 8;
	u8 *p = page_address(page);
	bool untouched = true;

	memset(p, 0xee, PAGE_SIZE);
	tap_check(rw(bdev, REQ_OP_READ, 8, page, 0, PAGE_SIZE) == 0 && sectors_hold(p, 8, 8, disk_word),
		  "blk: sectors 8-15 hold the image's contents");
	memset(p, 0xee, PAGE_SIZE);
	tap_check(rw(bdev, REQ_OP_READ, last, page, 0, PAGE_SIZE) == 0 &&
		  sectors_hold(p, last, 8, disk_word),
		  "blk: the last page (sectors %lu-%lu) holds the image's contents", last, last + 7);
	/* Two sectors into the middle of the page: the rest of it stays as it was. */
	memset(p, 0xee, PAGE_SIZE);
	tap_check(rw(bdev, REQ_OP_READ, 1001, page, 1536, 1024) == 0 &&
		  sectors_hold(p + 1536, 1001, 2, disk_word),
		  "blk: 1024 bytes of sector 1001 at offset 1536 of a page");
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		if ((i < 1536 || i >= 2560) && p[i] != 0xee)
			untouched = false;
	tap_check(untouched, "blk: a partial read leaves the rest of the page alone");
	memset(p, 0xee, PAGE_SIZE);
	tap_check(rw(bdev, REQ_OP_READ, nr - 1, page, 0, SECTOR_SIZE) == 0 &&
		  sectors_hold(p, nr - 1, 1, disk_word), "blk: the very last sector, alone");
}

static void check_writes(struct block_device *bdev, struct page *page, struct page *back)
{
	sector_t first = ALIGN_DOWN(bdev_nr_sectors(bdev), 8) - 8 * (WRITE_PAGES + 1);
	bool ok = true;

	for (unsigned int i = 0; i < WRITE_PAGES && ok; i++) {
		sector_t s = first + 8 * i;

		fill_sectors(page_address(page), s, 8, written_word);
		ok = rw(bdev, REQ_OP_WRITE, s, page, 0, PAGE_SIZE) == 0;
	}
	tap_check(ok, "blk: %d pages written at sectors %lu-%lu", WRITE_PAGES, first,
		  first + 8 * WRITE_PAGES - 1);
	for (unsigned int i = 0; i < WRITE_PAGES && ok; i++) {
		sector_t s = first + 8 * i;

		memset(page_address(back), 0, PAGE_SIZE);
		ok = rw(bdev, REQ_OP_READ, s, back, 0, PAGE_SIZE) == 0 &&
		     sectors_hold(page_address(back), s, 8, written_word);
	}
	tap_check(ok, "blk: and read back as written");
	/* one sector from the middle of a page, written from offset 3584 */
	fill_sectors((u8 *)page_address(page) + 3584, 1003, 1, written_word);
	memset(page_address(back), 0, PAGE_SIZE);
	tap_check(rw(bdev, REQ_OP_WRITE, 1003, page, 3584, SECTOR_SIZE) == 0 &&
		  rw(bdev, REQ_OP_READ, 1002, back, 0, 3 * SECTOR_SIZE) == 0 &&
		  sectors_hold(page_address(back), 1002, 1, disk_word) &&
		  sectors_hold((u8 *)page_address(back) + SECTOR_SIZE, 1003, 1, written_word) &&
		  sectors_hold((u8 *)page_address(back) + 2 * SECTOR_SIZE, 1004, 1, disk_word),
		  "blk: one sector written from the middle of a page changes that sector alone");
}

/* ---- many bios in flight ---- */

struct many {
	struct bio bios[MANY];
	struct page *pages[MANY];
	struct wait_queue_head wait;
	unsigned int completed, bad;
	unsigned int max_in_flight;
};

static void many_end_io(struct bio *bio)
{
	struct many *m = bio->private;

	if (bio->status || !sectors_hold(page_address(bio->page), bio->sector, 8, disk_word))
		m->bad++;
	m->completed++;
	wake_up(&m->wait);
}

/* run_many: MANY page reads at once, from sector MANY_FIRST on; how many failed (-ENOMEM: no memory). */
static int run_many(struct block_device *bdev, struct many *m)
{
	int i;

	init_waitqueue_head(&m->wait);
	m->completed = m->bad = m->max_in_flight = 0;
	for (i = 0; i < MANY; i++) {
		m->pages[i] = alloc_page(GFP_KERNEL);
		if (!m->pages[i])
			goto out;
	}
	for (i = 0; i < MANY; i++) {
		m->bios[i] = (struct bio){ .bdev = bdev, .sector = MANY_FIRST + 8 * (sector_t)i,
					   .page = m->pages[i], .len = PAGE_SIZE, .op = REQ_OP_READ,
					   .end_io = many_end_io, .private = m };
		memset(page_address(m->pages[i]), 0xee, PAGE_SIZE);
		submit_bio(&m->bios[i]);
		m->max_in_flight = MAX(m->max_in_flight, i + 1 - m->completed);
	}
	io_wait_event(m->wait, m->completed == MANY);
	i = MANY;
out:
	while (i-- > 0)
		__free_page(m->pages[i]);
	return m->pages[MANY - 1] ? 0 : -ENOMEM;
}

static void report_many(const char *who, int err, const struct many *m)
{
	if (!tap_check(!err, "blk: %s: %d pages for the reads", who, MANY))
		return;
	tap_check(m->completed == MANY && !m->bad,
		  "blk: %s: %d reads submitted at once all complete with the image's contents (%u bad)",
		  who, MANY, m->bad);
	tap_check(m->max_in_flight > 1 && m->max_in_flight < MANY,
		  "blk: %s: %u were in flight at most: more than one, and a full ring made "
		  "submit_bio wait", who, m->max_in_flight);
}

struct many_thread {
	struct block_device *bdev;
	struct many *m;
	int err;
	bool done;
};

static int many_thread_fn(void *arg)
{
	struct many_thread *t = arg;

	t->err = run_many(t->bdev, t->m);
	t->done = true;
	do_exit(0);
}

/* check_many: from the boot task (which waits for the interrupt) and from a task that sleeps. */
static void check_many(struct block_device *bdev)
{
	struct many *m = kzalloc(sizeof(*m), GFP_KERNEL);
	struct many_thread t = { .bdev = bdev, .m = m };
	int pid, status;

	if (!tap_check(m != NULL, "blk: memory for %d bios", MANY))
		return;
	report_many("the boot task", run_many(bdev, m), m);

	pid = kernel_thread(many_thread_fn, &t, "blk_test");
	if (tap_check(pid > 0, "blk: a kernel thread to sleep on I/O (pid %d)", pid)) {
		while (kernel_wait4(pid, &status) == 0) {
			arch_local_irq_enable();	/* the disk's interrupt wakes the thread */
			arch_local_irq_disable();
			schedule();
		}
		tap_check(t.done, "blk: the thread ran to its end");
		report_many("a sleeping task", t.err, m);
	}
	kfree(m);
}

/* ---- errors ---- */

static void check_errors(struct block_device *bdev, struct page *page)
{
	sector_t nr = bdev_nr_sectors(bdev);
	struct gendisk *disk = bdev_disk(bdev);

	tap_check(rw(bdev, REQ_OP_READ, nr, page, 0, SECTOR_SIZE) == -EIO,
		  "blk: a read at sector %lu, the end, is -EIO", nr);
	tap_check(rw(bdev, REQ_OP_WRITE, nr - 1, page, 0, PAGE_SIZE) == -EIO,
		  "blk: a write of 8 sectors from the last one is -EIO");
	tap_check(rw(bdev, REQ_OP_READ, ~0UL - 3, page, 0, PAGE_SIZE) == -EIO,
		  "blk: a sector number that wraps around is -EIO");
	tap_check(rw(bdev, REQ_OP_READ, 0, page, 0, 100) == -EIO &&
		  rw(bdev, REQ_OP_READ, 0, page, 0, 0) == -EIO &&
		  rw(bdev, REQ_OP_READ, 0, page, 3584, 1024) == -EIO,
		  "blk: a length not a multiple of 512, of 0, or past the page is -EIO");
	/* The device's own check: let the block layer believe the disk is larger. */
	disk->capacity += 8;
	tap_check(rw(bdev, REQ_OP_READ, nr, page, 0, PAGE_SIZE) == -EIO,
		  "blk: past its end the device itself answers VIRTIO_BLK_S_IOERR: -EIO");
	disk->capacity = nr;
	memset(page_address(page), 0xee, PAGE_SIZE);
	tap_check(rw(bdev, REQ_OP_READ, 16, page, 0, PAGE_SIZE) == 0 &&
		  sectors_hold(page_address(page), 16, 8, disk_word),
		  "blk: and the disk still reads after the errors");
}

static void check_diskstats(void)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	struct seq_buf m;
	unsigned int major = 0, minor = 0, in_flight = ~0u;
	unsigned long reads = 0, rsect = 0, writes = 0, wsect = 0;
	char name[8] = "";

	if (!tap_check(buf != NULL, "blk: memory for /proc/diskstats"))
		return;
	seq_buf_init(&m, buf, PAGE_SIZE);
	show_diskstats(&m);
	sscanf(seq_buf_str(&m), "%u %u %7s %lu %*u %lu %*u %lu %*u %lu %*u %u", &major, &minor,
	       name, &reads, &rsect, &writes, &wsect, &in_flight);
	tap_check(major == VIRTBLK_MAJOR && minor == 0 && !strcmp(name, "vda"),
		  "blk: /proc/diskstats has 254 0 vda");
	/* what this suite did, errors not counted: 7 reads, WRITE_PAGES read back, 2 * MANY */
	tap_check(reads == 2 * MANY + 7 + WRITE_PAGES && writes == WRITE_PAGES + 1 && in_flight == 0,
		  "blk: /proc/diskstats counts %lu reads, %lu writes, %u in flight", reads, writes,
		  in_flight);
	tap_check(wsect == 8 * WRITE_PAGES + 1, "blk: /proc/diskstats counts %lu sectors written", wsect);
	kfree(buf);
}

/* ---- /dev/vda as a file ---- */

#define FILE_MSG	"written through /dev/vda by the blk suite"	/* run_tests.py looks for it */
#define FILE_MSG_AT	(1005 * SECTOR_SIZE + 100)

static void check_file(struct block_device *bdev, struct page *page)
{
	loff_t size = (loff_t)bdev_nr_sectors(bdev) << SECTOR_SHIFT, pos;
	char *buf = kmalloc(3 * PAGE_SIZE, GFP_KERNEL), *want = buf ? buf + PAGE_SIZE : NULL;
	struct file *f = filp_open("/dev/vda", O_RDWR, 0);
	long err;

	if (!tap_check(buf && !IS_ERR(f), "blk: /dev/vda opens for reading and writing (%ld)",
		       IS_ERR(f) ? PTR_ERR(f) : 0))
		goto out;
	pos = 4086;
	tap_check(kernel_read(f, buf, 10, &pos) == 10 && !memcmp(buf, "SWAPSPACE2", 10) && pos == 4096,
		  "blk: read(2) of 10 bytes at 4086 gives SWAPSPACE2");
	tap_check(vfs_llseek(f, 0, SEEK_END) == size && vfs_llseek(f, 1, SEEK_END) == -EINVAL &&
		  vfs_llseek(f, -1, SEEK_SET) == -EINVAL,
		  "blk: lseek SEEK_END is the disk's size; past it or before 0 is EINVAL");
	pos = size;
	tap_check(kernel_read(f, buf, 512, &pos) == 0 && kernel_write(f, buf, 512, &pos) == -ENOSPC,
		  "blk: at the end, read gives 0 and write ENOSPC");
	/* a page's worth from the middle of sector 8: the end of page 1, the start of page 2 */
	pos = 8 * SECTOR_SIZE + 256;
	fill_sectors(want, 8, 16, disk_word);
	tap_check(kernel_read(f, buf, PAGE_SIZE, &pos) == PAGE_SIZE &&
		  !memcmp(buf, want + 256, PAGE_SIZE),
		  "blk: a read across a page boundary, from the middle of a sector");
	pos = FILE_MSG_AT;
	tap_check(kernel_write(f, FILE_MSG, sizeof(FILE_MSG) - 1, &pos) == sizeof(FILE_MSG) - 1,
		  "blk: write(2) of %zu bytes in the middle of sector 1005", sizeof(FILE_MSG) - 1);
	fill_sectors(want, 1005, 1, disk_word);
	memcpy(want + 100, FILE_MSG, sizeof(FILE_MSG) - 1);
	tap_check(rw(bdev, REQ_OP_READ, 1005, page, 0, SECTOR_SIZE) == 0 &&
		  !memcmp(page_address(page), want, SECTOR_SIZE) &&
		  rw(bdev, REQ_OP_READ, 1003, page, 0, SECTOR_SIZE) == 0 &&
		  sectors_hold(page_address(page), 1003, 1, written_word),
		  "blk: the disk has those bytes there, and its neighbours as they were");
	fput(f);

	err = do_mknodat(AT_FDCWD, getname_kernel("/tmp/vdb"), S_IFBLK | 0600,
			 MKDEV(VIRTBLK_MAJOR, 16));
	f = err ? ERR_PTR(err) : filp_open("/tmp/vdb", O_RDONLY, 0);
	tap_check(!err && PTR_ERR(f) == -ENXIO, "blk: a block node with no disk (254:16) gives ENXIO");
	if (!err)
		do_unlinkat(AT_FDCWD, getname_kernel("/tmp/vdb"));
out:
	if (!IS_ERR(f))
		fput(f);
	kfree(buf);
}

/* ---- the disk's page cache ---- */

#define CACHE_SECTOR	9	/* in page 1 */

/* cached_clean: is page index of the disk cached, up to date, clean, and an evictable file page on an LRU list? */
static bool cached_clean(struct block_device *bdev, pgoff_t index)
{
	struct page *p = find_get_page(bdev_mapping(bdev), index);
	bool ok = p && PageUptodate(p) && !PageDirty(p) && PageLRU(p) && !PageUnevictable(p) &&
		  page_lru_type(p) == LRU_FILE && page_evictable(p);

	if (p)
		put_page(p);
	return ok;
}

/* file_sector_holds: does read(2) of sector s through f give word's contents? */
static bool file_sector_holds(struct file *f, char *buf, sector_t s, u64 (*word)(sector_t s, unsigned int k))
{
	loff_t pos = (loff_t)s * SECTOR_SIZE;

	return kernel_read(f, buf, SECTOR_SIZE, &pos) == SECTOR_SIZE && sectors_hold(buf, s, 1, word);
}

static void check_page_cache(struct block_device *bdev, struct page *page)
{
	char *buf = kmalloc(2 * SECTOR_SIZE, GFP_KERNEL), *want = buf ? buf + SECTOR_SIZE : NULL;
	struct file *f = filp_open("/dev/vda", O_RDWR, 0);
	loff_t pos;

	if (!tap_check(buf && !IS_ERR(f), "blk: /dev/vda opens again"))
		goto out;
	invalidate_bdev(bdev);
	tap_check(nr_blockdev_pages() == 0, "blk: invalidate_bdev drops every cached page nobody uses");
	tap_check(file_sector_holds(f, buf, CACHE_SECTOR, disk_word) && nr_blockdev_pages() == 1 &&
		  cached_clean(bdev, 1),
		  "blk: read(2) leaves its page in the disk's cache: up to date, clean, an evictable file page");
	fill_sectors(want, CACHE_SECTOR, 1, written_word);
	pos = CACHE_SECTOR * SECTOR_SIZE;
	tap_check(kernel_write(f, want, SECTOR_SIZE, &pos) == SECTOR_SIZE &&
		  rw(bdev, REQ_OP_READ, CACHE_SECTOR, page, 0, SECTOR_SIZE) == 0 &&
		  sectors_hold(page_address(page), CACHE_SECTOR, 1, written_word) && cached_clean(bdev, 1),
		  "blk: write(2) goes through to the disk at once and leaves the cached page clean");
	fill_sectors(page_address(page), CACHE_SECTOR, 1, disk_word);
	tap_check(rw(bdev, REQ_OP_WRITE, CACHE_SECTOR, page, 0, SECTOR_SIZE) == 0 &&
		  file_sector_holds(f, buf, CACHE_SECTOR, written_word),
		  "blk: read(2) is served from the cache: a bio written around it is not seen (as in Linux)");
	invalidate_bdev(bdev);
	tap_check(nr_blockdev_pages() == 0 && file_sector_holds(f, buf, CACHE_SECTOR, disk_word),
		  "blk: dropped, the page is read in again with what the disk holds");
	invalidate_bdev(bdev);
	tap_check(nr_blockdev_pages() == 0, "blk: and the cache is empty again");
out:
	if (!IS_ERR(f))
		fput(f);
	kfree(buf);
}

void selftest_blk(void)
{
	struct block_device *bdev = blkdev_get_by_dev(MKDEV(VIRTBLK_MAJOR, 0));
	struct page *page, *back;

	if (!tap_check(bdev != NULL, "blk: a disk is attached (254:0)"))
		return;
	tap_diag("vda: %lu sectors", bdev_nr_sectors(bdev));
	if (!tap_check(bdev_nr_sectors(bdev) >= MIN_SECTORS, "blk: the disk has at least %d sectors",
		       MIN_SECTORS))
		return;
	page = alloc_page(GFP_KERNEL);
	back = alloc_page(GFP_KERNEL);
	if (tap_check(page && back, "blk: two pages to read into")) {
		check_lookup(bdev);
		check_swap_header(bdev, page);
		check_reads(bdev, page);
		check_writes(bdev, page, back);
		check_many(bdev);
		check_errors(bdev, page);
		check_diskstats();
		check_file(bdev, page);
		check_page_cache(bdev, page);
	}
	if (page)
		__free_page(page);
	if (back)
		__free_page(back);
}
