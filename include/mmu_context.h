/* include/mmu_context.h: which address space the hart translates with. */
#ifndef _RVMM_MMU_CONTEXT_H
#define _RVMM_MMU_CONTEXT_H

struct mm_struct;

/* switch_mm: load next's page table (NULL: the kernel's own), with its ASID. */
void switch_mm(struct mm_struct *next);
/* flush_tlb_mm: forget every translation of mm's address space. */
void flush_tlb_mm(struct mm_struct *mm);
/* flush_tlb_page: forget mm's translation of one user address. */
void flush_tlb_page(struct mm_struct *mm, unsigned long va);

#endif
