/*
 * test/host/unit_page_alloc.c: the buddy allocator, zones and watermarks,
 * checked on a fake RAM against Linux's rules (see
 * /work/shared/reference/linux-mm-facts.md §3-4).
 *
 * Each scenario boots a fresh kernel in a forked child (tap_run).  The
 * random scenarios keep a host-side model of every block they hold and a
 * per-pfn map, and compare the allocator's structures with it as they go.
 */
#include "host.h"

#include <errno.h>
#include <seq_buf.h>
#include <slab.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmstat.h>

static struct zone *zone_of(int zi)
{
	return &contig_page_data.node_zones[zi];
}

static const char *zname(int zi)
{
	return zi == ZONE_DMA32 ? "DMA32" : zi == ZONE_NORMAL ? "Normal" : "none";
}

static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* Pages the allocator does not hold in zone z: allocated by someone. */
static unsigned long zone_used(const struct zone *z)
{
	return z->managed_pages - z->free_pages - host_pcp_count(z);
}

/* ---- snapshots of the free areas --------------------------------------- */

struct free_snap {
	unsigned long free_pages[MAX_NR_ZONES];
	unsigned long nr_free[MAX_NR_ZONES][NR_PAGE_ORDERS];
};

static void free_snap_take(struct free_snap *s)
{
	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		s->free_pages[zi] = zone_of(zi)->free_pages;
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			s->nr_free[zi][o] = zone_of(zi)->free_area[o].nr_free;
	}
}

/* free_snap_same: NULL when the free areas equal s, else what differs. */
static const char *free_snap_diff(const struct free_snap *s)
{
	static char why[128];

	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = zone_of(zi);

		if (s->free_pages[zi] != z->free_pages) {
			snprintf(why, sizeof(why), "%s free_pages %lu, expected %lu",
				 zname(zi), z->free_pages, s->free_pages[zi]);
			return why;
		}
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			if (s->nr_free[zi][o] != z->free_area[o].nr_free) {
				snprintf(why, sizeof(why),
					 "%s free_area[%d].nr_free %lu, expected %lu",
					 zname(zi), o, z->free_area[o].nr_free,
					 s->nr_free[zi][o]);
				return why;
			}
	}
	return NULL;
}

/* ---- the per-pfn map and the free-list walk ----------------------------- */

enum {
	PS_RESERVED = 1,	/* PG_reserved at boot: never the allocator's */
	PS_LIVE = 2,		/* held by this test */
	PS_FREE = 4,		/* seen on a buddy free list by the last walk */
	PS_PCP = 8,		/* seen on a per-cpu list by the last walk */
	PS_BOOT_USED = 16,	/* allocated by the kernel itself at boot (slab) */
};

static u8 *pmap;		/* one byte per pfn from min_low_pfn */
static unsigned long pmap_n;

static u8 *ps(unsigned long pfn)
{
	return &pmap[pfn - min_low_pfn];
}

static void pmap_init(void)
{
	pmap_n = max_pfn - min_low_pfn;
	pmap = calloc(pmap_n, 1);
	for (unsigned long pfn = min_low_pfn; pfn < max_pfn; pfn++)
		if (PageReserved(pfn_to_page(pfn)))
			*ps(pfn) = PS_RESERVED;
}

#define FAIL(...) do { snprintf(why, whylen, __VA_ARGS__); return false; } while (0)

/* Check one buddy block at pfn of order o on zone zi's list and mark it. */
static bool walk_block(int zi, int o, unsigned long pfn, char *why, size_t whylen)
{
	const struct zone *z = zone_of(zi);
	const struct page *p = pfn_to_page(pfn);
	unsigned long bpfn = pfn ^ (1UL << o);

	if (!PageBuddy(p) || p->order != o || p->zone != zi)
		FAIL("%s order-%d list: pfn %#lx has buddy=%d order=%u zone=%u",
		     zname(zi), o, pfn, PageBuddy(p), p->order, p->zone);
	if (pfn & ((1UL << o) - 1))
		FAIL("%s order-%d list: pfn %#lx not aligned", zname(zi), o, pfn);
	if (pfn < z->zone_start_pfn || pfn + (1UL << o) > zone_end_pfn(z))
		FAIL("%s order-%d list: block %#lx outside the zone", zname(zi), o, pfn);
	for (unsigned long k = 0; k < (1UL << o); k++) {
		u8 *s = ps(pfn + k);

		if (*s & (PS_RESERVED | PS_LIVE | PS_FREE | PS_PCP))
			FAIL("%s order-%d block %#lx: pfn %#lx is also %s", zname(zi), o,
			     pfn, pfn + k, *s & PS_RESERVED ? "reserved" :
			     *s & PS_LIVE ? "allocated" : "free elsewhere");
		if (k && PageBuddy(pfn_to_page(pfn + k)))
			FAIL("%s order-%d block %#lx: tail pfn %#lx has PG_buddy",
			     zname(zi), o, pfn, pfn + k);
		*s |= PS_FREE;
	}
	/* Coalescing: a free buddy of the same order should have been merged. */
	if (o < MAX_PAGE_ORDER && pfn_valid(bpfn)) {
		const struct page *b = pfn_to_page(bpfn);

		if (PageBuddy(b) && b->order == o && b->zone == zi)
			FAIL("%s: free buddies %#lx and %#lx of order %d not merged",
			     zname(zi), pfn, bpfn, o);
	}
	return true;
}

static bool walk_zone(int zi, char *why, size_t whylen)
{
	const struct zone *z = zone_of(zi);
	unsigned long sum = 0;

	for (int o = 0; o < NR_PAGE_ORDERS; o++) {
		unsigned long n = 0;

		for (struct page *p = page_list_first(&z->free_area[o].free_list); p;
		     p = page_list_next(p)) {
			if (++n > pmap_n)
				FAIL("%s order-%d free list loops", zname(zi), o);
			if (!walk_block(zi, o, page_to_pfn(p), why, whylen))
				return false;
		}
		if (n != z->free_area[o].nr_free)
			FAIL("%s free_area[%d]: %lu blocks listed, nr_free %lu",
			     zname(zi), o, n, z->free_area[o].nr_free);
		sum += n << o;
	}
	if (sum != z->free_pages)
		FAIL("%s: %lu pages on free lists, free_pages %lu", zname(zi), sum,
		     z->free_pages);
	/*
	 * The per-cpu lists are stacks linked through pcp_next (NULL at the
	 * bottom); a page on one is free with exactly PG_pcp set.
	 */
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct per_cpu_pages *pcp = &z->pcp[cpu];
		long n = 0;

		for (const struct page *p = pcp->top; p; p = p->pcp_next) {
			unsigned long idx = (unsigned long)(p - mem_map), pfn;

			if (p < mem_map || idx >= pmap_n)
				FAIL("%s pcp of cpu %d: link %p is outside mem_map (%lu pages)",
				     zname(zi), cpu, (const void *)p, pmap_n);
			if (++n > (long)pmap_n)
				FAIL("%s pcp list of cpu %d loops", zname(zi), cpu);
			pfn = page_to_pfn(p);
			if (*ps(pfn) & PS_PCP)
				FAIL("%s pcp list of cpu %d loops or shares pfn %#lx with "
				     "another per-cpu list", zname(zi), cpu, pfn);
			if (p->flags != (1u << PG_pcp) || p->zone != zi ||
			    pfn < z->zone_start_pfn || pfn >= zone_end_pfn(z))
				FAIL("%s pcp page %#lx: flags %#x (want exactly pcp %#x), zone %u",
				     zname(zi), pfn, p->flags, 1u << PG_pcp, p->zone);
			if (p->_refcount != 0)
				FAIL("%s pcp page %#lx: free but refcount %d", zname(zi), pfn,
				     p->_refcount);
			if (*ps(pfn) & (PS_RESERVED | PS_LIVE | PS_FREE))
				FAIL("%s pcp page %#lx is also reserved, allocated or free",
				     zname(zi), pfn);
			*ps(pfn) |= PS_PCP;
		}
		if (n != pcp->count)
			FAIL("%s pcp of cpu %d: %ld pages listed, count %d", zname(zi),
			     cpu, n, pcp->count);
		/* "more than high sends a batch back" (mmzone.h) */
		if (n && n > pcp->high)
			FAIL("%s pcp of cpu %d holds %ld pages, above high %d", zname(zi),
			     cpu, n, pcp->high);
	}
	return true;
}

/*
 * walk_all: every free list and per-cpu list is well formed, and every
 * pfn is exactly one of reserved, held by the test, free, or used by the
 * kernel since boot.  With boot set, records the kernel's own pages.
 */
static bool walk_all(bool boot, char *why, size_t whylen)
{
	for (unsigned long i = 0; i < pmap_n; i++)
		pmap[i] &= (u8)~(PS_FREE | PS_PCP);
	for (int zi = 0; zi < MAX_NR_ZONES; zi++)
		if (!walk_zone(zi, why, whylen))
			return false;
	for (unsigned long i = 0; i < pmap_n; i++) {
		if (pmap[i] & (PS_RESERVED | PS_LIVE | PS_FREE | PS_PCP))
			continue;
		if (boot)
			pmap[i] |= PS_BOOT_USED;
		else if (!(pmap[i] & PS_BOOT_USED))
			FAIL("pfn %#lx is neither free nor allocated: leaked",
			     min_low_pfn + i);
	}
	return true;
}

