/*
 * test/host/glue.c: what the mm code needs from the rest of the kernel when
 * it runs as a host program (printk, panic, va_pa_offset), plus the test
 * harness of host.h: fake RAM, log capture, snapshots, TAP and a RNG.
 */
#include "host.h"

#include <errno.h>
#include <cmdline.h>
#include <mmzone.h>
#include <oom.h>
#include <rmap.h>
#include <vmscan.h>
#include <slab.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * <sys/wait.h> would include <signal.h>, which -Iinclude makes the
 * kernel's: the two wait-status macros and waitpid are all this needs.
 */
#define HOST_WTERMSIG(st)	((st) & 0x7f)
#define HOST_WEXITSTATUS(st)	(((st) >> 8) & 0xff)
pid_t waitpid(pid_t pid, int *status, int options);

/* ---- what kernel/ would define ----------------------------------------- */

/* The linear map offset: host_boot points it at the arena. */
unsigned long va_pa_offset;
int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

/*
 * The captured log: the text of every message since host_log_clear(), with
 * the KERN_ prefix stripped.  When it fills up the older half is dropped,
 * which only matters to a test that logs megabytes before looking.
 */
#define HOST_LOG_SIZE (1 << 20)
static char host_log[HOST_LOG_SIZE];
static size_t host_log_len;
static unsigned long host_log_levels[8];
int host_console_quiet;
static bool console_line_open;	/* the last echoed text did not end a line */
static unsigned long console_lines;
#define CONSOLE_MAX_LINES 2000	/* a runaway report loop must not flood the TAP stream */

static void log_append(const char *text, size_t n)
{
	if (n >= HOST_LOG_SIZE / 2)
		n = HOST_LOG_SIZE / 2 - 1;
	if (host_log_len + n >= HOST_LOG_SIZE) {
		size_t keep = HOST_LOG_SIZE / 2;

		memmove(host_log, host_log + host_log_len - keep, keep);
		host_log_len = keep;
	}
	memcpy(host_log + host_log_len, text, n);
	host_log_len += n;
	host_log[host_log_len] = '\0';
}

/* Echo as TAP diagnostics ("# " at each line start) so a TAP reader skips it. */
static void console_echo(const char *text)
{
	for (const char *p = text; *p; p++) {
		if (!console_line_open) {
			if (++console_lines == CONSOLE_MAX_LINES)
				fputs("# (further kernel messages not shown)\n", stdout);
			if (console_lines >= CONSOLE_MAX_LINES)
				return;
			fputs("# ", stdout);
			console_line_open = true;
		}
		putchar(*p);
		if (*p == '\n')
			console_line_open = false;
	}
}

/*
 * Like kernel/printk.c (and Linux's vprintk), the level is read from the
 * formatted text, so that printk("%s...", KERN_INFO, ...) carries it too,
 * and the host sees what the kernel would log.
 */
