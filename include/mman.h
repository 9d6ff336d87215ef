/* include/mman.h: mmap's flags and protections (Linux's values, asm-generic/mman-common.h). */
#ifndef _RVMM_MMAN_H
#define _RVMM_MMAN_H

#define PROT_NONE		0x0
#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4
#define PROT_SEM		0x8	/* atomics work on the page: always so, accepted and ignored */

#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_GROWSDOWN		0x0100
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_HUGETLB		0x40000
#define MAP_SYNC		0x80000
#define MAP_FIXED_NOREPLACE	0x100000
#define MAP_UNINITIALIZED	0x4000000

/* The flags MAP_SHARED_VALIDATE checks: anything else is EOPNOTSUPP. */
#define LEGACY_MAP_MASK	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
			 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | \
			 MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | \
			 MAP_STACK | MAP_HUGETLB)

#define MS_ASYNC		1
#define MS_INVALIDATE		2
#define MS_SYNC			4

#define MADV_NORMAL		0
#define MADV_RANDOM		1
#define MADV_SEQUENTIAL		2
#define MADV_WILLNEED		3
#define MADV_DONTNEED		4
#define MADV_FREE		8
#define MADV_DONTFORK		10
#define MADV_DOFORK		11
#define MADV_HUGEPAGE		14	/* rvmm has no transparent huge pages: */
#define MADV_NOHUGEPAGE		15	/* both accepted, and nothing changes */
#define MADV_PAGEOUT		21	/* write private anonymous pages out to swap now */

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

#define MCL_CURRENT		1	/* mlockall: what is mapped now */
#define MCL_FUTURE		2	/* mlockall: what is mapped from now on */
#define MCL_ONFAULT		4	/* with either: lock pages as they fault in */
#define MLOCK_ONFAULT		0x01	/* mlock2 */

#define MMAP_MIN_ADDR		65536UL	/* /proc/sys/vm/mmap_min_addr's default */

#endif
