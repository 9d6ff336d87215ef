/* mm/slob_def.h: SLOB's struct kmem_cache (mm/slob.c). */
#ifndef _RVMM_SLOB_DEF_H
#define _RVMM_SLOB_DEF_H

#include <list.h>
#include <mm.h>
#include <spinlock.h>

struct kmem_cache {
	/* what every allocator has (mm/slab.h) */
	char name[24];
	unsigned int object_size;
	unsigned int align;
	unsigned long flags;
	void (*ctor)(void *);
	struct list_head list;
	/* SLOB */
	unsigned int units;		/* an object, in SLOB_UNITs */
	unsigned int order;		/* pages per SLOB page: 2^order */
	spinlock_t lock;
	struct page_list pages;		/* every page of the cache, each with a first-fit free list */
	struct page *spare;		/* an empty page kept for the next allocation, or NULL */
	unsigned long nr_pages;
	unsigned long nr_objs;		/* objects handed out */
};

#endif
