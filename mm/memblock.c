/*
 * mm/memblock.c: the boot-time allocator.
 *
 * Before struct pages exist the kernel still needs memory (for mem_map
 * itself).  memblock keeps two sorted lists of physical ranges, "memory"
 * (RAM banks from the device tree) and "reserved" (what is in use), and
 * allocates by reserving a free range.  memblock_free_all() finally gives
 * every page that is memory but not reserved to the buddy allocator.
 */
#include <memblock.h>
#include <mm.h>
#include <printk.h>
#include <errno.h>
#include <string.h>
#include "internal.h"

struct memblock memblock = {
	.memory.name = "memory",
	.reserved.name = "reserved",
};

void memblock_reset(void)
{
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	memblock.retired = false;
}

/*
 * memblock_add_range: insert [base, end) keeping the list sorted and
 * merging every region it overlaps or touches, so that the lists stay
 * minimal and the free-range walk below can assume disjoint regions.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned long i, j;

	if (!size)
		return 0;
	if (end < base)			/* wraps around: clip at the top */
		end = ~(phys_addr_t)0;
	/* Skip the regions wholly below the new one. */
	for (i = 0; i < type->cnt; i++)
		if (type->regions[i].base + type->regions[i].size >= base)
			break;
	/* Swallow every region that overlaps or touches [base, end). */
	for (j = i; j < type->cnt && type->regions[j].base <= end; j++) {
		struct memblock_region *r = &type->regions[j];

		base = MIN(base, r->base);
		end = MAX(end, r->base + r->size);
	}
	if (j == i) {			/* nothing merged: make room for one */
		if (type->cnt == MEMBLOCK_MAX_REGIONS)
			return -ENOMEM;
		memmove(&type->regions[i + 1], &type->regions[i],
			(type->cnt - i) * sizeof(type->regions[0]));
		type->cnt++;
		j = i + 1;
	} else if (j > i + 1) {		/* several merged: close the gap */
		memmove(&type->regions[i + 1], &type->regions[j],
			(type->cnt - j) * sizeof(type->regions[0]));
		type->cnt -= j - i - 1;
	}
	type->regions[i].base = base;
	type->regions[i].size = end - base;
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	pr_debug("memblock_add: [%#018lx-%#018lx]\n",
		 (unsigned long)base, (unsigned long)(base + size - 1));
	return memblock_add_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	pr_debug("memblock_reserve: [%#018lx-%#018lx]\n",
		 (unsigned long)base, (unsigned long)(base + size - 1));
	return memblock_add_range(&memblock.reserved, base, size);
}

bool memblock_is_reserved(phys_addr_t base, phys_addr_t size)
{
	for (unsigned long i = 0; i < memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];

		if (r->base < base + size && base < r->base + r->size)
			return true;
	}
	return false;
}

/*
 * for_each_free_range: call fn on every maximal range that is memory and
 * not reserved.  Both lists are sorted and disjoint, so one pass over the
 * reserved list per memory region finds the gaps.
 */
static void for_each_free_range(void (*fn)(phys_addr_t start, phys_addr_t end, void *arg),
				void *arg)
{
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		phys_addr_t start = memblock.memory.regions[i].base;
		phys_addr_t end = start + memblock.memory.regions[i].size;

		for (unsigned long j = 0; j < memblock.reserved.cnt && start < end; j++) {
			struct memblock_region *r = &memblock.reserved.regions[j];

			if (r->base + r->size <= start)
				continue;
			if (r->base >= end)
				break;
			if (r->base > start)
				fn(start, r->base, arg);
			start = r->base + r->size;
		}
		if (start < end)
			fn(start, end, arg);
	}
}

struct alloc_request {
	phys_addr_t size, align, min, max, found;
};

/* Remember the highest aligned fit: memblock allocates top-down, as Linux's. */
static void fit_top_down(phys_addr_t start, phys_addr_t end, void *arg)
{
	struct alloc_request *req = arg;
	phys_addr_t cand;

	start = MAX(start, req->min);
	end = MIN(end, req->max);
	if (end <= start || end - start < req->size)
		return;
	cand = ALIGN_DOWN(end - req->size, req->align);
	if (cand >= start && cand > req->found)
		req->found = cand;
}

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end)
{
	struct alloc_request req = { size, align ? align : 8, start, end ? end : ~(phys_addr_t)0, 0 };

	if (memblock.retired)
		panic("memblock_phys_alloc: called after memblock_free_all");
	for_each_free_range(fit_top_down, &req);
	if (!req.found || memblock_reserve(req.found, size))
		return 0;
	return req.found;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0, 0);
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t pa = memblock_phys_alloc(size, align);

	if (!pa)
		panic("memblock_alloc: out of memory allocating %lu bytes",
		      (unsigned long)size);
	memset(__va(pa), 0, size);
	return __va(pa);
}

void memblock_enforce_memory_limit(phys_addr_t limit)
{
	struct memblock_type *mem = &memblock.memory;
	phys_addr_t left = limit;
	unsigned long i;

	for (i = 0; i < mem->cnt && left; i++) {
		if (mem->regions[i].size > left)
			mem->regions[i].size = left;
		left -= mem->regions[i].size;
	}
	mem->cnt = i;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	struct memblock_type *mem = &memblock.memory;

	return mem->cnt ? mem->regions[mem->cnt - 1].base +
			  mem->regions[mem->cnt - 1].size : 0;
}

static phys_addr_t type_size(const struct memblock_type *type)
{
	phys_addr_t total = 0;

	for (unsigned long i = 0; i < type->cnt; i++)
		total += type->regions[i].size;
	return total;
}

phys_addr_t memblock_phys_mem_size(void)
{
	return type_size(&memblock.memory);
}

phys_addr_t memblock_reserved_size(void)
{
	return type_size(&memblock.reserved);
}

/*
 * Free a range in the largest blocks its alignment allows: a 4 MiB-aligned
 * stretch goes in as one order-10 block, so the buddy allocator does no
 * merging work at boot.
 */
static void free_range(phys_addr_t start, phys_addr_t end, void *arg)
{
	unsigned long pfn = PFN_UP(start), end_pfn = PFN_DOWN(end);
	unsigned long *count = arg;

	while (pfn < end_pfn) {
		unsigned int order = MAX_PAGE_ORDER;

		while (order && ((pfn & ((1UL << order) - 1)) ||
				 pfn + (1UL << order) > end_pfn))
			order--;
		memblock_free_pages(pfn_to_page(pfn), pfn, order);
		pfn += 1UL << order;
		*count += 1UL << order;
	}
}

unsigned long memblock_free_all(void)
{
	unsigned long count = 0;

	for_each_free_range(free_range, &count);
	memblock.retired = true;
	return count;
}

static void dump_type(const struct memblock_type *type)
{
	pr_debug(" %s.cnt = %lu\n", type->name, type->cnt);
	for (unsigned long i = 0; i < type->cnt; i++)
		pr_debug(" %s[%lu]\t[%#018lx-%#018lx], %#lx bytes\n", type->name, i,
			 (unsigned long)type->regions[i].base,
			 (unsigned long)(type->regions[i].base + type->regions[i].size - 1),
			 (unsigned long)type->regions[i].size);
}

void memblock_dump(void)
{
	pr_debug("MEMBLOCK configuration:\n");
	dump_type(&memblock.memory);
	dump_type(&memblock.reserved);
}
