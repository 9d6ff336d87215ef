/*
 * mm/bench.c: allocator costs in retired instructions (test=bench).  Under
 * QEMU -icount the instret CSR counts guest instructions exactly, so these
 * figures repeat bit for bit from run to run.  Each is the average over a
 * loop after a warm-up round, loop overhead included.
 */
#include <asm/csr.h>
#include <gfp.h>
#include <printk.h>
#include <selftest.h>
#include <slab.h>
#include <vmalloc.h>

#define ROUNDS 1000

void bench_proc(void (*line)(const char *name, unsigned long value, const char *unit));

static void bench_line(const char *name, unsigned long value, const char *unit)
{
	printk(KERN_ALERT "bench %s %lu %s\n", name, value, unit);
}

static unsigned long pages_pair(unsigned int order)
{
	u64 t0;

	for (int i = 0; i < 2; i++)		/* warm: per-cpu list filled, blocks split */
		__free_pages(alloc_pages(GFP_KERNEL, order), order);
	t0 = read_instret();
	for (int i = 0; i < ROUNDS; i++)
		__free_pages(alloc_pages(GFP_KERNEL, order), order);
	return (unsigned long)((read_instret() - t0) / ROUNDS);
}

static unsigned long kmalloc_pair(size_t size)
{
	u64 t0;

	kfree(kmalloc(size, GFP_KERNEL));
	t0 = read_instret();
	for (int i = 0; i < ROUNDS; i++)
		kfree(kmalloc(size, GFP_KERNEL));
	return (unsigned long)((read_instret() - t0) / ROUNDS);
}

static unsigned long cache_pair(const char *name, unsigned long flags)
{
	struct kmem_cache *c = kmem_cache_create(name, 64, 0, flags, NULL);
	u64 t0;

	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	t0 = read_instret();
	for (int i = 0; i < ROUNDS; i++)
		kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	t0 = (read_instret() - t0) / ROUNDS;
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
	return (unsigned long)t0;
}

#ifdef CONFIG_MMU
/* vmalloc_pair: a 16 KiB vmalloc and its vfree (the size of a kernel stack). */
static unsigned long vmalloc_pair(void)
{
	u64 t0;

	vfree(vmalloc(16384));
	t0 = read_instret();
	for (int i = 0; i < ROUNDS; i++)
		vfree(vmalloc(16384));
	return (unsigned long)((read_instret() - t0) / ROUNDS);
}
#endif

void selftest_bench(void)
{
	bench_line("order0_alloc_free", pages_pair(0), "instr");
	bench_line("order3_alloc_free", pages_pair(3), "instr");
	bench_line("kmalloc64_kfree", kmalloc_pair(64), "instr");
	bench_line("kmem_cache_alloc_free", cache_pair("bench", SLAB_NO_USER_FLAGS), "instr");
	/* the same 64 bytes with slub_debug=FZPU's checks, for comparison */
	bench_line("kmalloc64_kfree_debug", cache_pair("bench-debug", SLAB_CONSISTENCY_CHECKS |
				SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER), "instr");
#ifdef CONFIG_MMU
	bench_line("vmalloc_vfree_16k", vmalloc_pair(), "instr");
#endif
	bench_line("struct_page_size", sizeof(struct page), "bytes");
	bench_proc(bench_line);
}
