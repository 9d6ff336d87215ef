/* include/bench.h: boot-time measurements (kernel/bench_boot.c). */
#ifndef _RVMM_BENCH_H
#define _RVMM_BENCH_H

#include <types.h>

/* bench_boot_init: remember when the kernel was entered; watch for the prompt if bench=prompt. */
void bench_boot_init(u64 entry_time, u64 entry_instret);
/* bench_console_write: the console is about to show buf: report and power off at the first prompt. */
void bench_console_write(const char *buf, size_t len);

#endif
