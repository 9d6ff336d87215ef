/*
 * include/mm_types.h: struct page, one per page frame of RAM.
 *
 * Linux's struct page is 64 bytes; rvmm's is 32 (checked at compile time),
 * which costs two compromises a reader should know about:
 *  - list links are 32-bit indices into mem_map rather than pointers
 *    (struct page_list below), enough for 16 TiB of RAM;
 *  - the zone and the block order are bytes of their own rather than bits
 *    packed into flags, because that reads better and fits.
 * Fields whose use depends on what the page is for share unions, as in Linux.
 */
#ifndef _RVMM_MM_TYPES_H
#define _RVMM_MM_TYPES_H

#include <asm/page.h>
#include <compiler.h>
#include <list.h>
#include <rbtree.h>
#include <types.h>

struct address_space;
struct anon_vma;
struct kmem_cache;

#define PAGE_LIST_NONE 0xffffffffu	/* "no page" in a page_list link */

/* A list of pages linked through their lru field; see page_list_* in mm.h. */
struct page_list {
	u32 first, last;
};

struct page_list_node {
	u32 next, prev;
};

struct page {
	u16 flags;		/* PG_* bits (enum pageflags in mm.h) */
	u8 zone;		/* enum zone_type: fixed at boot */
	u8 order;		/* PG_buddy: order of this free block;
				   PG_head: order of this allocated block */
	s32 _refcount;		/* users of the page; 0 when free */
	s32 _mapcount;		/* page-table mappings minus one: -1 is unmapped */
	union {
		u32 index;	/* page cache: offset in the file; anon: linear index (rmap.h); in pages */
		struct {	/* PG_slab: */
			u16 inuse;	/* objects handed out */
			u16 freelist;	/* index of the first free object */
		} slab;
		u32 private;	/* free for the owner's use; PG_swapcache: the swap entry */
	};
	struct page_list_node lru;	/* buddy free list, per-cpu list,
					   slab partial/full list, or LRU */
	union {
		struct address_space *mapping;	/* page cache, or anon_vma | PAGE_MAPPING_ANON (rmap.h) */
		struct kmem_cache *slab_cache;	/* PG_slab: owning cache */
		struct page *pcp_next;		/* PG_pcp: the next page on the per-cpu list */
	};
};

BUILD_BUG_ON(sizeof(struct page) > 32);

struct file;

/* vm_flags: what a mapping allows (Linux's values) */
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL	/* the stack */
#define VM_LOCKED	0x00002000UL	/* mlock: every page resident, and marked Mlocked */
#define VM_SEQ_READ	0x00008000UL	/* MADV_SEQUENTIAL */
#define VM_RAND_READ	0x00010000UL	/* MADV_RANDOM */
#define VM_DONTCOPY	0x00020000UL	/* MADV_DONTFORK: fork leaves it out of the child */
#define VM_LOCKONFAULT	0x00080000UL	/* with VM_LOCKED: pages are locked as they fault in, not at once */
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)
#define VM_ACCOUNT	0x00100000UL	/* charged to Committed_AS */
#define VM_MAPPED_COPY	0x01000000UL	/* no MMU: the region is a private copy (Linux's VM_ARCH_1) */
#define VM_NORESERVE	0x00200000UL	/* MAP_NORESERVE: not charged */

/*
 * vm_region: without an MMU, one run of memory that VMAs map (mm/nommu.c):
 * an allocation of its own, or a file's pages mapped directly.  VMAs of
 * several processes may share one (a read-only file mapping), so regions
 * are counted and kept on one system-wide list (/proc/maps).
 */
struct vm_region {
	struct list_head vm_list;	/* the system's regions, in address order */
	unsigned long vm_flags;		/* VM_* of the first mapping; VM_MAPPED_COPY if a copy */
	unsigned long vm_start, vm_end;	/* what is mapped */
	unsigned long vm_top;		/* the end of the allocation: past vm_end if not trimmed */
	unsigned long vm_pgoff;		/* offset in vm_file, in pages */
	struct file *vm_file;		/* the file the region holds or is, or NULL */
	int vm_usage;			/* VMAs using it */
};

/*
 * vm_area_struct: one contiguous range of a process's address space with
 * the same permissions and backing, [vm_start, vm_end).
 */
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	unsigned long vm_flags;
	struct mm_struct *vm_mm;
	struct file *vm_file;		/* NULL for anonymous memory */
	unsigned long vm_pgoff;		/* offset in vm_file, in pages */
	const char *vm_name;		/* "[heap]", "[stack]", or NULL */
	struct vm_area_struct *vm_next;	/* the next VMA up: walks in address order */
	struct rb_node vm_rb;		/* in mm->mm_rb, keyed by address: lookups in O(log n) */
	struct list_head shared;	/* a file VMA: on its file's i_mmap, so truncate finds it */
	struct vm_region *vm_region;	/* no MMU: the memory it maps (NULL with an MMU) */
};

/* mm_struct: a user address space. */
struct mm_struct {
	pte_t *pgd;			/* root page table, kernel half shared (one entry type at every level) */
	unsigned long asid;		/* with its generation in the upper bits, see kernel/riscv/context.c */
	struct vm_area_struct *mmap;	/* VMAs, sorted by address */
	struct rb_root mm_rb;		/* the same VMAs as a red-black tree */
	int map_count;
	int mm_users;			/* tasks sharing this mm (vfork, threads) */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long total_vm;		/* pages mapped by all VMAs */
	unsigned long data_vm;		/* of those, private writable non-stack ones (RLIMIT_DATA) */
	unsigned long locked_vm;	/* of those, in VM_LOCKED VMAs (VmLck, RLIMIT_MEMLOCK) */
	unsigned long def_flags;	/* VM_* every new VMA gets: mlockall(MCL_FUTURE)'s VM_LOCKED */
	unsigned long rss_anon, rss_file, rss_shmem;	/* resident pages, as /proc/<pid>/status splits them */
	unsigned long swap_ents;	/* swap entries in its page tables (Linux's MM_SWAPENTS: VmSwap) */
	struct list_head mmlist;	/* on the list of every address space, which swapoff walks */
	unsigned long hiwater_rss;	/* the most resident pages before the last drop (getrusage's ru_maxrss) */
	unsigned long pgtables_bytes;	/* page-table pages, in bytes */
	char *exe_name;			/* the program's path: /proc/<pid>/maps names its segments */
	bool oom_skip;			/* being torn down: the OOM killer passes it by (MMF_OOM_SKIP) */
	struct anon_vma *anon_vma;	/* whom its anonymous pages name as their owner (mm/rmap.c) */
	struct list_head anon_vma_node;	/* on anon_vma->mms */
};

static inline unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return mm->rss_anon + mm->rss_file + mm->rss_shmem;
}

/*
 * update_hiwater_rss: called before the resident count drops, so the
 * peak is kept without a check on every page mapped (Linux's way).
 */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

/* get_mm_hiwater_rss: the peak resident pages so far. */
static inline unsigned long get_mm_hiwater_rss(const struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	return mm->hiwater_rss > rss ? mm->hiwater_rss : rss;
}

/* setmax_mm_hiwater_rss: raise *maxrss to mm's peak (exit and exec keep it, as Linux's signal->maxrss). */
static inline void setmax_mm_hiwater_rss(unsigned long *maxrss, const struct mm_struct *mm)
{
	unsigned long hiwater = get_mm_hiwater_rss(mm);

	if (*maxrss < hiwater)
		*maxrss = hiwater;
}

#endif
