/*
 * mm/slab.c: the slab allocator and kmalloc.
 *
 * A cache hands out objects of one size.  It carves them from slabs, each a
 * block of 2^order pages from the buddy allocator, laid out as
 *
 *	| obj 0 | obj 1 | ... | obj n-1 | (waste) | in-use bitmap |
 *
 * Free objects are chained through a 16-bit index stored in the free
 * object itself (after the object when a constructor owns its contents);
 * the chain's head and the in-use count live in the slab's struct page.
 * The bitmap costs a few bytes per slab and lets every free be checked:
 * freeing an object twice, into the wrong cache, or a pointer into the
 * middle of an object is reported instead of corrupting the free chain.
 *
 * A cache keeps its slabs on two lists: partial (some objects free, the
 * slabs allocations come from) and full.  A slab whose last object is
 * freed goes back to the buddy allocator, except that each cache keeps one
 * empty slab (at the tail of the partial list) so that a cache that
 * allocates and frees one object in a loop does not call the page
 * allocator every time.
 */
#include <asm/irqflags.h>
#include <list.h>
#include <printk.h>
#include <slab.h>
#include <stdio.h>
#include <string.h>
#include <vmstat.h>

#define SLAB_KMALLOC	0x1UL		/* internal: one of kmalloc's caches */
#define FREELIST_END	0xffffu		/* no further free object */
#define MAX_SLAB_ORDER	3		/* PAGE_ALLOC_COSTLY_ORDER: beyond it blocks get rare */
#define ZERO_SIZE_PTR	((void *)16)	/* kmalloc(0): not NULL, but never dereferenceable */

struct kmem_cache {
	/* the allocation fast path reads these */
	spinlock_t lock;
	unsigned int size;		/* slot size: object, free index, padding */
	unsigned int freeptr_offset;	/* where a free object keeps its next index */
	unsigned int objects;		/* per slab */
	unsigned int order;		/* pages per slab: 2^order */
	unsigned int bitmap_offset;	/* byte offset of the in-use bitmap in a slab */
	struct page_list partial;	/* slabs with free objects; the empty one last */
	struct page_list full;		/* slabs with no free object */
	unsigned long nr_slabs;
	unsigned long nr_empty;		/* 0 or 1: the spare empty slab */
	unsigned long allocs, frees;
	/* the rest is looked at when slabs are made or reports are printed */
	void (*ctor)(void *);
	unsigned int object_size;	/* what the creator asked for */
	unsigned int align;
	unsigned long flags;
	char name[24];
	struct list_head list;		/* on slab_caches */
};

static LIST_HEAD(slab_caches);
static spinlock_t slab_caches_lock = SPIN_LOCK_UNLOCKED;
static unsigned long nr_slab_errors;

/* The cache of kmem_cache structures is itself a cache: bootstrapped statically. */
static struct kmem_cache kmem_cache_boot;

static const unsigned int kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};
static struct kmem_cache *kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];

/* ---- reports ---- */

static void slab_error(const struct kmem_cache *s, const void *obj, const char *what)
{
	nr_slab_errors++;
	pr_alert("BUG: slab %s: %s (object %p)\n", s ? s->name : "?", what, obj);
	dump_stack();
}

unsigned long slab_error_reports(void)
{
	return nr_slab_errors;
}

/* ---- slab layout ---- */

static inline void *slab_base(const struct page *slab)
{
	return page_address(slab);
}

static inline unsigned long *slab_bitmap(const struct kmem_cache *s, const struct page *slab)
{
	return (unsigned long *)((char *)slab_base(slab) + s->bitmap_offset);
}

static inline u16 *freeptr(const struct kmem_cache *s, void *obj)
{
	return (u16 *)((char *)obj + s->freeptr_offset);
}

/* objects_in: how many slots of size fit in bytes, leaving room for their bitmap. */
static unsigned int objects_in(unsigned long bytes, unsigned int size)
{
	unsigned long n = bytes / size;

	while (n && n * size + DIV_ROUND_UP(n, 64) * 8 > bytes)
		n--;
	return (unsigned int)MIN(n, (unsigned long)FREELIST_END - 1);
}

