/*
 * memory.c: the program break and memory mappings.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include <unistd.h>
#include "linux.h"

/*
 * The current break.  Linux's brk(addr) returns the new break on success
 * and the unchanged one on failure (never an error code), and brk(0) just
 * reports it; the break need not be page-aligned.
 */
static char *cur_brk;

int brk(void *addr)
{
	char *r = (char *)__sys1(SYS_brk, addr);

	cur_brk = r;
	if (r != addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/*
 * The heap without a break.  A kernel without an MMU cannot move the
 * break: a process's memory is one physical run, and what lies after its
 * data is other processes' memory (Linux's mm/nommu.c brk only reports
 * it).  There sbrk takes memory from anonymous mmap instead, which such a
 * kernel serves from contiguous pages.  A mapping for each increment would
 * cost a system call and at least a page per small malloc, so increments
 * are handed out from an arena: a chunk of at least ARENA_MIN bytes mapped
 * at once, and a new chunk when the increment does not fit in what is
 * left.  Chunks are never unmapped; the process's exit frees them.
 *
 * picolibc's malloc takes sbrk results that do not follow each other, with
 * one catch.  When its last free chunk ends where the heap ends, it grows
 * that chunk by asking sbrk for only the difference (__malloc_grow_chunk);
 * memory that comes back elsewhere becomes a free chunk of its own, and if
 * that lies above the old one, malloc tries to grow it in turn, asking for
 * the old chunk's size.  Were that not to fit after it either, the two
 * requests would alternate, each mapping a new chunk, until memory ran
 * out.  So a new chunk leaves room, after the increment that opens it, for
 * all that the current chunk handed out (where malloc's last free chunk
 * lies): that second request always fits and ends the search.  The same
 * room serves __malloc_sbrk_aligned, which asks for a few more bytes right
 * after memory that is not 8-byte aligned (chunks are page-aligned and
 * malloc asks in multiples of 8, so that does not happen here).
 */
#define ARENA_MIN	(64 * 1024)
#define ARENA_SLACK	64	/* malloc's smallest chunk and alignment, and more */
#define ARENA_PAGE	4096UL

static char *arena_start, *arena_next, *arena_end;
static char *first_brk;		/* where the break started: the heap it holds */
static int heap_in_arena;	/* the last increment came from the arena */

/* A private anonymous mapping of at least len bytes, page-rounded; NULL if none. */
static char *arena_chunk(size_t len)
{
	char *p;

	len = (len + ARENA_PAGE - 1) & ~(ARENA_PAGE - 1);
	if (len < ARENA_MIN)
		len = ARENA_MIN;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	arena_start = arena_next = p;
	arena_end = p + len;
	return p;
}

static void *arena_sbrk(ptrdiff_t increment)
{
	char *old = arena_next;
	size_t handed_out;

	if (increment <= 0) {
		/* giving back: only what the current chunk handed out */
		if (increment < 0 && (!arena_next || arena_next - arena_start < -increment)) {
			errno = ENOMEM;
			return (void *)-1;
		}
		arena_next += increment;
		return old;
	}
	if (!arena_next || arena_end - arena_next < increment) {
		if (arena_next)
			handed_out = arena_next - arena_start;
		else	/* the first chunk: malloc's last free chunk is on the heap */
			handed_out = first_brk && cur_brk > first_brk ? cur_brk - first_brk : 0;
		/* without the room, when memory is short: the search may still end */
		if (!arena_chunk((size_t)increment + handed_out + ARENA_SLACK) &&
		    !arena_chunk((size_t)increment + ARENA_SLACK))
			return (void *)-1;	/* errno from mmap: ENOMEM */
		old = arena_start;
	}
	arena_next += increment;
	return old;
}

/*
 * picolibc's malloc grows its heap with this.  The break first, as on any
 * Linux; the arena only when the break does not move (no MMU, or, with
 * one, a mapping or the memory limit in its way, where glibc's malloc
 * also turns to mmap).  A later increment tries the break again.
 */
void *sbrk(ptrdiff_t increment)
{
	char *old;

	if (heap_in_arena && increment <= 0)
		return arena_sbrk(increment);
	if (!cur_brk)
		first_brk = cur_brk = (char *)__sys1(SYS_brk, 0);
	old = cur_brk;
	if (!increment)
		return old;
	if (brk(old + increment) == 0) {
		heap_in_arena = 0;
		return old;
	}
	if (increment < 0)
		return (void *)-1;
	old = arena_sbrk(increment);
	if (old != (void *)-1)
		heap_in_arena = 1;
	return old;
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	/* mmap returns an address, or -errno: never an address that high */
	return (void *)__sys_ret(__sys6(SYS_mmap, (long)addr, length, prot, flags, fd, offset));
}

int munmap(void *addr, size_t length)
{
	return __sys_ret(__sys2(SYS_munmap, addr, length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return __sys_ret(__sys3(SYS_mprotect, addr, length, prot));
}

int msync(void *addr, size_t length, int flags)
{
	return __sys_ret(__sys3(SYS_msync, addr, length, flags));
}

int madvise(void *addr, size_t length, int advice)
{
	return __sys_ret(__sys3(SYS_madvise, addr, length, advice));
}

int swapon(const char *path, int flags)
{
	return __sys_ret(__sys2(SYS_swapon, path, flags));
}

int swapoff(const char *path)
{
	return __sys_ret(__sys1(SYS_swapoff, path));
}

void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...)
{
	void *new_address = NULL;
	va_list ap;

	/* The fifth argument is there only when the flags say so, as glibc reads it. */
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		va_start(ap, flags);
		new_address = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)__sys_ret(__sys6(SYS_mremap, (long)old_address, (long)old_size, (long)new_size, flags,
					(long)new_address, 0));
}

int mlock(const void *addr, size_t len)
{
	return __sys_ret(__sys2(SYS_mlock, addr, len));
}

int mlock2(const void *addr, size_t len, unsigned int flags)
{
	return __sys_ret(__sys3(SYS_mlock2, addr, len, flags));
}

int munlock(const void *addr, size_t len)
{
	return __sys_ret(__sys2(SYS_munlock, addr, len));
}

int mlockall(int flags)
{
	return __sys_ret(__sys1(SYS_mlockall, flags));
}

int munlockall(void)
{
	return __sys_ret(__sys0(SYS_munlockall));
}

int mincore(void *addr, size_t length, unsigned char *vec)
{
	return __sys_ret(__sys3(SYS_mincore, addr, length, vec));
}
