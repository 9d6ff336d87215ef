/*
 * include/slab.h: the slab allocator.  A kmem_cache hands out objects of one
 * size carved from slabs (runs of 2^order pages); kmalloc is a family of
 * such caches, one per size class, with big requests going to the page
 * allocator directly.
 */
#ifndef _RVMM_SLAB_H
#define _RVMM_SLAB_H

#include <gfp.h>
#include <seq_buf.h>

/* kmem_cache_create flags (Linux's values) */
#define SLAB_CONSISTENCY_CHECKS	0x00000100UL	/* slub_debug F: check every free and allocation */
#define SLAB_RED_ZONE		0x00000400UL	/* slub_debug Z: red zones around each object */
#define SLAB_POISON		0x00000800UL	/* slub_debug P: poison freed objects */
#define SLAB_STORE_USER		0x00010000UL	/* slub_debug U: record who allocated and freed */
#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* align objects to a cache line */
#define SLAB_RECLAIM_ACCOUNT	0x00020000UL	/* objects are reclaimable (counted as SReclaimable) */
#define SLAB_PANIC		0x00040000UL	/* panic if the cache cannot be created */
#define SLAB_NO_USER_FLAGS	0x10000000UL	/* slub_debug= does not apply to this cache */

#define KMALLOC_MIN_SIZE	8
#define KMALLOC_MAX_CACHE_SIZE	8192	/* larger kmallocs go to the page allocator */
#define L1_CACHE_BYTES		64
#define ZERO_SIZE_PTR		((void *)16)	/* kmalloc(0): not NULL, never dereferenceable */

struct kmem_cache;

/*
 * kmem_cache_create: a cache of objects of size bytes aligned to align
 * (0: the natural 8); ctor, if any, runs once on every object when its slab
 * is created, so freed objects must be returned in constructed state.
 * NULL on failure (or panic with SLAB_PANIC).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned long flags,
				     void (*ctor)(void *));
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp);
/* kmem_cache_free: objects from another cache, or already free, are reported and ignored. */
void kmem_cache_free(struct kmem_cache *s, void *obj);
/* kmem_cache_destroy: the cache must be empty; objects still allocated are reported and leaked. */
void kmem_cache_destroy(struct kmem_cache *s);
/* kmem_cache_shrink: give back the spare empty slab. */
void kmem_cache_shrink(struct kmem_cache *s);
/* kmem_cache_shrink_all: kmem_cache_shrink every cache (tests, drop_caches). */
void kmem_cache_shrink_all(void);

void *kmalloc(size_t size, gfp_t gfp);
/* kstrdup: a kmalloc'ed copy of s (NULL for NULL or when out of memory). */
char *kstrdup(const char *s, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
/* krealloc: resize p (NULL allocates; size 0 frees p and returns ZERO_SIZE_PTR, as Linux); contents kept up to the smaller size. */
void *krealloc(const void *p, size_t size, gfp_t gfp);
/*
 * kfree: NULL and ZERO_SIZE_PTR are fine; objects of any cache may be
 * freed here (Linux allows it since 6.4); any other pointer is reported and
 * ignored.
 */
void kfree(const void *p);
/* ksize: the usable size of a kmalloc'ed object (its size class). */
size_t ksize(const void *p);

/* kmem_cache_init: create the kmalloc caches; needs the buddy allocator. */
void kmem_cache_init(void);

/* What /proc/slabinfo shows of one cache (Linux's struct slabinfo). */
struct slabinfo {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned int objects_per_slab;
	unsigned int cache_order;
	unsigned int object_size;	/* the slot size, padding included */
	unsigned long alloc_slowpath;	/* allocations that had to change slabs (SLUB's stat) */
	unsigned long free_slowpath;	/* frees outside the cpu's active slab */
};
void get_slabinfo(struct kmem_cache *s, struct slabinfo *info);
/* /proc/slabinfo, version 2.1 */
void show_slabinfo(struct seq_buf *m);
/* slab_error_reports: how many misuses (double free, foreign pointer, ...) were reported. */
unsigned long slab_error_reports(void);
/* kmalloc_cache_for: the cache kmalloc(size) would use, or NULL when it goes to pages. */
struct kmem_cache *kmalloc_cache_for(size_t size);

#endif
