/*
 * include/asm/io.h: device register access, as Linux's readl/writel on
 * RISC-V.  A device register is not memory: the hart may reorder plain
 * loads and stores to it against ordinary memory, so each access is
 * fenced as Linux's are.  A read is followed by "fence i,r" (later memory
 * reads see what the device did first); a write is preceded by
 * "fence w,o" (the device sees earlier memory writes before the one that
 * tells it to look).
 */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <types.h>

#define __io_ar()	__asm__ __volatile__("fence i,r" : : : "memory")
#define __io_bw()	__asm__ __volatile__("fence w,o" : : : "memory")

static inline u8 readb(const volatile void *addr)
{
	u8 v = *(const volatile u8 *)addr;

	__io_ar();
	return v;
}

static inline u32 readl(const volatile void *addr)
{
	u32 v = *(const volatile u32 *)addr;

	__io_ar();
	return v;
}

static inline void writeb(u8 v, volatile void *addr)
{
	__io_bw();
	*(volatile u8 *)addr = v;
}

static inline void writel(u32 v, volatile void *addr)
{
	__io_bw();
	*(volatile u32 *)addr = v;
}

#endif
