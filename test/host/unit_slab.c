/*
 * test/host/unit_slab.c: the slab allocator and kmalloc on a fake RAM,
 * against Linux's rules (kmalloc size classes, alignment, constructors,
 * spare slabs, /proc/slabinfo) and the misuse reports of include/slab.h.
 *
 * Each scenario boots a fresh kernel in a forked child (tap_run).
 */
#include "host.h"

#include <cmdline.h>

#include <seq_buf.h>
#include <slab.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmstat.h>

/*
 * design_skip: NULL when the checks of SLUB's plain design (tap_design)
 * apply, else the reason they are SKIPs in this pass; debug_pass: the
 * caches run with slub_debug=FZPU, so SLUB's checks catch every misuse.
 */
static const char *design_skip;
static bool debug_pass;
#define tap_design(cond, ...) \
	(design_skip ? tap_skip(design_skip, __VA_ARGS__) : tap_ok(cond, __VA_ARGS__))

static const unsigned int classes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

/* class_of: the kmalloc size class of size (<= KMALLOC_MAX_CACHE_SIZE). */
static unsigned int class_of(size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

static unsigned int order_for(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* Pages the buddy allocator does not hold: what slab and kmalloc take shows here. */
static unsigned long used_pages(void)
{
	unsigned long used = 0;

	for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = &contig_page_data.node_zones[zi];

		used += z->managed_pages - z->free_pages - host_pcp_count(z);
	}
	return used;
}

static unsigned long slab_counter_pages(void)
{
	return global_node_page_state(NR_SLAB_RECLAIMABLE) +
	       global_node_page_state(NR_SLAB_UNRECLAIMABLE);
}

static struct slabinfo info_of(struct kmem_cache *s)
{
	struct slabinfo i;

	get_slabinfo(s, &i);
	return i;
}

static bool is_pow2(size_t x)
{
	return x && !(x & (x - 1));
}

/* Every byte of an object from one seed: overlap shows as a mismatch. */
static void fill(void *p, size_t n, u64 tag)
{
	unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		c[i] = (unsigned char)(tag + i * 131);
}

static bool filled(const void *p, size_t n, u64 tag)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i] != (unsigned char)(tag + i * 131))
			return false;
	return true;
}

static bool all_bytes(const void *p, size_t n, unsigned char v)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i] != v)
			return false;
	return true;
}

/* in_slab_of: p lies in a PG_slab page owned by s. */
static bool in_slab_of(const void *p, const struct kmem_cache *s)
{
	const struct page *pg;

	if (!virt_addr_valid(p))
		return false;
	pg = virt_to_page(p);
	return PageSlab(pg) && pg->slab_cache == s;
}

/* ---- /proc/slabinfo ------------------------------------------------------ */

struct slab_row {
	char name[32];
	unsigned long active, num, aslabs, nslabs, shared;
	unsigned int objsize, perslab, limit, batch, sharedf;
	int pages;
};

static char text[1 << 16];

#define SLABINFO_HEADER "# name            <active_objs> <num_objs> <objsize> " \
	"<objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> " \
	": slabdata <active_slabs> <num_slabs> <sharedavail>"

/*
 * read_slabinfo: parse show_slabinfo's output into rows; false (with why)
 * unless the header lines are Linux's and every row prints back exactly
 * with Linux's format.
 */
static int read_slabinfo(struct slab_row *rows, int max, char *why, size_t whylen)
{
	struct seq_buf m;
	char *line, *save = NULL;
	int n = 0, lineno = 0;

	seq_buf_init(&m, text, sizeof(text));
	show_slabinfo(&m);
	if (seq_buf_has_overflowed(&m)) {
		snprintf(why, whylen, "slabinfo overflowed %zu bytes", sizeof(text));
		return -1;
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct slab_row *r = &rows[n];
		char again[256];

		lineno++;
		if (lineno == 1 || lineno == 2) {
			const char *want = lineno == 1 ? "slabinfo - version: 2.1" : SLABINFO_HEADER;

			if (strcmp(line, want)) {
				snprintf(why, whylen, "line %d is \"%.80s\"", lineno, line);
				return -1;
			}
			continue;
		}
		if (n == max || sscanf(line, "%31s %lu %lu %u %u %d : tunables %u %u %u : "
				       "slabdata %lu %lu %lu", r->name, &r->active, &r->num,
				       &r->objsize, &r->perslab, &r->pages, &r->limit, &r->batch,
				       &r->sharedf, &r->aslabs, &r->nslabs, &r->shared) != 12) {
			snprintf(why, whylen, "row \"%.100s\" does not parse", line);
			return -1;
		}
		snprintf(again, sizeof(again), "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u "
			 "%4u : slabdata %6lu %6lu %6lu", r->name, r->active, r->num,
			 r->objsize, r->perslab, r->pages, r->limit, r->batch, r->sharedf,
			 r->aslabs, r->nslabs, r->shared);
		if (strcmp(again, line)) {
			snprintf(why, whylen, "row \"%.100s\" is not in Linux's layout", line);
			return -1;
		}
		n++;
	}
	return n;
}

static const struct slab_row *find_row(const struct slab_row *rows, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(rows[i].name, name))
			return &rows[i];
	return NULL;
}

/* slab_pages_in: pages in slabs of every cache, from slabinfo. */
static unsigned long slab_pages_in(const struct slab_row *rows, int n)
{
	unsigned long pages = 0;

	for (int i = 0; i < n; i++)
		pages += rows[i].nslabs * (unsigned long)rows[i].pages;
	return pages;
}

static void scenario_slabinfo(const void *arg)
{
	struct slab_row rows[64];
	char why[200] = "";
	struct kmem_cache *s;
	struct slabinfo i;
	const struct slab_row *r;
	void *obj[40];
	int n;

	host_boot(&host_layout_straddle, 0);
	s = kmem_cache_create("test_slabinfo", 100, 0, 0, NULL);
	for (int k = 0; k < 40; k++)
		obj[k] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, obj[3]);
	i = info_of(s);
	n = read_slabinfo(rows, 64, why, sizeof(why));
	tap_ok(n > 0, "slabinfo: version 2.1 header, Linux's column header, and rows in "
	       "Linux's \"%%-17s %%6lu ...\" layout%s%s", n > 0 ? "" : ": ", why);
	r = n > 0 ? find_row(rows, n, "test_slabinfo") : NULL;
	tap_ok(r && r->active == 39 && r->active == i.active_objs && r->num == i.num_objs &&
	       r->objsize == i.object_size && r->perslab == i.objects_per_slab &&
	       r->pages == 1 << i.cache_order && r->aslabs == i.active_slabs &&
	       r->nslabs == i.num_slabs && r->num == r->nslabs * r->perslab,
	       "slabinfo: the new cache's row matches get_slabinfo (39 active of %lu)",
	       i.num_objs);
	/*
	 * 40 allocations from a fresh cache: one slow path per slab started,
	 * the rest from the active slab.  obj[3] lies in the first slab, which
	 * is no longer active when there are two or more.
	 */
	tap_design(i.active_objs == 39 && i.num_objs == i.num_slabs * i.objects_per_slab &&
	       i.num_slabs == DIV_ROUND_UP(40, i.objects_per_slab) &&
	       i.alloc_slowpath == i.num_slabs &&
	       i.free_slowpath == (i.num_slabs > 1 ? 1UL : 0UL) && i.object_size >= 100 &&
	       i.objects_per_slab * i.object_size <= PAGE_SIZE << i.cache_order,
	       "get_slabinfo: 39 active in %lu slabs, %lu slow-path allocations (one per "
	       "slab), %lu slow-path frees; %u objects of %u bytes in %lu-page slabs",
	       i.num_slabs, i.alloc_slowpath, i.free_slowpath, i.objects_per_slab,
	       i.object_size, 1UL << i.cache_order);
	for (size_t c = 0; c < ARRAY_SIZE(classes); c++) {
		struct slabinfo ci = info_of(kmalloc_cache_for(classes[c]));
		bool found = false;

		for (int k = 0; k < n; k++)
			found |= rows[k].objsize == ci.object_size &&
				 rows[k].perslab == ci.objects_per_slab &&
				 !strncmp(rows[k].name, "kmalloc", 7);
		if (!found) {
			tap_ok(false, "slabinfo lists kmalloc class %u", classes[c]);
			return;
		}
	}
	tap_ok(true, "slabinfo lists every kmalloc class");
	tap_ok(slab_pages_in(rows, n) == slab_counter_pages(),
	       "slabinfo's slab pages (%lu) equal the Slab counters (%lu)",
	       slab_pages_in(rows, n), slab_counter_pages());
}

/* ---- kmalloc ----------------------------------------------------------- */

