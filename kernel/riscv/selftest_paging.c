/*
 * kernel/riscv/selftest_paging.c: self-test of the page tables (test=paging): the mode
 * the command line and device tree allow, the kernel's W^X layout, the
 * direct map and its leaf sizes, the identity map's retirement, and the
 * generic walker on a scratch table in every mode.
 */
#include <asm/csr.h>
#include <cmdline.h>
#include <errno.h>
#include <fdt.h>
#include <gfp.h>
#include <memblock.h>
#include <pgtable.h>
#include <sections.h>
#include <selftest.h>
#include <string.h>
#include <vmstat.h>

/* expected_levels: what Linux's rules give on a hart that has every mode (QEMU). */
static unsigned int expected_levels(void)
{
	const char *mmu = fdt_cpu_mmu_type();
	unsigned int levels = 5;

	if (cmdline_find(boot_command_line, "no5lvl", NULL, 0))
		levels = 4;
	if (cmdline_find(boot_command_line, "no4lvl", NULL, 0))
		levels = 3;
	if (mmu && !strcmp(mmu, "riscv,sv39"))
		levels = 3;
	if (mmu && !strcmp(mmu, "riscv,sv48") && levels > 4)
		levels = 4;
	return levels;
}

static void check_mode(void)
{
	unsigned long satp = csr_read(satp);

	tap_check(pgtable_levels == expected_levels(),
		  "paging: %s chosen as the command line and device tree allow (expected %u levels)",
		  paging_describe(), expected_levels());
	tap_check(satp >> SATP_MODE_SHIFT == satp_mode &&
		  satp >> SATP_MODE_SHIFT == SATP_MODE_39 + pgtable_levels - 3,
		  "paging: satp.MODE is %lu", satp >> SATP_MODE_SHIFT);
	tap_check(PFN_PHYS(satp & SATP_PPN_MASK) == __pa(swapper_pg_dir),
		  "paging: satp points at swapper_pg_dir");
	tap_check(task_size == 1UL << (va_bits() - 1) &&
		  task_size == (pgtable_levels == 3 ? 0x4000000000UL :
				pgtable_levels == 4 ? 0x800000000000UL : 0x100000000000000UL),
		  "paging: user space is the lower half: below %#lx", task_size);
	tap_check(asid_bits <= 16, "paging: %u ASID bits", asid_bits);
}

static void check_canonical(void)
{
	unsigned int bits = va_bits();

	tap_check(va_canonical(0) && va_canonical(task_size - 1) && !va_canonical(task_size) &&
		  !va_canonical(-task_size - 1) && va_canonical(-task_size) &&
		  va_canonical(KERNEL_LINK_ADDR) && va_canonical(page_offset),
		  "paging: canonical addresses are those whose bits 63..%u equal bit %u",
		  bits - 1, bits - 1);
}

/* prot_is: the leaf for va exists and has exactly these R/W/X/U/G bits. */
static bool prot_is(const void *va, pgprot_t want)
{
	pgprot_t prot;
	const pgprot_t mask = _PAGE_READ | _PAGE_WRITE | _PAGE_EXEC | _PAGE_USER | _PAGE_GLOBAL;

	return pgtable_lookup(swapper_pg_dir, (unsigned long)va, NULL, &prot, NULL) &&
	       (prot & mask) == want;
}

static void check_kernel_image(void)
{
	phys_addr_t pa;

	tap_check(prot_is(_stext, _PAGE_READ | _PAGE_EXEC | _PAGE_GLOBAL) &&
		  prot_is((void *)((unsigned long)_srodata - 1), _PAGE_READ | _PAGE_EXEC | _PAGE_GLOBAL),
		  "paging: kernel text is read-execute (W^X), global");
	tap_check(prot_is(_srodata, _PAGE_READ | _PAGE_GLOBAL),
		  "paging: kernel rodata is read-only, not executable");
	tap_check(prot_is(_sdata, _PAGE_READ | _PAGE_WRITE | _PAGE_GLOBAL) &&
		  prot_is((void *)((unsigned long)_end - 1), _PAGE_READ | _PAGE_WRITE | _PAGE_GLOBAL),
		  "paging: kernel data and bss are read-write, not executable");
	tap_check(pgtable_lookup(swapper_pg_dir, (unsigned long)_stext, &pa, NULL, NULL) &&
		  pa == __pa_symbol(_stext), "paging: kernel text maps to its load address");
	tap_check(!pgtable_lookup(swapper_pg_dir, KERNEL_LOAD_ADDR, NULL, NULL, NULL) &&
		  !pgtable_lookup(swapper_pg_dir, 0x10000000, NULL, NULL, NULL),
		  "paging: the boot identity map is gone (the low half is for user space)");
}

