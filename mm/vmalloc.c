/*
 * mm/vmalloc.c: the kernel's vmalloc space, as Linux's mm/vmalloc.c.
 *
 * An area is a range [va_start, va_end) of [VMALLOC_START, VMALLOC_END)
 * whose last page is never mapped: a guard, so that running off the end
 * of one area faults instead of landing in the next.  Areas are kept in
 * a red-black tree by address (lookups: vfree, the fault report) and on a
 * list in the same order (the first-fit search for a free range, and
 * /proc/vmallocinfo).  What an area holds is its vm_struct:
 *
 *   vmalloc   pages from the buddy allocator, one at a time (VM_ALLOC)
 *   vmap      pages the caller gives (VM_MAP)
 *   ioremap   device registers (VM_IOREMAP)
 *
 * The page tables are the kernel's own (swapper_pg_dir).  paging_init
 * gave each root entry of the vmalloc space its next-level table at boot,
 * and every process's root copies the kernel's upper half, so a mapping
 * made here is seen by every address space without being copied into any.
 * Below that level, tables are made as mappings need them and given back
 * when their last entry goes (each table's struct page counts its entries
 * in page->private), so a vfree returns every page it took.  Tables made
 * from memblock during boot (the early ioremaps) are never freed.
 *
 * Without an MMU mm/nommu.c provides the same calls over kmalloc.
 */
#include <errno.h>
#include <list.h>
#include <memblock.h>
#include <mm.h>
#include <pgtable.h>
#include <printk.h>
#include <rbtree.h>
#include <seq_buf.h>
#include <slab.h>
#include <stdio.h>
#include <string.h>
#include <vmalloc.h>

struct vmap_area {
	unsigned long va_start, va_end;	/* the guard page included */
	struct rb_node rb_node;		/* in vmap_area_root, by address */
	struct list_head list;		/* on vmap_area_list, by address */
	struct vm_struct vm;
};

static struct rb_root vmap_area_root;
static LIST_HEAD(vmap_area_list);
static unsigned long nr_vmalloc_pages;	/* VM_ALLOC pages: VmallocUsed */

/*
 * Before the slab allocator runs (paging_init's ioremaps) areas come from
 * this array; they are never given back to kfree.
 */
#define NR_EARLY_AREAS 8
static struct vmap_area early_areas[NR_EARLY_AREAS];
static unsigned int nr_early_areas;
static bool vmap_initialized;

static bool is_early_area(const struct vmap_area *va)
{
	return va >= early_areas && va < early_areas + NR_EARLY_AREAS;
}

bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return page_offset && a >= VMALLOC_START && a < VMALLOC_END;
}

unsigned long vmalloc_total(void)
{
	return VMALLOC_SIZE;
}

unsigned long vmalloc_nr_pages(void)
{
	return nr_vmalloc_pages;
}

/* find_vmap_area: the area whose range (guard page included) holds addr, or NULL. */
static struct vmap_area *find_vmap_area(unsigned long addr)
{
	struct rb_node *n = vmap_area_root.node;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

		if (addr < va->va_start)
			n = n->left;
		else if (addr >= va->va_end)
			n = n->right;
		else
			return va;
	}
	return NULL;
}

static void insert_vmap_area(struct vmap_area *va, struct list_head *before)
{
	struct rb_node **link = &vmap_area_root.node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (va->va_start < rb_entry(parent, struct vmap_area, rb_node)->va_start)
			link = &parent->left;
		else
			link = &parent->right;
	}
	rb_link_node(&va->rb_node, parent, link);
	rb_insert_color(&va->rb_node, &vmap_area_root);
	list_add_tail(&va->list, before);	/* before the first area above it: the list stays sorted */
}

/*
 * alloc_vmap_area: the lowest free range of size bytes (guard included)
 * whose start is aligned to align: first fit along the sorted list.
 */
static struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
					 unsigned long flags, const void *caller)
{
	unsigned long addr = ALIGN(VMALLOC_START, align);
	struct list_head *before = &vmap_area_list;
	struct vmap_area *va, *pos;

	list_for_each_entry(pos, &vmap_area_list, list) {
		if (addr + size <= pos->va_start) {
			before = &pos->list;
			break;
		}
		if (pos->va_end > addr)
			addr = ALIGN(pos->va_end, align);
	}
	if (addr + size > VMALLOC_END || addr + size < addr)
		return NULL;
	if (vmap_initialized)
		va = kmalloc(sizeof(*va), GFP_KERNEL);
	else if (nr_early_areas < NR_EARLY_AREAS)
		va = &early_areas[nr_early_areas++];
	else
		panic("alloc_vmap_area: more than %d areas before vmalloc_init", NR_EARLY_AREAS);
	if (!va)
		return NULL;
	memset(va, 0, sizeof(*va));
	va->va_start = addr;
	va->va_end = addr + size;
	va->vm.addr = (void *)addr;
	va->vm.size = size;
	va->vm.flags = flags;
	va->vm.caller = caller;
	insert_vmap_area(va, before);
	return va;
}

