/*
 * mm/selftest_slab.c: the slab allocator contract (mm/slab.h), which any
 * allocator must keep (SLUB, SLOB, a student's): alignment, constructors,
 * reuse, empty slabs going back to the page allocator, every kmalloc size
 * class, large kmallocs, krealloc, and the misuse that slab_common or any
 * allocator reports.  How SLUB does it (its active slab, spare slab, and
 * slub_debug) is tested by mm/slub_selftest.c.
 */
#include <gfp.h>
#include <selftest.h>
#include <slab.h>
#include <string.h>
#include <vmstat.h>

static int ctor_calls;

static void ctor_mark(void *obj)
{
	ctor_calls++;
	memset(obj, 0x5c, 40);
}

static void check_cache(void)
{
	struct kmem_cache *c = kmem_cache_create("test_align", 40, 64, 0, ctor_mark);
	struct slabinfo info;
	void *objs[200];
	bool aligned = true, constructed = true;

	if (!tap_check(c != NULL, "slab: kmem_cache_create"))
		return;
	for (int i = 0; i < 200; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		aligned &= objs[i] && ((unsigned long)objs[i] & 63) == 0;
		constructed &= objs[i] && ((unsigned char *)objs[i])[0] == 0x5c &&
			       ((unsigned char *)objs[i])[39] == 0x5c;
	}
	tap_check(aligned, "slab: 200 objects aligned to 64");
	tap_check(constructed, "slab: every object arrives constructed");
	get_slabinfo(c, &info);
	tap_check(ctor_calls >= 200 && info.num_objs >= 200,
		  "slab: the constructor ran for every object handed out (%d calls)", ctor_calls);
	tap_check(info.active_objs == 200, "slab: slabinfo counts 200 active objects");
	kmem_cache_free(c, objs[199]);
	objs[199] = kmem_cache_alloc(c, GFP_KERNEL);
	tap_check(objs[199] != NULL && ((unsigned char *)objs[199])[0] == 0x5c,
		  "slab: an object allocated again after a free arrives constructed");
	for (int i = 0; i < 200; i++)
		kmem_cache_free(c, objs[i]);
	get_slabinfo(c, &info);
	tap_check(info.active_objs == 0, "slab: after freeing all, slabinfo counts none active");
	kmem_cache_shrink(c);
	get_slabinfo(c, &info);
	tap_check(info.num_slabs == 0, "slab: kmem_cache_shrink gives the spare slab back");
	kmem_cache_destroy(c);
}

/* smallest_class: Linux's kmalloc classes, written out independently of slab.c. */
static size_t smallest_class(size_t size)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512,
					  1024, 2048, 4096, 8192 };

	for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

static void check_kmalloc_classes(void)
{
	static const size_t sizes[] = { 1, 8, 9, 16, 17, 33, 64, 65, 96, 97, 128, 150,
					192, 193, 256, 300, 512, 1000, 1024, 2000,
					2048, 4000, 4096, 5000, 8192 };
	bool ok = true;

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = kmalloc(sizes[i], GFP_KERNEL);
		size_t have = ksize(p);

		ok &= p && have == smallest_class(sizes[i]) && ((unsigned long)p & 7) == 0;
		if (p)
			memset(p, 0xee, have);
		kfree(p);
	}
	tap_check(ok, "kmalloc: every size lands in the smallest class that holds it");
}