static void scenario_kmalloc(const void *arg)
{
	unsigned int bad_ksize = 0, bad_cache = 0, bad_align = 0, first = 0;
	unsigned long used0, sunrec0;
	void *p, *big;
	struct page *pg;

	host_boot(&host_layout_straddle, 0);
	for (size_t n = 1; n <= KMALLOC_MAX_CACHE_SIZE; n++) {
		struct kmem_cache *c = kmalloc_cache_for(n);

		p = kmalloc(n, GFP_KERNEL);
		if (!p || ksize(p) != class_of(n)) {
			if (!bad_ksize++)
				first = (unsigned int)n;
		}
		/* a slot is the class, plus slub_debug's red zones and tracks in the debug pass */
		if (!c || (debug_pass ? info_of(c).object_size < class_of(n)
				      : info_of(c).object_size != class_of(n)) || (p && !in_slab_of(p, c)))
			bad_cache++;
		if (p && (((uintptr_t)p & 7) || (is_pow2(n) && ((uintptr_t)p & (n - 1)))))
			bad_align++;
		kfree(p);
	}
	tap_ok(!bad_ksize, "kmalloc(1..8192): ksize is the size class (%u wrong, first "
	       "size %u)", bad_ksize, first);
	tap_ok(!bad_cache, "kmalloc_cache_for(n) is the class cache the object comes from "
	       "(%u wrong)", bad_cache);
	tap_ok(!bad_align, "kmalloc: 8-byte aligned, power-of-two sizes naturally aligned "
	       "(%u wrong)", bad_align);
	tap_ok(!kmalloc_cache_for(KMALLOC_MAX_CACHE_SIZE + 1),
	       "kmalloc_cache_for(8193) is NULL: page allocator");

	/* Large kmalloc: whole pages, PG_large_kmalloc, counted as unreclaimable slab. */
	kmem_cache_shrink_all();
	drain_all_pages();
	used0 = used_pages();
	sunrec0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE);
	big = kmalloc(3 * PAGE_SIZE + 1, GFP_KERNEL);
	pg = big ? virt_to_page(big) : NULL;
	tap_ok(big && !((uintptr_t)big & ((PAGE_SIZE << 2) - 1)) &&
	       PageLargeKmalloc(pg) && !PageSlab(pg) &&
	       ksize(big) == PAGE_SIZE << 2 && used_pages() == used0 + 4,
	       "kmalloc(3 pages + 1) is an order-2 block from the page allocator, ksize %zu",
	       big ? ksize(big) : 0);
	tap_ok(global_node_page_state(NR_SLAB_UNRECLAIMABLE) == sunrec0 + 4,
	       "a large kmalloc counts in SUnreclaim, as in Linux");
	fill(big, 3 * PAGE_SIZE + 1, 7);
	kfree(big);
	drain_all_pages();
	tap_ok(used_pages() == used0 && global_node_page_state(NR_SLAB_UNRECLAIMABLE) == sunrec0,
	       "kfree of a large kmalloc returns its pages");
	big = kmalloc(PAGE_SIZE << MAX_PAGE_ORDER, GFP_KERNEL);
	tap_ok(big && ksize(big) == PAGE_SIZE << MAX_PAGE_ORDER,
	       "kmalloc(4 MiB) succeeds with the largest block");
	kfree(big);
	tap_ok(!kmalloc((PAGE_SIZE << MAX_PAGE_ORDER) + 1, GFP_KERNEL | __GFP_NOWARN),
	       "kmalloc above the largest block fails");

	/* kzalloc and kmem_cache_zalloc: dirty an object, free it, ask for a zeroed one. */
	{
		unsigned int bad = 0;

		for (size_t c = 0; c < ARRAY_SIZE(classes); c++) {
			size_t n = classes[c];

			p = kmalloc(n, GFP_KERNEL);
			memset(p, 0xff, n);
			kfree(p);
			p = kzalloc(n, GFP_KERNEL);
			bad += !p || !all_bytes(p, n, 0);
			kfree(p);
		}
		p = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);
		memset(p, 0xff, 5 * PAGE_SIZE);
		kfree(p);
		p = kzalloc(5 * PAGE_SIZE, GFP_KERNEL);
		bad += !p || !all_bytes(p, 5 * PAGE_SIZE, 0);
		kfree(p);
		tap_ok(!bad, "kzalloc returns zeroed memory for every class and large sizes "
		       "(%u dirty)", bad);
	}
}

static void scenario_krealloc(const void *arg)
{
	struct kmem_cache *c64 = NULL;
	unsigned long active, before;
	char *p, *q;

	host_boot(&host_layout_straddle, 0);
	p = kmalloc(20, GFP_KERNEL);
	fill(p, 20, 1);
	q = krealloc(p, 100, GFP_KERNEL);
	tap_ok(q && filled(q, 20, 1) && ksize(q) >= 100, "krealloc 20 -> 100 keeps the "
	       "content, ksize %zu", q ? ksize(q) : 0);
	fill(q, 100, 2);
	p = krealloc(q, 10, GFP_KERNEL);
	tap_ok(p && filled(p, 10, 2) && ksize(p) >= 10, "krealloc 100 -> 10 keeps the "
	       "first 10 bytes");
	fill(p, 10, 3);
	q = krealloc(p, 20000, GFP_KERNEL);
	tap_ok(q && filled(q, 10, 3) && ksize(q) >= 20000 &&
	       PageLargeKmalloc(virt_to_page(q)),
	       "krealloc 10 -> 20000 moves to the page allocator with the content");
	fill(q, 20000, 4);
	p = krealloc(q, 50, GFP_KERNEL);
	tap_ok(p && filled(p, 50, 4), "krealloc 20000 -> 50 keeps the first 50 bytes");
	kfree(p);
	p = krealloc(NULL, 50, GFP_KERNEL);
	tap_ok(p && ksize(p) == 64, "krealloc(NULL, 50) allocates like kmalloc(50)");

	c64 = kmalloc_cache_for(64);
	active = info_of(c64).active_objs;
	q = krealloc(p, 0, GFP_KERNEL);
	tap_ok(info_of(c64).active_objs == active - 1,
	       "krealloc(p, 0) frees p (kmalloc-64 active %lu -> %lu)", active,
	       info_of(c64).active_objs);
	tap_ok(q == ZERO_SIZE_PTR, "krealloc(p, 0) returns ZERO_SIZE_PTR, as slab.h "
	       "documents and Linux does (got %p)", (void *)q);
	before = slab_error_reports();
	tap_ok(ksize(q) == 0, "ksize(ZERO_SIZE_PTR) is 0");
	kfree(q);	/* whatever it returned must be kfree-able */
	tap_ok(slab_error_reports() == before, "kfree(ZERO_SIZE_PTR) is silent");
	active = info_of(c64).active_objs;
	q = krealloc(NULL, 0, GFP_KERNEL);
	p = kmalloc(0, GFP_KERNEL);
	tap_ok(q == ZERO_SIZE_PTR && p == ZERO_SIZE_PTR && slab_error_reports() == before &&
	       info_of(c64).active_objs == active,
	       "krealloc(NULL, 0) and kmalloc(0) return ZERO_SIZE_PTR (got %p, %p)",
	       (void *)q, (void *)p);
}

/* ---- kmem_cache ----------------------------------------------------------- */

static void scenario_alignment(const void *arg)
{
	static const unsigned int sizes[] = { 1, 7, 24, 100, 1000 };
	static const unsigned int aligns[] = { 0, 8, 16, 32, 64, 128, 256, 512 };
	unsigned int bad_align = 0, bad_slab = 0, bad_fill = 0, made = 0, bad_hw = 0;
	void **objs = calloc(4096, sizeof(*objs));
	char name[32];

	host_boot(&host_layout_straddle, 0);
	for (size_t si = 0; si < ARRAY_SIZE(sizes); si++)
		for (size_t ai = 0; ai < ARRAY_SIZE(aligns); ai++) {
			unsigned int size = sizes[si], align = aligns[ai];
			uintptr_t need = MAX(align, 8u);
			struct kmem_cache *s;
			struct slabinfo i;
			int n;

			snprintf(name, sizeof(name), "a%u_%u", size, align);
			s = kmem_cache_create(name, size, align, 0, NULL);
			if (!s)
				continue;
			made++;
			i = info_of(s);
			n = (int)MIN(3 * i.objects_per_slab + 1, 4096u);
			for (int k = 0; k < n; k++) {
				objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
				bad_align += !objs[k] || ((uintptr_t)objs[k] & (need - 1));
				bad_slab += !objs[k] || !in_slab_of(objs[k], s);
				if (objs[k])
					fill(objs[k], size, (u64)k * 7 + 1);
			}
			for (int k = 0; k < n; k++) {
				bad_fill += objs[k] && !filled(objs[k], size, (u64)k * 7 + 1);
				kmem_cache_free(s, objs[k]);
			}
			kmem_cache_destroy(s);
		}
	tap_ok(made == ARRAY_SIZE(sizes) * ARRAY_SIZE(aligns),
	       "kmem_cache_create accepts sizes 1..1000 with alignments 0..512 (%u of %zu)",
	       made, ARRAY_SIZE(sizes) * ARRAY_SIZE(aligns));
	tap_ok(!bad_align, "objects are aligned to the cache's alignment (%u wrong)", bad_align);
	tap_ok(!bad_slab, "objects lie in PG_slab pages owned by their cache (%u wrong)",
	       bad_slab);
	tap_ok(!bad_fill, "objects do not overlap: every byte pattern intact (%u broken)",
	       bad_fill);

	/* SLAB_HWCACHE_ALIGN: objects larger than half a line start on a line. */
	for (unsigned int size = 40; size <= 300; size += 52) {
		struct kmem_cache *s = kmem_cache_create("hw", size, 0, SLAB_HWCACHE_ALIGN, NULL);

		for (int k = 0; k < 50; k++) {
			objs[k] = s ? kmem_cache_alloc(s, GFP_KERNEL) : NULL;
			bad_hw += !objs[k] || ((uintptr_t)objs[k] & (L1_CACHE_BYTES - 1));
		}
		for (int k = 0; k < 50 && s; k++)
			kmem_cache_free(s, objs[k]);
		kmem_cache_destroy(s);
	}
	tap_ok(!bad_hw, "SLAB_HWCACHE_ALIGN aligns objects of 40..300 bytes to 64 (%u wrong)",
	       bad_hw);
	free(objs);
}

