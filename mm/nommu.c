/*
 * mm/nommu.c: user memory without an MMU, as Linux's mm/nommu.c and
 * Documentation/admin-guide/mm/nommu-mmap.rst describe it.
 *
 * With satp = Bare a user address is a physical address, so every mapping
 * is real memory from the moment it exists: no page tables, no faults, no
 * copy-on-write.  A mapping is one physically contiguous run of pages, a
 * vm_region; each VMA that maps it points at it:
 *  - anonymous memory (private or shared: without fork they are the same)
 *    gets 2^get_order(len) pages from the buddy allocator, zeroed, and the
 *    part past len goes back unless less than vm.nr_trim_pages of it;
 *  - a private file mapping that cannot change the file (no PROT_WRITE) is
 *    shareable: it reuses a region of the same file range if there is one
 *    (another process's too), else maps the file's own pages if they are
 *    contiguous (ramfs after ftruncate), else copies the file;
 *  - a writable private file mapping is always a copy of its own;
 *  - MAP_SHARED of a file maps its own pages, which only a file system
 *    that keeps them contiguous can offer (ramfs after ftruncate).
 * munmap, mremap and brk follow the same document, errno for errno.
 * The VMA bookkeeping is mm/vma.c's, shared with the MMU kernel.
 */
#include <asm/page.h>
#include <errno.h>
#include <err.h>
#include <fs.h>
#include <gfp.h>
#include <mman.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <oom.h>
#include <pgtable.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <slab.h>
#include <string.h>
#include <uaccess.h>
#include <vmalloc.h>
#include "internal.h"


/* vm.nr_trim_pages: give back the tail of a power-of-two block when at least this many pages (0: never). */
int sysctl_nr_trim_pages = 1;

/* Every region in the system, in address order: /proc/maps lists them. */
static LIST_HEAD(nommu_region_list);

/* Pages allocated for private copies and anonymous memory: meminfo's MmapCopy. */
unsigned long mmap_pages_allocated;

/* ---- regions ---- */

static void add_nommu_region(struct vm_region *region)
{
	struct vm_region *r;

	list_for_each_entry(r, &nommu_region_list, vm_list) {
		if (r->vm_start > region->vm_start) {
			list_add_tail(&region->vm_list, &r->vm_list);	/* just before r */
			return;
		}
	}
	list_add_tail(&region->vm_list, &nommu_region_list);
}

/* region_owns_pages: the region's memory was allocated for it (not a file's own pages). */
static bool region_owns_pages(const struct vm_region *region)
{
	return !region->vm_file || (region->vm_flags & VM_MAPPED_COPY);
}

/* free_page_series: give back the pages of [from, to), one by one, as they were split. */
static void free_page_series(unsigned long from, unsigned long to)
{
	for (; from < to; from += PAGE_SIZE) {
		__free_page(virt_to_page((void *)from));
		mmap_pages_allocated--;
	}
}

/* put_region: drop a VMA's use of region; the last one frees it. */
static void put_region(struct vm_region *region)
{
	if (--region->vm_usage > 0)
		return;
	list_del(&region->vm_list);
	if (region_owns_pages(region))
		free_page_series(region->vm_start, region->vm_top);
	if (region->vm_file)
		fput(region->vm_file);
	kfree(region);
}

void nommu_for_each_region(void (*fn)(const struct vm_region *region, void *arg), void *arg)
{
	struct vm_region *r;

	list_for_each_entry(r, &nommu_region_list, vm_list)
		fn(r, arg);
}

/* ---- address spaces ---- */

/* mm_rss_add: a VMA's pages count as resident for as long as it exists (there is no paging). */
static void mm_rss_add(struct vm_area_struct *vma, long pages)
{
	if (pages < 0)
		update_hiwater_rss(vma->vm_mm);
	if (vma->vm_region && !region_owns_pages(vma->vm_region))
		vma->vm_mm->rss_file += pages;
	else
		vma->vm_mm->rss_anon += pages;
}

/* delete_vma: take vma out of mm and give back what it holds. */
static void delete_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma);
	struct vm_area_struct **link = prev ? &prev->vm_next : &mm->mmap;

	*link = vma->vm_next;
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	mm->map_count--;
	vm_stat_account(mm, vma->vm_flags, -vma_pages(vma));
	mm_rss_add(vma, -vma_pages(vma));
	if (vma->vm_region)
		put_region(vma->vm_region);
	free_vma(vma);
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (mm)
		mm->mm_users = 1;	/* no page tables to make */
	return mm;
}