int vprintk(const char *fmt, va_list ap)
{
	static int last_level = LOGLEVEL_DEFAULT;
	char buf[1024];
	const char *text = buf;
	int level = LOGLEVEL_DEFAULT, n;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	if (text[0] == KERN_SOH[0] && (text[1] == 'c' || (text[1] >= '0' && text[1] <= '7'))) {
		if (text[1] == 'c')
			level = last_level;
		else
			level = text[1] - '0';
		text += 2;
		n -= 2;
	}
	last_level = level;
	host_log_levels[level]++;
	log_append(text, n);
	if (level < console_loglevel && !host_console_quiet)
		console_echo(text);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

size_t log_buf_len(void)
{
	return host_log_len;
}

size_t log_buf_read(char *out, size_t off, size_t len)
{
	if (off >= host_log_len)
		return 0;
	if (len > host_log_len - off)
		len = host_log_len - off;
	memcpy(out, host_log + off, len);
	return len;
}

/* panic: say why on both streams, then abort so the parent sees a crash. */
void panic(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fflush(stdout);
	printf("# Kernel panic - not syncing: %s\n", buf);
	fflush(stdout);
	fprintf(stderr, "Kernel panic - not syncing: %s\n", buf);
	abort();
}

/* No frame-pointer walk on the host: ASan prints real backtraces when it matters. */
void dump_stack(void)
{
}

void dump_stack_from(unsigned long fp, unsigned long pc)
{
	(void)fp;
	(void)pc;
}

void host_spin_bug(const char *what, const void *lock)
{
	panic("spinlock %p: %s", lock, what);
}

/* ---- log queries ------------------------------------------------------- */

void host_log_clear(void)
{
	host_log_len = 0;
	host_log[0] = '\0';
	memset(host_log_levels, 0, sizeof(host_log_levels));
}

bool host_log_contains(const char *s)
{
	return strstr(host_log, s) != NULL;
}

const char *host_log_text(void)
{
	return host_log;
}

unsigned long host_log_count(int max_level)
{
	unsigned long n = 0;

	for (int i = 0; i <= max_level && i < 8; i++)
		n += host_log_levels[i];
	return n;
}

/* ---- fake RAM ---------------------------------------------------------- */

#define G4 SZ_4G
#define M SZ_1M

const struct host_layout host_layout_straddle = {
	.name = "straddle",
	.nbanks = 1,
	.banks = { { G4 - 16 * M, 32 * M } },
	.nreserved = 3,
	.reserved = {
		{ G4 - 16 * M, 2 * M },			/* firmware and kernel image */
		{ G4 - 11 * M + 0x800, 0x1800 },	/* a device tree, not page aligned */
		{ G4 - 0x2000, 0x4000 },		/* straddles the zone boundary */
	},
};

const struct host_layout host_layout_hole = {
	.name = "hole",
	.nbanks = 2,
	.banks = { { G4 - 24 * M, 12 * M }, { G4 - 4 * M, 24 * M } },
	.nreserved = 2,
	.reserved = {
		{ G4 - 24 * M, 1 * M },			/* kernel image */
		{ G4 + 1 * M + 0x1000, 0x1000 },	/* one page inside ZONE_NORMAL */
	},
};

const struct host_layout host_layout_dma32 = {
	.name = "dma32",
	.nbanks = 1,
	.banks = { { 0x80000000UL, 32 * M } },
	.nreserved = 3,
	.reserved = {
		{ 0x80000000UL, 2 * M },		/* OpenSBI */
		{ 0x80200000UL, 1 * M },		/* kernel image, adjacent: merges */
		{ 0x80000000UL + 32 * M - 0x10000, 0x2000 }, /* device tree near the top */
	},
};

const struct host_layout host_layout_tiny = {
	.name = "tiny",
	.nbanks = 1,
	.banks = { { 0x80000000UL, 2 * M } },
	.nreserved = 1,
	.reserved = { { 0x80000000UL, 1 * M } },
};

/*
 * (e) banks that are not page aligned and a one-page hole: partial pages
 * are not RAM, and blocks must not merge across the hole.
 */
const struct host_layout host_layout_odd = {
	.name = "odd",
	.nbanks = 2,
	.banks = {
		{ 0x80003800UL, 8 * M - 0x3800 + 0x5000 },	/* [pfn 0x80004, 0x80805) */
		{ 0x80806000UL, 16 * M - 0x6000 - 0x1800 },	/* ends mid-page */
	},
	.nreserved = 1,
	.reserved = { { 0x80004000UL, 0x3000 } },
};

/* (f) all RAM above 4 GiB: ZONE_DMA32 empty */
const struct host_layout host_layout_high = {
	.name = "high",
	.nbanks = 1,
	.banks = { { G4 + 16 * M, 16 * M } },
	.nreserved = 1,
	.reserved = { { G4 + 16 * M, 1 * M } },
};

const struct host_layout *host_layout;

bool host_pfn_in_bank(unsigned long pfn)
{
	for (int i = 0; i < host_layout->nbanks; i++) {
		const struct host_range *b = &host_layout->banks[i];

		/* Only whole pages are RAM, as for memblock_free_all. */
		if (pfn >= PFN_UP(b->base) && pfn < PFN_DOWN(b->base + b->size))
			return true;
	}
	return false;
}

bool host_pfn_managed_expected(unsigned long pfn)
{
	return host_pfn_in_bank(pfn) && !memblock_is_reserved(PFN_PHYS(pfn), PAGE_SIZE);
}

#define HOST_ARENA_ALIGN (PAGE_SIZE << MAX_PAGE_ORDER)

static void *host_arena_map(const struct host_layout *l, phys_addr_t *lo)
{
	phys_addr_t start = ~0ULL, end = 0;
	void *arena;

	for (int i = 0; i < l->nbanks; i++) {
		start = MIN(start, l->banks[i].base);
		end = MAX(end, l->banks[i].base + l->banks[i].size);
	}
	/*
	 * MAP_NORESERVE: untouched "RAM" costs nothing, so layouts can be
	 * roomy.  The arena is placed so that va_pa_offset is a multiple of
	 * the largest block (4 MiB), as the kernel's linear map is: then a
	 * block's virtual address is as aligned as its physical one.
	 */
	arena = mmap(NULL, end - start + HOST_ARENA_ALIGN, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (arena == MAP_FAILED)
		panic("host_boot: mmap of %llu bytes: %s",
		      (unsigned long long)(end - start), strerror(errno));
	*lo = start;
	return (char *)ALIGN((unsigned long)arena, HOST_ARENA_ALIGN) +
	       (start & (HOST_ARENA_ALIGN - 1));
}

void host_map_ram(const struct host_layout *l)
{
	phys_addr_t lo;
	void *arena = host_arena_map(l, &lo);

	host_layout = l;
	va_pa_offset = (unsigned long)arena - lo;
}

void host_boot(const struct host_layout *l, unsigned int flags)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES];

	host_map_ram(l);
	memblock_reset();
	for (int i = 0; i < l->nbanks; i++)
		if (memblock_add(l->banks[i].base, l->banks[i].size))
			panic("host_boot: memblock_add failed");
	for (int i = 0; i < l->nreserved; i++)
		if (memblock_reserve(l->reserved[i].base, l->reserved[i].size))
			panic("host_boot: memblock_reserve failed");
	max_zone_pfn[ZONE_DMA32] = MAX_DMA32_PFN;
	max_zone_pfn[ZONE_NORMAL] = PFN_DOWN(memblock_end_of_DRAM());
	free_area_init(max_zone_pfn);
	mem_init();
	if (!(flags & HOST_BOOT_NO_SLAB))
		kmem_cache_init();
}

