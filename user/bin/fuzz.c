/*
 * fuzz: random system calls from a seed, to find what breaks the kernel.
 *
 *	fuzz [-s SEED] [-n CALLS] [-j WORKERS] [-g CALLS] [-p CALLS] [-o OPS] [-a BUGS] [-x]
 *
 * Run it only inside rvmm (booted in QEMU), never on a host: it makes
 * random system calls with the privileges it has.
 *
 * WORKERS processes (default 4) make CALLS calls between them (default
 * 50000), weighted toward the memory calls, with the values that find
 * bugs: 0, -1, page-aligned and unaligned addresses in and around the
 * worker's own mappings, text, stack and heap, kernel and non-canonical
 * addresses, huge lengths, random flags, and descriptors of every kind.
 * What was mapped is then read, written and executed.  A worker runs in
 * generations of -g calls (default 1000), each a fresh process, so that
 * what one generation leaks or breaks in its own address space does not
 * pile up; the supervisor starts the next.
 *
 * The same seed makes the same sequence of decisions: worker W's
 * generation G draws from a generator seeded with (SEED + W, G), so
 * worker W of seed S is worker 0 of seed S+W with -j 1 (with the same
 * calls per worker).  The values the kernel returns feed back (addresses
 * to map at, descriptors), so other workers' interleaving can change a
 * few of them.  -x prints every call before making it and its result
 * after: the trace to reduce a crash from.  -o mmap,mprotect,brk makes
 * only those calls.  -a heap,brk-top (or -a all) steps around known
 * kernel bugs (avoiding() lists them), to look for others.  -p is how
 * often a worker says how far it got ("fuzz: worker W: N calls").
 *
 * A call that could harm the worker itself (unmapping its own text,
 * writing into its stack, closing its console, execve, exit, a read that
 * may block for ever) is made in a forked child, and an access that may
 * fault too; the worker survives, and a child that should have finished
 * but hangs is reported as "stuck".  The worker keeps a model of its own
 * anonymous mappings and checks that what it wrote reads back.
 *
 * At the end it compares each zone's free pages with the count before the
 * workers started (as runtests does), prints a TAP summary and the rate,
 * and as init (pid 1) powers the machine off.
 *
 * Arguments: as init, from the words after "--" on the kernel command
 * line, which the kernel passes as argv, as Linux does:
 * init=/bin/fuzz -- -s 5 -n 2000
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signal.h>
#include <sys/syscall.h>
#include "zoneinfo.h"
#include "../lib/linux.h"	/* the raw calls (__sysN) and Linux's own structures */

/* ---- the Linux riscv64 ABI, raw: the values pass to the kernel untranslated ---- */

#define SYS_mknodat	33
#define SYS_readlinkat	78
#define SYS_mremap	216

/* Linux's errno values (asm-generic/errno-base.h), as raw calls return them negated */
#define LINUX_ECHILD	10
#define LINUX_ENOSYS	38

/* open flags (asm-generic/fcntl.h): picolibc's O_* are different numbers */
#define LINUX_O_RDONLY		00
#define LINUX_O_WRONLY		01
#define LINUX_O_ACCMODE		03	/* and O_RDWR 02 */
#define LINUX_O_CREAT		0100
#define LINUX_O_EXCL		0200
#define LINUX_O_NOCTTY		0400
#define LINUX_O_TRUNC		01000
#define LINUX_O_APPEND		02000
#define LINUX_O_NONBLOCK	04000
#define LINUX_O_DSYNC		010000
#define LINUX_O_DIRECT		040000
#define LINUX_O_DIRECTORY	0200000
#define LINUX_O_NOFOLLOW	0400000
#define LINUX_O_CLOEXEC		02000000
#define LINUX_O_PATH		010000000
#define LINUX_O_TMPFILE_BIT	020000000	/* O_TMPFILE is this | O_DIRECTORY */


#define LINUX_WUNTRACED	2	/* wait4: report a child stopped by a signal */
#define LINUX_WNOHANG		1
#define LINUX___WALL		0x40000000

#define SYSLOG_READ_ALL		3

#define PAGE_SIZE	4096UL
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define NR_OPEN_MAX	1024		/* descriptors are below this (RLIMIT_NOFILE) */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))


static __attribute__((noreturn)) void exit_now(int status)
{
	for (;;)
		__sys1(SYS_exit_group, status);
}

/*
 * clone_exit: clone(flags, newsp), and the child exits at once (status 0)
 * without touching memory: with CLONE_VM it runs on our stack.  It calls
 * exit, not exit_group: were it a thread, exit_group would end the worker
 * too.  The parent gets the child's pid or -errno.
 */
static long clone_exit(long flags, long newsp)
{
	register long a0 __asm__("a0") = flags;
	register long a1 __asm__("a1") = newsp;
	register long a2 __asm__("a2") = 0;
	register long a3 __asm__("a3") = 0;
	register long a4 __asm__("a4") = 0;
	register long a7 __asm__("a7") = SYS_clone;

	__asm__ volatile("ecall\n\t"
			 "bnez	a0, 1f\n\t"
			 "li	a7, %[exit]\n\t"	/* the child: exit(0) */
			 "ecall\n"
			 "1:"
			 : "+r"(a0), "+r"(a7)
			 : "r"(a1), "r"(a2), "r"(a3), "r"(a4), [exit] "i"(SYS_exit)
			 : "memory");
	return a0;
}

/*
 * vfork_exec: vfork, and the child execs path at once, or exits with 127;
 * like clone_exit it stays in registers, as a vfork child must (the
 * system calls keep every register but a0).
 */
static long vfork_exec(const char *path, char *const argv[], char *const envp[])
{
	register long a0 __asm__("a0") = LINUX_CLONE_VM | LINUX_CLONE_VFORK | SIGCHLD;
	register long a1 __asm__("a1") = 0;
	register long a2 __asm__("a2") = 0;
	register long a3 __asm__("a3") = 0;
	register long a4 __asm__("a4") = 0;
	register long a5 __asm__("a5") = (long)path;
	register long a6 __asm__("a6") = (long)argv;
	register long t1 __asm__("t1") = (long)envp;
	register long a7 __asm__("a7") = SYS_clone;

	__asm__ volatile("ecall\n\t"
			 "bnez	a0, 1f\n\t"
			 "mv	a0, a5\n\t"		/* the child: execve(path, argv, envp) */
			 "mv	a1, a6\n\t"
			 "mv	a2, t1\n\t"
			 "li	a7, %[execve]\n\t"
			 "ecall\n\t"
			 "li	a0, 127\n\t"		/* execve failed: exit_group(127) */
			 "li	a7, %[exit]\n\t"
			 "ecall\n"
			 "1:"
			 : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a7)
			 : "r"(a3), "r"(a4), "r"(a5), "r"(a6), "r"(t1),
			   [execve] "i"(SYS_execve), [exit] "i"(SYS_exit_group)
			 : "memory");
	return a0;
}

static inline unsigned long rdtime(void)
{
	unsigned long t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

/* ---- output: whole lines in one write, so workers' lines do not mix ---- */

static __attribute__((format(printf, 1, 2))) void say(const char *fmt, ...)
{
	char line[400];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	__sys3(SYS_write, 1, line, n);
}

/* ---- the random numbers: splitmix64, small and good enough ---- */

static unsigned long rng_state;

static unsigned long mix(unsigned long z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
	return z ^ (z >> 31);
}

static unsigned long rnd(void)
{
	rng_state += 0x9e3779b97f4a7c15UL;
	return mix(rng_state);
}

static unsigned long below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

static bool one_in(unsigned long n)
{
	return below(n) == 0;
}

#define PICK(table)	((table)[below(ARRAY_SIZE(table))])

/* ---- options ---- */

static struct {
	unsigned long seed;
	long calls;		/* in all, between the workers */
	int workers;
	long gen_calls;		/* calls per generation: a fresh process each */
	long progress;		/* a progress line every this many calls */
	bool trace;		/* -x: every call, before and after */
	char only[200];		/* -o: the ops to make, comma-separated; empty: all */
	char avoid[200];	/* -a: known kernel bugs to step around (see avoiding()), or "all" */
} opt = { 0, 50000, 4, 1000, 1000, false, "", "" };

static void usage(void)
{
	say("usage: fuzz [-s SEED] [-n CALLS] [-j WORKERS] [-g CALLS] [-p CALLS] [-o OPS] [-a BUGS] [-x]");
	exit_now(2);
}

static long number(const char *s)
{
	char *end;
	long v = (long)strtoull(s, &end, 0);

	if (!*s || *end)
		usage();
	return v;
}

static void parse_options(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "-x")) {
			opt.trace = true;
			continue;
		}
		if (o[0] != '-' || !o[1] || o[2] || i + 1 >= argc)
			usage();
		switch (o[1]) {
		case 's': opt.seed = (unsigned long)number(argv[++i]); break;
		case 'n': opt.calls = number(argv[++i]); break;
		case 'j': opt.workers = (int)number(argv[++i]); break;
		case 'g': opt.gen_calls = number(argv[++i]); break;
		case 'p': opt.progress = number(argv[++i]); break;
		case 'o': snprintf(opt.only, sizeof(opt.only), "%s", argv[++i]); break;
		case 'a': snprintf(opt.avoid, sizeof(opt.avoid), "%s", argv[++i]); break;
		default: usage();
		}
	}
	if (opt.workers < 1 || opt.workers > 16 || opt.calls < 0 || opt.gen_calls < 1 ||
	    opt.progress < 1)
		usage();
}

/* in_list: is name one of the comma-separated words of list? */
static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *w = list; *w; w += strcspn(w, ","), w += *w == ',')
		if (!strncmp(w, name, n) && (w[n] == ',' || !w[n]))
			return true;
	return false;
}

/*
 * avoiding: step around this known kernel behaviour (-a NAME or -a all)?
 * Each one, once hit, ends the run or hides what comes after; stepping
 * around it lets the fuzzer look for others.
 *
 *   console-read	a read of /dev/console waits for input, as on Linux,
 *			and none comes: the child is reported stuck
 *   mmap-min-addr	MAP_FIXED (and mremap's MREMAP_FIXED) below
 *			mmap_min_addr (64 KiB) is allowed, as for root on
 *			Linux, and can map over page 0
 *
 * These once stepped around kernel bugs, since fixed; the names stay so
 * that an old seed replays as it did: exec-only (a load from an
 * execute-only page faulted for ever), stack-gap (a hint inside a
 * stack's guard gap was taken), heap-mmap and heap-split (brk took over
 * or corrupted VMAs near the heap), brk-top (brk wrapped round the top of
 * the address space).
 */
static bool avoiding(const char *bug)
{
	return in_list(opt.avoid, "all") || in_list(opt.avoid, bug);
}

/* The kernel log, read once at start: the timer's frequency is in it. */
static char klog[1 << 17];

static void read_klog(void)
{
	long n = __sys3(SYS_syslog, SYSLOG_READ_ALL, klog, sizeof(klog) - 1);

	klog[n > 0 ? n : 0] = '\0';
}

/* timebase: the time CSR's frequency, from the kernel log ("time: N Hz timebase"); else QEMU virt's. */
static unsigned long timebase(void)
{
	for (const char *p = strstr(klog, "time: "); p; p = strstr(p + 1, "time: ")) {
		char *e;
		unsigned long hz = strtoul(p + 6, &e, 10);

		if (hz && !strncmp(e, " Hz timebase", 12))
			return hz;
	}
	return 10000000;
}

/* ---- the worker's picture of itself ---- */

#define MAX_MAPS	32	/* mappings it remembers; beyond that the oldest goes */
#define MAX_FDS		32	/* descriptors it keeps open */
#define MAX_KIDS	4	/* children alive at once (fork and clone) */
#define TRACKED_PAGES	64	/* pages per mapping whose contents are checked */
#define BIG_COPY	(1UL << 20)	/* the most a read or write copies into or out of a mapping */
#define POPULATE_MAX	(256 * PAGE_SIZE) /* MAP_POPULATE of more: the flag is dropped */
#define PAGE_BUDGET	2048	/* pages touched before everything is unmapped again */
#define FILE_BUDGET	(4UL << 20) /* bytes written before the files are emptied */

struct mapping {
	unsigned long start, len;	/* as mmap returned it; len 0: a free slot */
	int prot, flags;
	bool anon;
	/*
	 * exact: nothing but whole-mapping mprotect changed it since, so its
	 * protection is known.  Otherwise its pages are accessed only from
	 * children.  For a private anonymous mapping the worker also knows
	 * page i's contents when bit i of known is set: the stamp at offset
	 * 0 if bit i of written is, zeros if not.
	 */
	bool exact;
	unsigned char stamp;
	unsigned long known, written;
};

enum fd_kind {
	FD_NONE, FD_FILE, FD_DIR, FD_TMPDIR, FD_OURDIR, FD_PROC, FD_CONSOLE, FD_NULL,
	FD_PIPE_R, FD_PIPE_W, FD_PATH, FD_UNKNOWN,
};

