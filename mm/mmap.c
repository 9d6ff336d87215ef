/*
 * mm/mmap.c: making and unmaking VMAs with an MMU: mmap, munmap, brk,
 * fork's copy and the stack's growth (the bookkeeping itself is in
 * mm/vma.c, shared with the no-MMU kernel's mm/nommu.c).  mmap checks its arguments in Linux's order and with
 * Linux's errors (do_mmap), then makes the VMA (mmap_region), finding room
 * top-down below the stack, and charges private writable memory to
 * Committed_AS; pages come later, on demand.
 */
#include <errno.h>
#include <err.h>
#include <fs.h>
#include <mman.h>
#include <gfp.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <cmdline.h>
#include <printk.h>
#include <resource.h>
#include <rmap.h>
#include "internal.h"

/* vm_start_gap: where vma's guard begins: a stack keeps the STACK_GUARD_GAP below it free. */
static unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if ((vma->vm_flags & VM_GROWSDOWN) && start > STACK_GUARD_GAP)
		start -= STACK_GUARD_GAP;
	return start;
}

/* remove_vma: unmap all of vma and take it out of mm. */
static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma);
	struct vm_area_struct **link = prev ? &prev->vm_next : &mm->mmap;

	*link = vma->vm_next;
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	zap_page_range(vma, vma->vm_start, vma->vm_end - vma->vm_start);
	mm->map_count--;
	vm_stat_account(mm, vma->vm_flags, -vma_pages(vma));
	free_vma(vma);
}

/* can_merge: could b continue a (a just below b, touching it) as one VMA? */
static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags &&
	       a->vm_file == b->vm_file && a->vm_name == b->vm_name &&
	       a->vm_pgoff + (unsigned long)vma_pages(a) == b->vm_pgoff;	/* anon too: rmap.h */
}

/* absorb: a takes over b's range (b just above a); b goes, its pages stay mapped. */
static void absorb(struct mm_struct *mm, struct vm_area_struct *a, struct vm_area_struct *b)
{
	a->vm_end = b->vm_end;
	a->vm_next = b->vm_next;
	rb_erase(&b->vm_rb, &mm->mm_rb);
	mm->map_count--;
	if (b->vm_flags & VM_ACCOUNT)
		b->vm_flags &= ~VM_ACCOUNT;	/* a's charge now covers both: a was charged too */
	free_vma(b);
}

/*
 * vma_merge: join vma with the neighbours it could continue (same flags
 * and backing, touching; file offsets contiguous), as Linux's vma_merge
 * in its common cases.  Returns the VMA that now covers vma's range.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma), *next = vma->vm_next;

	if (next && can_merge(vma, next))
		absorb(mm, vma, next);
	if (prev && can_merge(prev, vma)) {
		absorb(mm, prev, vma);
		vma = prev;
	}
	return vma;
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *n;

	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	n = kmalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	*n = *vma;
	n->vm_start = addr;
	n->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	if (n->vm_file)
		get_file(n->vm_file);
	vma->vm_end = addr;
	vm_stat_account(mm, n->vm_flags, -vma_pages(n));	/* vma_link counts them again */
	vma_link(mm, n, vma);
	return 0;
}

int split_vma_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	if (v && v->vm_start < start && split_vma(mm, v, start))
		return -ENOMEM;
	v = find_vma(mm, end);
	if (v && v->vm_start < end && split_vma(mm, v, end))
		return -ENOMEM;
	return 0;
}

int vm_brk_flags(struct mm_struct *mm, unsigned long start, unsigned long len,
		 unsigned long vm_flags, const char *name)
{
	struct vm_area_struct *vma;
	int err = -ENOMEM;

	len = PAGE_ALIGN(len);
	if ((start & ~PAGE_MASK) || !len || len > task_size || start > task_size - len)
		return -EINVAL;
	vm_flags |= mm->def_flags;	/* mlockall(MCL_FUTURE) */
	if (mm->map_count > sysctl_max_map_count || !may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT))
		return -ENOMEM;
	if ((vm_flags & VM_ACCOUNT) && vm_enough_memory((long)(len >> PAGE_SHIFT)))
		return -ENOMEM;
	vma = vma_new(mm, start, start + len, vm_flags, name);
	if (!vma)
		goto unacct;
	vma->vm_pgoff = start >> PAGE_SHIFT;	/* an anonymous page's linear index (rmap.h) */
	err = insert_vma(mm, vma);
	if (err) {
		kfree(vma);
		goto unacct;
	}
	return 0;	/* no pages yet: they come on demand (mm/memory.c) */
unacct:
	if (vm_flags & VM_ACCOUNT)
		vm_unacct_memory((long)(len >> PAGE_SHIFT));
	return err;
}

