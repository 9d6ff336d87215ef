/*
 * sys/auxv.h: picolibc's (getauxval and AT_HWCAP only), plus the other
 * AT_* names from <elf.h>, as glibc's sys/auxv.h provides them.  start.c
 * gives getauxval the vector the kernel put above the environment.
 */
#ifndef _RVMM_SYS_AUXV_H
#define _RVMM_SYS_AUXV_H

#include <elf.h>
#include_next <sys/auxv.h>

#endif /* _RVMM_SYS_AUXV_H */
