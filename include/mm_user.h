/*
 * include/mm_user.h: user address spaces (mm/memory.c, mm/mmap.c,
 * kernel/fork.c).  This version maps every page eagerly; demand
 * paging and copy-on-write replace that with the next issue.
 */
#ifndef _RVMM_MM_USER_H
#define _RVMM_MM_USER_H

#include <asm/pgtable.h>
#include <mm.h>

#define STACK_TOP_MAX	(task_size)
#define STACK_SIZE_LIMIT (8UL << 20)	/* RLIMIT_STACK default */
#define STACK_INITIAL	(128UL << 10)	/* the stack VMA at exec; it grows down on faults */
#define STACK_GUARD_GAP	(256UL << PAGE_SHIFT)	/* Linux's stack_guard_gap: 1 MiB below the stack stays empty */

/* fault flags (Linux's names) */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_INSTRUCTION	0x02

/*
 * handle_mm_fault: make addr accessible in mm for this access: 0, -EFAULT
 * when the VMAs do not allow it (SIGSEGV), -ENOMEM when memory ran out.
 */
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags);
extern int sysctl_fork_copy_eagerly;

/* mm_alloc: an empty address space whose root table shares the kernel half. NULL on ENOMEM. */
struct mm_struct *mm_alloc(void);
/* mmput: drop a user of mm; the last one frees its pages, tables and VMAs. */
void mmput(struct mm_struct *mm);
/* dup_mm: a copy of mm with every page copied (fork). NULL on ENOMEM. */
struct mm_struct *dup_mm(struct mm_struct *mm);

/* find_vma: the first VMA that ends above addr, or NULL (O(log n): the tree). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* vma_prev: the VMA just below vma, or NULL. */
struct vm_area_struct *vma_prev(struct vm_area_struct *vma);
/*
 * vm_map_anon: a new VMA [start, start+len) with vm_flags, every page
 * allocated zeroed and mapped.  0, -ENOMEM, or -EEXIST on overlap.
 */
int vm_map_anon(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long vm_flags, const char *name);
/* vm_name_pgoff: name a VMA vm_map_anon made at start, with its file offset (in pages). */
void vm_name_pgoff(struct mm_struct *mm, unsigned long start, const char *name, unsigned long pgoff);
/* populate_range: map a zeroed page at every unmapped address of [start, end) now (exec's segments). */
int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* vm_grow: extend vma up to new_end (page-aligned); pages come on demand.  0 or -ENOMEM. */
int vm_grow(struct vm_area_struct *vma, unsigned long new_end);
/* vm_shrink: cut vma down to new_end, freeing the pages past it. */
void vm_shrink(struct vm_area_struct *vma, unsigned long new_end);
/* user_page: the page mapped at user address va in mm, or NULL. */
struct page *user_page(struct mm_struct *mm, unsigned long va);

long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_madvise(unsigned long start, size_t len, int advice);

/* Overcommit accounting (mm/util.c): Committed_AS and the policy that limits it. */
extern int sysctl_overcommit_memory, sysctl_overcommit_ratio;
/* vm_enough_memory: charge pages to Committed_AS if the policy allows: 0 or -ENOMEM. */
int vm_enough_memory(long pages);
void vm_unacct_memory(long pages);
unsigned long vm_committed(void);
unsigned long vm_commit_limit(void);

/* vm_page_prot: the PTE bits a VMA with these flags gives its pages. */
pgprot_t vm_page_prot(unsigned long vm_flags);
/* zap_range: unmap and release every page of vma's address space in [start, end). */
void zap_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* vma_merge: join vma with touching neighbours of the same kind; the VMA now covering its range. */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma);
/* split_vma: cut vma in two at addr (page-aligned, inside it).  0 or -ENOMEM. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);

#endif
