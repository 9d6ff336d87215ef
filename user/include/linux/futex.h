/*
 * linux/futex.h: the futex operations (Linux's include/uapi/linux/futex.h),
 * for the pthread layer and programs that call futex(2) themselves.
 */
#ifndef _RVMM_LINUX_FUTEX_H
#define _RVMM_LINUX_FUTEX_H

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_BITSET_MATCH_ANY	0xffffffff

#endif /* _RVMM_LINUX_FUTEX_H */
