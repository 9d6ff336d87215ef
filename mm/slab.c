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
 * As in Linux's SLUB, each cpu has an active slab that sits on no list:
 * allocations take its free objects and frees of its objects put them
 * back with interrupts off and nothing else locked, so the common case is
 * a few dozen instructions.  Only when the active slab runs out, or an
 * object of another slab is freed, does the cache lock come in, with the
 * other slabs on two lists: partial (some objects free) and full.  A slab
 * whose last object is freed goes back to the buddy allocator, except that
 * each cache keeps one empty slab as a spare, at the tail of the partial
 * list, so that a cache hovering around a slab boundary does not call the
 * page allocator on every other operation.
 *
 * SMP note: the lock-free fast path is correct while one hart runs.  With
 * several, a free into another cpu's active slab races with that cpu's
 * allocations; SLUB solves it with a double-word cmpxchg on (freelist,
 * counters), which is where this code would have to go.
 */
#include <asm/irqflags.h>
#include <list.h>
#include <printk.h>
#include <slab.h>
#include <smp.h>
#include <stdio.h>
#include <string.h>
#include <vmstat.h>

#define FREELIST_END	0xffffu		/* no further free object */
#define MAX_SLAB_ORDER	3		/* PAGE_ALLOC_COSTLY_ORDER: beyond it blocks get rare */

/* The slab a cpu allocates from, with its addresses worked out once. */
struct kmem_cache_cpu {
	struct page *slab;		/* NULL: none yet */
	char *base;			/* page_address(slab) */
	unsigned long *bitmap;		/* its in-use bitmap */
};

struct kmem_cache {
	/* the fast paths read these */
	struct kmem_cache_cpu cpu_slab[NR_CPUS];
	unsigned int size;		/* slot size: object, free index, padding */
	unsigned int freeptr_offset;	/* where a free object keeps its next index */
	unsigned int objects;		/* per slab */
	unsigned int order;		/* pages per slab: 2^order */
	unsigned long flags;
	/* the slow paths, under lock */
	spinlock_t lock;
	unsigned int bitmap_offset;	/* byte offset of the in-use bitmap in a slab */
	struct page_list partial;	/* slabs with free objects; the empty one last */
	struct page_list full;		/* slabs with no free object */
	unsigned long nr_slabs;		/* all slabs, the active ones included */
	unsigned long nr_empty;		/* 0 or 1: the spare empty slab on partial */
	unsigned long alloc_slowpath;	/* allocations that needed another slab */
	unsigned long free_slowpath;	/* frees outside the active slab */
	/* looked at when slabs are made or reports are printed */
	void (*ctor)(void *);
	unsigned int object_size;	/* what the creator asked for */
	unsigned int align;
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
		SetPageSlab(&slab[i]);
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
		ClearPageSlab(&slab[i]);
		slab[i].slab_cache = NULL;
		slab[i].private = 0;
	}
	account_slab(s, -(1L << s->order));
	__free_pages(slab, s->order);
}

/* ---- the active slab ---- */

static inline unsigned int cpu_id(void)
{
	return smp_processor_id();
}

/* activate: make slab this cpu's active slab.  Interrupts are off. */
static void activate(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *slab)
{
	c->slab = slab;
	c->base = slab_base(slab);
	c->bitmap = slab_bitmap(s, slab);
}

/*
 * place_slab: put a slab that is not active on the list its fill level
 * says; returns the slab if it is an empty one that the cache cannot keep
 * (the caller frees it after dropping the lock).  s->lock held.
 */
static struct page *place_slab(struct kmem_cache *s, struct page *slab)
{
	if (slab->slab.inuse == s->objects) {
		page_list_add(&s->full, slab);
	} else if (slab->slab.inuse) {
		page_list_add(&s->partial, slab);
	} else if (!s->nr_empty) {
		s->nr_empty = 1;
		page_list_add_tail(&s->partial, slab);
	} else {
		s->nr_slabs--;
		return slab;
	}
	return NULL;
}

/* deactivate: this cpu lets go of its active slab.  Interrupts are off, s->lock held. */
static struct page *deactivate(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct page *slab = c->slab;

	c->slab = NULL;
	c->base = NULL;
	c->bitmap = NULL;
	return slab ? place_slab(s, slab) : NULL;
}

/* ---- allocation ---- */

/* alloc_from: take the first free object of slab (which has one).  Interrupts are off. */
static inline void *alloc_from(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *slab)
{
	unsigned int idx = slab->slab.freelist;
	void *obj = c->base + (unsigned long)idx * s->size;

	slab->slab.freelist = *freeptr(s, obj);
	slab->slab.inuse++;
	c->bitmap[idx / 64] |= 1UL << (idx % 64);
	return obj;
}

/*
 * __slab_alloc: the active slab is used up (or there is none): swap in a
 * partial slab, the spare, or a new one.
 */
