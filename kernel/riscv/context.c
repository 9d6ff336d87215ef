/*
 * kernel/riscv/context.c: address-space identifiers.
 *
 * With ASIDs the TLB keeps translations of several address spaces at once,
 * tagged by ASID, so switching processes needs no flush.  ASIDs are handed
 * out in generations (as Linux riscv): when a generation runs out, the
 * whole TLB is flushed once and every mm gets a fresh ASID the next time
 * it runs.  ASID 0 belongs to the kernel's own table.  Without ASIDs
 * (asid_bits == 0) every switch flushes.
 */
#include <asm/csr.h>
#include <mm.h>
#include <mmu_context.h>
#include <pgtable.h>

#define ASID_GEN_SHIFT	16

static unsigned long asid_generation = 1UL << ASID_GEN_SHIFT;
static unsigned long next_asid = 1;

static void new_context(struct mm_struct *mm)
{
	if (next_asid >= (1UL << asid_bits)) {
		asid_generation += 1UL << ASID_GEN_SHIFT;
		next_asid = 1;
		local_flush_tlb_all();	/* every old ASID's entries go at once */
	}
	mm->asid = asid_generation | next_asid++;
}

void switch_mm(struct mm_struct *next)
{
	unsigned long asid = 0, root = __pa(swapper_pg_dir);

	if (next) {
		root = __pa(next->pgd);
		if (asid_bits) {
			if ((next->asid & ~((1UL << ASID_GEN_SHIFT) - 1)) != asid_generation)
				new_context(next);
			asid = next->asid & ((1UL << asid_bits) - 1);
		}
	}
	csr_write(satp, make_satp(satp_mode, asid, PFN_DOWN(root)));
	if (!asid_bits)
		local_flush_tlb_all();
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (asid_bits && (mm->asid & ~((1UL << ASID_GEN_SHIFT) - 1)) == asid_generation)
		local_flush_tlb_all_asid(mm->asid & ((1UL << asid_bits) - 1));
	else
		local_flush_tlb_all();
}

void flush_tlb_page(struct mm_struct *mm, unsigned long va)
{
	if (asid_bits && (mm->asid & ~((1UL << ASID_GEN_SHIFT) - 1)) == asid_generation)
		local_flush_tlb_page_asid(va, mm->asid & ((1UL << asid_bits) - 1));
	else
		local_flush_tlb_all();
}
