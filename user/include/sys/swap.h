/*
 * sys/swap.h: swapon and swapoff, as glibc's (the flags are Linux's).
 */
#ifndef _SYS_SWAP_H
#define _SYS_SWAP_H

#define SWAP_FLAG_PREFER	0x8000	/* the priority in the low bits is given */
#define SWAP_FLAG_PRIO_MASK	0x7fff
#define SWAP_FLAG_PRIO_SHIFT	0
#define SWAP_FLAG_DISCARD	0x10000

#ifdef __cplusplus
extern "C" {
#endif

int swapon(const char *path, int flags);
int swapoff(const char *path);

#ifdef __cplusplus
}
#endif

#endif
