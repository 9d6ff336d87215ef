/*
 * include/futex.h: fast user-space locking (kernel/futex.c), as Linux's:
 * a thread sleeps on a 32-bit word of its memory while it holds the
 * value it expects, and another wakes it after changing the word.
 */
#ifndef _RVMM_FUTEX_H
#define _RVMM_FUTEX_H

#include <types.h>
#include <uaccess.h>

struct mm_struct;
struct timespec64;

#define FUTEX_BITSET_MATCH_ANY	0xffffffffu

/* futex_wake: wake up to nr (at least one) waiters on uaddr in mm whose bitset meets bitset; how many. */
int futex_wake(struct mm_struct *mm, u32 __user *uaddr, int nr, u32 bitset);

long sys_futex(u32 __user *uaddr, int op, u32 val, const struct timespec64 __user *utime,
	       u32 __user *uaddr2, u32 val3);

#endif
