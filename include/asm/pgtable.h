/*
 * include/asm/pgtable.h: RISC-V page-table entries and satp (privileged
 * spec, "Supervisor-Level ISA": Sv39, Sv48, Sv57).  The only file that
 * knows PTE bit positions: everything else reads and changes entries
 * through the helpers below, named as Linux names them.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <asm/page.h>
#include <types.h>

/* PTE bits (V R W X U G A D, then two bits for software) */
#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_READ	(1UL << 1)
#define _PAGE_WRITE	(1UL << 2)
#define _PAGE_EXEC	(1UL << 3)
#define _PAGE_USER	(1UL << 4)
#define _PAGE_GLOBAL	(1UL << 5)
#define _PAGE_ACCESSED	(1UL << 6)
#define _PAGE_DIRTY	(1UL << 7)
#define _PAGE_SOFT	(3UL << 8)
/*
 * A user page mapped PROT_NONE: V is clear so any access faults, and this
 * software bit says the entry still holds a page (Linux's _PAGE_PROT_NONE).
 */
#define _PAGE_PROT_NONE	(1UL << 8)
#define _PAGE_LEAF	(_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)
#define _PAGE_TABLE	_PAGE_PRESENT	/* a pointer to the next level: V set, R/W/X clear */
#define _PAGE_PFN_SHIFT	10
#define _PAGE_PFN_MASK	(((1UL << 44) - 1) << _PAGE_PFN_SHIFT)	/* PPN: bits 53..10 */

/*
 * Protections for kernel mappings.  Kernel PTEs are created accessed and
 * dirty because hardware may fault instead of setting A/D itself.
 */
#define PAGE_KERNEL_BASE (_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL	(PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_WRITE)
#define PAGE_KERNEL_RO	(PAGE_KERNEL_BASE | _PAGE_READ)
#define PAGE_KERNEL_EXEC (PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_EXEC)
#define PAGE_KERNEL_RWX	(PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)
#define PAGE_KERNEL_IO	PAGE_KERNEL
#define PAGE_TABLE	_PAGE_TABLE

/*
 * Protections for user pages, the entries of protection_map[]
 * (kernel/riscv/mmu.c).  User PTEs are also made accessed and dirty up
 * front; W without R is a reserved encoding, so every writable page is
 * readable too.  PAGE_NONE keeps the page but clears V: any access faults.
 */
#define PAGE_USER_BASE	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_NONE	(_PAGE_PROT_NONE | _PAGE_USER)
#define PAGE_READ	(PAGE_USER_BASE | _PAGE_READ)
#define PAGE_WRITE	(PAGE_USER_BASE | _PAGE_READ | _PAGE_WRITE)
#define PAGE_EXEC	(PAGE_USER_BASE | _PAGE_EXEC)
#define PAGE_READ_EXEC	(PAGE_READ | _PAGE_EXEC)
#define PAGE_WRITE_EXEC	(PAGE_WRITE | _PAGE_EXEC)

/* The permission bits of a protection, for comparing two of them. */
#define PAGE_PERM_MASK	(_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC | _PAGE_USER | _PAGE_GLOBAL)

typedef unsigned long pgprot_t;

#define PTRS_PER_PT	512	/* every level of every mode: 9 bits of VA */
#define PT_LEVEL_BITS	9

/* pte_has_page: the entry maps a page, accessible or PROT_NONE. */
static inline bool pte_has_page(pte_t pte)
{
	return pte.pte & (_PAGE_PRESENT | _PAGE_PROT_NONE);
}

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return (pte_t){ (pfn << _PAGE_PFN_SHIFT) | prot };
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte.pte & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT;
}

static inline bool pte_present(pte_t pte)
{
	return pte.pte & _PAGE_PRESENT;
}

/* pte_leaf: a valid entry with any of R/W/X maps memory; with none it points to the next table. */
static inline bool pte_leaf(pte_t pte)
{
	return pte_present(pte) && (pte.pte & _PAGE_LEAF);
}