static void scenario_reuse(const void *arg)
{
	void *a[11], *b[10];
	struct kmem_cache *s;
	unsigned long slabs;
	bool same = true;

	host_boot(&host_layout_straddle, 0);
	s = kmem_cache_create("reuse", 64, 0, 0, NULL);
	for (int k = 0; k < 11; k++)
		a[k] = kmem_cache_alloc(s, GFP_KERNEL);
	slabs = info_of(s).num_slabs;
	for (int k = 0; k < 10; k++)	/* keep a[10]: the slab stays partial */
		kmem_cache_free(s, a[k]);
	for (int k = 0; k < 10; k++)
		b[k] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int k = 0; k < 10; k++) {
		bool found = false;

		for (int j = 0; j < 10; j++)
			found |= b[k] == a[j];
		same &= found;
	}
	tap_ok(same && info_of(s).num_slabs == slabs,
	       "freed objects are handed out again, from the same slab");
	for (int k = 0; k < 10; k++)
		kmem_cache_free(s, b[k]);
	kmem_cache_free(s, a[10]);
	{
		struct slabinfo i = info_of(s);

		/* 21 allocations and 21 frees, all in the one active slab. */
		tap_design(i.active_objs == 0 && i.num_slabs == 1 &&
		       i.num_objs == i.num_slabs * i.objects_per_slab &&
		       i.alloc_slowpath == 1 && i.free_slowpath == 0,
		       "all freed: active_objs 0, the empty active slab kept (%lu slabs), "
		       "%lu slow-path allocation (the first), %lu slow-path frees",
		       i.num_slabs, i.alloc_slowpath, i.free_slowpath);
	}
	kmem_cache_destroy(s);
}

static unsigned long ctor_calls;
#define CTOR_BYTE 0xc7
#define CTOR_SIZE 200

static void ctor(void *obj)
{
	ctor_calls++;
	memset(obj, CTOR_BYTE, CTOR_SIZE);
}

static void scenario_ctor(const void *arg)
{
	struct kmem_cache *s;
	struct slabinfo i;
	void **objs;
	unsigned int per, bad = 0;
	void *o;

	host_boot(&host_layout_straddle, 0);
	s = kmem_cache_create("ctor", CTOR_SIZE, 0, 0, ctor);
	tap_ok(s && ctor_calls == 0, "no constructor runs before a slab exists");
	o = kmem_cache_alloc(s, GFP_KERNEL);
	i = info_of(s);
	per = i.objects_per_slab;
	tap_design(o && ctor_calls == per && all_bytes(o, CTOR_SIZE, CTOR_BYTE),
	       "the first allocation makes a slab: %lu constructor calls for %u objects, "
	       "object constructed", ctor_calls, per);
	kmem_cache_free(s, o);
	o = kmem_cache_alloc(s, GFP_KERNEL);
	tap_design(ctor_calls == per && all_bytes(o, CTOR_SIZE, CTOR_BYTE),
	       "a reused object is not constructed again, and is still intact");
	kmem_cache_free(s, o);

	/* Three slabs' worth, all freed and allocated again: constructed state survives. */
	objs = calloc(3 * per, sizeof(*objs));
	for (unsigned int k = 0; k < 3 * per; k++)
		objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
	i = info_of(s);
	tap_design(ctor_calls == i.num_slabs * per && i.num_slabs == 3,
	       "one constructor call per object of each new slab (%lu calls, %lu slabs)",
	       ctor_calls, i.num_slabs);
	for (unsigned int k = 0; k < per; k++)
		kmem_cache_free(s, objs[k]);
	for (unsigned int k = 0; k < per; k++) {
		objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
		bad += !all_bytes(objs[k], CTOR_SIZE, CTOR_BYTE);
	}
	tap_ok(!bad, "objects freed in constructed state come back intact: the free list "
	       "does not overwrite them (%u damaged)", bad);
	for (unsigned int k = 0; k < 3 * per; k++)
		kmem_cache_free(s, objs[k]);
	kmem_cache_shrink(s);
	tap_ok(info_of(s).num_slabs == 0, "all free and shrunk: no slabs left");
	o = kmem_cache_alloc(s, GFP_KERNEL);
	tap_design(ctor_calls == 4 * per && all_bytes(o, CTOR_SIZE, CTOR_BYTE),
	       "a slab made again runs the constructors again");
	kmem_cache_free(s, o);
	kmem_cache_destroy(s);
	free(objs);
}

/*
 * Empty slabs go back to the buddy allocator, except that a cache keeps its
 * active slab (even when empty) and at most one empty slab on its partial
 * list; kmem_cache_shrink lets go of the active slab and frees every empty
 * one.
 */
static void scenario_spare(const void *arg)
{
	struct kmem_cache *s;
	struct slabinfo i;
	unsigned long used0, per, slab_pages, slow;
	void **objs, *o;

	host_boot(&host_layout_straddle, 0);
	s = kmem_cache_create("spare", 512, 0, 0, NULL);
	drain_all_pages();
	used0 = used_pages();
	objs = calloc(1024, sizeof(*objs));
	per = info_of(s).objects_per_slab;
	slab_pages = 1UL << info_of(s).cache_order;
	for (unsigned long k = 0; k < 5 * per; k++)
		objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
	drain_all_pages();
	i = info_of(s);
	tap_design(i.num_slabs == 5 && i.active_objs == 5 * per && i.alloc_slowpath == 5 &&
	       used_pages() == used0 + 5 * slab_pages,
	       "5 slabs' worth of objects: 5 slabs, 5 slow-path allocations, %lu pages "
	       "taken", 5 * slab_pages);
	/*
	 * Empty slabs 0-2 entirely, and slabs 3 and 4 (the active one) but for
	 * their first object.  Slab 0 becomes the spare; slabs 1 and 2 go back.
	 * Only the frees into the active slab stay off the slow path.
	 */
	for (unsigned long k = 0; k < 5 * per; k++)
		if (k < 3 * per || k % per)
			kmem_cache_free(s, objs[k]);
	drain_all_pages();
	i = info_of(s);
	tap_design(i.num_slabs == 3 && i.active_objs == 2 && i.num_objs == 3 * per &&
	       used_pages() == used0 + 3 * slab_pages,
	       "three slabs emptied: two go back, one stays as the spare, beside the "
	       "two partial ones (%lu slabs, %lu pages taken)", i.num_slabs,
	       used_pages() - used0);
	tap_design(i.free_slowpath == 4 * per - 1,
	       "the %lu frees outside the active slab took the slow path, the %lu into "
	       "it did not (free_slowpath %lu)", 4 * per - 1, per - 1, i.free_slowpath);
	/* Slab 3 empties: a spare exists already, so it goes back. */
	kmem_cache_free(s, objs[3 * per]);
	drain_all_pages();
	i = info_of(s);
	tap_design(i.num_slabs == 2 && i.active_objs == 1 && i.free_slowpath == 4 * per &&
	       used_pages() == used0 + 2 * slab_pages,
	       "a second empty slab off the active one goes back to the buddy allocator "
	       "(%lu slabs)", i.num_slabs);
	/* The active slab empties: it stays, next to the spare. */
	kmem_cache_free(s, objs[4 * per]);
	drain_all_pages();
	i = info_of(s);
	tap_design(i.num_slabs == 2 && i.active_objs == 0 && i.free_slowpath == 4 * per &&
	       used_pages() == used0 + 2 * slab_pages,
	       "all empty: the empty active slab and the spare remain (%lu slabs, %lu "
	       "pages taken)", i.num_slabs, used_pages() - used0);
	slow = i.alloc_slowpath;
	o = kmem_cache_alloc(s, GFP_KERNEL);
	i = info_of(s);
	tap_design(o == objs[4 * per] && i.alloc_slowpath == slow && i.num_slabs == 2,
	       "the next allocation comes from the empty active slab, on the fast path");
	kmem_cache_free(s, o);
	kmem_cache_shrink(s);
	drain_all_pages();
	i = info_of(s);
	tap_ok(i.num_slabs == 0 && i.num_objs == 0 && used_pages() == used0,
	       "kmem_cache_shrink returns the active slab and the spare to the buddy "
	       "allocator (%lu slabs, %lu pages taken)", i.num_slabs, used_pages() - used0);

	/* Shrinking with live objects keeps their slabs and frees only the empty ones. */
	for (unsigned long k = 0; k < 3 * per; k++)
		objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
	for (unsigned long k = 0; k < per; k++)
		kmem_cache_free(s, objs[k]);		/* slab 0: the spare */
	for (unsigned long k = 2 * per + 1; k < 3 * per; k++)
		kmem_cache_free(s, objs[k]);		/* the active slab: one left */
	kmem_cache_shrink(s);
	drain_all_pages();
	i = info_of(s);
	tap_ok(i.num_slabs == 2 && i.active_objs == per + 1 &&
	       used_pages() == used0 + 2 * slab_pages,
	       "kmem_cache_shrink with live objects in two slabs keeps exactly those two "
	       "(%lu slabs)", i.num_slabs);
	for (unsigned long k = per; k <= 2 * per; k++)
		kmem_cache_free(s, objs[k]);
	kmem_cache_shrink(s);
	drain_all_pages();
	i = info_of(s);
	tap_ok(i.num_slabs == 0 && used_pages() == used0,
	       "after freeing the rest, kmem_cache_shrink leaves no slab");
	kmem_cache_destroy(s);
	free(objs);
}

