/*
 * mm/internal.h: what the files of mm/ share with each other and nobody
 * else (as Linux's mm/internal.h).
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <gfp.h>

/* memblock_free_pages: hand a block of boot memory to the buddy allocator. */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);
/* setup_per_cpu_pageset: size every zone's per-cpu lists from its managed pages. */
void setup_per_cpu_pageset(void);
/* show_free_areas: per-zone free memory and free blocks, for failure reports. */
void show_free_areas(void);
/* int_sqrt: floor(sqrt(x)). */
unsigned long int_sqrt(unsigned long x);

#endif