void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users > 0)
		return;
	mm->oom_skip = true;	/* what is left here is on its way back */
	while (mm->mmap)
		delete_vma(mm, mm->mmap);
	kfree(mm->exe_name);
	kfree(mm);
}

/* dup_mm: never called: without an MMU there is no fork (sys_clone refuses it), only vfork. */
struct mm_struct *dup_mm(struct mm_struct *old)
{
	return NULL;
}

/* ---- mmap ---- */

/*
 * vmalloc without an MMU, as Linux's mm/nommu.c: there are no page tables
 * to make scattered pages contiguous, so an area is simply kmalloc
 * memory, physically contiguous (pages from the buddy allocator past
 * KMALLOC_MAX_CACHE_SIZE).  There is no vmalloc space: is_vmalloc_addr is
 * false, /proc/vmallocinfo is empty and VmallocTotal and VmallocUsed are
 * 0, as Linux's stubs say; vmap cannot be done and returns NULL.
 */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, int node,
		     const void *caller)
{
	/* kmalloc aligns only to its size class: a larger alignment cannot be promised. */
	if (!size || align > PAGE_SIZE)
		return NULL;
	return kmalloc(size, gfp);
}

void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL, 0, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL | __GFP_ZERO, 0,
			      __builtin_return_address(0));
}

void vfree(const void *addr)
{
	kfree(addr);	/* kfree reports what is not a live kmalloc object */
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	return NULL;
}

void vunmap(const void *addr)
{
}

bool is_vmalloc_addr(const void *addr)
{
	return false;
}

struct vm_struct *find_vm_area(const void *addr)
{
	return NULL;
}

struct page *vmalloc_to_page(const void *addr)
{
	return NULL;
}

bool vmalloc_describe(unsigned long addr, char *buf, unsigned long size)
{
	return false;
}

void vmalloc_init(void)
{
}

unsigned long vmalloc_nr_pages(void)
{
	return 0;
}

unsigned long vmalloc_total(void)
{
	return 0;
}

void show_vmallocinfo(struct seq_buf *m)
{
}

/*
 * validate_mmap_request: Linux's checks, in its order; the capabilities
 * the mapping will have (NOMMU_MAP_*), or -errno.
 */
static long validate_mmap_request(struct file *file, unsigned long prot, unsigned long flags,
				  unsigned long len, unsigned long pgoff)
{
	unsigned long capabilities;
	int err;

	if (flags & MAP_FIXED)
		return -EINVAL;		/* there is no address space to place anything in */
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (flags & MAP_TYPE) != MAP_SHARED)
		return -EINVAL;
	err = mmap_check_len(len, pgoff);
	if (err)
		return err;
	if (!file)
		return NOMMU_MAP_COPY;	/* anonymous memory: always a private allocation */

	if (!file->f_op || !file->f_op->mmap)
		return -ENODEV;
	if (file->f_op->mmap_capabilities) {
		capabilities = file->f_op->mmap_capabilities(file);
	} else {
		switch (file_inode(file)->i_mode & S_IFMT) {
		case S_IFREG:
		case S_IFBLK:
			capabilities = NOMMU_MAP_COPY;
			break;
		case S_IFCHR:
			capabilities = NOMMU_MAP_DIRECT | NOMMU_MAP_READ | NOMMU_MAP_WRITE;
			break;
		default:
			return -EINVAL;
		}
	}
	if (!file->f_op->get_unmapped_area)
		capabilities &= ~NOMMU_MAP_DIRECT;
	if (!file->f_op->read)
		capabilities &= ~NOMMU_MAP_COPY;	/* nothing to copy from */
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if ((flags & MAP_TYPE) == MAP_SHARED) {
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		if (!(capabilities & NOMMU_MAP_DIRECT))
			return -ENODEV;
		if (((prot & PROT_READ) && !(capabilities & NOMMU_MAP_READ)) ||
		    ((prot & PROT_WRITE) && !(capabilities & NOMMU_MAP_WRITE)) ||
		    ((prot & PROT_EXEC) && !(capabilities & NOMMU_MAP_EXEC)))
			return -EINVAL;
		capabilities &= ~NOMMU_MAP_COPY;
	} else {
		if (!(capabilities & NOMMU_MAP_COPY))
			return -ENODEV;
		/* A direct private mapping must not let the program write the file. */
		if (((prot & PROT_READ) && !(capabilities & NOMMU_MAP_READ)) ||
		    ((prot & PROT_WRITE) && !(capabilities & NOMMU_MAP_WRITE)) ||
		    ((prot & PROT_EXEC) && !(capabilities & NOMMU_MAP_EXEC)) || (prot & PROT_WRITE))
			capabilities &= ~NOMMU_MAP_DIRECT;
	}
	return (long)capabilities;
}

