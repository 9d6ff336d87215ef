/*
 * mm/slub.c: SLUB, the default slab allocator (the interface is mm/slab.h).
 *
 * A cache hands out objects of one size, carved from slabs: blocks of
 * 2^order pages from the buddy allocator, cut into slots of s->size bytes.
 * A free object holds a pointer to the next free object of its slab (the
 * free pointer, at s->offset: in the middle of the object, as Linux puts it
 * so that a small overrun does not reach it, or after the object when a
 * constructor or poisoning owns the object's bytes).  The slab's struct
 * page holds the first free object (as an offset) and the count in use.
 *
 * As in Linux, each cpu has an active slab that sits on no list, and takes
 * all of that slab's free objects into a freelist of its own: allocation
 * pops it and a free of an object of that slab pushes it, with interrupts
 * off and nothing locked, a dozen instructions each.  Only when the cpu's
 * freelist runs dry, or an object of another slab is freed, does the cache
 * lock come in, with the other slabs on two lists: partial (some objects
 * free) and full.  A slab whose last object is freed goes back to the
 * buddy allocator, except that each cache keeps one empty slab as a spare,
 * at the tail of the partial list, so that a cache hovering around a slab
 * boundary does not call the page allocator on every other operation.
 *
 * The fast paths check nothing they cannot check for free: a free of the
 * object at the head of the freelist is a double free, as in Linux's
 * freelist hardening.  Everything else is slub_debug's (mm/slub_debug.c):
 * a cache with debug flags never uses the cpu freelist, and every
 * allocation and free goes through the checks there, under the lock.
 *
 * SMP note: the lock-free fast path is correct while one hart runs.  With
 * several, a free into another cpu's active slab races with that cpu's
 * allocations; SLUB solves it with a double-word cmpxchg on (freelist,
 * counters), which is where this code would have to go.
 */
#include <asm/irqflags.h>
#include <cmdline.h>
#include <errno.h>
#include <printk.h>
#include <string.h>
#include <vmstat.h>

#include "slab.h"

