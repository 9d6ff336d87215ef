/*
 * include/mm.h: pages and physical memory, the vocabulary every mm file uses.
 */
#ifndef _RVMM_MM_H
#define _RVMM_MM_H

#include <mm_types.h>
#include <mmzone.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	ALIGN((unsigned long)(x), PAGE_SIZE)

#define PFN_DOWN(x)	((unsigned long)(x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((unsigned long)(x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)

/*
 * The kernel reaches all RAM through one linear mapping: virtual =
 * physical + va_pa_offset.  It is 0 while the MMU is off (satp = Bare) and
 * becomes the direct map's offset once paging is on; host tests point it at
 * a malloc'ed arena that plays the role of RAM.
 */
extern unsigned long va_pa_offset;
#define __va(pa)	((void *)((unsigned long)(pa) + va_pa_offset))
#define __pa(va)	((phys_addr_t)((unsigned long)(va) - va_pa_offset))

/*
 * FLATMEM: one array of struct page covers every pfn from min_low_pfn up to
 * max_pfn, holes between banks included (their pages stay PG_reserved).
 */
extern struct page *mem_map;
extern struct page *mem_map_end;	/* one past the last struct page */
extern unsigned long min_low_pfn;	/* first pfn of RAM */
extern unsigned long max_pfn;		/* one past the last pfn of RAM */

static inline bool pfn_valid(unsigned long pfn)
{
	return mem_map && pfn >= min_low_pfn && pfn < max_pfn;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - min_low_pfn);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map) + min_low_pfn;
}

static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

/* virt_addr_valid: is addr in the linear map of RAM that has a struct page? */
static inline bool virt_addr_valid(const void *addr)
{
	return pfn_valid(PFN_DOWN(__pa(addr)));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

/* Page flags (struct page.flags is 16 bits: keep this list short). */
enum pageflags {
	PG_reserved,	/* not managed by the buddy allocator (firmware, kernel, holes) */
	PG_buddy,	/* free, the head of a block on a buddy free list */
	PG_head,	/* allocated, the first page of a block of 2^order pages */
	PG_slab,	/* owned by the slab allocator */
	PG_large_kmalloc, /* a kmalloc() too large for a slab cache */
	PG_pcp,		/* free, on a per-cpu page list */
	PG_locked,
	PG_lru,
	PG_active,
	PG_writeback,
	PG_mlocked,	/* mapped by a VM_LOCKED VMA: counted in Mlocked (mm/mlock.c) */
	/* (the flags up to here are the ones a free checks: one andi) */
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_swapcache,	/* in the swap cache: page_swap_entry() says which slot (mm/swap_state.c) */
	PG_unevictable,	/* on the unevictable list: mlocked, or a ramfs page (mm/swap.c) */
	NR_PAGEFLAGS
};
BUILD_BUG_ON(NR_PAGEFLAGS > 16);

/*
 * PAGEFLAG(Uname, lname) makes PageUname(), SetPageUname() and
 * ClearPageUname() for PG_lname, the names Linux's page-flags.h gives them.
 */
#define PAGEFLAG(uname, lname)							\
	static inline bool Page##uname(const struct page *page)		\
	{									\
		return page->flags & (1u << PG_##lname);			\
	}									\
	static inline void SetPage##uname(struct page *page)			\
	{									\
		page->flags |= (u16)(1u << PG_##lname);			\
	}									\
	static inline void ClearPage##uname(struct page *page)			\
	{									\
		page->flags &= (u16)~(1u << PG_##lname);			\
	}

PAGEFLAG(Reserved, reserved)
PAGEFLAG(Buddy, buddy)		/* Linux keeps this one in page_type; rvmm has the flag bit to spare */
PAGEFLAG(Head, head)
PAGEFLAG(Slab, slab)
PAGEFLAG(LargeKmalloc, large_kmalloc)
PAGEFLAG(Pcp, pcp)		/* rvmm's own: Linux does not mark pages on the per-cpu lists */
PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Mlocked, mlocked)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(SwapCache, swapcache)

/* TestClearPageReferenced: clear PG_referenced, saying whether it was set. */
static inline bool TestClearPageReferenced(struct page *page)
{
	bool was = PageReferenced(page);

	ClearPageReferenced(page);
	return was;
}

/*
 * An anonymous page's mapping is not an address_space but its anon_vma
 * (mm/rmap.c) with the low bit set, as Linux's PAGE_MAPPING_ANON: a file
 * page's mapping is a pointer to its cache, aligned, so the bit tells them
 * apart.  A page with neither (NULL) is the kernel's own.
 */
#define PAGE_MAPPING_ANON	0x1UL

static inline bool PageAnon(const struct page *page)
{
	return (unsigned long)page->mapping & PAGE_MAPPING_ANON;
}

/* page_file_mapping: the page cache a file page belongs to, NULL for any other page. */
static inline struct address_space *page_file_mapping(const struct page *page)
{
	return PageAnon(page) ? NULL : page->mapping;
}

static inline bool page_mapped(const struct page *page)
{
	return page->_mapcount >= 0;
}

/*
 * free_reserved_area: give the pages wholly inside [start, end) (linear
 * map addresses), which memblock kept reserved at boot, to the buddy
 * allocator, after filling them with poison unless it is negative; logs
 * "Freeing s memory: NK" and returns the number of pages.
 */
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s);

/* page_flag_names: "reserved|buddy|..." for a report; buf must hold 128 bytes. */
const char *page_flag_names(unsigned int flags, char *buf, size_t len);

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page->zone];
}

