/* include/err.h: an errno inside a pointer, as Linux's ERR_PTR. */
#ifndef _RVMM_ERR_H
#define _RVMM_ERR_H

#include <types.h>

#define MAX_ERRNO 4095

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

#endif