/* objects_in: how many slots of size fit in bytes. */
static unsigned int objects_in(unsigned long bytes, unsigned int size)
{
	return (unsigned int)(bytes / size);
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

/*
 * calculate_sizes: the slot, as Linux lays it out:
 *
 *	| left red zone | object | right red zone | free pointer | alloc/free tracks | pad |
 *
 * with each part present only when the cache's flags ask for it.
 */
static void calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = ALIGN(s->object_size, sizeof(void *));
	bool poison = (s->flags & SLAB_POISON) && !s->ctor;

	if ((s->flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);		/* a right red zone of at least a word */
	s->inuse = size;
	if (poison || s->ctor || (s->flags & SLAB_RED_ZONE)) {
		/* the object's bytes belong to someone else while it is free */
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = ALIGN_DOWN(s->object_size / 2, sizeof(void *));
	}
	if (s->flags & SLAB_STORE_USER)
		size += 2 * SLUB_TRACK_SIZE;
	s->red_left_pad = 0;
	if (s->flags & SLAB_RED_ZONE) {
		s->red_left_pad = ALIGN(sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	s->size = ALIGN(size, s->align);
}

int __kmem_cache_create(struct kmem_cache *s)
{
	if (!(s->flags & SLAB_NO_USER_FLAGS))
		s->flags |= slub_debug_flags(s->name);
	spin_lock_init(&s->lock);
	page_list_init(&s->partial);
	page_list_init(&s->full);
	calculate_sizes(s);
	if (s->size > (PAGE_SIZE << MAX_SLAB_ORDER))
		return -EINVAL;
	s->order = calculate_order(s->size);
	s->objects = objects_in(PAGE_SIZE << s->order, s->size);
	s->slab_bytes = PAGE_SIZE << s->order;
	return s->objects ? 0 : -EINVAL;
}

void __kmem_cache_init(void)
{
	char val[128];

	if (cmdline_find(boot_command_line, "slub_debug", val, sizeof(val)))
		slub_debug_setup(val);
}

static void account_slab(const struct kmem_cache *s, long pages)
{
	mod_node_page_state((s->flags & SLAB_RECLAIM_ACCOUNT) ?
			    NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE, pages);
}

/* new_slab: a block of pages with every object constructed and chained free. */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab = alloc_pages(gfp, s->order);	/* never __GFP_ZERO: slab_alloc_zeroed strips it */
	void *next = NULL;

	if (!slab)
		return NULL;
	slab_pages_set(s, slab, s->order);
	slab->slab.inuse = 0;
	/* chained from the top down, so the freelist runs in address order */
	for (unsigned int i = s->objects; i-- > 0;) {
		void *obj = slab_object(s, slab, i);

		if (kmem_cache_debug(s))
			setup_object_debug(s, obj);
		if (s->ctor)
			s->ctor(obj);
		set_freepointer(s, obj, next);
		next = obj;
	}
	set_slab_freelist(slab, next);
	account_slab(s, 1L << s->order);
	return slab;
}

static void discard_slab(struct kmem_cache *s, struct page *slab)
{
	slab_pages_clear(s, slab, s->order);
	account_slab(s, -(1L << s->order));
	__free_pages(slab, s->order);
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

/* unplace_slab: take a slab that is not active off its list.  s->lock held. */
static void unplace_slab(struct kmem_cache *s, struct page *slab)
{
	if (slab->slab.inuse == s->objects) {
		page_list_del(&s->full, slab);
	} else {
		page_list_del(&s->partial, slab);
		if (!slab->slab.inuse)
			s->nr_empty = 0;
	}
}

/* ---- the active slab ---- */

/* LAB slab: BEGIN activate(s, c, slab): the cpu takes slab and all its free objects (deactivate undoes it) */
/* activate: the cpu takes slab and all its free objects.  Interrupts off, s->lock held. */
static void activate(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *slab)
{
	c->slab = slab;
	c->base = page_address(slab);
	c->freelist = slab_freelist(slab);
	set_slab_freelist(slab, NULL);
	slab->slab.inuse = (u16)s->objects;	/* what the cpu holds counts as taken */
}
/* LAB slab: END */

/*
 * deactivate: the cpu gives its active slab's free objects back to the
 * slab and lets it go.  Interrupts off, s->lock held.
 */
static struct page *deactivate(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct page *slab = c->slab;
	void *obj = c->freelist, *last = NULL;
	unsigned int n = 0;

	if (!slab)
		return NULL;
	for (; obj; obj = get_freepointer(s, obj)) {
		last = obj;
		n++;
	}
	if (last) {	/* the slab's own list is empty while it is active: append nothing */
		set_freepointer(s, last, slab_freelist(slab));
		set_slab_freelist(slab, c->freelist);
	}
	slab->slab.inuse = (u16)(slab->slab.inuse - n);
	c->slab = NULL;
	c->base = NULL;
	c->freelist = NULL;
	return place_slab(s, slab);
}

/* ---- allocation ---- */

/* take_object: the first free object of slab (which has one).  s->lock held. */
static void *take_object(struct kmem_cache *s, struct page *slab)
{
	void *obj = slab_freelist(slab);

	set_slab_freelist(slab, get_freepointer(s, obj));
	slab->slab.inuse++;
	return obj;
}

/* alloc_debug: a debug cache's allocation: from a slab's own freelist, checked. */
static __noinline void *alloc_debug(struct kmem_cache *s, gfp_t gfp, unsigned long caller)
{
	struct page *slab;
	unsigned long flags;
	void *obj;

	spin_lock_irqsave(&s->lock, flags);
	slab = page_list_first(&s->partial);
	if (!slab) {
		spin_unlock_irqrestore(&s->lock, flags);
		slab = new_slab(s, gfp);
		if (!slab)
			return NULL;
		spin_lock_irqsave(&s->lock, flags);
		s->nr_slabs++;
	} else {
		unplace_slab(s, slab);
	}
	/* checked while it heads the freelist, so that a corrupt free pointer is cut off there */
	alloc_debug_processing(s, slab, slab_freelist(slab), caller);
	obj = take_object(s, slab);
	(void)place_slab(s, slab);		/* it holds an object now: never discarded */
	s->alloc_slowpath++;
	spin_unlock_irqrestore(&s->lock, flags);
	return obj;
}

/*
 * __slab_alloc: the cpu's freelist is empty (or the cache is a debug
 * cache): swap in a partial slab, the spare, or a new one.  gfp has no
 * __GFP_ZERO (slab_alloc_zeroed zeroes the object).
 */
static __noinline void *__slab_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long caller)
{
	/* LAB slab: BEGIN a debug cache goes to alloc_debug; else swap in a partial (or new) slab as the active one, pop its freelist */
	struct page *slab, *discard = NULL, *extra = NULL;
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *obj;

	if (kmem_cache_debug(s))
		return alloc_debug(s, gfp, caller);
	spin_lock_irqsave(&s->lock, flags);
	c = &s->cpu_slab[smp_processor_id()];
	if (c->freelist)
		goto have_object;		/* an interrupt handler freed into it meanwhile */
	discard = deactivate(s, c);
	slab = page_list_first(&s->partial);
	if (slab) {
		unplace_slab(s, slab);
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
		c = &s->cpu_slab[smp_processor_id()];
		if (c->freelist) {
			/* an interrupt handler activated a slab meanwhile: keep ours for later */
			extra = place_slab(s, slab);
			goto have_object;
		}
		if (c->slab)
			extra = deactivate(s, c);
	}
	activate(s, c, slab);
have_object:
	obj = c->freelist;
	c->freelist = get_freepointer(s, obj);
	s->alloc_slowpath++;
	spin_unlock_irqrestore(&s->lock, flags);
	if (discard)
		discard_slab(s, discard);
	if (extra)
		discard_slab(s, extra);
	return obj;
	/* LAB slab: STUB
	return alloc_debug(s, gfp, caller);
	   LAB slab: END */
}

/* slab_alloc_zeroed: __GFP_ZERO, kept off the fast path so that it stays a leaf. */
static __noinline void *slab_alloc_zeroed(struct kmem_cache *s, gfp_t gfp, unsigned long caller)
{
	void *obj = __kmem_cache_alloc(s, gfp & ~__GFP_ZERO, caller);

	if (obj)
		memset(obj, 0, s->object_size);
	return obj;
}

__leaf_fastpath void *__kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long caller)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[smp_processor_id()];
	unsigned long flags;
	void *obj;

	if (unlikely(gfp & __GFP_ZERO))
		return slab_alloc_zeroed(s, gfp, caller);
	flags = arch_local_irq_save();
	obj = c->freelist;
	if (unlikely(!obj)) {
		arch_local_irq_restore(flags);
		return __slab_alloc(s, gfp, caller);
	}
	c->freelist = get_freepointer(s, obj);
	arch_local_irq_restore(flags);
	return obj;
}