/*
 * calculate_order: the smallest slab order that wastes at most an eighth
 * of the slab, or failing that the order that wastes least.
 */
static unsigned int calculate_order(unsigned int size)
{
	unsigned int best = 0;
	unsigned long best_waste = ~0UL;

	for (unsigned int order = 0; order <= MAX_SLAB_ORDER; order++) {
		unsigned long bytes = PAGE_SIZE << order;
		unsigned int n = objects_in(bytes, size);
		unsigned long waste;

		if (!n)
			continue;
		waste = bytes - n * size;
		if (waste * 8 <= bytes)
			return order;
		if (waste * 64 / bytes < best_waste) {
			best_waste = waste * 64 / bytes;
			best = order;
		}
	}
	return best;
}

static void account_slab(const struct kmem_cache *s, long pages)
{
	mod_node_page_state((s->flags & SLAB_RECLAIM_ACCOUNT) ?
			    NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE, pages);
}

/*
 * new_slab: a block of pages, every page marked PG_slab (tail pages record
 * their distance to the head, so an object in any page finds its slab),
 * with all objects chained free and constructed.
 */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab = alloc_pages(gfp & ~__GFP_ZERO, s->order);
	char *base;

	if (!slab)
		return NULL;
	for (unsigned int i = 0; i < (1u << s->order); i++) {
		SetPageFlag(&slab[i], PG_slab);
		slab[i].slab_cache = s;
		if (i)
			slab[i].private = i;
	}
	slab->slab.inuse = 0;
	slab->slab.freelist = 0;
	base = slab_base(slab);
	memset(slab_bitmap(s, slab), 0, DIV_ROUND_UP(s->objects, 64) * 8);
	for (unsigned int i = 0; i < s->objects; i++) {
		void *obj = base + (unsigned long)i * s->size;

		if (s->ctor)
			s->ctor(obj);
		*freeptr(s, obj) = (u16)(i + 1 < s->objects ? i + 1 : FREELIST_END);
	}
	account_slab(s, 1L << s->order);
	return slab;
}

static void discard_slab(struct kmem_cache *s, struct page *slab)
{
	for (unsigned int i = 0; i < (1u << s->order); i++) {
		ClearPageFlag(&slab[i], PG_slab);
		slab[i].slab_cache = NULL;
		slab[i].private = 0;
	}
	account_slab(s, -(1L << s->order));
	__free_pages(slab, s->order);
}

/* ---- allocation and free ---- */

/* refill: no slab has a free object; add a new one.  Drops and retakes s->lock. */
static struct page *refill(struct kmem_cache *s, gfp_t gfp, unsigned long *flags)
{
	struct page *slab;

	spin_unlock_irqrestore(&s->lock, *flags);
	slab = new_slab(s, gfp);
	spin_lock_irqsave(&s->lock, *flags);
	if (!slab)
		return page_list_first(&s->partial);	/* someone else may have freed meanwhile */
	s->nr_slabs++;
	s->nr_empty++;
	page_list_add_tail(&s->partial, slab);
	return page_list_first(&s->partial);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	unsigned long flags;
	struct page *slab;
	void *obj;
	unsigned int idx;

