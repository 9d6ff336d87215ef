/*
 * mm/slub_selftest.c: how SLUB keeps the slab contract (test=slub): the
 * cpu's active slab, the spare slab, constructors run once per slot, the
 * checks a plain cache still makes, and slub_debug: 100 each of double
 * frees, one-byte overruns on either side and writes after free, seeded
 * across the kmalloc classes, every one reported as its kind and repaired.
 */
#include <selftest.h>
#include <stdio.h>
#include <string.h>

#include "slab.h"

static const unsigned int classes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

static int ctor_calls;

static void ctor_mark(void *obj)
{
	ctor_calls++;
	memset(obj, 0x5c, 40);
}

/* check_active_slab: a plain cache's objects come and go through the cpu's slab. */
static void check_active_slab(void)
{
	struct kmem_cache *c = kmem_cache_create("slub_plain", 40, 64, SLAB_NO_USER_FLAGS, ctor_mark);
	struct slabinfo info;
	void *objs[200];

	if (!tap_check(c && !kmem_cache_debug(c), "slub: a cache with SLAB_NO_USER_FLAGS has no debugging"))
		return;
	ctor_calls = 0;
	for (int i = 0; i < 200; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	get_slabinfo(c, &info);
	tap_check(ctor_calls == (int)info.num_objs,
		  "slub: the constructor ran once per object slot (%d calls, %lu slots)",
		  ctor_calls, info.num_objs);
	kmem_cache_free(c, objs[199]);
	tap_check(kmem_cache_alloc(c, GFP_KERNEL) == objs[199],
		  "slub: the active slab hands the object freed last out first");
	tap_check(ctor_calls == (int)info.num_objs, "slub: reuse does not run the constructor again");
	for (int i = 0; i < 200; i++)
		kmem_cache_free(c, objs[i]);
	get_slabinfo(c, &info);
	tap_check(info.active_objs == 0 && info.num_slabs <= 2,
		  "slub: after freeing all, only the active slab and one spare remain (%lu slabs)",
		  info.num_slabs);
	tap_check(info.alloc_slowpath >= 1 && info.alloc_slowpath <= info.num_objs / 2,
		  "slub: %lu of 201 allocations took the slow path", info.alloc_slowpath);
	kmem_cache_shrink(c);
	get_slabinfo(c, &info);
	tap_check(info.num_slabs == 0, "slub: kmem_cache_shrink gives the active and spare slabs back");
	kmem_cache_destroy(c);
}

#define expect_report(what, misuse) do {				\
	unsigned long r0 = slab_error_reports();			\
	misuse;								\
	tap_check(slab_error_reports() == r0 + 1,			\
		  "slub: %s is reported and ignored", what);		\
} while (0)

/* check_plain_misuse: what a cache without slub_debug still catches, off its fast path. */
static void check_plain_misuse(void)
{
	struct kmem_cache *c = kmem_cache_create("slub_plain", 100, 0, SLAB_NO_USER_FLAGS, NULL);
	void *first[64], *x;
	struct slabinfo info;
	int n = 0;

	/* fill one slab, so that its objects are no longer the active slab's */
	do {
		first[n] = kmem_cache_alloc(c, GFP_KERNEL);
		get_slabinfo(c, &info);
	} while (++n < 64 && info.num_slabs == 1);
	x = first[0];
	kmem_cache_free(c, x);
	expect_report("a double free of the head of a slab's freelist", kmem_cache_free(c, x));
	expect_report("a free of a pointer into an object of an inactive slab",
		      kmem_cache_free(c, (char *)first[1] + 8));
	x = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, first[n - 1]);
	expect_report("a double free in the active slab", kmem_cache_free(c, first[n - 1]));
	kmem_cache_free(c, x);
	for (int i = 1; i < n - 1; i++)
		kmem_cache_free(c, first[i]);
	get_slabinfo(c, &info);
	tap_check(info.active_objs == 0, "slub: the misuse left the counts intact (0 active)");
	kmem_cache_destroy(c);
}