/* ---- free ---- */

/* plain_bug: a misuse a cache without slub_debug still notices, reported in Linux's shape. */
static __cold void plain_bug(const struct kmem_cache *s, const void *obj, const char *reason)
{
	slab_bug(s, reason);
	pr_err("Object 0x%p\n", obj);
	dump_stack();
}

/*
 * free_slab_of: the slab a free names, or NULL after a report: the
 * pointer must be in a slab page of cache s.
 */
static struct page *free_slab_of(struct kmem_cache *s, const void *obj)
{
	struct page *slab;

	if (!virt_addr_valid(obj) || !PageSlab(virt_to_page(obj))) {
		slab_bug_count();
		pr_alert("BUG: kmem_cache_free(%s): %p is not a slab object\n", s->name, obj);
		dump_stack();
		return NULL;
	}
	slab = slab_page_head(obj);
	if (slab->slab_cache != s) {
		slab_bug_count();
		pr_alert("BUG: kmem_cache_free(%s): Wrong slab cache: object %p is from %s\n",
			 s->name, obj, slab->slab_cache->name);
		dump_stack();
		return NULL;
	}
	return slab;
}

/* plain_free_ok: the checks a plain cache can afford off the fast path.  s->lock held. */
static bool plain_free_ok(struct kmem_cache *s, struct page *slab, void *obj, void *cpu_head)
{
	if (!check_valid_pointer(s, slab, obj)) {
		plain_bug(s, obj, "Invalid object pointer");
		return false;
	}
	if (obj == cpu_head || obj == slab_freelist(slab)) {
		plain_bug(s, obj, "Object already free");
		return false;
	}
	if (!slab->slab.inuse) {
		plain_bug(s, obj, "Object already free (slab empty)");
		return false;
	}
	return true;
}

/*
 * __slab_free: obj is not an object of this cpu's active slab (or the
 * cache is a debug cache, or something is wrong): validate it, then free
 * it under the lock, moving its slab between lists as its fill changes.
 */
static __noinline void __slab_free(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct page *slab, *discard = NULL;
	struct kmem_cache_cpu *c;
	unsigned long flags;

	slab = free_slab_of(s, obj);
	if (!slab)
		return;
	spin_lock_irqsave(&s->lock, flags);
	c = &s->cpu_slab[smp_processor_id()];
	if (kmem_cache_debug(s) ? !free_debug_processing(s, slab, obj, caller)
				: !plain_free_ok(s, slab, obj, c->freelist))
		goto out;
	if (slab == c->slab) {			/* the cpu's own slab, reached from here */
		set_freepointer(s, obj, c->freelist);
		c->freelist = obj;
	} else {
		unplace_slab(s, slab);
		set_freepointer(s, obj, slab_freelist(slab));
		set_slab_freelist(slab, obj);
		slab->slab.inuse--;
		discard = place_slab(s, slab);
	}
	s->free_slowpath++;
out:
	spin_unlock_irqrestore(&s->lock, flags);
	if (discard)
		discard_slab(s, discard);
}

__leaf_fastpath void __kmem_cache_free(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[smp_processor_id()];
	unsigned long flags = arch_local_irq_save();

	/* one compare: base is NULL without an active slab, and in debug caches */
	if (likely((unsigned long)((char *)obj - c->base) < s->slab_bytes &&
		   obj != c->freelist)) {
		set_freepointer(s, obj, c->freelist);
		c->freelist = obj;
		arch_local_irq_restore(flags);
		return;
	}
	arch_local_irq_restore(flags);
	__slab_free(s, obj, caller);
}

/* ---- caches ---- */

/* __kmem_cache_shrink: let go of this cpu's active slab, then free the spare empty slab. */
void __kmem_cache_shrink(struct kmem_cache *s)
{
	struct page *slab, *discard;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	discard = deactivate(s, &s->cpu_slab[smp_processor_id()]);
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

bool __kmem_cache_release(struct kmem_cache *s)
{
	__kmem_cache_shrink(s);
	return s->nr_slabs == 0;
}

/* ---- statistics ---- */

void get_slabinfo(struct kmem_cache *s, struct slabinfo *info)
{
	unsigned long flags, active = 0, full = 0;

	spin_lock_irqsave(&s->lock, flags);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = &s->cpu_slab[cpu];

		if (!c->slab)
			continue;
		active += c->slab->slab.inuse;
		for (void *obj = c->freelist; obj; obj = get_freepointer(s, obj))
			active--;
	}
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
