/* include/asm/sbi.h: calls into OpenSBI (the RISC-V Supervisor Binary Interface). */
#ifndef _ASM_SBI_H
#define _ASM_SBI_H

#include <types.h>

#define SBI_EXT_LEGACY_PUTCHAR	0x01
#define SBI_EXT_LEGACY_SHUTDOWN	0x08
#define SBI_EXT_BASE		0x10
#define SBI_EXT_TIME		0x54494D45	/* "TIME" */
#define SBI_EXT_HSM		0x48534D	/* "HSM" */
#define SBI_EXT_SRST		0x53525354	/* "SRST" */

#define SBI_BASE_GET_SPEC_VERSION	0
#define SBI_BASE_GET_IMPL_ID		1
#define SBI_BASE_PROBE_EXT		3

#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_REASON_NONE		0
#define SBI_SRST_REASON_SYSFAIL		1

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long a0, unsigned long a1, unsigned long a2);
/* sbi_probe_extension: true when the firmware implements extension ext. */
bool sbi_probe_extension(unsigned long ext);
void sbi_console_putchar(int c);
void sbi_set_timer(u64 stime_value);
void sbi_system_reset(u32 type, u32 reason);
void sbi_init(void);

#endif
