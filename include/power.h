/* include/power.h: turning the machine off with an exit status the host sees. */
#ifndef _RVMM_POWER_H
#define _RVMM_POWER_H

#include <compiler.h>

/*
 * machine_power_off: stop the machine.  Under QEMU the status becomes
 * qemu's exit status (through the virt test device when the device tree
 * has one, else SBI SRST, which reports only pass or fail, and OpenSBI 1.1
 * even turns a failure into exit status 0).
 */
void machine_power_off(int status) __noreturn;
/* power_init: find the power-off device in the device tree. */
void power_init(void);
/* power_remap: reach the power-off device through ioremap once paging is on. */
void power_remap(void);

#define EXIT_PANIC 3	/* qemu's exit status after a kernel panic */

#endif
