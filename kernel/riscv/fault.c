/*
 * kernel/riscv/fault.c: the page-fault handler, as Linux's
 * arch/riscv/mm/fault.c.  Both kinds of page fault come here: a user
 * program touching its memory, and the kernel touching user memory in
 * copy_*_user (traps.c sends only faults with a fix-up entry; any other
 * kernel fault is a bug and is reported there).  The VMA decides: no VMA
 * or one that forbids the access is SIGSEGV for a program and EFAULT for
 * the kernel's copy; otherwise mm/memory.c maps the page.
 */
#include <asm/csr.h>
#include <mm_user.h>
#include <oom.h>
#include <pgtable.h>
#include <sched.h>
#include <signal.h>
#include <trap.h>
#include <uaccess.h>

/*
 * access_error: does vma forbid this access?  RISC-V has execute-only
 * pages, so a load needs read permission (or write, which implies read:
 * W without R cannot be encoded), and an instruction fetch needs exec.
 */
static bool access_error(unsigned long cause, const struct vm_area_struct *vma)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
		return !(vma->vm_flags & VM_EXEC);
	case EXC_LOAD_PAGE_FAULT:
		return !(vma->vm_flags & (VM_READ | VM_WRITE));
	case EXC_STORE_PAGE_FAULT:
		return !(vma->vm_flags & VM_WRITE);
	default:
		return true;
	}
}

static unsigned int fault_flags(unsigned long cause)
{
	return cause == EXC_STORE_PAGE_FAULT ? FAULT_FLAG_WRITE :
	       cause == EXC_INST_PAGE_FAULT ? FAULT_FLAG_INSTRUCTION : 0;
}

/* bad_access: the access cannot be served: a signal for a program, the fix-up (EFAULT) for the kernel. */
static void bad_access(struct pt_regs *regs, bool user, int sig, int code, const char *why)
{
	if (user)
		force_sig_fault(sig, code, regs->badaddr, why);
	else
		regs->epc = search_exception_tables(regs->epc);
}

void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr, cause = regs->cause;
	bool user = !(regs->status & SR_SPP);
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	vm_fault_t fault;

	if (!mm || addr >= task_size) {
		bad_access(regs, user, SIGSEGV, SEGV_MAPERR, exception_name(cause));
		return;
	}
	vma = find_vma(mm, addr);
	if (!vma || (addr < vma->vm_start && expand_stack(vma, addr))) {
		bad_access(regs, user, SIGSEGV, SEGV_MAPERR, exception_name(cause));
		return;
	}
	if (access_error(cause, vma)) {
		bad_access(regs, user, SIGSEGV, SEGV_ACCERR, exception_name(cause));
		return;
	}
	fault = handle_mm_fault(vma, addr, fault_flags(cause));
	if (!(fault & VM_FAULT_ERROR)) {
		/*
		 * getrusage's ru_minflt and ru_majflt, as Linux's
		 * mm_account_fault: a fault served, major if it waited for a
		 * read from swap.
		 */
		if (fault & VM_FAULT_MAJOR)
			current->maj_flt++;
		else
			current->min_flt++;
		return;		/* mapped: the access runs again */
	}
	if ((fault & VM_FAULT_OOM) && user) {
		pagefault_out_of_memory();	/* the OOM killer has run: retry, never SIGBUS */
		return;
	}
	if (fault & VM_FAULT_OOM)
		bad_access(regs, user, SIGBUS, BUS_ADRERR, "out of memory");	/* copy_*_user: EFAULT */
	else if (fault & VM_FAULT_SIGBUS)
		bad_access(regs, user, SIGBUS, BUS_ADRERR, "past the end of the mapped file");
	else
		bad_access(regs, user, SIGSEGV, SEGV_ACCERR, exception_name(cause));
}
