/*
 * mm/slub_def.h: SLUB's struct kmem_cache (mm/slub.c) and what its
 * debugging half (mm/slub_debug.c) shares with it.
 */
#ifndef _RVMM_SLUB_DEF_H
#define _RVMM_SLUB_DEF_H

#include <list.h>
#include <mm.h>
#include <smp.h>
#include <spinlock.h>

#define SLUB_FREELIST_END	0xffffu	/* page->slab.freelist: no free object */

/* The slab a cpu allocates from (Linux's struct kmem_cache_cpu). */
struct kmem_cache_cpu {
	void *freelist;			/* its next free object; each free object points to the next */
	struct page *slab;		/* NULL: none yet */
	char *base;			/* page_address(slab): a free's "is it ours" test */
};

struct kmem_cache {
	/* what every allocator has (mm/slab.h) */
	char name[24];
	unsigned int object_size;
	unsigned int align;
	unsigned long flags;
	void (*ctor)(void *);
	struct list_head list;
	/* the fast paths read these */
	struct kmem_cache_cpu cpu_slab[NR_CPUS];
	unsigned int offset;		/* where a free object keeps its free pointer */
	unsigned long slab_bytes;	/* PAGE_SIZE << order */
	/* layout */
	unsigned int size;		/* slot size: red zones, free pointer, tracks, padding */
	unsigned int inuse;		/* the object and its right red zone: metadata starts here */
	unsigned int red_left_pad;	/* left red zone: the object starts this far into its slot */
	unsigned int objects;		/* per slab */
	unsigned int order;		/* pages per slab: 2^order */
	/* the slow paths, under lock */
	spinlock_t lock;
	struct page_list partial;	/* slabs with free objects; the empty one last */
	struct page_list full;		/* slabs with no free object */
	unsigned long nr_slabs;		/* all slabs, the active ones included */
	unsigned long nr_empty;		/* 0 or 1: the spare empty slab on partial */
	unsigned long alloc_slowpath;	/* allocations that needed another slab */
	unsigned long free_slowpath;	/* frees outside the active slab */
};

/* The flags that make a cache a debug cache: it never uses the cpu fast paths. */
#define SLAB_DEBUG_FLAGS (SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

static inline bool kmem_cache_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

/* The object in slot i of a slab, and back. */
static inline void *slab_object(const struct kmem_cache *s, const struct page *slab, unsigned int i)
{
	return (char *)page_address(slab) + (unsigned long)i * s->size + s->red_left_pad;
}

static inline void *get_freepointer(const struct kmem_cache *s, const void *obj)
{
	return *(void *const *)((const char *)obj + s->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj, void *next)
{
	*(void **)((char *)obj + s->offset) = next;
}

/* check_valid_pointer: is obj the start of an object of slab? */
static inline bool check_valid_pointer(const struct kmem_cache *s, const struct page *slab,
				       const void *obj)
{
	unsigned long off = (unsigned long)((const char *)obj - (const char *)page_address(slab));

	return off % s->size == s->red_left_pad && off / s->size < s->objects;
}

/* The slab's own freelist, kept in struct page as the first free object's offset. */
static inline void *slab_freelist(const struct page *slab)
{
	if (slab->slab.freelist == SLUB_FREELIST_END)
		return NULL;
	return (char *)page_address(slab) + slab->slab.freelist;
}

static inline void set_slab_freelist(struct page *slab, const void *obj)
{
	slab->slab.freelist = obj ? (u16)((const char *)obj - (const char *)page_address(slab))
				  : SLUB_FREELIST_END;
}

/* ---- mm/slub_debug.c ---- */

/* Who allocated or freed an object, kept after it with slub_debug=U (Linux's struct track). */
struct track {
	unsigned long addr;		/* the caller of kmalloc, kfree, ... */
	unsigned long when;		/* jiffies */
	int cpu;
	int pid;
};
#define SLUB_TRACK_SIZE ((unsigned int)sizeof(struct track))

/* slub_debug_setup: take slub_debug= (__kmem_cache_init reads it from the command line). */
void slub_debug_setup(const char *str);

/* slub_debug_flags: the SLAB_* debug flags slub_debug= asks for the cache called name. */
unsigned long slub_debug_flags(const char *name);
/* setup_object_debug: a new slab's free object gets its red zones and poison. */
void setup_object_debug(struct kmem_cache *s, void *obj);
/*
 * alloc_debug_processing: obj, just taken off slab's freelist, is checked
 * (poison, red zones), repaired if damaged, and marked allocated by caller.
 */
void alloc_debug_processing(struct kmem_cache *s, struct page *slab, void *obj,
			    unsigned long caller);
/*
 * free_debug_processing: may obj, named by a free from caller, be freed?
 * false after a report (already free, not an object, red zone damaged
 * beyond use); true once it is poisoned and marked freed by caller.
 * s->lock held.
 */
bool free_debug_processing(struct kmem_cache *s, struct page *slab, void *obj,
			   unsigned long caller);
/* slab_bug: Linux's report header, "BUG <cache> (Not tainted): <reason>". */
void slab_bug(const struct kmem_cache *s, const char *reason);
/* slab_fix: Linux's repair line, "FIX <cache>: <what>". */
void slab_fix(const struct kmem_cache *s, const char *what);

/* What the debugging half has reported, by kind (the seeded-error self-test counts them). */
enum slub_report {
	SLUB_DOUBLE_FREE,		/* "Object already free" */
	SLUB_REDZONE_LEFT,		/* "Left Redzone overwritten" */
	SLUB_REDZONE_RIGHT,		/* "Right Redzone overwritten" */
	SLUB_POISON,			/* "Poison overwritten" */
	SLUB_BAD_POINTER,		/* "Invalid object pointer", "Freepointer corrupt" */
	NR_SLUB_REPORTS,
};
unsigned long slub_reports(enum slub_report kind);

#endif
