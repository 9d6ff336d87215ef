/*
 * test/host/host.h: what the host unit tests share (implemented in glue.c).
 *
 *  - TAP output whose numbering survives fork(): every scenario runs in a
 *    child process, because the kernel's globals (memblock, mem_map, the
 *    zones, the kmalloc caches) can be initialised only once per process.
 *  - A fake RAM: an mmap'ed arena standing in for physical memory, booted
 *    through the same calls the kernel makes (memblock, free_area_init,
 *    mem_init, kmem_cache_init).
 *  - The kernel log, captured so that tests can look for a report.
 *  - A small seeded random number generator.
 */
#ifndef _HOST_H
#define _HOST_H

#include <gfp.h>
#include <memblock.h>
#include <mm.h>
#include <printk.h>
#include <types.h>

/* ---- fake RAM ---------------------------------------------------------- */

struct host_range {
	phys_addr_t base, size;
};

struct host_layout {
	const char *name;
	int nbanks, nreserved;
	struct host_range banks[4];
	struct host_range reserved[4];
};

#define SZ_1K	0x400UL
#define SZ_1M	0x100000UL
#define SZ_4G	0x100000000UL

/* (a) one bank straddling 4 GiB: both zones populated */
extern const struct host_layout host_layout_straddle;
/* (b) two banks with a hole, the second one straddling 4 GiB */
extern const struct host_layout host_layout_hole;
/* (c) 32 MiB at 0x80000000, as QEMU virt: ZONE_NORMAL empty */
extern const struct host_layout host_layout_dma32;
/* (d) 2 MiB, half reserved: small enough for min_free_kbytes' lower clamp */
extern const struct host_layout host_layout_tiny;
/* (e) unaligned banks with a one-page hole (DMA32 only) */
extern const struct host_layout host_layout_odd;
/* (f) 16 MiB above 4 GiB: ZONE_DMA32 empty */
extern const struct host_layout host_layout_high;

enum host_boot_flags {
	HOST_BOOT_NO_SLAB = 1,	/* stop before kmem_cache_init() */
};

/* host_map_ram: only the fake RAM for layout l (va_pa_offset set, memblock untouched). */
void host_map_ram(const struct host_layout *l);
/* host_boot: fake RAM for layout l, then the kernel's mm boot sequence. */
void host_boot(const struct host_layout *l, unsigned int flags);
/* The layout host_boot was given. */
extern const struct host_layout *host_layout;
/* host_pfn_in_bank: does pfn lie in one of the layout's RAM banks? */
bool host_pfn_in_bank(unsigned long pfn);
/* host_pfn_managed_expected: RAM not overlapped by any memblock reservation. */
bool host_pfn_managed_expected(unsigned long pfn);

/* ---- snapshots of the page allocator's whole state ---------------------- */

/*
 * A copy of contig_page_data and of mem_map: comparing two snapshots shows
 * whether a call changed anything at all, which is what "reported and
 * ignored" promises.
 */
struct host_snap {
	struct pglist_data pgdat;
	struct page *map;
	size_t npages;
};
void host_snap_take(struct host_snap *s);
/* host_snap_diff: NULL when equal, else a description of the first difference. */
const char *host_snap_diff(const struct host_snap *s);
void host_snap_free(struct host_snap *s);

/* Pages on the per-cpu lists of zone z, over all cpus. */
unsigned long host_pcp_count(const struct zone *z);

/*
 * host_accessed: the accessed bit of each page (indexed by page - mem_map)
 * that the host's page_referenced() samples and clears; NULL: never set.
 * There are no page tables here: a test sets a page's entry to play a
 * process touching it.
 */
extern bool *host_accessed;

/* ---- kernel log -------------------------------------------------------- */

/* host_log_clear: forget the captured log (reports are looked for after this). */
void host_log_clear(void);
/* host_log_contains: is s in the text logged since the last clear? */
bool host_log_contains(const char *s);
/* host_log_text: the text logged since the last clear (KERN_ prefixes stripped). */
const char *host_log_text(void);
/* KERN_WARNING's level: reports of misuse and failures are at least this urgent. */
#define HOST_LOG_WARNING 4
/* host_log_count: messages at level <= max_level since the last clear. */
unsigned long host_log_count(int max_level);
/* host_console_quiet: while non-zero, messages are logged but not echoed. */
extern int host_console_quiet;

/* ---- TAP --------------------------------------------------------------- */

/* tap_init: set up the test counter shared with child processes. */
void tap_init(void);
/* tap_ok: print "ok N - what" or "not ok N - what"; returns cond. */
bool tap_ok(bool cond, const char *fmt, ...) __printf(2, 3);
/* tap_skip: "ok N - what # SKIP reason": a check that does not apply here. */
bool tap_skip(const char *reason, const char *fmt, ...) __printf(2, 3);
/* tap_diag: a "# ..." line. */
void tap_diag(const char *fmt, ...) __printf(1, 2);
/*
 * tap_run: run fn(arg) in a forked child with a fresh kernel state.  A child
 * that crashes, panics, trips a sanitizer or times out counts as a failure.
 */
void tap_run(const char *name, void (*fn)(const void *arg), const void *arg);
/* tap_done: print the plan "1..N"; returns the process exit status. */
int tap_done(void);

/* ---- random numbers ---------------------------------------------------- */

/* host_seed: $RVMM_SEED if set (decimal or 0x hex), else a fixed default. */
u64 host_seed(void);
/* host_ops: $RVMM_OPS if set, else def: the length of the random runs. */
unsigned long host_ops(unsigned long def);

struct rng {
	u64 s;
};
u64 rng_next(struct rng *r);
/* rng_below: uniform in [0, n). */
u64 rng_below(struct rng *r, u64 n);

#endif