/* tap_walk: walk_all as one TAP test, naming the first problem found. */
static bool tap_walk(bool boot, const char *fmt, const char *ln)
{
	char what[160], why[200] = "";
	bool ok = walk_all(boot, why, sizeof(why));

	snprintf(what, sizeof(what), fmt, ln);
	return tap_ok(ok, "%s%s%s", what, ok ? "" : ": ", why);
}

/* ---- boot: zone sizes, reserved pages, watermarks ----------------------- */

struct zone_expect {
	unsigned long start, spanned, present, managed;
};

/*
 * Linux's zone_spanned_pages_in_node: a zone spans its pfn range clipped to
 * the node's [first RAM pfn, last RAM pfn + 1), holes included.
 */
static void expected_zones(struct zone_expect e[MAX_NR_ZONES])
{
	const unsigned long lo[MAX_NR_ZONES] = { 0, MAX_DMA32_PFN };
	const unsigned long hi[MAX_NR_ZONES] = { MAX_DMA32_PFN, ~0UL };

	memset(e, 0, sizeof(*e) * MAX_NR_ZONES);
	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		unsigned long s = MAX(lo[zi], min_low_pfn), end = MIN(hi[zi], max_pfn);

		if (s >= end)
			continue;
		e[zi].start = s;
		e[zi].spanned = end - s;
		for (unsigned long pfn = s; pfn < end; pfn++) {
			e[zi].present += host_pfn_in_bank(pfn);
			e[zi].managed += host_pfn_managed_expected(pfn);
		}
	}
}

static void check_zone_sizes(const char *ln)
{
	struct zone_expect e[MAX_NR_ZONES];
	const struct host_range *b0 = &host_layout->banks[0];
	const struct host_range *bn = &host_layout->banks[host_layout->nbanks - 1];

	tap_ok(min_low_pfn == PFN_UP(b0->base) && max_pfn == PFN_DOWN(bn->base + bn->size),
	       "[%s] min_low_pfn %#lx and max_pfn %#lx cover the banks", ln,
	       min_low_pfn, max_pfn);
	expected_zones(e);
	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = zone_of(zi);
		bool ok = z->spanned_pages == e[zi].spanned &&
			  z->present_pages == e[zi].present &&
			  z->managed_pages == e[zi].managed &&
			  (!e[zi].spanned || z->zone_start_pfn == e[zi].start);

		tap_ok(ok, "[%s] %s: start %#lx spanned %lu present %lu managed %lu "
		       "(expected %#lx %lu %lu %lu)", ln, zname(zi), z->zone_start_pfn,
		       z->spanned_pages, z->present_pages, z->managed_pages,
		       e[zi].start, e[zi].spanned, e[zi].present, e[zi].managed);
	}
	tap_ok(totalram_pages() == e[0].managed + e[1].managed,
	       "[%s] totalram_pages %lu is the managed pages of all zones", ln,
	       totalram_pages());
}

/* Every page is PG_reserved exactly when it is a hole or overlaps a reservation. */
static void check_reserved_map(const char *ln)
{
	unsigned long bad = 0, first_bad = 0, zone_bad = 0;

	for (unsigned long pfn = min_low_pfn; pfn < max_pfn; pfn++) {
		const struct page *p = pfn_to_page(pfn);
		bool want = !host_pfn_managed_expected(pfn);
		int zi = pfn < MAX_DMA32_PFN ? ZONE_DMA32 : ZONE_NORMAL;

		if (PageReserved(p) != want && !bad++)
			first_bad = pfn;
		if (host_pfn_in_bank(pfn) && p->zone != zi)
			zone_bad++;
	}
	tap_ok(!bad, "[%s] PG_reserved marks exactly holes and reservations "
	       "(%lu wrong, first pfn %#lx)", ln, bad, first_bad);
	tap_ok(!zone_bad, "[%s] every RAM page's zone matches its pfn (%lu wrong)",
	       ln, zone_bad);
}

/*
 * Right after memblock_free_all every managed page is free, merged into the
 * largest aligned blocks its zone's runs allow (greedy by alignment gives
 * the unique fully coalesced split).
 */
static void check_boot_free_areas(const char *ln)
{
	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = zone_of(zi);
		unsigned long want[NR_PAGE_ORDERS] = { 0 };
		unsigned long pfn = z->zone_start_pfn, end = zone_end_pfn(z);
		bool ok = z->free_pages + host_pcp_count(z) == z->managed_pages;
		char got[200] = "", exp[200] = "";

		while (pfn < end) {
			int o = MAX_PAGE_ORDER;

			if (!host_pfn_managed_expected(pfn)) {
				pfn++;
				continue;
			}
			while (o && ((pfn & ((1UL << o) - 1)) ||
				     !(pfn + (1UL << o) <= end) ||
				     !({ bool all = true;
					 for (unsigned long k = 0; k < (1UL << o); k++)
						 all &= host_pfn_managed_expected(pfn + k);
					 all; })))
				o--;
			want[o]++;
			pfn += 1UL << o;
		}
		for (int o = 0; o < NR_PAGE_ORDERS; o++) {
			ok &= want[o] == z->free_area[o].nr_free;
			snprintf(got + strlen(got), sizeof(got) - strlen(got), " %lu",
				 z->free_area[o].nr_free);
			snprintf(exp + strlen(exp), sizeof(exp) - strlen(exp), " %lu", want[o]);
		}
		tap_ok(ok, "[%s] %s after boot: all managed pages free and fully "
		       "coalesced (nr_free%s; expected%s)", ln, zname(zi), got, exp);
	}
}

static void check_min_free_kbytes(const char *ln)
{
	unsigned long kb = totalram_pages() * (PAGE_SIZE >> 10);
	unsigned long want = MIN(MAX(isqrt(kb * 16), 128UL), 262144UL);
	unsigned long high = 0;
	int again;

	tap_ok((unsigned long)min_free_kbytes == want,
	       "[%s] min_free_kbytes %d = clamp(int_sqrt(%lu kB * 16), 128, 262144) = %lu",
	       ln, min_free_kbytes, kb, want);
	/* Linux's lowmem_kbytes leaves out the high watermarks once they exist. */
	for (int zi = 0; zi < MAX_NR_ZONES; zi++)
		high += high_wmark_pages(zone_of(zi));
	again = calculate_min_free_kbytes();
	tap_ok((unsigned long)again <= want &&
	       (unsigned long)again >= MIN(MAX(isqrt((kb - high * 4) * 16), 128UL), 262144UL),
	       "[%s] calculate_min_free_kbytes() = %d, consistent with the formula",
	       ln, again);
}

/* Linux's __setup_per_zone_wmarks, from the current tunables. */
static void expected_wmarks(unsigned long w[MAX_NR_ZONES][NR_WMARK])
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem = totalram_pages();

	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		unsigned long managed = zone_of(zi)->managed_pages;
		unsigned long tmp = lowmem ? pages_min * managed / lowmem : 0;
		unsigned long delta = MAX(tmp >> 2,
					  managed * (unsigned long)watermark_scale_factor / 10000);

		w[zi][WMARK_MIN] = tmp;
		w[zi][WMARK_LOW] = tmp + delta;
		w[zi][WMARK_HIGH] = tmp + 2 * delta;
	}
}

static void check_wmarks(const char *ln, const char *when)
{
	unsigned long w[MAX_NR_ZONES][NR_WMARK];

	expected_wmarks(w);
	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = zone_of(zi);

		if (!managed_zone(z))
			continue;
		tap_ok(!memcmp(z->_watermark, w[zi], sizeof(w[zi])),
		       "[%s] %s watermarks %s: min/low/high %lu/%lu/%lu (expected %lu/%lu/%lu)",
		       ln, zname(zi), when, min_wmark_pages(z), low_wmark_pages(z),
		       high_wmark_pages(z), w[zi][0], w[zi][1], w[zi][2]);
	}
}

/* Linux's setup_per_zone_lowmem_reserve. */
static void check_lowmem_reserve(const char *ln, const char *when)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = zone_of(i);
		unsigned long upper = 0, want[MAX_NR_ZONES] = { 0 };
		int ratio = sysctl_lowmem_reserve_ratio[i];

		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			upper += zone_of(j)->managed_pages;
			want[j] = (ratio && z->managed_pages) ? upper / ratio : 0;
		}
		tap_ok(!memcmp(z->lowmem_reserve, want, sizeof(want)),
		       "[%s] %s lowmem_reserve %s: (%lu, %lu), expected (%lu, %lu)", ln,
		       zname(i), when, z->lowmem_reserve[0], z->lowmem_reserve[1],
		       want[0], want[1]);
	}
}

/* Linux's calculate_totalreserve_pages. */
static void check_totalreserve(const char *ln)
{
	unsigned long want = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = zone_of(i);
		unsigned long max = 0;

		for (int j = i; j < MAX_NR_ZONES; j++)
			max = MAX(max, z->lowmem_reserve[j]);
		max += high_wmark_pages(z);
		want += MIN(max, z->managed_pages);
	}
	tap_ok(totalreserve_pages == want, "[%s] totalreserve_pages %lu (expected %lu)",
	       ln, totalreserve_pages, want);
}

/* The tunables: changing them and calling the setup functions recomputes. */
static void check_tunables(const char *ln)
{
	int old_min = min_free_kbytes, old_wsf = watermark_scale_factor;
	int old_ratio = sysctl_lowmem_reserve_ratio[ZONE_DMA32];

	min_free_kbytes = 4096;
	watermark_scale_factor = 100;
	setup_per_zone_wmarks();
	check_wmarks(ln, "after min_free_kbytes=4096, watermark_scale_factor=100");
	sysctl_lowmem_reserve_ratio[ZONE_DMA32] = 8;
	setup_per_zone_lowmem_reserve();
	check_lowmem_reserve(ln, "after lowmem_reserve_ratio[DMA32]=8");
	min_free_kbytes = old_min;
	watermark_scale_factor = old_wsf;
	sysctl_lowmem_reserve_ratio[ZONE_DMA32] = old_ratio;
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
}

