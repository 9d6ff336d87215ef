/*
 * mm/mmap.c: the VMAs of an address space, and brk.
 *
 * VMAs are kept in a list sorted by address.  The next issue replaces the
 * list by a balanced tree and adds mmap, munmap, mprotect, merging and
 * splitting; here VMAs are made by exec (segments, stack), brk and fork.
 */
#include <errno.h>
#include <gfp.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <sched.h>
#include <slab.h>
#include <string.h>

pte_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm);
void zap_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int copy_range(struct vm_area_struct *dst, struct vm_area_struct *src);

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		if (v->vm_end > addr)
			return v;
	return NULL;
}

/* insert_vma: link vma in address order; -EEXIST if it overlaps a neighbour. */
static int insert_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct **link = &mm->mmap;

	while (*link && (*link)->vm_end <= vma->vm_start)
		link = &(*link)->vm_next;
	if (*link && (*link)->vm_start < vma->vm_end)
		return -EEXIST;
	vma->vm_next = *link;
	*link = vma;
	mm->map_count++;
	mm->total_vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return 0;
}

static struct vm_area_struct *vma_new(struct mm_struct *mm, unsigned long start,
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

/* remove_vma: unmap all of vma and take it out of mm. */
static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct **link = &mm->mmap;

	while (*link != vma)
		link = &(*link)->vm_next;
	*link = vma->vm_next;
	zap_range(vma, vma->vm_start, vma->vm_end);
	mm->map_count--;
	mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	kfree(vma);
}

int vm_map_anon(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long vm_flags, const char *name)
{
	struct vm_area_struct *vma;
	int err;

	if (start & ~PAGE_MASK || !len || start + PAGE_ALIGN(len) > task_size || start + len < start)
		return -EINVAL;
	vma = vma_new(mm, start, start + PAGE_ALIGN(len), vm_flags, name);
	if (!vma)
		return -ENOMEM;
	err = insert_vma(mm, vma);
	if (err)
		kfree(vma);
	return err;	/* no pages yet: they come on demand (mm/memory.c) */
}

void vm_name_pgoff(struct mm_struct *mm, unsigned long start, const char *name, unsigned long pgoff)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && vma->vm_start == start) {
		vma->vm_name = name;
		vma->vm_pgoff = pgoff;
	}
}

int vm_grow(struct vm_area_struct *vma, unsigned long new_end)
{
	unsigned long old_end = vma->vm_end;

	if (vma->vm_next && new_end > vma->vm_next->vm_start)
		return -ENOMEM;
	vma->vm_end = new_end;
	vma->vm_mm->total_vm += (new_end - old_end) >> PAGE_SHIFT;
	return 0;	/* pages come on demand */
}

void vm_shrink(struct vm_area_struct *vma, unsigned long new_end)
{
	zap_range(vma, new_end, vma->vm_end);
	vma->vm_mm->total_vm -= (vma->vm_end - new_end) >> PAGE_SHIFT;
	vma->vm_end = new_end;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->users = 1;
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

/* exit_mmap: unmap and free every VMA, then the tables. */
static void exit_mmap(struct mm_struct *mm)
{
	while (mm->mmap) {
		struct vm_area_struct *vma = mm->mmap;

		zap_range(vma, vma->vm_start, vma->vm_end);
		mm->mmap = vma->vm_next;
		kfree(vma);
	}
	mm->map_count = 0;
	mm->total_vm = 0;
}

void mmput(struct mm_struct *mm)
{
	if (--mm->users > 0)
		return;
	if (current->mm == mm)	/* never free the tables the hart is using */
		switch_mm(NULL);
	exit_mmap(mm);
	pgd_free(mm);
	kfree(mm->exe_name);
	kfree(mm);
}

struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct **tail;

	if (!mm)
		return NULL;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->exe_name = kstrdup(old->exe_name, GFP_KERNEL);
	tail = &mm->mmap;
	for (struct vm_area_struct *v = old->mmap; v; v = v->vm_next) {
		struct vm_area_struct *n = vma_new(mm, v->vm_start, v->vm_end, v->vm_flags, v->vm_name);

		if (!n)
			goto fail;
		n->vm_file = v->vm_file;
		n->vm_pgoff = v->vm_pgoff;
		if (v->vm_name && v->vm_name == old->exe_name)
			n->vm_name = mm->exe_name;	/* the copy's own string */
		*tail = n;
		tail = &n->vm_next;
		mm->map_count++;
		mm->total_vm += (n->vm_end - n->vm_start) >> PAGE_SHIFT;
		if (copy_range(n, v))
			goto fail;
	}
	return mm;
fail:
	mmput(mm);
	return NULL;
}

/*
 * sys_brk: move the end of the heap.  Linux returns the new break on
 * success and the old one on failure, never an error code.
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *heap;
	unsigned long old_end, new_end;

	if (!mm || brk < mm->start_brk)
		return (long)(mm ? mm->brk : 0);
	old_end = PAGE_ALIGN(mm->brk);
	new_end = PAGE_ALIGN(brk);
	heap = find_vma(mm, mm->start_brk);
	if (!heap || heap->vm_start != mm->start_brk) {
		/* no heap VMA yet: make it (zero length heaps have none) */
		if (new_end > mm->start_brk &&
		    vm_map_anon(mm, mm->start_brk, new_end - mm->start_brk,
				VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE, "[heap]"))
			return (long)mm->brk;
	} else if (new_end > old_end) {
		if (new_end > STACK_TOP_MAX - STACK_SIZE_LIMIT || vm_grow(heap, new_end))
			return (long)mm->brk;
	} else if (new_end < old_end) {
		if (new_end == heap->vm_start)
			remove_vma(mm, heap);	/* an empty heap has no VMA, as on Linux */
		else
			vm_shrink(heap, new_end);
	}
	mm->brk = brk;
	return (long)brk;
}
