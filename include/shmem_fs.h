/*
 * include/shmem_fs.h: shmem pages (tmpfs files and shared anonymous
 * memory) going to swap and coming back (mm/shmem.c).  The file system
 * itself is ramfs's code (kernel/fs/ramfs.c, shmem_fs_type); without an
 * MMU there is no swap, and shmem is ramfs, as in Linux.
 */
#ifndef _RVMM_SHMEM_FS_H
#define _RVMM_SHMEM_FS_H

#include <err.h>
#include <errno.h>
#include <fs.h>

#ifdef CONFIG_MMU
/*
 * shmem_writeout: reclaim's isolated victim, a page of a shmem file, is
 * unmapped, written to a swap slot and replaced in its file by the slot's
 * entry.  True if it left the file (the caller's reference is the last);
 * false if it stays (busy, mlocked, used again meanwhile, swap full).
 */
bool shmem_writeout(struct page *page);
/*
 * shmem_swapin: read the page at index of mapping back from swap into the
 * file: the page (referenced), NULL if index has no swap entry and no
 * page, or ERR_PTR(-ENOMEM or -EIO).  May sleep.
 */
struct page *shmem_swapin(struct address_space *mapping, pgoff_t index);
/* shmem_truncate_swap: free the swap entries of mapping at indices [start, end). */
void shmem_truncate_swap(struct address_space *mapping, pgoff_t start, pgoff_t end);
/* shmem_unuse: swapoff of area type: read back every shmem page it holds; 0 or -errno. */
int shmem_unuse(unsigned int type);
#else
static inline bool shmem_writeout(struct page *page)
{
	return false;
}

static inline struct page *shmem_swapin(struct address_space *mapping, pgoff_t index)
{
	return ERR_PTR(-EIO);	/* nothing is ever swapped (nrswapped stays 0) */
}

static inline void shmem_truncate_swap(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
}
#endif

#endif
