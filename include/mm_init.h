/* include/mm_init.h: the two boot steps that bring up memory management. */
#ifndef _RVMM_MM_INIT_H
#define _RVMM_MM_INIT_H

#include <types.h>

/* setup_bootmem: reserve the kernel image and apply mem=, once the device tree filled memblock. */
void setup_bootmem(void);
/* mm_core_init: zones, struct pages, buddy and slab allocators; logs the zones. */
void mm_core_init(u64 entry_cycles);
extern u64 buddy_ready_cycles;

#endif