/* ---- /proc reports ------------------------------------------------------ */

static char report[1 << 16];

/* meminfo_value: the kB value of label, checking the line's exact layout. */
static bool meminfo_value(const char *text, const char *label, unsigned long *kb)
{
	char want_prefix[32], again[64];
	const char *p;

	snprintf(want_prefix, sizeof(want_prefix), "%s:", label);
	for (p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, want_prefix, strlen(want_prefix)))
			continue;
		if (sscanf(p + 16, "%lu", kb) != 1)
			return false;
		snprintf(again, sizeof(again), "%-16s%8lu kB", want_prefix, *kb);
		return !strncmp(p, again, strlen(again)) && p[strlen(again)] == '\n';
	}
	return false;
}

/*
 * Linux's si_mem_available: free pages above totalreserve, plus page cache
 * and reclaimable slab minus what reclaim could not get back (half of each,
 * at most the sum of the low watermarks).
 */
static long expected_available(void)
{
	long wmark_low = 0, pagecache, reclaimable, avail;

	for (int zi = 0; zi < MAX_NR_ZONES; zi++)
		wmark_low += (long)low_wmark_pages(zone_of(zi));
	avail = (long)nr_free_pages() - (long)totalreserve_pages;
	pagecache = (long)global_node_page_state(NR_FILE_PAGES);
	avail += pagecache - MIN(pagecache / 2, wmark_low);
	reclaimable = (long)global_node_page_state(NR_SLAB_RECLAIMABLE);
	avail += reclaimable - MIN(reclaimable / 2, wmark_low);
	return avail < 0 ? 0 : avail;
}

static void check_mem_available(const char *ln)
{
	long base = expected_available(), cache, big;

	tap_ok((long)si_mem_available() == base,
	       "[%s] si_mem_available %lu = free %lu - totalreserve %lu (nothing to reclaim)",
	       ln, si_mem_available(), nr_free_pages(), totalreserve_pages);
	/* Page cache and reclaimable slab count, less what reclaim could not free. */
	mod_node_page_state(NR_FILE_PAGES, 50);
	mod_node_page_state(NR_SLAB_RECLAIMABLE, 30);
	cache = (long)si_mem_available();
	mod_node_page_state(NR_FILE_PAGES, 100000);
	big = (long)si_mem_available();
	tap_ok(cache == base + 50 - 25 + 30 - 15,
	       "[%s] si_mem_available counts half of a small page cache and reclaimable "
	       "slab (%ld -> %ld)", ln, base, cache);
	tap_ok(big == expected_available(),
	       "[%s] and a large page cache minus the low watermarks (%ld)", ln, big);
	mod_node_page_state(NR_FILE_PAGES, -100050);
	mod_node_page_state(NR_SLAB_RECLAIMABLE, -30);
}

static void check_meminfo(const char *ln)
{
	struct seq_buf m;
	unsigned long total = 0, freekb = 0, avail = 0, slab = 0, sunrec = 0, sreclaim = 0;
	unsigned long pt = 0, ks = 0;
	bool fmt;

	drain_all_pages();
	seq_buf_init(&m, report, sizeof(report));
	show_meminfo(&m);
	fmt = meminfo_value(report, "MemTotal", &total) &&
	      meminfo_value(report, "MemFree", &freekb) &&
	      meminfo_value(report, "MemAvailable", &avail) &&
	      meminfo_value(report, "Slab", &slab) &&
	      meminfo_value(report, "SUnreclaim", &sunrec) &&
	      meminfo_value(report, "PageTables", &pt) &&
	      meminfo_value(report, "KernelStack", &ks);
	if (!tap_ok(fmt, "[%s] meminfo has MemTotal, MemFree, MemAvailable, Slab, "
		    "SUnreclaim, PageTables, KernelStack as \"%%-16s%%8lu kB\"", ln))
		tap_diag("meminfo was:\n%s", report);
	tap_ok(total == totalram_pages() * 4 && freekb == nr_free_pages() * 4,
	       "[%s] MemTotal %lu kB and MemFree %lu kB match totalram_pages and "
	       "nr_free_pages", ln, total, freekb);
	meminfo_value(report, "SReclaimable", &sreclaim);
	tap_ok(slab == sreclaim + sunrec &&
	       sunrec == global_node_page_state(NR_SLAB_UNRECLAIMABLE) * 4 &&
	       pt == global_node_page_state(NR_PAGETABLE) * 4 &&
	       ks == global_node_page_state(NR_KERNEL_STACK_KB),
	       "[%s] Slab %lu = SReclaimable %lu + SUnreclaim %lu kB, from the node counters",
	       ln, slab, sreclaim, sunrec);
	tap_ok(avail == si_mem_available() * 4, "[%s] MemAvailable %lu kB is si_mem_available",
	       ln, avail);
	check_mem_available(ln);
}

static void check_buddyinfo(const char *ln)
{
	struct seq_buf m;
	char want[1024] = "";

	drain_all_pages();
	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = zone_of(zi);

		if (!populated_zone(z))
			continue;
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
			 "Node 0, zone %8s ", z->name);
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			snprintf(want + strlen(want), sizeof(want) - strlen(want), "%6lu ",
				 z->free_area[o].nr_free);
		strcat(want, "\n");
	}
	seq_buf_init(&m, report, sizeof(report));
	show_buddyinfo(&m);
	if (!tap_ok(!strcmp(seq_buf_str(&m), want),
		    "[%s] buddyinfo: one line per populated zone, Linux's format", ln))
		tap_diag("got:\n%s# expected:\n%s", seq_buf_str(&m), want);
}

/* zone_section: the zoneinfo text of one zone, up to the next "Node". */
static const char *zone_section(const char *text, const char *name, char *out, size_t n)
{
	char head[64];
	const char *s, *e;

	snprintf(head, sizeof(head), "Node 0, zone %8s", name);
	s = strstr(text, head);
	if (!s)
		return NULL;
	e = strstr(s + 1, "Node 0, zone");
	snprintf(out, n, "%.*s", (int)(e ? e - s : (long)strlen(s)), s);
	return out;
}

/* section_value: the number after "key" at the start of a (space-trimmed) line. */
static bool section_value(const char *sec, const char *key, unsigned long *v)
{
	for (const char *p = sec; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *q = p + strspn(p, " ");

		if (!strncmp(q, key, strlen(key)) && q[strlen(key)] == ' ')
			return sscanf(q + strlen(key), "%lu", v) == 1;
	}
	return false;
}

/*
 * As Linux's zoneinfo_show_print, an empty zone gets its header, counts,
 * watermarks and protection line, and nothing after that.
 */
static void check_zoneinfo_empty(const char *ln, const char *text, const struct zone *z)
{
	unsigned long v[7] = { 0 };
	char sec[4096], prot[64];
	bool ok;

	ok = zone_section(text, z->name, sec, sizeof(sec)) &&
	     section_value(sec, "pages free", &v[0]) && section_value(sec, "min", &v[1]) &&
	     section_value(sec, "low", &v[2]) && section_value(sec, "high", &v[3]) &&
	     section_value(sec, "spanned", &v[4]) && section_value(sec, "present", &v[5]) &&
	     section_value(sec, "managed", &v[6]);
	ok = ok && v[0] == z->free_pages && v[1] == min_wmark_pages(z) &&
	     v[2] == low_wmark_pages(z) && v[3] == high_wmark_pages(z) &&
	     v[4] == z->spanned_pages && v[5] == 0 && v[6] == 0;
	snprintf(prot, sizeof(prot), "\n        protection: (%lu, %lu)\n",
		 z->lowmem_reserve[0], z->lowmem_reserve[1]);
	ok = ok && strlen(sec) >= strlen(prot) &&
	     !strcmp(sec + strlen(sec) - strlen(prot), prot);
	if (!tap_ok(ok, "[%s] zoneinfo of the empty zone %s stops after its protection "
		    "line", ln, z->name))
		tap_diag("zoneinfo was:\n%s", text);
}

static void check_zoneinfo(const char *ln)
{
	struct seq_buf m;
	char sec[4096];

	seq_buf_init(&m, report, sizeof(report));
	show_zoneinfo(&m);
	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = zone_of(zi);
		unsigned long v[8] = { 0 };
		char prot[64];
		bool ok;

		if (!populated_zone(z)) {
			check_zoneinfo_empty(ln, report, z);
			continue;
		}
		ok = zone_section(report, z->name, sec, sizeof(sec)) &&
		     section_value(sec, "pages free", &v[0]) && section_value(sec, "min", &v[1]) &&
		     section_value(sec, "low", &v[2]) && section_value(sec, "high", &v[3]) &&
		     section_value(sec, "spanned", &v[4]) && section_value(sec, "present", &v[5]) &&
		     section_value(sec, "managed", &v[6]) && section_value(sec, "start_pfn:", &v[7]);
		ok = ok && v[0] == z->free_pages && v[1] == min_wmark_pages(z) &&
		     v[2] == low_wmark_pages(z) && v[3] == high_wmark_pages(z) &&
		     v[4] == z->spanned_pages && v[5] == z->present_pages &&
		     v[6] == z->managed_pages && v[7] == z->zone_start_pfn;
		snprintf(prot, sizeof(prot), "\n        protection: (%lu, %lu)\n",
			 z->lowmem_reserve[0], z->lowmem_reserve[1]);
		ok = ok && strstr(sec, prot);
		if (!tap_ok(ok, "[%s] zoneinfo of %s: free, min, low, high, spanned, "
			    "present, managed, protection, start_pfn", ln, z->name))
			tap_diag("zoneinfo was:\n%s", report);
	}
}