struct fdent {
	int fd;
	unsigned char kind;
	bool nonblock;
};

enum cwd { CWD_OTHER, CWD_TMP, CWD_OURDIR };

static struct worker {
	int id;
	int depth;			/* 0 in the worker, 1 in a child it forked, ... */
	long call;			/* calls made, over all generations */
	unsigned long task_size;	/* user addresses are below it */
	unsigned long stack_lo;		/* the stack and the guard gap below it: [stack_lo, task_size) */
	unsigned long start_brk, brk;
	bool heap_exact;		/* no call but brk has changed [start_brk, brk) */
	struct mapping maps[MAX_MAPS];
	struct fdent fds[MAX_FDS];
	int nfds, last_closed;
	long kids[MAX_KIDS];
	int nkids;
	enum cwd cwd;
	long pages_touched;
	unsigned long file_bytes;
	int failed;			/* exit status: 2 broken rule, 3 stuck child */
} wk;

/* ---- making a call ---- */

#define RISKY		1	/* may harm the worker: in a child */
#define MAY_BLOCK	2	/* may sleep for ever: in a child, killed after a while */

struct call {
	const char *name;
	long nr;
	long a[6];
	int nargs;
	unsigned int flags;
	long ret;
};

/* CALL(mmap, flags, args...): the call SYS_mmap with those arguments. */
#define CALL(cname, cflags, ...)						\
	(struct call){ .name = #cname, .nr = SYS_##cname, .flags = (cflags),	\
		       .a = { __VA_ARGS__ },					\
		       .nargs = sizeof((long[]){ __VA_ARGS__ }) / sizeof(long) }

static const char *known_string(long a);

static void trace_call(const struct call *c)
{
	char args[300];
	int n = 0;

	for (int i = 0; i < c->nargs && n < (int)sizeof(args); i++) {
		const char *str = known_string(c->a[i]);

		if (str)	/* one of the worker's path names: show it */
			n += snprintf(args + n, sizeof(args) - (size_t)n, "%s\"%.40s\"", i ? ", " : "", str);
		else
			n += snprintf(args + n, sizeof(args) - (size_t)n, "%s%#lx", i ? ", " : "", c->a[i]);
	}
	if (n >= (int)sizeof(args))
		n = sizeof(args) - 1;
	args[n] = '\0';
	say("fuzz: w%d %ld%s: %s(%s)", wk.id, wk.call, wk.depth ? " child" : "", c->name, args);
}

/* make_call: make it here and now (traced with -x, as every call the fuzzer makes). */
static void make_call(struct call *c)
{
	if (opt.trace)
		trace_call(c);
	c->ret = __sys6(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
	if (opt.trace)
		say("fuzz: w%d %ld%s: = %#lx (%ld)", wk.id, wk.call, wk.depth ? " child" : "",
		    c->ret, c->ret);
}

/*
 * calls_made[w]: worker w's count of calls, in a page shared with the
 * supervisor, which so knows how far a worker got even when it is lost.
 */
static volatile long *calls_made;

/* The program's layout (user/user.ld). */
extern char __executable_start[], etext[], edata[], end[], __tls_base[];

/* The data segment: from the first page after the read-only data to the end of bss. */
static unsigned long data_lo(void)
{
	return (unsigned long)__tls_base & PAGE_MASK;
}

static unsigned long data_hi(void)
{
	return PAGE_ALIGN((unsigned long)end);
}

static bool overlaps(unsigned long a, unsigned long len, unsigned long lo, unsigned long hi)
{
	unsigned long e = a + len < a ? ~0UL : a + len;

	return len && a < hi && e > lo;
}

#define STACK_GUARD_GAP	(1UL << 20)	/* Linux's stack_guard_gap: no mapping goes this close below the stack */

/* vital: would changing [a, a+len) change the worker's own text, data, stack or shared page? */
static bool vital(unsigned long a, unsigned long len)
{
	return overlaps(a, len, (unsigned long)__executable_start, data_hi()) ||
	       overlaps(a, len, wk.stack_lo, wk.task_size) ||
	       overlaps(a, len, (unsigned long)calls_made, (unsigned long)calls_made + PAGE_SIZE);
}

/*
 * vital_writable: could a kernel write into [a, a+len) reach the worker's
 * data or stack?  The kernel copies from a upward and stops at the first
 * unmapped page; the data segment sits above read-only text, and the stack
 * above a 1 MiB guard gap that nothing may map (vital() keeps MAP_FIXED out
 * of it, and Linux keeps mmap's hints out), so 1 MiB past a is as far as
 * a write can go.
 */
static bool vital_writable(unsigned long a, unsigned long len)
{
	if (len > BIG_COPY)
		len = BIG_COPY;
	return overlaps(a, len, data_lo(), data_hi()) ||
	       overlaps(a, len, wk.stack_lo, wk.task_size) ||
	       overlaps(a, len, (unsigned long)calls_made, (unsigned long)calls_made + PAGE_SIZE);
}

/* ---- the worker's mappings ---- */

static struct mapping *map_find(unsigned long a)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (wk.maps[i].len && a >= wk.maps[i].start && a - wk.maps[i].start < wk.maps[i].len)
			return &wk.maps[i];
	return NULL;
}

static struct mapping *map_random(void)
{
	int n = 0, pick;

	for (int i = 0; i < MAX_MAPS; i++)
		n += wk.maps[i].len != 0;
	if (!n)
		return NULL;
	pick = (int)below((unsigned long)n);
	for (int i = 0; i < MAX_MAPS; i++)
		if (wk.maps[i].len && pick-- == 0)
			return &wk.maps[i];
	return NULL;
}

/* in_big_mapping: is a inside memory the worker mapped (or its heap), where a copy could run long? */
static bool in_big_mapping(unsigned long a)
{
	return map_find(a) || (a >= wk.start_brk && a < PAGE_ALIGN(wk.brk));
}

/* page_bits: which of m's tracked pages [a, a+len) overlaps, one bit each. */
static unsigned long page_bits(const struct mapping *m, unsigned long a, unsigned long len)
{
	unsigned long e = a + len < a ? ~0UL : a + len, first, last, bits = 0;

	if (!m->len || !overlaps(a, len, m->start, m->start + m->len))
		return 0;
	first = a > m->start ? (a - m->start) / PAGE_SIZE : 0;
	last = (e < m->start + m->len ? e - 1 - m->start : m->len - 1) / PAGE_SIZE;
	for (unsigned long p = first; p <= last && p < TRACKED_PAGES; p++)
		bits |= 1UL << p;
	return bits;
}

/* forget: the kernel may have written into [a, a+len): those pages' contents are no longer known. */
static void forget(unsigned long a, unsigned long len)
{
	if (len > BIG_COPY)
		len = BIG_COPY;
	for (int i = 0; i < MAX_MAPS; i++)
		wk.maps[i].known &= ~page_bits(&wk.maps[i], a, len);
}

/* unmap: a munmap of the worker's own, housekeeping (not counted, but traced). */
static void unmap(unsigned long start, unsigned long len)
{
	struct call c = CALL(munmap, 0, (long)start, (long)len);

	make_call(&c);
}

/*
 * changed: [a, a+len) was unmapped, remapped or reprotected (or may have
 * been, by a call that failed half-way).  A mapping wholly inside it is
 * forgotten (gone is true) or marked inexact.
 */
static void changed(unsigned long a, unsigned long len, bool gone)
{
	if (overlaps(a, PAGE_ALIGN(len), wk.start_brk, PAGE_ALIGN(wk.brk)))
		wk.heap_exact = false;
	for (int i = 0; i < MAX_MAPS; i++) {
		struct mapping *m = &wk.maps[i];

		if (!m->len || !overlaps(a, PAGE_ALIGN(len), m->start, m->start + m->len))
			continue;
		if (gone && a <= m->start && a + PAGE_ALIGN(len) >= m->start + m->len)
			m->len = 0;
		else
			m->exact = false;
	}
}

static void unmap_all(void)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (wk.maps[i].len) {
			unmap(wk.maps[i].start, wk.maps[i].len);
			wk.maps[i].len = 0;
		}
}

static struct mapping *free_slot(void)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (!wk.maps[i].len)
			return &wk.maps[i];
	return NULL;
}

/*
 * make_room: when the table is full, unmap the oldest mapping, before an
 * mmap: afterwards its unmapping could take the new mapping with it (an
 * inexact entry's range may by now cover anything).
 */
static void make_room(void)
{
	static int next;	/* the slot to reuse next, round robin: the oldest */
	struct mapping *m = &wk.maps[next];
	unsigned long start = m->start, len = m->len;

	if (free_slot())
		return;
	next = (next + 1) % MAX_MAPS;
	m->len = 0;
	unmap(start, len);
	changed(start, len, true);	/* and whatever else was in that range */
}

/* remember: a new mapping (make_room made a slot for it). */
static void remember(unsigned long start, unsigned long len, int prot, int flags)
{
	struct mapping *m = free_slot();

	if (!m)
		return;		/* not reached: make_room made one */
	*m = (struct mapping){ start, PAGE_ALIGN(len), prot, flags, (flags & MAP_ANONYMOUS) != 0,
			       true, (unsigned char)(4 * (1 + below(7))), ~0UL, 0 };
	/* Shared memory changes under children's writes: its contents are never "known". */
	if ((flags & MAP_TYPE) != MAP_PRIVATE || !m->anon)
		m->known = 0;
}

/* ---- descriptors ---- */

static struct fdent *fd_find(long fd)
{
	for (int i = 0; i < wk.nfds; i++)
		if (wk.fds[i].fd == fd)
			return &wk.fds[i];
	return NULL;
}

/*
 * fd_kind: what fd is; FD_NONE if surely not open, FD_UNKNOWN if it may
 * be anything.  A descriptor is an int: Linux ignores a register's upper
 * half (0x100000001 is 1), so the worker judges by the low 32 bits too.
 */
static enum fd_kind fd_kind(long fd)
{
	struct fdent *f = fd_find((int)fd);

	if (f)
		return (enum fd_kind)f->kind;
	return (int)fd < 0 || (int)fd >= NR_OPEN_MAX ? FD_NONE : FD_UNKNOWN;
}

/* console_fd: is fd (as an int) one of 0, 1 and 2, the worker's own output? */
static bool console_fd(long fd)
{
	return (int)fd >= 0 && (int)fd <= 2;
}

static void fd_forget(long fd)
{
	struct fdent *f = fd_find(fd);

	if (f) {
		*f = wk.fds[--wk.nfds];
		wk.last_closed = (int)fd;
	}
}

/* fd_add: a new descriptor; when the table is full the oldest non-console one is closed. */
static void fd_add(long fd, enum fd_kind kind, bool nonblock)
{
	fd_forget(fd);
	if (wk.nfds == MAX_FDS) {
		/* 0, 1 and 2 (the first three) are the console: the worker's output */
		struct call c = CALL(close, 0, wk.fds[3].fd);

		make_call(&c);
		fd_forget(c.a[0]);
	}
	wk.fds[wk.nfds++] = (struct fdent){ (int)fd, (unsigned char)kind, nonblock };
}

/* ---- children ---- */

/*
 * become_child: what a child does first.  It keeps its own numbers (still
 * from the seed) and no children, and replaces the page shared with the
 * supervisor with a private one: whatever the child does, the counts stay.
 */
