/*
 * include/memblock.h: the early boot allocator.  The device tree fills
 * memblock.memory with RAM banks and memblock.reserved with what must not be
 * touched (firmware, kernel image, device tree, initrd); early code carves
 * allocations out of the difference.  memblock_free_all() then hands every
 * page still free to the buddy allocator and memblock retires.
 */
#ifndef _RVMM_MEMBLOCK_H
#define _RVMM_MEMBLOCK_H

#include <types.h>

#define MEMBLOCK_MAX_REGIONS 128

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	const char *name;
	unsigned long cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	bool retired;		/* set by memblock_free_all: no more early allocations */
};

extern struct memblock memblock;

/* memblock_add: a bank of RAM; overlapping and adjacent banks merge. 0 or -ENOMEM. */
int memblock_add(phys_addr_t base, phys_addr_t size);
/* memblock_reserve: keep [base, base+size) away from every allocator. 0 or -ENOMEM. */
int memblock_reserve(phys_addr_t base, phys_addr_t size);
/* memblock_is_reserved: does [base, base+size) overlap a reserved region? */
bool memblock_is_reserved(phys_addr_t base, phys_addr_t size);
/* memblock_phys_alloc: a free aligned range, highest address first; 0 when none. */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* memblock_phys_alloc_range: like memblock_phys_alloc, within [start, end) (end 0: no limit). */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
/* memblock_alloc: like memblock_phys_alloc but zeroed and returned as a kernel pointer; panics when out of memory. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
/* memblock_enforce_memory_limit: drop RAM above the first `limit` bytes (mem=). */
void memblock_enforce_memory_limit(phys_addr_t limit);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
/* memblock_phys_mem_size: total bytes of RAM in all banks. */
phys_addr_t memblock_phys_mem_size(void);
/* memblock_reserved_size: total bytes reserved. */
phys_addr_t memblock_reserved_size(void);
/* memblock_free_all: release every unreserved page to the buddy allocator; returns pages released. */
unsigned long memblock_free_all(void);
/* memblock_dump: print both region lists (boot log, debug level). */
void memblock_dump(void);
/* memblock_reset: forget everything (host tests start each case afresh). */
void memblock_reset(void);

#endif