static void check_direct_map(void)
{
	bool all = true, huge = true;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		for (phys_addr_t pa = r->base; pa < r->base + r->size; pa += 1UL << 21) {
			phys_addr_t got;
			unsigned int level;
			unsigned long va = (unsigned long)__va(pa);
			bool gb_ok = IS_ALIGNED(pa, 1UL << 30) && pa + (1UL << 30) <= r->base + r->size;

			if (!pgtable_lookup(swapper_pg_dir, va, &got, NULL, &level) || got != pa)
				all = false;
			else if (level < (gb_ok ? 2u : 1u))
				huge = false;	/* 2 MiB-aligned RAM must use at least 2 MiB leaves */
		}
	}
	tap_check(all, "paging: the direct map translates every 2 MiB of RAM to itself");
	tap_check(huge, "paging: the direct map uses 1 GiB leaves where aligned, else 2 MiB");
	tap_check(prot_is(__va(memblock_start_of_DRAM() + (1UL << 21)),
			  _PAGE_READ | _PAGE_WRITE | _PAGE_GLOBAL),
		  "paging: the direct map is read-write, not executable, not user");
}

static void free_scratch(pte_t *table)
{
	pt_free_kernel(table);
}

/* check_walker: map 4 KiB, 2 MiB and 1 GiB leaves in a scratch table and read them back. */
static void check_walker(void)
{
	unsigned long before = global_node_page_state(NR_PAGETABLE);
	pte_t *root = pt_alloc_kernel(NULL);
	unsigned long va = 0x40000000UL;	/* 1 GiB: a user address in every mode */
	phys_addr_t pa;
	unsigned int level;
	bool ok;

	if (!tap_check(root != NULL, "pgtable: scratch root allocated"))
		return;
	ok = !pgtable_map(root, va, 0x80000000UL, 1UL << 30, PAGE_KERNEL, pgtable_levels - 1,
			  pt_alloc_kernel) &&
	     pgtable_lookup(root, va + 0x12345, &pa, NULL, &level) && pa == 0x80012345UL && level == 2;
	tap_check(ok, "pgtable: a 1 GiB range at 1 GiB alignment becomes one level-2 leaf");
	ok = !pgtable_map(root, 2 * va + 0x1000, 0x80001000UL, (2UL << 20) + 0x1000, PAGE_KERNEL,
			  pgtable_levels - 1, pt_alloc_kernel) &&
	     pgtable_lookup(root, 2 * va + 0x1000, &pa, NULL, &level) && level == 0 &&
	     pgtable_lookup(root, 2 * va + (2UL << 20) - 0x1000, &pa, NULL, &level) && level == 0;
	tap_check(ok, "pgtable: an unaligned range is mapped with 4 KiB leaves");
	ok = !pgtable_map(root, 3 * va, 0x80200000UL, 4UL << 20, PAGE_KERNEL, 1, pt_alloc_kernel) &&
	     pgtable_lookup(root, 3 * va + (3UL << 20), &pa, NULL, &level) && level == 1 &&
	     pa == 0x80200000UL + (3UL << 20);
	tap_check(ok, "pgtable: 4 MiB at 2 MiB alignment becomes two level-1 leaves");
	tap_check(pgtable_map(root, va + 0x1000, 0x90000000UL, 0x1000, PAGE_KERNEL, 0,
			      pt_alloc_kernel) != 0,
		  "pgtable: mapping inside a huge page is refused");
	tap_check(pgtable_map(root, 2 * va + 0x1000, 0x90000000UL, 0x1000, PAGE_KERNEL, 0,
			      pt_alloc_kernel) == -EEXIST,
		  "pgtable: mapping over a mapped page gives -EEXIST");
	tap_check(!pgtable_lookup(root, 5 * va, NULL, NULL, NULL), "pgtable: unmapped address not found");
	tap_check(global_node_page_state(NR_PAGETABLE) > before,
		  "pgtable: table pages are counted in PageTables (%lu)",
		  global_node_page_state(NR_PAGETABLE) - before);
	pgtable_free(root, free_scratch);
	tap_check(global_node_page_state(NR_PAGETABLE) == before,
		  "pgtable: pgtable_free gives every table page back");
}

void selftest_paging(void)
{
	check_mode();
	check_canonical();
	check_kernel_image();
	check_direct_map();
	check_walker();
}

/* A write to kernel text on purpose: W^X must turn it into a page fault report. */
void selftest_wx(void)
{
	volatile u32 *text = (volatile u32 *)_stext;

	tap_diag("writing to kernel text at %p", (void *)text);
	*text = 0;
	tap_diag("the write went through: W^X is broken");
}
