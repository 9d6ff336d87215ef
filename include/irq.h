/*
 * include/irq.h: external interrupts, through the platform-level
 * interrupt controller (kernel/drivers/irq-sifive-plic.c).
 */
#ifndef _RVMM_IRQ_H
#define _RVMM_IRQ_H

#include <types.h>

typedef void (*irq_handler_t)(unsigned int irq, void *dev);

/* plic_init: find the PLIC in the device tree, mask every source, and enable sie.SEIE. */
void plic_init(void);
/* request_irq: call handler(irq, dev) for each interrupt of source irq, and unmask it; 0 or -errno. */
int request_irq(unsigned int irq, irq_handler_t handler, void *dev);
/* plic_handle_irq: the trap handler's entry for a supervisor external interrupt. */
void plic_handle_irq(void);

#endif
