/*
 * mm/swap.c: the LRU lists (include/lru.h), as Linux's mm/swap.c: pages
 * join them when they are allocated for the page cache or a process
 * (lru_cache_add), the policy hears of their use (mark_page_accessed), and
 * they leave when their last reference goes (lru_release_page).
 *
 * An evictable page is the replacement policy's (include/reclaim_policy.h);
 * an unevictable one (mlocked, or in a mapping that has nowhere to write
 * it: ramfs) waits on its zone's unevictable list, where reclaim never
 * looks, until mlock lets it go (lru_update_evictable).  Reclaim takes
 * victims off the lists with isolate_lru_victims, which clears PG_lru and
 * holds a reference, and gives back what it could not free with
 * putback_lru_page.  One lock serves every zone: rvmm runs on one hart.
 */
#include <cmdline.h>
#include <fs.h>
#include <gfp.h>
#include <printk.h>
#include <reclaim_policy.h>
#include <spinlock.h>
#include <string.h>
#include "internal.h"

const struct reclaim_policy *reclaim_policy = &lru2_policy;

static const struct reclaim_policy *const policies[] = {
	&lru2_policy, &fifo_policy, &clock_policy, &mglru_policy,
};

static spinlock_t lru_lock = SPIN_LOCK_UNLOCKED;
static struct page_list unevictable[MAX_NR_ZONES];
static unsigned long nr_unevictable[MAX_NR_ZONES];

void reclaim_policy_init(void)
{
	char name[16];

	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		page_list_init(&unevictable[zid]);
	if (cmdline_find(boot_command_line, "reclaim_policy", name, sizeof(name))) {
		size_t i = 0;

		while (i < ARRAY_SIZE(policies) && strcmp(name, policies[i]->name))
			i++;
		if (i < ARRAY_SIZE(policies))
			reclaim_policy = policies[i];
		else
			pr_warn("reclaim_policy=%s: no such policy\n", name);
	}
	reclaim_policy->init();
	pr_info("reclaim: the %s replacement policy\n", reclaim_policy->name);
}

const char *reclaim_policy_name(void)
{
	return reclaim_policy->name;
}

bool PageSwapBacked(const struct page *page)
{
	const struct address_space *mapping = page_file_mapping(page);

	return PageAnon(page) || (mapping && mapping->shmem);
}

bool page_evictable(const struct page *page)
{
	const struct address_space *mapping = page_file_mapping(page);

	return !PageMlocked(page) && !(mapping && mapping->unevictable);
}

/* add_page_to_lru: page (not on a list) goes on the one it belongs to.  Caller holds lru_lock. */
static void add_page_to_lru(struct page *page)
{
	struct zone *zone = page_zone(page);

	SetPageLRU(page);
	if (page_evictable(page)) {
		reclaim_policy->add_page(zone, page);
		return;
	}
	ClearPageActive(page);
	SetPageUnevictable(page);
	page_list_add(&unevictable[zone_idx(zone)], page);
	nr_unevictable[zone_idx(zone)]++;
}

/* del_page_from_lru: page leaves its list, and the flags that described its place.  Caller holds lru_lock. */
static void del_page_from_lru(struct page *page)
{
	struct zone *zone = page_zone(page);

	if (PageUnevictable(page)) {
		page_list_del(&unevictable[zone_idx(zone)], page);
		nr_unevictable[zone_idx(zone)]--;
		ClearPageUnevictable(page);
	} else {
		reclaim_policy->forget_page(zone, page);
	}
	ClearPageLRU(page);
	ClearPageActive(page);
	ClearPageReferenced(page);
}

void lru_cache_add(struct page *page)
{
	unsigned long flags;

	if (PageLRU(page))
		panic("lru_cache_add: pfn %#lx is on an LRU list already", page_to_pfn(page));
	spin_lock_irqsave(&lru_lock, flags);
	add_page_to_lru(page);
	spin_unlock_irqrestore(&lru_lock, flags);
}

void lru_release_page(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	if (PageLRU(page))
		del_page_from_lru(page);
	spin_unlock_irqrestore(&lru_lock, flags);
}

void lru_update_evictable(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	/* An isolated page (PG_lru clear) finds its list when it is put back. */
	if (PageLRU(page) && PageUnevictable(page) == page_evictable(page)) {
		del_page_from_lru(page);
		add_page_to_lru(page);
	}
	spin_unlock_irqrestore(&lru_lock, flags);
}

void mark_page_accessed(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lru_lock, flags);
	if (PageLRU(page) && !PageUnevictable(page))
		reclaim_policy->page_accessed(page_zone(page), page);
	spin_unlock_irqrestore(&lru_lock, flags);
}

void activate_page(struct page *page)
{
	mark_page_accessed(page);
	mark_page_accessed(page);
}

unsigned long isolate_lru_victims(struct zone *zone, struct scan_control *sc,
				  struct page_list *victims)
{
	unsigned long flags, n = 0;

	spin_lock_irqsave(&lru_lock, flags);
	reclaim_policy->pick_victims(zone, sc, victims);
	for (struct page *page = page_list_first(victims); page; page = page_list_next(page)) {
		if (!PageLRU(page) || PageUnevictable(page) || page_zone(page) != zone)
			panic("isolate_lru_victims: the %s policy picked pfn %#lx, not its page",
			      reclaim_policy->name, page_to_pfn(page));
		ClearPageLRU(page);
		get_page(page);		/* reclaim's, until the page is freed or put back */
		n++;
	}
	spin_unlock_irqrestore(&lru_lock, flags);
	return n;
}

void putback_lru_page(struct page *page)
{
	lru_cache_add(page);
	put_page(page);		/* may be the last: then it leaves the list again, and is freed */
}

unsigned long lru_zone_pages(struct zone *zone, enum lru_list lru)
{
	if (lru == LRU_UNEVICTABLE)
		return nr_unevictable[zone_idx(zone)];
	return reclaim_policy->lru_pages(zone, lru);
}

unsigned long global_lru_pages(enum lru_list lru)
{
	unsigned long n = 0;

	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		n += lru_zone_pages(&NODE_DATA(0)->node_zones[zid], lru);
	return n;
}