/* ---- snapshots --------------------------------------------------------- */

unsigned long host_pcp_count(const struct zone *z)
{
	unsigned long n = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		n += z->pcp[cpu].count;
	return n;
}

void host_snap_take(struct host_snap *s)
{
	s->pgdat = contig_page_data;
	s->npages = max_pfn - min_low_pfn;
	s->map = malloc(s->npages * sizeof(struct page));
	if (!s->map)
		panic("host_snap_take: out of host memory");
	memcpy(s->map, mem_map, s->npages * sizeof(struct page));
}

const char *host_snap_diff(const struct host_snap *s)
{
	static char why[160];

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *a = &s->pgdat.node_zones[z];
		const struct zone *b = &contig_page_data.node_zones[z];

		if (a->free_pages != b->free_pages) {
			snprintf(why, sizeof(why), "zone %d free_pages %lu -> %lu",
				 z, a->free_pages, b->free_pages);
			return why;
		}
		if (host_pcp_count(a) != host_pcp_count(b)) {
			snprintf(why, sizeof(why), "zone %d pcp pages %lu -> %lu",
				 z, host_pcp_count(a), host_pcp_count(b));
			return why;
		}
	}
	if (memcmp(&s->pgdat, &contig_page_data, sizeof(s->pgdat)))
		return "contig_page_data changed (free lists or counters)";
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *a = &s->map[i], *b = &mem_map[i];

		if (memcmp(a, b, sizeof(*a))) {
			snprintf(why, sizeof(why),
				 "struct page of pfn %#lx changed: flags %#x->%#x "
				 "order %u->%u refcount %d->%d private %#x->%#x",
				 min_low_pfn + i, a->flags, b->flags, a->order,
				 b->order, a->_refcount, b->_refcount, a->private,
				 b->private);
			return why;
		}
	}
	return NULL;
}

void host_snap_free(struct host_snap *s)
{
	free(s->map);
	s->map = NULL;
}

/* ---- TAP --------------------------------------------------------------- */

/* Shared with children so that numbering and failures survive fork(). */
struct tap_state {
	int n, failed;
};
static struct tap_state *tap;