/* The cache each class's seeded errors go to: kmalloc's own if slub_debug covers it. */
static struct kmem_cache *debug_caches[ARRAY_SIZE(classes)];
static bool own_cache[ARRAY_SIZE(classes)];

static bool debug_caches_get(void)
{
	unsigned long want = SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER;
	char name[24];

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++) {
		struct kmem_cache *k = kmalloc_cache_for(classes[i]);

		own_cache[i] = (k->flags & want) != want;
		if (!own_cache[i]) {
			debug_caches[i] = k;
			continue;
		}
		snprintf(name, sizeof(name), "debug-%u", classes[i]);
		debug_caches[i] = kmem_cache_create(name, classes[i], 0, want, NULL);
		if (!debug_caches[i])
			return false;
	}
	tap_diag("slub: seeded errors go to %s", own_cache[3] ? "debug-N caches" : "the kmalloc caches");
	return true;
}

static void debug_caches_put(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		if (own_cache[i])
			kmem_cache_destroy(debug_caches[i]);
}

/* seed: 100 errors of one kind, spread over the classes; each must raise kind's count. */
static void seed(const char *what, enum slub_report kind, int how)
{
	unsigned long before = slub_reports(kind), all = slab_error_reports();
	int reported = 0, wrong = 0, bad_reuse = 0;

	for (int i = 0; i < 100; i++) {
		struct kmem_cache *s = debug_caches[i % ARRAY_SIZE(classes)];
		unsigned int size = s->object_size;
		void *pin = kmem_cache_alloc(s, GFP_KERNEL);	/* keeps the slab from emptying */
		u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

		if (slab_page_head(p) != slab_page_head(pin)) {	/* pin took a slab's last object */
			kmem_cache_free(s, pin);
			pin = p;
			p = kmem_cache_alloc(s, GFP_KERNEL);
		}
		unsigned long r0, a0;

		r0 = slub_reports(kind);
		a0 = slab_error_reports();
		switch (how) {
		case 0:		/* double free */
			kmem_cache_free(s, p);
			kmem_cache_free(s, p);
			break;
		case 1:		/* one byte before */
			p[-1] = 0x00;
			kmem_cache_free(s, p);
			break;
		case 2:		/* one byte after */
			p[size] = 0x00;
			kmem_cache_free(s, p);
			break;
		case 3:		/* a write after free, found when the object is handed out again */
			kmem_cache_free(s, p);
			p[(unsigned int)i * 37 % size] = 0x42;
			bad_reuse += kmem_cache_alloc(s, GFP_KERNEL) != p;
			kmem_cache_free(s, p);
			break;
		}
		reported += slub_reports(kind) == r0 + 1;
		wrong += slab_error_reports() != a0 + 1;
		kmem_cache_free(s, pin);
	}
	tap_check(reported == 100 && wrong == 0 && !bad_reuse,
		  "slub_debug: %d of 100 %s reported as such (%d with another count of reports)",
		  reported, what, wrong);
	tap_check(slub_reports(kind) == before + 100 && slab_error_reports() == all + 100,
		  "slub_debug: %s: 100 reports in all", what);
}

static void check_seeded_errors(void)
{
	struct slabinfo before[ARRAY_SIZE(classes)], after;
	bool same = true;

	if (!tap_check(debug_caches_get(), "slub_debug: caches with FZPU for every kmalloc class"))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		get_slabinfo(debug_caches[i], &before[i]);
	seed("double frees", SLUB_DOUBLE_FREE, 0);
	seed("overruns of one byte to the left", SLUB_REDZONE_LEFT, 1);
	seed("overruns of one byte to the right", SLUB_REDZONE_RIGHT, 2);
	seed("writes after free", SLUB_POISON, 3);
	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++) {
		get_slabinfo(debug_caches[i], &after);
		same &= after.active_objs == before[i].active_objs;
	}
	tap_check(same, "slub_debug: after 400 errors every cache counts as many objects as before");
	debug_caches_put();
}

void selftest_slub(void)
{
	check_active_slab();
	check_plain_misuse();
	check_seeded_errors();
}
