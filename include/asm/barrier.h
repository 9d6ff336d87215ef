/*
 * include/asm/barrier.h: ordering memory accesses that another agent (a
 * device reading a ring in RAM) observes, as Linux's on RISC-V.  rmb and
 * wmb order loads among themselves and stores among themselves; mb orders
 * everything before it against everything after it.
 */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define mb()	__asm__ __volatile__("fence rw,rw" : : : "memory")
#define rmb()	__asm__ __volatile__("fence r,r" : : : "memory")
#define wmb()	__asm__ __volatile__("fence w,w" : : : "memory")

#endif