void tap_init(void)
{
	tap = mmap(NULL, sizeof(*tap), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tap == MAP_FAILED) {
		perror("tap_init: mmap");
		exit(2);
	}
	/* Line buffering keeps whole lines in order when a child dies. */
	setvbuf(stdout, NULL, _IOLBF, 0);
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	if (console_line_open) {	/* a kernel message left a line open */
		putchar('\n');
		console_line_open = false;
	}
	tap->n++;
	if (!cond)
		tap->failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap->n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

bool tap_skip(const char *reason, const char *fmt, ...)
{
	va_list ap;

	if (console_line_open) {
		putchar('\n');
		console_line_open = false;
	}
	tap->n++;
	printf("ok %d - ", tap->n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", reason);
	fflush(stdout);
	return true;
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	if (console_line_open) {
		putchar('\n');
		console_line_open = false;
	}
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

#define TAP_CHILD_TIMEOUT 120	/* seconds; a hang is a failure, not a stuck CI job */

void tap_run(const char *name, void (*fn)(const void *arg), const void *arg)
{
	int status;
	pid_t pid;

	tap_diag("--- %s", name);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		tap_ok(false, "%s: fork failed: %s", name, strerror(errno));
		return;
	}
	if (pid == 0) {
		alarm(TAP_CHILD_TIMEOUT);
		fn(arg);
		fflush(stdout);
		/* _exit: skip LeakSanitizer, the arena and test tables die with us. */
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0) {
		tap_ok(false, "%s: waitpid: %s", name, strerror(errno));
		return;
	}
	if (HOST_WTERMSIG(status))
		tap_ok(false, "%s: child killed by signal %d (%s)", name,
		       HOST_WTERMSIG(status), strsignal(HOST_WTERMSIG(status)));
	else if (HOST_WEXITSTATUS(status))
		tap_ok(false, "%s: child exited with status %d (sanitizer report above?)",
		       name, HOST_WEXITSTATUS(status));
}

int tap_done(void)
{
	printf("1..%d\n", tap->n);
	if (tap->failed)
		printf("# %d of %d tests failed\n", tap->failed, tap->n);
	fflush(stdout);
	return tap->failed ? 1 : 0;
}

/* ---- random numbers ---------------------------------------------------- */

u64 host_seed(void)
{
	const char *s = getenv("RVMM_SEED");

	return s && *s ? strtoull(s, NULL, 0) : 20240601;
}

unsigned long host_ops(unsigned long def)
{
	const char *s = getenv("RVMM_OPS");

	return s && *s ? strtoul(s, NULL, 0) : def;
}

/* splitmix64: tiny, good enough, and the same sequence on every host. */
u64 rng_next(struct rng *r)
{
	u64 z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

u64 rng_below(struct rng *r, u64 n)
{
	return n ? rng_next(r) % n : 0;
}

/* ---- the OOM killer's side of the slow path -------------------------------- */

/*
 * The host tests have no tasks: no one is an OOM victim and nobody can be
 * killed, so an exhausted allocation fails as it would once the killer
 * finds nothing it may kill (the kernel would panic there; the tests want
 * the NULL).
 */
struct task_struct *current;

bool tsk_is_oom_victim(const struct task_struct *t)
{
	(void)t;
	return false;
}

bool out_of_memory(gfp_t gfp, unsigned int order)
{
	(void)gfp, (void)order;
	return false;
}

void oom_bench_done(void)
{
}

/* ---- reclaim's side of the slow path, and the reverse map ------------------- */

/* No kswapd and no reclaim here: the host tests' pages are on no LRU list unless a test puts them there. */
void wakeup_kswapd(void)
{
}

bool in_reclaim(void)
{
	return false;
}

unsigned long try_to_free_pages(gfp_t gfp, unsigned int order, enum zone_type highest_zoneidx)
{
	(void)gfp, (void)order, (void)highest_zoneidx;
	return 0;
}

bool *host_accessed;

int page_referenced(struct page *page, unsigned long *vm_flags)
{
	int young = 0;

	*vm_flags = 0;
	if (host_accessed) {
		young = host_accessed[page - mem_map];
		host_accessed[page - mem_map] = false;	/* sampled and cleared, as the accessed bit */
	}
	return young;
}

/* ---- the command line and the clock ------------------------------------------ */

/* Empty unless a test sets it before host_boot (slub_debug=, for one). */
char boot_command_line[COMMAND_LINE_SIZE];
volatile u64 jiffies;

/* mm/vmstat.c's meminfo asks about the vmalloc space, which the host tests do not build. */
unsigned long vmalloc_total(void)
{
	return 0;
}

unsigned long vmalloc_nr_pages(void)
{
	return 0;
}

/* ... and about the disks' page caches (Buffers): the host tests have no disk. */
unsigned long nr_blockdev_pages(void)
{
	return 0;
}
