/*
 * mm/mincore.c: mincore, which pages of a range are resident, as Linux's
 * mm/mincore.c: one byte per page, 1 for resident.  A page is resident if
 * this process maps it (the zero page too), or, in a file mapping, if the
 * file's page is in the page cache even though this process has not
 * touched it; anonymous memory never touched is 0, and so is a page
 * written out to swap, unless the swap cache still holds it (Linux's
 * mincore_swap).
 *
 * Linux builds this only with an MMU; without one mincore is ENOSYS.
 */
#include <errno.h>
#include <fs.h>
#include <mm_user.h>
#include <pagemap.h>
#include <pgtable.h>
#include <sched.h>
#include <swap.h>
#include <uaccess.h>

/* mincore_page: is the page at addr of v resident? */
static unsigned char mincore_page(struct vm_area_struct *v, unsigned long addr)
{
	pte_t *pte = pgtable_walk(v->vm_mm->pgd, addr, 0, NULL, NULL);
	struct page *page;

	if (pte && pte_has_page(*pte))
		return 1;
	if (pte && is_swap_pte(*pte)) {
		unsigned char resident;

		page = lookup_swap_cache(pte_to_swp_entry(*pte));
		if (!page)
			return 0;
		resident = PageUptodate(page);	/* not while its read is in flight */
		put_page(page);
		return resident;
	}
	if (!v->vm_file)
		return 0;
	page = find_get_page(v->vm_file->f_mapping,
			     v->vm_pgoff + ((addr - v->vm_start) >> PAGE_SHIFT));
	if (!page)
		return 0;
	put_page(page);
	return 1;
}

/*
 * do_mincore: fill vec for up to pages pages from addr, as far as the VMA
 * at addr goes: how many were filled, or -ENOMEM when nothing is mapped
 * at addr.
 */
static long do_mincore(struct mm_struct *mm, unsigned long addr, unsigned long pages,
		       unsigned char *vec)
{
	struct vm_area_struct *v = find_vma(mm, addr);
	unsigned long end, i = 0;

	if (!v || v->vm_start > addr)
		return -ENOMEM;
	end = MIN(v->vm_end, addr + (pages << PAGE_SHIFT));
	for (; addr < end; addr += PAGE_SIZE)
		vec[i++] = mincore_page(v, addr);
	return (long)i;
}

/*
 * sys_mincore: Linux's checks in its order: an unaligned start EINVAL, a
 * range outside user space ENOMEM, a vector outside it EFAULT.  The
 * vector is written a chunk at a time as the range is walked, so a hole
 * part-way gives ENOMEM with the bytes before it written.
 */
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	unsigned char buf[256];
	unsigned long pages;
	long n;

	if (!current->mm || (start & ~PAGE_MASK))
		return -EINVAL;
	if (!access_ok((const void __user *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	while (pages) {
		n = do_mincore(current->mm, start, MIN(pages, sizeof(buf)), buf);
		if (n <= 0)
			return n;
		if (copy_to_user(vec, buf, (size_t)n))
			return -EFAULT;
		pages -= (unsigned long)n;
		vec += n;
		start += (unsigned long)n << PAGE_SHIFT;
		cond_resched();
	}
	return 0;
}
