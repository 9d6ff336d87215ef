/* kernel/memblock_stub.c: TEMPORARY, delete at merge: mm/memblock.c defines these for real. */
#include <memblock.h>
#include <printk.h>

/* Until memblock lands, early_init_dt_scan's calls are only logged. */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	pr_debug("memblock_add: [%#llx-%#llx]\n", (unsigned long long)base,
		 (unsigned long long)(base + size - 1));
	return 0;
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	pr_debug("memblock_reserve: [%#llx-%#llx]\n", (unsigned long long)base,
		 (unsigned long long)(base + size - 1));
	return 0;
}