/* determine_vm_flags: the VMA's flags, as Linux's: a read-only private file mapping is shareable. */
static unsigned long determine_vm_flags(struct file *file, unsigned long prot, unsigned long flags,
					unsigned long capabilities)
{
	unsigned long vm_flags = calc_vm_prot_bits(prot);

	if (!file)
		return vm_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;	/* MAP_SHARED is MAP_PRIVATE */
	if ((flags & MAP_TYPE) == MAP_PRIVATE) {
		if (capabilities & NOMMU_MAP_DIRECT)
			vm_flags |= capabilities & NOMMU_VMFLAGS;
		else
			vm_flags |= VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
		if (!(prot & PROT_WRITE))
			vm_flags |= VM_MAYSHARE;	/* it can never change the file: it may be shared */
		return vm_flags;
	}
	return vm_flags | VM_SHARED | VM_MAYSHARE | (capabilities & NOMMU_VMFLAGS);
}

/* range_free_in: no VMA of mm overlaps [start, end). */
static bool range_free_in(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	return !v || v->vm_start >= end;
}

/*
 * find_shareable_region: a region of the same file range a shareable
 * request fits inside (and that this mm does not map already: one address
 * space cannot map one address twice).  NULL if none; -EINVAL for a
 * partial overlap that could only be served by sharing mismatched ranges.
 */
static struct vm_region *find_shareable_region(struct mm_struct *mm, struct file *file,
					       unsigned long pgoff, unsigned long len,
					       unsigned long vm_flags, unsigned long capabilities)
{
	unsigned long pglen = PFN_UP(len), pgend = pgoff + pglen;
	struct vm_region *r;

	list_for_each_entry(r, &nommu_region_list, vm_list) {
		unsigned long rpglen, rpgend, start;

		if (!(r->vm_flags & VM_MAYSHARE) || !r->vm_file ||
		    file_inode(r->vm_file) != file_inode(file))
			continue;
		/* A shared mapping writes the file: a private copy of it will not do (Linux allows it). */
		if ((vm_flags & VM_SHARED) && (r->vm_flags & VM_MAPPED_COPY))
			continue;
		rpglen = PFN_UP(r->vm_end - r->vm_start);
		rpgend = r->vm_pgoff + rpglen;
		if (r->vm_pgoff >= pgend || pgoff >= rpgend)
			continue;
		if ((r->vm_pgoff != pgoff || rpglen != pglen) &&
		    !(pgoff >= r->vm_pgoff && pgend <= rpgend)) {
			if (!(capabilities & NOMMU_MAP_DIRECT)) {
				pr_warn("%s[%d]: attempt to share mismatched mappings\n",
					current->comm, current->pid);
				return ERR_PTR(-EINVAL);
			}
			continue;
		}
		start = r->vm_start + ((pgoff - r->vm_pgoff) << PAGE_SHIFT);
		if (!range_free_in(mm, start, start + len))
			continue;
		return r;
	}
	return NULL;
}

/*
 * do_mmap_private: the region's memory: the file's own pages if the file
 * system maps them directly, else a contiguous allocation, filled from
 * the file (the tail past its end zeroed) or zeroed.  0 or -errno.
 */
