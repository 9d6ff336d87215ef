/*
 * mm/slab.h: what mm/slab_common.c asks of a slab allocator.
 *
 * slab_common.c owns everything that does not depend on how objects are
 * laid out: the list of caches, the kmalloc size classes, kfree's and
 * krealloc's rules, /proc/slabinfo.  The allocator (mm/slub.c by default,
 * mm/slob.c with `make SLAB=slob`, or a student's mm/NAME.c with
 * `make SLAB=NAME`) owns the slabs: it defines struct kmem_cache in
 * mm/NAME_def.h, with at least the fields below, and the functions below.
 * Nothing else in the kernel sees either, so replacing the allocator
 * touches no other file.
 *
 * Every allocator's struct kmem_cache starts with what slab_common fills
 * in before __kmem_cache_create() and reads afterwards:
 *
 *	char name[24];			the cache's name
 *	unsigned int object_size;	what the creator asked for
 *	unsigned int align;		the alignment objects must have (a power of two >= 8)
 *	unsigned long flags;		SLAB_* from kmem_cache_create (debug flags included)
 *	void (*ctor)(void *);		run on every object before its first use
 *	struct list_head list;		on slab_common's list of caches
 *
 * Contract, which the allocator contract tests check on every allocator
 * (test/host/unit_slab.c, mm/selftest_slab.c):
 *  - objects are object_size bytes, aligned to align, never overlapping;
 *  - a constructor runs once per object before it is first handed out, and
 *    a freed object is not touched where the constructor's state lives;
 *  - __GFP_ZERO gives zeroed objects; other gfp bits go to the page allocator;
 *  - every page the allocator takes for objects is marked with
 *    slab_pages_set() (so kfree finds the cache) and cleared with
 *    slab_pages_clear() before it is freed, and is counted in NR_SLAB_*;
 *  - after every object is freed and __kmem_cache_shrink() runs, the cache
 *    holds no pages.
 */
#ifndef _RVMM_MM_SLAB_INTERNAL_H
#define _RVMM_MM_SLAB_INTERNAL_H

#include <list.h>
#include <mm.h>
#include <slab.h>
#include <spinlock.h>

/* the allocator's struct kmem_cache: "slub_def.h" unless make SLAB= says otherwise */
#ifndef SLAB_DEF_H
#define SLAB_DEF_H "slub_def.h"
#endif
#include SLAB_DEF_H

#define MAX_SLAB_ORDER	3	/* PAGE_ALLOC_COSTLY_ORDER: beyond it blocks get rare */

/* __kmem_cache_create: lay out the cache slab_common has named and sized; 0 or -EINVAL. */
int __kmem_cache_create(struct kmem_cache *s);
/* __kmem_cache_alloc: one object, or NULL; caller is the return address to record. */
void *__kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long caller);
/*
 * __kmem_cache_free: give obj back.  s is the cache the caller names;
 * obj may still be anything (another cache's object, a pointer into the
 * middle of one, an object already free): what is checked depends on the
 * allocator and on slub_debug.
 */
void __kmem_cache_free(struct kmem_cache *s, void *obj, unsigned long caller);
/* __kmem_cache_shrink: return every empty slab to the page allocator. */
void __kmem_cache_shrink(struct kmem_cache *s);
/* __kmem_cache_release: free what an empty cache still holds; false if objects are allocated. */
bool __kmem_cache_release(struct kmem_cache *s);
/* __kmem_cache_init: anything the allocator sets up once, before the first cache. */
void __kmem_cache_init(void);
/* get_slabinfo (include/slab.h) is the allocator's too. */

/* ---- helpers slab_common.c gives every allocator ---- */

/* slab_pages_set: mark the 2^order pages at page as slab memory of s. */
void slab_pages_set(struct kmem_cache *s, struct page *page, unsigned int order);
/* slab_pages_clear: undo slab_pages_set before the pages are freed. */
void slab_pages_clear(struct kmem_cache *s, struct page *page, unsigned int order);
/* slab_page_head: the first page of the slab holding addr (a PG_slab page). */
static inline struct page *slab_page_head(const void *addr)
{
	struct page *page = virt_to_page(addr);

	return PageHead(page) ? page : page - page->private;
}
/* slab_bug_count: count a misuse report (slab_error_reports() reads the total). */
void slab_bug_count(void);

#endif
