/*
 * kernel/riscv/nommu.c: the arch side of the no-MMU kernel.
 *
 * satp stays Bare from OpenSBI's hand-over to power-off: every address,
 * the kernel's, a device's or a user program's, is a physical address.
 * (Linux riscv without an MMU runs in M-mode with no SBI; rvmm keeps
 * OpenSBI and S-mode, so the two kernels differ only in memory
 * management.)  What kernel/riscv/mmu.c and context.c do with page tables
 * and ASIDs is nothing here; what fault.c does is reporting an access
 * fault, since nothing can be paged in.
 */
#include <asm/csr.h>
#include <memblock.h>
#include <mm.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <trap.h>
#include <uaccess.h>
#include <vmalloc.h>

unsigned int pgtable_levels;	/* none */
unsigned long satp_mode = SATP_MODE_BARE;
unsigned long page_offset;	/* the "direct map" is physical memory itself */
unsigned long task_size;
unsigned int asid_bits;
pte_t *swapper_pg_dir;

/* paging_init: nothing to build; user addresses are RAM addresses, so user space ends with RAM. */
void paging_init(void)
{
	task_size = (unsigned long)memblock_end_of_DRAM();
	pr_info("paging: none (satp = Bare): no MMU, user space is physical memory below %#lx\n",
		task_size);
}

const char *paging_describe(void)
{
	return "none (satp = Bare)";
}

/* ioremap: a device register is reached at its physical address. */
void *ioremap(phys_addr_t pa, unsigned long size)
{
	return (void *)pa;
}

void iounmap(void *addr)
{
}

void switch_mm(struct mm_struct *next)
{
}

void flush_tlb_mm(struct mm_struct *mm)
{
}

void flush_tlb_page(struct mm_struct *mm, unsigned long va)
{
}

/*
 * do_page_fault: with satp = Bare the hart raises no page faults, only
 * access faults (traps.c): should one come anyway, it is treated as one.
 */
void do_page_fault(struct pt_regs *regs)
{
	if (!(regs->status & SR_SPP))
		force_sig_fault(SIGSEGV, SEGV_MAPERR, regs->badaddr, exception_name(regs->cause));
	else
		regs->epc = search_exception_tables(regs->epc);
}