static int do_mmap_private(struct vm_area_struct *vma, struct vm_region *region,
			   unsigned long len, unsigned long capabilities)
{
	unsigned long order, total, point;
	void *base;

	if (capabilities & NOMMU_MAP_DIRECT) {
		int err = vma->vm_file->f_op->mmap(vma->vm_file, vma);

		if (!err) {
			region->vm_top = region->vm_end;	/* nothing allocated: the file's pages */
			return 0;
		}
		if (err != -ENOSYS)
			return err;
		/* not mappable after all: copy */
	}

	order = 0;
	while ((1UL << order) < PFN_UP(len))
		order++;
	total = 1UL << order;
	point = PFN_UP(len);
	/* The power-of-two tail goes back unless it is smaller than nr_trim_pages. */
	if (sysctl_nr_trim_pages && total - point >= (unsigned long)sysctl_nr_trim_pages)
		total = point;
	base = alloc_pages_exact(total << PAGE_SHIFT, GFP_USER | __GFP_NOWARN);
	if (!base)
		return -ENOMEM;
	/*
	 * bench=oom: with no reaper the mmap that ran the OOM killer fails
	 * before its victim exits; the measurement ends at the next one that
	 * gets its memory.
	 */
	oom_bench_done();
	mmap_pages_allocated += total;

	region->vm_flags = vma->vm_flags |= VM_MAPPED_COPY;
	region->vm_start = (unsigned long)base;
	region->vm_end = region->vm_start + len;
	region->vm_top = region->vm_start + (total << PAGE_SHIFT);
	vma->vm_start = region->vm_start;
	vma->vm_end = region->vm_start + len;

	if (vma->vm_file) {
		loff_t pos = (loff_t)vma->vm_pgoff << PAGE_SHIFT;
		ssize_t got = kernel_read(vma->vm_file, base, len, &pos);

		if (got < 0)
			return (int)got;	/* the caller frees the region */
		if ((unsigned long)got < len)
			memset((char *)base + got, 0, len - (unsigned long)got);
	} else {
		/* as Linux without MAP_UNINITIALIZED; a page at a time is 64 bytes a loop, memset one */
		for (unsigned long off = 0; off < len; off += PAGE_SIZE)
			clear_page((char *)base + off);
	}
	return 0;
}

/* discard_region: undo a region that never went on the list: its pages if it had any, its file. */
static void discard_region(struct vm_region *region)
{
	if (region_owns_pages(region) && region->vm_top > region->vm_start)
		free_page_series(region->vm_start, region->vm_top);
	if (region->vm_file)
		fput(region->vm_file);
	kfree(region);
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long prot,
	     unsigned long flags, struct file *file, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	struct vm_region *region, *shared;
	unsigned long vm_flags, capabilities;
	long ret = validate_mmap_request(file, prot, flags, len, pgoff);
	bool accounted = false;

	if (ret < 0)
		return ret;
	capabilities = (unsigned long)ret;
	(void)addr;	/* a hint means nothing here */
	len = PAGE_ALIGN(len);
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	vm_flags = determine_vm_flags(file, prot, flags, capabilities);

	/* Private writable memory is charged to Committed_AS, as with an MMU. */
	if (mmap_account(&vm_flags, flags, len))
		return -ENOMEM;
	accounted = vm_flags & VM_ACCOUNT;

	ret = -ENOMEM;
	region = kzalloc(sizeof(*region), GFP_KERNEL);
	if (!region)
		goto unacct;
	vma = vma_new(mm, 0, 0, vm_flags, NULL);
	if (!vma) {
		kfree(region);
		goto unacct;
	}
	region->vm_usage = 1;
	region->vm_flags = vm_flags;
	region->vm_pgoff = pgoff;
	if (file) {
		region->vm_file = get_file(file);
		vma->vm_file = get_file(file);
		vma->vm_pgoff = pgoff;
	}

	if (vm_flags & VM_MAYSHARE) {
		shared = find_shareable_region(mm, file, pgoff, len, vm_flags, capabilities);
		if (IS_ERR(shared)) {
			ret = PTR_ERR(shared);
			goto discard;
		}
		if (shared) {
			/* Another mapping of this file range: use its memory. */
			discard_region(region);
			shared->vm_usage++;
			if (shared->vm_flags & VM_MAPPED_COPY)
				vma->vm_flags |= VM_MAPPED_COPY;
			vma->vm_region = shared;
			vma->vm_start = shared->vm_start + ((pgoff - shared->vm_pgoff) << PAGE_SHIFT);
			vma->vm_end = vma->vm_start + len;
			goto link;
		}
	}

	if (capabilities & NOMMU_MAP_DIRECT) {
		/* Where the file's pages are, if they are one run. */
		long where = file->f_op->get_unmapped_area(file, len, pgoff);

		if (where < 0) {
			ret = where;
			if (where != -ENOSYS)
				goto discard;
			ret = -ENODEV;
			if (!(capabilities & NOMMU_MAP_COPY))
				goto discard;
			capabilities &= ~NOMMU_MAP_DIRECT;	/* a private copy will do */
		} else if (!range_free_in(mm, (unsigned long)where, (unsigned long)where + len)) {
			/* This process maps those pages already: its VMAs cannot overlap. */
			ret = -EINVAL;
			if ((vm_flags & VM_SHARED) || !(capabilities & NOMMU_MAP_COPY))
				goto discard;
			capabilities &= ~NOMMU_MAP_DIRECT;	/* a private copy of its own */
		} else {
			vma->vm_start = region->vm_start = (unsigned long)where;
			vma->vm_end = region->vm_end = (unsigned long)where + len;
		}
	}

	vma->vm_region = region;
	if (file && (vm_flags & VM_SHARED)) {
		ret = file->f_op->mmap(file, vma);
		if (ret == -ENOSYS)
			ret = -ENODEV;
		region->vm_top = region->vm_end;
	} else {
		ret = do_mmap_private(vma, region, len, capabilities);
	}
	if (ret)
		goto discard;
	add_nommu_region(region);
link:
	if (insert_vma(mm, vma)) {
		/* The same memory twice in one mm: refuse rather than overlap VMAs. */
		ret = -EINVAL;
		put_region(vma->vm_region);
		goto free_vma;
	}
	mm_rss_add(vma, vma_pages(vma));
	return (long)vma->vm_start;

discard:
	discard_region(region);
free_vma:
	if (vma->vm_file)
		fput(vma->vm_file);
	kfree(vma);
unacct:
	if (accounted)
		vm_unacct_memory((long)(len >> PAGE_SHIFT));
	return ret;
}