static inline pgprot_t pte_prot(pte_t pte)
{
	return pte.pte & ~_PAGE_PFN_MASK;
}

static inline bool pte_none(pte_t pte)
{
	return pte.pte == 0;
}

static inline bool pte_write(pte_t pte)
{
	return pte.pte & _PAGE_WRITE;
}

static inline bool pte_young(pte_t pte)
{
	return pte.pte & _PAGE_ACCESSED;
}

static inline bool pte_dirty(pte_t pte)
{
	return pte.pte & _PAGE_DIRTY;
}

static inline pte_t pte_mkwrite(pte_t pte)
{
	return (pte_t){ pte.pte | _PAGE_WRITE };
}

static inline pte_t pte_wrprotect(pte_t pte)
{
	return (pte_t){ pte.pte & ~_PAGE_WRITE };
}

static inline pte_t pte_mkold(pte_t pte)
{
	return (pte_t){ pte.pte & ~_PAGE_ACCESSED };
}

static inline pte_t pte_mkyoung(pte_t pte)
{
	return (pte_t){ pte.pte | _PAGE_ACCESSED };
}

static inline pte_t pte_mkclean(pte_t pte)
{
	return (pte_t){ pte.pte & ~_PAGE_DIRTY };
}

static inline pte_t pte_mkdirty(pte_t pte)
{
	return (pte_t){ pte.pte | _PAGE_DIRTY };
}

/*
 * ptep_test_and_clear_young: clear the entry's accessed bit atomically (a
 * hart's page walk may be setting A or D in the same entry), saying
 * whether it was set.  As Linux's riscv ptep_clear_flush_young, no TLB
 * flush follows: a stale translation only means a later access may not set
 * A again until the entry leaves the TLB (a switch of address space, any
 * flush), which costs reclaim some precision and never correctness.
 * QEMU sets A and D itself in its page walk, as the privileged spec
 * allows; hardware that faults instead (Svade) is handled by the fault
 * path, which sets them as Linux's handle_pte_fault does.
 */
static inline bool ptep_test_and_clear_young(pte_t *ptep)
{
	if (!(ptep->pte & _PAGE_ACCESSED))
		return false;
	return __atomic_fetch_and(&ptep->pte, ~_PAGE_ACCESSED, __ATOMIC_RELAXED) & _PAGE_ACCESSED;
}

/* pte_modify: the same page with a new protection. */
static inline pte_t pte_modify(pte_t pte, pgprot_t prot)
{
	return pfn_pte(pte_pfn(pte), prot);
}

/* pgprot_wrprotect: a protection without write permission (a private page until its first write). */
static inline pgprot_t pgprot_wrprotect(pgprot_t prot)
{
	return prot & ~_PAGE_WRITE;
}

/*
 * Swap entries in page tables.  A private page written out to swap leaves
 * behind a leaf entry that is neither none nor a page: V clear, so any
 * access faults, R/W/X clear, and _PAGE_PROT_NONE clear, so it is not a
 * PROT_NONE page either; the swap area (type) and the page slot in it
 * (offset) fill the bits above:
 *
 *   63                      14 13     9   8   7 ... 1   0
 *  |        offset          |  type  | 0 |  0 ... 0  | 0 |
 *                                      PROT_NONE        V
 *
 * Linux riscv keeps its PROT_NONE mark in G (bit 5) and starts the type at
 * bit 7; rvmm's mark is the software bit 8, so the type starts above it,
 * as x86-64's does above its G-bit mark.  Offset 0 is the swap header,
 * never a slot, so no swap entry is all zeros (pte_none).
 */
#define __SWP_TYPE_SHIFT	9
#define __SWP_TYPE_BITS		5
#define __SWP_TYPE_MASK		((1UL << __SWP_TYPE_BITS) - 1)
#define __SWP_OFFSET_SHIFT	(__SWP_TYPE_SHIFT + __SWP_TYPE_BITS)