	spin_lock_irqsave(&s->lock, flags);
	slab = page_list_first(&s->partial);
	if (unlikely(!slab)) {
		slab = refill(s, gfp, &flags);
		if (!slab) {
			spin_unlock_irqrestore(&s->lock, flags);
			return NULL;
		}
	}
	idx = slab->slab.freelist;
	obj = (char *)slab_base(slab) + (unsigned long)idx * s->size;
	slab->slab.freelist = *freeptr(s, obj);
	slab_bitmap(s, slab)[idx / 64] |= 1UL << (idx % 64);
	if (slab->slab.inuse++ == 0)
		s->nr_empty--;
	if (unlikely(slab->slab.inuse == s->objects)) {
		page_list_del(&s->partial, slab);
		page_list_add(&s->full, slab);
	}
	s->allocs++;
	spin_unlock_irqrestore(&s->lock, flags);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

/*
 * object_slab: the slab obj belongs to, and its index there; NULL (after a
 * report) when obj is not the start of an object of any cache.
 */
static struct page *object_slab(const struct kmem_cache *s, const void *obj,
				unsigned int *idx)
{
	struct page *slab;
	unsigned long off;

	if (!virt_addr_valid(obj)) {
		slab_error(s, obj, "pointer outside the kernel's memory");
		return NULL;
	}
	slab = virt_to_page(obj);
	if (!PageFlag(slab, PG_slab)) {
		slab_error(s, obj, "pointer is not in a slab");
		return NULL;
	}
	if (!PageFlag(slab, PG_head))
		slab -= slab->private;
	off = (unsigned long)((const char *)obj - (const char *)slab_base(slab));
	if (off % slab->slab_cache->size || off / slab->slab_cache->size >= slab->slab_cache->objects) {
		slab_error(slab->slab_cache, obj, "pointer into the middle of an object");
		return NULL;
	}
	*idx = (unsigned int)(off / slab->slab_cache->size);
	return slab;
}

/* __slab_free: put obj (index idx of slab) back; the caller validated both. */
static void __slab_free(struct kmem_cache *s, struct page *slab, void *obj, unsigned int idx)
{
	unsigned long flags, *word;
	struct page *discard = NULL;

	spin_lock_irqsave(&s->lock, flags);
	word = &slab_bitmap(s, slab)[idx / 64];
	if (unlikely(!(*word & (1UL << (idx % 64))))) {
		spin_unlock_irqrestore(&s->lock, flags);
		slab_error(s, obj, "double free");
		return;
	}
	*word &= ~(1UL << (idx % 64));
	*freeptr(s, obj) = slab->slab.freelist;
	slab->slab.freelist = (u16)idx;
	if (unlikely(slab->slab.inuse-- == s->objects)) {
		page_list_del(&s->full, slab);
		page_list_add(&s->partial, slab);
	}
	if (unlikely(slab->slab.inuse == 0)) {
		page_list_del(&s->partial, slab);
		if (s->nr_empty) {		/* already one spare: give this back */
			s->nr_slabs--;
			discard = slab;
		} else {
			s->nr_empty++;
			page_list_add_tail(&s->partial, slab);
		}
	}
	s->frees++;
	spin_unlock_irqrestore(&s->lock, flags);
	if (discard)
		discard_slab(s, discard);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *slab;
	unsigned int idx;

	slab = object_slab(s, obj, &idx);
	if (!slab)
		return;
	if (unlikely(slab->slab_cache != s)) {
		slab_error(s, obj, "object belongs to another cache");
		return;
	}
	__slab_free(s, slab, obj, idx);
}

/* ---- caches ---- */

/* slab_align: Linux's rule: HWCACHE_ALIGN shrinks to the smallest line share an object fits. */
static unsigned int slab_align(unsigned int size, unsigned int align, unsigned long flags)
{
	unsigned int ralign = 8;

	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = L1_CACHE_BYTES;
		while (size <= ralign / 2 && ralign > 8)
			ralign /= 2;
	}
	return MAX(ralign, align);
}

/* init_cache: fill in s; false when the object cannot fit a slab. */
static bool init_cache(struct kmem_cache *s, const char *name, unsigned int size,
		       unsigned int align, unsigned long flags, void (*ctor)(void *))
{
	unsigned int slot;

	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	spin_lock_init(&s->lock);
	page_list_init(&s->partial);
	page_list_init(&s->full);
	s->object_size = size;
	s->flags = flags;
	s->ctor = ctor;
	s->align = slab_align(size, align, flags);
	if (s->align & (s->align - 1) || size == 0 || size > (PAGE_SIZE << MAX_SLAB_ORDER) / 2)
		return false;
	/* A constructed object must survive being free: keep the index after it. */
	slot = MAX(size, (unsigned int)sizeof(u16));
	s->freeptr_offset = ctor ? ALIGN(size, 2) : 0;
	if (ctor)
		slot = s->freeptr_offset + sizeof(u16);
	s->size = ALIGN(slot, s->align);
	s->order = calculate_order(s->size);
	s->objects = objects_in(PAGE_SIZE << s->order, s->size);
	s->bitmap_offset = (unsigned int)((PAGE_SIZE << s->order) -
					  DIV_ROUND_UP(s->objects, 64) * 8);
	return s->objects > 0;
}