/*
 * expand_stack: the checks of Linux's acct_stack_growth: the stack within
 * RLIMIT_STACK, the address space within RLIMIT_AS, the growth charged.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long start = addr & PAGE_MASK, grow;
	struct vm_area_struct *prev = vma_prev(vma);

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -ENOMEM;
	if (start >= vma->vm_start)
		return 0;
	grow = (vma->vm_start - start) >> PAGE_SHIFT;
	if (vma->vm_end - start > rlimit(RLIMIT_STACK) || !may_expand_vm(vma->vm_mm, vma->vm_flags, grow))
		return -ENOMEM;
	if (prev && start < prev->vm_end + STACK_GUARD_GAP)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory((long)grow))
		return -ENOMEM;
	vm_stat_account(vma->vm_mm, vma->vm_flags, (long)grow);
	vma->vm_start = start;	/* the tree's order is unchanged: nothing lies in between */
	vma->vm_pgoff -= grow;	/* the pages there keep their linear index (rmap.h) */
	return 0;
}

/*
 * setup_stack_vma: STACK_INITIAL, or less if RLIMIT_STACK is smaller (as
 * Linux's setup_arg_pages reserves min(rlimit, 128 KiB more than the
 * arguments)), at least a page.
 */
long setup_stack_vma(struct mm_struct *mm)
{
	unsigned long size = MAX(MIN(STACK_INITIAL, rlimit(RLIMIT_STACK) & PAGE_MASK), PAGE_SIZE);
	int err = vm_brk_flags(mm, STACK_TOP_MAX - size, size,
			       VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
			       VM_GROWSDOWN | VM_ACCOUNT, "[stack]");

	return err ? err : (long)STACK_TOP_MAX;
}

LIST_HEAD(mmlist_head);

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->mm_users = 1;
	if (anon_vma_prepare(mm)) {
		kfree(mm);
		return NULL;
	}
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		unlink_anon_vma(mm);
		kfree(mm);
		return NULL;
	}
	list_add_tail(&mm->mmlist, &mmlist_head);
	return mm;
}

/* exit_mmap: unmap and free every VMA, then the tables. */
static void exit_mmap(struct mm_struct *mm)
{
	mm->oom_skip = true;	/* what is left here is on its way back */
	while (mm->mmap) {
		struct vm_area_struct *vma = mm->mmap;

		zap_page_range(vma, vma->vm_start, vma->vm_end - vma->vm_start);
		mm->mmap = vma->vm_next;
		free_vma(vma);
	}
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mm->total_vm = mm->data_vm = mm->locked_vm = 0;
}

void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users > 0)
		return;
	if (current->mm == mm)	/* never free the tables the hart is using */
		switch_mm(NULL);
	list_del(&mm->mmlist);
	exit_mmap(mm);
	unlink_anon_vma(mm);	/* after the last of its pages is unmapped */
	pgd_free(mm);
	kfree(mm->exe_name);
	kfree(mm);
}

struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *v, *prev = NULL;

	if (!mm)
		return NULL;
	anon_vma_fork(mm, old);	/* the pages it shares copy-on-write name the parent's */
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->exe_name = kstrdup(old->exe_name, GFP_KERNEL);
	/* mm->def_flags stays 0: mlockall(MCL_FUTURE) is not inherited, nor are locks. */
	for_each_vma(old, v) {
		struct vm_area_struct *n;

		if (v->vm_flags & VM_DONTCOPY)
			continue;	/* MADV_DONTFORK: the child has a hole there */
		n = vma_new(mm, v->vm_start, v->vm_end, v->vm_flags & ~VM_LOCKED_MASK, v->vm_name);
		if (!n)
			goto fail;
		n->vm_file = v->vm_file ? get_file(v->vm_file) : NULL;
		n->vm_pgoff = v->vm_pgoff;
		/* The child's private writable memory is charged too, as on Linux. */
		if ((v->vm_flags & VM_ACCOUNT) && vm_enough_memory(vma_pages(v)) == 0)
			n->vm_flags |= VM_ACCOUNT;
		else
			n->vm_flags &= ~VM_ACCOUNT;
		if (v->vm_name && v->vm_name == old->exe_name)
			n->vm_name = mm->exe_name;	/* the copy's own string */
		vma_link(mm, n, prev);
		prev = n;
		if (copy_page_range(n, v))
			goto fail;
	}
	validate_mm(mm);
	return mm;
fail:
	mmput(mm);
	return NULL;
}

/* ---- brk, munmap and mmap ---- */