static inline int page_ref_count(const struct page *page)
{
	return page->_refcount;
}

static inline void get_page(struct page *page)
{
	page->_refcount++;
}

/* put_page_testzero: drop a reference; true when it was the last one. */
static inline bool put_page_testzero(struct page *page)
{
	return --page->_refcount == 0;
}

static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

/*
 * page_list: doubly linked lists of struct page through page->lru, with
 * links stored as mem_map indices.  Every operation names its list, as the
 * head lives outside mem_map.
 */
static inline void page_list_init(struct page_list *l)
{
	l->first = l->last = PAGE_LIST_NONE;
}

static inline bool page_list_empty(const struct page_list *l)
{
	return l->first == PAGE_LIST_NONE;
}

static inline struct page *page_list_first(const struct page_list *l)
{
	return l->first == PAGE_LIST_NONE ? NULL : mem_map + l->first;
}

static inline struct page *page_list_last(const struct page_list *l)
{
	return l->last == PAGE_LIST_NONE ? NULL : mem_map + l->last;
}

static inline struct page *page_list_next(const struct page *page)
{
	return page->lru.next == PAGE_LIST_NONE ? NULL : mem_map + page->lru.next;
}

/* page_list_add: put page at the front of l. */
static inline void page_list_add(struct page_list *l, struct page *page)
{
	u32 idx = (u32)(page - mem_map);

	page->lru.prev = PAGE_LIST_NONE;
	page->lru.next = l->first;
	if (l->first == PAGE_LIST_NONE)
		l->last = idx;
	else
		mem_map[l->first].lru.prev = idx;
	l->first = idx;
}

/* page_list_add_tail: put page at the back of l. */
static inline void page_list_add_tail(struct page_list *l, struct page *page)
{
	u32 idx = (u32)(page - mem_map);

	page->lru.next = PAGE_LIST_NONE;
	page->lru.prev = l->last;
	if (l->last == PAGE_LIST_NONE)
		l->first = idx;
	else
		mem_map[l->last].lru.next = idx;
	l->last = idx;
}

static inline void page_list_del(struct page_list *l, struct page *page)
{
	if (page->lru.prev == PAGE_LIST_NONE)
		l->first = page->lru.next;
	else
		mem_map[page->lru.prev].lru.next = page->lru.next;
	if (page->lru.next == PAGE_LIST_NONE)
		l->last = page->lru.prev;
	else
		mem_map[page->lru.next].lru.prev = page->lru.prev;
	page->lru.next = page->lru.prev = PAGE_LIST_NONE;
}

#endif
