/*
 * kernel/fs/ramfs_file_nommu.c: a ramfs regular file without an MMU
 * (Linux's fs/ramfs/file-nommu.c).
 *
 * A mapping is one run of memory, so a file can be mapped in place only
 * if its pages are physically contiguous.  Pages written one at a time
 * are not, but growing an empty file with ftruncate allocates them all at
 * once, contiguous and zeroed: "open, truncate, mmap" is how a program
 * gets MAP_SHARED memory here.  Anything else is copied by a private
 * mapping (mm/nommu.c) and refused to a shared one.
 */
#include <errno.h>
#include <gfp.h>
#include <mm_user.h>
#include <pagemap.h>
#include <string.h>
#include "internal.h"

/* ramfs_nommu_expand_for_mapping: give an empty file newsize bytes of contiguous zeroed pages. */
static int ramfs_nommu_expand_for_mapping(struct inode *inode, loff_t newsize)
{
	unsigned long npages = PFN_UP(newsize);
	char *data;
	int err = inode_newsize_ok(inode, newsize);

	if (err)
		return err;
	if (npages > (1UL << MAX_PAGE_ORDER))
		return -EFBIG;
	data = alloc_pages_exact(npages << PAGE_SHIFT, GFP_USER | __GFP_NOWARN);
	if (!data)
		return -ENOMEM;
	memset(data, 0, npages << PAGE_SHIFT);
	for (unsigned long i = 0; i < npages; i++) {
		struct page *page = virt_to_page(data + (i << PAGE_SHIFT));

		err = add_to_page_cache(page, inode->i_mapping, i);
		if (err) {
			truncate_inode_pages(inode->i_mapping, 0);
			free_pages_exact(data + (i << PAGE_SHIFT), (npages - i) << PAGE_SHIFT);
			return err;
		}
		SetPageUptodate(page);
		SetPageDirty(page);	/* ramfs pages have nowhere else to be */
		put_page(page);		/* the cache holds it now */
	}
	inode->i_size = newsize;
	return 0;
}

/*
 * shrink_ok: no direct mapping of the file's own pages reaches past
 * newsize (those pages would be freed under it).  Linux checks shared
 * mappings only; rvmm checks read-only private ones too, which map the
 * same pages.
 */
static bool shrink_ok(struct inode *inode, loff_t newsize)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &inode->i_mapping->i_mmap, shared) {
		if (vma->vm_flags & VM_MAPPED_COPY)
			continue;
		if (((loff_t)vma->vm_pgoff << PAGE_SHIFT) + (loff_t)(vma->vm_end - vma->vm_start) >
		    ALIGN(newsize, (loff_t)PAGE_SIZE))
			return false;
	}
	return true;
}

static int ramfs_nommu_setattr(struct inode *inode, const struct iattr *ia)
{
	if ((ia->ia_valid & ATTR_SIZE) && ia->ia_size != inode->i_size) {
		/* A truncate from zero is taken to be for a shared mapping, as Linux does. */
		if (inode->i_size == 0)
			return ramfs_nommu_expand_for_mapping(inode, ia->ia_size);
		if (ia->ia_size < inode->i_size && !shrink_ok(inode, ia->ia_size))
			return -ETXTBSY;	/* "not quite true, but near enough", says Linux */
	}
	return simple_setattr(inode, ia);
}

/* ramfs_nommu_get_unmapped_area: where [pgoff, pgoff+len) of the file is, if all of it is one run of pages. */
static long ramfs_nommu_get_unmapped_area(struct file *file, unsigned long len, unsigned long pgoff)
{
	struct inode *inode = file_inode(file);
	unsigned long lpages = PFN_UP(len), maxpages = PFN_UP(inode->i_size);
	struct page *first = NULL;
	long ret = -ENOSYS;

	if (pgoff >= maxpages || maxpages - pgoff < lpages)
		return -ENOSYS;		/* the mapping may not reach past the end of the file */
	for (unsigned long i = 0; i < lpages; i++) {
		struct page *page = find_get_page(inode->i_mapping, pgoff + i);

		if (!page)
			goto out;
		put_page(page);		/* the cache keeps it; the caller maps it */
		if (!first)
			first = page;
		else if (page != first + i)
			goto out;	/* not contiguous */
	}
	ret = (long)page_address(first);
out:
	return ret;
}

/* ramfs_nommu_mmap: the pages are already in place; only a shareable mapping may use them directly. */
static int ramfs_nommu_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_MAYSHARE ? 0 : -ENOSYS;
}

static unsigned int ramfs_mmap_capabilities(struct file *file)
{
	return NOMMU_MAP_DIRECT | NOMMU_MAP_COPY | NOMMU_MAP_READ | NOMMU_MAP_WRITE | NOMMU_MAP_EXEC;
}

const struct inode_operations ramfs_file_inode_operations = {
	.setattr = ramfs_nommu_setattr,
};

const struct file_operations ramfs_file_operations = {
	.read = generic_file_read_iter,
	.write = generic_file_write_iter,
	.llseek = generic_file_llseek,
	.fsync = noop_fsync,
	.mmap = ramfs_nommu_mmap,
	.get_unmapped_area = ramfs_nommu_get_unmapped_area,
	.mmap_capabilities = ramfs_mmap_capabilities,
};