static void scenario_boot(const void *arg)
{
	const struct host_layout *l = arg;
	const char *ln = l->name;
	unsigned long used;

	host_boot(l, HOST_BOOT_NO_SLAB);
	check_zone_sizes(ln);
	check_reserved_map(ln);
	check_boot_free_areas(ln);
	pmap_init();
	tap_walk(true, "[%s] free lists and per-cpu lists well formed after boot", ln);
	check_min_free_kbytes(ln);
	check_wmarks(ln, "at boot");
	check_lowmem_reserve(ln, "at boot");
	check_totalreserve(ln);

	kmem_cache_init();
	drain_all_pages();
	used = zone_used(zone_of(0)) + zone_used(zone_of(1));
	tap_ok(used < totalram_pages() / 4,
	       "[%s] kmem_cache_init took %lu pages from the buddy allocator", ln, used);
	check_meminfo(ln);
	check_buddyinfo(ln);
	check_zoneinfo(ln);
	check_tunables(ln);
}

/* ---- the random sequence against a model -------------------------------- */

/*
 * The watermark rules of Linux's get_page_from_freelist, used as an oracle:
 * the fast path takes the first zone (Normal, then DMA32) above its LOW
 * mark plus lowmem_reserve[highest allowed zone]; the slow path does the
 * same with MIN, which __GFP_HIGH halves and a non-sleeping __GFP_HIGH
 * (GFP_ATOMIC) lowers by another quarter.  For order > 0 a free block of
 * at least that order must exist.
 */
static bool wmark_ok(const struct zone *z, unsigned int order, unsigned long mark,
		     int highest, gfp_t gfp, bool slow)
{
	long min = (long)mark;
	long free = (long)z->free_pages - ((1L << order) - 1);

	if (slow && (gfp & __GFP_HIGH)) {
		min -= min / 2;
		if (!(gfp & __GFP_DIRECT_RECLAIM))
			min -= min / 4;
	}
	if (free <= min + (long)z->lowmem_reserve[highest])
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

/* predict_zone: the zone Linux would allocate from, -1 for a failure. */
static int predict_zone(gfp_t gfp, unsigned int order)
{
	int highest = gfp_zone(gfp);

	for (int zi = highest; zi >= 0; zi--)
		if (managed_zone(zone_of(zi)) &&
		    wmark_ok(zone_of(zi), order, low_wmark_pages(zone_of(zi)), highest, gfp, false))
			return zi;
	for (int zi = highest; zi >= 0; zi--)
		if (managed_zone(zone_of(zi)) &&
		    wmark_ok(zone_of(zi), order, min_wmark_pages(zone_of(zi)), highest, gfp, true))
			return zi;
	return -1;
}

struct blk {
	unsigned long pfn;
	u64 tag;
	u8 order, zone;
};

enum { C_BLOCK, C_ACCT, C_ORACLE, C_LISTS, NR_CHECKS };

static const char *const check_names[NR_CHECKS] = {
	"every block aligned, in RAM, in an allowed zone, unshared, flags exactly "
	"PG_head with refcount 1 and its order, zeroed on __GFP_ZERO, pattern "
	"intact at free",
	"free + per-cpu + allocated pages account for every zone's managed pages",
	"zone choice and failures follow the LOW/MIN watermarks, lowmem_reserve "
	"and the Normal->DMA32 fallback",
	"free lists well formed, fully coalesced, and no page lost",
};

struct rt {
	struct rng rng;
	struct blk *live;
	size_t nlive;
	unsigned long live_pages[MAX_NR_ZONES];
	unsigned long boot_used[MAX_NR_ZONES];
	unsigned long fails[NR_CHECKS];
	char first[NR_CHECKS][240];
	unsigned long op;
	unsigned long allocs, failed, slow, fallback, frees, drains;
};

static void rt_fail(struct rt *t, int c, const char *fmt, ...) __printf(3, 4);
static void rt_fail(struct rt *t, int c, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->fails[c]++)
		return;
	n = snprintf(t->first[c], sizeof(t->first[c]), "op %lu: ", t->op);
	va_start(ap, fmt);
	vsnprintf(t->first[c] + n, sizeof(t->first[c]) - n, fmt, ap);
	va_end(ap);
}

/* Three words per page, derived from the block's tag and the pfn. */
static u64 pattern(u64 tag, unsigned long pfn, int k)
{
	return (tag ^ (pfn * 0x9e3779b97f4a7c15ULL)) + (u64)k;
}

static u64 *pattern_word(unsigned long pfn, int k)
{
	static const size_t off[3] = { 0, PAGE_SIZE / 2, PAGE_SIZE - 8 };

	return (u64 *)((char *)page_address(pfn_to_page(pfn)) + off[k]);
}

static bool block_is_zero(unsigned long pfn, unsigned int order)
{
	const u64 *w = page_address(pfn_to_page(pfn));

	for (size_t i = 0; i < (PAGE_SIZE << order) / 8; i++)
		if (w[i])
			return false;
	return true;
}

static const gfp_t rt_gfps[] = {
	GFP_KERNEL, GFP_KERNEL, GFP_KERNEL | __GFP_ZERO, GFP_USER, GFP_DMA32,
	GFP_ATOMIC, GFP_ATOMIC | __GFP_DMA32, GFP_NOWAIT, GFP_KERNEL | __GFP_HIGH,
	GFP_KERNEL | __GFP_NORETRY,
};

static unsigned int rt_order(struct rt *t)
{
	u64 r = rng_below(&t->rng, 100);

	if (r < 50)
		return 0;
	if (r < 65)
		return 1;
	if (r < 75)
		return 2;
	if (r < 83)
		return 3;
	if (r < 95)
		return 4 + rng_below(&t->rng, 3);
	return 7 + rng_below(&t->rng, 4);
}

/* Checks on a block the allocator just returned; marks it live. */
static bool rt_accept(struct rt *t, struct page *page, gfp_t gfp, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	int zi;

	if (!pfn_valid(pfn) || pfn + (1UL << order) > max_pfn) {
		rt_fail(t, C_BLOCK, "order-%u block at pfn %#lx outside RAM", order, pfn);
		return false;
	}
	zi = page->zone;
	if (pfn & ((1UL << order) - 1))
		rt_fail(t, C_BLOCK, "order-%u block at pfn %#lx not aligned", order, pfn);
	if (zi > (int)gfp_zone(gfp) || (gfp & __GFP_DMA32 && pfn + (1UL << order) > MAX_DMA32_PFN))
		rt_fail(t, C_BLOCK, "gfp %#x got pfn %#lx of zone %s", gfp, pfn, zname(zi));
	if (page_ref_count(page) != 1)
		rt_fail(t, C_BLOCK, "pfn %#lx allocated with refcount %d", pfn,
			page_ref_count(page));
	/* prep_new_page: the head says "allocated, this order" and nothing else. */
	if (page->flags != (1u << PG_head) || page->order != order)
		rt_fail(t, C_BLOCK, "order-%u block %#lx allocated with flags %#x (want "
			"exactly head %#x), order %u", order, pfn, page->flags,
			1u << PG_head, page->order);
	for (unsigned long k = 0; k < (1UL << order); k++) {
		u8 *s = ps(pfn + k);

		if (*s & (PS_RESERVED | PS_LIVE | PS_BOOT_USED)) {
			rt_fail(t, C_BLOCK, "order-%u block %#lx: pfn %#lx already %s", order,
				pfn, pfn + k, *s & PS_LIVE ? "allocated" : "reserved or in use");
			return false;
		}
		if (pfn_to_page(pfn + k)->zone != zi)
			rt_fail(t, C_BLOCK, "order-%u block %#lx crosses zones", order, pfn);
	}
	if ((gfp & __GFP_ZERO) && !block_is_zero(pfn, order))
		rt_fail(t, C_BLOCK, "__GFP_ZERO block %#lx (order %u) not zeroed", pfn, order);
	return !t->fails[C_BLOCK];
}

static void rt_alloc(struct rt *t)
{
	gfp_t gfp = rt_gfps[rng_below(&t->rng, ARRAY_SIZE(rt_gfps))] | __GFP_NOWARN;
	unsigned int order = rt_order(t);
	int want = predict_zone(gfp, order);
	bool fast;
	struct page *page;
	struct blk *b;

	if (want < 0 && (gfp & __GFP_DIRECT_RECLAIM)) {
		/* The slow path drains the per-cpu lists before it gives up: so does the model. */
		drain_all_pages();
		want = predict_zone(gfp, order);
	}
	fast = want >= 0 && wmark_ok(zone_of(want), order,
					  low_wmark_pages(zone_of(want)), gfp_zone(gfp), gfp, false);
	page = alloc_pages(gfp, order);

	t->allocs++;
	if (!page) {
		t->failed++;
		if (want >= 0)
			rt_fail(t, C_ORACLE, "order-%u gfp %#x failed though %s passes its "
				"watermark (free %lu)", order, gfp, zname(want),
				zone_of(want)->free_pages);
		return;
	}
	if (!rt_accept(t, page, gfp, order))
		return;
	if (want != page->zone)
		rt_fail(t, C_ORACLE, "order-%u gfp %#x came from %s, expected %s "
			"(free DMA32 %lu Normal %lu)", order, gfp, zname(page->zone),
			zname(want), zone_of(0)->free_pages, zone_of(1)->free_pages);
	t->slow += !fast;
	t->fallback += page->zone != gfp_zone(gfp);
	b = &t->live[t->nlive++];
	b->pfn = page_to_pfn(page);
	b->order = (u8)order;
	b->zone = page->zone;
	b->tag = rng_next(&t->rng);
	t->live_pages[b->zone] += 1UL << order;
	for (unsigned long k = 0; k < (1UL << order); k++) {
		*ps(b->pfn + k) |= PS_LIVE;
		for (int w = 0; w < 3; w++)
			*pattern_word(b->pfn + k, w) = pattern(b->tag, b->pfn + k, w);
	}
}

