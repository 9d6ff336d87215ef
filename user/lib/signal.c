/*
 * signal.c: signals over Linux's rt_sig* system calls.
 *
 * sigset_t is the kernel's (one word, bit n - 1 for signal n), so masks
 * pass through unchanged.  struct sigaction is the program's layout and
 * is translated to riscv64's kernel one, which has no sa_restorer: the
 * kernel provides the way back from a handler itself.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "linux.h"

#define SIGSETSIZE	8	/* the kernel's sigset_t: 64 signals */

/*
 * riscv64's struct sigaction in the kernel: 24 bytes.  The spare words
 * are for qemu-user, which writes an old action with an sa_restorer
 * field the kernel does not have (8 bytes more): without them that
 * write lands on the caller's saved registers.
 */
struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	unsigned long mask;
	unsigned long qemu_spare[2];
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact)
{
	struct kernel_sigaction kact = { 0 }, kold = { 0 };
	long r;

	if (act) {
		kact.handler = (void *)act->sa_handler;
		kact.flags = (unsigned int)act->sa_flags;
		kact.mask = act->sa_mask;
	}
	r = __sys4(SYS_rt_sigaction, sig, act ? &kact : NULL, oldact ? &kold : NULL, SIGSETSIZE);
	if (r == 0 && oldact) {
		oldact->sa_handler = (_sig_func_ptr)kold.handler;
		oldact->sa_flags = (int)kold.flags;
		oldact->sa_mask = kold.mask;
	}
	return __sys_ret(r);
}

/* signal: BSD semantics, as glibc's: the handler stays, interrupted calls restart. */
_sig_func_ptr signal(int sig, _sig_func_ptr handler)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART }, old = { 0 };

	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, sig);
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int siginterrupt(int sig, int flag)
{
	struct sigaction sa = { 0 };

	if (sigaction(sig, NULL, &sa) < 0)
		return -1;
	if (flag)
		sa.sa_flags &= ~SA_RESTART;
	else
		sa.sa_flags |= SA_RESTART;
	return sigaction(sig, &sa, NULL);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oldset)
{
	return __sys_ret(__sys4(SYS_rt_sigprocmask, how, set, oldset, SIGSETSIZE));
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset)
{
	long r = __sys4(SYS_rt_sigprocmask, how, set, oldset, SIGSETSIZE);

	return r < 0 ? __errno_from_linux((int)-r) : 0;
}

int sigpending(sigset_t *set)
{
	return __sys_ret(__sys2(SYS_rt_sigpending, set, SIGSETSIZE));
}

int sigsuspend(const sigset_t *mask)
{
	return __sys_ret(__sys2(SYS_rt_sigsuspend, mask, SIGSETSIZE));
}

int sigaltstack(const stack_t *ss, stack_t *oss)
{
	return __sys_ret(__sys2(SYS_sigaltstack, ss, oss));
}

/* raise: as glibc's, a signal to this very thread. */
int raise(int sig)
{
	long pid = __sys0(SYS_getpid);

	return __sys_ret(__sys3(SYS_tgkill, pid, __sys0(SYS_gettid), sig));
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

int waitid(idtype_t idtype, id_t id, siginfo_t *infop, int options)
{
	return __sys_ret(__sys6(SYS_waitid, idtype, id, (long)infop, options, 0, 0));
}

static int bad_signal(int sig)
{
	if (sig >= 1 && sig < NSIG)
		return 0;
	errno = EINVAL;
	return -1;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t)0;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set |= 1UL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set &= ~(1UL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (*set >> (sig - 1)) & 1;
}
