/*
 * kernel/riscv/signal.c: the RISC-V half of signal delivery, as Linux's
 * arch/riscv/kernel/signal.c: the frame a handler runs on, rt_sigreturn,
 * and restarting an interrupted system call.
 *
 * The frame (include/asm/sigcontext.h) is Linux's rt_sigframe: siginfo,
 * then the ucontext whose mcontext holds pc and x1..x31, then two words
 * of code, `li a7, 139; ecall`, the way back.  Linux points ra at the
 * vDSO's __vdso_rt_sigreturn; rvmm has no vDSO, so ra points at the
 * frame's own code, as Linux does without an MMU.  Without an MMU the
 * code simply runs.  With one the stack is not executable (and stays
 * so): the fetch faults, and the kernel, seeing the fault at the very
 * code it wrote, at the top of the frame sp points at, does what that
 * code would have done (sigreturn_by_fault).
 */
#include <asm/csr.h>
#include <asm/sigcontext.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <trap.h>
#include <uaccess.h>

#define __NR_rt_sigreturn	139
#define INSN_LI_A7_SIGRETURN	(0x00000893u | (__NR_rt_sigreturn << 20))	/* addi a7, zero, 139 */
#define INSN_ECALL		0x00000073u

_Static_assert(offsetof(struct ucontext, uc_mcontext) == 176, "ucontext: Linux riscv64's layout");
_Static_assert(sizeof(struct sigcontext) == 256 + 528, "sigcontext: Linux riscv64's layout");
_Static_assert(sizeof(struct siginfo) == 128, "siginfo_t is 128 bytes");
_Static_assert(offsetof(struct rt_sigframe, uc) == 128, "rt_sigframe: siginfo, then ucontext");
/* user_regs_struct is a prefix of pt_regs: the frame copies one to the other. */
_Static_assert(offsetof(struct pt_regs, t6) == offsetof(struct user_regs_struct, x[30]),
	       "pt_regs and user_regs_struct must agree");

static bool on_sig_stack(const struct task_struct *t, unsigned long sp)
{
	return t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

/* get_sigframe: where the frame goes: below sp, or atop the alternate stack (SA_ONSTACK). */
static unsigned long get_sigframe(const struct k_sigaction *ka, const struct pt_regs *regs)
{
	unsigned long sp = regs->sp;

	if ((ka->flags & SA_ONSTACK) && current->sas_ss_size && !on_sig_stack(current, sp))
		sp = current->sas_ss_sp + current->sas_ss_size;
	return (sp - sizeof(struct rt_sigframe)) & ~15UL;
}

/* The frame's head: siginfo and the ucontext up to its mask, built in the kernel. */
struct frame_head {
	struct siginfo info;
	unsigned long uc_flags;
	struct ucontext __user *uc_link;
	struct sigaltstack uc_stack;
	sigset_t uc_sigmask;
};
_Static_assert(sizeof(struct frame_head) == offsetof(struct rt_sigframe, uc.uc_pad),
	       "frame_head is the frame's first bytes");

/*
 * setup_rt_frame: written in pieces rather than built whole and copied,
 * so that the 528 bytes of (unused) FP state and the padding are cleared
 * in place and the registers go straight from pt_regs.
 */
bool setup_rt_frame(int sig, const struct k_sigaction *ka, const struct siginfo *info,
		    sigset_t oldmask, struct pt_regs *regs)
{
	unsigned long addr = get_sigframe(ka, regs);
	struct rt_sigframe __user *uframe = (struct rt_sigframe __user *)addr;
	static const unsigned int code[2] = { INSN_LI_A7_SIGRETURN, INSN_ECALL };
	struct frame_head head = {
		.info = *info,
		.uc_stack = {
			(void __user *)current->sas_ss_sp,
			!current->sas_ss_size ? SS_DISABLE :
			on_sig_stack(current, regs->sp) ? SS_ONSTACK : 0,
			current->sas_ss_size,
		},
		.uc_sigmask = oldmask,
	};
	char __user *unused = (char __user *)uframe->uc.uc_pad;
	char __user *mcontext = (char __user *)&uframe->uc.uc_mcontext;

	if (copy_to_user(uframe, &head, sizeof(head)) ||
	    clear_user(unused, mcontext - unused) ||
	    copy_to_user(&uframe->uc.uc_mcontext.sc_regs, regs, sizeof(struct user_regs_struct)) ||
	    clear_user(&uframe->uc.uc_mcontext.sc_fpregs, sizeof(struct __riscv_fp_state)) ||
	    copy_to_user(uframe->sigreturn_code, code, sizeof(code)))
		return false;
	__asm__ volatile("fence.i" ::: "memory");	/* the code just written may be fetched */

	regs->epc = (unsigned long)ka->handler;
	regs->ra = (unsigned long)&uframe->sigreturn_code;
	regs->sp = addr;
	regs->a0 = sig;
	regs->a1 = (unsigned long)&uframe->info;
	regs->a2 = (unsigned long)&uframe->uc;
	return true;
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe __user *uframe = (struct rt_sigframe __user *)regs->sp;
	struct user_regs_struct r;
	sigset_t mask;

	if (copy_from_user(&r, &uframe->uc.uc_mcontext.sc_regs, sizeof(r)) ||
	    copy_from_user(&mask, &uframe->uc.uc_sigmask, sizeof(mask))) {
		send_signal(current, SIGSEGV);	/* Linux's force_sig(SIGSEGV): no way back */
		return 0;
	}
	memcpy(regs, &r, sizeof(r));	/* every user register; status stays the kernel's */
	current->blocked = mask & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	regs->cause = 0;		/* not a system call any more: nothing to restart */
	return regs->a0;		/* do_syscall stores it back into a0 */
}

bool sigreturn_by_fault(struct pt_regs *regs)
{
	const struct rt_sigframe __user *uframe = (const struct rt_sigframe __user *)regs->sp;
	unsigned int code[2];

	if (regs->epc != (unsigned long)&uframe->sigreturn_code)
		return false;
	if (copy_from_user(code, &uframe->sigreturn_code, sizeof(code)) ||
	    code[0] != INSN_LI_A7_SIGRETURN || code[1] != INSN_ECALL)
		return false;
	regs->a0 = sys_rt_sigreturn();
	return true;
}

/*
 * syscall_restart: regs return from a system call a signal interrupted.
 * -ERESTARTSYS restarts if there is no handler or it has SA_RESTART, and
 * is EINTR otherwise; -ERESTARTNOHAND (sigsuspend) restarts only if no
 * handler runs; -ERESTARTNOINTR always restarts.  Restarting is running
 * the ecall again: epc back over it, a0 its first argument again.
 */
void syscall_restart(struct pt_regs *regs, const struct k_sigaction *ka)
{
	long ret = (long)regs->a0;
	bool restart;

	if (regs->cause != EXC_SYSCALL)
		return;
	if (ret == -ERESTARTNOINTR)
		restart = true;
	else if (ret == -ERESTARTSYS)
		restart = !ka || (ka->flags & SA_RESTART);
	else if (ret == -ERESTARTNOHAND)
		restart = !ka;
	else
		return;
	regs->cause = 0;	/* decided once, whatever more signals come */
	if (restart) {
		regs->a0 = regs->orig_a0;
		regs->epc -= 4;
	} else {
		regs->a0 = -EINTR;
	}
}
