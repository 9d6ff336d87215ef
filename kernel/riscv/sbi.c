/* kernel/riscv/sbi.c: the SBI calls rvmm uses (base, legacy console, TIME, SRST). */
#include <asm/sbi.h>
#include <printk.h>

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long a0, unsigned long a1, unsigned long a2)
{
	register unsigned long r_a0 __asm__("a0") = a0;
	register unsigned long r_a1 __asm__("a1") = a1;
	register unsigned long r_a2 __asm__("a2") = a2;
	register unsigned long r_a6 __asm__("a6") = fid;
	register unsigned long r_a7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(r_a0), "+r"(r_a1)
			     : "r"(r_a2), "r"(r_a6), "r"(r_a7)
			     : "memory");
	return (struct sbiret){ .error = (long)r_a0, .value = (long)r_a1 };
}

bool sbi_probe_extension(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, ext, 0, 0);

	return r.error == 0 && r.value != 0;
}

/* The legacy console call is the one every firmware has: used only until the UART is up. */
void sbi_console_putchar(int c)
{
	sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned long)c, 0, 0);
}

void sbi_set_timer(u64 stime_value)
{
	sbi_ecall(SBI_EXT_TIME, 0, stime_value, 0, 0);
}

void sbi_system_reset(u32 type, u32 reason)
{
	sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0);
}

void sbi_init(void)
{
	struct sbiret v = sbi_ecall(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0);

	pr_info("SBI specification v%ld.%ld detected\n",
		(v.value >> 24) & 0x7f, v.value & 0xffffff);
	if (!sbi_probe_extension(SBI_EXT_TIME))
		panic("sbi_init: firmware lacks the SBI TIME extension");
}
