/*
 * include/mm_user.h: user address spaces: VMAs (mm/mmap.c), the pages
 * and tables that back them, demand paged (mm/memory.c), and the system
 * calls that change them.
 */
#ifndef _RVMM_MM_USER_H
#define _RVMM_MM_USER_H

#include <asm/pgtable.h>
#include <mm.h>
#include <uaccess.h>

#define STACK_TOP_MAX	(task_size)
#define STACK_SIZE_LIMIT (8UL << 20)	/* RLIMIT_STACK default */
#define STACK_INITIAL	(128UL << 10)	/* the stack VMA at exec; it grows down on faults */
#define STACK_GUARD_GAP	(256UL << PAGE_SHIFT)	/* Linux's stack_guard_gap: 1 MiB below the stack stays empty */

/* fault flags (Linux's names) */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_INSTRUCTION	0x02

/* What a fault came to, as Linux's vm_fault_t: 0 is "mapped, retry the access". */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		0x0001	/* no memory for the page or a table */
#define VM_FAULT_SIGBUS		0x0002	/* past the end of the mapped file */
#define VM_FAULT_MAJOR		0x0004	/* mapped, after waiting for a read from swap */
#define VM_FAULT_SIGSEGV	0x0040	/* no page may be mapped here */
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/*
 * handle_mm_fault: map the page at addr of vma for this access.  The
 * caller has checked that vma covers addr and allows the access
 * (do_page_fault's access_error, in the arch).
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags);
/* expand_stack: grow a VM_GROWSDOWN vma down to cover addr.  0 or -ENOMEM. */
int expand_stack(struct vm_area_struct *vma, unsigned long addr);
extern int sysctl_fork_copy_eagerly;

/*
 * setup_stack_vma: the "[stack]" VMA of a new program in mm: with an MMU
 * STACK_INITIAL at STACK_TOP_MAX, growing down on faults; without one a
 * fixed STACK_INITIAL allocation wherever there is room.  Its top, or -errno.
 */
long setup_stack_vma(struct mm_struct *mm);
#ifdef CONFIG_MMU
/* user_stack_check: with an MMU the guard gap below the stack faults by itself. */
static inline void user_stack_check(void)
{
}
#else
/*
 * Without an MMU nothing stops a program writing below its fixed stack:
 * the word below it holds STACK_END_MAGIC, and user_stack_check (on every
 * trap from user mode) reports and kills the process that overwrote it.
 */
#define STACK_END_MAGIC	0x57AC6E9DUL
void user_stack_check(void);
/* vm.nr_trim_pages (no MMU only): see mm/nommu.c. */
extern int sysctl_nr_trim_pages;
/* mmap_pages_allocated: pages of private copies and anonymous memory (meminfo's MmapCopy). */
extern unsigned long mmap_pages_allocated;
struct vm_region;
/* nommu_for_each_region: fn(region, arg) for every region in the system, in address order. */
void nommu_for_each_region(void (*fn)(const struct vm_region *region, void *arg), void *arg);
#endif
/* mm_alloc: an empty address space whose root table shares the kernel half. NULL on ENOMEM. */
struct mm_struct *mm_alloc(void);
/* mmput: drop a user of mm; the last one frees its pages, tables and VMAs. */
void mmput(struct mm_struct *mm);
/* dup_mm: a copy of mm for fork: the VMAs copied, the pages shared copy-on-write. NULL on ENOMEM. */
struct mm_struct *dup_mm(struct mm_struct *mm);

/* find_vma: the first VMA that ends above addr, or NULL (O(log n): the tree). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* vma_prev: the VMA just below vma, or NULL. */
struct vm_area_struct *vma_prev(struct vm_area_struct *vma);
/* validate_mm: with the boot option debug_vm, panic if mm's VMA list, tree or counters disagree. */
void validate_mm(struct mm_struct *mm);

/* for_each_vma: every VMA of mm, in address order. */
#define for_each_vma(mm, vma) for ((vma) = (mm)->mmap; (vma); (vma) = (vma)->vm_next)
/* for_each_vma_range: every VMA of mm that overlaps [start, end), in address order. */
#define for_each_vma_range(mm, vma, start, end) \
	for ((vma) = find_vma(mm, start); (vma) && (vma)->vm_start < (end); (vma) = (vma)->vm_next)