/* ---- munmap, mremap, brk ---- */

/*
 * split_vma: cut an anonymous vma (and its region) in two at addr, as
 * Linux's nommu split_vma; the part above addr becomes a VMA and region
 * of its own.  0 or -ENOMEM (a file VMA cannot be split).
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *n;
	struct vm_region *region;

	if (vma->vm_file || vma->vm_region->vm_usage != 1 || mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	region = kmalloc(sizeof(*region), GFP_KERNEL);
	if (!region)
		return -ENOMEM;
	n = kmalloc(sizeof(*n), GFP_KERNEL);
	if (!n) {
		kfree(region);
		return -ENOMEM;
	}
	*region = *vma->vm_region;
	*n = *vma;
	n->vm_region = region;
	n->vm_start = region->vm_start = addr;
	vma->vm_region->vm_top = vma->vm_region->vm_end = addr;
	vma->vm_end = addr;
	if (vma->vm_flags & VM_ACCOUNT)
		n->vm_flags |= VM_ACCOUNT;	/* each half carries its own pages' charge */
	add_nommu_region(region);
	vm_stat_account(mm, n->vm_flags, -vma_pages(n));	/* vma_link counts them again */
	vma_link(mm, n, vma);
	return 0;
}

/* shrink_vma: vma loses [from, to), at one of its ends; the pages go back. */
static void shrink_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long from, unsigned long to)
{
	struct vm_region *region = vma->vm_region;
	long pages = (long)((to - from) >> PAGE_SHIFT);

	vm_stat_account(mm, vma->vm_flags, -pages);
	mm_rss_add(vma, -pages);
	if (vma->vm_flags & VM_ACCOUNT)
		vm_unacct_memory(pages);
	if (from > vma->vm_start) {
		vma->vm_end = from;
	} else {
		rb_erase(&vma->vm_rb, &mm->mm_rb);	/* its key changes */
		vma->vm_start = to;
		vma_rb_insert(mm, vma);
	}
	if (from > region->vm_start) {
		to = region->vm_top;	/* the untrimmed tail goes too */
		region->vm_top = region->vm_end = from;
	} else {
		region->vm_start = to;
	}
	free_page_series(from, to);
}

int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma;
	unsigned long end;

	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = start + len;
	vma = find_vma(mm, start);
	if (!vma)
		return -EINVAL;
	if (vma->vm_file) {
		/* A file mapping goes whole, or not at all. */
		for (; vma; vma = vma->vm_next) {
			if (start > vma->vm_start)
				return -EINVAL;
			if (end == vma->vm_end)
				goto erase_whole_vma;
		}
		return -EINVAL;
	}
	/* An anonymous one may lose its ends, or a middle part (split first). */
	if (start == vma->vm_start && end == vma->vm_end)
		goto erase_whole_vma;
	if (start < vma->vm_start || end > vma->vm_end)
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (end != vma->vm_end && (end & ~PAGE_MASK))
		return -EINVAL;
	if (start != vma->vm_start && end != vma->vm_end) {
		int err = split_vma(mm, vma, start);

		if (err)
			return err;
		vma = vma->vm_next;	/* the part that starts at start */
	}
	shrink_vma(mm, vma, start, end);
	return 0;

