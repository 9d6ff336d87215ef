/*
 * kernel/riscv/traps.c: what happens on a trap.  Interrupts are
 * dispatched (the timer's, and devices' through the PLIC); a system call is served; a page fault
 * goes to do_page_fault (fault.c); any other exception from a program ends
 * it with the signal Linux would send.  An exception in the kernel is a
 * bug, reported in full before the kernel panics, unless it is a user
 * access with a fix-up (copy_*_user), which then fails with EFAULT.
 */
#include <asm/csr.h>
#include <errno.h>
#include <irq.h>
#include <power.h>
#include <mm_user.h>
#include <pgtable.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <task_stack.h>
#include <uaccess.h>
#include <vmalloc.h>
#include <stddef.h>
#include <stdio.h>
#include <timer.h>
#include <trap.h>

void handle_exception(void);		/* entry.S */
void do_trap(struct pt_regs *regs);	/* called by entry.S only */
long do_syscall(struct pt_regs *regs);	/* kernel/syscall.c */
void do_page_fault(struct pt_regs *regs);	/* fault.c, or nommu.c without an MMU */
bool sigreturn_by_fault(struct pt_regs *regs);	/* signal.c */

/* entry.S saves xN at N * 8 and the CSRs after x31: keep both in step. */
#define PT_CHECK(field, slot) \
	_Static_assert(offsetof(struct pt_regs, field) == (slot) * 8, \
		       "pt_regs." #field " moved: fix kernel/riscv/entry.S")
PT_CHECK(epc, 0);
PT_CHECK(ra, 1);
PT_CHECK(sp, 2);
PT_CHECK(tp, 4);
PT_CHECK(t0, 5);
PT_CHECK(s0, 8);
PT_CHECK(a0, 10);
PT_CHECK(a7, 17);
PT_CHECK(s2, 18);
PT_CHECK(s11, 27);
PT_CHECK(t3, 28);
PT_CHECK(t6, 31);
PT_CHECK(status, 32);
PT_CHECK(badaddr, 33);
PT_CHECK(cause, 34);
PT_CHECK(orig_a0, 35);
_Static_assert(sizeof(struct pt_regs) == 36 * 8 && sizeof(struct pt_regs) % 16 == 0,
	       "pt_regs size: fix PT_SIZE in kernel/riscv/entry.S (sp stays 16-byte aligned)");

static const char *const exception_names[] = {
	[EXC_INST_MISALIGNED]	 = "Instruction address misaligned",
	[EXC_INST_ACCESS]	 = "Instruction access fault",
	[EXC_INST_ILLEGAL]	 = "Illegal instruction",
	[EXC_BREAKPOINT]	 = "Breakpoint",
	[EXC_LOAD_MISALIGNED]	 = "Load address misaligned",
	[EXC_LOAD_ACCESS]	 = "Load access fault",
	[EXC_STORE_MISALIGNED]	 = "Store/AMO address misaligned",
	[EXC_STORE_ACCESS]	 = "Store/AMO access fault",
	[EXC_SYSCALL]		 = "Environment call from U-mode",
	/* Cause 9 is the S-mode ecall; the macro is named from a hypervisor's view. */
	[EXC_HYPERVISOR_SYSCALL] = "Environment call from S-mode",
	[EXC_INST_PAGE_FAULT]	 = "Instruction page fault",
	[EXC_LOAD_PAGE_FAULT]	 = "Load page fault",
	[EXC_STORE_PAGE_FAULT]	 = "Store/AMO page fault",
};

static const char *const interrupt_names[] = {
	[IRQ_S_SOFT]	= "Supervisor software interrupt",
	[IRQ_S_TIMER]	= "Supervisor timer interrupt",
	[IRQ_S_EXT]	= "Supervisor external interrupt",
};

const char *exception_name(unsigned long cause)
{
	unsigned long code = cause & ~CAUSE_IRQ_FLAG;
	const char *name = NULL;

	if (cause & CAUSE_IRQ_FLAG) {
		if (code < ARRAY_SIZE(interrupt_names))
			name = interrupt_names[code];
		return name ? name : "Unknown interrupt";
	}
	if (code < ARRAY_SIZE(exception_names))
		name = exception_names[code];
	return name ? name : "Unknown exception";
}

/* ABI names of x0..x31; x0's slot in pt_regs holds epc. */
static const char *const reg_names[32] = {
	"epc", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

void show_regs(const struct pt_regs *regs)
{
	const unsigned long *r = (const unsigned long *)regs;
	char line[96];
	int n = 0;

	for (int i = 0; i < 32; i++) {
		n += snprintf(line + n, sizeof(line) - n, " %-3s: %016lx",
			      reg_names[i], r[i]);
		if (i % 3 == 2 || i == 31) {	/* three registers a line */
			pr_emerg("%s\n", line);
			n = 0;
		}
	}
	pr_emerg(" sstatus: %016lx stval: %016lx scause: %016lx\n",
		 regs->status, regs->badaddr, regs->cause);
}

static void do_interrupt(struct pt_regs *regs)
{
	static unsigned long warned;	/* one bit per interrupt code */
	unsigned long code = regs->cause & ~CAUSE_IRQ_FLAG;

	if (code == IRQ_S_TIMER) {
		account_process_tick(!(regs->status & SR_SPP));
		timer_interrupt();
		return;
	}
	if (code == IRQ_S_EXT) {
		plic_handle_irq();
		return;
	}
	/*
	 * Nobody handles it, and a level-triggered source stays pending: mask
	 * it in sie, or returning would trap again at once, forever.
	 */
	if (code < 64)
		csr_clear(sie, 1UL << code);
	if (code < 64 && !(warned & (1UL << code))) {
		warned |= 1UL << code;
		pr_warn("do_trap: unexpected %s (scause=%#lx), masked\n",
			exception_name(regs->cause), regs->cause);
	}
}

static bool is_memory_fault(unsigned long cause);

/* describe_address: for an oops, what a faulting kernel address belongs to. */
static void describe_address(unsigned long addr)
{
	unsigned long base = (unsigned long)current->stack;
	char what[160];

	if (addr < base && addr >= base - PAGE_SIZE)
		pr_emerg("%#lx is just below %s[%d]'s kernel stack [%#lx..%#lx]\n", addr,
			 current->comm, current->pid, base, base + THREAD_SIZE);
	if (vmalloc_describe(addr, what, sizeof(what)))
		pr_emerg("%s\n", what);
}

/*
 * The stack the trap entry moves to when a kernel stack has overflowed
 * (entry.S); one, since one hart runs the kernel (Linux has one per cpu).
 */
unsigned long overflow_stack[OVERFLOW_STACK_SIZE / sizeof(unsigned long)] __aligned(16);
void handle_bad_stack(struct pt_regs *regs);

/*
 * handle_bad_stack: the trap entry found sp below the current kernel
 * stack (entry.S).  Report as Linux riscv does, and what overflowed where,
 * then panic.  regs->sp is the overflowed sp.
 */
void handle_bad_stack(struct pt_regs *regs)
{
	static bool reporting;
	unsigned long base = (unsigned long)current->stack;
	unsigned long ovf = (unsigned long)overflow_stack;

	if (reporting) {	/* a fault while reporting: the overflow stack is not to be trusted */
		pr_emerg("Nested exception while reporting a kernel stack overflow (sepc=%#lx)\n",
			 regs->epc);
		machine_power_off(EXIT_PANIC);
	}
	reporting = true;
	pr_emerg("Insufficient stack space to handle exception!\n");
	pr_emerg("%s[%d]: kernel stack overflow: sp %#lx, %s at %#lx (sepc=%#lx)\n",
		 current->comm, current->pid, regs->sp, exception_name(regs->cause),
		 regs->badaddr, regs->epc);
	pr_emerg("Task stack:     [0x%016lx..0x%016lx]\n", base, base + THREAD_SIZE);
	if (is_vmalloc_addr((void *)base))
		pr_emerg("Guard page:     [0x%016lx..0x%016lx] (never mapped)\n",
			 base - PAGE_SIZE, base);
	pr_emerg("Overflow stack: [0x%016lx..0x%016lx]\n", ovf, ovf + OVERFLOW_STACK_SIZE);
	if (is_memory_fault(regs->cause))
		describe_address(regs->badaddr);
	show_regs(regs);
	dump_stack_from(regs->s0, regs->epc);
	panic("Kernel stack overflow");
}

static void __noreturn do_exception(struct pt_regs *regs)
{
	static bool reporting;

	/* A fault while reporting a fault: say so and stop before recursing. */
	if (reporting) {
		pr_emerg("Nested exception: %s (scause=%#lx, sepc=%#lx, stval=%#lx)\n",
			 exception_name(regs->cause), regs->cause, regs->epc,
			 regs->badaddr);
		machine_power_off(EXIT_PANIC);
	}
	reporting = true;
	pr_emerg("Unhandled exception: %s (scause=%#lx, sepc=%#lx, stval=%#lx)\n",
		 exception_name(regs->cause), regs->cause, regs->epc, regs->badaddr);
	if (is_memory_fault(regs->cause))
		describe_address(regs->badaddr);
	show_regs(regs);
	dump_stack_from(regs->s0, regs->epc);
	panic("Fatal exception");
}

static bool is_page_fault(unsigned long cause)
{
	return cause == EXC_INST_PAGE_FAULT || cause == EXC_LOAD_PAGE_FAULT ||
	       cause == EXC_STORE_PAGE_FAULT;
}

static bool is_memory_fault(unsigned long cause)
{
	return cause == EXC_INST_PAGE_FAULT || cause == EXC_LOAD_PAGE_FAULT ||
	       cause == EXC_STORE_PAGE_FAULT || cause == EXC_INST_ACCESS ||
	       cause == EXC_LOAD_ACCESS || cause == EXC_STORE_ACCESS;
}

/*
 * do_user_exception: a trap from user mode.  A system call is served; a
 * fault the kernel cannot resolve ends the process with the signal Linux
 * would send, never the kernel.
 */
static void do_user_exception(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;

	if (cause == EXC_SYSCALL) {
		regs->epc += 4;			/* return past the ecall */
		regs->a0 = (unsigned long)do_syscall(regs);
		return;
	}
	if (cause == EXC_INST_PAGE_FAULT && sigreturn_by_fault(regs))
		return;				/* a handler returned (kernel/riscv/signal.c) */
	if (is_page_fault(cause))
		do_page_fault(regs);
	else if (is_memory_fault(cause))
		force_sig_fault(SIGSEGV, SEGV_ACCERR, regs->badaddr, exception_name(cause));
	else if (cause == EXC_INST_ILLEGAL)
		force_sig_fault(SIGILL, ILL_ILLOPC, regs->epc, exception_name(cause));
	else if (cause == EXC_BREAKPOINT)
		force_sig_fault(SIGTRAP, TRAP_BRKPT, regs->epc, exception_name(cause));
	else
		force_sig_fault(SIGBUS, BUS_ADRALN, regs->badaddr, exception_name(cause));
}

/* syscall_interrupted: a system call's result that asks the signal code to restart it or say EINTR. */
static inline bool syscall_interrupted(unsigned long ret)
{
	long r = (long)ret;

	return r == -ERESTARTSYS || r == -ERESTARTNOINTR || r == -ERESTARTNOHAND;
}

/*
 * exit_to_user_mode: before returning to user mode, give way if asked and
 * act on signals.  do_signal also runs after a system call that a signal
 * interrupted (-ERESTART*) even with nothing pending any more, so that it
 * restarts whatever became of the signal (a stop, then SIGCONT); other
 * calls return without it (getpid is a dozen instructions from here).
 */
static void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (need_resched) {
			schedule();
			continue;
		}
		if (signal_pending(current) ||
		    (regs->cause == EXC_SYSCALL && syscall_interrupted(regs->a0))) {
			do_signal(regs);
			if (signal_pending(current))
				continue;
		}
		return;
	}
}

