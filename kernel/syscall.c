/*
 * kernel/syscall.c: system-call dispatch, with Linux riscv64's numbers
 * (asm-generic/unistd.h): a7 holds the number, a0-a5 the arguments, and
 * a0 the result, a negative errno on failure.
 */
#include <binfmts.h>
#include <errno.h>
#include <futex.h>
#include <mm_user.h>
#include <printk.h>
#include <resource.h>
#include <sched.h>
#include <signal.h>
#include <swap.h>
#include <syscall_table.h>
#include <syscalls.h>
#include <trap.h>

typedef long (*syscall_t)(unsigned long, unsigned long, unsigned long,
			  unsigned long, unsigned long, unsigned long);

/*
 * Every handler takes its own typed arguments; the table calls them all
 * the same way, with the six registers as they came (arguments are in
 * a0-a5 either way).  The cast goes through void (*)(void) to say so.
 * What the calling convention does not give for free is narrow_args below.
 */
#define SYSCALL(nr, fn) [nr] = (syscall_t)(void (*)(void))(fn)

/*
 * narrow_args: the arguments a handler declares narrower than a register.
 * RV64's calling convention keeps a 32-bit value sign-extended in its
 * register and a 16-bit unsigned one zero-extended, and compiled code
 * relies on it; a program may put anything in the upper bits.  Linux's
 * SYSCALL_DEFINE casts each argument to its declared type, so that
 * kill((1L << 32) | pid, 0) signals pid: do_syscall does the same from
 * this table.  W(i): argument i is int or unsigned int; H(i): umode_t.
 */
#define W(i)	(1u << (i))
#define H(i)	(1u << ((i) + 8))
static const u16 narrow_args[__NR_syscalls] = {
	[__NR_exit] = W(0), [__NR_exit_group] = W(0),
	[__NR_wait4] = W(0) | W(2), [__NR_kill] = W(0) | W(1),
	[__NR_waitid] = W(0) | W(1) | W(3), [__NR_tkill] = W(0) | W(1),
	[__NR_tgkill] = W(0) | W(1) | W(2), [__NR_rt_sigaction] = W(0), [__NR_rt_sigprocmask] = W(0),
	[__NR_clock_gettime] = W(0), [__NR_syslog] = W(0) | W(2),
	[__NR_reboot] = W(0) | W(1) | W(2),
	[__NR_openat] = W(0) | W(2) | H(3), [__NR_close] = W(0), [__NR_ftruncate] = W(0),
	[__NR_read] = W(0), [__NR_write] = W(0), [__NR_lseek] = W(0) | W(2),
	[__NR_fstat] = W(0), [__NR_newfstatat] = W(0) | W(3), [__NR_readlinkat] = W(0) | W(3),
	[__NR_getdents64] = W(0) | W(2), [__NR_dup] = W(0), [__NR_dup3] = W(0) | W(1) | W(2),
	[__NR_pipe2] = W(1), [__NR_mkdirat] = W(0) | H(2), [__NR_mknodat] = W(0) | H(2) | W(3),
	[__NR_unlinkat] = W(0) | W(2), [__NR_msync] = W(2), [__NR_madvise] = W(2), [__NR_swapon] = W(1),
	[__NR_ioctl] = W(0) | W(1), [__NR_setpgid] = W(0) | W(1), [__NR_getpgid] = W(0),
	[__NR_getsid] = W(0), [__NR_getrlimit] = W(0), [__NR_setrlimit] = W(0),
	[__NR_prlimit64] = W(0) | W(1), [__NR_mlock2] = W(2), [__NR_mlockall] = W(0),
	[__NR_futex] = W(1) | W(2) | W(5),
	[__NR_fcntl] = W(0) | W(1), [__NR_symlinkat] = W(1), [__NR_linkat] = W(0) | W(2) | W(4),
	[__NR_renameat2] = W(0) | W(2) | W(4), [__NR_faccessat] = W(0) | W(2),
	[__NR_faccessat2] = W(0) | W(2) | W(3), [__NR_pread64] = W(0), [__NR_pwrite64] = W(0),
	[__NR_fsync] = W(0), [__NR_fdatasync] = W(0), [__NR_umask] = W(0),
	[__NR_clock_getres] = W(0), [__NR_clock_settime] = W(0),
	[__NR_clock_nanosleep] = W(0) | W(1), [__NR_getrusage] = W(0),
	[__NR_perf_event_open] = W(1) | W(2) | W(3),
};