static void become_child(unsigned long salt)
{
	wk.depth++;
	wk.nkids = 0;
	rng_state ^= salt;
	__sys6(SYS_mmap, (long)calls_made, PAGE_SIZE, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
}

static void kid_add(long pid)
{
	if (wk.nkids < MAX_KIDS)
		wk.kids[wk.nkids++] = pid;
}

static void kid_gone(long pid)
{
	for (int i = 0; i < wk.nkids; i++)
		if (wk.kids[i] == pid)
			wk.kids[i] = wk.kids[--wk.nkids];
}

static void nap(void)
{
	static const long tick[2] = { 0, 1000000 };	/* 1 ms: the kernel rounds it up to a tick */

	__sys2(SYS_nanosleep, tick, 0);
}

#define SHORT_WAIT	5	/* naps (ticks) before a child that may block is killed */
#define LONG_WAIT	1000	/* ... and one that should not block is reported stuck */

/* reaped: has pid ended within about naps ticks?  (It is reaped if so.) */
static bool reaped(long pid, long naps)
{
	int st;

	for (long i = 0; i < 8 + naps; i++) {
		long r = __sys4(SYS_wait4, pid, &st, LINUX_WNOHANG | LINUX_WUNTRACED, 0);

		if (r == pid && (st & 0xff) == 0x7f) {
			/* stopped by a random signal (SIGSTOP, SIGTSTP...): not a hang; let it go on */
			__sys2(SYS_kill, pid, SIGCONT);
			continue;
		}
		if (r == pid || r == -LINUX_ECHILD)
			return true;
		if (i < 8)
			__sys0(SYS_sched_yield);	/* it usually finishes within its first time slice */
		else
			nap();
	}
	return false;
}

/*
 * wait_child: reap pid.  One that may block (in a read, say) is killed
 * after a few ticks; one that should not, only after some seconds, and
 * that is reported: the kernel hung it.  So is one that SIGKILL does not
 * end.
 */
static void wait_child(long pid, bool may_block, const char *what)
{
	kid_gone(pid);
	if (reaped(pid, may_block ? SHORT_WAIT : LONG_WAIT))
		return;
	if (!may_block) {
		say("fuzz: worker %d: stuck: %s in child %ld did not finish in %d s",
		    wk.id, what, pid, LONG_WAIT / 100);
		wk.failed = 3;
	}
	__sys2(SYS_kill, pid, SIGKILL);
	if (reaped(pid, LONG_WAIT))
		return;
	say("fuzz: worker %d: stuck: %s in child %ld, killed, did not end in %d s",
	    wk.id, what, pid, LONG_WAIT / 100);
	wk.failed = 3;
}

/* reap_kids: wait for every child of the fork and clone calls. */
static void reap_kids(void)
{
	while (wk.nkids)
		wait_child(wk.kids[0], false, "a forked child");
}

/*
 * in_child: run fn(arg) in a new child and wait for it (see wait_child).
 * In a child already it runs here: a child is expendable.  Nothing in fn
 * reaches the worker's own memory: the child has a copy.
 */
static void in_child(void (*fn)(void *), void *arg, bool may_block, const char *what)
{
	long pid;

	if (wk.depth) {
		fn(arg);
		return;
	}
	pid = __sys2(SYS_clone, SIGCHLD, 0);
	if (pid < 0)
		return;		/* out of memory or pids: skip it */
	if (pid == 0) {
		become_child(0x5bd1e995UL);
		fn(arg);
		exit_now(0);
	}
	if (opt.trace)
		say("fuzz: w%d %ld: %s in child %ld", wk.id, wk.call, what, pid);
	wait_child(pid, may_block, what);
}

static void make_call_void(void *arg)
{
	make_call(arg);
}

/*
 * invoke: make the call where it is safe.  True when it was made in this
 * process (c->ret holds the result, for the caller's bookkeeping); false
 * when it ran in a child or was skipped (a child does not make calls that
 * may block: nobody would kill it).
 */
static bool invoke(struct call *c)
{
	if (wk.depth && (c->flags & MAY_BLOCK))
		return false;
	if (!wk.depth && (c->flags & (RISKY | MAY_BLOCK))) {
		in_child(make_call_void, c, c->flags & MAY_BLOCK, c->name);
		return false;
	}
	make_call(c);
	return true;
}

/*
 * broken: the kernel broke a rule it must keep; the generation ends with
 * status 2.  A child's picture of itself is not to be trusted (it makes
 * the risky calls itself), so a child only says what it saw, with -x.
 */
static __attribute__((format(printf, 1, 2))) void broken(const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (wk.depth) {
		if (opt.trace)
			say("fuzz: w%d %ld child: unexpected: %s", wk.id, wk.call, msg);
		return;
	}
	say("fuzz: worker %d: broken at call %ld: %s", wk.id, wk.call, msg);
	wk.failed = 2;
}

/* ---- interesting values ---- */

static const unsigned long kernel_addrs[] = {
	0xffffffff80200000UL,			/* the kernel image's text */
	0xffffffff80200000UL + 0x123456,
	0xffffffd600000000UL,			/* the direct map in Sv39 */
	0xffffffd600000000UL + (64UL << 20),
	0xffffaf8000000000UL,			/* ... in Sv48 */
	0xffffaf8000000000UL + 0x200000,	/* the kernel's own pages, through the direct map */
	0xff60000000000000UL,			/* ... in Sv57 */
	0xff60000000000000UL + (100UL << 20),
	0xfffffffffffff000UL, 0xffffffffffffffffUL, 0xffffffff00000000UL,
};

static const unsigned long noncanonical[] = {
	1UL << 38, (1UL << 38) + PAGE_SIZE, 1UL << 39, 1UL << 47, (1UL << 47) + PAGE_SIZE,
	1UL << 48, 1UL << 56, 1UL << 57, 0x00ff000000000000UL, 0x7ffffffffffff000UL,
	0x8000000000000000UL, 0x0000800000000000UL - 1,
};

/* arena: a region where MAP_FIXED calls pile onto each other, to split and merge VMAs. */
#define ARENA		0x10000000UL
#define ARENA_PAGES	512

/* page_near: an address in or just around mapping m, usually page-aligned. */
static unsigned long page_near(const struct mapping *m)
{
	unsigned long pages = m->len / PAGE_SIZE;

	switch (below(6)) {
	case 0: return m->start;
	case 1: return m->start + m->len;
	case 2: return m->start - PAGE_SIZE;
	case 3: return m->start + below(pages + 2) * PAGE_SIZE;
	case 4: return m->start + below(pages) * PAGE_SIZE + 1 + below(PAGE_SIZE - 1);
	default: return m->start + below(pages < 8 ? pages : 8) * PAGE_SIZE;
	}
}

/* pick_addr: an address to pass: the worker's own memory and its edges, kernel, nonsense. */
static unsigned long pick_addr(void)
{
	static const unsigned long small[] = { 0, 1, 8, 0xfff, PAGE_SIZE, 0xffff, 0x10000 };
	struct mapping *m = map_random();
	unsigned long a, local = (unsigned long)&m;

	switch (below(20)) {
	case 0: a = PICK(small); break;
	case 1 ... 7: a = m ? page_near(m) : ARENA + below(ARENA_PAGES) * PAGE_SIZE; break;
	case 8: a = (unsigned long)__executable_start + below(8) * PAGE_SIZE; break;
	case 9: a = PICK(((const unsigned long[]){ (unsigned long)etext, (unsigned long)edata,
						    (unsigned long)end, data_lo(), data_hi() })); break;
	case 10: a = (local & PAGE_MASK) + (below(5) - 2) * PAGE_SIZE; break;
	case 11: a = wk.task_size - (1 + below(40)) * PAGE_SIZE; break;
	case 12: a = wk.start_brk + below(5) * PAGE_SIZE; break;
	case 13: a = PAGE_ALIGN(wk.brk) + (below(3) - 1) * PAGE_SIZE; break;
	case 14: a = wk.task_size + (below(3) - 1) * PAGE_SIZE; break;
	case 15: a = PICK(kernel_addrs); break;
	case 16: a = PICK(noncanonical); break;
	case 17: a = rnd() % wk.task_size & PAGE_MASK; break;
	case 18: a = ARENA + below(ARENA_PAGES) * PAGE_SIZE; break;
	default: a = rnd(); break;
	}
	if (one_in(16))
		a += 1 + below(PAGE_SIZE - 1);	/* unaligned */
	return a;
}

/* pick_len: a length: pages mostly, edges, and the huge ones that overflow. */
static unsigned long pick_len(void)
{
	static const unsigned long odd[] = {
		0, 1, PAGE_SIZE - 1, PAGE_SIZE + 1, 64UL << 10, 1UL << 20, (2UL << 20) + PAGE_SIZE,
		1UL << 30, 64UL << 30, 1UL << 38, 1UL << 47, 1UL << 56, 1UL << 63,
		~0UL, ~0UL - PAGE_SIZE + 2, -PAGE_SIZE, -(2 * PAGE_SIZE),
	};

	switch (below(8)) {
	case 0 ... 3: return (1 + below(8)) * PAGE_SIZE;
	case 4: return (1 + below(ARENA_PAGES)) * PAGE_SIZE;
	case 5: return wk.task_size - below(3) * PAGE_SIZE;
	case 6: return PICK(odd);
	default: return below(3 * PAGE_SIZE);
	}
}

static int pick_prot(void)
{
	int prot = (int)below(8);

	if (one_in(32))
		prot |= 1 << below(32);	/* PROT_GROWSDOWN, PROT_SEM, nonsense */
	return prot;
}

static int pick_mmap_flags(void)
{
	static const int types[] = { MAP_PRIVATE, MAP_PRIVATE, MAP_PRIVATE, MAP_SHARED,
				     MAP_SHARED, MAP_SHARED_VALIDATE, 0, 0xf };
	static const int extra[] = { MAP_FIXED, MAP_NORESERVE, MAP_POPULATE, MAP_FIXED_NOREPLACE,
				     0x100 /* MAP_GROWSDOWN */, 0x800 /* MAP_DENYWRITE */,
				     0x2000 /* MAP_LOCKED */, 0x20000 /* MAP_STACK */,
				     0x40000 /* MAP_HUGETLB */, 0x80000 /* MAP_SYNC */ };
	int flags = PICK(types);

	if (!one_in(4))
		flags |= MAP_ANONYMOUS;
	for (int i = (int)below(3); i > 0; i--)
		flags |= PICK(extra);
	if (one_in(32))
		flags |= 1 << below(32);
	return flags;
}

static long pick_fd(void)
{
	static const long odd[] = { -1, LINUX_AT_FDCWD, NR_OPEN_MAX - 1, NR_OPEN_MAX, 65536,
				    0x7fffffff, -0x80000000L, 0x100000000L };

	if (wk.nfds && !one_in(5)) {
		int i = (int)below((unsigned long)wk.nfds);

		if (wk.fds[i].kind == FD_CONSOLE && !one_in(4))
			i = (int)below((unsigned long)wk.nfds);	/* fewer calls on the console */
		return wk.fds[i].fd;
	}
	if (one_in(3))
		return wk.last_closed;
	return one_in(2) ? PICK(odd) : (long)below(64);
}

#define KIND(k)	(1U << (k))

/* pick_fd_of: mostly a descriptor of one of these kinds (a bit each), when there is one; else any. */
static long pick_fd_of(unsigned int kinds)
{
	int n = 0, pick;

	for (int i = 0; i < wk.nfds; i++)
		n += (kinds & KIND(wk.fds[i].kind)) != 0;
	if (!n || one_in(3))
		return pick_fd();
	pick = (int)below((unsigned long)n);
	for (int i = 0; i < wk.nfds; i++)
		if ((kinds & KIND(wk.fds[i].kind)) && pick-- == 0)
			return wk.fds[i].fd;
	return pick_fd();
}

/* A directory descriptor for the *at calls: the current directory mostly. */
static long pick_dirfd(void)
{
	if (one_in(2))
		return LINUX_AT_FDCWD;
	for (int tries = 0; tries < 4; tries++) {
		long fd = pick_fd();
		enum fd_kind k = fd_kind(fd);

		if (k == FD_DIR || k == FD_TMPDIR || k == FD_OURDIR)
			return fd;
	}
	return pick_fd();
}

/* ---- paths ---- */

enum path_kind { P_BAD, P_OURS, P_TMP_NAME, P_OURDIR_NAME, P_OTHER };

struct path {
	char name[48];
	unsigned char kind;	/* P_*: whether the worker may create or change it */
	unsigned char fd_kind;	/* what opening it gives */
};

static struct path paths[40];
static int npaths;
static char long_name[300];

static void add_path(const char *name, enum path_kind kind, enum fd_kind fdk)
{
	struct path *p = &paths[npaths++];

	snprintf(p->name, sizeof(p->name), name, wk.id);
	p->kind = (unsigned char)kind;
	p->fd_kind = (unsigned char)fdk;
}

/* The names a worker uses: its own in /tmp, which it may create and change; the rest only read. */
static void make_paths(void)
{
	npaths = 0;
	add_path("/tmp/fuzz.%d.0", P_OURS, FD_FILE);
	add_path("/tmp/fuzz.%d.1", P_OURS, FD_FILE);
	add_path("/tmp/fuzz.%d.2", P_OURS, FD_FILE);
	add_path("/tmp/fuzz.%d.d", P_OURS, FD_OURDIR);
	add_path("/tmp/fuzz.%d.d/f", P_OURS, FD_FILE);
	/* mknodat's: a device or a FIFO may block on open and read (it may be the console) */
	add_path("/tmp/fuzz.%d.n", P_OURS, FD_UNKNOWN);
	add_path("fuzz.%d.1", P_TMP_NAME, FD_FILE);	/* relative to /tmp */
	add_path("fuzz.%d.d", P_TMP_NAME, FD_OURDIR);
	add_path("f", P_OURDIR_NAME, FD_FILE);		/* relative to /tmp/fuzz.W.d */
	add_path("/", P_OTHER, FD_DIR);
	add_path("/tmp", P_OTHER, FD_TMPDIR);
	add_path("/bin", P_OTHER, FD_DIR);
	add_path("/bin/echo", P_OTHER, FD_FILE);
	add_path("/proc", P_OTHER, FD_DIR);
	add_path("/proc/self", P_OTHER, FD_DIR);
	add_path("/proc/self/maps", P_OTHER, FD_PROC);
	add_path("/proc/self/status", P_OTHER, FD_PROC);
	add_path("/proc/1/maps", P_OTHER, FD_PROC);
	add_path("/proc/meminfo", P_OTHER, FD_PROC);
	add_path("/proc/zoneinfo", P_OTHER, FD_PROC);
	add_path("/proc/buddyinfo", P_OTHER, FD_PROC);
	add_path("/proc/slabinfo", P_OTHER, FD_PROC);
	add_path("/proc/vmstat", P_OTHER, FD_PROC);
	add_path("/proc/sys/vm", P_OTHER, FD_DIR);
	add_path("/proc/sys/vm/overcommit_memory", P_OTHER, FD_PROC);
	add_path("/proc/sys/vm/drop_caches", P_OTHER, FD_PROC);
	add_path("/dev/console", P_OTHER, FD_CONSOLE);
	add_path("/dev/null", P_OTHER, FD_NULL);
	add_path(".", P_OTHER, FD_DIR);
	add_path("..", P_OTHER, FD_DIR);
	add_path("nonexistent", P_OTHER, FD_NONE);
	/* the last ones name nothing that can be made: pick_changeable relies on that */
	add_path("", P_BAD, FD_NONE);
	add_path("/nonexistent/x", P_BAD, FD_NONE);
	add_path("/tmp/fuzz.%d.0/x", P_BAD, FD_NONE);	/* ENOTDIR, unless it is a directory */
	add_path("/proc/self/maps/x", P_BAD, FD_NONE);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[0] = '/';
}

/*
 * pick_path: a path argument.  *p says what it is, or is NULL for a
 * pointer that is not one of the worker's names (junk, a long name, a bad
 * address): the kernel may read any string there, so nothing may be
 * created through it.
 */
static unsigned long pick_path(const struct path **p)
{
	*p = NULL;
	switch (below(12)) {
	case 0: return pick_addr();
	case 1: return (unsigned long)long_name;
	default:
		*p = &paths[below((unsigned long)npaths)];
		return (unsigned long)(*p)->name;
	}
}

/* known_string: the worker's own string at address a (a path), for -x; NULL if none. */
static const char *known_string(long a)
{
	for (int i = 0; i < npaths; i++)
		if (a == (long)paths[i].name)
			return paths[i].name;
	return a == (long)long_name ? long_name : NULL;
}

/* known_path: the worker's path whose name is at address a, or NULL. */
static const struct path *known_path(unsigned long a)
{
	for (int i = 0; i < npaths; i++)
		if (a == (unsigned long)paths[i].name)
			return &paths[i];
	return NULL;
}

/* may_change: may a call create, truncate or remove what dirfd and p name?  Only the worker's own files. */
static bool may_change(long dirfd, const struct path *p)
{
	enum fd_kind k = fd_kind(dirfd);

	if (!p)
		return false;
	switch (p->kind) {
	case P_OURS:
		return true;
	case P_TMP_NAME:
		return dirfd == LINUX_AT_FDCWD ? wk.cwd == CWD_TMP : k == FD_TMPDIR;
	case P_OURDIR_NAME:
		return dirfd == LINUX_AT_FDCWD ? wk.cwd == CWD_OURDIR : k == FD_OURDIR;
	default:
		return false;
	}
}

/* ---- memory calls ---- */

static void touch_pages(const struct mapping *m, int n);

static void after_mmap_in_child(void *arg)
{
	struct call *c = arg;

	make_call(c);
	if (c->ret >= 0 || c->ret < -4095) {
		struct mapping m = { (unsigned long)c->ret, PAGE_ALIGN((unsigned long)c->a[1]),
				     (int)c->a[2], (int)c->a[3], (c->a[3] & MAP_ANONYMOUS) != 0,
				     false, 4, 0, 0 };

		touch_pages(&m, 4);
	}
}

/*
 * check_mmap: where a successful mmap of len bytes at addr may be: in
 * user space above mmap_min_addr (64 KiB, Linux's default).  With
 * MAP_FIXED (or MAP_FIXED_NOREPLACE), exactly at addr; otherwise the
 * kernel chose, and may not have taken anything already mapped;
 * MAP_FIXED_NOREPLACE may not have either.
 */
static void check_mmap(unsigned long addr, unsigned long r, unsigned long len, int flags)
{
	if (r & ~PAGE_MASK || r < 0x10000 || r + len > wk.task_size || r + len < r)
		broken("mmap(%#lx, %#lx, flags %#x) placed it at %#lx, outside user space above "
		       "mmap_min_addr", addr, len, flags, r);
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && r != addr)
		broken("mmap(%#lx, %#lx, MAP_FIXED) returned %#lx", addr, len, r);
	if ((flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE))
		return;
	/*
	 * A hint must keep out of the stack's guard gap too; MAP_FIXED_NOREPLACE
	 * may be placed in it, as Linux places it (only what is mapped counts).
	 */
	if ((flags & MAP_FIXED_NOREPLACE) ?
	    overlaps(r, len, (unsigned long)__executable_start, data_hi()) ||
	    overlaps(r, len, wk.stack_lo + STACK_GUARD_GAP, wk.task_size) : vital(r, len))
		broken("mmap placed %#lx+%#lx over the program's own text, data or stack", r, len);
	else if (wk.heap_exact && overlaps(r, len, wk.start_brk, PAGE_ALIGN(wk.brk)))
		broken("mmap placed %#lx+%#lx over the heap (%#lx-%#lx)", r, len, wk.start_brk, wk.brk);
	for (int i = 0; i < MAX_MAPS; i++)
		if (wk.maps[i].len && wk.maps[i].exact &&
		    overlaps(r, len, wk.maps[i].start, wk.maps[i].start + wk.maps[i].len))
			broken("mmap placed %#lx+%#lx over the mapping at %#lx+%#lx", r, len,
			       wk.maps[i].start, wk.maps[i].len);
}