/*
 * kfree() and ksize() of kmem_cache_alloc() objects are allowed, as in Linux
 * since 6.4: the object goes back to its own cache, whichever slab it is in.
 */
static void scenario_kfree_cache(const void *arg)
{
	struct kmem_cache *s, *c, *k128;
	struct slabinfo i, ki;
	unsigned long per, before;
	void **objs, *o;
	size_t ks;

	host_boot(&host_layout_straddle, 0);
	s = kmem_cache_create("kfree_ok", 100, 0, 0, NULL);
	c = kmem_cache_create("kfree_ctor", CTOR_SIZE, 0, 0, ctor);
	k128 = kmalloc_cache_for(100);	/* where a kmalloc(100) would live */
	per = info_of(s).objects_per_slab;
	objs = calloc(2 * per, sizeof(*objs));
	for (unsigned long k = 0; k < 2 * per; k++)	/* two full slabs, the second active */
		objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
	ki = info_of(k128);
	before = slab_error_reports();
	host_log_clear();

	ks = ksize(objs[0]);
	tap_ok(ks >= 100 && ks <= info_of(s).object_size && slab_error_reports() == before,
	       "ksize of a kmem_cache object is its usable size (%zu for 100 bytes in "
	       "%u-byte slots), unreported", ks, info_of(s).object_size);
	o = kmem_cache_alloc(c, GFP_KERNEL);
	tap_ok(ksize(o) >= CTOR_SIZE && slab_error_reports() == before,
	       "ksize of an object of a cache with a constructor: %zu", ksize(o));
	kfree(o);
	tap_ok(info_of(c).active_objs == 0 && slab_error_reports() == before,
	       "kfree of an object of a constructor cache returns it there");
	tap_ok(kmem_cache_alloc(c, GFP_KERNEL) == o && all_bytes(o, CTOR_SIZE, CTOR_BYTE),
	       "where it is reused, still constructed");
	kmem_cache_free(c, o);

	/* An object of the active slab. */
	i = info_of(s);
	kfree(objs[per]);
	tap_design(info_of(s).active_objs == i.active_objs - 1 &&
	       info_of(s).free_slowpath == i.free_slowpath && slab_error_reports() == before,
	       "kfree of a kmem_cache object in the active slab: active_objs %lu -> %lu, "
	       "no slow path, unreported", i.active_objs, info_of(s).active_objs);
	o = kmem_cache_alloc(s, GFP_KERNEL);
	tap_ok(o == objs[per], "the cache hands that object out again next");

	/* An object of a full slab that is not active. */
	i = info_of(s);
	kfree(objs[0]);
	tap_design(info_of(s).active_objs == i.active_objs - 1 &&
	       info_of(s).free_slowpath == i.free_slowpath + 1 &&
	       slab_error_reports() == before,
	       "kfree of a kmem_cache object outside the active slab: active_objs %lu -> "
	       "%lu, one slow-path free, unreported", i.active_objs, info_of(s).active_objs);
	o = kmem_cache_alloc(s, GFP_KERNEL);	/* the active slab is full: its slab is next */
	tap_ok(o == objs[0] && info_of(s).num_slabs == 2,
	       "and the cache reuses it once the active slab is full (no third slab)");

	i = info_of(k128);
	tap_ok(i.active_objs == ki.active_objs && i.num_slabs == ki.num_slabs &&
	       i.alloc_slowpath == ki.alloc_slowpath && i.free_slowpath == ki.free_slowpath &&
	       !host_log_count(HOST_LOG_WARNING),
	       "the kmalloc cache of that size is untouched and nothing was logged");
	for (unsigned long k = 0; k < 2 * per; k++)
		kfree(objs[k]);
	tap_ok(info_of(s).active_objs == 0, "kfree of every object empties the cache");
	before = slab_error_reports();
	kmem_cache_destroy(s);
	kmem_cache_destroy(c);
	tap_ok(slab_error_reports() == before, "and both caches are destroyed silently");
	free(objs);
}

/*
 * alloc_slowpath counts allocations that had to change slabs (slab.h), and
 * free_slowpath frees outside the cpu's active slab.
 */
static void scenario_slowpath(const void *arg)
{
	struct kmem_cache *s;
	struct slabinfo i;
	unsigned long per, slow;
	void **objs;
	char *z;

	host_boot(&host_layout_straddle, 0);
	s = kmem_cache_create("slowpath", 128, 0, 0, NULL);
	per = info_of(s).objects_per_slab;
	objs = calloc(per + 1, sizeof(*objs));
	for (unsigned long k = 0; k <= per; k++)
		objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
	i = info_of(s);
	tap_design(i.alloc_slowpath == 2 && i.num_slabs == 2 && i.free_slowpath == 0,
	       "objects_per_slab + 1 = %lu allocations from a fresh cache: 2 slabs, %lu "
	       "slow-path allocations (the first, and the one that started slab 2)",
	       per + 1, i.alloc_slowpath);
	memset(objs[per], 0xff, 128);
	kmem_cache_free(s, objs[per]);
	tap_design(info_of(s).free_slowpath == 0,
	       "a free into the active slab is not a slow-path free");
	kmem_cache_free(s, objs[0]);
	tap_design(info_of(s).free_slowpath == 1,
	       "a free into the first slab, no longer active, is (%lu)",
	       info_of(s).free_slowpath);
	slow = info_of(s).alloc_slowpath;
	z = kmem_cache_zalloc(s, GFP_KERNEL);
	i = info_of(s);
	tap_design(z == objs[per] && all_bytes(z, 128, 0),
	       "kmem_cache_zalloc takes the active slab's free object and zeroes it");
	tap_design(i.alloc_slowpath == slow,
	       "a zeroing allocation that the active slab has room for changes no slab, "
	       "so it is not counted in alloc_slowpath (%lu -> %lu)", slow, i.alloc_slowpath);
	kmem_cache_free(s, z);
	for (unsigned long k = 1; k < per; k++)
		kmem_cache_free(s, objs[k]);
	kmem_cache_destroy(s);
	free(objs);
}

