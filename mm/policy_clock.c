/*
 * mm/policy_clock.c: the clock algorithm (second chance).  Each type's
 * pages of a zone sit on a circle that a hand sweeps; a page's use bit is
 * its accessed bits (page_referenced) or PG_referenced (a read() or
 * write()).  At the hand, a used page has its bit cleared and is passed
 * over; the first unused one is the victim.  The circle is kept as a
 * queue whose tail is under the hand: passing a page over moves it to
 * the head, and a new page joins at the head, just behind the hand, as in
 * the textbook, where it takes the frame the hand points at.  Every page
 * counts as inactive.
 */
#include <reclaim_policy.h>

struct clock_zone {
	struct page_list circle[NR_LRU_TYPES];	/* the hand at the tail */
	unsigned long nr[NR_LRU_TYPES];
};

static struct clock_zone hands[MAX_NR_ZONES];

static void clock_init(void)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		for (int t = 0; t < NR_LRU_TYPES; t++) {
			page_list_init(&hands[zid].circle[t]);
			hands[zid].nr[t] = 0;
		}
}

static void clock_add_page(struct zone *zone, struct page *page)
{
	struct clock_zone *z = &hands[zone_idx(zone)];

	page_list_add(&z->circle[page_lru_type(page)], page);
	z->nr[page_lru_type(page)]++;
}

static void clock_forget_page(struct zone *zone, struct page *page)
{
	struct clock_zone *z = &hands[zone_idx(zone)];

	page_list_del(&z->circle[page_lru_type(page)], page);
	z->nr[page_lru_type(page)]--;
}

static void clock_page_accessed(struct zone *zone, struct page *page)
{
	SetPageReferenced(page);
}

static void clock_pick_victims(struct zone *zone, struct scan_control *sc, struct page_list *victims)
{
	struct clock_zone *z = &hands[zone_idx(zone)];
	unsigned long found = 0;

	for (int t = 0; t < NR_LRU_TYPES; t++)
		for (unsigned long n = 0; n < sc->nr_to_scan[t] && found < sc->nr_to_reclaim && z->nr[t]; n++) {
			struct page *page = page_list_last(&z->circle[t]);

			sc->nr_scanned++;
			/* LAB replace: BEGIN the page at the hand: a used one (page_is_young, or PG_referenced) loses its bit and goes behind the hand; an unused one is the victim */
			bool used = page_is_young(page);

			if (TestClearPageReferenced(page))
				used = true;
			clock_forget_page(zone, page);
			if (used) {
				clock_add_page(zone, page);	/* the hand moves past it */
				continue;
			}
			/* LAB replace: STUB
			clock_forget_page(zone, page);
			   LAB replace: END */
			page_list_add_tail(victims, page);
			found++;
		}
}

static unsigned long clock_lru_pages(struct zone *zone, enum lru_list lru)
{
	if (lru == LRU_INACTIVE_ANON)
		return hands[zone_idx(zone)].nr[LRU_ANON];
	if (lru == LRU_INACTIVE_FILE)
		return hands[zone_idx(zone)].nr[LRU_FILE];
	return 0;
}

const struct reclaim_policy clock_policy = {
	.name = "clock",
	.init = clock_init,
	.add_page = clock_add_page,
	.page_accessed = clock_page_accessed,
	.forget_page = clock_forget_page,
	.pick_victims = clock_pick_victims,
	.lru_pages = clock_lru_pages,
};
