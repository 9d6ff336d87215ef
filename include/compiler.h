/* include/compiler.h: small helpers every C file may use. */
#ifndef _RVMM_COMPILER_H
#define _RVMM_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __unused	__attribute__((unused))
#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __aligned(x)	__attribute__((aligned(x)))
#define __noinline	__attribute__((noinline))
#define __cold		__attribute__((cold, noinline))
/*
 * __leaf_fastpath: an allocator fast path that calls nothing but tail
 * calls, built without a frame of its own (the kernel keeps frame pointers
 * for its backtraces, and the prologue would cost as much as the work).
 * A backtrace from a fault inside one shows its pc, then its caller's
 * caller: the caller itself is in ra, which the oops prints.
 */
#define __leaf_fastpath	__attribute__((optimize("omit-frame-pointer")))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#endif
