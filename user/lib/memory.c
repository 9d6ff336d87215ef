/*
 * memory.c: the program break and memory mappings.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
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

/* picolibc's malloc grows its heap with this. */
void *sbrk(ptrdiff_t increment)
{
	char *old;

	if (!cur_brk)
		cur_brk = (char *)__sys1(SYS_brk, 0);
	old = cur_brk;
	if (increment && brk(old + increment) < 0)
		return (void *)-1;
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