static void link_cache(struct kmem_cache *s)
{
	spin_lock(&slab_caches_lock);
	list_add_tail(&s->list, &slab_caches);
	spin_unlock(&slab_caches_lock);
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned long flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);

	if (!s)
		goto fail;
	if (!init_cache(s, name, size, align, flags & ~SLAB_KMALLOC, ctor)) {
		kmem_cache_free(&kmem_cache_boot, s);
		s = NULL;
		goto fail;
	}
	link_cache(s);
	return s;
fail:
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: cannot create cache %s (size %u, align %u)",
		      name, size, align);
	return NULL;
}

/* release_spare: free the empty slab kept for reuse, if any. */
void kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned long flags;
	struct page *slab;

	spin_lock_irqsave(&s->lock, flags);
	slab = page_list_last(&s->partial);
	if (!s->nr_empty || !slab || slab->slab.inuse) {
		spin_unlock_irqrestore(&s->lock, flags);
		return;
	}
	page_list_del(&s->partial, slab);
	s->nr_empty = 0;
	s->nr_slabs--;
	spin_unlock_irqrestore(&s->lock, flags);
	discard_slab(s, slab);
}

void kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	spin_unlock(&slab_caches_lock);
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	kmem_cache_shrink(s);
	if (s->nr_slabs) {
		/* Linux leaves such a cache in place: its objects may still be used. */
		pr_err("kmem_cache_destroy %s: Slab cache still has objects\n", s->name);
		nr_slab_errors++;
		dump_stack();
		return;
	}
	spin_lock(&slab_caches_lock);
	list_del(&s->list);
	spin_unlock(&slab_caches_lock);
	kmem_cache_free(&kmem_cache_boot, s);
}

/* ---- kmalloc ---- */

/* kmalloc_index: the smallest class that holds size (size <= KMALLOC_MAX_CACHE_SIZE). */
static unsigned int kmalloc_index(size_t size)
{
	unsigned int i = 0;

	while (kmalloc_sizes[i] < size)
		i++;
	return i;
}

struct kmem_cache *kmalloc_cache_for(size_t size)
{
	if (size == 0 || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_index(size)];
}

