/*
 * kernel/syscall.c: system-call dispatch, with Linux riscv64's numbers
 * (asm-generic/unistd.h): a7 holds the number, a0-a5 the arguments, and
 * a0 the result, a negative errno on failure.
 */
#include <binfmts.h>
#include <errno.h>
#include <mm_user.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <syscall_table.h>
#include <syscalls.h>
#include <trap.h>

typedef long (*syscall_t)(unsigned long, unsigned long, unsigned long,
			  unsigned long, unsigned long, unsigned long);

/*
 * Every handler takes its own typed arguments; the table calls them all
 * the same way, which the calling convention makes safe (arguments are in
 * a0-a5 either way).  The cast goes through void (*)(void) to say so.
 */
#define SYSCALL(nr, fn) [nr] = (syscall_t)(void (*)(void))(fn)

static const syscall_t sys_call_table[__NR_syscalls] = {
	SYSCALL(__NR_exit, sys_exit_group),	/* no threads: exit ends the process */
	SYSCALL(__NR_exit_group, sys_exit_group),
	SYSCALL(__NR_wait4, sys_wait4),
	SYSCALL(__NR_clone, sys_clone),
	SYSCALL(__NR_kill, sys_kill),
	SYSCALL(__NR_getpid, sys_getpid),
	SYSCALL(__NR_getppid, sys_getppid),
	SYSCALL(__NR_sched_yield, sys_sched_yield),
	SYSCALL(__NR_nanosleep, sys_nanosleep),
	SYSCALL(__NR_clock_gettime, sys_clock_gettime),
	SYSCALL(__NR_gettimeofday, sys_gettimeofday),
	SYSCALL(__NR_brk, sys_brk),
	SYSCALL(__NR_uname, sys_uname),
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
	ret = sys_call_table[nr](regs->a0, regs->a1, regs->a2, regs->a3, regs->a4, regs->a5);
	/* No handler can restart a call (signals only terminate): report the interruption. */
	return ret == -ERESTARTSYS ? -EINTR : ret;
}
