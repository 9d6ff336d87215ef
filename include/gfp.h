/*
 * include/gfp.h: asking the buddy allocator for pages.
 *
 * GFP ("get free pages") flags say where a page may come from and how hard
 * the allocator may try.  The names and meanings are Linux's; the bit values
 * are rvmm's own.
 */
#ifndef _RVMM_GFP_H
#define _RVMM_GFP_H

#include <mm.h>

#define __GFP_DMA32		0x0001u	/* only ZONE_DMA32 (below 4 GiB) */
#define __GFP_HIGH		0x0002u	/* important: may use half of the min reserve */
#define __GFP_IO		0x0004u	/* may start I/O to reclaim */
#define __GFP_FS		0x0008u	/* may call into file systems to reclaim */
#define __GFP_ZERO		0x0010u	/* return zeroed pages */
#define __GFP_DIRECT_RECLAIM	0x0020u	/* may sleep to reclaim memory itself */
#define __GFP_KSWAPD_RECLAIM	0x0040u	/* may wake kswapd when below the low watermark */
#define __GFP_NOWARN		0x0080u	/* no failure report */
#define __GFP_RETRY_MAYFAIL	0x0100u	/* try hard, but may fail; no OOM kill */
#define __GFP_NOFAIL		0x0200u	/* must not fail: retry until it succeeds */
#define __GFP_NORETRY		0x0400u	/* give up after one reclaim attempt; no OOM kill */
#define __GFP_HARDWALL		0x0800u	/* user allocation (cpuset hardwall) */
#define __GFP_ACCOUNT		0x1000u	/* charge to the caller's memory cgroup */
#define __GFP_BITS		13

#define __GFP_RECLAIM	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC	(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM | __GFP_NOWARN)
#define GFP_NOIO	(__GFP_RECLAIM)
#define GFP_NOFS	(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER	(GFP_KERNEL | __GFP_HARDWALL)
#define GFP_DMA32	(GFP_KERNEL | __GFP_DMA32)

/* gfp_zone: the highest zone an allocation with these flags may use. */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
	return (gfp & __GFP_DMA32) ? ZONE_DMA32 : ZONE_NORMAL;
}

/* alloc_pages: 2^order contiguous pages, the first one's struct page returned; NULL on failure. */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
/*
 * __free_pages: drop the caller's reference to a block alloc_pages gave;
 * the last reference frees it.  Freeing a free page, a page that is not
 * the head of its block, with the wrong order, or outside managed memory is
 * reported (bad_page) and ignored.
 */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)
/* put_page: drop a reference to a single page (page cache, pipes); the last one frees it. */
static inline void put_page(struct page *page)
{
	__free_pages(page, 0);
}
/* __get_free_pages: like alloc_pages but returns the kernel address, 0 on failure. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
/*
 * split_page: make a singly held block of 2^order pages that many order-0
 * pages, each with its own reference, to be freed one by one.
 */
void split_page(struct page *page, unsigned int order);
/*
 * alloc_pages_exact: PFN_UP(size) physically contiguous pages (kernel
 * address), the rest of the power-of-two block they came in given back at
 * once; free_pages_exact frees them (or any page-aligned part of them).
 */
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);
/* free_pages: free by kernel address; addresses outside RAM are reported. */
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

/* drain_all_pages: return every per-cpu list page to the buddy free lists. */
void drain_all_pages(void);
/* bad_page_reports: how many kernel misuses the page allocator has reported. */
unsigned long bad_page_reports(void);
/* format_gfp_flags: "GFP_KERNEL|__GFP_ZERO" style names of gfp into buf. */
const char *format_gfp_flags(gfp_t gfp, char *buf, size_t len);

#endif
