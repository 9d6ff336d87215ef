/*
 * mm/slab_common.c: what every slab allocator shares (Linux's
 * slab_common.c): the list of caches, kmem_cache_create's rules, kmalloc
 * and its size classes, kfree, ksize, krealloc, and /proc/slabinfo.
 *
 * The allocator itself (mm/slub.c, or mm/slob.c with make SLAB=slob) sits
 * behind the interface in mm/slab.h; nothing here knows how a slab is laid
 * out.  kfree finds an object's cache through its page (every slab page
 * records its cache), so it takes objects of any cache under any allocator.
 */
#include <asm/processor.h>
#include <errno.h>
#include <printk.h>
#include <stdio.h>
#include <string.h>
#include <vmstat.h>

#include "slab.h"

#define _RET_IP_	((unsigned long)__builtin_return_address(0))
/* the same, in the __leaf_fastpath functions */
#define _LEAF_RET_IP_	leaf_return_address()

static LIST_HEAD(slab_caches);
static spinlock_t slab_caches_lock = SPIN_LOCK_UNLOCKED;
static unsigned long nr_slab_errors;

/* The cache of kmem_cache structures is itself a cache: bootstrapped statically. */
static struct kmem_cache kmem_cache_boot;

static const unsigned int kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};
static struct kmem_cache *kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];

/* ---- for the allocators ---- */

void slab_bug_count(void)
{
	nr_slab_errors++;
}

unsigned long slab_error_reports(void)
{
	return nr_slab_errors;
}

void slab_pages_set(struct kmem_cache *s, struct page *page, unsigned int order)
{
	for (unsigned int i = 0; i < (1u << order); i++) {
		SetPageSlab(&page[i]);
		page[i].slab_cache = s;
		if (i)
			page[i].private = i;	/* a tail page's distance to the head */
	}
}

void slab_pages_clear(struct kmem_cache *s, struct page *page, unsigned int order)
{
	(void)s;
	for (unsigned int i = 0; i < (1u << order); i++) {
		ClearPageSlab(&page[i]);
		page[i].slab_cache = NULL;
		page[i].private = 0;
	}
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

/* init_cache: the common fields, then the allocator's layout; false if it cannot be made. */
static bool init_cache(struct kmem_cache *s, const char *name, unsigned int size,
		       unsigned int align, unsigned long flags, void (*ctor)(void *))
{
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->object_size = size;
	s->flags = flags;
	s->ctor = ctor;
	s->align = slab_align(size, align, flags);
	if (s->align & (s->align - 1) || size == 0 || size > (PAGE_SIZE << MAX_SLAB_ORDER) / 2)
		return false;
	return __kmem_cache_create(s) == 0;
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

__leaf_fastpath void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return __kmem_cache_alloc(s, gfp, _LEAF_RET_IP_);
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return __kmem_cache_alloc(s, gfp | __GFP_ZERO, _RET_IP_);
}

__leaf_fastpath void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	__kmem_cache_free(s, obj, _LEAF_RET_IP_);
}

void kmem_cache_shrink(struct kmem_cache *s)
{
	__kmem_cache_shrink(s);
}

void kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		__kmem_cache_shrink(s);
	spin_unlock(&slab_caches_lock);
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (!__kmem_cache_release(s)) {
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

/*
 * kmalloc_small: the cache for each size up to 192, by (size - 1) / 8,
 * filled from size_index at boot: kmalloc's fast path is one load.
 */
static struct kmem_cache *kmalloc_small[ARRAY_SIZE(size_index)];

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

/* kmalloc_slow: the sizes above kmalloc_small's: larger classes, page blocks, and 0. */
static __noinline void *kmalloc_slow(size_t size, gfp_t gfp, unsigned long caller)
{
	if (size - 1 < KMALLOC_MAX_CACHE_SIZE)
		return __kmem_cache_alloc(kmalloc_caches[kmalloc_index(size)], gfp, caller);
	if (!size)
		return ZERO_SIZE_PTR;
	return kmalloc_large(size, gfp);
}

__leaf_fastpath void *kmalloc(size_t size, gfp_t gfp)
{
	/* size - 1 wraps for 0, so one compare picks out 1..192 */
	if (likely(size - 1 < 8 * ARRAY_SIZE(kmalloc_small)))
		return __kmem_cache_alloc(kmalloc_small[(size - 1) / 8], gfp, _LEAF_RET_IP_);
	return kmalloc_slow(size, gfp, _LEAF_RET_IP_);
}

__leaf_fastpath void *kzalloc(size_t size, gfp_t gfp)
{
	if (likely(size - 1 < 8 * ARRAY_SIZE(kmalloc_small)))
		return __kmem_cache_alloc(kmalloc_small[(size - 1) / 8], gfp | __GFP_ZERO, _LEAF_RET_IP_);
	return kmalloc_slow(size, gfp | __GFP_ZERO, _LEAF_RET_IP_);
}

static __cold void kfree_bad(const char *caller, const void *p, const char *why)
{
	nr_slab_errors++;
	pr_alert("BUG: %s: %p was not returned by kmalloc (%s)\n", caller, p, why);
	dump_stack();
}

/*
 * kmalloc_page: the page that says what p is: a slab page, or the head
 * of a large kmalloc that starts at p; NULL (after a report) otherwise.
 */
static struct page *kmalloc_page(const void *p, const char *caller)
{
	struct page *page;

	if (unlikely(!virt_addr_valid(p))) {
		kfree_bad(caller, p, "not kernel memory");
		return NULL;
	}
	page = virt_to_page(p);
	if (likely(PageSlab(page)))
		return page;
	if (unlikely(!PageLargeKmalloc(page) || !PageHead(page) || p != page_address(page))) {
		kfree_bad(caller, p, "neither a slab object nor a large kmalloc");
		return NULL;
	}
	return page;
}

/* kfree_slow: everything but a slab object: a large kmalloc, or a bad pointer. */
static __noinline void kfree_slow(const void *p)
{
	struct page *page = kmalloc_page(p, "kfree");

	if (!page)
		return;
	ClearPageLargeKmalloc(page);
	mod_node_page_state(NR_SLAB_UNRECLAIMABLE, -(1L << page->order));
	__free_pages(page, page->order);
}

__leaf_fastpath void kfree(const void *p)
{
	struct page *page;

	if (unlikely((unsigned long)p <= (unsigned long)ZERO_SIZE_PTR))
		return;				/* NULL and kmalloc(0) */
	if (likely(virt_addr_valid(p))) {
		page = virt_to_page(p);
		/* Every page of a slab knows its cache.  As in Linux since 6.4,
		 * kfree also takes objects of caches made by kmem_cache_create. */
		if (likely(PageSlab(page))) {
			__kmem_cache_free(page->slab_cache, (void *)p, _LEAF_RET_IP_);
			return;
		}
	}
	kfree_slow(p);
}

size_t ksize(const void *p)
{
	struct page *page;

	if (!p || p == ZERO_SIZE_PTR)
		return 0;
	page = kmalloc_page(p, "ksize");
	if (!page)
		return 0;
	return PageSlab(page) ? page->slab_cache->object_size : PAGE_SIZE << page->order;
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

	__kmem_cache_init();
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
		/* a power of two is aligned to itself, red zones or not (as Linux since 5.4) */
		if (!s || !init_cache(s, name, sz, (sz & (sz - 1)) ? 0 : sz, 0, NULL))
			panic("kmem_cache_init: cannot create %s", name);
		link_cache(s);
		kmalloc_caches[i] = s;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_small); i++)
		kmalloc_small[i] = kmalloc_caches[size_index[i]];
}

/* ---- /proc/slabinfo ---- */

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