/* Everything freed, caches destroyed and shrunk: the boot free areas return. */
static void scenario_teardown(const void *arg)
{
	struct kmem_cache *cs[6];
	void *objs[3000];
	int kinds[3000];
	struct free_snap {
		unsigned long nr_free[MAX_NR_ZONES][NR_PAGE_ORDERS];
	} before, after;
	unsigned long used0;
	struct slab_row rows[64];
	char why[200];
	int n;

	host_boot(&host_layout_hole, 0);
	kmem_cache_shrink_all();
	drain_all_pages();
	used0 = used_pages();
	for (int zi = 0; zi < MAX_NR_ZONES; zi++)
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			before.nr_free[zi][o] = contig_page_data.node_zones[zi].free_area[o].nr_free;
	for (int c = 0; c < 6; c++) {
		char name[16];

		snprintf(name, sizeof(name), "td%d", c);
		cs[c] = kmem_cache_create(name, 16 + 300 * c, 8 << c, c & 1 ? SLAB_RECLAIM_ACCOUNT : 0,
					  NULL);
	}
	for (int k = 0; k < 3000; k++) {
		kinds[k] = k % 7;
		objs[k] = kinds[k] < 6 ? kmem_cache_alloc(cs[kinds[k]], GFP_KERNEL)
				       : kmalloc(1 + (k * 37) % 12000, GFP_KERNEL);
	}
	tap_ok(global_node_page_state(NR_SLAB_RECLAIMABLE) > 0,
	       "SLAB_RECLAIM_ACCOUNT caches count as SReclaimable");
	for (int k = 2999; k >= 0; k--)
		kinds[k] < 6 ? kmem_cache_free(cs[kinds[k]], objs[k]) : kfree(objs[k]);
	for (int c = 0; c < 6; c++)
		kmem_cache_destroy(cs[c]);
	n = read_slabinfo(rows, 64, why, sizeof(why));
	tap_ok(n > 0 && !find_row(rows, n, "td0") && !find_row(rows, n, "td5"),
	       "destroyed caches leave slabinfo");
	kmem_cache_shrink_all();
	drain_all_pages();
	for (int zi = 0; zi < MAX_NR_ZONES; zi++)
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			after.nr_free[zi][o] = contig_page_data.node_zones[zi].free_area[o].nr_free;
	tap_ok(used_pages() == used0 && !memcmp(&before, &after, sizeof(before)),
	       "after freeing, destroying and shrinking, every slab page is back: "
	       "used %lu (was %lu), free areas as before", used_pages(), used0);
	tap_ok(!global_node_page_state(NR_SLAB_RECLAIMABLE),
	       "SReclaimable back to 0");
}

/* ---- misuse: reported, ignored ------------------------------------------- */

/* slabinfo_same: c's counters (the slow-path counts included) still read as i. */
static bool slabinfo_same(struct kmem_cache *c, const struct slabinfo *i)
{
	struct slabinfo now = info_of(c);

	return now.active_objs == i->active_objs && now.num_objs == i->num_objs &&
	       now.active_slabs == i->active_slabs && now.num_slabs == i->num_slabs &&
	       now.objects_per_slab == i->objects_per_slab &&
	       now.cache_order == i->cache_order && now.object_size == i->object_size &&
	       now.alloc_slowpath == i->alloc_slowpath &&
	       now.free_slowpath == i->free_slowpath;
}

static void check_misuse(const char *what, struct host_snap *s, unsigned long before,
			 struct kmem_cache *c1, const struct slabinfo *i1,
			 struct kmem_cache *c2, const struct slabinfo *i2)
{
	const char *diff = host_snap_diff(s);
	unsigned long got = slab_error_reports() - before;
	bool info_same = (!c1 || slabinfo_same(c1, i1)) && (!c2 || slabinfo_same(c2, i2));

	tap_ok(got == 1 && host_log_count(HOST_LOG_WARNING) > 0 && !diff && info_same,
	       "%s: reported once (%lu reports, %lu log messages), state unchanged%s%s",
	       what, got, host_log_count(HOST_LOG_WARNING),
	       diff ? ": " : info_same ? "" : ": slabinfo changed", diff ? diff : "");
	host_snap_free(s);
}

/* MISUSE: `call` must be reported once and change neither pages nor c1/c2's counts. */
#define MISUSE(what, c1, c2, call) do {						\
	struct host_snap snap_;							\
	struct slabinfo i1_ = { 0 }, i2_ = { 0 };				\
	unsigned long before_ = slab_error_reports();				\
										\
	if (c1)									\
		i1_ = info_of(c1);						\
	if (c2)									\
		i2_ = info_of(c2);						\
	host_snap_take(&snap_);							\
	host_log_clear();							\
	call;									\
	check_misuse(what, &snap_, before_, c1, &i1_, c2, &i2_);		\
} while (0)

static int misuse_global;
#define INTERIOR_SKIP "needs slub_debug=F: a fast path does not check where in an object a pointer points"

/* check_page_misuse: __free_pages(page, order) must be a reported no-op. */
static void check_page_misuse(const char *what, struct kmem_cache *c, struct page *page,
			      unsigned int order)
{
	struct host_snap snap;
	struct slabinfo i = { 0 };
	unsigned long before = bad_page_reports();
	const char *diff;

	if (c)
		i = info_of(c);
	host_snap_take(&snap);
	__free_pages(page, order);
	diff = host_snap_diff(&snap);
	tap_ok(bad_page_reports() == before + 1 && !diff && (!c || slabinfo_same(c, &i)),
	       "%s: reported by the page allocator, state unchanged%s%s", what,
	       diff ? ": " : "", diff ? diff : "");
	host_snap_free(&snap);
}

static void scenario_misuse(const void *arg)
{
	struct kmem_cache *a, *b, *k64, *big2k;
	int local = 0;
	void *heap = malloc(64);
	char *p, *q, *large, *o2k[8];
	struct page *pg;
	unsigned long before;
	void *seen[64];
	bool distinct = true;

	host_boot(&host_layout_straddle, 0);
	a = kmem_cache_create("mis_a", 64, 0, 0, NULL);
	b = kmem_cache_create("mis_b", 64, 0, 0, NULL);
	k64 = kmalloc_cache_for(64);

	p = kmem_cache_alloc(a, GFP_KERNEL);
	q = kmem_cache_alloc(a, GFP_KERNEL);	/* keeps the slab from being freed */
	kmem_cache_free(a, p);
	MISUSE("double kmem_cache_free", a, NULL, kmem_cache_free(a, p));
	p = kmem_cache_alloc(a, GFP_KERNEL);
	MISUSE("kmem_cache_free to the wrong cache", a, b, kmem_cache_free(b, p));
	if (debug_pass)
		MISUSE("kmem_cache_free of a pointer into an object", a, NULL, kmem_cache_free(a, p + 8));
	else
		tap_skip(INTERIOR_SKIP, "kmem_cache_free of a pointer into an object");
	MISUSE("kmem_cache_free of a stack pointer", a, NULL, kmem_cache_free(a, &local));
	kmem_cache_free(a, p);
	kmem_cache_free(a, q);

	p = kmalloc(64, GFP_KERNEL);
	q = kmalloc(64, GFP_KERNEL);
	fill(q, 64, 99);
	kfree(p);
	MISUSE("double kfree", k64, NULL, kfree(p));
	MISUSE("kfree of a stack pointer", NULL, NULL, kfree(&local));
	MISUSE("kfree of a global", NULL, NULL, kfree(&misuse_global));
	MISUSE("kfree of a host heap pointer", NULL, NULL, kfree(heap));
	if (debug_pass) {
		MISUSE("kfree of a pointer 8 bytes into a kmalloc object", k64, NULL, kfree(q + 8));
		MISUSE("kfree of a pointer 1 byte into a kmalloc object", k64, NULL, kfree(q + 1));
	} else {
		tap_skip(INTERIOR_SKIP, "kfree of a pointer 8 bytes into a kmalloc object");
		tap_skip(INTERIOR_SKIP, "kfree of a pointer 1 byte into a kmalloc object");
	}
	tap_ok(filled(q, 64, 99), "the object survives the bad kfree calls intact");
	kfree(q);

	pg = alloc_pages(GFP_KERNEL, 0);
	MISUSE("kfree of a page from alloc_pages", NULL, NULL, kfree(page_address(pg)));
	__free_pages(pg, 0);
	pg = alloc_pages(GFP_KERNEL, 2);
	MISUSE("kfree of an order-2 block from alloc_pages", NULL, NULL, kfree(page_address(pg)));
	__free_pages(pg, 2);
	large = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);
	MISUSE("kfree of a pointer one page into a large kmalloc", NULL, NULL,
	       kfree(large + PAGE_SIZE));
	MISUSE("kfree of a pointer 64 bytes into a large kmalloc", NULL, NULL, kfree(large + 64));
	kfree(large);
	MISUSE("double kfree of a large kmalloc", NULL, NULL, kfree(large));

	/* A double free into a slab that has already gone back to the buddy allocator. */
	big2k = kmem_cache_create("mis_2k", 2048, 0, 0, NULL);
	for (int k = 0; k < 8; k++)
		o2k[k] = kmem_cache_alloc(big2k, GFP_KERNEL);
	for (int k = 0; k < 8; k++)
		kmem_cache_free(big2k, o2k[k]);
	kmem_cache_shrink(big2k);
	MISUSE("kmem_cache_free into a slab already returned to the page allocator",
	       big2k, NULL, kmem_cache_free(big2k, o2k[0]));

	/* The page allocator must refuse pages that slab or kmalloc own. */
	p = kmalloc(64, GFP_KERNEL);
	large = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);
	check_page_misuse("__free_pages of a slab page", k64,
			  virt_to_page(p), 0);
	check_page_misuse("__free_pages of a large kmalloc", NULL,
			  virt_to_page(large), 3);
	kfree(p);
	kfree(large);

	before = slab_error_reports();
	kfree(NULL);
	tap_ok(slab_error_reports() == before, "kfree(NULL) is silent");

	/* After all that, kmalloc-64 still hands out distinct objects. */
	for (int k = 0; k < 64; k++) {
		seen[k] = kmalloc(64, GFP_KERNEL);
		for (int j = 0; j < k; j++)
			distinct &= seen[j] != seen[k];
	}
	tap_ok(distinct, "after the misuse, 64 kmalloc(64) calls return distinct objects");
	for (int k = 0; k < 64; k++)
		kfree(seen[k]);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	kmem_cache_destroy(big2k);
	free(heap);
}