void do_trap(struct pt_regs *regs)
{
	bool from_user = !(regs->status & SR_SPP);

	/*
	 * The canary below the kernel stack.  A trap from user mode finds the
	 * stack empty, and whatever the kernel did before was checked at the
	 * switch or kernel trap after it: only a kernel trap needs a look.
	 */
	if (!from_user)
		check_stack_end(current, "trap entry");
	if (from_user)
		user_stack_check();	/* no MMU: did the program write below its stack? */
	if (regs->cause & CAUSE_IRQ_FLAG) {
		do_interrupt(regs);
	} else if (from_user) {
		do_user_exception(regs);
	} else {
		/*
		 * A kernel access to user memory may fault by design: a page
		 * fault maps the page as for the user (it may just not be
		 * touched yet), or else resumes at the fix-up (-EFAULT).
		 */
		unsigned long fixup = is_memory_fault(regs->cause) ?
				      search_exception_tables(regs->epc) : 0;

		if (!fixup)
			do_exception(regs);
		if (is_page_fault(regs->cause))
			do_page_fault(regs);
		else
			regs->epc = fixup;
	}
	if (from_user)
		exit_to_user_mode(regs);
}

void trap_init(void)
{
	/* The future U-mode entry reads sscratch == 0 as "trapped from the kernel". */
	csr_write(sscratch, 0);
	csr_write(stvec, (unsigned long)handle_exception);
	if (csr_read(stvec) != (unsigned long)handle_exception)
		panic("trap_init: stvec refused %p", handle_exception);
}