static __noinline void *__slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab, *discard = NULL, *extra = NULL;
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *obj;

	spin_lock_irqsave(&s->lock, flags);
	c = &s->cpu_slab[cpu_id()];
	if (c->slab && c->slab->slab.freelist != FREELIST_END)
		goto have_slab;			/* an interrupt handler freed into it meanwhile */
	discard = deactivate(s, c);
	slab = page_list_first(&s->partial);
	if (slab) {
		page_list_del(&s->partial, slab);
		if (!slab->slab.inuse)
			s->nr_empty = 0;
	} else {
		spin_unlock_irqrestore(&s->lock, flags);
		slab = new_slab(s, gfp);
		spin_lock_irqsave(&s->lock, flags);
		if (!slab) {
			spin_unlock_irqrestore(&s->lock, flags);
			if (discard)
				discard_slab(s, discard);
			return NULL;
		}
		s->nr_slabs++;
		c = &s->cpu_slab[cpu_id()];
		if (c->slab && c->slab->slab.freelist != FREELIST_END) {
			/* an interrupt handler activated a slab meanwhile: keep ours for later */
			extra = place_slab(s, slab);
			goto have_slab;
		}
		if (c->slab)
			extra = deactivate(s, c);
	}
	activate(s, c, slab);
have_slab:
	obj = alloc_from(s, c, c->slab);
	s->alloc_slowpath++;
	spin_unlock_irqrestore(&s->lock, flags);
	if (discard)
		discard_slab(s, discard);
	if (extra)
		discard_slab(s, extra);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[cpu_id()];
	unsigned long flags = arch_local_irq_save();
	struct page *slab = c->slab;
	void *obj;

	if (unlikely(!slab || slab->slab.freelist == FREELIST_END)) {
		arch_local_irq_restore(flags);
		return __slab_alloc(s, gfp);
	}
	obj = alloc_from(s, c, slab);
	arch_local_irq_restore(flags);
	if (unlikely(gfp & __GFP_ZERO))
		memset(obj, 0, s->object_size);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

/* ---- free ---- */

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
	if (!PageSlab(slab)) {
		slab_error(s, obj, "pointer is not in a slab");
		return NULL;
	}
	if (!PageHead(slab))
		slab -= slab->private;
	off = (unsigned long)((const char *)obj - (const char *)slab_base(slab));
	if (off % slab->slab_cache->size || off / slab->slab_cache->size >= slab->slab_cache->objects) {
		slab_error(slab->slab_cache, obj, "pointer into the middle of an object");
		return NULL;
	}
	*idx = (unsigned int)(off / slab->slab_cache->size);
	return slab;
}

/*
 * __slab_free: obj is not a plain object of this cpu's active slab:
 * validate it fully, then free it under the lock, moving its slab between
 * lists as its fill level changes.
 */
static __noinline void __slab_free(struct kmem_cache *s, void *obj)
{
	struct page *slab, *discard = NULL;
	unsigned long flags, *word;
	unsigned int idx;
	bool active;

	slab = object_slab(s, obj, &idx);
	if (!slab)
		return;
	if (unlikely(s && slab->slab_cache != s)) {
		slab_error(s, obj, "object belongs to another cache");
		return;
	}
	s = slab->slab_cache;
	spin_lock_irqsave(&s->lock, flags);
	word = &slab_bitmap(s, slab)[idx / 64];
	if (unlikely(!(*word & (1UL << (idx % 64))))) {
		spin_unlock_irqrestore(&s->lock, flags);
		slab_error(s, obj, "double free");
		return;
	}
	*word &= ~(1UL << (idx % 64));
	active = false;
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		active |= s->cpu_slab[cpu].slab == slab;
	if (!active) {	/* take it off its list; place_slab puts it back where it now belongs */
		if (slab->slab.inuse == s->objects)
			page_list_del(&s->full, slab);
		else
			page_list_del(&s->partial, slab);
	}
	*freeptr(s, obj) = slab->slab.freelist;
	slab->slab.freelist = (u16)idx;
	slab->slab.inuse--;
	if (!active)
		discard = place_slab(s, slab);
	s->free_slowpath++;
	spin_unlock_irqrestore(&s->lock, flags);
	if (discard)
		discard_slab(s, discard);
}

/*
 * slab_free: the common case, an object of this cpu's active slab, is put
 * back here; anything else (another slab, or something wrong) goes to
 * __slab_free.
 */