/* narrow: regs a0-a5 as the handler's declared types expect them. */
static void narrow(unsigned long a[6], unsigned int mask)
{
	for (int i = 0; i < 6; i++) {
		if (mask & W(i))
			a[i] = (unsigned long)(long)(int)a[i];
		else if (mask & H(i))
			a[i] = (u16)a[i];
	}
}

static const syscall_t sys_call_table[__NR_syscalls] = {
	SYSCALL(__NR_exit, sys_exit),
	SYSCALL(__NR_exit_group, sys_exit_group),
	SYSCALL(__NR_set_tid_address, sys_set_tid_address),
	SYSCALL(__NR_futex, sys_futex),
	SYSCALL(__NR_wait4, sys_wait4),
	SYSCALL(__NR_clone, sys_clone),
	SYSCALL(__NR_kill, sys_kill),
	SYSCALL(__NR_tkill, sys_tkill),
	SYSCALL(__NR_tgkill, sys_tgkill),
	SYSCALL(__NR_waitid, sys_waitid),
	SYSCALL(__NR_rt_sigaction, sys_rt_sigaction),
	SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask),
	SYSCALL(__NR_rt_sigpending, sys_rt_sigpending),
	SYSCALL(__NR_rt_sigsuspend, sys_rt_sigsuspend),
	SYSCALL(__NR_sigaltstack, sys_sigaltstack),
	SYSCALL(__NR_rt_sigreturn, sys_rt_sigreturn),
	SYSCALL(__NR_gettid, sys_gettid),
	SYSCALL(__NR_getpid, sys_getpid),
	SYSCALL(__NR_getppid, sys_getppid),
	SYSCALL(__NR_sched_yield, sys_sched_yield),
	SYSCALL(__NR_nanosleep, sys_nanosleep),
	SYSCALL(__NR_clock_gettime, sys_clock_gettime),
	SYSCALL(__NR_gettimeofday, sys_gettimeofday),
	SYSCALL(__NR_brk, sys_brk),
	SYSCALL(__NR_uname, sys_uname),
	SYSCALL(__NR_setpgid, sys_setpgid),
	SYSCALL(__NR_getpgid, sys_getpgid),
	SYSCALL(__NR_getsid, sys_getsid),
	SYSCALL(__NR_setsid, sys_setsid),
	SYSCALL(__NR_getrlimit, sys_getrlimit),
	SYSCALL(__NR_setrlimit, sys_setrlimit),
	SYSCALL(__NR_prlimit64, sys_prlimit64),
	SYSCALL(__NR_clock_getres, sys_clock_getres),
	SYSCALL(__NR_clock_settime, sys_clock_settime),
	SYSCALL(__NR_clock_nanosleep, sys_clock_nanosleep),
	SYSCALL(__NR_times, sys_times),
	SYSCALL(__NR_getrusage, sys_getrusage),
	SYSCALL(__NR_perf_event_open, sys_perf_event_open),
	SYSCALL(__NR_getuid, sys_getuid),
	SYSCALL(__NR_geteuid, sys_geteuid),
	SYSCALL(__NR_getgid, sys_getgid),
	SYSCALL(__NR_getegid, sys_getegid),
	SYSCALL(__NR_sysinfo, sys_sysinfo),
	FILE_SYSCALLS
};

long do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->a7;
	long ret;

	if (nr >= __NR_syscalls || !sys_call_table[nr]) {
		pr_debug("%s[%d]: unknown system call %lu\n", current->comm, current->pid, nr);
		return -ENOSYS;
	}
	if (unlikely(narrow_args[nr])) {
		unsigned long a[6] = { regs->a0, regs->a1, regs->a2, regs->a3, regs->a4, regs->a5 };

		narrow(a, narrow_args[nr]);
		ret = sys_call_table[nr](a[0], a[1], a[2], a[3], a[4], a[5]);
	} else {
		ret = sys_call_table[nr](regs->a0, regs->a1, regs->a2, regs->a3, regs->a4, regs->a5);
	}
	/* -ERESTARTSYS and friends stay: do_signal restarts the call or makes it EINTR. */
	return ret;
}