erase_whole_vma:
	delete_vma(mm, vma);
	return 0;
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long delta;

	if (flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!old_len || !new_len)
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && new_addr != addr)
		return -EINVAL;		/* nothing ever moves */
	vma = mm ? find_vma(mm, addr) : NULL;
	if (!vma || vma->vm_start != addr || vma->vm_end != addr + old_len)
		return -EINVAL;
	if (vma->vm_flags & VM_MAYSHARE)
		return -EPERM;		/* others may be using the same memory */
	if (new_len > vma->vm_region->vm_end - vma->vm_region->vm_start)
		return -ENOMEM;		/* no growing past the allocation */
	delta = (long)(new_len >> PAGE_SHIFT) - vma_pages(vma);
	/* The charge follows the size: free_vma gives back what the VMA covers then. */
	if (vma->vm_flags & VM_ACCOUNT) {
		if (delta > 0 && vm_enough_memory(delta))
			return -ENOMEM;
		if (delta < 0)
			vm_unacct_memory(-delta);
	}
	vm_stat_account(mm, vma->vm_flags, delta);
	mm_rss_add(vma, delta);
	vma->vm_end = vma->vm_start + new_len;
	validate_mm(mm);
	return (long)vma->vm_start;
}

/* sys_brk: there is no room to grow a heap into: the break never moves (ENOMEM to the C library). */
long sys_brk(unsigned long brk)
{
	return current->mm ? (long)current->mm->brk : 0;
}

/* ---- what exec and the rest of the kernel ask of user memory ---- */

#define STACK_GUARD	PAGE_SIZE

/* stack_end_word: the word just below the stack whose top is top. */
static unsigned long *stack_end_word(unsigned long top)
{
	return (unsigned long *)(top - STACK_INITIAL) - 1;
}

/*
 * setup_stack_vma: a fixed STACK_INITIAL stack (Linux's default for flat
 * binaries is smaller; 128 KiB is what the MMU kernel starts with), with
 * one more page below it, STACK_GUARD, that nobody else can be given: an
 * overrun of a few KiB lands in the process's own memory, and the word
 * just below the stack, STACK_END_MAGIC, tells user_stack_check it
 * happened.
 */
long setup_stack_vma(struct mm_struct *mm)
{
	long base = do_mmap(mm, 0, STACK_GUARD + STACK_INITIAL, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);

	if (base < 0)
		return base;
	find_vma(mm, (unsigned long)base)->vm_name = "[stack]";
	*stack_end_word((unsigned long)base + STACK_GUARD + STACK_INITIAL) = STACK_END_MAGIC;
	return base + (long)(STACK_GUARD + STACK_INITIAL);
}

void user_stack_check(void)
{
	struct mm_struct *mm = current->mm;
	unsigned long *end;

	if (!mm || !mm->start_stack)
		return;
	end = stack_end_word(mm->start_stack);
	if (*end == STACK_END_MAGIC)
		return;
	*end = STACK_END_MAGIC;		/* one report */
	force_sig_fault(SIGSEGV, SEGV_MAPERR, (unsigned long)end,
			"user stack overrun: written below its fixed 128 KiB");
}

struct page *follow_page(struct mm_struct *mm, unsigned long va)
{
	struct vm_area_struct *vma = find_vma(mm, va);

	if (!vma || va < vma->vm_start)
		return NULL;
	return virt_to_page((void *)va);	/* the user address is the memory */
}

struct page *get_user_page_remote(struct mm_struct *mm, unsigned long addr)
{
	return follow_page(mm, addr);
}

/* populate_vma_page_range: every page exists from the start: nothing to do. */
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	return 0;
}

/* unmap_mapping_range: no page tables map a file's pages; ramfs refuses to cut them from under a mapping. */
void unmap_mapping_range(struct address_space *mapping, pgoff_t start)
{
}

bool access_ok(const void __user *addr, size_t size)
{
	unsigned long a = (unsigned long)addr, end = a + size;
	struct vm_area_struct *vma;

	if (end < a || !current->mm)
		return false;
	if (!size)
		return true;
	/* Inside the process's own mappings (which may touch), as an MMU would check by faulting. */
	for (vma = find_vma(current->mm, a); vma && vma->vm_start <= a; vma = vma->vm_next) {
		if (end <= vma->vm_end)
			return true;
		a = vma->vm_end;
	}
	return false;
}
