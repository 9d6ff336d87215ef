/*
 * include/asm/sigcontext.h: what a RISC-V signal handler finds on its
 * stack, in Linux riscv64's layout (uapi asm/sigcontext.h, asm/ucontext.h,
 * asm/ptrace.h), so that a program's ucontext_t reads the same on both.
 */
#ifndef _RVMM_ASM_SIGCONTEXT_H
#define _RVMM_ASM_SIGCONTEXT_H

#include <signal.h>

/* user_regs_struct: pc and x1..x31, a prefix of struct pt_regs (epc is x0's slot). */
struct user_regs_struct {
	unsigned long pc;
	unsigned long x[31];
};

/*
 * union __riscv_fp_state sized for the Q extension: 32 128-bit registers,
 * fcsr and three reserved words.  rvmm runs programs with the FPU off, so
 * it is zero in every frame and ignored by sigreturn.
 */
struct __riscv_fp_state {
	unsigned long long f[64] __attribute__((aligned(16)));
	unsigned int fcsr;
	unsigned int reserved[3];
};

struct sigcontext {
	struct user_regs_struct sc_regs;
	struct __riscv_fp_state sc_fpregs;
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext __user *uc_link;
	struct sigaltstack uc_stack;
	sigset_t uc_sigmask;
	unsigned char uc_pad[1024 / 8 - sizeof(sigset_t)];	/* Linux's __unused: room for a larger sigset_t */
	struct sigcontext uc_mcontext;
};

/*
 * rt_sigframe: Linux's {siginfo, ucontext}, then the return trampoline
 * (Linux puts it here too when built without an MMU; with one it uses the
 * vDSO, which rvmm does not have).
 */
struct rt_sigframe {
	struct siginfo info;
	struct ucontext uc;
	unsigned int sigreturn_code[2];
};

#endif
