/*
 * include/syscall_table.h: system-call numbers (Linux riscv64,
 * asm-generic/unistd.h) and the handlers' prototypes.
 */
#ifndef _RVMM_SYSCALL_TABLE_H
#define _RVMM_SYSCALL_TABLE_H

#include <uaccess.h>

#define __NR_getcwd		17
#define __NR_dup		23
#define __NR_ioctl		29
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
#define __NR_set_tid_address	96
#define __NR_futex		98
#define __NR_nanosleep		101
#define __NR_clock_gettime	113
#define __NR_syslog		116
#define __NR_reboot		142
#define __NR_setpgid		154
#define __NR_getpgid		155
#define __NR_getsid		156
#define __NR_setsid		157
#define __NR_sched_yield	124
#define __NR_waitid		95
#define __NR_kill		129
#define __NR_tkill		130
#define __NR_tgkill		131
#define __NR_sigaltstack	132
#define __NR_rt_sigsuspend	133
#define __NR_rt_sigaction	134
#define __NR_rt_sigprocmask	135
#define __NR_rt_sigpending	136
#define __NR_rt_sigreturn	139
#define __NR_gettid		178
#define __NR_uname		160
#define __NR_gettimeofday	169
#define __NR_getpid		172
#define __NR_getppid		173
#define __NR_brk		214
#define __NR_munmap		215
#define __NR_mremap		216
#define __NR_clone		220
#define __NR_execve		221
#define __NR_mmap		222
#define __NR_swapon		224
#define __NR_swapoff		225
#define __NR_mprotect		226
#define __NR_msync		227
#define __NR_mlock		228
#define __NR_munlock		229
#define __NR_mlockall		230
#define __NR_munlockall		231
#define __NR_mincore		232
#define __NR_madvise		233
#define __NR_getrlimit		163
#define __NR_setrlimit		164
#define __NR_prlimit64		261
#define __NR_perf_event_open	241
#define __NR_mlock2		284
#define __NR_wait4		260
#define __NR_syscalls		450

/* Files, time and identity (kernel/fs/, kernel/time.c, kernel/sys.c) */
#define __NR_fcntl		25
#define __NR_symlinkat		36
#define __NR_linkat		37
#define __NR_faccessat		48
#define __NR_readv		65
#define __NR_writev		66
#define __NR_pread64		67
#define __NR_pwrite64		68
#define __NR_preadv		69
#define __NR_pwritev		70
#define __NR_fsync		82
#define __NR_fdatasync		83
#define __NR_clock_settime	112
#define __NR_clock_getres	114
#define __NR_clock_nanosleep	115
#define __NR_times		153
#define __NR_getrusage		165
#define __NR_umask		166
#define __NR_getuid		174
#define __NR_geteuid		175
#define __NR_getgid		176
#define __NR_getegid		177
#define __NR_sysinfo		179
#define __NR_renameat2		276
#define __NR_faccessat2		439

struct timespec64;
struct new_utsname;

long sys_exit(int code);
long sys_exit_group(int code);
long sys_set_tid_address(int __user *tidptr);
long sys_gettid(void);
long sys_wait4(int pid, int __user *status, int options, void __user *rusage);
long sys_clone(unsigned long flags, unsigned long newsp, int __user *ptid,
	       unsigned long tls, int __user *ctid);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
struct siginfo;
long sys_waitid(int which, int id, struct siginfo __user *infop, int options, void __user *rusage);
long sys_getpid(void);
long sys_getppid(void);
long sys_sched_yield(void);
long sys_nanosleep(const struct timespec64 __user *req, struct timespec64 __user *rem);
long sys_clock_gettime(int which, struct timespec64 __user *tp);
long sys_gettimeofday(void __user *tv, void __user *tz);
long sys_brk(unsigned long brk);
long sys_uname(struct new_utsname __user *name);
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getsid(int pid);
long sys_setsid(void);
long sys_clock_getres(int which, struct timespec64 __user *tp);
long sys_clock_settime(int which, const struct timespec64 __user *tp);
long sys_clock_nanosleep(int which, int flags, const struct timespec64 __user *req,
			 struct timespec64 __user *rem);
struct rusage;
struct tms;
struct sysinfo;
long sys_getrusage(int who, struct rusage __user *ru);
long sys_times(struct tms __user *tbuf);
long sys_sysinfo(struct sysinfo __user *info);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);