/*
 * steer: move a range off what a known bug (see avoiding()) makes
 * dangerous for the call: the heap and the room above it, the stack's
 * guard gap.
 */
static unsigned long steer(unsigned long addr, unsigned long len, const char *bug)
{
	unsigned long heap_end = PAGE_ALIGN(wk.brk) + 256 * PAGE_SIZE;
	/* the arena, or above the heap if it has grown over the arena */
	unsigned long to = (heap_end > ARENA ? heap_end + (16UL << 20) : ARENA) +
			   below(ARENA_PAGES) * PAGE_SIZE;

	if (avoiding(bug) && overlaps(addr, len, wk.start_brk, heap_end))
		return to;
	if (avoiding("stack-gap") && overlaps(addr, len, wk.stack_lo, wk.task_size))
		return to;
	return addr;
}

static void op_mmap(void)
{
	unsigned long addr = pick_addr(), len = pick_len(), off = 0;
	int prot = pick_prot(), flags = pick_mmap_flags();
	long fd = -1;
	struct call c;

	if (one_in(3))
		addr = 0;			/* let the kernel choose, mostly */
	else if (one_in(3))
		addr = ARENA + below(ARENA_PAGES) * PAGE_SIZE;
	if (!(flags & MAP_ANONYMOUS) || one_in(8))
		fd = pick_fd_of(KIND(FD_FILE));
	if (!(flags & MAP_ANONYMOUS) && !one_in(4))
		off = below(4) * PAGE_SIZE;
	else if (one_in(4))
		off = PICK(((const unsigned long[]){ 1, -PAGE_SIZE, 1UL << 62, 0x7ffffffffffff000UL }));
	if ((prot & 7) == PROT_EXEC && avoiding("exec-only"))
		prot |= PROT_READ;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && addr < 0x10000 && avoiding("mmap-min-addr"))
		addr += 0x10000;
	addr = steer(addr, PAGE_ALIGN(len) ? PAGE_ALIGN(len) : len, "heap-mmap");
	/* Populating is bounded: a huge populate just eats the machine (and hogs the CPU).  MAP_LOCKED populates too. */
	if ((flags & (MAP_POPULATE | 0x2000 /* MAP_LOCKED */)) && PAGE_ALIGN(len) > POPULATE_MAX)
		flags &= ~(MAP_POPULATE | 0x2000);
	make_room();
	c = CALL(mmap, 0, (long)addr, (long)len, prot, flags, fd, (long)off);
	if ((flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE) && vital(addr, len))
		c.flags = RISKY;
	if (!wk.depth && (c.flags & RISKY)) {
		in_child(after_mmap_in_child, &c, false, "mmap");
		return;
	}
	if (!invoke(&c))
		return;
	if (c.ret < 0 && c.ret >= -4095) {
		if (flags & MAP_FIXED)
			changed(addr, len, false);	/* it may have unmapped what was there */
		return;
	}
	check_mmap(addr, (unsigned long)c.ret, PAGE_ALIGN(len), flags);
	changed((unsigned long)c.ret, len, true);	/* MAP_FIXED replaced what was there */
	remember((unsigned long)c.ret, len, prot, flags);
	if (flags & MAP_POPULATE)
		wk.pages_touched += (long)(PAGE_ALIGN(len) / PAGE_SIZE);
	if (one_in(2))
		touch_pages(map_find((unsigned long)c.ret), 1 + (int)below(4));
}

/*
 * pick_range: a range for munmap, mprotect, madvise, msync: often inside
 * or across one of the worker's mappings (its whole, a part, its edge,
 * page-aligned), otherwise anything.
 */
static void pick_range(unsigned long *addr, unsigned long *len)
{
	struct mapping *m = map_random();
	unsigned long pages, first;

	*addr = pick_addr();
	*len = pick_len();
	if (!m || one_in(3))
		return;
	pages = m->len / PAGE_SIZE;
	switch (below(4)) {
	case 0:		/* all of it, as programs do */
		*addr = m->start;
		*len = m->len;
		break;
	case 1:		/* some pages inside it: it splits */
		first = below(pages);
		*addr = m->start + first * PAGE_SIZE;
		*len = (1 + below(pages - first)) * PAGE_SIZE;
		break;
	case 2:		/* across its start or its end */
		*addr = one_in(2) ? m->start - below(4) * PAGE_SIZE :
				    m->start + m->len - (1 + below(4)) * PAGE_SIZE;
		*len = (1 + below(8)) * PAGE_SIZE;
		break;
	default:	/* from inside it to wherever */
		*addr = m->start + below(pages) * PAGE_SIZE;
		break;
	}
}

static void op_munmap(void)
{
	unsigned long addr, len;
	struct call c;

	pick_range(&addr, &len);
	addr = steer(addr, len, "heap-split");
	c = CALL(munmap, vital(addr, len) ? RISKY : 0, (long)addr, (long)len);
	if (invoke(&c))
		changed(addr, len, c.ret == 0);
}

static void op_mprotect(void)
{
	struct mapping *m;
	unsigned long addr, len;
	int prot = pick_prot();
	struct call c;

	pick_range(&addr, &len);
	if ((prot & 7) == PROT_EXEC && avoiding("exec-only"))
		prot |= PROT_READ;
	addr = steer(addr, len, "heap-split");
	c = CALL(mprotect, vital(addr, len) ? RISKY : 0, (long)addr, (long)len, prot);
	if (!invoke(&c))
		return;
	m = map_find(addr);
	if (c.ret == 0 && m && m->exact && addr == m->start && PAGE_ALIGN(len) == m->len) {
		m->prot = prot;		/* the whole mapping: still exactly known */
		return;
	}
	changed(addr, len, false);
}

static void op_madvise(void)
{
	static const int advice[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED,
				      MADV_DONTNEED, MADV_DONTNEED, 8 /* MADV_FREE */,
				      9 /* MADV_REMOVE */, 10 /* DONTFORK */, MADV_PAGEOUT, 100, -1 };
	unsigned long addr, len;
	int adv = PICK(advice);
	struct call c;

	pick_range(&addr, &len);
	addr = steer(addr, len, "heap-split");
	/*
	 * Any advice that drops pages would zero the worker's own data and
	 * stack; MADV_PAGEOUT keeps every byte (the pages come back from swap).
	 */
	c = CALL(madvise, vital(addr, len) && adv != MADV_NORMAL && adv != MADV_RANDOM &&
		 adv != MADV_SEQUENTIAL && adv != MADV_WILLNEED && adv != MADV_PAGEOUT ? RISKY : 0,
		 (long)addr, (long)len, adv);
	if (!invoke(&c) || adv == MADV_NORMAL || adv == MADV_RANDOM || adv == MADV_SEQUENTIAL ||
	    adv == MADV_WILLNEED || adv == MADV_PAGEOUT)
		return;
	if (c.ret != 0) {
		changed(addr, len, false);	/* may have dropped some before failing */
		return;
	}
	/* MADV_DONTNEED: private anonymous pages read as zeros again, as on Linux. */
	for (int i = 0; i < MAX_MAPS; i++) {
		unsigned long bits = page_bits(&wk.maps[i], addr, PAGE_ALIGN(len));

		if (adv == MADV_DONTNEED)
			wk.maps[i].written &= ~bits;
		else
			wk.maps[i].known &= ~bits;	/* FREE, REMOVE: zeros or not, as it likes */
	}
}

