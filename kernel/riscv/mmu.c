/*
 * kernel/riscv/mmu.c: turning on the RISC-V MMU and building the kernel's page
 * table (as Linux's arch/riscv/mm/init.c: setup_vm, set_satp_mode,
 * setup_vm_final).
 *
 * Two steps:
 *  1. setup_vm() runs with the MMU off, from entry.S, before anything else.
 *     It fills one page, early_pg_dir, as an Sv39 root with 1 GiB leaves:
 *     the low 4 GiB mapped to themselves (so device registers, the device
 *     tree and the code that turns the MMU on keep working) and the kernel's
 *     gigabyte at its link address.  Every RV64 MMU that pages has Sv39.
 *  2. paging_init() runs once memblock knows the RAM.  It picks the mode as
 *     Linux does, builds swapper_pg_dir (kernel image with W^X, a direct
 *     map of all RAM in the largest leaves that fit, device registers in
 *     the vmalloc space) and switches to it.  The identity map is gone after
 *     that: user space will own the low half.
 */
#include <asm/csr.h>
#include <asm/page.h>
#include <cmdline.h>
#include <console.h>
#include <fdt.h>
#include <memblock.h>
#include <mm.h>
#include <pgtable.h>
#include <power.h>
#include <printk.h>
#include <sections.h>
#include <stdio.h>
#include <string.h>
#include <vmalloc.h>
#include <vmstat.h>
#include <gfp.h>

unsigned int pgtable_levels = 3;
unsigned long satp_mode = SATP_MODE_39;
unsigned long page_offset;
unsigned long task_size;
unsigned int asid_bits;
pte_t *swapper_pg_dir;

static pte_t early_pg_dir[PTRS_PER_PT] __aligned(PAGE_SIZE);
/* Tables for probing Sv48/Sv57: a root and the levels down to a 1 GiB leaf. */
static pte_t probe_pg[3][PTRS_PER_PT] __aligned(PAGE_SIZE);

#define SZ_1G		(1UL << 30)

static phys_addr_t phys_ram_base;
static bool identity_mapped = true;	/* until paging_init switches to swapper_pg_dir */

/*
 * setup_vm: build early_pg_dir and return the satp value that enables it.
 * Runs at the physical address with the MMU off, so it may only use
 * PC-relative addressing: no printk, no pointers stored in data.
 */
unsigned long setup_vm(void);
unsigned long setup_vm(void)
{
	unsigned long kernel_gb = KERNEL_LOAD_ADDR & ~(SZ_1G - 1);

	for (unsigned long gb = 0; gb < 4; gb++)
		early_pg_dir[gb] = pfn_pte(PFN_DOWN(gb * SZ_1G), PAGE_KERNEL_RWX);
	early_pg_dir[(KERNEL_LINK_ADDR >> 30) & (PTRS_PER_PT - 1)] =
		pfn_pte(PFN_DOWN(kernel_gb), PAGE_KERNEL_RWX);
	/* PC-relative: this is early_pg_dir's physical address. */
	return make_satp(SATP_MODE_39, 0, PFN_DOWN((unsigned long)early_pg_dir));
}

static unsigned int mode_levels(unsigned long mode)
{
	return (unsigned int)(mode - SATP_MODE_39) + 3;
}

static const char *mode_name(unsigned long mode)
{
	return mode == SATP_MODE_57 ? "Sv57" : mode == SATP_MODE_48 ? "Sv48" : "Sv39";
}

/*
 * probe_mode: does this hart do `mode`?  satp is WARL: a write of an
 * unsupported mode changes nothing, so write and read back.  The probe
 * table maps the kernel's gigabyte at the same address as the current
 * table does, so execution simply continues if the mode works.
 */
