/* include/signal.h: signals with their default actions (Linux's numbers). */
#ifndef _RVMM_SIGNAL_H
#define _RVMM_SIGNAL_H

#include <types.h>

#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGILL	4
#define SIGTRAP	5
#define SIGABRT	6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGALRM	14
#define SIGTERM	15
#define SIGCHLD	17
#define SIGCONT	18
#define SIGSTOP	19
#define SIGURG	23
#define SIGWINCH 28
#define _NSIG	64

struct task_struct;

/* send_signal: mark sig pending for t and wake it so it notices.  Ignored signals (SIGCHLD) are dropped. */
void send_signal(struct task_struct *t, int sig);
/* force_sig_fault: the current task made a fault it cannot survive: log it and kill it with sig. */
void force_sig_fault(int sig, unsigned long addr, const char *cause);
/* fatal_signal_pending: t will die when it next returns to user mode (a long kernel loop may stop early). */
bool fatal_signal_pending(const struct task_struct *t);
/* do_signal: on the way back to user space, act on pending signals (all fatal today). */
void do_signal(void);

long sys_kill(int pid, int sig);

#endif
