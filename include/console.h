/* include/console.h: where printk's characters go. */
#ifndef _RVMM_CONSOLE_H
#define _RVMM_CONSOLE_H

#include <types.h>

struct console {
	const char *name;
	void (*write_char)(int c);
	int (*read_char)(void);	/* -1 when no character is waiting */
};

/* register_console: make con the console; the early SBI console is replaced. */
void register_console(const struct console *con);
void console_putc(int c);
/* console_write_char: one byte to the console as it is (the tty does its own output processing). */
void console_write_char(int c);
/* uart_init: find the 16550 in the device tree and make it the console. */
void uart_init(void);
/* uart_remap: reach the UART through ioremap once paging is on (nothing may print between the switch and this). */
void uart_remap(void);
/* uart_enable_rx_irq: received bytes go to the console tty, by interrupt (after plic_init and tty_init). */
void uart_enable_rx_irq(void);
/* console_getc: a received character, or -1 when none is waiting. */
int console_getc(void);

#endif
