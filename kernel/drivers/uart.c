/*
 * kernel/drivers/uart.c: the 16550 UART console (QEMU virt's serial@10000000).
 *
 * Output is polled: the console must work with interrupts off, inside
 * panic and the trap handler, so nothing that prints waits for an
 * interrupt.  Input comes by the receive interrupt (IER.ERBFI, through
 * the PLIC): each byte goes to the terminal's line discipline, which
 * wakes whoever sleeps in read(2).
 */
#include <asm/sbi.h>
#include <console.h>
#include <pgtable.h>
#include <fdt.h>
#include <irq.h>
#include <printk.h>
#include <tty.h>
#include <vmalloc.h>

/* Register numbers; the address is base + (reg << reg-shift). */
#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_DLL	0	/* divisor latch low (DLAB = 1) */
#define UART_IER	1	/* interrupt enable */
#define UART_DLM	1	/* divisor latch high (DLAB = 1) */
#define UART_FCR	2	/* FIFO control (write) */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define FCR_ENABLE	0x01
#define FCR_CLEAR_RX	0x02
#define FCR_CLEAR_TX	0x04
#define IER_ERBFI	0x01	/* interrupt when received data is available */
#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define LSR_DR		0x01	/* a received character is waiting */
#define LSR_THRE	0x20	/* the transmit holding register is empty */

#define UART_BAUD	115200

static unsigned long uart_base;
static unsigned long uart_phys;		/* where the registers are; uart_base is where the kernel reaches them */
static unsigned int uart_shift;	/* reg-shift */
static unsigned int uart_width;	/* reg-io-width: 1 or 4 bytes */

static u8 uart_read(int reg)
{
	unsigned long a = uart_base + ((unsigned long)reg << uart_shift);

	if (uart_width == 4)
		return *(volatile u32 *)a;
	return *(volatile u8 *)a;
}

static void uart_write(int reg, u8 v)
{
	unsigned long a = uart_base + ((unsigned long)reg << uart_shift);

	if (uart_width == 4)
		*(volatile u32 *)a = v;
	else
		*(volatile u8 *)a = v;
}

static void uart_putc(int c)
{
	if (!uart_base) {	/* being remapped (uart_remap): the firmware's console meanwhile */
		sbi_console_putchar(c);
		return;
	}
	while (!(uart_read(UART_LSR) & LSR_THRE))
		;
	uart_write(UART_THR, c);
}

static int uart_getc(void)
{
	if (!(uart_read(UART_LSR) & LSR_DR))
		return -1;
	return uart_read(UART_RBR);
}

static const struct console uart_console = {
	.name = "ttyS0",
	.write_char = uart_putc,
	.read_char = uart_getc,
};

void uart_init(void)
{
	const char *compat = "ns16550a";
	u64 base;
	u32 v, clock;

	if (!fdt_find_compatible(compat, &base, NULL)) {
		pr_warn("uart_init: no %s in the device tree, staying on the SBI console\n",
			compat);
		return;
	}
	uart_base = uart_phys = base;
	uart_shift = fdt_compatible_u32(compat, "reg-shift", &v) ? v : 0;
	uart_width = fdt_compatible_u32(compat, "reg-io-width", &v) ? v : 1;
	if (uart_width != 1 && uart_width != 4) {
		pr_warn("uart_init: reg-io-width %u unsupported, staying on the SBI console\n",
			uart_width);
		return;
	}

	uart_write(UART_IER, 0);
	/* The divisor only means something when the input clock is known. */
	if (fdt_compatible_u32(compat, "clock-frequency", &clock) && clock) {
		u32 div = MAX((clock + 8 * UART_BAUD) / (16 * UART_BAUD), 1u);

		uart_write(UART_LCR, LCR_DLAB);
		uart_write(UART_DLL, div & 0xff);
		uart_write(UART_DLM, div >> 8);
	}
	uart_write(UART_LCR, LCR_8N1);
	uart_write(UART_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX);
	uart_write(UART_MCR, MCR_DTR | MCR_RTS);

	register_console(&uart_console);
	pr_info("uart: 16550 at %#lx, reg-shift %u, io-width %u\n",
		uart_base, uart_shift, uart_width);
}

/* Every byte waiting: reading RBR until LSR.DR clears ends the interrupt. */
static void uart_rx_interrupt(unsigned int irq, void *dev)
{
	int c;

	while ((c = uart_getc()) >= 0)
		tty_receive_char(&console_tty, (u8)c);
}

void uart_enable_rx_irq(void)
{
	u32 irq;
	int err;

	if (!uart_base)
		return;
	if (!fdt_compatible_u32("ns16550a", "interrupts", &irq)) {
		pr_warn("uart: no interrupts property: input is not read\n");
		return;
	}
	err = request_irq(irq, uart_rx_interrupt, NULL);
	if (err) {
		pr_warn("uart: irq %u: error %d: input is not read\n", irq, err);
		return;
	}
	uart_write(UART_IER, IER_ERBFI);
	pr_info("uart: receive interrupt on irq %u\n", irq);
}

void uart_remap(void)
{
	void *va;

	if (!uart_phys)
		return;
	/*
	 * The physical address is no longer mapped, and ioremap may print
	 * (memblock's debug lines at loglevel=8): until the new mapping is
	 * in place, uart_putc goes through the firmware.
	 */
	uart_base = 0;
	/* Eight registers, each 1 << reg-shift bytes apart. */
	va = ioremap(uart_phys, 8UL << uart_shift);
	if (!va)
		panic("uart_remap: no room in the ioremap area");
	uart_base = (unsigned long)va;
}
