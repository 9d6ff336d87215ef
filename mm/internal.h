/*
 * mm/internal.h: what the files of mm/ share with each other and nobody
 * else (as Linux's mm/internal.h).
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <gfp.h>
#include <mm_types.h>
#include <mm.h>
#include <fs.h>
#include <vmstat.h>
#include <mm_user.h>
#include <swap.h>

/* memblock_free_pages: hand a block of boot memory to the buddy allocator. */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);
/* setup_per_cpu_pageset: size every zone's per-cpu lists from its managed pages. */
void setup_per_cpu_pageset(void);
/* show_free_areas: per-zone free memory and free blocks, for failure reports. */
void show_free_areas(void);
/* ---- the reverse map's hot part (include/rmap.h), inline for fork and faults ---- */

/* page_rss_counter: which of mm's resident-page counters page counts in. */
static inline unsigned long *page_rss_counter(struct mm_struct *mm, const struct page *page)
{
	if (PageAnon(page))
		return &mm->rss_anon;
	return page->mapping->shmem ? &mm->rss_shmem : &mm->rss_file;
}

/*
 * page_add_rmap: one more mapping by mm of a page that has its owner (a
 * file page, fork's share); inline, since fork makes one per page.
 */
static inline void page_add_rmap(struct mm_struct *mm, struct page *page)
{
	if (++page->_mapcount == 0)	/* first mapping anywhere */
		mod_node_page_state(PageAnon(page) ? NR_ANON_MAPPED : NR_FILE_MAPPED, 1);
	(*page_rss_counter(mm, page))++;
}

#ifdef CONFIG_MMU
/* __page_remove_rmap: page_remove_rmap (include/rmap.h), inline for the hot paths (zap, copy-on-write). */
static inline void __page_remove_rmap(struct mm_struct *mm, struct page *page)
{
	if (--page->_mapcount < 0) {
		mod_node_page_state(PageAnon(page) ? NR_ANON_MAPPED : NR_FILE_MAPPED, -1);
		clear_page_mlock(page);		/* an unmapped page is nobody's lock */
	}
	update_hiwater_rss(mm);
	(*page_rss_counter(mm, page))--;
	/* A swap-cache page no PTE maps or refers to any more has nobody left to keep it for. */
	if (unlikely(PageSwapCache(page)))
		free_page_and_swap_cache(page);
	else
		put_page(page);
}
#endif

/* int_sqrt: floor(sqrt(x)). */
unsigned long int_sqrt(unsigned long x);

/* mmlist_head: every address space with page tables, which swapoff walks (Linux's init_mm.mmlist). */
extern struct list_head mmlist_head;


/* ---- VMA bookkeeping (mm/vma.c), for mm/mmap.c and mm/nommu.c ---- */
struct mm_struct;
struct vm_area_struct;

static inline long vma_pages(const struct vm_area_struct *vma)
{
	return (long)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
}

/* vma_new: a zeroed VMA [start, end) of mm with vm_flags and name, not yet linked; NULL on ENOMEM. */
struct vm_area_struct *vma_new(struct mm_struct *mm, unsigned long start, unsigned long end,
			       unsigned long vm_flags, const char *name);
/* vma_link: make vma part of mm just after prev (NULL: first): list, tree, counters, its file's i_mmap. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *prev);
/* vma_rb_insert: put vma in mm's tree (its range overlaps no other). */
void vma_rb_insert(struct mm_struct *mm, struct vm_area_struct *vma);
/*
 * vm_stat_account: npages more (or fewer, negative) of mm mapped with
 * vm_flags: total_vm, and data_vm and locked_vm where the flags say so.
 */
void vm_stat_account(struct mm_struct *mm, unsigned long vm_flags, long npages);
/* vma_set_flags: give a linked vma new vm_flags, moving its pages between mm's counters. */
void vma_set_flags(struct vm_area_struct *vma, unsigned long vm_flags);
/* may_expand_vm: within RLIMIT_AS and RLIMIT_DATA to map npages more with vm_flags? */
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages);
/* vma_before: the last VMA that ends at or below addr, or NULL. */
struct vm_area_struct *vma_before(struct mm_struct *mm, unsigned long addr);
/* insert_vma: link vma in address order; -EEXIST if it overlaps a neighbour. */
int insert_vma(struct mm_struct *mm, struct vm_area_struct *vma);
/* free_vma: what a VMA holds besides its pages (its charge, its file), then the VMA. */
void free_vma(struct vm_area_struct *vma);
/* mmap_check_len: Linux's length and offset checks of mmap, in its order: 0, -EINVAL, -ENOMEM or -EOVERFLOW. */
int mmap_check_len(unsigned long len, unsigned long pgoff);
/*
 * mmap_account: charge a new mapping of len bytes with these vm_flags to
 * Committed_AS if it is private writable memory (not MAP_NORESERVE,
 * which mode 2 ignores), setting VM_ACCOUNT (or VM_NORESERVE) in
 * *vm_flags.  0 or -ENOMEM.
 */
int mmap_account(unsigned long *vm_flags, unsigned long flags, unsigned long len);
/* pt_alloc_user: a page-table page for mm, charged to its VmPTE and PageTables (mm/memory.c). */
pte_t *pt_alloc_user(struct mm_struct *mm);
/*
 * __mm_populate: fault in every page of mm's VMAs in [start,
 * start+len) that is to be resident (not VM_LOCKONFAULT, not PROT_NONE):
 * 0, or the first error unless ignore_errors (-EINTR always stops it).
 */
int __mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len, bool ignore_errors);
/* get_unmapped_area: the highest free range of len bytes for a new mapping, or 0 (mm/mmap.c). */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len);
/* do_munmap: this build's munmap of [start, start+len) in mm.  0 or -errno. */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);

#endif