static bool probe_mode(unsigned long mode)
{
	unsigned int levels = mode_levels(mode);
	unsigned long va = KERNEL_LINK_ADDR, old, want, got;

	memset(probe_pg, 0, sizeof(probe_pg));
	for (unsigned int l = levels - 1, t = 0; l > 2; l--, t++)
		probe_pg[t][(va >> (12 + 9 * l)) & 511] =
			pfn_pte(PFN_DOWN(__pa_symbol(probe_pg[t + 1])), PAGE_TABLE);
	probe_pg[levels - 3][(va >> 30) & 511] =
		pfn_pte(PFN_DOWN(KERNEL_LOAD_ADDR & ~(SZ_1G - 1)), PAGE_KERNEL_RWX);
	old = csr_read(satp);
	want = make_satp(mode, 0, PFN_DOWN(__pa_symbol(probe_pg[0])));
	csr_write(satp, want);
	local_flush_tlb_all();
	got = csr_read(satp);
	csr_write(satp, old);
	local_flush_tlb_all();
	return got == want;
}

/* choose_mode: the largest mode the command line, the device tree and the hart allow. */
static unsigned long choose_mode(void)
{
	unsigned long limit = SATP_MODE_57, mode;
	const char *mmu = fdt_cpu_mmu_type();

	if (cmdline_find(boot_command_line, "no5lvl", NULL, 0))
		limit = SATP_MODE_48;
	if (cmdline_find(boot_command_line, "no4lvl", NULL, 0))
		limit = SATP_MODE_39;
	if (mmu && !strcmp(mmu, "riscv,sv39"))
		limit = SATP_MODE_39;
	else if (mmu && !strcmp(mmu, "riscv,sv48") && limit > SATP_MODE_48)
		limit = SATP_MODE_48;
	for (mode = limit; mode > SATP_MODE_39; mode--)
		if (probe_mode(mode))
			break;
	return mode;
}

/* Page-table pages: from memblock during boot, from the buddy allocator afterwards. */
pte_t *pt_alloc_kernel(struct mm_struct *mm)
{
	pte_t *table;

	if (!memblock.retired) {
		/* Before the switch only the low 4 GiB are mapped (identity). */
		phys_addr_t pa = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, 0,
							   identity_mapped ? 4 * SZ_1G : 0);

		if (!pa)
			return NULL;
		table = __va(pa);
	} else {
		table = (pte_t *)get_zeroed_page(GFP_KERNEL);
		if (!table)
			return NULL;
		mod_node_page_state(NR_PAGETABLE, 1);
		return table;
	}
	clear_page(table);
	return table;
}

void pt_free_kernel(pte_t *table)
{
	mod_node_page_state(NR_PAGETABLE, -1);
	free_page((unsigned long)table);
}

static void map_or_panic(unsigned long va, phys_addr_t pa, unsigned long size,
			 pgprot_t prot, unsigned int max_level)
{
	int err = pgtable_map(swapper_pg_dir, va, pa, size, prot, max_level, pt_alloc_kernel);

	if (err)
		panic("paging_init: cannot map %#lx (error %d)", va, err);
}

/*
 * protection_map: the PTE protection for each combination of VM_READ,
 * VM_WRITE, VM_EXEC and VM_SHARED, as Linux's (private writable pages are
 * mapped writable here; fork and the fault paths write-protect them when
 * they are shared copy-on-write).
 */
static const pgprot_t protection_map[16] = {
	[0] = PAGE_NONE,
	[VM_READ] = PAGE_READ,
	[VM_WRITE] = PAGE_WRITE,
	[VM_WRITE | VM_READ] = PAGE_WRITE,
	[VM_EXEC] = PAGE_EXEC,
	[VM_EXEC | VM_READ] = PAGE_READ_EXEC,
	[VM_EXEC | VM_WRITE] = PAGE_WRITE_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ] = PAGE_WRITE_EXEC,
	[VM_SHARED] = PAGE_NONE,
	[VM_SHARED | VM_READ] = PAGE_READ,
	[VM_SHARED | VM_WRITE] = PAGE_WRITE,
	[VM_SHARED | VM_WRITE | VM_READ] = PAGE_WRITE,
	[VM_SHARED | VM_EXEC] = PAGE_EXEC,
	[VM_SHARED | VM_EXEC | VM_READ] = PAGE_READ_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE] = PAGE_WRITE_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ] = PAGE_WRITE_EXEC,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