/* do_munmap: unmap [start, start+len), splitting VMAs at the ends.  0 or -errno. */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end;
	struct vm_area_struct *v, *prev;

	if ((start & ~PAGE_MASK) || start > task_size || len > task_size - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = start + len;
	v = find_vma(mm, start);
	if (!v || v->vm_start >= end)
		return 0;		/* nothing there: not an error */
	if (split_vma_range(mm, start, end))
		return -ENOMEM;
	while ((v = find_vma(mm, start)) != NULL && v->vm_start < end)
		remove_vma(mm, v);
	/* The tables that mapped only the hole between the neighbours go too. */
	prev = vma_before(mm, start);
	v = prev ? prev->vm_next : mm->mmap;
	free_pgtables(mm, start, end, prev ? prev->vm_end : 0, v ? v->vm_start : task_size);
	return 0;
}

/*
 * sys_brk: move the end of the heap.  Linux returns the new break on
 * success and the old one on failure, never an error code.  Shrinking is
 * an munmap of the pages past the new break (whatever VMAs mprotect has
 * cut the heap into); growing adds to the heap VMA, or makes a new one.
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long oldbrk, newbrk;
	struct vm_area_struct *next;

	if (!mm)
		return 0;
	if (brk < mm->start_brk || brk > STACK_TOP_MAX - STACK_SIZE_LIMIT)
		return (long)mm->brk;
	/* Linux's check_data_rlimit: the heap and the data segment within RLIMIT_DATA. */
	if (rlimit(RLIMIT_DATA) != RLIM_INFINITY &&
	    brk - mm->start_brk + (mm->end_data - mm->start_data) > rlimit(RLIMIT_DATA))
		return (long)mm->brk;
	oldbrk = PAGE_ALIGN(mm->brk);
	newbrk = PAGE_ALIGN(brk);
	if (newbrk < oldbrk && do_munmap(mm, newbrk, oldbrk - newbrk))
		return (long)mm->brk;
	if (newbrk > oldbrk) {
		/* The heap may not reach the next VMA, nor a stack's guard gap. */
		next = find_vma(mm, oldbrk);
		if (next && newbrk > vm_start_gap(next))
			return (long)mm->brk;
		/* The heap is private writable memory: growing it is charged, as mmap would be. */
		if (vm_brk_flags(mm, oldbrk, newbrk - oldbrk, VM_READ | VM_WRITE | VM_MAYREAD |
				 VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT, "[heap]"))
			return (long)mm->brk;
		vma_merge(mm, find_vma(mm, oldbrk));	/* one [heap] VMA as it grows */
		if (mm->def_flags & VM_LOCKED)
			__mm_populate(mm, oldbrk, newbrk - oldbrk, true);	/* mlockall(MCL_FUTURE) */
	}
	mm->brk = brk;
	validate_mm(mm);
	return (long)brk;
}

/*
 * get_unmapped_area: the highest free range of len bytes below mmap_base
 * (the stack's limit and guard gap), at or above mmap_min_addr, as
 * Linux's top-down layout.  0 when there is none.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long base = STACK_TOP_MAX - STACK_SIZE_LIMIT - STACK_GUARD_GAP, best = 0;
	unsigned long prev_end = MMAP_MIN_ADDR;

	for (struct vm_area_struct *v = mm->mmap;; v = v->vm_next) {
		unsigned long gap_end = MIN(v ? v->vm_start : base, base);

		if (gap_end > prev_end && gap_end - prev_end >= len)
			best = gap_end - len;	/* later gaps are higher: keep the last that fits */
		if (!v || v->vm_start >= base)
			break;
		prev_end = MAX(prev_end, v->vm_end);
	}
	return best;
}

/* count_vma_pages_range: the pages of [start, end) that VMAs map. */
static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v;
	unsigned long pages = 0;

	for_each_vma_range(mm, v, start, end)
		pages += (MIN(end, v->vm_end) - MAX(start, v->vm_start)) >> PAGE_SHIFT;
	return pages;
}

/* range_mapped: does any VMA overlap [start, end)? */
static bool range_mapped(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	return v && v->vm_start < end;
}

/* hint_fits: may a hint place [addr, addr+len) as it is?  Free, and clear of a stack's guard gap. */
static bool hint_fits(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *next = find_vma(mm, addr);

	return !next || addr + len <= vm_start_gap(next);
}

/* mmap_file_checks: what the file itself allows; 0 or the error Linux gives, in its order. */
static int mmap_file_checks(struct file *file, unsigned long prot, unsigned long type)
{
	if (type != MAP_PRIVATE && (prot & PROT_WRITE) &&
	    (!(file->f_mode & FMODE_WRITE) || (file->f_flags & O_APPEND)))
		return -EACCES;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!file->f_op || !file->f_op->mmap)
		return -ENODEV;		/* pipes, directories, devices: no pages to map */
	return 0;
}

