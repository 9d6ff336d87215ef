/*
 * mm/vma.c: the VMAs of an address space, as both kernels keep them.
 *
 * VMAs are kept both in a red-black tree (find_vma in O(log n)) and in a
 * list in address order (for walks); they never overlap.  What makes and
 * unmakes them differs with and without an MMU (mm/mmap.c, mm/nommu.c);
 * the bookkeeping here, and the mmap and munmap system-call entries, are
 * the same.
 */
#include <cmdline.h>
#include <errno.h>
#include <fs.h>
#include <gfp.h>
#include <mman.h>
#include <mm_user.h>
#include <pgtable.h>
#include <printk.h>
#include <resource.h>
#include <sched.h>
#include <slab.h>
#include "internal.h"

int sysctl_max_map_count = 65530;

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *n = mm->mm_rb.node;
	struct vm_area_struct *found = NULL;

	while (n) {
		struct vm_area_struct *v = rb_entry(n, struct vm_area_struct, vm_rb);

		if (v->vm_end > addr) {
			found = v;		/* a candidate; one further left may end above addr too */
			if (v->vm_start <= addr)
				break;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return found;
}

/* vma_rb_insert: put vma in the tree (its range overlaps no other). */
void vma_rb_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = vma->vm_start < rb_entry(parent, struct vm_area_struct, vm_rb)->vm_start ?
		       &parent->left : &parent->right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
}

/* vma_prev: the VMA just below vma, or NULL. */
struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	struct rb_node *p = rb_prev(&vma->vm_rb);

	return p ? rb_entry(p, struct vm_area_struct, vm_rb) : NULL;
}

/*
 * vma_link: make vma part of mm, just after prev (NULL: first): the list,
 * the tree, the counters, and its file's i_mmap, where truncate finds it.
 */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *prev)
{
	struct vm_area_struct **link = prev ? &prev->vm_next : &mm->mmap;

	vma->vm_next = *link;
	*link = vma;
	vma_rb_insert(mm, vma);
	mm->map_count++;
	vm_stat_account(mm, vma->vm_flags, vma_pages(vma));
	if (vma->vm_file)
		list_add_tail(&vma->shared, &vma->vm_file->f_mapping->i_mmap);
}

/* is_data_mapping: private, writable and not the stack: what RLIMIT_DATA limits (Linux's test). */
static bool is_data_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

void vm_stat_account(struct mm_struct *mm, unsigned long vm_flags, long npages)
{
	mm->total_vm += (unsigned long)npages;
	if (is_data_mapping(vm_flags))
		mm->data_vm += (unsigned long)npages;
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += (unsigned long)npages;
}

void vma_set_flags(struct vm_area_struct *vma, unsigned long vm_flags)
{
	vm_stat_account(vma->vm_mm, vma->vm_flags, -vma_pages(vma));
	vma->vm_flags = vm_flags;
	vm_stat_account(vma->vm_mm, vma->vm_flags, vma_pages(vma));
}

/*
 * may_expand_vm: may mm map npages more with vm_flags?  Not past
 * RLIMIT_AS in all, nor past RLIMIT_DATA in private writable memory
 * (Linux's, with its exception for a data limit of 0 under a larger hard
 * one, which Valgrind relies on).
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages)
{
	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(vm_flags) && mm->data_vm + npages > rlimit(RLIMIT_DATA) >> PAGE_SHIFT)
		return rlimit(RLIMIT_DATA) == 0 &&
		       mm->data_vm + npages <= rlimit_max(RLIMIT_DATA) >> PAGE_SHIFT;
	return true;
}

/* vma_before: the last VMA that ends at or below addr, or NULL (O(log n): the tree). */
struct vm_area_struct *vma_before(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *n = mm->mm_rb.node;
	struct vm_area_struct *found = NULL;

	while (n) {
		struct vm_area_struct *v = rb_entry(n, struct vm_area_struct, vm_rb);

		if (v->vm_end <= addr) {
			found = v;	/* a candidate; one further right may end at or below addr too */
			n = n->right;
		} else {
			n = n->left;
		}
	}
	return found;
}

/* insert_vma: link vma in address order; -EEXIST if it overlaps a neighbour. */
int insert_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_before(mm, vma->vm_start);
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;

	if (next && next->vm_start < vma->vm_end)
		return -EEXIST;
	vma_link(mm, vma, prev);
	return 0;
}

struct vm_area_struct *vma_new(struct mm_struct *mm, unsigned long start,
				      unsigned long end, unsigned long vm_flags, const char *name)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		vma->vm_start = start;
		vma->vm_end = end;
		vma->vm_flags = vm_flags;
		vma->vm_name = name;
	}
	return vma;
}

