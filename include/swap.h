/*
 * include/swap.h: swap, where private anonymous pages go when they leave
 * memory (mm/swapfile.c, mm/swap_state.c, mm/page_io.c; docs/swap.md).
 *
 * A swap area is a block device that swapon gave the kernel.  Its page
 * slots are counted in swap_map, one byte each (the page-table entries
 * that refer to the slot, and SWAP_HAS_CACHE while a page holds its data
 * in memory).  A page being written out, read in, or just read and still
 * mapped read-only is in the swap cache: found by its swap entry, marked
 * PG_swapcache, its entry found by page_swap_entry().  Without an MMU there is no
 * swap (as Linux's nommu): swapon is ENOSYS and the counters are 0.
 */
#ifndef _RVMM_SWAP_H
#define _RVMM_SWAP_H

#include <asm/pgtable.h>
#include <mm.h>
#include <types.h>
#include <uaccess.h>

#define MAX_SWAPFILES_SHIFT	5
#define MAX_SWAPFILES		(1 << MAX_SWAPFILES_SHIFT)	/* the type field of a swap PTE */
BUILD_BUG_ON(MAX_SWAPFILES_SHIFT > __SWP_TYPE_BITS);

/*
 * swp_entry_t: a swap slot, independent of the PTE layout: the area
 * (type) in the top bits, the page offset in it below, in 32 bits (the
 * width of Linux's swap PTE fields on 32-bit machines).  An area has at most 2^27 pages (512 GiB).
 */
typedef struct { unsigned long val; } swp_entry_t;
#define SWP_TYPE_SHIFT		27
#define SWP_OFFSET_MASK		((1UL << SWP_TYPE_SHIFT) - 1)

static inline swp_entry_t swp_entry(unsigned long type, unsigned long offset)
{
	return (swp_entry_t){ (type << SWP_TYPE_SHIFT) | (offset & SWP_OFFSET_MASK) };
}

static inline unsigned int swp_type(swp_entry_t entry)
{
	return (unsigned int)(entry.val >> SWP_TYPE_SHIFT);
}

static inline unsigned long swp_offset(swp_entry_t entry)
{
	return entry.val & SWP_OFFSET_MASK;
}

/* pte_to_swp_entry: the entry a swap PTE (is_swap_pte) holds. */
static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	arch_swp_entry_t arch = __pte_to_swp_entry(pte);

	return swp_entry(__swp_type(arch), __swp_offset(arch));
}

static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return __swp_entry_to_pte(__swp_entry(swp_type(entry), swp_offset(entry)));
}

/*
 * page_swap_entry: the slot a PG_swapcache page belongs to.  Linux keeps
 * it in the page; rvmm's 32-byte struct page has one word for an
 * anonymous page's linear index (its reverse map, include/rmap.h) and
 * private, so the swap cache keeps the entries of its pages beside them,
 * by pfn (mm/swap_state.c).
 */
swp_entry_t page_swap_entry(const struct page *page);

/* swap_map values, Linux's: a count of references, SWAP_HAS_CACHE, or bad. */
#define SWAP_HAS_CACHE	0x40	/* a page in the swap cache holds this slot */
#define SWAP_MAP_MAX	0x3e	/* the most references a slot counts (Linux continues in other pages) */
#define SWAP_MAP_BAD	0x3f	/* a bad block, or the header: never used */

/* swapon(2) flags, Linux's */
#define SWAP_FLAG_PREFER	0x8000	/* the priority below is given */
#define SWAP_FLAG_PRIO_MASK	0x7fff
#define SWAP_FLAG_PRIO_SHIFT	0
#define SWAP_FLAG_DISCARD	0x10000
#define SWAP_FLAG_DISCARD_ONCE	0x20000
#define SWAP_FLAG_DISCARD_PAGES	0x40000
#define SWAP_FLAGS_VALID	(SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | \
				 SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES)

/*
 * Free and usable slots of every active area, in pages (SwapFree,
 * SwapTotal): mm/swapfile.c keeps them; mm/util.c, which both kernels
 * have, defines them, so that they read 0 without an MMU.
 */
extern long nr_swap_pages;
extern long total_swap_pages;

static inline long get_nr_swap_pages(void)
{
	return nr_swap_pages;
}

/* vm_swap_full: more than half of swap is used: a page read in gives its slot back at once (Linux's). */
static inline bool vm_swap_full(void)
{
	return get_nr_swap_pages() * 2 < total_swap_pages;
}

struct vm_area_struct;
struct seq_buf;

#ifdef CONFIG_MMU
/* ---- slots (mm/swapfile.c) ---- */

/* swap_duplicate: one more reference to entry (fork): 0, -ENOMEM at SWAP_MAP_MAX, -EINVAL if not in use. */
int swap_duplicate(swp_entry_t entry);
/* swap_free: one reference fewer; the slot is free when none is left and no page caches it. */
void swap_free(swp_entry_t entry);
/* page_swapcount: the references to a swap-cache page's slot (PTEs, not the cache). */
int page_swapcount(struct page *page);
/* free_swap_and_cache: a PTE's entry is dropped (zap): swap_free, and its cached page if nobody wants it. */
void free_swap_and_cache(swp_entry_t entry);
/* show_swaps: /proc/swaps, Linux's format. */
void show_swaps(struct seq_buf *m);
long sys_swapon(const char __user *specialfile, int swap_flags);
long sys_swapoff(const char __user *specialfile);

/* ---- the swap cache (mm/swap_state.c) ---- */

/*
 * add_to_swap: give a locked, private anonymous page a slot and put it in
 * the swap cache, dirty (it must be written before it can be dropped):
 * 0, or -ENOMEM when no slot or no memory is free.
 */
int add_to_swap(struct page *page);
/* lookup_swap_cache: the page caching entry, with a reference for the caller; NULL if none. */
struct page *lookup_swap_cache(swp_entry_t entry);
/* delete_from_swap_cache: take page (not under I/O) out of the swap cache, dropping the cache's reference. */
void delete_from_swap_cache(struct page *page);
/* try_to_free_swap: drop page's slot and cache if no PTE refers to the slot; true if it did. */
bool try_to_free_swap(struct page *page);
/*
 * remove_swap_mapping: a clean, unmapped swap-cache page that nobody but
 * the caller holds leaves the cache (its slot keeps its PTE references):
 * true if it did, and the caller's reference is the last.
 */
bool remove_swap_mapping(struct page *page);
/* free_page_and_swap_cache: put_page, first freeing its swap cache if that is all that would hold it. */
void free_page_and_swap_cache(struct page *page);
/*
 * read_swap_cache_async: the page for entry, from the swap cache or a
 * new one whose read has started (locked until it completes), with a
 * reference; NULL when the slot is no longer in use or memory is short.
 */
struct page *read_swap_cache_async(swp_entry_t entry);

/* ---- I/O (mm/page_io.c) ---- */

/*
 * swap_writepage: start writing a locked swap-cache page to its slot:
 * PG_writeback until it completes (then unlocked), PG_dirty again if the
 * write failed.  0 or -errno.
 */
int swap_writepage(struct page *page);
/* swap_readpage: start reading a locked swap-cache page; PG_uptodate and unlocked when done. */
void swap_readpage(struct page *page);

/* ---- writing pages out (mm/madvise.c) ---- */

/*
 * pageout_page: write out the private anonymous page the PTE at addr of
 * vma maps, if only this mapping uses it: the PTE becomes its swap entry,
 * the page is written and, once written, freed.  1 if it went, 0 if it
 * was skipped (shared, not anonymous, busy), -ENOMEM when swap is full.
 */
int pageout_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep);
#endif

#endif
