/*
 * mm/selftest_memblock.c: self-test of what memblock left behind at boot.
 * Everything the kernel must never hand out (firmware, kernel image,
 * device tree) is reserved, and none of it reached the buddy allocator;
 * the initrd was reserved until it was unpacked.
 */
#include <asm/pgtable.h>
#include <fdt.h>
#include <memblock.h>
#include <mm.h>
#include <sections.h>
#include <selftest.h>

/* range_untouched: every page of [start, start+size) is still PG_reserved. */
static bool range_untouched(phys_addr_t start, u64 size)
{
	for (unsigned long pfn = PFN_DOWN(start); pfn < PFN_UP(start + size); pfn++)
		if (pfn_valid(pfn) && !PageReserved(pfn_to_page(pfn)))
			return false;
	return true;
}

static void check_reserved(const char *what, phys_addr_t start, u64 size)
{
	tap_check(memblock_is_reserved(start, size),
		  "memblock: %s [%#lx+%#lx] is reserved", what,
		  (unsigned long)start, (unsigned long)size);
	tap_check(range_untouched(start, size),
		  "memblock: pages of %s never reached the buddy allocator", what);
}

void selftest_memblock(void)
{
	phys_addr_t dtb;
	u64 dtb_size;
	bool sorted = true;

	fdt_blob_range(&dtb, &dtb_size);
	check_reserved("kernel image", __pa_symbol(_kernel_start), kernel_image_size());
	check_reserved("device tree", dtb, dtb_size);
	/*
	 * The initrd was reserved at boot, but once unpacked into the root
	 * file system its pages went to the buddy allocator (the fs suite
	 * checks that): only memblock's record of it is left to check.
	 */
	if (phys_initrd_size)
		tap_check(memblock_is_reserved(phys_initrd_start, phys_initrd_size),
			  "memblock: initrd [%#lx+%#lx] was reserved", (unsigned long)phys_initrd_start,
			  (unsigned long)phys_initrd_size);
	/* OpenSBI's own region at the bottom of RAM must be off limits too. */
	check_reserved("firmware", 0x80000000, 0x80000);

	for (unsigned long i = 1; i < memblock.memory.cnt; i++)
		if (memblock.memory.regions[i].base <=
		    memblock.memory.regions[i - 1].base + memblock.memory.regions[i - 1].size)
			sorted = false;
	for (unsigned long i = 1; i < memblock.reserved.cnt; i++)
		if (memblock.reserved.regions[i].base <=
		    memblock.reserved.regions[i - 1].base + memblock.reserved.regions[i - 1].size)
			sorted = false;
	tap_check(sorted, "memblock: regions sorted, disjoint and not touching");
	tap_check(memblock.retired, "memblock: retired after handing memory to the buddy allocator");
}
