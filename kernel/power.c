/* kernel/power.c: power-off (placeholder until the device tree is parsed). */
#include <asm/sbi.h>
#include <power.h>

void machine_power_off(int status)
{
	sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN,
			 status ? SBI_SRST_REASON_SYSFAIL : SBI_SRST_REASON_NONE);
	for (;;)
		__asm__ __volatile__("wfi");
}