/*
 * vm_brk_flags: a new anonymous VMA [start, start+len) with vm_flags and
 * name (Linux's names it later; rvmm names it here), charged to
 * Committed_AS when vm_flags has VM_ACCOUNT, not merged with its
 * neighbours.  No pages yet: they come on demand.  0, -EINVAL, -ENOMEM,
 * or -EEXIST on overlap.
 */
int vm_brk_flags(struct mm_struct *mm, unsigned long start, unsigned long len,
		 unsigned long vm_flags, const char *name);
/* vm_normal_page: the page a user entry maps, or NULL for none and for the zero page. */
struct page *vm_normal_page(pte_t pte);
/* mlock_vma_page: page is now mapped by vma: if vma is VM_LOCKED, count it in Mlocked (once). */
void mlock_vma_page(struct vm_area_struct *vma, struct page *page);
/* munlock_vma_page: vma, if VM_LOCKED, lets go of page: out of Mlocked. */
void munlock_vma_page(struct vm_area_struct *vma, struct page *page);
/* clear_page_mlock: page is no longer locked by anyone (its last mapping went). */
void clear_page_mlock(struct page *page);
/* follow_page: the page mapped at user address va in mm, or NULL (Linux's takes the VMA). */
struct page *follow_page(struct mm_struct *mm, unsigned long va);
/*
 * get_user_page_remote: the page at addr of mm, faulted in for writing
 * even where the VMA is read-only (Linux's get_user_pages_remote with
 * FOLL_WRITE | FOLL_FORCE, for one page): exec fills a new address
 * space through it.  A page-cache page is copied first (a private
 * mapping's write never reaches the file).  NULL when nothing may be there.
 */
struct page *get_user_page_remote(struct mm_struct *mm, unsigned long addr);
/* populate_vma_page_range: fault in every page of [start, end) of vma now (MAP_POPULATE): 0, -ENOMEM, or -EINTR for a fatal signal. */
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

struct file;
/*
 * do_mmap: mmap into mm (not necessarily current's: exec maps the new
 * program with it): the argument checks in Linux's order and with its
 * errors, then the VMA.  The address, or -errno.
 */
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long prot,
	     unsigned long flags, struct file *file, unsigned long pgoff);

long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_madvise(unsigned long start, size_t len, int advice);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_mlock(unsigned long start, size_t len);
long sys_mlock2(unsigned long start, size_t len, int flags);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);

/* vm.max_map_count: the most VMAs a process may have (Linux's default 65530): more is ENOMEM. */
extern int sysctl_max_map_count;

/* Overcommit accounting (mm/util.c): Committed_AS and the policy that limits it. */
extern int sysctl_overcommit_memory, sysctl_overcommit_ratio;
/* vm_enough_memory: charge pages to Committed_AS if the policy allows: 0 or -ENOMEM. */
int vm_enough_memory(long pages);
void vm_unacct_memory(long pages);
unsigned long vm_committed(void);
unsigned long vm_commit_limit(void);

/* vm_get_page_prot: the PTE protection a VMA with these flags gives its pages (the arch's table). */
pgprot_t vm_get_page_prot(unsigned long vm_flags);
/* zap_page_range: unmap and release every page of vma's address space in [start, start+size). */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size);
/*
 * unmap_page_range: zap_page_range for the OOM reaper, on a victim's mm:
 * never gives way (the victim must not run in between), no TLB flush.
 */
void unmap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* copy_page_range: fork: give dst (the child's VMA) the pages of src, copy-on-write where private: 0, -ENOMEM, -EINTR. */
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src);
/*
 * free_pgtables: free the table pages under [start, end) that map only
 * addresses in [floor, ceiling), where no VMA is (Linux's free_pgd_range).
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long floor, unsigned long ceiling);
/* pgd_alloc: a root table whose upper half is the kernel's.  pgd_free: it and every user table. */
pte_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm);
/* vma_merge: join vma with touching neighbours of the same kind; the VMA now covering its range. */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma);
/* split_vma: cut vma in two at addr (page-aligned, inside it).  0 or -ENOMEM. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
/* split_vma_range: split the VMAs that straddle start or end, so that [start, end) is whole VMAs. */
int split_vma_range(struct mm_struct *mm, unsigned long start, unsigned long end);

/* calc_vm_prot_bits: the VM_READ/VM_WRITE/VM_EXEC flags for mmap's PROT_ bits (include/mman.h). */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & 0x1 ? VM_READ : 0) | (prot & 0x2 ? VM_WRITE : 0) | (prot & 0x4 ? VM_EXEC : 0);
}

#endif
