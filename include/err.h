/*
 * include/err.h: returning an error code through a pointer, as Linux's
 * ERR_PTR.  The top 4095 addresses are never valid kernel pointers (they
 * are the last page of the address space), so a function returning a
 * pointer may return -ENOENT etc. cast to one.
 */
#ifndef _RVMM_ERR_H
#define _RVMM_ERR_H

#include <compiler.h>
#include <types.h>

#define MAX_ERRNO	4095

#define IS_ERR_VALUE(x)	unlikely((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

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
	return IS_ERR_VALUE((unsigned long)ptr);
}

/* ERR_CAST: pass an error pointer on as another pointer type. */
static inline void *ERR_CAST(const void *ptr)
{
	return (void *)ptr;
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#endif