/*
 * mmap_region: make the VMA [addr, addr+len) for a do_mmap whose
 * arguments have been checked: charge it, replace what MAP_FIXED
 * overlaps, merge with its neighbours, populate it if asked.
 */
static long mmap_region(struct mm_struct *mm, struct file *file, unsigned long addr,
			unsigned long len, unsigned long vm_flags, unsigned long flags,
			unsigned long pgoff)
{
	struct vm_area_struct *vma;
	long err;

	/* Within RLIMIT_AS and RLIMIT_DATA, less what MAP_FIXED replaces (Linux's mmap_region). */
	if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT) &&
	    (!(flags & MAP_FIXED) ||
	     !may_expand_vm(mm, vm_flags, (len >> PAGE_SHIFT) - count_vma_pages_range(mm, addr, addr + len))))
		return -ENOMEM;
	if (mmap_account(&vm_flags, flags, len))
		return -ENOMEM;
	vma = vma_new(mm, addr, addr + len, vm_flags, NULL);
	if (!vma) {
		err = -ENOMEM;
		goto unacct;
	}
	if (!file && (vm_flags & VM_MAYSHARE)) {
		/* Shared anonymous memory is an unlinked file, so fork keeps sharing it. */
		file = shmem_file_setup((loff_t)len, vm_flags & VM_NORESERVE);
		if (IS_ERR(file)) {
			err = PTR_ERR(file);
			goto free_vma;
		}
		pgoff = 0;
	} else if (file) {
		get_file(file);
	} else {
		pgoff = addr >> PAGE_SHIFT;	/* an anonymous page's linear index (rmap.h), as Linux */
	}
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	if (file && file->f_op->mmap) {
		err = file->f_op->mmap(file, vma);
		if (err)
			goto put_file;
	}
	if (flags & MAP_FIXED)
		do_munmap(mm, addr, len);	/* MAP_FIXED replaces what was there */
	err = insert_vma(mm, vma);
	if (err)
		goto put_file;
	vma = vma_merge(mm, vma);
	if ((vm_flags & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		__mm_populate(mm, addr, len, true);	/* as Linux: best effort */
	return (long)addr;

put_file:
	if (file)
		fput(file);
free_vma:
	kfree(vma);
unacct:
	if (vm_flags & VM_ACCOUNT)
		vm_unacct_memory((long)(len >> PAGE_SHIFT));
	return err;
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
		    unsigned long prot, unsigned long flags, struct file *file, unsigned long pgoff)
{
	unsigned long type = flags & MAP_TYPE, vm_flags;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	long err;

	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	err = mmap_check_len(len, pgoff);
	if (err)
		return err;
	len = PAGE_ALIGN(len);
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	if (file) {
		/* Linux's file_mmap_ok: the mapping may not reach past the largest file offset. */
		if (len > (unsigned long)__LONG_MAX__ ||
		    pgoff > ((unsigned long)__LONG_MAX__ - len) >> PAGE_SHIFT)
			return -EOVERFLOW;
		if (type == MAP_SHARED_VALIDATE) {
			if (flags & ~(LEGACY_MAP_MASK | MAP_FIXED_NOREPLACE))
				return -EOPNOTSUPP;
			type = MAP_SHARED;
		}
		if (type != MAP_SHARED && type != MAP_PRIVATE)
			return -EINVAL;
		err = mmap_file_checks(file, prot, type);
		if (err)
			return err;
	} else if (type != MAP_SHARED && type != MAP_PRIVATE) {
		return -EINVAL;
	}
	if (fixed) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > task_size - len)
			return -ENOMEM;
		if ((flags & MAP_FIXED_NOREPLACE) && range_mapped(mm, addr, addr + len))
			return -EEXIST;
	} else if (!(addr && !(addr & ~PAGE_MASK) && addr >= MMAP_MIN_ADDR &&
		     addr <= task_size - len && hint_fits(mm, addr, len))) {
		/* No usable hint (a free, aligned one above mmap_min_addr, clear of a stack's gap, is taken as is). */
		addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}

	vm_flags = calc_vm_prot_bits(prot) | mm->def_flags | VM_MAYREAD | VM_MAYEXEC | VM_MAYWRITE;
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;	/* root has CAP_IPC_LOCK: RLIMIT_MEMLOCK does not apply */
	if (type == MAP_SHARED) {
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (file && !(file->f_mode & FMODE_WRITE))
			vm_flags &= ~(VM_MAYWRITE | VM_SHARED);	/* can never be written: as Linux */
	}
	return mmap_region(mm, file, addr, len, vm_flags, flags, pgoff);
}