static void op_brk(void)
{
	unsigned long cur = wk.brk, b;
	struct call c;

	switch (below(8)) {
	case 0: b = 0; break;
	case 1 ... 3: b = cur + (below(9) - 4) * PAGE_SIZE + (one_in(2) ? below(PAGE_SIZE) : 0); break;
	case 4: b = wk.start_brk + below(4) * PAGE_SIZE; break;
	case 5: b = wk.start_brk - PAGE_SIZE; break;
	default: b = pick_addr(); break;
	}
	if (b >= wk.task_size && avoiding("brk-top"))
		b = wk.task_size - PAGE_SIZE * below(4);
	c = CALL(brk, 0, (long)b);
	if (!invoke(&c))
		return;
	/* brk returns the new break, or the old one when it cannot move; nothing else. */
	if ((unsigned long)c.ret != b && (unsigned long)c.ret != cur)
		broken("brk(%#lx) returned %#lx; the break was %#lx", b, c.ret, cur);
	/* A heap that grew may not have grown over anything else. */
	for (int i = 0; (unsigned long)c.ret > cur && i < MAX_MAPS; i++)
		if (wk.maps[i].len && wk.maps[i].exact &&
		    overlaps(PAGE_ALIGN(cur), PAGE_ALIGN((unsigned long)c.ret) - PAGE_ALIGN(cur),
			     wk.maps[i].start, wk.maps[i].start + wk.maps[i].len))
			broken("brk(%#lx) grew the heap from %#lx over the mapping at %#lx+%#lx",
			       b, cur, wk.maps[i].start, wk.maps[i].len);
	/* A heap that shrank took whatever was mapped past the new break with it, as on Linux. */
	if ((unsigned long)c.ret < cur && PAGE_ALIGN((unsigned long)c.ret) < PAGE_ALIGN(cur))
		changed(PAGE_ALIGN((unsigned long)c.ret),
			PAGE_ALIGN(cur) - PAGE_ALIGN((unsigned long)c.ret), true);
	wk.brk = (unsigned long)c.ret;
}

static void op_msync(void)
{
	unsigned long addr, len;
	struct call c;

	pick_range(&addr, &len);
	c = CALL(msync, 0, (long)addr, (long)len,
		 PICK(((const int[]){ MS_ASYNC, MS_SYNC, MS_INVALIDATE, 0, 3, 7, 8 })));
	invoke(&c);
}

static void op_mremap(void)
{
	unsigned long addr = pick_addr(), old = pick_len(), new = pick_len(), to = pick_addr();
	long flags = (long)below(8);	/* MREMAP_MAYMOVE 1, MREMAP_FIXED 2, MREMAP_DONTUNMAP 4 */
	struct call c;

	/* as mmap's: root may move a mapping below mmap_min_addr with MREMAP_FIXED */
	if ((flags & 2) && to < 0x10000 && avoiding("mmap-min-addr"))
		to += 0x10000;
	c = CALL(mremap, vital(addr, old) || vital(to, new) ? RISKY : 0,
		 (long)addr, (long)old, (long)new, flags, (long)to);

	if (invoke(&c) && c.ret != -LINUX_ENOSYS) {	/* not there (yet) */
		changed(addr, old, false);
		changed(to, new, false);
	}
}

/* ---- accesses ---- */

struct touch {
	unsigned long addr;
	char kind;		/* 'r', 'w' or 'x' */
	bool store_ret;		/* exec: write a return instruction there first */
};

static void exec_at(unsigned long a)
{
	__asm__ volatile("fence.i" ::: "memory");
	((void (*)(void))a)();
}

static void do_touches(void *arg)
{
	struct touch *t = arg;

	for (; t->kind; t++) {
		volatile unsigned char *p = (volatile unsigned char *)t->addr;

		if (opt.trace)
			say("fuzz: w%d %ld%s: %c %#lx", wk.id, wk.call, wk.depth ? " child" : "",
			    t->kind, t->addr);
		if (t->kind == 'r')
			(void)*p;
		else if (t->kind == 'w')
			*p = 0x5a;
		else {
			if (t->store_ret)
				*(volatile unsigned short *)p = 0x8082;	/* c.ret */
			exec_at(t->addr);
		}
	}
}

/*
 * touch_direct: an access the worker can make itself: page p of an
 * exactly known, anonymous mapping that allows it, at offset 0.  What it
 * reads must be what it last wrote there (or zeros).
 */
static bool touch_direct(struct mapping *m, unsigned long p, char kind)
{
	volatile unsigned char *a = (volatile unsigned char *)(m->start + p * PAGE_SIZE);

	if (!m->exact || !m->anon || p >= TRACKED_PAGES || kind == 'x' ||
	    !(m->prot & (kind == 'w' ? PROT_WRITE : PROT_READ)))
		return false;
	if (opt.trace)
		say("fuzz: w%d %ld%s: %c %#lx", wk.id, wk.call, wk.depth ? " child" : "", kind,
		    (unsigned long)a);
	if (kind == 'w') {
		*a = m->stamp;
		m->written |= 1UL << p;
		wk.pages_touched++;
		return true;
	}
	{
		unsigned char got = *a, want = m->written & (1UL << p) ? m->stamp : 0;

		if (!wk.depth && (m->known & (1UL << p)) && got != want)
			broken("%#lx reads %#x, but %#x was written there", (unsigned long)a, got, want);
	}
	return true;
}

/*
 * touch_pages: n accesses to pages of m (or of anything, if m is NULL):
 * read, write, execute.  Those the worker cannot safely make go to one
 * child, in order; it may die at the first.
 */
static void touch_pages(const struct mapping *m, int n)
{
	struct touch t[9] = { { 0 } };
	int k = 0;

	for (int i = 0; i < n && k < 8; i++) {
		char kind = PICK(((const char[]){ 'r', 'r', 'w', 'w', 'x' }));
		unsigned long a = m ? page_near(m) : pick_addr();
		struct mapping *tm = map_find(a);

		if (tm && a == (a & PAGE_MASK) && tm == m &&
		    touch_direct(tm, (a - tm->start) / PAGE_SIZE, kind))
			continue;
		t[k].addr = a;
		t[k].kind = kind;
		/*
		 * Execute only what holds no stray code, which could do anything:
		 * a page it can first write a return into, or one known to hold
		 * zeros or stamps (both illegal instructions).
		 */
		if (kind == 'x' && tm) {
			unsigned long p = (a - tm->start) / PAGE_SIZE;

			t[k].store_ret = (tm->prot & PROT_WRITE) != 0;
			if (!t[k].store_ret && !(tm->exact && p < TRACKED_PAGES && (tm->known >> p & 1)))
				t[k].kind = 'r';
		} else if (kind == 'x' && a < wk.task_size) {
			t[k].kind = 'r';	/* the worker's own text, the stack, a hole */
		}
		k++;
	}
	if (k)
		in_child(do_touches, t, false, "access");
}

static void op_touch(void)
{
	touch_pages(map_random(), 1 + (int)below(4));
}

/* ---- file calls ---- */

static void op_openat(void)
{
	static const long extra[] = { LINUX_O_CREAT, LINUX_O_EXCL, LINUX_O_TRUNC, LINUX_O_APPEND,
				      LINUX_O_NONBLOCK, LINUX_O_DIRECTORY, LINUX_O_NOFOLLOW,
				      LINUX_O_CLOEXEC, LINUX_O_DSYNC, LINUX_O_DIRECT, LINUX_O_NOCTTY,
				      LINUX_O_PATH, LINUX_O_TMPFILE_BIT | LINUX_O_DIRECTORY };
	const struct path *p;
	long dirfd = pick_dirfd(), name = (long)pick_path(&p);
	long flags = (long)below(4), mode = (long)(one_in(4) ? rnd() : 0644);
	enum fd_kind k;
	struct call c;

	for (int i = (int)below(4); i > 0; i--)
		flags |= PICK(extra);
	if (one_in(32))
		flags |= 1L << below(32);
	if (p && p->kind == P_OURS && p->fd_kind == FD_FILE && one_in(2))
		flags = PICK(((const long[]){ 2, 2 | LINUX_O_CREAT, 1 | LINUX_O_CREAT | LINUX_O_TRUNC,
					      2 | LINUX_O_APPEND, 2 | LINUX_O_NONBLOCK }));
	bool changeable = may_change(dirfd, p);

	if (!changeable) {
		bool writable = p && (p->fd_kind == FD_CONSOLE || p->fd_kind == FD_NULL ||
				      !strcmp(p->name, "/proc/sys/vm/drop_caches"));

		flags &= ~(LINUX_O_CREAT | LINUX_O_TRUNC | LINUX_O_TMPFILE_BIT);
		if (!writable)
			flags &= ~LINUX_O_ACCMODE;	/* read-only: the system's files stay as they are */
	}
	/* The node may be a FIFO, whose open waits for the other end. */
	c = CALL(openat, p && p->fd_kind == FD_UNKNOWN ? MAY_BLOCK : 0, dirfd, name, flags, mode);
	if (!invoke(&c) || c.ret < 0)
		return;
	/* A relative name is relative to dirfd: the worker knows what it opened only in /tmp. */
	if (!p || (p->name[0] != '/' && !changeable))
		k = FD_UNKNOWN;
	else
		k = flags & LINUX_O_PATH ? FD_PATH : (enum fd_kind)p->fd_kind;
	fd_add(c.ret, k, flags & LINUX_O_NONBLOCK);
}

static void op_close(void)
{
	long fd = pick_fd();
	struct call c = CALL(close, console_fd(fd) ? RISKY : 0, fd);

	if (invoke(&c) && c.ret == 0)
		fd_forget((int)fd);
}

/* may_block_on: could a read (or a write) on fd sleep for ever? */
static bool may_block_on(long fd, bool reading)
{
	struct fdent *f = fd_find((int)fd);
	enum fd_kind k = fd_kind(fd);

	if (k == FD_UNKNOWN || (reading && k == FD_CONSOLE))
		return true;
	return f && !f->nonblock && k == (reading ? FD_PIPE_R : FD_PIPE_W);
}

static void op_read(void)
{
	long fd = pick_fd_of(KIND(FD_FILE) | KIND(FD_PIPE_R) | KIND(FD_PROC) | KIND(FD_DIR) | KIND(FD_NULL));
	unsigned long buf = pick_addr(), len = pick_len();
	struct call c;

	if (len > BIG_COPY && in_big_mapping(buf))
		len = below(BIG_COPY);	/* a huge read into a huge mapping fills it all */
	if (fd_kind(fd) == FD_CONSOLE && !fd_find((int)fd)->nonblock && avoiding("console-read"))
		return;
	c = CALL(read, (vital_writable(buf, len) ? RISKY : 0) | (may_block_on(fd, true) ? MAY_BLOCK : 0),
		 fd, (long)buf, (long)len);
	if (!invoke(&c))
		return;
	forget(buf, len);
	if (c.ret > 0 && (unsigned long)c.ret > len)
		broken("read(%ld, %#lx, %#lx) returned %ld", fd, buf, len, c.ret);
	if (c.ret > 0)
		wk.pages_touched += (long)((unsigned long)c.ret / PAGE_SIZE);
}

static void op_write(void)
{
	long fd = pick_fd_of(KIND(FD_FILE) | KIND(FD_PIPE_W) | KIND(FD_NULL) | KIND(FD_PROC));
	unsigned long buf = pick_addr(), len = pick_len();
	enum fd_kind k = fd_kind(fd);
	struct call c;

	if (len > BIG_COPY && in_big_mapping(buf))
		len = below(BIG_COPY);	/* the file would grow by all of a huge mapping */
	if (k == FD_CONSOLE || k == FD_UNKNOWN)
		len %= 4;		/* a few stray bytes on the console, no more */
	c = CALL(write, may_block_on(fd, false) ? MAY_BLOCK : 0, fd, (long)buf, (long)len);
	if (!invoke(&c))
		return;
	if (c.ret > 0 && (unsigned long)c.ret > len)
		broken("write(%ld, %#lx, %#lx) returned %ld", fd, buf, len, c.ret);
	if (c.ret > 0)
		wk.file_bytes += (unsigned long)c.ret + PAGE_SIZE;
}

static void op_lseek(void)
{
	static const long offs[] = { 0, 1, 4096, -1, -4096, 1L << 40, 0x7fffffffffffffffL,
				     -0x7fffffffffffffffL - 1, 1L << 31 };
	struct call c = CALL(lseek, 0, pick_fd_of(KIND(FD_FILE) | KIND(FD_DIR) | KIND(FD_PROC)), one_in(2) ? (long)below(3 * PAGE_SIZE) : PICK(offs),
			     (long)PICK(((const int[]){ 0, 1, 2, 3, 4, 5, -1 })));

	invoke(&c);
}

