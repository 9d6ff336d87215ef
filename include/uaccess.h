/*
 * include/uaccess.h: the only way the kernel touches user memory.
 *
 * Every user pointer is checked to lie in user space (below task_size)
 * before use, and the copy runs with sstatus.SUM set so that S-mode may
 * access U pages.  A fault inside a copy does not oops: the exception
 * table sends the trap to a fix-up that makes the copy report failure, and
 * the system call returns -EFAULT.
 */
#ifndef _RVMM_UACCESS_H
#define _RVMM_UACCESS_H

#include <types.h>

#define __user	/* marks a user-space pointer (documentation only) */

/*
 * access_ok: does [addr, addr+size) lie wholly in user space?  With an
 * MMU, below task_size (a fault finds the rest); without one, inside the
 * current process's own mappings (mm/nommu.c), since nothing would fault.
 */
bool access_ok(const void __user *addr, size_t size);

/* copy_from_user: copy n bytes in; returns the number of bytes NOT copied (0 on success). */
size_t copy_from_user(void *to, const void __user *from, size_t n);
/* copy_to_user: copy n bytes out; returns the number of bytes NOT copied (0 on success). */
size_t copy_to_user(void __user *to, const void *from, size_t n);
/* clear_user: zero n user bytes; returns the number NOT cleared. */
size_t clear_user(void __user *to, size_t n);
/*
 * strncpy_from_user: copy a NUL-terminated string of at most n bytes
 * (NUL included); returns its length without the NUL, -EFAULT on a bad
 * pointer, or -ENAMETOOLONG when no NUL was found within n bytes.
 */
long strncpy_from_user(char *dst, const char __user *src, size_t n);

/* get_user/put_user for one naturally aligned value: 0 or -EFAULT. */
#define get_user(x, ptr) \
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __pu_v = (x);				\
	copy_to_user((ptr), &__pu_v, sizeof(*(ptr))) ? -EFAULT : 0; })

/* search_exception_tables: the fix-up address for a faulting user-access pc, or 0. */
unsigned long search_exception_tables(unsigned long pc);

/* iovec: one segment of readv(2) and friends, as user space lays it out. */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

/*
 * iov_iter: a source or destination for file I/O that is either user
 * memory (system calls) or kernel memory (the kernel reading a file
 * itself, e.g. exec or the initramfs).  As Linux's ITER_UBUF / ITER_KVEC,
 * and ITER_IOVEC: user memory in several segments (readv, writev), one
 * transfer from the file's point of view.
 */
struct iov_iter {
	char *buf;		/* where the current segment goes on */
	size_t count;		/* bytes left, in all segments */
	bool user;
	size_t seg_count;	/* bytes left in the current segment */
	const struct iovec *iov;	/* the segments after it; NULL: one buffer */
	unsigned long nr_segs;	/* how many there are */
};

static inline void iov_iter_user(struct iov_iter *i, void __user *buf, size_t count)
{
	i->buf = buf;
	i->count = i->seg_count = count;
	i->user = true;
	i->iov = NULL;
	i->nr_segs = 0;
}

static inline void iov_iter_kernel(struct iov_iter *i, void *buf, size_t count)
{
	iov_iter_user(i, buf, count);
	i->user = false;
}

/* iov_iter_iovec: nr_segs (>= 1) checked user segments holding count bytes in all. */
static inline void iov_iter_iovec(struct iov_iter *i, const struct iovec *iov,
				  unsigned long nr_segs, size_t count)
{
	i->buf = iov[0].iov_base;
	i->seg_count = iov[0].iov_len;
	i->count = count;
	i->user = true;
	i->iov = iov + 1;
	i->nr_segs = nr_segs - 1;
}

/* copy_to_iter: copy up to n bytes into the iterator; returns bytes copied (short on a fault). */
size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i);
/* copy_from_iter: copy up to n bytes out of the iterator; returns bytes copied. */
size_t copy_from_iter(void *to, size_t n, struct iov_iter *i);
/* iov_iter_zero: write n zero bytes into the iterator; returns bytes written. */
size_t iov_iter_zero(size_t n, struct iov_iter *i);

#endif