static void rt_free(struct rt *t, size_t i)
{
	struct blk b = t->live[i];

	for (unsigned long k = 0; k < (1UL << b.order); k++) {
		for (int w = 0; w < 3; w++)
			if (*pattern_word(b.pfn + k, w) != pattern(b.tag, b.pfn + k, w))
				rt_fail(t, C_BLOCK, "block %#lx (order %u): pfn %#lx overwritten "
					"while allocated", b.pfn, b.order, b.pfn + k);
		*ps(b.pfn + k) &= (u8)~PS_LIVE;
	}
	t->live[i] = t->live[--t->nlive];
	t->live_pages[b.zone] -= 1UL << b.order;
	t->frees++;
	__free_pages(pfn_to_page(b.pfn), b.order);
}

static void rt_check_accounting(struct rt *t)
{
	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = zone_of(zi);

		if (zone_used(z) != t->live_pages[zi] + t->boot_used[zi])
			rt_fail(t, C_ACCT, "%s: managed %lu - free %lu - pcp %lu != "
				"allocated %lu + boot %lu", zname(zi), z->managed_pages,
				z->free_pages, host_pcp_count(z), t->live_pages[zi],
				t->boot_used[zi]);
		if (arch_spin_is_locked((arch_spinlock_t *)&z->lock.raw))
			rt_fail(t, C_ACCT, "%s: zone lock left held", zname(zi));
	}
}

static void rt_walk(struct rt *t)
{
	char why[200];

	if (!walk_all(false, why, sizeof(why)))
		rt_fail(t, C_LISTS, "%s", why);
}

#define RT_OPS 100000

static void scenario_random(const void *arg)
{
	const struct host_layout *l = arg;
	struct free_snap boot;
	struct rt *t = calloc(1, sizeof(*t));
	unsigned int p_alloc = 50;
	const char *diff;

	host_boot(l, 0);
	drain_all_pages();
	pmap_init();
	walk_all(true, t->first[0], sizeof(t->first[0]));
	free_snap_take(&boot);
	t->rng.s = host_seed() ^ (u64)(uintptr_t)l->name[0];
	t->live = calloc(max_pfn - min_low_pfn, sizeof(*t->live));
	for (int zi = 0; zi < MAX_NR_ZONES; zi++)
		t->boot_used[zi] = zone_used(zone_of(zi));

	for (t->op = 0; t->op < host_ops(RT_OPS); t->op++) {
		/* Phases of growth and shrinkage, so that the zones run full. */
		if (t->op % 3000 == 0)
			p_alloc = (unsigned int[]){ 30, 50, 70, 85 }[rng_below(&t->rng, 4)];
		if (!t->nlive || rng_below(&t->rng, 100) < p_alloc)
			rt_alloc(t);
		else
			rt_free(t, rng_below(&t->rng, t->nlive));
		if (rng_below(&t->rng, 300) == 0) {
			drain_all_pages();
			t->drains++;
		}
		rt_check_accounting(t);
		if (t->op % 1000 == 999)
			rt_walk(t);
		if (t->fails[C_BLOCK] || t->fails[C_LISTS])
			break;	/* the model no longer describes memory */
	}
	tap_diag("%s: %lu ops, %lu allocations (%lu failed, %lu past the low watermark, "
		 "%lu fell back to DMA32), %lu frees, %lu drains", l->name, t->op,
		 t->allocs, t->failed, t->slow, t->fallback, t->frees, t->drains);
	while (t->nlive)
		rt_free(t, rng_below(&t->rng, t->nlive));
	drain_all_pages();
	rt_check_accounting(t);
	rt_walk(t);
	for (int c = 0; c < NR_CHECKS; c++)
		if (!tap_ok(!t->fails[c], "[%s] random: %s", l->name, check_names[c]))
			tap_diag("%lu failures; first: %s", t->fails[c], t->first[c]);
	tap_ok(t->failed > 100 && t->slow > 100,
	       "[%s] random: the run reached the watermarks (%lu failures, %lu slow-path "
	       "successes)", l->name, t->failed, t->slow);
	diff = free_snap_diff(&boot);
	tap_ok(!diff, "[%s] random: after freeing everything and draining, the free "
	       "areas equal boot's%s%s", l->name, diff ? ": " : "", diff ? diff : "");
	free(t->live);
	free(t);
}

/* ---- watermarks in one zone -------------------------------------------- */

/* A stack of allocated blocks, freed in one go at the end of a scenario. */
struct held {
	struct page **page;
	u8 *order;
	size_t n;
};

static void held_init(struct held *h)
{
	h->page = calloc(max_pfn - min_low_pfn, sizeof(*h->page));
	h->order = calloc(max_pfn - min_low_pfn, 1);
	h->n = 0;
}

static void held_push(struct held *h, struct page *p, unsigned int order)
{
	h->page[h->n] = p;
	h->order[h->n++] = (u8)order;
}

static void held_free_all(struct held *h)
{
	while (h->n) {
		h->n--;
		__free_pages(h->page[h->n], h->order[h->n]);
	}
}

/* fill: allocate order-0 pages with gfp until one fails; returns how many. */
static size_t fill(struct held *h, gfp_t gfp, int *zone_seen)
{
	size_t n = 0;
	struct page *p;

	while ((p = alloc_pages(gfp, 0))) {
		if (zone_seen)
			*zone_seen |= 1 << p->zone;
		held_push(h, p, 0);
		n++;
	}
	return n;
}

/* The failure report names the order and the flags (Linux: "order:%u, mode:%#x(%pGg)"). */
static void check_failure_report(const char *ln, gfp_t gfp, unsigned int order)
{
	char flags[128], ord1[16], ord2[16], ord3[16];
	const char *log = host_log_text();
	bool names_flags, names_order;

	format_gfp_flags(gfp, flags, sizeof(flags));
	snprintf(ord1, sizeof(ord1), "order:%u", order);
	snprintf(ord2, sizeof(ord2), "order=%u", order);
	snprintf(ord3, sizeof(ord3), "order %u", order);
	names_flags = strstr(log, flags) != NULL;
	names_order = strstr(log, ord1) || strstr(log, ord2) || strstr(log, ord3);
	if (!tap_ok(host_log_count(LOGLEVEL_DEFAULT) > 0 && names_flags && names_order,
		    "[%s] a failed order-%u %s allocation is reported, naming order "
		    "and flags", ln, order, flags))
		tap_diag("log was: %s", log);
}

static void scenario_watermarks(const void *arg)
{
	const char *ln = "dma32";
	struct zone *z = zone_of(ZONE_DMA32);
	struct free_snap boot;
	struct held h;
	long min, batch, half, atomic;
	size_t n;

	host_boot(&host_layout_dma32, 0);
	drain_all_pages();
	free_snap_take(&boot);
	held_init(&h);
	min = (long)min_wmark_pages(z);
	batch = MAX(z->pcp[0].batch, 1);
	half = min - min / 2;
	atomic = half - half / 4;
	tap_diag("DMA32: managed %lu free %lu min %ld low %lu pcp batch %ld",
		 z->managed_pages, z->free_pages, min, low_wmark_pages(z), batch);

	n = fill(&h, GFP_KERNEL | __GFP_NOWARN, NULL);
	tap_ok(n && (long)z->free_pages <= min && (long)z->free_pages > min - batch,
	       "[%s] GFP_KERNEL allocates until free pages (%lu) reach min (%ld), "
	       "and no further than one pcp batch below", ln, z->free_pages, min);
	tap_ok(!alloc_pages(GFP_NOWAIT, 0) && !alloc_pages(GFP_KERNEL | __GFP_NORETRY |
							   __GFP_NOWARN, 0),
	       "[%s] GFP_NOWAIT and __GFP_NORETRY get nothing below min either", ln);

	{
		struct page *p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0);

		tap_ok(p != NULL, "[%s] where GFP_KERNEL fails, GFP_ATOMIC still succeeds", ln);
		if (p)
			held_push(&h, p, 0);
	}
	host_log_clear();
	tap_ok(!alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0) &&
	       !host_log_count(HOST_LOG_WARNING),
	       "[%s] a failure with __GFP_NOWARN prints nothing", ln);
	host_log_clear();
	tap_ok(!alloc_pages(GFP_KERNEL, 0), "[%s] GFP_KERNEL still fails", ln);
	check_failure_report(ln, GFP_KERNEL, 0);
	host_log_clear();
	tap_ok(!alloc_pages(GFP_KERNEL | __GFP_ZERO, 3), "[%s] order-3 GFP_KERNEL fails too", ln);
	check_failure_report(ln, GFP_KERNEL | __GFP_ZERO, 3);

	n = fill(&h, GFP_KERNEL | __GFP_HIGH | __GFP_NOWARN, NULL);
	tap_ok(n && (long)z->free_pages <= half && (long)z->free_pages > half - batch,
	       "[%s] __GFP_HIGH goes down to half of min (free %lu, min/2 %ld)", ln,
	       z->free_pages, half);
	n = fill(&h, GFP_ATOMIC | __GFP_NOWARN, NULL);
	tap_ok(n && (long)z->free_pages <= atomic && (long)z->free_pages > atomic - batch,
	       "[%s] GFP_ATOMIC goes down to a further quarter (free %lu, mark %ld)", ln,
	       z->free_pages, atomic);
	tap_ok(!alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0) &&
	       !alloc_pages(GFP_KERNEL | __GFP_HIGH | __GFP_NOWARN, 0),
	       "[%s] and then even GFP_ATOMIC fails", ln);
	{
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0);

		tap_ok(p && p->zone == ZONE_DMA32, "[%s] __GFP_NOFAIL does not fail", ln);
		if (p)
			held_push(&h, p, 0);
	}

	held_free_all(&h);
	drain_all_pages();
	{
		const char *diff = free_snap_diff(&boot);

		tap_ok(!diff, "[%s] freeing everything restores the boot free areas%s%s",
		       ln, diff ? ": " : "", diff ? diff : "");
	}
}