/* A call that writes len bytes at a pointer: in a child when that could be the worker's own data. */
static void out_call(struct call *c, unsigned long buf, unsigned long len)
{
	if (vital_writable(buf, len))
		c->flags |= RISKY;
	if (invoke(c))
		forget(buf, len);
}

static void op_getdents64(void)
{
	unsigned long buf = pick_addr(), len = one_in(2) ? below(1024) : pick_len();
	struct call c = CALL(getdents64, 0, pick_fd_of(KIND(FD_DIR) | KIND(FD_TMPDIR) | KIND(FD_OURDIR)),
			     (long)buf, (long)len);

	out_call(&c, buf, len);
}

static void op_fstat(void)
{
	unsigned long buf = pick_addr();
	struct call c = CALL(fstat, 0, pick_fd(), (long)buf);

	out_call(&c, buf, 128);
}

static void op_newfstatat(void)
{
	const struct path *p;
	unsigned long buf = pick_addr();
	struct call c = CALL(newfstatat, 0, pick_dirfd(), (long)pick_path(&p), (long)buf,
			     PICK(((const long[]){ 0, LINUX_AT_SYMLINK_NOFOLLOW, LINUX_AT_EMPTY_PATH,
						   0x800, -1 })));

	out_call(&c, buf, 128);
}

static void op_readlinkat(void)
{
	const struct path *p;
	unsigned long buf = pick_addr(), len = one_in(2) ? below(300) : pick_len();
	struct call c = CALL(readlinkat, 0, pick_dirfd(), (long)pick_path(&p), (long)buf, (long)len);

	out_call(&c, buf, len);
}

static void op_getcwd(void)
{
	unsigned long buf = pick_addr(), len = below(300);
	struct call c = CALL(getcwd, 0, (long)buf, (long)len);

	out_call(&c, buf, len);
}

static void op_dup(void)
{
	long fd = pick_fd();
	struct call c = CALL(dup, 0, fd);
	struct fdent *f = fd_find((int)fd);

	if (invoke(&c) && c.ret >= 0)
		fd_add(c.ret, f ? (enum fd_kind)f->kind : FD_UNKNOWN, f && f->nonblock);
}

static void op_dup3(void)
{
	long fd = pick_fd(), to = one_in(2) ? pick_fd() : (long)below(NR_OPEN_MAX + 1);
	long flags = PICK(((const long[]){ 0, LINUX_O_CLOEXEC, 1, -1 }));
	struct fdent *f = fd_find((int)fd);
	struct call c = CALL(dup3, console_fd(to) ? RISKY : 0, fd, to, flags);
	enum fd_kind k = f ? (enum fd_kind)f->kind : FD_UNKNOWN;
	bool nonblock = f && f->nonblock;

	if (invoke(&c) && c.ret >= 0)
		fd_add((int)c.ret, k, nonblock);
}

static void op_pipe2(void)
{
	int fds[2] = { -1, -1 };
	unsigned long buf = one_in(8) ? pick_addr() : (unsigned long)fds;
	long flags = PICK(((const long[]){ 0, 0, LINUX_O_NONBLOCK, LINUX_O_CLOEXEC,
					   LINUX_O_DIRECT, LINUX_O_NONBLOCK | LINUX_O_CLOEXEC, 1, -1 }));
	struct call c = CALL(pipe2, 0, (long)buf, flags);

	if (buf != (unsigned long)fds) {
		out_call(&c, buf, 8);	/* descriptors the worker cannot know: fd_kind says unknown */
		return;
	}
	if (invoke(&c) && c.ret == 0) {
		fd_add(fds[0], FD_PIPE_R, flags & LINUX_O_NONBLOCK);
		fd_add(fds[1], FD_PIPE_W, flags & LINUX_O_NONBLOCK);
	}
}

static void op_ftruncate(void)
{
	static const long lens[] = { 0, 1, 4095, 4096, 100000, 1L << 32, 1L << 40, -1,
				     0x7fffffffffffffffL };
	struct call c = CALL(ftruncate, 0, pick_fd_of(KIND(FD_FILE)), one_in(2) ? (long)below(5 * PAGE_SIZE) : PICK(lens));

	invoke(&c);
}

/* A path the worker may change, or one that cannot name anything. */
static unsigned long pick_changeable(long dirfd)
{
	const struct path *p;
	unsigned long name = pick_path(&p);

	if (may_change(dirfd, p))
		return name;
	if (!p && one_in(2))
		return PICK(kernel_addrs);	/* EFAULT: never a string the kernel could act on */
	return (unsigned long)paths[npaths - 1 - below(4)].name;	/* the bad names */
}

static void op_unlinkat(void)
{
	long dirfd = pick_dirfd();
	struct call c = CALL(unlinkat, 0, dirfd, (long)pick_changeable(dirfd),
			     PICK(((const long[]){ 0, 0, LINUX_AT_REMOVEDIR, 1, -1 })));

	invoke(&c);
}

static void op_mkdirat(void)
{
	long dirfd = pick_dirfd();
	struct call c = CALL(mkdirat, 0, dirfd, (long)pick_changeable(dirfd),
			     one_in(4) ? (long)rnd() : 0755);

	invoke(&c);
}

/* node_path: the name mknodat uses, kept apart: opening a device node or a FIFO may block. */
static const struct path *node_path(void)
{
	for (int i = 0; i < npaths; i++)
		if (paths[i].kind == P_OURS && paths[i].fd_kind == FD_UNKNOWN)
			return &paths[i];
	return &paths[0];
}

/* mknodat: files, FIFOs, sockets and devices (the console 5:1, null 1:3, anything). */
static void op_mknodat(void)
{
	long dirfd = LINUX_AT_FDCWD, dev = PICK(((const long[]){ 0, 0x501, 0x103, (long)rnd() }));
	unsigned long name = one_in(4) ? pick_changeable(dirfd) : (unsigned long)node_path()->name;
	struct call c;

	if (name != (unsigned long)node_path()->name && may_change(dirfd, known_path(name)))
		name = (unsigned long)node_path()->name;	/* the worker's other names stay files */
	/* A console node would be read by the worker one day (new_decode_dev: major 5, or 4 for ttys). */
	if (avoiding("console-read") && ((dev & 0xfff00) >> 8 == 5 || (dev & 0xfff00) >> 8 == 4))
		dev = 0x103;
	c = CALL(mknodat, 0, dirfd, (long)name,
		 PICK(((const long[]){ 0100644, 0020644, 0010644, 0060644, 0140644, 0, (long)rnd() })),
		 dev);
	invoke(&c);
}

static void op_chdir(void)
{
	const struct path *p;
	unsigned long name = pick_path(&p);
	struct call c = CALL(chdir, 0, (long)name);

	if (!invoke(&c) || c.ret != 0)
		return;
	wk.cwd = CWD_OTHER;
	if (p && p->fd_kind == FD_TMPDIR)
		wk.cwd = CWD_TMP;
	else if (p && p->fd_kind == FD_OURDIR && p->name[0] == '/')
		wk.cwd = CWD_OURDIR;
}

/* ---- process calls ---- */

static void run_ops(int n);

/* fork: the child makes a few calls of its own (none that may block) and exits. */
static void op_fork(void)
{
	long pid;

	if (wk.nkids == MAX_KIDS || wk.depth > 1) {
		reap_kids();
		return;
	}
	if (opt.trace)
		say("fuzz: w%d %ld%s: fork()", wk.id, wk.call, wk.depth ? " child" : "");
	pid = __sys2(SYS_clone, SIGCHLD, 0);
	if (pid == 0) {
		become_child(0x2545f4914f6cdd1dUL);
		run_ops((int)below(6));
		exit_now((int)below(256));
	}
	if (opt.trace)
		say("fuzz: w%d %ld%s: = %ld", wk.id, wk.call, wk.depth ? " child" : "", pid);
	if (pid > 0)
		kid_add(pid);
}

/* clone with random flags; any child exits at once (with CLONE_VM it shares our stack). */
static void op_clone(void)
{
	static const long flags[] = { 0, SIGCHLD, LINUX_CLONE_VM, LINUX_CLONE_VFORK,
				      LINUX_CLONE_VM | LINUX_CLONE_VFORK | SIGCHLD,
				      0x800 /* CLONE_SIGHAND */, 0x10000 /* CLONE_THREAD */,
				      0x200 /* CLONE_FS */, 0x400 /* CLONE_FILES */,
				      0x20000 /* CLONE_NEWNS */, 0x80000000L /* CLONE_IO */ };
	/* The exit signal is only ever SIGCHLD or none: another would be sent to the worker. */
	long f = (PICK(flags) | (long)(rnd() & rnd() & 0x7fffff00UL & ~0xffUL)) & ~0xffL;
	long newsp = one_in(2) ? 0 : (long)pick_addr(), pid;

	if (one_in(2))
		f |= SIGCHLD;
	if (wk.nkids == MAX_KIDS) {
		reap_kids();
		return;
	}
	if (opt.trace)
		say("fuzz: w%d %ld%s: clone(%#lx, %#lx)", wk.id, wk.call, wk.depth ? " child" : "",
		    f, newsp);
	pid = clone_exit(f, newsp);
	if (opt.trace)
		say("fuzz: w%d %ld%s: = %ld", wk.id, wk.call, wk.depth ? " child" : "", pid);
	if (pid > 0)
		kid_add(pid);
}

static char echo_path[] = "/bin/echo", dash_n[] = "-n";
static char *echo_argv[] = { echo_path, dash_n, NULL };	/* prints nothing */
static char *no_env[] = { NULL };

static void op_vfork(void)
{
	long pid;

	if (opt.trace)
		say("fuzz: w%d %ld%s: vfork(), execve(/bin/echo)", wk.id, wk.call,
		    wk.depth ? " child" : "");
	pid = vfork_exec(one_in(4) ? "/nonexistent" : echo_path, echo_argv, no_env);
	if (pid > 0)
		wait_child(pid, false, "vfork");
}

/* The execve child: its output goes to /dev/null, then it becomes another program (or fails). */
static void exec_child(void *arg)
{
	struct call *c = arg;
	long null = __sys4(SYS_openat, LINUX_AT_FDCWD, "/dev/null", LINUX_O_WRONLY, 0);

	__sys3(SYS_dup3, null, 1, 0);
	__sys3(SYS_dup3, null, 2, 0);
	make_call(c);
	exit_now(127);
}

static void op_execve(void)
{
	static char many[1024][1];
	static char *huge_argv[2048];
	static char *bad_argv[] = { echo_path, (char *)0xffffffff80200000UL, NULL };
	const struct path *p;
	unsigned long path = one_in(2) ? (unsigned long)echo_path : pick_path(&p);
	unsigned long argv = PICK(((const unsigned long[]){
		(unsigned long)echo_argv, (unsigned long)echo_argv, 0, (unsigned long)bad_argv,
		(unsigned long)huge_argv, 1 })), envp = one_in(2) ? (unsigned long)no_env : pick_addr();
	struct call c;

	if (!huge_argv[0])
		for (size_t i = 0; i + 1 < ARRAY_SIZE(huge_argv); i++)
			huge_argv[i] = i < 1024 ? many[i] : long_name;	/* past MAX_ARG_BYTES: E2BIG */
	if (one_in(8))
		argv = pick_addr();
	/* It may exec a file of random bytes, which may run for ever: killed after a while. */
	c = CALL(execve, RISKY, (long)path, (long)argv, (long)envp);
	in_child(exec_child, &c, true, "execve");
}

static void exit_child(void *arg)
{
	struct call *c = arg;

	make_call(c);
}

static void op_exit(void)
{
	struct call c = one_in(2) ? CALL(exit, 0, (long)rnd()) : CALL(exit_group, 0, (long)rnd());

	in_child(exit_child, &c, false, c.name);
}

static void op_wait4(void)
{
	long pid = wk.nkids && one_in(2) ? wk.kids[below((unsigned long)wk.nkids)] :
		   PICK(((const long[]){ -1, -1, 0, -2, 1, 0x7fffffff, -0x7fffffff }));
	long options = PICK(((const long[]){ 0, LINUX_WNOHANG, LINUX_WNOHANG, 2 /* WUNTRACED */,
					     8 /* WCONTINUED */, 0x40000000 /* __WALL */,
					     0x80000000L /* __WCLONE */, 0x1000000 /* WNOWAIT */, -1 }));
	int st;
	unsigned long status = one_in(4) ? pick_addr() : (unsigned long)&st;
	unsigned long ru = one_in(4) ? pick_addr() : 0;
	struct call c = CALL(wait4, 0, pid, (long)status, options, (long)ru);

	/* It sleeps until a child exits: the worker's children all do, soon. */
	if (vital_writable(status, 4) && status != (unsigned long)&st)
		c.flags |= RISKY;
	if (vital_writable(ru, 144))
		c.flags |= RISKY;
	if (!invoke(&c))
		return;
	forget(status, 4);
	forget(ru, 144);
	if (c.ret > 0)
		kid_gone(c.ret);
}

