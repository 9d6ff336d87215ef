/*
 * kernel/drivers/irq-sifive-plic.c: the platform-level interrupt
 * controller (RISC-V PLIC specification; QEMU virt's "riscv,plic0",
 * also "sifive,plic-1.0.0"), driven as Linux's irq-sifive-plic.c.
 *
 * Each device wire is a source with a priority (0 masks it).  Each hart
 * mode that can take interrupts is a context, with an enable bit per
 * source and a threshold: a source interrupts a context when it is
 * pending, enabled there, and its priority is above the threshold.  The
 * context then sees sip.SEIP; reading its claim register returns the
 * highest-priority pending source (and clears its pending bit), and
 * writing the number back completes it, after which the source may
 * interrupt again.
 *
 * Which context is this hart's supervisor mode is in the device tree:
 * interrupts-extended lists <phandle cause> pairs, one per context, and
 * ours is the pair naming hart 0's interrupt controller with cause 9
 * (supervisor external interrupt).
 */
#include <asm/csr.h>
#include <asm/io.h>
#include <errno.h>
#include <fdt.h>
#include <irq.h>
#include <pgtable.h>
#include <printk.h>
#include <vmalloc.h>

#define PRIORITY_BASE		0x000000	/* 4 bytes per source */
#define ENABLE_BASE		0x002000
#define ENABLE_PER_CONTEXT	0x80
#define CONTEXT_BASE		0x200000
#define CONTEXT_PER_CONTEXT	0x1000
#define CONTEXT_THRESHOLD	0x00
#define CONTEXT_CLAIM		0x04	/* read: claim; write: complete */
#define MAX_SOURCES		1024	/* the specification's limit: source 0 means none */

static void *plic_base;
static unsigned int plic_context;
static unsigned int plic_nr_irqs;	/* riscv,ndev: sources 1..ndev */

static struct {
	irq_handler_t handler;
	void *dev;
} irq_desc[MAX_SOURCES];

static const char *const plic_compat[] = { "riscv,plic0", "sifive,plic-1.0.0" };

static void *plic_reg(unsigned long off)
{
	return (char *)plic_base + off;
}

static void *context_reg(unsigned long off)
{
	return plic_reg(CONTEXT_BASE + CONTEXT_PER_CONTEXT * plic_context + off);
}

static void plic_toggle(unsigned int irq, bool enable)
{
	void *reg = plic_reg(ENABLE_BASE + ENABLE_PER_CONTEXT * plic_context + 4 * (irq / 32));
	u32 mask = 1u << (irq % 32);
	u32 v = readl(reg);

	writel(enable ? v | mask : v & ~mask, reg);
}

/* find_context: the index of hart 0's S-mode pair in interrupts-extended, or -1. */
static int find_context(const char *compat)
{
	const void *ie;
	int len;
	u32 intc;

	/* The first cpu node's interrupt controller is hart 0's. */
	if (!fdt_compatible_u32("riscv,cpu-intc", "phandle", &intc))
		return -1;
	ie = fdt_compatible_prop(compat, "interrupts-extended", &len);
	if (!ie)
		return -1;
	for (int i = 0; 8 * i + 8 <= len; i++)
		if (fdt_cell(ie, 2 * i) == intc && fdt_cell(ie, 2 * i + 1) == IRQ_S_EXT)
			return i;
	return -1;
}

void plic_init(void)
{
	const char *compat = NULL;
	u64 base, size;
	u32 ndev;
	int ctx = -1;

	for (unsigned int i = 0; i < ARRAY_SIZE(plic_compat) && !compat; i++)
		if (fdt_find_compatible(plic_compat[i], &base, &size))
			compat = plic_compat[i];
	if (!compat) {
		pr_warn("plic: none in the device tree: no device interrupts\n");
		return;
	}
	ctx = find_context(compat);
	if (ctx < 0 || !fdt_compatible_u32(compat, "riscv,ndev", &ndev) || !ndev) {
		pr_warn("plic: no S-mode context for hart 0 or no riscv,ndev: no device interrupts\n");
		return;
	}
	plic_context = (unsigned int)ctx;
	plic_nr_irqs = MIN(ndev, MAX_SOURCES - 1);
	/* Only what this hart's context uses: its threshold and claim registers end the range. */
	size = MIN(size, (u64)CONTEXT_BASE + CONTEXT_PER_CONTEXT * (plic_context + 1));
	plic_base = ioremap(base, size);
	if (!plic_base)
		panic("plic_init: no room in the ioremap area");
	for (unsigned int irq = 1; irq <= plic_nr_irqs; irq++) {
		plic_toggle(irq, false);
		writel(0, plic_reg(PRIORITY_BASE + 4 * irq));
	}
	writel(0, context_reg(CONTEXT_THRESHOLD));	/* any priority above 0 gets through */
	csr_set(sie, IE_SEIE);
	pr_info("plic: %s at %#lx, %u sources, context %u\n", compat,
		(unsigned long)base, plic_nr_irqs, plic_context);
}

int request_irq(unsigned int irq, irq_handler_t handler, void *dev)
{
	if (!plic_base)
		return -ENODEV;
	if (!irq || irq > plic_nr_irqs)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	irq_desc[irq].handler = handler;
	irq_desc[irq].dev = dev;
	writel(1, plic_reg(PRIORITY_BASE + 4 * irq));
	plic_toggle(irq, true);
	return 0;
}

void plic_handle_irq(void)
{
	u32 irq;

	if (!plic_base) {
		csr_clear(sie, IE_SEIE);	/* nobody could claim it: it would trap forever */
		return;
	}
	/* Claim until nothing is pending: each claim takes one source. */
	while ((irq = readl(context_reg(CONTEXT_CLAIM))) != 0) {
		if (irq <= plic_nr_irqs && irq_desc[irq].handler)
			irq_desc[irq].handler(irq, irq_desc[irq].dev);
		else
			plic_toggle(irq, false);	/* nobody asked for it: keep it quiet */
		writel(irq, context_reg(CONTEXT_CLAIM));	/* complete */
	}
}
