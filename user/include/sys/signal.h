/*
 * sys/signal.h: Linux's signals, in place of picolibc's.
 *
 * picolibc numbers signals the BSD way (SIGBUS 10, SIGCHLD 20...) and
 * gives bare-metal stand-ins: a three-field siginfo_t, a sigaction
 * without sa_sigaction, a sigset_t whose bit n is signal n.  Signals are
 * the kernel's business, so this header is Linux's instead (numbers from
 * asm-generic/signal.h, flags from signal-defs.h, siginfo_t from
 * siginfo.h), and user/lib/signal.c implements it over the rt_sig*
 * system calls.  sigset_t is one 64-bit word whose bit n - 1 is signal n,
 * the kernel's own sigset on riscv64, so it passes straight through.
 * Only <signal.h> is picolibc's still (SIG_DFL, SIG_IGN, signal, raise),
 * and it includes this one.
 */
#ifndef _RVMM_SYS_SIGNAL_H
#define _RVMM_SYS_SIGNAL_H
#define _SYS_SIGNAL_H		/* picolibc's own is never wanted */

#include <sys/cdefs.h>
#include <sys/features.h>
#include <sys/types.h>
#include <sys/_sigset.h>
#include <sys/_timespec.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if !defined(_SIGSET_T_DECLARED)
#define	_SIGSET_T_DECLARED
typedef	__sigset_t	sigset_t;
#endif

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCLD		SIGCHLD
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31
#define NSIG		65	/* one more than the highest signal, as glibc's */
#define _NSIG		NSIG

typedef void (*_sig_func_ptr)(int);

union sigval {
	int sival_int;
	void *sival_ptr;
};

struct sigevent {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	int __pad[12];
};

#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2

/* siginfo_t: Linux's 128 bytes; the fields kill, faults and children fill. */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct { pid_t _pid; uid_t _uid; union sigval _value; } _kill;
		struct { void *_addr; } _fault;
		struct { pid_t _pid; uid_t _uid; int _status; long _utime, _stime; } _chld;
		int _pad[28];
	} _sifields;
} siginfo_t;

#define si_pid		_sifields._kill._pid
#define si_uid		_sifields._kill._uid
#define si_value	_sifields._kill._value
#define si_addr		_sifields._fault._addr
#define si_status	_sifields._chld._status

#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TKILL	(-6)
#define ILL_ILLOPC	1
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

struct sigaction {
	union {
		_sig_func_ptr sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
};

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_NOMASK	SA_NODEFER
#define SA_ONESHOT	SA_RESETHAND

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact);
int sigprocmask(int how, const sigset_t *set, sigset_t *oldset);
int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *ss, stack_t *oss);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int siginterrupt(int sig, int flag);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_SIGNAL_H */
