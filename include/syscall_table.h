/*
 * include/syscall_table.h: system-call numbers (Linux riscv64,
 * asm-generic/unistd.h) and the handlers' prototypes.
 */
#ifndef _RVMM_SYSCALL_TABLE_H
#define _RVMM_SYSCALL_TABLE_H

#include <uaccess.h>

#define __NR_getcwd		17
#define __NR_dup		23
#define __NR_dup3		24
#define __NR_mkdirat		34
#define __NR_unlinkat		35
#define __NR_ftruncate		46
#define __NR_chdir		49
#define __NR_openat		56
#define __NR_close		57
#define __NR_pipe2		59
#define __NR_getdents64		61
#define __NR_lseek		62
#define __NR_read		63
#define __NR_write		64
#define __NR_newfstatat		79
#define __NR_fstat		80
#define __NR_exit		93
#define __NR_exit_group		94
#define __NR_nanosleep		101
#define __NR_syslog		116
#define __NR_sched_yield	124
#define __NR_kill		129
#define __NR_uname		160
#define __NR_getpid		172
#define __NR_getppid		173
#define __NR_brk		214
#define __NR_munmap		215
#define __NR_clone		220
#define __NR_execve		221
#define __NR_mmap		222
#define __NR_mprotect		226
#define __NR_msync		227
#define __NR_madvise		233
#define __NR_wait4		260
#define __NR_syscalls		450

struct timespec64;
struct new_utsname;

long sys_exit_group(int code);
long sys_wait4(int pid, int __user *status, int options, void __user *rusage);
long sys_clone(unsigned long flags, unsigned long newsp, unsigned long ptid,
	       unsigned long tls, unsigned long ctid);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
long sys_kill(int pid, int sig);
long sys_getpid(void);
long sys_getppid(void);
long sys_sched_yield(void);
long sys_nanosleep(const struct timespec64 __user *req, struct timespec64 __user *rem);
long sys_brk(unsigned long brk);
long sys_uname(struct new_utsname __user *name);

/* The file system's calls join the table here when it is merged. */
#define FILE_SYSCALLS

#endif
