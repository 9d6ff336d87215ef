/*
 * kernel/riscv/reset.c: turning the machine off with a status the host sees.
 *
 * QEMU virt's "sifive,test0" finisher device exits QEMU with any status we
 * choose.  SBI SRST can at best say pass or fail (OpenSBI 1.1 exits QEMU
 * with 0 even for SYSFAIL), and the legacy SBI shutdown cannot say either.
 * Use the best one there is.
 */
#include <asm/csr.h>
#include <asm/irqflags.h>
#include <asm/sbi.h>
#include <fdt.h>
#include <pgtable.h>
#include <power.h>
#include <printk.h>
#include <vmalloc.h>

#define FINISHER_FAIL	0x3333	/* exit status in bits 31:16 */
#define FINISHER_PASS	0x5555

static volatile u32 *test_dev;	/* NULL until found */
static phys_addr_t test_dev_phys;
static bool test_dev_looked;

/*
 * find_test_dev: look for the finisher once.  machine_power_off calls it
 * too, so that a panic between the device tree scan and power_init still
 * exits with its status; looking only once keeps a panic inside the
 * look-up (a corrupt tree) from recursing.
 */
static void find_test_dev(void)
{
	u64 base;

	if (test_dev_looked)
		return;
	test_dev_looked = true;
	if (fdt_find_compatible("sifive,test0", &base, NULL))
		test_dev = (volatile u32 *)(unsigned long)(test_dev_phys = base);
}

void power_init(void)
{
	find_test_dev();
	if (test_dev)
		pr_info("power: sifive,test0 finisher at %p\n", test_dev);
	else
		pr_info("power: no test device, powering off through SBI\n");
}

void machine_power_off(int status)
{
	/* Nothing may interrupt, and wfi below must really sleep. */
	arch_local_irq_disable();
	csr_write(sie, 0);

	find_test_dev();
	if (test_dev)
		*test_dev = status ? (u32)status << 16 | FINISHER_FAIL : FINISHER_PASS;
	if (sbi_probe_extension(SBI_EXT_SRST))
		sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN,
				 status ? SBI_SRST_REASON_SYSFAIL : SBI_SRST_REASON_NONE);
	sbi_ecall(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0);
	for (;;)
		__asm__ __volatile__("wfi");
}

void power_remap(void)
{
	if (test_dev_phys)
		test_dev = ioremap(test_dev_phys, sizeof(u32));
}
