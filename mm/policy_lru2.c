/*
 * mm/policy_lru2.c: Linux's two-list LRU (the default policy), as
 * mm/vmscan.c and mm/swap.c keep it without MGLRU.
 *
 * Each type (anonymous, file) has an inactive and an active list; pages
 * enter at the head of the inactive one.  Reclaim looks at the tail of the
 * inactive list (page_check_references): a page no entry has touched since
 * it was last looked at is a victim; one touched through one entry gets
 * PG_referenced and goes round the inactive list once more (a second
 * chance); one touched again, or through several entries, or a mapped
 * executable, is activated.  When the inactive list is small against the
 * active one (inactive_is_low, Linux's sqrt(10 x GB) ratio), pages move from
 * the active tail to the inactive head (shrink_active_list), keeping only
 * touched executables active.  A page used through read() or write() moves
 * as Linux's folio_mark_accessed: PG_referenced first, then active.
 */
#include <reclaim_policy.h>

struct lru2_zone {
	struct page_list lists[NR_LRU_LISTS - 1];	/* indexed by enum lru_list, the unevictable one aside */
	unsigned long nr[NR_LRU_LISTS - 1];
};

static struct lru2_zone lru2[MAX_NR_ZONES];

static enum lru_list page_lru(const struct page *page)
{
	return (enum lru_list)(page_lru_type(page) * 2 + (PageActive(page) ? 1 : 0));
}

static void lru2_init(void)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		for (int i = 0; i < NR_LRU_LISTS - 1; i++) {
			page_list_init(&lru2[zid].lists[i]);
			lru2[zid].nr[i] = 0;
		}
}

static void lru2_add(struct lru2_zone *z, struct page *page)
{
	enum lru_list lru = page_lru(page);

	page_list_add(&z->lists[lru], page);
	z->nr[lru]++;
}

static void lru2_del(struct lru2_zone *z, struct page *page)
{
	enum lru_list lru = page_lru(page);

	page_list_del(&z->lists[lru], page);
	z->nr[lru]--;
}

static void lru2_add_page(struct zone *zone, struct page *page)
{
	lru2_add(&lru2[zone_idx(zone)], page);
}

static void lru2_forget_page(struct zone *zone, struct page *page)
{
	lru2_del(&lru2[zone_idx(zone)], page);
}

/* move_to: page goes to the head of the inactive or the active list of its type. */
static void move_to(struct lru2_zone *z, struct page *page, bool active)
{
	lru2_del(z, page);
	if (active && !PageActive(page))
		count_vm_event(PGACTIVATE);
	if (!active && PageActive(page))
		count_vm_event(PGDEACTIVATE);
	if (active)
		SetPageActive(page);
	else
		ClearPageActive(page);
	lru2_add(z, page);
}

static void lru2_page_accessed(struct zone *zone, struct page *page)
{
	if (!PageActive(page) && PageReferenced(page)) {
		ClearPageReferenced(page);
		move_to(&lru2[zone_idx(zone)], page, true);
	} else if (!PageReferenced(page)) {
		SetPageReferenced(page);
	}
}

/* inactive_is_low: Linux's inactive_is_low: inactive x sqrt(10 x GB of the type) < active. */
static bool inactive_is_low(const struct lru2_zone *z, enum lru_type type)
{
	unsigned long inactive = z->nr[type * 2], active = z->nr[type * 2 + 1];
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT), ratio = 1;

	while (gb && (ratio + 1) * (ratio + 1) <= 10 * gb)	/* int_sqrt(10 * gb) */
		ratio++;
	return inactive * ratio < active;
}

/* deactivate_tail: shrink_active_list for one page: the active tail goes inactive, unless a touched executable. */
static void deactivate_tail(struct lru2_zone *z, enum lru_type type)
{
	struct page *page = page_list_last(&z->lists[type * 2 + 1]);
	unsigned long vm_flags;

	if (page_referenced(page, &vm_flags) && (vm_flags & VM_EXEC) && type == LRU_FILE) {
		move_to(z, page, true);		/* to the head of the active list again */
		return;
	}
	ClearPageReferenced(page);
	move_to(z, page, false);
}

/* check_inactive_tail: page_check_references for the inactive tail; true if it is a victim. */
static bool check_inactive_tail(struct lru2_zone *z, struct page *page)
{
	unsigned long vm_flags;
	int referenced_ptes = page_referenced(page, &vm_flags);
	bool referenced_page = TestClearPageReferenced(page);

	if (!referenced_ptes)
		return true;
	if (referenced_page || referenced_ptes > 1 || (vm_flags & VM_EXEC)) {
		move_to(z, page, true);
		return false;
	}
	SetPageReferenced(page);	/* once more round the inactive list */
	move_to(z, page, false);
	return false;
}

static void lru2_pick_victims(struct zone *zone, struct scan_control *sc, struct page_list *victims)
{
	struct lru2_zone *z = &lru2[zone_idx(zone)];
	unsigned long found = 0;

	for (int type = 0; type < NR_LRU_TYPES; type++) {
		struct page_list *inactive = &z->lists[type * 2];
		unsigned long budget = sc->nr_to_scan[type];

		while (budget && found < sc->nr_to_reclaim && z->nr[type * 2] + z->nr[type * 2 + 1]) {
			struct page *page;

			budget--;
			sc->nr_scanned++;
			if (z->nr[type * 2 + 1] && inactive_is_low(z, (enum lru_type)type)) {
				deactivate_tail(z, (enum lru_type)type);
				continue;
			}
			page = page_list_last(inactive);
			if (!check_inactive_tail(z, page))
				continue;
			lru2_del(z, page);
			page_list_add_tail(victims, page);
			found++;
		}
	}
}

static unsigned long lru2_lru_pages(struct zone *zone, enum lru_list lru)
{
	return lru2[zone_idx(zone)].nr[lru];
}

const struct reclaim_policy lru2_policy = {
	.name = "lru2",
	.init = lru2_init,
	.add_page = lru2_add_page,
	.page_accessed = lru2_page_accessed,
	.forget_page = lru2_forget_page,
	.pick_victims = lru2_pick_victims,
	.lru_pages = lru2_lru_pages,
};
