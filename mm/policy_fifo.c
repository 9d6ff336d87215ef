/*
 * mm/policy_fifo.c: first in, first out.  Each type's pages of a zone
 * queue in the order they arrived; the victim is always the oldest,
 * however much it is used.  The textbook policy that Belady's anomaly
 * belongs to: more frames can mean more faults.  Every page counts as
 * inactive.
 */
#include <reclaim_policy.h>

struct fifo_zone {
	struct page_list queue[NR_LRU_TYPES];	/* newest at the head */
	unsigned long nr[NR_LRU_TYPES];
};

static struct fifo_zone fifo[MAX_NR_ZONES];

static void fifo_init(void)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		for (int t = 0; t < NR_LRU_TYPES; t++) {
			page_list_init(&fifo[zid].queue[t]);
			fifo[zid].nr[t] = 0;
		}
}

static void fifo_add_page(struct zone *zone, struct page *page)
{
	struct fifo_zone *z = &fifo[zone_idx(zone)];

	page_list_add(&z->queue[page_lru_type(page)], page);
	z->nr[page_lru_type(page)]++;
}

static void fifo_forget_page(struct zone *zone, struct page *page)
{
	struct fifo_zone *z = &fifo[zone_idx(zone)];

	page_list_del(&z->queue[page_lru_type(page)], page);
	z->nr[page_lru_type(page)]--;
}

static void fifo_page_accessed(struct zone *zone, struct page *page)
{
	/* FIFO does not care. */
}

static void fifo_pick_victims(struct zone *zone, struct scan_control *sc, struct page_list *victims)
{
	struct fifo_zone *z = &fifo[zone_idx(zone)];
	unsigned long found = 0;

	for (int t = 0; t < NR_LRU_TYPES; t++)
		for (unsigned long n = 0; n < sc->nr_to_scan[t] && found < sc->nr_to_reclaim && z->nr[t]; n++) {
			struct page *page = page_list_last(&z->queue[t]);

			sc->nr_scanned++;
			fifo_forget_page(zone, page);
			page_list_add_tail(victims, page);
			found++;
		}
}

static unsigned long fifo_lru_pages(struct zone *zone, enum lru_list lru)
{
	if (lru == LRU_INACTIVE_ANON)
		return fifo[zone_idx(zone)].nr[LRU_ANON];
	if (lru == LRU_INACTIVE_FILE)
		return fifo[zone_idx(zone)].nr[LRU_FILE];
	return 0;
}

const struct reclaim_policy fifo_policy = {
	.name = "fifo",
	.init = fifo_init,
	.add_page = fifo_add_page,
	.page_accessed = fifo_page_accessed,
	.forget_page = fifo_forget_page,
	.pick_victims = fifo_pick_victims,
	.lru_pages = fifo_lru_pages,
};