/* The arch's form of a swap entry: the PTE's own bits (Linux's swp_entry_t at this level). */
typedef struct { unsigned long val; } arch_swp_entry_t;

static inline arch_swp_entry_t __swp_entry(unsigned long type, unsigned long offset)
{
	return (arch_swp_entry_t){ (type << __SWP_TYPE_SHIFT) | (offset << __SWP_OFFSET_SHIFT) };
}

static inline unsigned long __swp_type(arch_swp_entry_t x)
{
	return (x.val >> __SWP_TYPE_SHIFT) & __SWP_TYPE_MASK;
}

static inline unsigned long __swp_offset(arch_swp_entry_t x)
{
	return x.val >> __SWP_OFFSET_SHIFT;
}

static inline arch_swp_entry_t __pte_to_swp_entry(pte_t pte)
{
	return (arch_swp_entry_t){ pte.pte };
}

static inline pte_t __swp_entry_to_pte(arch_swp_entry_t x)
{
	return (pte_t){ x.val };
}

/* is_swap_pte: a leaf entry that holds a swap entry: not none, no page behind it. */
static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_has_page(pte);
}

/* satp: MODE in bits 63..60, ASID in 59..44, root table PPN in 43..0 */
#define SATP_MODE_SHIFT	60
#define SATP_MODE_BARE	0UL
#define SATP_MODE_BARE	0UL
#define SATP_MODE_39	8UL
#define SATP_MODE_48	9UL
#define SATP_MODE_57	10UL
#define SATP_ASID_SHIFT	44
#define SATP_ASID_MASK	0xffffUL
#define SATP_PPN_MASK	((1UL << 44) - 1)

static inline unsigned long make_satp(unsigned long mode, unsigned long asid,
				      unsigned long root_pfn)
{
	return (mode << SATP_MODE_SHIFT) | ((asid & SATP_ASID_MASK) << SATP_ASID_SHIFT) |
	       (root_pfn & SATP_PPN_MASK);
}

static inline void local_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" : : : "memory");
}

/* local_flush_tlb_all_asid: forget every translation of one address space. */
static inline void local_flush_tlb_all_asid(unsigned long asid)
{
	__asm__ __volatile__("sfence.vma zero, %0" : : "r"(asid) : "memory");
}

/* local_flush_tlb_page_asid: forget one address's translation for one address space. */
static inline void local_flush_tlb_page_asid(unsigned long va, unsigned long asid)
{
	__asm__ __volatile__("sfence.vma %0, %1" : : "r"(va), "r"(asid) : "memory");
}

/*
 * flush_tlb_kernel_range: forget the translations of kernel addresses
 * [start, end).  Kernel entries are global: sfence.vma with rs2 = x0
 * reaches them in every address space.  Past a few pages one full flush
 * is cheaper than a fence per page.
 */
static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	if (end - start > 16 * 4096) {
		local_flush_tlb_all();
		return;
	}
	for (unsigned long va = start; va < end; va += 4096)
		__asm__ __volatile__("sfence.vma %0, zero" : : "r"(va) : "memory");
}

/*
 * The kernel image is linked at KERNEL_LINK_ADDR and loaded at
 * KERNEL_LOAD_ADDR: kernel symbols are at a fixed offset from their
 * physical addresses, independent of where the direct map is.  Without
 * an MMU the kernel runs where it is loaded.
 */
#define KERNEL_LOAD_ADDR	0x80200000UL
#ifdef CONFIG_MMU
#define KERNEL_LINK_ADDR	0xffffffff80200000UL
#else
#define KERNEL_LINK_ADDR	KERNEL_LOAD_ADDR
#endif
#define KERNEL_VA_PA_OFFSET	(KERNEL_LINK_ADDR - KERNEL_LOAD_ADDR)
#define __pa_symbol(x)		((phys_addr_t)((unsigned long)(x) - KERNEL_VA_PA_OFFSET))

#endif
