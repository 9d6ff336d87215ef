/*
 * kernel/uaccess.c: copying between kernel and user memory (see
 * include/uaccess.h).  The faulting instructions themselves are in
 * usercopy.S; this file checks ranges and opens the SUM window.
 */
#include <asm/page.h>
#include <asm/uaccess.h>
#include <errno.h>
#include <pgtable.h>
#include <string.h>
#include <uaccess.h>

size_t __asm_copy_user(void *to, const void *from, size_t n);
size_t __asm_clear_user(void *to, size_t n);
int __asm_get_user_u8(u8 *val, const u8 *uaddr);

#ifdef CONFIG_MMU	/* without an MMU, mm/nommu.c has its own */
bool access_ok(const void __user *addr, size_t size)
{
	unsigned long a = (unsigned long)addr;

	return a <= task_size && size <= task_size - a;
}
#endif

/*
 * User memory is reachable only for the length of a copy, so a stray
 * kernel access to it elsewhere still faults (asm/uaccess.h).
 */
static inline void user_access_begin(void)
{
	__enable_user_access();
}

static inline void user_access_end(void)
{
	__disable_user_access();
}

/* raw_copy_from_user: copy in; on a fault the rest of the destination is left as it was. */
static size_t raw_copy_from_user(void *to, const void __user *from, size_t n)
{
	size_t left;

	if (!access_ok(from, n))
		return n;
	user_access_begin();
	left = __asm_copy_user(to, from, n);
	user_access_end();
	return left;
}

size_t copy_from_user(void *to, const void __user *from, size_t n)
{
	size_t left = raw_copy_from_user(to, from, n);

	if (left)	/* a kernel buffer must not keep stale bytes the caller may trust */
		memset((char *)to + (n - left), 0, left);
	return left;
}

size_t copy_to_user(void __user *to, const void *from, size_t n)
{
	size_t left;

	if (!access_ok(to, n))
		return n;
	user_access_begin();
	left = __asm_copy_user(to, from, n);
	user_access_end();
	return left;
}

size_t clear_user(void __user *to, size_t n)
{
	size_t left;

	if (!access_ok(to, n))
		return n;
	user_access_begin();
	left = __asm_clear_user(to, n);
	user_access_end();
	return left;
}

long strncpy_from_user(char *dst, const char __user *src, size_t n)
{
	long ret = -ENAMETOOLONG;

	user_access_begin();
	for (size_t i = 0; i < n; i++) {
		u8 c;

		if (!access_ok(src + i, 1) || __asm_get_user_u8(&c, (const u8 *)src + i)) {
			ret = -EFAULT;
			break;
		}
		dst[i] = (char)c;
		if (!c) {
			ret = (long)i;
			break;
		}
	}
	user_access_end();
	return ret;
}

/*
 * iter_chunk: how much of n bytes the current segment takes, moving to
 * the next non-empty segment first when this one is used up.
 */
static size_t iter_chunk(struct iov_iter *i, size_t n)
{
	while (!i->seg_count && i->nr_segs) {
		i->buf = i->iov->iov_base;
		i->seg_count = i->iov->iov_len;
		i->iov++;
		i->nr_segs--;
	}
	return n < i->seg_count ? n : i->seg_count;
}

/* iter_advance: done bytes of the current segment are used. */
static void iter_advance(struct iov_iter *i, size_t done)
{
	i->buf += done;
	i->seg_count -= done;
	i->count -= done;
}

size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i)
{
	size_t total = 0;

	n = n < i->count ? n : i->count;
	while (total < n) {
		size_t chunk = iter_chunk(i, n - total), done;
		const char *src = (const char *)from + total;

		if (i->user)
			done = chunk - copy_to_user(i->buf, src, chunk);
		else if (chunk == PAGE_SIZE && !(((unsigned long)i->buf | (unsigned long)src) & ~PAGE_MASK))
			copy_page(i->buf, src), done = chunk;	/* a whole page (exec's reads): 64 bytes a loop */
		else
			memcpy(i->buf, src, done = chunk);
		iter_advance(i, done);
		total += done;
		if (done < chunk || !chunk)
			break;		/* a fault */
	}
	return total;
}

size_t copy_from_iter(void *to, size_t n, struct iov_iter *i)
{
	size_t total = 0;

	n = n < i->count ? n : i->count;
	while (total < n) {
		size_t chunk = iter_chunk(i, n - total), done;
		char *dst = (char *)to + total;

		/*
		 * Not copy_from_user: the destination may be a page-cache page, whose
		 * bytes past a fault are the file's and must survive a failed write.
		 */
		if (i->user)
			done = chunk - raw_copy_from_user(dst, i->buf, chunk);
		else
			memcpy(dst, i->buf, done = chunk);
		iter_advance(i, done);
		total += done;
		if (done < chunk || !chunk)
			break;
	}
	return total;
}

size_t iov_iter_zero(size_t n, struct iov_iter *i)
{
	size_t total = 0;

	n = n < i->count ? n : i->count;
	while (total < n) {
		size_t chunk = iter_chunk(i, n - total), done;

		if (i->user)
			done = chunk - clear_user(i->buf, chunk);
		else
			memset(i->buf, 0, done = chunk);
		iter_advance(i, done);
		total += done;
		if (done < chunk || !chunk)
			break;
	}
	return total;
}

struct exception_table_entry {
	unsigned long insn, fixup;
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* search_exception_tables: the fix-up for a faulting kernel pc, or 0. */
unsigned long search_exception_tables(unsigned long pc)
{
	/* The bounds are linker symbols: count entries from their addresses. */
	unsigned long n = ((unsigned long)__stop___ex_table - (unsigned long)__start___ex_table) /
			  sizeof(struct exception_table_entry);

	for (unsigned long i = 0; i < n; i++)
		if (__start___ex_table[i].insn == pc)
			return __start___ex_table[i].fixup;
	return 0;
}
