/*
 * include/asm/uaccess.h: opening and closing S-mode's window on user
 * pages.  sstatus.SUM lets S-mode load and store U pages; rvmm sets it
 * only around a copy_*_user (the RISC-V analogue of x86's SMAP).
 */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <asm/csr.h>

static inline void __enable_user_access(void)
{
	csr_set(sstatus, SR_SUM);
}

static inline void __disable_user_access(void)
{
	csr_clear(sstatus, SR_SUM);
}

#endif
