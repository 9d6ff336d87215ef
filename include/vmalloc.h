/*
 * include/vmalloc.h: memory that is contiguous in the kernel's virtual
 * address space but not in physical memory, as Linux's vmalloc.
 *
 * With an MMU (mm/vmalloc.c) an area is a range of the kernel's vmalloc
 * space [VMALLOC_START, VMALLOC_END) (include/pgtable.h) followed by one
 * unmapped guard page, mapped to pages taken one at a time from the buddy
 * allocator (vmalloc), to pages the caller gives (vmap), or to device
 * registers (ioremap).  Without an MMU (mm/nommu.c) vmalloc is kmalloc:
 * physically contiguous memory, with the same interface.
 */
#ifndef _RVMM_VMALLOC_H
#define _RVMM_VMALLOC_H

#include <asm/pgtable.h>
#include <gfp.h>
#include <types.h>

struct page;
struct seq_buf;

/* vm_struct.flags: what an area holds (Linux's values) */
#define VM_IOREMAP	0x00000001	/* device registers: ioremap */
#define VM_ALLOC	0x00000002	/* pages vmalloc allocated and frees */
#define VM_MAP		0x00000004	/* pages the caller gave: vmap */

/*
 * vm_struct: one area as its user sees it.  size includes the guard page;
 * caller is the return address of whoever asked (shown in
 * /proc/vmallocinfo).
 */
struct vm_struct {
	void *addr;
	unsigned long size;
	unsigned long flags;
	struct page **pages;		/* VM_ALLOC, VM_MAP: the pages, in order */
	unsigned int nr_pages;
	phys_addr_t phys_addr;		/* VM_IOREMAP: the first register's address */
	const void *caller;
};

/* vmalloc: size bytes (rounded up to pages) of kernel memory, or NULL. */
void *vmalloc(unsigned long size);
/* vzalloc: vmalloc, zeroed. */
void *vzalloc(unsigned long size);
/*
 * __vmalloc_node: the general form: the area's start aligned to align (a
 * power of two, at least PAGE_SIZE), pages allocated with gfp, caller
 * named in /proc/vmallocinfo.  node is ignored: there is one node.
 */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, int node,
		     const void *caller);
/*
 * vfree: free a vmalloc'ed or vmap'ed area (NULL is fine).  Anything else,
 * or an area freed twice, is reported ("Trying to vfree() nonexistent vm
 * area") and left alone.
 */
void vfree(const void *addr);
/* vmap: map count pages at consecutive kernel addresses with prot; NULL on failure. */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
/* vunmap: undo vmap (the pages stay the caller's). */
void vunmap(const void *addr);
/* ioremap: map device registers at pa into kernel space; NULL when out of space. */
void *ioremap(phys_addr_t pa, unsigned long size);
/* iounmap: undo ioremap. */
void iounmap(void *addr);

/* is_vmalloc_addr: does addr lie in the vmalloc space (always false without an MMU)? */
bool is_vmalloc_addr(const void *addr);
/* find_vm_area: the area addr starts, or NULL. */
struct vm_struct *find_vm_area(const void *addr);
/* vmalloc_to_page: the page mapped at addr in the vmalloc space, or NULL. */
struct page *vmalloc_to_page(const void *addr);
/*
 * vmalloc_describe: a line about where addr falls (inside an area, in an
 * area's guard page), for an oops report; false if addr is not in the
 * vmalloc space.
 */
bool vmalloc_describe(unsigned long addr, char *buf, unsigned long size);

/* vmalloc_init: the vmalloc space's bookkeeping, once the slab allocator runs. */
void vmalloc_init(void);
/* vmalloc_nr_pages: pages vmalloc has allocated (VmallocUsed). */
unsigned long vmalloc_nr_pages(void);
/* vmalloc_total: the size of the vmalloc space in bytes (VmallocTotal; 0 without an MMU). */
unsigned long vmalloc_total(void);
/* show_vmallocinfo: /proc/vmallocinfo, every area sorted by address. */
void show_vmallocinfo(struct seq_buf *m);

#endif
