/*
 * mm/slob.c: SLOB, the simple list of blocks (make SLAB=slob), kept as the
 * plainest allocator that meets the contract in mm/slab.h: the reference a
 * student's own allocator is compared with.
 *
 * Each page (a block of 2^order pages) of a cache keeps a list of its free
 * blocks, sorted by address, in the free memory itself: a block starts with
 * its length and the offset of the next free block, both in SLOB_UNITs.  An
 * allocation takes the first block, in the first page, that is big enough
 * once aligned (first fit; a new page goes to the end of the list, so the
 * oldest pages fill first and the long-lived objects gather there), and
 * splits off what it does not use; a free
 * puts the block back in address order and merges it with free neighbours.
 * A page whose last object is freed goes back to the page allocator,
 * except one per cache, kept until the cache is shrunk (as SLUB keeps a
 * spare slab) so that a cache hovering around one object does not take
 * and free a page each time.  Everything happens under the cache's lock:
 * there is no fast path.
 *
 * Linux's SLOB shared its pages between all caches and kept a kmalloc
 * object's size in a header before it; rvmm's keeps each cache in pages of
 * its own, so that kfree finds an object's cache through its page as under
 * every other allocator, and kmalloc's size classes are slab_common's.
 * The constructor runs on every allocation, as in Linux's SLOB: objects do
 * not keep their place between uses.
 */
#include <asm/irqflags.h>
#include <errno.h>
#include <printk.h>
#include <string.h>
#include <vmstat.h>

#include "slab.h"

#define SLOB_UNIT	8u		/* bytes: the smallest block */
#define SLOB_END	0xffffu		/* no next free block */

/* A free block, at its own start. */
struct slob_block {
	u16 units;			/* its length */
	u16 next;			/* the next free block's offset, or SLOB_END */
};

static unsigned int page_units(const struct kmem_cache *s)
{
	return (unsigned int)((PAGE_SIZE << s->order) / SLOB_UNIT);
}

static struct slob_block *block_at(const struct page *page, unsigned int off)
{
	return (struct slob_block *)((char *)page_address(page) + (unsigned long)off * SLOB_UNIT);
}

int __kmem_cache_create(struct kmem_cache *s)
{
	unsigned long need;

	spin_lock_init(&s->lock);
	page_list_init(&s->pages);
	s->units = DIV_ROUND_UP(s->object_size, SLOB_UNIT);
	need = (unsigned long)s->units * SLOB_UNIT + (s->align > SLOB_UNIT ? s->align - SLOB_UNIT : 0);
	for (s->order = 0; (PAGE_SIZE << s->order) < need; s->order++)
		if (s->order == MAX_SLAB_ORDER)
			return -EINVAL;
	return 0;
}

void __kmem_cache_init(void)
{
}

static void account(const struct kmem_cache *s, long pages)
{
	mod_node_page_state((s->flags & SLAB_RECLAIM_ACCOUNT) ?
			    NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE, pages);
}

/*
 * page_alloc: first fit in one page: the first free block that holds the
 * object at an aligned start.  What is left before and after stays free.
 */
static void *page_alloc(struct kmem_cache *s, struct page *page)
{
	unsigned int align = MAX(s->align / SLOB_UNIT, 1u);
	u16 *link = &page->slab.freelist;

	while (*link != SLOB_END) {
		unsigned int off = *link;
		struct slob_block *b = block_at(page, off);
		unsigned int start = ALIGN(off, align), len = b->units, next = b->next;

		if (start + s->units > off + len) {
			link = &b->next;
			continue;
		}
		/* the tail after the object, then the head before it, replace the block */
		if (start + s->units < off + len) {
			struct slob_block *tail = block_at(page, start + s->units);

			tail->units = (u16)(off + len - start - s->units);
			tail->next = (u16)next;
			next = start + s->units;
		}
		if (start > off) {
			b->units = (u16)(start - off);
			b->next = (u16)next;
		} else {
			*link = (u16)next;
		}
		page->slab.inuse++;
		return block_at(page, start);
	}
	return NULL;
}

static struct page *new_page(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp & ~__GFP_ZERO, s->order);
	struct slob_block *b;

	if (!page)
		return NULL;
	slab_pages_set(s, page, s->order);
	page->slab.inuse = 0;
	page->slab.freelist = 0;
	b = block_at(page, 0);
	b->units = (u16)page_units(s);
	b->next = SLOB_END;
	account(s, 1L << s->order);
	return page;
}