static void kill_child(void *arg)
{
	struct call *c = arg;

	c->a[0] = __sys0(SYS_getpid);
	make_call(c);
	exit_now(0);	/* a signal that does not kill: Linux ignores SIGCHLD, SIGCONT, SIGURG, SIGWINCH */
}

/*
 * is_my_child: is pid a child of this process (PPid in /proc/PID/status)?
 * A child's list of its children may have been overwritten by a call it
 * made into its own data, and another pid could be another worker.
 */
static bool is_my_child(long pid)
{
	char path[40], text[512];
	long fd, n;
	const char *p;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	fd = __sys4(SYS_openat, LINUX_AT_FDCWD, path, LINUX_O_RDONLY, 0);
	if (fd < 0)
		return false;
	n = __sys3(SYS_read, fd, text, sizeof(text) - 1);
	__sys1(SYS_close, fd);
	text[n > 0 ? n : 0] = '\0';
	p = strstr(text, "PPid:");
	return p && strtol(p + 5, NULL, 10) == __sys0(SYS_getpid);
}

/*
 * kill: only ever the worker's own children, itself with a signal that
 * does nothing, or invalid targets: never pid 1, -1 or a process group.
 */
static void op_kill(void)
{
	struct call c;

	switch (below(5)) {
	case 0:		/* itself, harmlessly */
		c = CALL(kill, 0, __sys0(SYS_getpid), PICK(((const long[]){ 0, SIGCHLD, SIGCONT })));
		break;
	case 1:		/* a child of the fork calls, with anything */
		if (!wk.nkids || !is_my_child(wk.kids[0]))
			return;
		c = CALL(kill, 0, wk.kids[0], (long)below(65));
		break;
	case 2:		/* a child that kills itself, with anything */
		c = CALL(kill, 0, 0, (long)below(66));
		in_child(kill_child, &c, false, "kill");
		return;
	case 3:		/* no such process: pids beyond pid_max (32768) */
		c = CALL(kill, 0, PICK(((const long[]){ 40000, 0x7fffffff, 99999 })), (long)below(65));
		break;
	default:	/* bad arguments, with signal 0 (no signal is sent even if they were good) */
		c = CALL(kill, 0, PICK(((const long[]){ 0, -2, -0x7fffffff - 1, (long)__sys0(SYS_getpid) })),
			 PICK(((const long[]){ 0, 0, -1, 65, 1000, 0x7fffffff })));
		if (c.a[0] != (long)__sys0(SYS_getpid) && c.a[1] > 0)
			c.a[1] = 0;
		break;
	}
	if ((int)c.a[0] == 1 || (int)c.a[0] == -1)
		return;		/* never (nothing above makes either) */
	invoke(&c);
}

static void op_nanosleep(void)
{
	/* { seconds, nanoseconds }: tiny sleeps, and the invalid ones */
	static const long reqs[][2] = { { 0, 0 }, { 0, 1 }, { 0, 999999 }, { 0, 20000000 },
					{ 0, 1000000000 }, { -1, 0 }, { 0, -1 } };
	unsigned long rem = one_in(2) ? 0 : pick_addr(), req = (unsigned long)reqs[below(ARRAY_SIZE(reqs))];
	struct call c;

	/* A request read from anywhere else may say a year: in a child, which gets killed. */
	if (one_in(8)) {
		req = pick_addr();
		c = CALL(nanosleep, MAY_BLOCK, (long)req, (long)rem);
	} else {
		c = CALL(nanosleep, 0, (long)req, (long)rem);
	}
	out_call(&c, rem, 16);
}

static void op_syslog(void)
{
	/* Not 2 (READ: it waits for new messages) and not 6-8 (console off, on, level). */
	unsigned long buf = pick_addr(), len = one_in(2) ? below(1 << 17) : pick_len();
	struct call c = CALL(syslog, 0, PICK(((const long[]){ SYSLOG_READ_ALL, SYSLOG_READ_ALL, 10, 9,
							     0, 1, -1, 11, 100 })), (long)buf, (long)len);

	if (len > BIG_COPY && in_big_mapping(buf))
		c.a[2] = (long)below(BIG_COPY);
	out_call(&c, buf, (unsigned long)c.a[2]);
}

static void op_uname(void)
{
	unsigned long buf = pick_addr();
	struct call c = CALL(uname, 0, (long)buf);

	out_call(&c, buf, 390);
}

static void op_misc(void)
{
	struct call c = PICK(((const struct call[]){ CALL(getpid, 0, 0), CALL(getppid, 0, 0),
						     CALL(sched_yield, 0, 0) }));

	invoke(&c);
}

/*
 * unknown: system calls rvmm does not have (ENOSYS), and numbers beyond
 * the table.  Linux's meaning for each is harmless with these arguments,
 * in case rvmm gains it: the pointers never point at the worker's memory.
 */
static void op_unknown(void)
{
	/* not fcntl or ioctl: they could make a descriptor block that the worker thinks does not */
	static const long nrs[] = { 48 /* faccessat */,
				    66 /* writev */, 67 /* pread64 */, 113 /* clock_gettime */,
				    134 /* rt_sigaction */, 153 /* times */, 165 /* getrusage */,
				    174 /* getuid */, 178 /* gettid */, 179 /* sysinfo */,
				    278 /* getrandom */, 291 /* statx */, 449, 450, 451, 1000,
				    0x7fffffff, -1 };
	static const long args[] = { 0, 1, -1, 3, 4096, (long)0xffffffff80200000UL };
	struct call c = { .name = "unknown", .nr = PICK(nrs), .nargs = 6 };

	for (int i = 0; i < 6; i++)
		c.a[i] = PICK(args);
	invoke(&c);
}

/* ---- the operations and their weights: mostly memory ---- */

struct op {
	const char *name;
	int weight;
	void (*fn)(void);
};

static const struct op ops[] = {
	{ "mmap", 16, op_mmap }, { "munmap", 7, op_munmap }, { "mprotect", 9, op_mprotect },
	{ "madvise", 4, op_madvise }, { "brk", 6, op_brk }, { "msync", 2, op_msync },
	{ "mremap", 1, op_mremap }, { "touch", 9, op_touch },
	{ "openat", 5, op_openat }, { "close", 3, op_close }, { "read", 4, op_read },
	{ "write", 4, op_write }, { "lseek", 2, op_lseek }, { "getdents64", 2, op_getdents64 },
	{ "fstat", 1, op_fstat }, { "newfstatat", 2, op_newfstatat },
	{ "readlinkat", 1, op_readlinkat }, { "getcwd", 1, op_getcwd }, { "dup", 1, op_dup },
	{ "dup3", 2, op_dup3 }, { "pipe2", 2, op_pipe2 }, { "ftruncate", 2, op_ftruncate },
	{ "unlinkat", 1, op_unlinkat }, { "mkdirat", 1, op_mkdirat }, { "mknodat", 1, op_mknodat },
	{ "chdir", 1, op_chdir },
	{ "fork", 2, op_fork }, { "clone", 1, op_clone }, { "vfork", 1, op_vfork },
	{ "execve", 1, op_execve }, { "exit", 1, op_exit }, { "wait4", 3, op_wait4 },
	{ "kill", 2, op_kill }, { "nanosleep", 1, op_nanosleep }, { "syslog", 1, op_syslog },
	{ "uname", 1, op_uname }, { "misc", 1, op_misc }, { "unknown", 1, op_unknown },
};

static int weights[ARRAY_SIZE(ops)], total_weight;

/* select_ops: the weights, with -o's list (if any) leaving the others at 0. */
static void select_ops(void)
{
	total_weight = 0;
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		weights[i] = !*opt.only || in_list(opt.only, ops[i].name) ? ops[i].weight : 0;
		total_weight += weights[i];
	}
}

static const struct op *pick_op(void)
{
	int r = (int)below((unsigned long)total_weight);

	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		r -= weights[i];
		if (r < 0)
			return &ops[i];
	}
	return &ops[0];
}

/* ---- the worker ---- */

/* empty_files: the worker's files go back to nothing, so writes do not add up. */
static void empty_files(void)
{
	for (int i = 0; i < npaths; i++)
		if (paths[i].kind == P_OURS && paths[i].fd_kind == FD_FILE) {
			long fd = __sys4(SYS_openat, LINUX_AT_FDCWD, paths[i].name,
				       LINUX_O_WRONLY | LINUX_O_TRUNC, 0);

			if (fd >= 0)
				__sys1(SYS_close, fd);
		}
	wk.file_bytes = 0;
}

/* within_budget: when the worker has touched too much memory or written too much, start over. */
static void within_budget(void)
{
	if (wk.pages_touched > PAGE_BUDGET) {
		struct call c = CALL(brk, 0, (long)wk.start_brk);

		unmap_all();
		make_call(&c);
		wk.brk = (unsigned long)c.ret;
		wk.pages_touched = 0;
	}
	if (wk.file_bytes > FILE_BUDGET)
		empty_files();
}

static void run_ops(int n)
{
	for (int i = 0; i < n; i++)
		pick_op()->fn();
}

/* vm_pte_kb: this process's page tables (VmPTE in /proc/self/status), in kB. */
static long vm_pte_kb(void)
{
	static char text[1024];
	long fd = __sys4(SYS_openat, LINUX_AT_FDCWD, "/proc/self/status", LINUX_O_RDONLY, 0), n;
	const char *p;

	if (fd < 0)
		return -1;
	n = __sys3(SYS_read, fd, text, sizeof(text) - 1);
	__sys1(SYS_close, fd);
	text[n > 0 ? n : 0] = '\0';
	p = strstr(text, "VmPTE:");
	return p ? strtol(p + 6, NULL, 10) : -1;
}


/*
 * stack_start: where the stack's VMA begins ("[stack]" in
 * /proc/self/maps).  The supervisor grew it as deep as the worker will go
 * (settle()), so it stays put.
 */
static unsigned long stack_start(void)
{
	static char text[4096];
	long fd = __sys4(SYS_openat, LINUX_AT_FDCWD, "/proc/self/maps", LINUX_O_RDONLY, 0), n = 0, got;
	char *line;

	while (fd >= 0 && n < (long)sizeof(text) - 1 &&
	       (got = __sys3(SYS_read, fd, text + n, sizeof(text) - 1 - (unsigned long)n)) > 0)
		n += got;
	__sys1(SYS_close, fd);
	text[n > 0 ? n : 0] = '\0';
	line = strstr(text, "[stack]");
	while (line && line > text && line[-1] != '\n')
		line--;
	return line ? strtoul(line, NULL, 16) : (unsigned long)&text - (128UL << 10);
}

static void worker_init(int id, int gen, long first_call)
{
	unsigned long sp = (unsigned long)&id;

	memset(&wk, 0, sizeof(wk));
	wk.id = id;
	wk.call = first_call;
	/* The stack ends at the top of user space, a power of two. */
	wk.task_size = 1UL << (64 - __builtin_clzl(sp));
	wk.stack_lo = stack_start() - STACK_GUARD_GAP;
	wk.start_brk = wk.brk = (unsigned long)__sys1(SYS_brk, 0);
	wk.heap_exact = true;
	wk.fds[0] = (struct fdent){ 0, FD_CONSOLE, false };
	wk.fds[1] = (struct fdent){ 1, FD_CONSOLE, false };
	wk.fds[2] = (struct fdent){ 2, FD_CONSOLE, false };
	wk.nfds = 3;
	wk.last_closed = 3;
	wk.cwd = CWD_OTHER;
	__sys1(SYS_chdir, "/");
	rng_state = mix(mix(opt.seed + (unsigned long)id) + (unsigned long)gen);
	make_paths();
	select_ops();
}

/*
 * worker: one generation of worker id: calls first_call .. first_call+n-1.
 * Exits 0, or 2 if the kernel broke a rule, 3 if a child got stuck.
 */
static __attribute__((noreturn)) void worker(int id, int gen, long first_call, long n)
{
	long pte_start;

	worker_init(id, gen, first_call);
	pte_start = vm_pte_kb();
	for (long i = 0; i < n && !wk.failed; i++) {
		if (total_weight)
			run_ops(1);
		calls_made[id] = ++wk.call;
		if (wk.call % opt.progress == 0)
			say("fuzz: worker %d: %ld calls", id, wk.call);
		within_budget();
	}
	reap_kids();
	unmap_all();
	/* Linux frees the page tables of what is unmapped; say when they stay (only once per worker). */
	if (gen == 0 && !wk.failed) {
		long pte_end = vm_pte_kb();

		if (pte_end > pte_start + 64)
			say("fuzz: worker %d: VmPTE %ld kB after unmapping everything, %ld kB at start",
			    id, pte_end, pte_start);
	}
	exit_now(wk.failed);
}

/* ---- the supervisor ---- */