/*
 * For order > 0 the free page count is not enough: a block of that order
 * must exist.  Allocate everything as single pages (with min_free_kbytes
 * lowered so nothing is held back), then free every odd pfn: half the
 * memory is free, but in pages whose buddies are all in use.
 */
static void scenario_fragmented(const void *arg)
{
	const char *ln = "dma32";
	struct zone *z = zone_of(ZONE_DMA32);
	struct held h, keep;
	int old_min;
	unsigned long high = 0;
	struct page *p, *q;

	host_boot(&host_layout_dma32, 0);
	held_init(&h);
	held_init(&keep);
	old_min = min_free_kbytes;
	min_free_kbytes = 0;
	setup_per_zone_wmarks();
	for (;;) {
		p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0);
		if (!p) {
			drain_all_pages();	/* the per-cpu leftovers too */
			p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0);
			if (!p)
				break;
		}
		held_push(page_to_pfn(p) & 1 ? &h : &keep, p, 0);
	}
	tap_ok(z->free_pages == 0 && host_pcp_count(z) == 0,
	       "[%s] with min_free_kbytes=0 GFP_ATOMIC takes every page (free %lu)", ln,
	       z->free_pages);
	min_free_kbytes = old_min;
	setup_per_zone_wmarks();
	held_free_all(&h);
	drain_all_pages();
	for (int o = 1; o < NR_PAGE_ORDERS; o++)
		high += z->free_area[o].nr_free;
	tap_ok(high == 0 && z->free_pages > min_wmark_pages(z) + 2,
	       "[%s] odd pfns freed: %lu free pages, none merged (%lu blocks above order 0)",
	       ln, z->free_pages, high);
	tap_ok(!alloc_pages(GFP_KERNEL | __GFP_NOWARN, 1),
	       "[%s] order-1 allocation fails without an order-1 block", ln);
	p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	tap_ok(p != NULL, "[%s] order-0 allocation succeeds", ln);
	if (p)
		held_push(&h, p, 0);
	/* Freeing one even page merges it with its free odd buddy. */
	for (size_t i = 0; i < keep.n; i++) {
		unsigned long pfn = page_to_pfn(keep.page[i]);

		if (PageBuddy(pfn_to_page(pfn + 1))) {
			__free_pages(keep.page[i], 0);
			keep.page[i] = keep.page[--keep.n];
			drain_all_pages();
			q = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 1);
			tap_ok(q && page_to_pfn(q) == pfn && z->free_area[1].nr_free == 0,
			       "[%s] freeing pfn %#lx merges it with its buddy; order 1 "
			       "then succeeds with that block", ln, pfn);
			if (q)
				held_push(&h, q, 1);
			break;
		}
	}
	held_free_all(&h);
	held_free_all(&keep);
}

/* ---- two zones: restriction, fallback, lowmem_reserve ------------------- */

static void scenario_zones(const void *arg)
{
	const char *ln = "straddle";
	struct zone *dma = zone_of(ZONE_DMA32), *nor = zone_of(ZONE_NORMAL);
	struct held h;
	struct page *p, *q;
	unsigned long nor_before, nor_at_fallback = 0, normal_after_fallback = 0;
	long batch;
	bool all_dma = true;
	size_t n = 0;

	host_boot(&host_layout_straddle, 0);
	batch = MAX(nor->pcp[0].batch, 1);
	held_init(&h);
	p = alloc_pages(GFP_KERNEL, 0);
	q = alloc_pages(GFP_DMA32, 0);
	tap_ok(p && p->zone == ZONE_NORMAL && page_to_pfn(p) >= MAX_DMA32_PFN,
	       "[%s] GFP_KERNEL prefers ZONE_NORMAL", ln);
	tap_ok(q && q->zone == ZONE_DMA32 && page_to_pfn(q) < MAX_DMA32_PFN,
	       "[%s] GFP_DMA32 gets a page below 4 GiB", ln);
	if (p)
		__free_pages(p, 0);
	if (q)
		__free_pages(q, 0);

	/* __GFP_DMA32 never touches Normal, even with DMA32 exhausted. */
	drain_all_pages();
	nor_before = nor->free_pages;
	for (unsigned int order = 3;;) {	/* large blocks first, then smaller */
		p = alloc_pages(GFP_DMA32 | __GFP_NOWARN, order);
		if (p) {
			all_dma &= p->zone == ZONE_DMA32 &&
				   page_to_pfn(p) + (1UL << order) <= MAX_DMA32_PFN;
			held_push(&h, p, order);
			n++;
		} else if (order) {
			order--;
		} else {
			break;
		}
	}
	tap_ok(n && all_dma && nor->free_pages + host_pcp_count(nor) == nor_before,
	       "[%s] %zu GFP_DMA32 blocks all from DMA32, Normal untouched (%lu free)",
	       ln, n, nor->free_pages);
	tap_ok(dma->free_pages <= min_wmark_pages(dma),
	       "[%s] GFP_DMA32 stops at DMA32's min (free %lu, min %lu)", ln,
	       dma->free_pages, min_wmark_pages(dma));
	held_free_all(&h);
	drain_all_pages();

	/* GFP_KERNEL: Normal down to LOW, then DMA32 (fast path), then MIN (slow). */
	while ((p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))) {
		held_push(&h, p, 0);
		if (p->zone == ZONE_DMA32 && !nor_at_fallback)
			nor_at_fallback = nor->free_pages + 1;	/* +1: 0 means "not yet" */
		else if (p->zone == ZONE_NORMAL && nor_at_fallback)
			normal_after_fallback++;
	}
	nor_at_fallback--;
	tap_ok((long)nor_at_fallback <= (long)low_wmark_pages(nor) &&
	       (long)nor_at_fallback > (long)low_wmark_pages(nor) - batch,
	       "[%s] the first fallback to DMA32 comes when Normal reaches its low "
	       "watermark (free %lu, low %lu)", ln, nor_at_fallback, low_wmark_pages(nor));
	tap_ok(normal_after_fallback > 0,
	       "[%s] once DMA32 is at its low mark too, the slow path takes Normal "
	       "again down to min (%lu more Normal pages)", ln, normal_after_fallback);
	tap_ok(nor->free_pages <= min_wmark_pages(nor) &&
	       dma->free_pages <= min_wmark_pages(dma) + dma->lowmem_reserve[ZONE_NORMAL],
	       "[%s] GFP_KERNEL fails with Normal at min (%lu/%lu) and DMA32 at "
	       "min + lowmem_reserve (%lu/%lu+%lu)", ln, nor->free_pages,
	       min_wmark_pages(nor), dma->free_pages, min_wmark_pages(dma),
	       dma->lowmem_reserve[ZONE_NORMAL]);
	held_free_all(&h);
}

/*
 * lowmem_reserve: with a small ratio DMA32 keeps a large reserve against
 * Normal-capable allocations, which GFP_DMA32 allocations may still use.
 */
static void scenario_lowmem_reserve(const void *arg)
{
	const char *ln = "hole";
	struct zone *dma = zone_of(ZONE_DMA32), *nor = zone_of(ZONE_NORMAL);
	struct held h;
	struct page *p;
	unsigned long reserve, min;
	long batch;

	host_boot(&host_layout_hole, 0);
	held_init(&h);
	sysctl_lowmem_reserve_ratio[ZONE_DMA32] = 16;
	setup_per_zone_lowmem_reserve();
	reserve = dma->lowmem_reserve[ZONE_NORMAL];
	min = min_wmark_pages(dma);
	batch = MAX(dma->pcp[0].batch, 1);
	tap_ok(reserve == nor->managed_pages / 16,
	       "[%s] ratio 16: DMA32 reserves %lu pages against Normal allocations", ln,
	       reserve);
	fill(&h, GFP_KERNEL | __GFP_NOWARN, NULL);
	tap_ok(dma->free_pages <= min + reserve &&
	       (long)dma->free_pages > (long)(min + reserve) - batch,
	       "[%s] GFP_KERNEL leaves DMA32 at min + lowmem_reserve (free %lu, %lu + %lu)",
	       ln, dma->free_pages, min, reserve);
	p = alloc_pages(GFP_DMA32 | __GFP_NOWARN, 0);
	tap_ok(p && p->zone == ZONE_DMA32,
	       "[%s] a GFP_DMA32 allocation may still use the reserve", ln);
	if (p)
		held_push(&h, p, 0);
	fill(&h, GFP_DMA32 | __GFP_NOWARN, NULL);
	tap_ok(dma->free_pages <= min && (long)dma->free_pages > (long)min - batch,
	       "[%s] GFP_DMA32 stops at plain min (free %lu, min %lu)", ln,
	       dma->free_pages, min);
	held_free_all(&h);
}

