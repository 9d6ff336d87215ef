/* test/host/asm/page.h: the host's page helpers are plain memset/memcpy. */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <string.h>

typedef struct { unsigned long pte; } pte_t;	/* as include/asm/page.h: mm_types.h names it */

static inline void clear_page(void *page)
{
	memset(page, 0, 4096);
}

static inline void copy_page(void *to, const void *from)
{
	memcpy(to, from, 4096);
}

#endif