static void check_kmalloc_misc(void)
{
	unsigned long slab_before = global_node_page_state(NR_SLAB_UNRECLAIMABLE);
	char *big = kmalloc(3 * PAGE_SIZE + 1, GFP_KERNEL);
	char *z, *r;
	bool zero = true;

	tap_check(big && ksize(big) == 4 * PAGE_SIZE && ((unsigned long)big & ~PAGE_MASK) == 0,
		  "kmalloc: 12289 bytes come from the page allocator as an order-2 block");
	tap_check(global_node_page_state(NR_SLAB_UNRECLAIMABLE) == slab_before + 4,
		  "kmalloc: large allocations are counted in SUnreclaim");
	kfree(big);
	tap_check(global_node_page_state(NR_SLAB_UNRECLAIMABLE) == slab_before,
		  "kmalloc: and uncounted when freed");

	z = kmalloc(200, GFP_KERNEL);
	memset(z, 0x77, 200);
	kfree(z);
	z = kzalloc(200, GFP_KERNEL);
	for (int i = 0; i < 200; i++)
		zero &= z[i] == 0;
	tap_check(zero, "kzalloc: a reused object comes back zeroed");
	kfree(z);

	r = kmalloc(10, GFP_KERNEL);
	memcpy(r, "abcdefghi", 10);
	r = krealloc(r, 3000, GFP_KERNEL);
	tap_check(r && !memcmp(r, "abcdefghi", 10) && ksize(r) == 4096,
		  "krealloc: growing keeps the contents");
	r = krealloc(r, 20000, GFP_KERNEL);
	tap_check(r && !memcmp(r, "abcdefghi", 10) && ksize(r) == 8 * PAGE_SIZE,
		  "krealloc: growing into a large kmalloc keeps the contents");
	tap_check(krealloc(r, 0, GFP_KERNEL) != NULL, "krealloc: size 0 frees (returns ZERO_SIZE_PTR)");
	tap_check(kmalloc(0, GFP_KERNEL) != NULL && ksize(kmalloc(0, GFP_KERNEL)) == 0,
		  "kmalloc(0) returns a non-NULL pointer of size 0");
	kfree(kmalloc(0, GFP_KERNEL));
	tap_check(kmalloc((size_t)PAGE_SIZE << 12, GFP_KERNEL | __GFP_NOWARN) == NULL,
		  "kmalloc: 16 MiB (above the largest block) fails cleanly");
}

#define expect_slab_report(what, misuse) do {				\
	unsigned long r0 = slab_error_reports();			\
	misuse;								\
	tap_check(slab_error_reports() == r0 + 1,			\
		  "slab: %s is reported and ignored", what);		\
} while (0)

static int not_heap;

static void check_misuse(void)
{
	struct kmem_cache *a = kmem_cache_create("test_a", 100, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("test_b", 100, 0, 0, NULL);
	void *x = kmem_cache_alloc(a, GFP_KERNEL), *y = kmem_cache_alloc(a, GFP_KERNEL);
	char *k = kmalloc(64, GFP_KERNEL);
	struct page *pg = alloc_page(GFP_KERNEL);
	struct slabinfo info;
	int on_stack;

	expect_slab_report("freeing to the wrong cache", kmem_cache_free(b, x));
	kmem_cache_free(a, x);
	expect_slab_report("a double free", kmem_cache_free(a, x));
	expect_slab_report("kfree of a global", kfree(&not_heap));
	expect_slab_report("kfree of a stack address", kfree(&on_stack));
	expect_slab_report("kfree of a page from alloc_pages", kfree(page_address(pg)));
	kfree(k);
	expect_slab_report("a double kfree", kfree(k));
	get_slabinfo(a, &info);
	tap_check(info.active_objs == 1, "slab: misuse left the cache's count intact (1 active)");
	expect_slab_report("destroying a cache that still has objects", kmem_cache_destroy(a));
	kfree(y);	/* allowed, as in Linux since 6.4 */
	get_slabinfo(a, &info);
	tap_check(info.active_objs == 0, "slab: kfree takes a kmem_cache object back to its cache");
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	__free_page(pg);
}

/* check_random: 20,000 mixed kmalloc/kfree, each object stamped with its own address. */
static void check_random(void)
{
	static void *live[300];
	static size_t len[300];
	u64 seed = 88172645463325252ULL;
	unsigned long bad = 0;
	int n = 0;

	for (int op = 0; op < 20000; op++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		if (n < 300 && (n == 0 || seed % 3)) {
			size_t sz = 1 + (seed >> 8) % ((seed & 0xf) == 0 ? 20000 : 600);
			unsigned char *p = kmalloc(sz, GFP_KERNEL);

			if (!p)
				continue;
			memset(p, (int)((unsigned long)p >> 4), sz);
			live[n] = p;
			len[n++] = sz;
		} else {
			int i = (int)((seed >> 16) % (u64)n);
			unsigned char *p = live[i];

			for (size_t j = 0; j < len[i]; j++)
				bad += p[j] != (unsigned char)((unsigned long)p >> 4);
			kfree(p);
			live[i] = live[--n];
			len[i] = len[n];
		}
	}
	while (n > 0)
		kfree(live[--n]);
	tap_check(bad == 0, "kmalloc: random sequence: no object overwrote another");
}

void selftest_slab(void)
{
	check_cache();
	check_kmalloc_classes();
	check_kmalloc_misc();
	check_misuse();
	check_random();
}