static inline void slab_free(struct kmem_cache *s, void *obj)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[cpu_id()];
	unsigned long flags = arch_local_irq_save();
	unsigned long off = (unsigned long)((char *)obj - c->base);
	unsigned long idx = off / s->size, *word, bit;
	struct page *slab = c->slab;

	if (likely(slab && idx < s->objects && idx * s->size == off)) {
		word = &c->bitmap[idx / 64];
		bit = 1UL << (idx % 64);
		if (likely(*word & bit)) {
			*word &= ~bit;
			*freeptr(s, obj) = slab->slab.freelist;
			slab->slab.freelist = (u16)idx;
			slab->slab.inuse--;
			arch_local_irq_restore(flags);
			return;
		}
	}
	arch_local_irq_restore(flags);
	__slab_free(s, obj);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	slab_free(s, obj);
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
	if (!init_cache(s, name, size, align, flags, ctor)) {
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

/* kmem_cache_shrink: let go of this cpu's active slab, then free every empty slab. */
void kmem_cache_shrink(struct kmem_cache *s)
{
	struct page *slab, *discard;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	discard = deactivate(s, &s->cpu_slab[cpu_id()]);
	slab = page_list_last(&s->partial);
	if (s->nr_empty && slab && !slab->slab.inuse) {
		page_list_del(&s->partial, slab);
		s->nr_empty = 0;
		s->nr_slabs--;
	} else {
		slab = NULL;
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (discard)
		discard_slab(s, discard);
	if (slab)
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

/*
 * size_index: the class of each size up to 192, one entry per 8 bytes (as
 * Linux's table), since small sizes are most of kmalloc's traffic.  Above
 * that every class is a power of two: 256 is index 7, 512 index 8, ...
 */
static const u8 size_index[24] = {
	0, 1, 2, 2, 3, 3, 3, 3,		/*   8  16  24  32  40  48  56  64 */
	4, 4, 4, 4, 5, 5, 5, 5,		/*  72 ... 96, 104 ... 128 */
	6, 6, 6, 6, 6, 6, 6, 6,		/* 136 ... 192 */
};

/* kmalloc_index: the smallest class that holds size (1 <= size <= KMALLOC_MAX_CACHE_SIZE). */
static inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return size_index[(size - 1) / 8];
	/* ceil(log2(size)) - 1: 256 -> 7, 257..512 -> 8, ... */
	return (unsigned int)(64 - __builtin_clzl(size - 1)) - 1;
}

struct kmem_cache *kmalloc_cache_for(size_t size)
{
	if (size == 0 || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_index(size)];
}

/* get_order: the smallest order of pages that holds size (size <= 4 MiB). */
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
	unsigned int order;
	struct page *page;

	if (size > (PAGE_SIZE << MAX_PAGE_ORDER)) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than the largest block\n", size);
		return NULL;
	}
	order = get_order(size);
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	SetPageLargeKmalloc(page);
	mod_node_page_state(NR_SLAB_UNRECLAIMABLE, 1L << order);
	return page_address(page);
}

/* kmalloc_slow: the sizes no cache serves: 0 and above KMALLOC_MAX_CACHE_SIZE. */
static __noinline void *kmalloc_slow(size_t size, gfp_t gfp)
{
	if (!size)
		return ZERO_SIZE_PTR;
	return kmalloc_large(size, gfp);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	/* size - 1 wraps for 0, so one compare picks out 1..KMALLOC_MAX_CACHE_SIZE. */
	if (likely(size - 1 < KMALLOC_MAX_CACHE_SIZE))
		return kmem_cache_alloc(kmalloc_caches[kmalloc_index(size)], gfp);
	return kmalloc_slow(size, gfp);
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
	if (PageSlab(pg)) {
		*slab = object_slab(NULL, p, idx);
		return *slab != NULL;
	}
	if (PageLargeKmalloc(pg) && PageHead(pg) && p == page_address(pg)) {
		*page = pg;
		return true;
	}
	nr_slab_errors++;
	pr_alert("BUG: %s: %p was not returned by kmalloc\n", caller, p);
	dump_stack();
	return false;
}

static __cold void kfree_bad(const void *p, const char *why)
{
	nr_slab_errors++;
	pr_alert("BUG: kfree: %p was not returned by kmalloc (%s)\n", p, why);
	dump_stack();
}

void kfree(const void *p)
{
	struct page *page;
	struct kmem_cache *s;

	if (unlikely((unsigned long)p <= (unsigned long)ZERO_SIZE_PTR))
		return;				/* NULL and kmalloc(0) */
	if (unlikely(!virt_addr_valid(p))) {
		kfree_bad(p, "not kernel memory");
		return;
	}
	page = virt_to_page(p);
	if (likely(PageSlab(page))) {
		/* Every page of a slab knows its cache.  As in Linux since 6.4,
		 * kfree also takes objects of caches made by kmem_cache_create. */
		s = page->slab_cache;
		slab_free(s, (void *)p);
		return;
	}
	if (unlikely(!PageLargeKmalloc(page) || !PageHead(page) ||
		     p != page_address(page))) {
		kfree_bad(p, "neither a slab object nor a large kmalloc");
		return;
	}
	ClearPageLargeKmalloc(page);
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
		if (!s || !init_cache(s, name, sz, 0, 0, NULL))
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
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (s->cpu_slab[cpu].slab)
			active += s->cpu_slab[cpu].slab->slab.inuse;
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
	info->alloc_slowpath = s->alloc_slowpath;
	info->free_slowpath = s->free_slowpath;
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
