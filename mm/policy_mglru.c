/*
 * mm/policy_mglru.c: a simplified multi-generational LRU, after Linux's
 * mm/vmscan.c lru_gen (Documentation/mm/multigen_lru.rst).
 *
 * Each type's pages of a zone are in generations numbered by sequence,
 * min_seq (the oldest) to max_seq (the youngest): at least MIN_NR_GENS
 * and at most MAX_NR_GENS of them, kept on a ring of lists (gen = seq mod
 * MAX_NR_GENS, also stored in the page's PG_active and PG_referenced bits so
 * that it can be found again).  A new page, and one used through read() or
 * write(), joins the youngest generation.  Eviction takes the tail of the
 * oldest: a page whose accessed bits are set is promoted to the youngest
 * instead, the others are victims.  When the oldest is empty it is
 * retired (min_seq + 1); when only MIN_NR_GENS remain, aging opens a new
 * youngest generation (max_seq + 1), so that what was youngest can age.
 * Linux's aging also walks page tables to find young pages before
 * eviction, and splits each generation into tiers by how often read() and
 * write() use a page; this version finds them at eviction only.  As in
 * Linux, the two youngest generations count as active.
 */
#include <reclaim_policy.h>

#define MIN_NR_GENS	2
#define MAX_NR_GENS	4

struct mglru_type {
	struct page_list gens[MAX_NR_GENS];
	unsigned long nr[MAX_NR_GENS];
	unsigned long min_seq, max_seq;
};

static struct mglru_type mglru[MAX_NR_ZONES][NR_LRU_TYPES];

static void mglru_init(void)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		for (int t = 0; t < NR_LRU_TYPES; t++) {
			struct mglru_type *g = &mglru[zid][t];

			for (int i = 0; i < MAX_NR_GENS; i++) {
				page_list_init(&g->gens[i]);
				g->nr[i] = 0;
			}
			g->min_seq = 0;
			g->max_seq = MIN_NR_GENS - 1;
		}
}

static struct mglru_type *type_of(struct zone *zone, const struct page *page)
{
	return &mglru[zone_idx(zone)][page_lru_type(page)];
}

static unsigned int page_gen(const struct page *page)
{
	return (PageActive(page) ? 2u : 0u) | (PageReferenced(page) ? 1u : 0u);
}

static void set_page_gen(struct page *page, unsigned int gen)
{
	if (gen & 2)
		SetPageActive(page);
	else
		ClearPageActive(page);
	if (gen & 1)
		SetPageReferenced(page);
	else
		ClearPageReferenced(page);
}

/* add_youngest: page (on no list) joins the youngest generation. */
static void add_youngest(struct mglru_type *g, struct page *page)
{
	unsigned int gen = (unsigned int)(g->max_seq % MAX_NR_GENS);

	set_page_gen(page, gen);
	page_list_add(&g->gens[gen], page);
	g->nr[gen]++;
}

static void del_gen(struct mglru_type *g, struct page *page)
{
	page_list_del(&g->gens[page_gen(page)], page);
	g->nr[page_gen(page)]--;
}

static void mglru_add_page(struct zone *zone, struct page *page)
{
	add_youngest(type_of(zone, page), page);
}

static void mglru_forget_page(struct zone *zone, struct page *page)
{
	del_gen(type_of(zone, page), page);
}

static void mglru_page_accessed(struct zone *zone, struct page *page)
{
	struct mglru_type *g = type_of(zone, page);

	if (page_gen(page) == g->max_seq % MAX_NR_GENS)
		return;
	del_gen(g, page);
	add_youngest(g, page);
	count_vm_event(PGACTIVATE);
}

/* oldest: the oldest generation with pages, retiring empty ones and aging as needed. */
static struct page_list *oldest(struct mglru_type *g)
{
	for (;;) {
		unsigned int gen = (unsigned int)(g->min_seq % MAX_NR_GENS);

		if (g->nr[gen])
			return &g->gens[gen];
		if (g->max_seq - g->min_seq + 1 > MIN_NR_GENS)
			g->min_seq++;
		else
			g->max_seq++;	/* aging: a new youngest generation (the ring has room: 3 <= MAX_NR_GENS) */
	}
}

static void mglru_pick_victims(struct zone *zone, struct scan_control *sc, struct page_list *victims)
{
	unsigned long found = 0;

	for (int t = 0; t < NR_LRU_TYPES; t++) {
		struct mglru_type *g = &mglru[zone_idx(zone)][t];
		unsigned long total = 0;

		for (int i = 0; i < MAX_NR_GENS; i++)
			total += g->nr[i];
		for (unsigned long n = 0; n < sc->nr_to_scan[t] && found < sc->nr_to_reclaim && total; n++) {
			struct page *page = page_list_last(oldest(g));

			sc->nr_scanned++;
			del_gen(g, page);
			if (page_is_young(page)) {
				add_youngest(g, page);	/* promoted */
				count_vm_event(PGACTIVATE);
				continue;
			}
			ClearPageActive(page);
			ClearPageReferenced(page);
			page_list_add_tail(victims, page);
			found++;
			total--;
		}
	}
}

static unsigned long mglru_lru_pages(struct zone *zone, enum lru_list lru)
{
	const struct mglru_type *g = &mglru[zone_idx(zone)][lru >= LRU_INACTIVE_FILE ? LRU_FILE : LRU_ANON];
	bool active = lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
	unsigned long n = 0;

	for (unsigned long seq = g->min_seq; seq <= g->max_seq; seq++)
		if ((g->max_seq - seq < 2) == active)
			n += g->nr[seq % MAX_NR_GENS];
	return n;
}

const struct reclaim_policy mglru_policy = {
	.name = "mglru",
	.init = mglru_init,
	.add_page = mglru_add_page,
	.page_accessed = mglru_page_accessed,
	.forget_page = mglru_forget_page,
	.pick_victims = mglru_pick_victims,
	.lru_pages = mglru_lru_pages,
};
