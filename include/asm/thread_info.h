/*
 * include/asm/thread_info.h: the size and alignment of a kernel stack, as
 * Linux riscv64's (arch/riscv/include/asm/thread_info.h).  Only #defines:
 * entry.S and head.S include it too.
 *
 * A stack is THREAD_SIZE bytes aligned to THREAD_ALIGN = 2 * THREAD_SIZE,
 * so every address on it has bit THREAD_SHIFT clear, and an sp that has
 * run off its bottom (into the THREAD_SIZE below) has it set: the trap
 * entry tells an overflowed stack by that one bit (CONFIG_VMAP_STACK).
 */
#ifndef _ASM_THREAD_INFO_H
#define _ASM_THREAD_INFO_H

#define THREAD_SHIFT		14
#define THREAD_SIZE		(1 << THREAD_SHIFT)	/* 16 KiB */
#define THREAD_ALIGN		(2 * THREAD_SIZE)
/* The stack the trap entry moves to when a task's own has overflowed. */
#define OVERFLOW_STACK_SIZE	4096

#endif