static void scenario_destroy_busy(const void *arg)
{
	struct kmem_cache *s;
	unsigned long before;
	struct slab_row rows[64];
	char why[200];
	char *o;
	int n;

	host_boot(&host_layout_straddle, 0);
	s = kmem_cache_create("busy", 300, 0, 0, NULL);
	o = kmem_cache_alloc(s, GFP_KERNEL);
	fill(o, 300, 5);
	before = slab_error_reports();
	host_log_clear();
	kmem_cache_destroy(s);
	tap_ok(slab_error_reports() == before + 1 && host_log_count(HOST_LOG_WARNING) > 0,
	       "kmem_cache_destroy of a cache with live objects is reported");
	tap_ok(filled(o, 300, 5), "and the live object is left alone");
	kmem_cache_free(s, o);
	before = slab_error_reports();
	kmem_cache_destroy(s);
	n = read_slabinfo(rows, 64, why, sizeof(why));
	tap_ok(slab_error_reports() == before && n > 0 && !find_row(rows, n, "busy"),
	       "once empty it is destroyed silently");
}

/* ---- random mixed sizes against a model ----------------------------------- */

static const struct {
	const char *name;
	unsigned int size, align;
	unsigned long flags;
	bool ctor;
} rspec[] = {
	{ "r24", 24, 0, 0, false },
	{ "r100hw", 100, 0, SLAB_HWCACHE_ALIGN, false },
	{ "r200ctor", CTOR_SIZE, 128, 0, true },
	{ "r4000", 4000, 0, 0, false },
	{ "r33reclaim", 33, 32, SLAB_RECLAIM_ACCOUNT, false },
};
#define NR_RCACHES ARRAY_SIZE(rspec)
#define K_LARGE (-2)		/* kind: a large kmalloc */
#define K_KMALLOC (-1)		/* kind: a kmalloc slab object */

struct obj {
	char *p;
	size_t size;
	int kind;		/* K_LARGE, K_KMALLOC, or an rspec index */
	unsigned int cls;	/* K_KMALLOC: the class it lives in */
	unsigned int order;	/* K_LARGE: the block's order */
	u64 tag;
};

enum { R_OBJ, R_ACCT, R_SPARE, R_PAGES, NR_RCHECKS };

static const char *const rcheck_names[NR_RCHECKS] = {
	"every object aligned, in its cache's slab, of the right ksize, zeroed or "
	"constructed as asked, content intact until freed or reallocated",
	"get_slabinfo: active_objs matches the live objects, num_objs == num_slabs * "
	"objects_per_slab, free_slowpath counts exactly the frees outside the active "
	"slab, alloc_slowpath at least every change of slab",
	"no cache keeps an empty slab beyond its active slab and one spare",
	"slab pages in slabinfo + large kmallocs == the Slab counters == pages "
	"taken from the buddy allocator",
};

/*
 * What the model knows of each cache (the rspec caches, then the kmalloc
 * classes).  With one cpu and no kmem_cache_shrink during the run, the
 * active slab is the slab of the last object allocated, and there is none
 * after an allocation failed (__slab_alloc lets go of it first).
 */
#define NR_MCACHES (NR_RCACHES + ARRAY_SIZE(classes))
struct cmodel {
	unsigned int order;		/* the cache's slab order */
	bool active;			/* has an active slab ... */
	u64 active_id;			/* ... this one (slab_id) */
	unsigned long changes;		/* allocations that came from another slab */
	unsigned long zeroed_same;	/* __GFP_ZERO allocations from the same slab */
	unsigned long slow_frees;	/* frees outside the active slab */
	unsigned long alloc_slow0, free_slow0;	/* the counters at the start */
};

struct srt {
	struct rng rng;
	struct kmem_cache *c[NR_RCACHES];
	struct cmodel m[NR_MCACHES];
	struct obj *live;
	size_t nlive;
	unsigned long used0, counters0;
	unsigned long fails[NR_RCHECKS];
	char first[NR_RCHECKS][240];
	unsigned long op, allocs, failed, reallocs, frees;
};

static void srt_fail(struct srt *t, int c, const char *fmt, ...) __printf(3, 4);
static void srt_fail(struct srt *t, int c, const char *fmt, ...)
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