/* ---- misuse: reported, ignored ------------------------------------------ */

static void check_misuse(const char *ln, const char *what, struct host_snap *s,
			 unsigned long before)
{
	const char *diff = host_snap_diff(s);
	unsigned long got = bad_page_reports() - before;

	tap_ok(got == 1 && host_log_count(HOST_LOG_WARNING) > 0 && !diff,
	       "[%s] %s: reported once (%lu reports, %lu log messages), state "
	       "unchanged%s%s", ln, what, got, host_log_count(HOST_LOG_WARNING),
	       diff ? ": " : "", diff ? diff : "");
	host_snap_free(s);
}

/* MISUSE: do `call`, which must be reported once and change nothing. */
#define MISUSE(what, call) do {					\
	struct host_snap snap_;					\
	unsigned long before_ = bad_page_reports();		\
								\
	host_snap_take(&snap_);					\
	host_log_clear();					\
	call;							\
	check_misuse(ln, what, &snap_, before_);		\
} while (0)

static unsigned long misuse_global;

static void scenario_misuse(const void *arg)
{
	const char *ln = "hole";
	const struct host_range *b0;
	struct free_snap boot;
	struct host_snap snap;
	unsigned long hole_pfn, local = 0, before;
	void *heap = malloc(PAGE_SIZE);
	struct page *p, *b;

	host_boot(&host_layout_hole, 0);
	drain_all_pages();
	free_snap_take(&boot);
	b0 = &host_layout->banks[0];
	hole_pfn = PFN_DOWN(b0->base + b0->size) + 3;

	p = alloc_pages(GFP_KERNEL, 0);
	{
		struct per_cpu_pages *pcp = &zone_of(p->zone)->pcp[0];
		int count = pcp->count;
		struct page *again;

		__free_pages(p, 0);
		tap_ok(pcp->top == p && pcp->count == count + 1 &&
		       p->flags == (1u << PG_pcp) && page_ref_count(p) == 0,
		       "[%s] __free_pages of an order-0 page pushes it on this cpu's "
		       "per-cpu stack (flags %#x, count %d -> %d)", ln, p->flags, count,
		       pcp->count);
		again = alloc_pages(GFP_KERNEL, 0);
		tap_ok(again == p && pcp->count == count && p->flags == (1u << PG_head) &&
		       page_ref_count(p) == 1 && p->order == 0,
		       "[%s] the page freed last is the next one handed out, as an "
		       "allocated head again", ln);
		__free_pages(p, 0);
	}
	MISUSE("double free of an order-0 page on a per-cpu list", __free_pages(p, 0));
	drain_all_pages();
	MISUSE("double free of an order-0 page back on the buddy lists", __free_pages(p, 0));
	b = alloc_pages(GFP_KERNEL, 3);
	__free_pages(b, 3);
	MISUSE("double free of an order-3 block", __free_pages(b, 3));

	b = alloc_pages(GFP_KERNEL, 2);
	MISUSE("freeing a tail page of an order-2 block", __free_pages(b + 1, 0));
	MISUSE("freeing the second half of an order-2 block as order 1", __free_pages(b + 2, 1));
	MISUSE("freeing an order-2 block as order 1", __free_pages(b, 1));
	MISUSE("freeing an order-2 block as order 3", __free_pages(b, 3));
	before = bad_page_reports();
	__free_pages(b, 2);
	tap_ok(bad_page_reports() == before && !PageHead(b) &&
	       page_ref_count(b) == 0,
	       "[%s] the block is then freed normally with the right order", ln);

	MISUSE("freeing a reserved page (kernel image)",
	       __free_pages(pfn_to_page(PFN_DOWN(host_layout->reserved[0].base)), 0));
	MISUSE("freeing a page of the hole between banks",
	       __free_pages(pfn_to_page(hole_pfn), 0));
	MISUSE("free_pages() of an address in the hole",
	       free_pages((unsigned long)__va(PFN_PHYS(hole_pfn)), 0));
	MISUSE("free_pages() of a stack address", free_pages((unsigned long)&local, 0));
	MISUSE("free_pages() of a global", free_pages((unsigned long)&misuse_global, 0));
	MISUSE("free_pages() of a host heap address", free_pages((unsigned long)heap, 0));
	MISUSE("free_pages() just below RAM",
	       free_pages((unsigned long)__va(PFN_PHYS(min_low_pfn)) - PAGE_SIZE, 0));
	MISUSE("free_pages() at the end of RAM",
	       free_pages((unsigned long)__va(PFN_PHYS(max_pfn)), 0));

	/*
	 * Not misuse: as in Linux, free_pages() takes any address inside the
	 * block's first page.  An address in a later page names a tail page.
	 */
	{
		unsigned long a0 = __get_free_pages(GFP_KERNEL, 0);
		unsigned long a2 = __get_free_pages(GFP_KERNEL, 2);
		struct page *p0 = virt_to_page((void *)a0), *p2 = virt_to_page((void *)a2);
		unsigned long free2;

		before = bad_page_reports();
		free_pages(a0 + 123, 0);
		tap_ok(bad_page_reports() == before && page_ref_count(p0) == 0 &&
		       p0->flags == (1u << PG_pcp),
		       "[%s] free_pages() of an address 123 bytes into a page frees that "
		       "page, unreported", ln);
		MISUSE("free_pages() of an address in the second page of an order-2 block",
		       free_pages(a2 + PAGE_SIZE, 2));
		free2 = zone_of(p2->zone)->free_pages;
		before = bad_page_reports();
		free_pages(a2 + PAGE_SIZE - 1, 2);
		tap_ok(bad_page_reports() == before && page_ref_count(p2) == 0 &&
		       !PageHead(p2) && zone_of(p2->zone)->free_pages == free2 + 4,
		       "[%s] free_pages() of the last byte of an order-2 block's first page "
		       "frees the block, unreported", ln);
	}

	/* Not misuse: free_pages(0) does nothing, like kfree(NULL). */
	before = bad_page_reports();
	host_snap_take(&snap);
	free_pages(0, 0);
	tap_ok(bad_page_reports() == before && !host_snap_diff(&snap),
	       "[%s] free_pages(0) is a silent no-op", ln);
	host_snap_free(&snap);

	/* Not misuse: with a second reference the first free only drops it. */
	p = alloc_pages(GFP_KERNEL, 0);
	get_page(p);
	before = bad_page_reports();
	host_snap_take(&snap);
	__free_pages(p, 0);
	tap_ok(page_ref_count(p) == 1 && bad_page_reports() == before &&
	       zone_of(p->zone)->free_pages == snap.pgdat.node_zones[p->zone].free_pages &&
	       host_pcp_count(zone_of(p->zone)) ==
	       host_pcp_count(&snap.pgdat.node_zones[p->zone]),
	       "[%s] __free_pages on a page with two references keeps it", ln);
	__free_pages(p, 0);
	drain_all_pages();
	tap_ok(page_ref_count(p) == 0 && bad_page_reports() == before,
	       "[%s] the last reference frees it", ln);
	host_snap_free(&snap);

	drain_all_pages();
	{
		const char *diff = free_snap_diff(&boot);

		tap_ok(!diff, "[%s] after all that, the free areas equal boot's%s%s", ln,
		       diff ? ": " : "", diff ? diff : "");
	}
	free(heap);
}

/* ---- the rest of the API ------------------------------------------------ */

static void check_format_gfp(gfp_t gfp, const char *want)
{
	char buf[128];

	format_gfp_flags(gfp, buf, sizeof(buf));
	tap_ok(!strcmp(buf, want), "format_gfp_flags(%#x) = \"%s\" (expected \"%s\")",
	       gfp, buf, want);
}

