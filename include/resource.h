/*
 * include/resource.h: per-process resource limits (Linux's
 * uapi/asm-generic/resource.h numbers and include/linux/sched/signal.h's
 * rlimit()).  Each process has a soft limit (what is enforced) and a hard
 * one (the most the soft one may be raised to); fork copies them and exec
 * keeps them (kernel/rlimit.c).
 */
#ifndef _RVMM_RESOURCE_H
#define _RVMM_RESOURCE_H

#include <types.h>
#include <uaccess.h>

#define RLIMIT_CPU		0	/* seconds of cpu time */
#define RLIMIT_FSIZE		1	/* largest file */
#define RLIMIT_DATA		2	/* private writable memory: brk and mappings (may_expand_vm) */
#define RLIMIT_STACK		3	/* the stack's size: its growth and exec's reserve */
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7	/* descriptors are below it: EMFILE */
#define RLIMIT_MEMLOCK		8	/* mlock'ed bytes (not for root: CAP_IPC_LOCK) */
#define RLIMIT_AS		9	/* the address space's size: mmap, brk, mremap, stack */
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIM_NLIMITS		16

#define RLIM_INFINITY		(~0UL)

/* The 64-bit layout getrlimit, setrlimit and prlimit64 all use on riscv64. */
struct rlimit {
	unsigned long rlim_cur;		/* soft: what is enforced */
	unsigned long rlim_max;		/* hard: the ceiling of rlim_cur */
};

/* sysctl fs.nr_open's default: no descriptor limit may exceed it (EPERM). */
#define NR_OPEN			(1024 * 1024)

/* rlimit: current's soft limit for resource (Linux's name), RLIM_INFINITY if none. */
unsigned long rlimit(unsigned int resource);
/* rlimit_max: current's hard limit for resource. */
unsigned long rlimit_max(unsigned int resource);
/*
 * INIT_RLIMITS: Linux's (include/asm-generic/resource.h), which the first
 * task starts with and every task inherits: an 8 MiB stack, no core
 * files, 1024 descriptors (4096 hard), 8 MiB of mlock (MLOCK_LIMIT),
 * 800 KiB of message queues, nothing else limited.  Linux sizes NPROC and
 * SIGPENDING from its memory at boot; rvmm enforces neither and leaves
 * them unlimited.
 */
#define INIT_RLIMITS {							\
	[RLIMIT_CPU]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_FSIZE]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_DATA]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_STACK]		= { 8UL << 20, RLIM_INFINITY },		\
	[RLIMIT_CORE]		= { 0, RLIM_INFINITY },			\
	[RLIMIT_RSS]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_NPROC]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_NOFILE]		= { 1024, 4096 },			\
	[RLIMIT_MEMLOCK]	= { 8UL << 20, 8UL << 20 },		\
	[RLIMIT_AS]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_LOCKS]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_SIGPENDING]	= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_MSGQUEUE]	= { 819200, 819200 },			\
	[RLIMIT_NICE]		= { 0, 0 },				\
	[RLIMIT_RTPRIO]		= { 0, 0 },				\
	[RLIMIT_RTTIME]		= { RLIM_INFINITY, RLIM_INFINITY },	\
}

/*
 * capable: does current hold the capability?  rvmm runs everything as
 * root with every capability, as a root shell on Linux: CAP_IPC_LOCK
 * (mlock beyond RLIMIT_MEMLOCK), CAP_SYS_RESOURCE (raise a hard limit),
 * CAP_SYS_ADMIN (swapon, swapoff).
 */
#define CAP_IPC_LOCK		14
#define CAP_SYS_ADMIN		21
#define CAP_SYS_RESOURCE	24
static inline bool capable(int cap)
{
	(void)cap;
	return true;
}

long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_prlimit64(int pid, unsigned int resource, const struct rlimit __user *new_rlim,
		   struct rlimit __user *old_rlim);

#endif