/* slab id: the physical slab an object of cache s lies in. */
static u64 slab_id(const void *p, unsigned int order)
{
	return __pa(p) >> (PAGE_SHIFT + order);
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* mcache: the model's index of the cache o lives in, -1 for a large kmalloc. */
static int mcache(const struct obj *o)
{
	if (o->kind >= 0)
		return o->kind;
	if (o->kind == K_KMALLOC)
		for (size_t c = 0; c < ARRAY_SIZE(classes); c++)
			if (classes[c] == o->cls)
				return (int)(NR_RCACHES + c);
	return -1;
}

static struct kmem_cache *mcache_ptr(struct srt *t, int mc)
{
	return mc < (int)NR_RCACHES ? t->c[mc] : kmalloc_cache_for(classes[mc - NR_RCACHES]);
}

/* model_alloc: cache mc handed out p (or nothing, p NULL). */
static void model_alloc(struct srt *t, int mc, const void *p, bool zeroed)
{
	struct cmodel *m = &t->m[mc];
	u64 id;

	if (!p) {
		m->active = false;
		return;
	}
	id = slab_id(p, m->order);
	if (!m->active || id != m->active_id)
		m->changes++;
	else if (zeroed)
		m->zeroed_same++;
	m->active = true;
	m->active_id = id;
}

/* model_free: p of cache mc is about to be freed. */
static void model_free(struct srt *t, int mc, const void *p)
{
	struct cmodel *m = &t->m[mc];

	if (!m->active || slab_id(p, m->order) != m->active_id)
		m->slow_frees++;
}

static size_t srt_size(struct srt *t)
{
	u64 r = rng_below(&t->rng, 100);

	if (r < 55)
		return 1 + rng_below(&t->rng, 256);
	if (r < 92)
		return 257 + rng_below(&t->rng, KMALLOC_MAX_CACHE_SIZE - 256);
	return KMALLOC_MAX_CACHE_SIZE + 1 + rng_below(&t->rng, 32000);
}

static void srt_classify(struct obj *o)
{
	if (o->size > KMALLOC_MAX_CACHE_SIZE) {
		o->kind = K_LARGE;
		o->order = order_for(o->size);
	} else {
		o->kind = K_KMALLOC;
		o->cls = class_of(o->size);
	}
}

/* srt_check_new: checks on a fresh object; zeroed says __GFP_ZERO was asked. */
static void srt_check_new(struct srt *t, const struct obj *o, bool zeroed)
{
	uintptr_t a = (uintptr_t)o->p;

	if (o->kind >= 0) {
		struct kmem_cache *s = t->c[o->kind];
		uintptr_t need = rspec[o->kind].flags & SLAB_HWCACHE_ALIGN ? L1_CACHE_BYTES :
				 MAX(rspec[o->kind].align, 8u);

		if (a & (need - 1))
			srt_fail(t, R_OBJ, "%s object %p not aligned to %lu", rspec[o->kind].name,
				 (void *)o->p, (unsigned long)need);
		if (!in_slab_of(o->p, s))
			srt_fail(t, R_OBJ, "%s object %p not in its slab", rspec[o->kind].name,
				 (void *)o->p);
		if (rspec[o->kind].ctor && !zeroed && !all_bytes(o->p, CTOR_SIZE, CTOR_BYTE))
			srt_fail(t, R_OBJ, "%s object %p not in constructed state",
				 rspec[o->kind].name, (void *)o->p);
	} else if (o->kind == K_KMALLOC) {
		if ((a & 7) || (is_pow2(o->size) && (a & (o->size - 1))))
			srt_fail(t, R_OBJ, "kmalloc(%zu) = %p misaligned", o->size, (void *)o->p);
		if (!in_slab_of(o->p, kmalloc_cache_for(o->size)) || ksize(o->p) != o->cls)
			srt_fail(t, R_OBJ, "kmalloc(%zu) = %p: not in kmalloc-%u or ksize %zu",
				 o->size, (void *)o->p, o->cls, ksize(o->p));
	} else {
		const struct page *pg = virt_to_page(o->p);

		if ((a & (PAGE_SIZE - 1)) || !PageLargeKmalloc(pg) ||
		    ksize(o->p) != PAGE_SIZE << order_for(o->size))
			srt_fail(t, R_OBJ, "large kmalloc(%zu) = %p: flags %#x ksize %zu", o->size,
				 (void *)o->p, pg->flags, ksize(o->p));
	}
	if (zeroed && !all_bytes(o->p, o->size, 0))
		srt_fail(t, R_OBJ, "zeroed allocation of %zu bytes at %p is dirty", o->size,
			 (void *)o->p);
}

static void srt_alloc(struct srt *t)
{
	struct obj o = { 0 };
	bool zero = rng_below(&t->rng, 10) == 0;
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | (zero ? __GFP_ZERO : 0);

	t->allocs++;
	if (rng_below(&t->rng, 100) < 35) {
		o.kind = (int)rng_below(&t->rng, NR_RCACHES);
		o.size = rspec[o.kind].size;
		if (rspec[o.kind].ctor)
			gfp &= ~__GFP_ZERO;	/* zeroing would undo the constructor */
		o.p = kmem_cache_alloc(t->c[o.kind], gfp);
	} else {
		o.size = srt_size(t);
		srt_classify(&o);
		o.p = kmalloc(o.size, gfp);
	}
	if (mcache(&o) >= 0)
		model_alloc(t, mcache(&o), o.p, gfp & __GFP_ZERO);
	if (!o.p) {
		t->failed++;
		return;
	}
	srt_check_new(t, &o, gfp & __GFP_ZERO);
	o.tag = rng_next(&t->rng);
	fill(o.p, o.size, o.tag);
	t->live[t->nlive++] = o;
}

static bool srt_intact(struct srt *t, const struct obj *o, size_t n)
{
	if (filled(o->p, n, o->tag))
		return true;
	srt_fail(t, R_OBJ, "object %p (%zu bytes, kind %d) overwritten while allocated",
		 (void *)o->p, o->size, o->kind);
	return false;
}

static void srt_free(struct srt *t, size_t i)
{
	struct obj o = t->live[i];

	srt_intact(t, &o, o.size);
	t->live[i] = t->live[--t->nlive];
	t->frees++;
	if (mcache(&o) >= 0)
		model_free(t, mcache(&o), o.p);
	if (o.kind >= 0) {
		if (rspec[o.kind].ctor)
			memset(o.p, CTOR_BYTE, CTOR_SIZE);	/* freed in constructed state */
		kmem_cache_free(t->c[o.kind], o.p);
	} else {
		kfree(o.p);
	}
}

static void srt_realloc(struct srt *t, size_t i)
{
	struct obj *o = &t->live[i];
	size_t n = srt_size(t);
	char *q;

	if (o->kind >= 0)
		return;
	t->reallocs++;
	srt_intact(t, o, o->size);
	q = krealloc(o->p, n, GFP_KERNEL | __GFP_NOWARN);
	if (!q) {		/* failure leaves the old object alone */
		struct obj want = { .size = n };

		srt_classify(&want);
		if (mcache(&want) >= 0)	/* the kmalloc that failed */
			model_alloc(t, mcache(&want), NULL, false);
		srt_intact(t, o, o->size);
		return;
	}
	srt_intact(t, &(struct obj){ .p = q, .size = o->size, .tag = o->tag }, MIN(n, o->size));
	if (q != o->p) {		/* moved: a new object of the new size */
		struct obj old = *o;

		o->p = q;
		o->size = n;
		srt_classify(o);
		if (mcache(o) >= 0)	/* kmalloc of the new size, then kfree of the old */
			model_alloc(t, mcache(o), q, false);
		if (mcache(&old) >= 0)
			model_free(t, mcache(&old), old.p);
		srt_check_new(t, o, false);
	} else if (n > (o->kind == K_LARGE ? PAGE_SIZE << o->order : o->cls)) {
		srt_fail(t, R_OBJ, "krealloc to %zu bytes kept %p, which holds only %zu", n,
			 (void *)q, (size_t)(o->kind == K_LARGE ? PAGE_SIZE << o->order : o->cls));
	} else {
		o->size = n;	/* shrunk or grown in place: same class */
	}
	o->tag = rng_next(&t->rng);
	fill(o->p, o->size, o->tag);
}

/* srt_check_cache: counts, slow paths and the spare rule for one cache. */
static void srt_check_cache(struct srt *t, struct kmem_cache *s, const char *name,
			    int kind, unsigned int cls, u64 *ids, int mc)
{
	const struct cmodel *m = &t->m[mc];
	struct slabinfo i = info_of(s);
	unsigned long n = 0, slabs = 0, aslow, fslow;
	bool active_empty;

	for (size_t k = 0; k < t->nlive; k++)
		if (t->live[k].kind == kind && (kind != K_KMALLOC || t->live[k].cls == cls))
			ids[n++] = slab_id(t->live[k].p, i.cache_order);
	if (i.active_objs != n || i.num_objs != i.num_slabs * i.objects_per_slab)
		srt_fail(t, R_ACCT, "%s: active_objs %lu (model %lu), num_objs %lu, "
			 "%lu slabs of %u", name, i.active_objs, n, i.num_objs,
			 i.num_slabs, i.objects_per_slab);
	aslow = i.alloc_slowpath - m->alloc_slow0;
	fslow = i.free_slowpath - m->free_slow0;
	if (fslow != m->slow_frees)
		srt_fail(t, R_ACCT, "%s: free_slowpath grew by %lu, but %lu frees were "
			 "outside the active slab", name, fslow, m->slow_frees);
	/*
	 * Every change of slab is a slow-path allocation.  A zeroing allocation
	 * may be sent to the slow path without changing slabs (allowed for here
	 * only as an upper bound; scenario_slowpath pins that case down).
	 */
	if (aslow < m->changes || aslow > m->changes + m->zeroed_same)
		srt_fail(t, R_ACCT, "%s: alloc_slowpath grew by %lu; the model saw %lu "
			 "changes of slab and %lu zeroing allocations from the same slab",
			 name, aslow, m->changes, m->zeroed_same);
	qsort(ids, n, sizeof(*ids), cmp_u64);
	for (unsigned long k = 0; k < n; k++)
		slabs += !k || ids[k] != ids[k - 1];
	active_empty = m->active && !bsearch(&m->active_id, ids, n, sizeof(*ids), cmp_u64);
	/* The active slab (even empty) plus at most one empty spare. */
	if (i.num_slabs > slabs + active_empty + 1 || i.num_slabs < slabs + active_empty)
		srt_fail(t, R_SPARE, "%s: %lu slabs for objects in %lu of them, with %s "
			 "active slab", name, i.num_slabs, slabs,
			 !m->active ? "no" : active_empty ? "an empty" : "a used");
}

static void srt_check(struct srt *t, bool slabinfo)
{
	static struct slab_row rows[64];
	u64 *ids = malloc((t->nlive + 1) * sizeof(*ids));
	unsigned long large = 0, counters = slab_counter_pages();
	char name[32], why[200];
	int n;

	for (size_t c = 0; c < NR_RCACHES; c++)
		srt_check_cache(t, t->c[c], rspec[c].name, (int)c, 0, ids, (int)c);
	for (size_t c = 0; c < ARRAY_SIZE(classes); c++) {
		snprintf(name, sizeof(name), "kmalloc-%u", classes[c]);
		srt_check_cache(t, kmalloc_cache_for(classes[c]), name, K_KMALLOC, classes[c], ids,
				(int)(NR_RCACHES + c));
	}
	free(ids);
	for (size_t k = 0; k < t->nlive; k++)
		if (t->live[k].kind == K_LARGE)
			large += 1UL << t->live[k].order;
	if (used_pages() - t->used0 != counters - t->counters0)
		srt_fail(t, R_PAGES, "pages taken %lu since the start, Slab counters grew %ld",
			 used_pages() - t->used0, (long)(counters - t->counters0));
	if (!slabinfo)
		return;
	n = read_slabinfo(rows, 64, why, sizeof(why));
	if (n < 0)
		srt_fail(t, R_PAGES, "slabinfo: %s", why);
	else if (slab_pages_in(rows, n) + large != counters)
		srt_fail(t, R_PAGES, "slabinfo slab pages %lu + large %lu != counters %lu",
			 slab_pages_in(rows, n), large, counters);
}

#define SRT_OPS 100000
#define SRT_MAX_LIVE 3000	/* about 12 MiB on average: pressure, not exhaustion */

static void scenario_random(const void *arg)
{
	const struct host_layout *l = arg;
	struct srt *t = calloc(1, sizeof(*t));
	unsigned int p_alloc = 50;
	unsigned long used_boot, counters_boot;

	host_boot(l, 0);
	kmem_cache_shrink_all();
	drain_all_pages();
	used_boot = used_pages();
	counters_boot = slab_counter_pages();
	t->rng.s = (host_seed() * 31 + 7) ^ (u64)(unsigned char)l->name[0];
	t->live = calloc(SRT_MAX_LIVE + 1, sizeof(*t->live));
	for (size_t c = 0; c < NR_RCACHES; c++)
		t->c[c] = kmem_cache_create(rspec[c].name, rspec[c].size, rspec[c].align,
					    rspec[c].flags, rspec[c].ctor ? ctor : NULL);
	for (size_t mc = 0; mc < NR_MCACHES; mc++) {
		struct slabinfo i = info_of(mcache_ptr(t, (int)mc));

		t->m[mc].order = i.cache_order;
		t->m[mc].alloc_slow0 = i.alloc_slowpath;
		t->m[mc].free_slow0 = i.free_slowpath;
	}
	/* The kmem_cache structures themselves are slab objects: count from here. */
	t->used0 = used_pages();
	t->counters0 = slab_counter_pages();

	for (t->op = 0; t->op < host_ops(SRT_OPS); t->op++) {
		u64 r = rng_below(&t->rng, 100);

		if (t->op % 4000 == 0)
			p_alloc = (unsigned int[]){ 35, 50, 60 }[rng_below(&t->rng, 3)];
		if (!t->nlive || (r < p_alloc && t->nlive < SRT_MAX_LIVE))
			srt_alloc(t);
		else if (r < p_alloc + 12)
			srt_realloc(t, rng_below(&t->rng, t->nlive));
		else
			srt_free(t, rng_below(&t->rng, t->nlive));
		if (t->op % 1000 == 999)
			srt_check(t, t->op % 5000 == 4999);
		if (t->fails[R_OBJ] > 20)
			break;	/* memory no longer matches the model */
	}
	tap_diag("%s: %lu ops, %lu allocations (%lu failed), %lu kreallocs, %lu frees, "
		 "%zu live at the end", l->name, t->op, t->allocs, t->failed, t->reallocs,
		 t->frees, t->nlive);
	while (t->nlive)
		srt_free(t, rng_below(&t->rng, t->nlive));
	srt_check(t, true);
	for (int c = 0; c < NR_RCHECKS; c++) {
		bool ok = c == R_ACCT || c == R_SPARE
			  ? tap_design(!t->fails[c], "[%s] random: %s", l->name, rcheck_names[c])
			  : tap_ok(!t->fails[c], "[%s] random: %s", l->name, rcheck_names[c]);

		if (!ok)
			tap_diag("%lu failures; first: %s", t->fails[c], t->first[c]);
	}
	for (size_t c = 0; c < NR_RCACHES; c++)
		kmem_cache_destroy(t->c[c]);
	kmem_cache_shrink_all();
	drain_all_pages();
	tap_ok(used_pages() == used_boot && slab_counter_pages() == counters_boot,
	       "[%s] random: all freed, caches destroyed and shrunk: %lu pages in use, "
	       "%lu before the caches were made", l->name, used_pages(), used_boot);
	free(t->live);
	free(t);
}

/* ---- when the page allocator runs dry ----------------------------------- */

static void scenario_exhaustion(const void *arg)
{
	struct kmem_cache *s;
	struct page **hog;
	size_t nhog = 0;
	unsigned long sunrec, before;
	void *o, *k, *big;
	struct page *p;

	host_boot(&host_layout_dma32, 0);
	s = kmem_cache_create("exhaust", 1000, 0, 0, NULL);
	hog = calloc(max_pfn - min_low_pfn, sizeof(*hog));
	while ((p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		hog[nhog++] = p;
	sunrec = global_node_page_state(NR_SLAB_UNRECLAIMABLE);
	before = slab_error_reports();
	o = kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN);
	k = kmalloc(3000, GFP_KERNEL | __GFP_NOWARN);
	big = kmalloc(20000, GFP_KERNEL | __GFP_NOWARN);
	tap_ok(!o && !k && !big && info_of(s).num_slabs == 0 &&
	       global_node_page_state(NR_SLAB_UNRECLAIMABLE) == sunrec &&
	       slab_error_reports() == before,
	       "with the zone at min, GFP_KERNEL slab and kmalloc allocations fail "
	       "cleanly (NULL, nothing counted)");
	o = kmem_cache_alloc(s, GFP_ATOMIC | __GFP_NOWARN);
	tap_ok(o && in_slab_of(o, s) && info_of(s).num_slabs == 1,
	       "GFP_ATOMIC reaches the page allocator's reserve for a new slab");
	kmem_cache_free(s, o);
	while (nhog)
		__free_pages(hog[--nhog], 0);
	o = kmem_cache_alloc(s, GFP_KERNEL);
	k = kmalloc(3000, GFP_KERNEL);
	tap_ok(o && k, "once pages are free again, allocations succeed");
	kmem_cache_free(s, o);
	kfree(k);
	kmem_cache_destroy(s);
	free(hog);
}

/*
 * Absurd sizes, as from a negative length or an overflowed multiplication:
 * Linux returns NULL.  Its own child, since a hang or a sanitizer abort here
 * would otherwise take the other kmalloc tests with it.
 */
static void scenario_huge(const void *arg)
{
	size_t sizes[] = { (size_t)1 << 40, ((size_t)1 << 63) + 1, SIZE_MAX };

	host_boot(&host_layout_straddle, 0);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i], GFP_KERNEL | __GFP_NOWARN);

		tap_ok(!p, "kmalloc(%#zx) returns NULL", sizes[i]);
		kfree(p);
	}
	/* Just above the largest block (4 MiB), and the same sizes via kzalloc and krealloc. */
	{
		size_t just = (PAGE_SIZE << MAX_PAGE_ORDER) + PAGE_SIZE;
		char *p = kmalloc(100, GFP_KERNEL);
		void *q;

		tap_ok(!kmalloc(just, GFP_KERNEL | __GFP_NOWARN) &&
		       !kzalloc(SIZE_MAX, GFP_KERNEL | __GFP_NOWARN) &&
		       !kzalloc(just, GFP_KERNEL | __GFP_NOWARN),
		       "kmalloc(4 MiB + 4 KiB), kzalloc(SIZE_MAX) and kzalloc(4 MiB + 4 KiB) "
		       "return NULL");
		fill(p, 100, 11);
		q = krealloc(p, SIZE_MAX, GFP_KERNEL | __GFP_NOWARN);
		tap_ok(!q && filled(p, 100, 11) && ksize(p) == 128,
		       "krealloc(p, SIZE_MAX) returns NULL and leaves p as it was");
		kfree(p);
	}
}