void *__kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long caller)
{
	struct page *page, *fresh;
	unsigned long flags;
	void *obj = NULL;

	(void)caller;
	spin_lock_irqsave(&s->lock, flags);
	for (page = page_list_first(&s->pages); page && !obj; page = page_list_next(page)) {
		obj = page_alloc(s, page);
		if (obj && page == s->spare)
			s->spare = NULL;
	}
	if (obj)
		s->nr_objs++;
	spin_unlock_irqrestore(&s->lock, flags);
	if (!obj) {
		fresh = new_page(s, gfp);
		if (!fresh)
			return NULL;
		spin_lock_irqsave(&s->lock, flags);
		page_list_add_tail(&s->pages, fresh);	/* first fit then fills the oldest pages first */
		s->nr_pages++;
		obj = page_alloc(s, fresh);
		s->nr_objs++;
		spin_unlock_irqrestore(&s->lock, flags);
	}
	if (s->ctor)
		s->ctor(obj);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

static void free_page_of(struct kmem_cache *s, struct page *page)
{
	slab_pages_clear(s, page, s->order);
	account(s, -(1L << s->order));
	__free_pages(page, s->order);
}

static __cold void slob_bug(const struct kmem_cache *s, const void *obj, const char *reason)
{
	slab_bug_count();
	pr_alert("BUG %s (Not tainted): %s (object %p)\n", s->name, reason, obj);
	dump_stack();
}

/*
 * page_free: put the object at unit off back in address order, merged with
 * the free blocks it touches; false if it overlaps one (already free).
 */
static bool page_free(struct kmem_cache *s, struct page *page, unsigned int off)
{
	u16 *link = &page->slab.freelist;
	struct slob_block *prev = NULL, *b;
	unsigned int prev_off = 0, end = off + s->units;

	while (*link != SLOB_END && *link < off) {
		prev_off = *link;
		prev = block_at(page, prev_off);
		link = &prev->next;
	}
	if ((prev && prev_off + prev->units > off) || (*link != SLOB_END && *link < end))
		return false;
	b = block_at(page, off);
	b->units = (u16)s->units;
	b->next = *link;
	if (b->next != SLOB_END && end == b->next) {	/* merge with the block after */
		struct slob_block *after = block_at(page, b->next);

		b->units = (u16)(b->units + after->units);
		b->next = after->next;
	}
	*link = (u16)off;
	if (prev && prev_off + prev->units == off) {	/* and with the block before */
		prev->units = (u16)(prev->units + b->units);
		prev->next = b->next;
	}
	page->slab.inuse--;
	return true;
}

void __kmem_cache_free(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct page *page, *empty = NULL;
	unsigned long flags, off;

	(void)caller;
	if (!virt_addr_valid(obj) || !PageSlab(virt_to_page(obj))) {
		slob_bug(s, obj, "not a slab object");
		return;
	}
	page = slab_page_head(obj);
	if (page->slab_cache != s) {
		slob_bug(s, obj, "Wrong slab cache");
		return;
	}
	off = (unsigned long)((char *)obj - (char *)page_address(page));
	if (off % SLOB_UNIT || off / SLOB_UNIT + s->units > page_units(s)) {
		slob_bug(s, obj, "Invalid object pointer");
		return;
	}
	spin_lock_irqsave(&s->lock, flags);
	if (!page->slab.inuse || !page_free(s, page, (unsigned int)(off / SLOB_UNIT))) {
		spin_unlock_irqrestore(&s->lock, flags);
		slob_bug(s, obj, "Object already free");
		return;
	}
	s->nr_objs--;
	if (!page->slab.inuse) {
		if (!s->spare) {
			s->spare = page;
		} else {
			page_list_del(&s->pages, page);
			s->nr_pages--;
			empty = page;
		}
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (empty)
		free_page_of(s, empty);
}

void __kmem_cache_shrink(struct kmem_cache *s)
{
	struct page *page;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	page = s->spare;
	s->spare = NULL;
	if (page) {
		page_list_del(&s->pages, page);
		s->nr_pages--;
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (page)
		free_page_of(s, page);
}

bool __kmem_cache_release(struct kmem_cache *s)
{
	__kmem_cache_shrink(s);
	return s->nr_pages == 0;
}

void get_slabinfo(struct kmem_cache *s, struct slabinfo *info)
{
	unsigned long flags, free_objs = 0;

	spin_lock_irqsave(&s->lock, flags);
	for (struct page *p = page_list_first(&s->pages); p; p = page_list_next(p))
		for (unsigned int off = p->slab.freelist; off != SLOB_END; off = block_at(p, off)->next)
			free_objs += block_at(p, off)->units / s->units;
	memset(info, 0, sizeof(*info));
	info->active_objs = s->nr_objs;
	info->num_objs = s->nr_objs + free_objs;
	info->active_slabs = s->nr_pages;
	info->num_slabs = s->nr_pages;
	info->objects_per_slab = page_units(s) / s->units;
	info->cache_order = s->order;
	info->object_size = s->units * SLOB_UNIT;
	spin_unlock_irqrestore(&s->lock, flags);
}
