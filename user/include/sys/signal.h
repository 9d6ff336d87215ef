/*
 * sys/signal.h: picolibc's, with Linux's signal numbers.
 *
 * picolibc numbers signals the BSD way (SIGBUS 10, SIGCHLD 20, SIGUSR1
 * 30...).  Signal numbers only pass through the C library (kill, raise,
 * wait statuses), so programs use the kernel's numbers directly: kill -10
 * means SIGUSR1 as on Linux, and WTERMSIG() needs no translation.
 * Numbers are from Linux's asm-generic/signal.h.
 */
#ifndef _RVMM_SYS_SIGNAL_H
#define _RVMM_SYS_SIGNAL_H

#include_next <sys/signal.h>

#undef SIGBUS
#undef SIGUSR1
#undef SIGUSR2
#undef SIGCHLD
#undef SIGCLD
#undef SIGCONT
#undef SIGSTOP
#undef SIGTSTP
#undef SIGURG
#undef SIGIO
#undef SIGPOLL
#undef SIGSYS
#undef SIGEMT	/* not a Linux signal */
#undef SIGLOST	/* not a Linux signal */

#define SIGBUS		7
#define SIGUSR1		10
#define SIGUSR2		12
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCLD		SIGCHLD
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGURG		23
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31

#endif /* _RVMM_SYS_SIGNAL_H */