/* free_vma: what a VMA holds besides its pages: its charge and its file. */
void free_vma(struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_ACCOUNT)
		vm_unacct_memory(vma_pages(vma));
	if (vma->vm_file) {
		list_del(&vma->shared);
		fput(vma->vm_file);
	}
	kfree(vma);
}

/*
 * validate_mm: with the boot option debug_vm, check after every change to
 * an address space that its VMAs are sorted, page-aligned and
 * non-overlapping, that the list and the tree hold the same VMAs in the
 * same order, and that map_count and total_vm match them.  A broken
 * invariant is a kernel bug: it panics, naming what broke.
 */
static int debug_vm = -1;	/* -1: the command line not read yet */

void validate_mm(struct mm_struct *mm)
{
	struct rb_node *node;
	struct vm_area_struct *v, *prev = NULL;
	unsigned long pages = 0, data = 0, locked = 0;
	int count = 0;

	if (debug_vm < 0)
		debug_vm = cmdline_find(boot_command_line, "debug_vm", NULL, 0);
	if (!debug_vm || !mm)
		return;
	node = rb_first(&mm->mm_rb);
	for_each_vma(mm, v) {
		if (v->vm_mm != mm || v->vm_start >= v->vm_end ||
		    ((v->vm_start | v->vm_end) & ~PAGE_MASK) || v->vm_end > task_size)
			panic("validate_mm: bad VMA %#lx-%#lx", v->vm_start, v->vm_end);
		if (prev && prev->vm_end > v->vm_start)
			panic("validate_mm: VMA %#lx-%#lx overlaps or precedes %#lx-%#lx",
			      v->vm_start, v->vm_end, prev->vm_start, prev->vm_end);
		if (!node || rb_entry(node, struct vm_area_struct, vm_rb) != v)
			panic("validate_mm: the tree and the list differ at VMA %#lx-%#lx",
			      v->vm_start, v->vm_end);
		if (++count > mm->map_count)
			panic("validate_mm: more VMAs on the list than map_count %d", mm->map_count);
		if ((v->vm_flags & VM_LOCKONFAULT) && !(v->vm_flags & VM_LOCKED))
			panic("validate_mm: VMA %#lx-%#lx is VM_LOCKONFAULT without VM_LOCKED",
			      v->vm_start, v->vm_end);
		pages += vma_pages(v);
		data += is_data_mapping(v->vm_flags) ? vma_pages(v) : 0;
		locked += v->vm_flags & VM_LOCKED ? vma_pages(v) : 0;
		prev = v;
		node = rb_next(node);
	}
	if (node)
		panic("validate_mm: the tree has VMAs the list has not");
	if (count != mm->map_count || pages != mm->total_vm)
		panic("validate_mm: map_count %d / total_vm %lu, but the VMAs count %d / %lu",
		      mm->map_count, mm->total_vm, count, pages);
	if (data != mm->data_vm || locked != mm->locked_vm)
		panic("validate_mm: data_vm %lu / locked_vm %lu, but the VMAs count %lu / %lu",
		      mm->data_vm, mm->locked_vm, data, locked);
}

long sys_munmap(unsigned long addr, size_t len)
{
	int err;

	if (!current->mm)
		return -EINVAL;
	err = do_munmap(current->mm, addr, len);
	validate_mm(current->mm);
	return err;
}

int mmap_check_len(unsigned long len, unsigned long pgoff)
{
	unsigned long rlen = PAGE_ALIGN(len);

	if (!len)
		return -EINVAL;
	if (!rlen || rlen > task_size)
		return -ENOMEM;
	if (pgoff + (rlen >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	return 0;
}

int mmap_account(unsigned long *vm_flags, unsigned long flags, unsigned long len)
{
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != 2)
		*vm_flags |= VM_NORESERVE;	/* MAP_NORESERVE counts except in mode 2 */
	if ((*vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) != VM_WRITE)
		return 0;
	if (vm_enough_memory((long)(len >> PAGE_SHIFT)))
		return -ENOMEM;
	*vm_flags |= VM_ACCOUNT;
	return 0;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off)
{
	struct file *file = NULL;
	long ret;

	if (!current->mm)
		return -EINVAL;
	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((unsigned int)fd);
		if (!file)
			return -EBADF;
	}
	/* off is an off_t: Linux shifts it as signed, so a negative one overflows (EOVERFLOW). */
	ret = do_mmap(current->mm, addr, len, prot, flags, file,
		      (unsigned long)((long)off >> PAGE_SHIFT));
	if (file)
		fput(file);
	validate_mm(current->mm);
	return ret;
}