/* unlink_vmap_area: take va out of the tree and the address-sorted list. */
static void unlink_vmap_area(struct vmap_area *va)
{
	rb_erase(&va->rb_node, &vmap_area_root);
	list_del(&va->list);
}

static void release_area(struct vmap_area *va)
{
	if (!is_early_area(va))
		kfree(va);
}

static void free_vmap_area(struct vmap_area *va)
{
	unlink_vmap_area(va);
	release_area(va);
}

/*
 * table_count: the number of present entries of a vmalloc page table,
 * kept in its struct page; NULL while struct pages do not exist yet.
 */
static u32 *table_count(pte_t *table)
{
	return mem_map ? &virt_to_page(table)->private : NULL;
}

/*
 * vmalloc_pte_alloc: the leaf entry for va in swapper_pg_dir, making the
 * missing tables on the way down; NULL when out of memory.
 */
static pte_t *vmalloc_pte_alloc(unsigned long va)
{
	pte_t *table = swapper_pg_dir;

	for (unsigned int level = pgtable_levels - 1; level > 0; level--) {
		pte_t *entry = &table[pt_index(va, level)];

		if (!pte_present(*entry)) {
			pte_t *next = pt_alloc_kernel(NULL);
			u32 *count;

			if (!next)
				return NULL;
			if ((count = table_count(next)))
				*count = 0;
			pt_populate(entry, next);
			if ((count = table_count(table)))
				(*count)++;
		} else if (pte_leaf(*entry)) {
			panic("vmalloc_pte_alloc: a huge page covers %#lx", va);
		}
		table = pte_table(*entry);
	}
	return &table[pt_index(va, 0)];
}

static int vmap_pte(unsigned long va, unsigned long pfn, pgprot_t prot)
{
	pte_t *pte = vmalloc_pte_alloc(va);
	u32 *count;

	if (!pte)
		return -ENOMEM;
	if (pte_present(*pte))
		panic("vmap_pte: %#lx is mapped already", va);
	*pte = pfn_pte(pfn, prot);
	if ((count = table_count((pte_t *)((unsigned long)pte & PAGE_MASK))))
		(*count)++;
	return 0;
}

struct vunmap_walk {
	bool freed_table;
};

/* vunmap_pte_range: clear the entries of one leaf table. */
static int vunmap_pte_range(pte_t *pte, unsigned long addr, unsigned long end, void *private)
{
	u32 *count = table_count((pte_t *)((unsigned long)pte & PAGE_MASK));

	for (; addr < end; addr += PAGE_SIZE, pte++) {
		if (!pte_present(*pte))
			continue;
		*pte = (pte_t){ 0 };
		if (count)
			(*count)--;
	}
	return 0;
}

/*
 * vunmap_table_done: a table below *entry whose last entry went is freed,
 * unless memblock gave it (boot: the root's children and the early
 * ioremaps' tables), which stay for good.
 */
static void vunmap_table_done(pte_t *entry, unsigned int level, unsigned long addr,
			      unsigned long end, void *private)
{
	struct vunmap_walk *w = private;
	pte_t *table = pte_table(*entry);

	if (*table_count(table) || PageReserved(virt_to_page(table)))
		return;
	*entry = (pte_t){ 0 };
	(*table_count((pte_t *)((unsigned long)entry & PAGE_MASK)))--;
	pt_free_kernel(table);
	w->freed_table = true;
}

static const struct pt_walk_ops vunmap_ops = {
	.pte_range = vunmap_pte_range,
	.table_done = vunmap_table_done,
	.atomic = true,		/* vfree may run in finish_task_switch: never give way */
};

/*
 * vunmap_range: unmap [start, end) of the vmalloc space.  A fence per
 * page forgets the leaves; a table given back needs a full flush (a fence
 * for one address need not reach the tables above its leaf).
 */