#define __NR_mknodat		33
#define __NR_readlinkat		78

struct perf_event_attr;
long sys_perf_event_open(struct perf_event_attr __user *uattr, int pid, int cpu, int group_fd,
			 unsigned long flags);
long sys_syslog(int type, char __user *buf, int len);
long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg);

/* The file system's calls (include/syscalls.h). */
#define FILE_SYSCALLS							\
	SYSCALL(__NR_read, sys_read),					\
	SYSCALL(__NR_write, sys_write),					\
	SYSCALL(__NR_openat, sys_openat),				\
	SYSCALL(__NR_close, sys_close),					\
	SYSCALL(__NR_lseek, sys_lseek),					\
	SYSCALL(__NR_fstat, sys_newfstat),				\
	SYSCALL(__NR_newfstatat, sys_newfstatat),			\
	SYSCALL(__NR_ftruncate, sys_ftruncate),				\
	SYSCALL(__NR_unlinkat, sys_unlinkat),				\
	SYSCALL(__NR_mkdirat, sys_mkdirat),				\
	SYSCALL(__NR_mknodat, sys_mknodat),				\
	SYSCALL(__NR_readlinkat, sys_readlinkat),			\
	SYSCALL(__NR_getdents64, sys_getdents64),			\
	SYSCALL(__NR_dup, sys_dup),					\
	SYSCALL(__NR_dup3, sys_dup3),					\
	SYSCALL(__NR_pipe2, sys_pipe2),					\
	SYSCALL(__NR_chdir, sys_chdir),					\
	SYSCALL(__NR_getcwd, sys_getcwd),				\
	SYSCALL(__NR_ioctl, sys_ioctl),					\
	SYSCALL(__NR_syslog, sys_syslog),				\
	SYSCALL(__NR_reboot, sys_reboot),				\
	SYSCALL(__NR_execve, sys_execve),				\
	SYSCALL(__NR_mmap, sys_mmap),					\
	SYSCALL(__NR_munmap, sys_munmap),				\
	SYSCALL(__NR_fcntl, sys_fcntl),					\
	SYSCALL(__NR_symlinkat, sys_symlinkat),				\
	SYSCALL(__NR_linkat, sys_linkat),				\
	SYSCALL(__NR_renameat2, sys_renameat2),				\
	SYSCALL(__NR_faccessat, sys_faccessat),				\
	SYSCALL(__NR_faccessat2, sys_faccessat2),			\
	SYSCALL(__NR_readv, sys_readv),					\
	SYSCALL(__NR_writev, sys_writev),				\
	SYSCALL(__NR_pread64, sys_pread64),				\
	SYSCALL(__NR_pwrite64, sys_pwrite64),				\
	SYSCALL(__NR_preadv, sys_preadv),				\
	SYSCALL(__NR_pwritev, sys_pwritev),				\
	SYSCALL(__NR_fsync, sys_fsync),					\
	SYSCALL(__NR_fdatasync, sys_fdatasync),				\
	SYSCALL(__NR_umask, sys_umask),					\
	MM_SYSCALLS

/*
 * The calls Linux builds only with an MMU (mm/Makefile's mmu-y: mprotect,
 * msync, madvise, mlock, mincore; and swapon and swapoff, as CONFIG_SWAP
 * needs an MMU): on the no-MMU kernel they are ENOSYS,
 * as there.  mremap has both versions (mm/mremap.c, mm/nommu.c).
 */
#ifdef CONFIG_MMU
#define MM_SYSCALLS							\
	SYSCALL(__NR_mprotect, sys_mprotect),				\
	SYSCALL(__NR_msync, sys_msync),					\
	SYSCALL(__NR_madvise, sys_madvise),				\
	SYSCALL(__NR_mremap, sys_mremap),				\
	SYSCALL(__NR_mlock, sys_mlock),					\
	SYSCALL(__NR_mlock2, sys_mlock2),				\
	SYSCALL(__NR_munlock, sys_munlock),				\
	SYSCALL(__NR_mlockall, sys_mlockall),				\
	SYSCALL(__NR_munlockall, sys_munlockall),			\
	SYSCALL(__NR_mincore, sys_mincore),				\
	SYSCALL(__NR_swapon, sys_swapon),				\
	SYSCALL(__NR_swapoff, sys_swapoff),
#else
#define MM_SYSCALLS							\
	SYSCALL(__NR_mremap, sys_mremap),
#endif

#endif