const char *paging_describe(void)
{
	static char buf[40];

	snprintf(buf, sizeof(buf), "%s (%u levels)", mode_name(satp_mode), pgtable_levels);
	return buf;
}

/* The direct map's start for each mode: Linux riscv64's PAGE_OFFSET. */
static unsigned long mode_page_offset(unsigned long mode)
{
	return mode == SATP_MODE_57 ? 0xff60000000000000UL :
	       mode == SATP_MODE_48 ? 0xffffaf8000000000UL : 0xffffffd600000000UL;
}

/*
 * preallocate_vmalloc_tables: the next-level table of every root entry
 * that covers the vmalloc space (64 of them in each mode), as Linux
 * riscv's preallocate_pgd_pages_range.  A process's root copies the
 * kernel's upper half when it is made; with these entries fixed from
 * boot, whatever vmalloc maps later is reached through them by every
 * process, and no root ever needs updating.
 */
static void preallocate_vmalloc_tables(void)
{
	unsigned long step = level_size(pgtable_levels - 1);

	for (unsigned long va = VMALLOC_START; va < VMALLOC_END; va += step)
		if (!pgtable_walk(swapper_pg_dir, va, pgtable_levels - 2, pt_alloc_kernel, NULL))
			panic("paging_init: no memory for the vmalloc space's tables");
}

static void map_kernel_image(void)
{
	/* W^X: text executable and read-only, rodata read-only, data and bss not executable. */
	map_or_panic((unsigned long)_stext, __pa_symbol(_stext),
		     (unsigned long)_srodata - (unsigned long)_stext, PAGE_KERNEL_EXEC, 0);
	map_or_panic((unsigned long)_srodata, __pa_symbol(_srodata),
		     (unsigned long)_sdata - (unsigned long)_srodata, PAGE_KERNEL_RO, 0);
	map_or_panic((unsigned long)_sdata, __pa_symbol(_sdata),
		     (unsigned long)_end - (unsigned long)_sdata, PAGE_KERNEL, 0);
}

void paging_init(void)
{
	phys_addr_t root_pa, dtb_pa;
	u64 dtb_size;
	unsigned long mode = choose_mode(), satp;
	pte_t *root;

	satp_mode = mode;
	pgtable_levels = mode_levels(mode);
	page_offset = mode_page_offset(mode);
	task_size = 1UL << (va_bits() - 1);	/* the lower half of the address space */
	phys_ram_base = memblock_start_of_DRAM();

	/* Build with the identity map still on: table pages are reached at their physical addresses. */
	root = pt_alloc_kernel(NULL);
	if (!root)
		panic("paging_init: no memory for swapper_pg_dir");
	root_pa = __pa(root);
	swapper_pg_dir = root;
	map_kernel_image();
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		map_or_panic(page_offset + (r->base - phys_ram_base), r->base, r->size,
			     PAGE_KERNEL, pgtable_levels - 1);
	}
	preallocate_vmalloc_tables();
	/* The device tree may lie outside the RAM mem= keeps: map it on its own. */
	fdt_blob_range(&dtb_pa, &dtb_size);

	satp = make_satp(mode, 0, PFN_DOWN(root_pa));
	csr_write(satp, satp);
	local_flush_tlb_all();
	identity_mapped = false;
	va_pa_offset = page_offset - phys_ram_base;
	swapper_pg_dir = __va(root_pa);
	/* The console's registers are unmapped until uart_remap maps them again. */
	uart_remap();
	power_remap();
	fdt_remap(ioremap(dtb_pa, dtb_size));

	/* ASID width: satp.ASID is WARL, so the bits that stick are the ones that exist. */
	csr_write(satp, satp | (SATP_ASID_MASK << SATP_ASID_SHIFT));
	asid_bits = (unsigned int)__builtin_popcountl((csr_read(satp) >> SATP_ASID_SHIFT) & SATP_ASID_MASK);
	csr_write(satp, satp);
	local_flush_tlb_all();
	pr_info("paging: %s, direct map at %#lx, user space below %#lx, %u ASID bits\n",
		paging_describe(), page_offset, task_size, asid_bits);
}