static void vunmap_range(unsigned long start, unsigned long end)
{
	struct vunmap_walk w = { false };

	walk_pgtable_range(swapper_pg_dir, start, end, &vunmap_ops, &w);
	if (w.freed_table)
		local_flush_tlb_all();
	else
		flush_tlb_kernel_range(start, end);
}

/*
 * map_area_pages: map the area's pages (vm.pages) at its start.  The
 * spec lets a hart remember an invalid entry until an sfence.vma, so the
 * new range is fenced too (Linux riscv's flush_cache_vmap).
 */
static int map_area_pages(struct vmap_area *va, pgprot_t prot)
{
	for (unsigned int i = 0; i < va->vm.nr_pages; i++) {
		if (vmap_pte(va->va_start + i * PAGE_SIZE, page_to_pfn(va->vm.pages[i]), prot)) {
			vunmap_range(va->va_start, va->va_start + i * PAGE_SIZE);
			return -ENOMEM;
		}
	}
	flush_tlb_kernel_range(va->va_start, va->va_end);
	return 0;
}

void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, int node,
		     const void *caller)
{
	struct vmap_area *va;
	unsigned int nr;

	if (!size || size > VMALLOC_SIZE || !vmap_initialized)
		return NULL;
	size = PAGE_ALIGN(size);
	nr = (unsigned int)(size >> PAGE_SHIFT);
	va = alloc_vmap_area(size + PAGE_SIZE, align < PAGE_SIZE ? PAGE_SIZE : align,
			     VM_ALLOC, caller);
	if (!va)
		return NULL;
	va->vm.pages = kmalloc(nr * sizeof(struct page *), gfp & ~__GFP_ZERO);
	if (!va->vm.pages)
		goto free_area;
	for (; va->vm.nr_pages < nr; va->vm.nr_pages++) {
		struct page *page = alloc_page(gfp);

		if (!page)
			goto free_pages;
		va->vm.pages[va->vm.nr_pages] = page;
	}
	if (map_area_pages(va, PAGE_KERNEL))
		goto free_pages;
	nr_vmalloc_pages += nr;
	return va->vm.addr;

free_pages:
	while (va->vm.nr_pages)
		__free_page(va->vm.pages[--va->vm.nr_pages]);
	kfree(va->vm.pages);
free_area:
	free_vmap_area(va);
	return NULL;
}

void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL, 0, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL | __GFP_ZERO, 0,
			      __builtin_return_address(0));
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	struct vmap_area *va;

	if (!count || count > VMALLOC_SIZE >> PAGE_SHIFT || !vmap_initialized)
		return NULL;
	va = alloc_vmap_area(((unsigned long)count + 1) << PAGE_SHIFT, PAGE_SIZE,
			     VM_MAP | flags, __builtin_return_address(0));
	if (!va)
		return NULL;
	va->vm.pages = pages;
	va->vm.nr_pages = count;
	if (map_area_pages(va, prot)) {
		free_vmap_area(va);
		return NULL;
	}
	return va->vm.addr;
}

void *ioremap(phys_addr_t pa, unsigned long size)
{
	phys_addr_t start = ALIGN_DOWN(pa, PAGE_SIZE);
	unsigned long len = PAGE_ALIGN(pa + size) - start;
	struct vmap_area *va;

	if (!swapper_pg_dir || !size || len > VMALLOC_SIZE)
		return NULL;
	va = alloc_vmap_area(len + PAGE_SIZE, PAGE_SIZE, VM_IOREMAP, __builtin_return_address(0));
	if (!va)
		return NULL;
	va->vm.phys_addr = start;
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		if (vmap_pte(va->va_start + off, PFN_DOWN(start + off), PAGE_KERNEL_IO)) {
			vunmap_range(va->va_start, va->va_start + off);
			free_vmap_area(va);
			return NULL;
		}
	}
	flush_tlb_kernel_range(va->va_start, va->va_end);
	return (void *)(va->va_start + (pa - start));
}

/*
 * remove_vm_area: unlink and unmap the area that starts at addr (an
 * ioremap: the page addr lies in) and holds `flags`; NULL, after a report
 * naming what was wrong, for anything else.  The caller frees what the
 * area held, then the area.
 */
static struct vmap_area *remove_vm_area(const void *addr, unsigned long flags, const char *fn)
{
	unsigned long a = (unsigned long)addr;
	struct vmap_area *va = is_vmalloc_addr(addr) ? find_vmap_area(a) : NULL;

