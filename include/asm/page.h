/*
 * include/asm/page.h: the page-table entry type, and zeroing and copying
 * whole pages.  picolibc's
 * memset/memcpy for rv64imac are byte loops (built for size), about six
 * instructions a byte; these move 64 bytes per loop (kernel/riscv/pagecopy.S).
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

/* A page-table entry at any level (Sv39/48/57 entries all look alike); its bits: asm/pgtable.h. */
typedef struct { unsigned long pte; } pte_t;

/* clear_page: zero one 4 KiB page (page-aligned). */
void clear_page(void *page);
/* copy_page: copy one 4 KiB page to another (both page-aligned). */
void copy_page(void *to, const void *from);

#endif
