/*
 * sys/syscall.h: SYS_* system-call numbers of Linux's asm-generic table
 * (riscv64), for syscall().  Only the calls rvmm's user space makes.
 */
#ifndef _RVMM_SYS_SYSCALL_H
#define _RVMM_SYS_SYSCALL_H

#define SYS_getcwd		17
#define SYS_reboot		142
#define SYS_perf_event_open	241
#define SYS_setpgid		154
#define SYS_getpgid		155
#define SYS_getsid		156
#define SYS_setsid		157

/* reboot(2)'s magic numbers and commands */
#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC
#define SYS_dup			23
#define SYS_dup3		24
#define SYS_fcntl		25
#define SYS_ioctl		29
#define SYS_mkdirat		34
#define SYS_unlinkat		35
#define SYS_mount		40
#define SYS_ftruncate		46
#define SYS_chdir		49
#define SYS_openat		56
#define SYS_close		57
#define SYS_pipe2		59
#define SYS_getdents64		61
#define SYS_lseek		62
#define SYS_read		63
#define SYS_write		64
#define SYS_readlinkat		78
#define SYS_newfstatat		79
#define SYS_fstat		80
#define SYS_exit		93
#define SYS_exit_group		94
#define SYS_set_tid_address	96
#define SYS_futex		98
#define SYS_nanosleep		101
#define SYS_syslog		116
#define SYS_sched_yield		124
#define SYS_kill		129
#define SYS_waitid		95
#define SYS_tkill		130
#define SYS_tgkill		131
#define SYS_sigaltstack		132
#define SYS_rt_sigsuspend		133
#define SYS_rt_sigaction		134
#define SYS_rt_sigprocmask		135
#define SYS_rt_sigpending		136
#define SYS_rt_sigreturn		139
#define SYS_gettid		178
#define SYS_uname		160
#define SYS_gettimeofday	169
#define SYS_getpid		172
#define SYS_getppid		173
#define SYS_brk			214
#define SYS_munmap		215
#define SYS_clone		220
#define SYS_execve		221
#define SYS_mmap		222
#define SYS_mprotect		226
#define SYS_msync		227
#define SYS_mremap		216
#define SYS_mlock		228
#define SYS_munlock		229
#define SYS_mlockall		230
#define SYS_munlockall		231
#define SYS_swapon		224
#define SYS_swapoff		225
#define SYS_mincore		232
#define SYS_madvise		233
#define SYS_getrlimit		163
#define SYS_setrlimit		164
#define SYS_prlimit64		261
#define SYS_mlock2		284
#define SYS_wait4		260
#define SYS_symlinkat		36
#define SYS_linkat		37
#define SYS_faccessat		48
#define SYS_readv		65
#define SYS_writev		66
#define SYS_pread64		67
#define SYS_pwrite64		68
#define SYS_preadv		69
#define SYS_pwritev		70
#define SYS_fsync		82
#define SYS_fdatasync		83
#define SYS_clock_settime	112
#define SYS_clock_gettime	113
#define SYS_clock_getres	114
#define SYS_clock_nanosleep	115
#define SYS_times		153
#define SYS_getrusage		165
#define SYS_umask		166
#define SYS_getuid		174
#define SYS_geteuid		175
#define SYS_getgid		176
#define SYS_getegid		177
#define SYS_sysinfo		179
#define SYS_finit_module	273
#define SYS_renameat2		276
#define SYS_faccessat2		439

#endif /* _RVMM_SYS_SYSCALL_H */
