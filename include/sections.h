/*
 * include/sections.h: where the linker script (kernel/riscv/kernel.ld) put the
 * kernel image.  The symbols are addresses, not objects: compute with their
 * values, never by subtracting the arrays.
 */
#ifndef _RVMM_SECTIONS_H
#define _RVMM_SECTIONS_H

extern char _kernel_start[], _end[];
extern char _stext[], _etext[], _srodata[], _erodata[], _sdata[], _edata[];

/* kernel_image_size: bytes from the first byte of text to the end of .bss. */
static inline unsigned long kernel_image_size(void)
{
	return (unsigned long)_end - (unsigned long)_kernel_start;
}

#endif
