/*
 * include/fdt.h: reading the flattened device tree that OpenSBI passes in a1
 * (format: the Devicetree Specification, chapter 5).
 */
#ifndef _RVMM_FDT_H
#define _RVMM_FDT_H

#include <types.h>

extern phys_addr_t phys_initrd_start;	/* 0 when there is no initrd */
extern u64 phys_initrd_size;

/*
 * early_init_dt_scan: validate the blob and record what boot needs.
 * Every /memory node's reg (all banks) goes to memblock_add; the memory
 * reservation block, every /reserved-memory child with a reg, the DTB
 * itself and the initrd go to memblock_reserve; /chosen bootargs is copied
 * to boot_command_line; linux,initrd-start/-end set phys_initrd_*;
 * /cpus timebase-frequency sets riscv_timebase.  Panics on a bad blob.
 */
void early_init_dt_scan(void *dtb);
/* fdt_find_compatible: the first enabled node compatible with compat, with its first reg entry (size may be NULL). */
bool fdt_find_compatible(const char *compat, u64 *base, u64 *size);
/*
 * fdt_for_each_compatible: call fn for every enabled node compatible with
 * compat that has a reg, in the tree's order, with its first reg entry and
 * the first cell of its "interrupts" (0 when it has none); how many.
 */
int fdt_for_each_compatible(const char *compat,
			    void (*fn)(u64 base, u64 size, u32 irq, void *arg), void *arg);
/* fdt_compatible_u32: a one-cell property of the node fdt_find_compatible(compat) finds; false when absent. */
bool fdt_compatible_u32(const char *compat, const char *prop, u32 *val);
/*
 * fdt_compatible_prop: the raw value of a property of the first enabled
 * node compatible with compat, and its length in bytes; NULL when absent.
 * Its cells are big-endian: read them with fdt_cell.
 */
const void *fdt_compatible_prop(const char *compat, const char *prop, int *len);
/* fdt_cell: cell i of a property value. */
u32 fdt_cell(const void *cells, int i);
/* fdt_blob_range: physical start and size of the device tree blob (0, 0 before the scan). */
void fdt_blob_range(phys_addr_t *start, u64 *size);
/* fdt_remap: the blob is now at va (after paging_init). */
void fdt_remap(void *va);
/* fdt_cpu_mmu_type: "riscv,sv39"/"riscv,sv48"/... of the first cpu node, or NULL. */
const char *fdt_cpu_mmu_type(void);
/* fdt_stdout_path: /chosen stdout-path without any ":options", or NULL. */
const char *fdt_stdout_path(void);

#endif