/* run_pass: every scenario, with the allocator and slub_debug= this pass has. */
static void run_pass(const char *pass)
{
	char name[96];
	static const struct {
		const char *name;
		void (*fn)(const void *arg);
		const void *arg;
	} scenarios[] = {
		{ "slabinfo", scenario_slabinfo, NULL },
		{ "kmalloc", scenario_kmalloc, NULL },
		{ "krealloc", scenario_krealloc, NULL },
		{ "kmalloc of absurd sizes", scenario_huge, NULL },
		{ "alignment", scenario_alignment, NULL },
		{ "reuse", scenario_reuse, NULL },
		{ "constructors", scenario_ctor, NULL },
		{ "spare slab", scenario_spare, NULL },
		{ "kfree of kmem_cache objects", scenario_kfree_cache, NULL },
		{ "slow-path counters", scenario_slowpath, NULL },
		{ "teardown", scenario_teardown, NULL },
		{ "misuse", scenario_misuse, NULL },
		{ "destroy a busy cache", scenario_destroy_busy, NULL },
		{ "page allocator exhausted", scenario_exhaustion, NULL },
		{ "random, layout straddle", scenario_random, &host_layout_straddle },
		{ "random, layout dma32", scenario_random, &host_layout_dma32 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(scenarios); i++) {
		snprintf(name, sizeof(name), "[%s] %s", pass, scenarios[i].name);
		tap_run(name, scenarios[i].fn, scenarios[i].arg);
	}
}

/*
 * SLUB runs every scenario twice: as built, then with slub_debug=FZPU (the
 * command line each child's kernel reads), where every check still holds
 * but those of the fast path's design, which are SKIPs.  SLOB runs them
 * once, the design checks SKIPped: what is left is the contract.
 */
int main(void)
{
	tap_init();
	tap_diag("seed %llu (RVMM_SEED=N to change)", (unsigned long long)host_seed());
#ifdef CONFIG_SLUB
	run_pass("slub");
	snprintf(boot_command_line, sizeof(boot_command_line), "slub_debug=FZPU");
	debug_pass = true;
	design_skip = "slub_debug=FZPU: debug caches have no cpu fast path";
	run_pass("slub_debug=FZPU");
#else
	design_skip = "SLUB's design (active and spare slabs, slow-path counters), not SLOB's";
	run_pass("slob");
#endif
	return tap_done();
}