	if (flags == VM_IOREMAP && va)
		a &= PAGE_MASK;
	if (!va || a != va->va_start) {
		pr_warn("Trying to %s() nonexistent vm area (%p)\n", fn, addr);
		dump_stack();
		return NULL;
	}
	if (!(va->vm.flags & flags)) {
		pr_warn("Trying to %s() a vm area it did not make (%p, flags %#lx)\n", fn, addr,
			va->vm.flags);
		dump_stack();
		return NULL;
	}
	unlink_vmap_area(va);
	vunmap_range(va->va_start, va->va_end);
	return va;
}

void vfree(const void *addr)
{
	struct vmap_area *va;

	if (!addr)
		return;
	va = remove_vm_area(addr, VM_ALLOC, "vfree");
	if (!va)
		return;
	for (unsigned int i = 0; i < va->vm.nr_pages; i++)
		__free_page(va->vm.pages[i]);
	nr_vmalloc_pages -= va->vm.nr_pages;
	kfree(va->vm.pages);
	release_area(va);
}

void vunmap(const void *addr)
{
	struct vmap_area *va;

	if (!addr)
		return;
	va = remove_vm_area(addr, VM_MAP, "vunmap");
	if (va)
		release_area(va);
}

void iounmap(void *addr)
{
	struct vmap_area *va;

	if (!addr)
		return;
	va = remove_vm_area(addr, VM_IOREMAP, "iounmap");
	if (va)
		release_area(va);
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = is_vmalloc_addr(addr) ? find_vmap_area((unsigned long)addr) : NULL;

	return va && va->va_start == (unsigned long)addr ? &va->vm : NULL;
}

struct page *vmalloc_to_page(const void *addr)
{
	phys_addr_t pa;

	if (!is_vmalloc_addr(addr) || !pgtable_lookup(swapper_pg_dir, (unsigned long)addr, &pa, NULL, NULL))
		return NULL;
	return pfn_valid(PFN_DOWN(pa)) ? pfn_to_page(PFN_DOWN(pa)) : NULL;
}

static const char *area_kind(const struct vm_struct *vm)
{
	return vm->flags & VM_ALLOC ? "vmalloc" : vm->flags & VM_MAP ? "vmap" : "ioremap";
}

bool vmalloc_describe(unsigned long addr, char *buf, unsigned long size)
{
	struct vmap_area *va;

	if (!is_vmalloc_addr((void *)addr))
		return false;
	va = find_vmap_area(addr);
	if (!va)
		snprintf(buf, size, "%#lx is in the vmalloc space, in no area", addr);
	else
		snprintf(buf, size, "%#lx is %s the %s area 0x%016lx-0x%016lx (%lu bytes, caller %p)",
			 addr, addr >= va->va_end - PAGE_SIZE ? "in the guard page of" : "inside",
			 area_kind(&va->vm), va->va_start, va->va_end, va->vm.size, va->vm.caller);
	return true;
}

/*
 * /proc/vmallocinfo in Linux's format: start-end, size (with the guard
 * page), the caller (an address: rvmm has no symbol table; resolve it with
 * addr2line), then what the area holds.
 */
void show_vmallocinfo(struct seq_buf *m)
{
	struct vmap_area *va;

	list_for_each_entry(va, &vmap_area_list, list) {
		const struct vm_struct *v = &va->vm;

		seq_buf_printf(m, "0x%016lx-0x%016lx %7lu", va->va_start, va->va_end, v->size);
		if (v->caller)
			seq_buf_printf(m, " %p", v->caller);
		if (v->nr_pages)
			seq_buf_printf(m, " pages=%u", v->nr_pages);
		if (v->phys_addr)
			seq_buf_printf(m, " phys=0x%016llx", (unsigned long long)v->phys_addr);
		seq_buf_printf(m, " %s\n", area_kind(v));
	}
}

/*
 * count_entries: vmalloc_init's table_done: a table made before struct
 * pages existed gets its count of present entries now.
 */
static void count_entries(pte_t *entry, unsigned int level, unsigned long addr,
			  unsigned long end, void *private)
{
	pte_t *table = pte_table(*entry);
	u32 n = 0;

	for (int i = 0; i < PTRS_PER_PT; i++)
		n += pte_present(table[i]);
	*table_count(table) = n;
}

void vmalloc_init(void)
{
	static const struct pt_walk_ops ops = { .table_done = count_entries, .atomic = true };

	walk_pgtable_range(swapper_pg_dir, VMALLOC_START, VMALLOC_END, &ops, NULL);
	vmap_initialized = true;
}
