/*
 * include/lru.h: the pages reclaim may take back, and how their use is
 * recorded (mm/swap.c, as Linux's lru_cache_add and mark_page_accessed).
 *
 * Every page of the page cache and every anonymous user page is on an LRU
 * list of its zone while it is allocated (PG_lru).  An evictable page
 * belongs to the replacement policy (include/reclaim_policy.h), which
 * orders it among the zone's anonymous or file pages; a page that may not
 * be evicted (mlocked, or a ramfs page, which has nowhere to go) is on the
 * zone's unevictable list instead (PG_unevictable), out of the policy's
 * sight.  The last reference to an LRU page takes it off its list
 * (lru_release_page, from the page allocator's free path).
 */
#ifndef _RVMM_LRU_H
#define _RVMM_LRU_H

#include <fs.h>
#include <mm.h>

/* Linux's enum lru_list: the counters /proc/meminfo and /proc/vmstat show. */
enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

/* lru_type: the two kinds of evictable page, which reclaim weighs by swappiness. */
enum lru_type {
	LRU_ANON,	/* anonymous and shmem: freed only by writing to swap */
	LRU_FILE,	/* page cache: a clean page is simply dropped */
	NR_LRU_TYPES
};

/*
 * PageSwapBacked: written to swap, not to a file, to be freed: anonymous
 * pages and shmem (tmpfs) pages.  Linux has a flag for it; here it is
 * what the page's mapping says, so a shmem page leaves the LRU before it
 * leaves its file (delete_from_page_cache), and is never on a list of the
 * other type.
 */
static inline bool PageSwapBacked(const struct page *page)
{
	const struct address_space *mapping = page_file_mapping(page);

	return PageAnon(page) || (mapping && mapping->shmem);
}

static inline enum lru_type page_lru_type(const struct page *page)
{
	return PageSwapBacked(page) ? LRU_ANON : LRU_FILE;
}

/* zone_idx: a zone's index in its node (the policies keep per-zone state by it). */
#define zone_idx(zone)	((int)((zone) - NODE_DATA(0)->node_zones))

/* lru_cache_add: a new page cache or anonymous page joins its zone's LRU (Linux's folio_add_lru). */
void lru_cache_add(struct page *page);
/* mark_page_accessed: page was used through a system call (read, write): the policy hears of it. */
void mark_page_accessed(struct page *page);
/* activate_page: page is known to be in use: as mark_page_accessed, twice (Linux's folio_activate). */
void activate_page(struct page *page);
/* lru_update_evictable: page became (un)evictable (mlock, munlock): move it to the right list. */
void lru_update_evictable(struct page *page);
/* lru_release_page: the last reference to an LRU page is going: off its list (page_alloc.c). */
void lru_release_page(struct page *page);
/* page_evictable: may reclaim take page?  Not if mlocked or in an unevictable mapping (ramfs). */
bool page_evictable(const struct page *page);

struct scan_control;
/*
 * isolate_lru_victims: reclaim asks the policy for victims in zone; each
 * is off its list (PG_lru clear) with a reference for the caller.  How many.
 */
unsigned long isolate_lru_victims(struct zone *zone, struct scan_control *sc,
				  struct page_list *victims);
/* putback_lru_page: an isolated page reclaim could not free goes back, and the reference with it. */
void putback_lru_page(struct page *page);

/* lru_zone_pages: pages of zone counted in lru, as the policy sees them. */
unsigned long lru_zone_pages(struct zone *zone, enum lru_list lru);
/* global_lru_pages: the same over every zone (meminfo's Active(anon) ...). */
unsigned long global_lru_pages(enum lru_list lru);

/* reclaim_policy_init: the policy reclaim_policy= names (default lru2), at boot. */
void reclaim_policy_init(void);
/* reclaim_policy_name: the policy in use. */
const char *reclaim_policy_name(void);

#endif