static unsigned int get_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* Too big for a cache: whole pages, marked so kfree and ksize know them. */
static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = get_order(size);
	struct page *page;

	if (order > MAX_PAGE_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than the largest block\n", size);
		return NULL;
	}
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	SetPageFlag(page, PG_large_kmalloc);
	mod_node_page_state(NR_SLAB_UNRECLAIMABLE, 1L << order);
	return page_address(page);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large(size, gfp);
	return kmem_cache_alloc(kmalloc_caches[kmalloc_index(size)], gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/*
 * kmalloc_object: what p is, for kfree/ksize: a slab object of a kmalloc
 * cache (*slab set), the start of a large kmalloc (*page set), or neither
 * (reported, false).
 */
static bool kmalloc_object(const void *p, const char *caller, struct page **slab,
			   unsigned int *idx, struct page **page)
{
	struct page *pg;

	*slab = *page = NULL;
	if (!virt_addr_valid(p)) {
		nr_slab_errors++;
		pr_alert("BUG: %s: %p was not returned by kmalloc (not kernel memory)\n", caller, p);
		dump_stack();
		return false;
	}
	pg = virt_to_page(p);
	if (PageFlag(pg, PG_slab)) {
		*slab = object_slab(NULL, p, idx);
		if (!*slab)
			return false;
		if (!((*slab)->slab_cache->flags & SLAB_KMALLOC)) {
			slab_error((*slab)->slab_cache, p,
				   "kfree of an object from a kmem_cache (use kmem_cache_free)");
			return false;
		}
		return true;
	}
	if (PageFlag(pg, PG_large_kmalloc) && PageFlag(pg, PG_head) && p == page_address(pg)) {
		*page = pg;
		return true;
	}
	nr_slab_errors++;
	pr_alert("BUG: %s: %p was not returned by kmalloc\n", caller, p);
	dump_stack();
	return false;
}

void kfree(const void *p)
{
	struct page *slab, *page;
	unsigned int idx;

	if (unlikely(p == NULL || p == ZERO_SIZE_PTR))
		return;
	if (!kmalloc_object(p, "kfree", &slab, &idx, &page))
		return;
	if (slab) {
		__slab_free(slab->slab_cache, slab, (void *)p, idx);
		return;
	}
	ClearPageFlag(page, PG_large_kmalloc);
	mod_node_page_state(NR_SLAB_UNRECLAIMABLE, -(1L << page->order));
	__free_pages(page, page->order);
}

size_t ksize(const void *p)
{
	struct page *slab, *page;
	unsigned int idx;

	if (!p || p == ZERO_SIZE_PTR || !kmalloc_object(p, "ksize", &slab, &idx, &page))
		return 0;
	return slab ? slab->slab_cache->object_size : PAGE_SIZE << page->order;
}

void *krealloc(const void *p, size_t size, gfp_t gfp)
{
	size_t old = ksize(p);
	void *n;

	if (!size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (p && p != ZERO_SIZE_PTR && !old)
		return NULL;			/* not a kmalloc pointer: reported by ksize */
	if (size <= old) {
		if (gfp & __GFP_ZERO)		/* the tail must read as zeros if it is ever grown into */
			memset((char *)p + size, 0, old - size);
		return (void *)p;
	}
	n = kmalloc(size, gfp);
	if (!n)
		return NULL;
	if (old)
		memcpy(n, p, old);
	kfree(p);
	return n;
}

void kmem_cache_init(void)
{
	char name[24];

	if (!init_cache(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache),
			0, SLAB_HWCACHE_ALIGN, NULL))
		panic("kmem_cache_init: cannot set up the kmem_cache cache");
	link_cache(&kmem_cache_boot);
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++) {
		unsigned int sz = kmalloc_sizes[i];
		struct kmem_cache *s = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);

		if (sz >= 1024)
			snprintf(name, sizeof(name), "kmalloc-%uk", sz >> 10);
		else
			snprintf(name, sizeof(name), "kmalloc-%u", sz);
		if (!s || !init_cache(s, name, sz, 0, SLAB_KMALLOC, NULL))
			panic("kmem_cache_init: cannot create %s", name);
		link_cache(s);
		kmalloc_caches[i] = s;
	}
}

/* ---- statistics ---- */

void get_slabinfo(struct kmem_cache *s, struct slabinfo *info)
{
	unsigned long flags, active = 0, full = 0;

	spin_lock_irqsave(&s->lock, flags);
	for (struct page *p = page_list_first(&s->partial); p; p = page_list_next(p))
		active += p->slab.inuse;
	for (struct page *p = page_list_first(&s->full); p; p = page_list_next(p))
		full++;
	memset(info, 0, sizeof(*info));
	info->active_objs = active + full * s->objects;
	info->num_objs = s->nr_slabs * s->objects;
	info->active_slabs = s->nr_slabs;
	info->num_slabs = s->nr_slabs;
	info->objects_per_slab = s->objects;
	info->cache_order = s->order;
	info->object_size = s->size;
	info->allocs = s->allocs;
	info->frees = s->frees;
	spin_unlock_irqrestore(&s->lock, flags);
}

void show_slabinfo(struct seq_buf *m)
{
	struct kmem_cache *s;

	seq_buf_printf(m, "slabinfo - version: 2.1\n");
	seq_buf_printf(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		       "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> "
		       ": slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list) {
		struct slabinfo info;

		get_slabinfo(s, &info);
		seq_buf_printf(m, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u "
			       ": slabdata %6lu %6lu %6lu\n",
			       s->name, info.active_objs, info.num_objs, info.object_size,
			       info.objects_per_slab, 1 << info.cache_order, 0u, 0u, 0u,
			       info.active_slabs, info.num_slabs, 0UL);
	}
	spin_unlock(&slab_caches_lock);
}