static void scenario_api(const void *arg)
{
	const char *ln = "straddle";
	struct free_snap boot;
	unsigned long addr, zaddr, sum = 0;
	struct page *p, *dirty[16];
	char buf[128];
	bool zero;

	host_boot(&host_layout_straddle, 0);
	drain_all_pages();
	free_snap_take(&boot);
	for (int zi = 0; zi < MAX_NR_ZONES; zi++)
		sum += zone_of(zi)->free_pages;
	tap_ok(nr_free_pages() == sum, "[%s] nr_free_pages %lu is the zones' free pages",
	       ln, nr_free_pages());

	addr = __get_free_pages(GFP_KERNEL, 2);
	tap_ok(addr && !(addr & (PAGE_SIZE - 1)) && virt_addr_valid((void *)addr) &&
	       page_address(virt_to_page((void *)addr)) == (void *)addr &&
	       !(page_to_pfn(virt_to_page((void *)addr)) & 3),
	       "[%s] __get_free_pages(order 2) returns the linear address of an "
	       "aligned block", ln);
	free_pages(addr, 2);

	/* Dirty some pages, free them, and ask for zeroed ones: they come back clean. */
	for (int i = 0; i < 16; i++) {
		dirty[i] = alloc_pages(GFP_KERNEL, i < 8 ? 0 : 3);
		memset(page_address(dirty[i]), 0xa5, PAGE_SIZE << (i < 8 ? 0 : 3));
	}
	for (int i = 15; i >= 0; i--)
		__free_pages(dirty[i], i < 8 ? 0 : 3);
	zaddr = get_zeroed_page(GFP_KERNEL);
	zero = zaddr && block_is_zero(PFN_DOWN(__pa((void *)zaddr)), 0);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	zero = zero && p && block_is_zero(page_to_pfn(p), 3);
	tap_ok(zero, "[%s] get_zeroed_page and __GFP_ZERO return zeroed memory", ln);
	free_page(zaddr);
	__free_pages(p, 3);

	p = alloc_pages(GFP_KERNEL, MAX_PAGE_ORDER);
	tap_ok(p && !(page_to_pfn(p) & ((1UL << MAX_PAGE_ORDER) - 1)),
	       "[%s] an order-%d block is aligned to 4 MiB", ln, MAX_PAGE_ORDER);
	if (p)
		__free_pages(p, MAX_PAGE_ORDER);
	tap_ok(!alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_PAGE_ORDER + 1),
	       "[%s] order %d is refused", ln, MAX_PAGE_ORDER + 1);

	drain_all_pages();
	{
		const char *diff = free_snap_diff(&boot);

		tap_ok(!diff, "[%s] all returned: free areas equal boot's%s%s", ln,
		       diff ? ": " : "", diff ? diff : "");
	}
	check_format_gfp(GFP_KERNEL, "GFP_KERNEL");
	check_format_gfp(GFP_ATOMIC, "GFP_ATOMIC");
	check_format_gfp(GFP_KERNEL | __GFP_ZERO, "GFP_KERNEL|__GFP_ZERO");
	check_format_gfp(GFP_NOWAIT, "GFP_NOWAIT");
	page_flag_names((1u << PG_reserved) | (1u << PG_buddy), buf, sizeof(buf));
	tap_ok(strstr(buf, "reserved") && strstr(buf, "buddy") && !strstr(buf, "slab"),
	       "page_flag_names(reserved|buddy) = \"%s\"", buf);
}

/* ---- memblock, before there are struct pages ---------------------------- */

static bool regions_are(const struct memblock_type *t, int n, const phys_addr_t *want)
{
	if (t->cnt != (unsigned long)n)
		return false;
	for (int i = 0; i < n; i++)
		if (t->regions[i].base != want[2 * i] || t->regions[i].size != want[2 * i + 1])
			return false;
	return true;
}

static void scenario_memblock(const void *arg)
{
	const phys_addr_t B = 0x80000000UL;
	phys_addr_t pa, pa2;
	int rc = 0, i;
	bool zero = true;
	unsigned char *va;

	host_map_ram(&host_layout_dma32);	/* RAM at [B, B + 32M) */
	memblock_reset();
	memblock_add(B, 8 * SZ_1M);
	memblock_add(B + 8 * SZ_1M, 8 * SZ_1M);		/* adjacent: merges */
	memblock_add(B + 24 * SZ_1M, 4 * SZ_1M);
	tap_ok(regions_are(&memblock.memory, 2, (phys_addr_t[]){ B, 16 * SZ_1M,
				B + 24 * SZ_1M, 4 * SZ_1M }),
	       "memblock_add merges adjacent banks and keeps others apart (%lu regions)",
	       memblock.memory.cnt);
	memblock_add(B + 12 * SZ_1M, 14 * SZ_1M);	/* overlaps both */
	memblock_add(B + 28 * SZ_1M, 4 * SZ_1M);
	tap_ok(regions_are(&memblock.memory, 1, (phys_addr_t[]){ B, 32 * SZ_1M }) &&
	       memblock_phys_mem_size() == 32 * SZ_1M &&
	       memblock_start_of_DRAM() == B && memblock_end_of_DRAM() == B + 32 * SZ_1M,
	       "overlapping banks merge into one; size, start and end of DRAM follow");

	memblock_reserve(B, 2 * SZ_1M);
	memblock_reserve(B + 30 * SZ_1M, SZ_1M);
	tap_ok(memblock_is_reserved(B + 2 * SZ_1M - 1, 1) &&
	       !memblock_is_reserved(B + 2 * SZ_1M, SZ_1M) &&
	       memblock_is_reserved(B + 29 * SZ_1M, SZ_1M + 1) &&
	       memblock_reserved_size() == 3 * SZ_1M,
	       "memblock_is_reserved sees overlaps, not mere adjacency");

	/* Top-down, aligned, and never over a reservation. */
	pa = memblock_phys_alloc(SZ_1M + 1, SZ_1M);
	tap_ok(pa == B + 28 * SZ_1M && memblock_is_reserved(pa, 1) &&
	       memblock_reserved_size() == 4 * SZ_1M + 1,
	       "memblock_phys_alloc takes the highest aligned free range (%#llx) and "
	       "reserves it", (unsigned long long)pa);
	va = __va(B + 24 * SZ_1M);
	memset(va, 0xa5, 8 * SZ_1M);		/* dirty: memblock_alloc must clear */
	va = memblock_alloc(3 * PAGE_SIZE, PAGE_SIZE);
	for (size_t k = 0; k < 3 * PAGE_SIZE; k++)
		zero &= va[k] == 0;
	tap_ok(zero && __pa(va) == B + 32 * SZ_1M - 3 * PAGE_SIZE,
	       "memblock_alloc returns zeroed memory from the top free range (%#llx)",
	       (unsigned long long)__pa(va));
	pa2 = memblock_phys_alloc(64 * SZ_1M, PAGE_SIZE);
	tap_ok(pa2 == 0, "memblock_phys_alloc returns 0 when nothing fits");

	memblock_enforce_memory_limit(20 * SZ_1M);
	tap_ok(memblock_phys_mem_size() == 20 * SZ_1M &&
	       memblock_end_of_DRAM() == B + 20 * SZ_1M,
	       "memblock_enforce_memory_limit keeps the first 20 MiB");

	/* The region table is finite: running out is an error, not an overflow. */
	memblock_reset();
	for (i = 0; i < MEMBLOCK_MAX_REGIONS + 1 && !rc; i++)
		rc = memblock_reserve(B + (phys_addr_t)i * 2 * PAGE_SIZE, PAGE_SIZE);
	tap_ok(rc == -ENOMEM && i == MEMBLOCK_MAX_REGIONS + 1 &&
	       memblock.reserved.cnt == MEMBLOCK_MAX_REGIONS,
	       "region %d of %d is refused with -ENOMEM (got %d)", i, MEMBLOCK_MAX_REGIONS,
	       rc);
	rc = memblock_reserve(B + PAGE_SIZE, PAGE_SIZE);	/* touches two: merges */
	tap_ok(rc == 0 && memblock.reserved.cnt == MEMBLOCK_MAX_REGIONS - 1,
	       "a full reserved table still takes a region that merges (got %d, %lu regions)",
	       rc, memblock.reserved.cnt);
	memblock_reset();
	rc = 0;
	for (i = 0; i < MEMBLOCK_MAX_REGIONS + 1 && !rc; i++)
		rc = memblock_add(B + (phys_addr_t)i * 2 * PAGE_SIZE, PAGE_SIZE);
	tap_ok(rc == -ENOMEM && i == MEMBLOCK_MAX_REGIONS + 1 &&
	       memblock.memory.cnt == MEMBLOCK_MAX_REGIONS &&
	       memblock_phys_mem_size() == MEMBLOCK_MAX_REGIONS * PAGE_SIZE,
	       "memblock_add: bank %d of %d is refused with -ENOMEM (got %d), the table "
	       "unchanged", i, MEMBLOCK_MAX_REGIONS, rc);
}

/* ---- no DMA32 memory at all ---------------------------------------------- */

static void scenario_no_dma32(const void *arg)
{
	const char *ln = "high";
	struct page *p, *q;

	host_boot(&host_layout_high, 0);
	p = alloc_pages(GFP_DMA32 | __GFP_NOWARN, 0);
	q = alloc_pages(GFP_KERNEL, 0);
	tap_ok(!p && q && q->zone == ZONE_NORMAL,
	       "[%s] with ZONE_DMA32 empty, GFP_DMA32 fails and GFP_KERNEL uses Normal", ln);
	if (q)
		__free_pages(q, 0);
}

int main(void)
{
	const struct host_layout *boots[] = {
		&host_layout_straddle, &host_layout_hole, &host_layout_dma32, &host_layout_tiny,
		&host_layout_odd, &host_layout_high,
	};
	const struct host_layout *randoms[] = {
		&host_layout_straddle, &host_layout_hole, &host_layout_dma32, &host_layout_odd,
	};
	char name[64];

	tap_init();
	tap_diag("seed %llu (RVMM_SEED=N to change)", (unsigned long long)host_seed());
	for (size_t i = 0; i < ARRAY_SIZE(boots); i++) {
		snprintf(name, sizeof(name), "boot, layout %s", boots[i]->name);
		tap_run(name, scenario_boot, boots[i]);
	}
	tap_run("memblock", scenario_memblock, NULL);
	tap_run("API", scenario_api, NULL);
	tap_run("misuse", scenario_misuse, NULL);
	tap_run("watermarks", scenario_watermarks, NULL);
	tap_run("order > 0 needs a free block", scenario_fragmented, NULL);
	tap_run("zones and fallback", scenario_zones, NULL);
	tap_run("lowmem_reserve", scenario_lowmem_reserve, NULL);
	tap_run("no DMA32 memory", scenario_no_dma32, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(randoms); i++) {
		snprintf(name, sizeof(name), "random, layout %s", randoms[i]->name);
		tap_run(name, scenario_random, randoms[i]);
	}
	return tap_done();
}