struct slot {
	long pid;
	int gen;
	long done, total;	/* calls made and to make */
	bool finished;
	int status;		/* the wait status of the generation that ended it */
};

static struct slot slots[16];

static void start_generation(int id)
{
	struct slot *s = &slots[id];
	long n = s->total - s->done < opt.gen_calls ? s->total - s->done : opt.gen_calls;
	long pid = __sys2(SYS_clone, SIGCHLD, 0);

	if (pid == 0)
		worker(id, s->gen, s->done, n);
	if (pid < 0) {
		say("fuzz: worker %d: cannot fork (%ld)", id, pid);
		s->finished = true;
		s->status = -1;
		return;
	}
	s->pid = pid;
}

/* A generation ended: start the next, or say how the worker ended. */
static void generation_ended(int id, int st)
{
	struct slot *s = &slots[id];
	long n = s->total - s->done < opt.gen_calls ? s->total - s->done : opt.gen_calls;

	if (st != 0) {
		s->finished = true;
		s->status = st;
		if ((st & 0x7f) != 0)
			say("fuzz: worker %d: lost at call %ld (generation %d, calls %ld-%ld): "
			    "killed by signal %d", id, calls_made[id], s->gen, s->done, s->done + n - 1,
			    st & 0x7f);
		else
			say("fuzz: worker %d: lost at call %ld (generation %d, calls %ld-%ld): "
			    "exit status %d", id, calls_made[id], s->gen, s->done, s->done + n - 1,
			    (st >> 8) & 0xff);
		return;
	}
	s->done += n;
	s->gen++;
	if (s->done >= s->total) {
		s->finished = true;
		say("fuzz: worker %d: done, %ld calls", id, s->done);
		return;
	}
	start_generation(id);
}

static bool all_finished(void)
{
	for (int i = 0; i < opt.workers; i++)
		if (!slots[i].finished)
			return false;
	return true;
}

/*
 * reap_orphans: what is left once the workers are done: children whose
 * generation died, handed to init.  As init, reap them (killing what is
 * still there after a few seconds); otherwise they are the real init's.
 */
static void reap_orphans(bool is_init)
{
	int st;

	for (int i = 0; is_init && i < 300; i++) {
		long r = __sys4(SYS_wait4, -1, &st, LINUX_WNOHANG | LINUX___WALL, 0);

		if (r == -LINUX_ECHILD)
			return;
		if (r == 0)
			nap();
	}
	if (!is_init)
		return;
	for (long pid = 2; pid < 32768; pid++)
		if (__sys2(SYS_kill, pid, 0) == 0)
			__sys2(SYS_kill, pid, SIGKILL);	/* as init, every other process is ours */
	/* __WALL: a child cloned with another exit signal than SIGCHLD is waited for too. */
	while (__sys4(SYS_wait4, -1, &st, LINUX___WALL, 0) > 0)
		;
}

static void supervise(bool is_init)
{
	int st;

	for (int i = 0; i < opt.workers; i++) {
		slots[i].total = opt.calls / opt.workers + (i < opt.calls % opt.workers);
		if (slots[i].total == 0) {
			slots[i].finished = true;
			continue;
		}
		start_generation(i);
	}
	while (!all_finished()) {
		long pid = __sys4(SYS_wait4, -1, &st, 0, 0);

		if (pid < 0)
			break;
		for (int i = 0; i < opt.workers; i++)
			if (slots[i].pid == pid && !slots[i].finished) {
				slots[i].pid = 0;
				generation_ended(i, st);
			}
	}
	reap_orphans(is_init);
}

#define LINUX_S_IFMT	0170000
#define LINUX_S_IFDIR	0040000

/*
 * remove_tree: remove path, and if it is a directory everything in it.
 * The names are read first and removed after, a directory's worth at a
 * time, so removing does not disturb the reading.
 */
static void remove_tree(const char *path, int depth)
{
	char names[2048], sub[400];
	struct linux_stat st;
	long fd, n;
	/* Only a directory is opened: a FIFO there would make the open wait. */
	bool dir = __sys4(SYS_newfstatat, LINUX_AT_FDCWD, path, &st, LINUX_AT_SYMLINK_NOFOLLOW) == 0 &&
		   (st.st_mode & LINUX_S_IFMT) == LINUX_S_IFDIR;

	for (int round = 0; dir && depth < 8 && round < 8; round++) {
		size_t used = 0;

		fd = __sys4(SYS_openat, LINUX_AT_FDCWD, path, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
		if (fd < 0)
			break;
		while ((n = __sys3(SYS_getdents64, fd, sub, sizeof(sub))) > 0)
			for (long off = 0; off < n; off += ((struct linux_dirent64 *)(sub + off))->d_reclen) {
				const char *name = ((struct linux_dirent64 *)(sub + off))->d_name;
				size_t len = strlen(name) + 1;

				if (strcmp(name, ".") && strcmp(name, "..") && used + len <= sizeof(names)) {
					memcpy(names + used, name, len);
					used += len;
				}
			}
		__sys1(SYS_close, fd);
		if (!used)
			break;
		for (size_t at = 0; at < used; at += strlen(names + at) + 1) {
			snprintf(sub, sizeof(sub), "%s/%s", path, names + at);
			remove_tree(sub, depth + 1);
		}
	}
	__sys3(SYS_unlinkat, LINUX_AT_FDCWD, path, 0);
	__sys3(SYS_unlinkat, LINUX_AT_FDCWD, path, LINUX_AT_REMOVEDIR);
}

/*
 * remove_files: what the workers made in /tmp (fuzz.*) goes, so its pages
 * count as free again.  With report, say what would not go.
 */
static void remove_files(bool report)
{
	char names[4096], path[300];
	size_t used = 0;
	long fd = __sys4(SYS_openat, LINUX_AT_FDCWD, "/tmp", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0), n;

	if (fd < 0)
		return;
	while ((n = __sys3(SYS_getdents64, fd, path, sizeof(path))) > 0)
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(path + off))->d_reclen) {
			const char *name = ((struct linux_dirent64 *)(path + off))->d_name;
			size_t len = strlen(name) + 1;

			if (!strncmp(name, "fuzz.", 5) && used + len <= sizeof(names)) {
				memcpy(names + used, name, len);
				used += len;
			}
		}
	__sys1(SYS_close, fd);
	for (size_t at = 0; at < used; at += strlen(names + at) + 1) {
		struct linux_stat st;

		snprintf(path, sizeof(path), "/tmp/%s", names + at);
		remove_tree(path, 0);
		if (report && __sys4(SYS_newfstatat, LINUX_AT_FDCWD, path, &st, 0) == 0)
			say("fuzz: cannot remove %s (mode %#o)", path, st.st_mode);
	}
}

/*
 * settle: give the supervisor now every page it will use, so that none is
 * allocated between the two counts of free pages: each page of its data
 * and bss written once, and the stack grown deeper than it will go.
 */
static void __attribute__((noinline)) settle(void)
{
	volatile char deep[32768];

	for (unsigned long p = data_lo(); p < data_hi(); p += PAGE_SIZE) {
		volatile char *byte = (volatile char *)p;
		char was = *byte;

		*byte = was;	/* a write: the page becomes the supervisor's own */
	}
	for (size_t i = 0; i < sizeof(deep); i += PAGE_SIZE / 2)
		deep[i] = 0;	/* each store, not a memset the compiler may drop */
}

/*
 * The kernel's counters around the run (/proc/vmstat, /proc/slabinfo) and
 * the supervisor's own (/proc/self/status), so that when free pages do not
 * come back the report can say where they are, and whether fuzz itself
 * holds them.
 */
struct counters {
	char vmstat[8192], slabinfo[8192], status[2048];
};

static struct counters counters_before, counters_after;

static void read_file(const char *path, char *buf, size_t size)
{
	long fd = __sys4(SYS_openat, LINUX_AT_FDCWD, path, LINUX_O_RDONLY, 0), n = 0, got;

	while (fd >= 0 && n < (long)size - 1 &&
	       (got = __sys3(SYS_read, fd, buf + n, size - 1 - (size_t)n)) > 0)
		n += got;
	if (fd >= 0)
		__sys1(SYS_close, fd);
	buf[n > 0 ? n : 0] = '\0';
}

static void read_counters(struct counters *c)
{
	read_file("/proc/vmstat", c->vmstat, sizeof(c->vmstat));
	read_file("/proc/slabinfo", c->slabinfo, sizeof(c->slabinfo));
	read_file("/proc/self/status", c->status, sizeof(c->status));
}

/* line_starting: the line of text whose first word is the same as line's, or NULL. */
static const char *line_starting(const char *text, const char *line)
{
	size_t n = strcspn(line, " \n");

	for (const char *p = text; *p; p += strcspn(p, "\n"), p += *p == '\n')
		if (!strncmp(p, line, n) && (p[n] == ' ' || p[n] == '\n'))
			return p;
	return NULL;
}

/* diff_lines: say each line of after that differs from the line of the same name before. */
static void diff_lines(const char *what, const char *before, const char *after)
{
	for (const char *p = after; *p; p += strcspn(p, "\n"), p += *p == '\n') {
		const char *q = line_starting(before, p);
		int n = (int)strcspn(p, "\n");

		if (*p == '#' || (q && (int)strcspn(q, "\n") == n && !strncmp(p, q, (size_t)n)))
			continue;
		say("# %s before: %.*s", what, q ? (int)strcspn(q, "\n") : 6, q ? q : "(none)");
		say("# %s after:  %.*s", what, n, p);
	}
}

static void report(const struct zone_free *before, const struct zone_free *after, int zones,
		   unsigned long t0, unsigned long t1)
{
	char detail[200];
	long calls = 0;
	int lost = 0, n = 0;
	bool same = zones > 0;
	unsigned long ticks = t1 - t0, hz = timebase() ? timebase() : 1;

	for (int i = 0; i < opt.workers; i++) {
		calls += slots[i].status ? calls_made[i] : slots[i].done;
		lost += slots[i].status != 0;
	}
	detail[0] = '\0';
	for (int z = 0; z < zones; z++) {
		n += snprintf(detail + n, sizeof(detail) - (size_t)n, "%s%s: %lu before, %lu after",
			      z ? "; " : "", before[z].name, before[z].pages, after[z].pages);
		same &= before[z].pages == after[z].pages;
	}
	say("fuzz: results");
	if (lost)
		say("not ok 1 - %ld calls, %d of %d workers lost", calls, lost, opt.workers);
	else
		say("ok 1 - %ld calls, no worker lost", calls);
	say("%s 2 - free pages back (%s)", same ? "ok" : "not ok", zones ? detail : "no zoneinfo");
	if (!same) {
		diff_lines("vmstat", counters_before.vmstat, counters_after.vmstat);
		diff_lines("slabinfo", counters_before.slabinfo, counters_after.slabinfo);
		diff_lines("fuzz's own status", counters_before.status, counters_after.status);
	}
	say("1..2");
	say("fuzz: %ld calls in %lu.%02lu s, %lu calls/s", calls, ticks / hz, ticks % hz * 100 / hz,
	    ticks ? (unsigned long)calls * hz / ticks : 0);
}

int main(int argc, char **argv)
{
	struct zone_free before[MAX_ZONES], after[MAX_ZONES];
	bool is_init = __sys0(SYS_getpid) == 1;
	int zones;
	unsigned long t0, t1;

	read_klog();
	opt.seed = rdtime() ^ 0x5eed;
	parse_options(argc, argv);
	say("fuzz: seed %lu calls %ld workers %d", opt.seed, opt.calls, opt.workers);
	__sys4(SYS_mkdirat, LINUX_AT_FDCWD, "/tmp", 0777, 0);
	calls_made = (volatile long *)__sys6(SYS_mmap, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
					   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if ((long)calls_made < 0 && (long)calls_made >= -4095) {
		say("fuzz: cannot map a shared page (%ld)", (long)calls_made);
		return 1;
	}
	calls_made[0] = 0;	/* its page now, before the free pages are counted */
	remove_files(false);
	settle();
	free_pages_per_zone(before);	/* once to fault in what counting uses */
	read_counters(&counters_before);
	zones = free_pages_per_zone(before);
	read_counters(&counters_before);

	t0 = rdtime();
	supervise(is_init);
	t1 = rdtime();

	remove_files(true);
	if (zones && free_pages_per_zone(after) != zones)
		zones = 0;
	read_counters(&counters_after);
	report(before, after, zones, t0, t1);
	/*
	 * A test boot: nothing else to do.  The magic numbers go sign-extended,
	 * as the C calling convention passes an int: rvmm's handlers take int
	 * arguments without truncating the register, as Linux's do.
	 */
	if (is_init)
		__sys4(SYS_reboot, (int)LINUX_REBOOT_MAGIC1, (int)LINUX_REBOOT_MAGIC2,
		     (int)LINUX_REBOOT_CMD_POWER_OFF, 0);
	return 0;
}
