/*
 * test_nommu: memory without an MMU, as Linux's no-MMU kernels give it
 * (Documentation/admin-guide/mm/nommu-mmap.rst, mm/nommu.c; facts §1).
 *
 * Without an MMU a user address is a physical address: every mapping is
 * one contiguous run of real memory from the moment it exists, a
 * read-only private file mapping may be handed to another process as it
 * is, MAP_SHARED needs a file whose pages are already one run (ramfs
 * after ftruncate), nothing ever moves, and nothing stops a process from
 * touching memory that is not its own.  The checks follow the no-MMU
 * column and checklist of §1 row by row, with Linux's errno for each.
 *
 * Whether the kernel has an MMU is decided at run time: only a no-MMU
 * kernel has vm.nr_trim_pages.  Elsewhere (rvmm with an MMU, Linux,
 * qemu-user) every check is printed as a skip, the same list, so that
 * every kernel shows the same TAP lines.
 *
 * No malloc: the C library's heap grows with brk, which never moves here
 * (whether malloc works anyway is checked in a helper, which exits with
 * whatever it took).  The second process the checks need is helper_nommu, started with vfork
 * and execve from the directory this program was run from.
 */
#define _GNU_SOURCE		/* MAP_ANONYMOUS, vfork with glibc */
#include <errno.h>
#include <sys/syscall.h>
#include "mm.h"
#include "../bin/zoneinfo.h"

#ifndef SYS_mremap
#define SYS_mremap 216		/* riscv64 (asm-generic) */
#endif
#ifndef SYS_brk
#define SYS_brk 214
#endif
#define MREMAP_MAYMOVE_ 1
#define MREMAP_FIXED_ 2

#define NR_TRIM "/proc/sys/vm/nr_trim_pages"
#define KERNEL_START 0x80200000UL	/* where OpenSBI starts the kernel on QEMU's virt machine */
#define MAX_ORDER_PAGES 1024UL		/* 2^MAX_PAGE_ORDER: the largest mapping */
#define STACK_SIZE (128 * KIB)		/* the fixed stack; a guard page lies below it */

/*
 * Every check, in the order they are made.  Each has one line of TAP on
 * every kernel: a result here, a skip where there is an MMU, and "not
 * reached" if the checks before it could not get as far.
 */
#define CHECKS(X) \
	X(MAP_FIXED, "mmap MAP_FIXED is EINVAL: there is no address space to place anything in") \
	X(HINT_LINKED, "an address hint (0x10000, where programs are linked) is ignored") \
	X(HINT_BUSY, "an address hint inside one of the process's mappings is ignored") \
	X(TYPE_NONE, "mmap with map type 0 (neither MAP_PRIVATE nor MAP_SHARED) is EINVAL") \
	X(TYPE_VALIDATE_ANON, "anonymous mmap with MAP_SHARED_VALIDATE (0x03) is EINVAL") \
	X(TYPE_VALIDATE_FILE, "file mmap with MAP_SHARED_VALIDATE (0x03) is EINVAL") \
	X(TYPE_UNKNOWN, "mmap with map type 0x04 is EINVAL") \
	X(LEN_ZERO, "mmap of length 0 is EINVAL") \
	X(LEN_WRAPS, "mmap of a length that page-aligns to 0 is ENOMEM") \
	X(LEN_PAST_TASK, "mmap of 1 TiB (past TASK_SIZE, the end of RAM) is ENOMEM") \
	X(LEN_PAST_ORDER, "anonymous mmap of 4 MiB + 1 page (past 2^MAX_PAGE_ORDER pages) is ENOMEM") \
	X(PGOFF_ANON, "anonymous mmap at offset -4096 (pgoff ~0 + 1 page wraps) is EOVERFLOW") \
	X(PGOFF_FILE, "file mmap at offset -4096 (pgoff ~0 + 1 page wraps) is EOVERFLOW") \
	X(OFF_UNALIGNED, "file mmap at an offset that is not page-aligned is EINVAL") \
	X(BAD_FD, "file mmap of a closed descriptor is EBADF") \
	X(PIPE, "mmap of a pipe is ENODEV (it has no mmap operation)") \
	X(DIRECTORY, "mmap of a directory is ENODEV (no mmap operation, checked before the file type)") \
	X(WRONLY, "mmap of a file opened O_WRONLY is EACCES") \
	X(SHARED_WRITE_RDONLY, "MAP_SHARED PROT_WRITE of a file opened O_RDONLY is EACCES") \
	X(ANON_ALIGNED, "anonymous mappings are page-aligned") \
	X(ANON_ZEROED, "anonymous memory is zeroed, even pages just given back dirty") \
	X(ANON_SHARED_PRIVATE, "anonymous MAP_SHARED works and is private: 'p' in /proc/self/maps") \
	X(ANON_SHARED_REGION, "anonymous MAP_SHARED is a private region: 'p' in /proc/maps") \
	X(CONTIG_ZONE, "a 300-page anonymous mapping lies inside one zone's pfn range") \
	X(CONTIG_REGION, "it is one region: one /proc/maps line, exactly its range") \
	X(CONTIG_VMA, "it is one VMA: one /proc/self/maps line, exactly its range") \
	X(CONTIG_MAX, "a 4 MiB (order-10) mapping works, inside one zone, one region") \
	X(TRIM_DEFAULT, "vm.nr_trim_pages is 1 by default (always trim)") \
	X(TRIM_1, "nr_trim_pages 1: a 5-page mapping (order 3) takes exactly 5 pages of MemFree") \
	X(TRIM_1_COPY, "nr_trim_pages 1: MmapCopy grows by 5 pages") \
	X(TRIM_3, "nr_trim_pages 3: the 3-page tail is at the threshold and goes back: 5 pages") \
	X(TRIM_0, "nr_trim_pages 0 (never trim): a 5-page mapping takes all 8 pages") \
	X(TRIM_0_COPY, "nr_trim_pages 0: MmapCopy grows by 8 pages") \
	X(TRIM_0_BACK, "nr_trim_pages 0: munmap gives back all 8 pages, the untrimmed tail too") \
	X(TRIM_8, "nr_trim_pages 8: the 3-page tail is under the threshold and kept: 8 pages") \
	X(TRIM_RESTORED, "vm.nr_trim_pages is restored") \
	X(RO_MAP, "a read-only private mapping of a write()-filled file works, 's' (shareable)") \
	X(RO_REGION, "it is in /proc/maps as a shareable region ('s')") \
	X(RO_TAIL_ZERO, "the copy holds the file, and zeros past its end") \
	X(SHARE_SAME, "another process mapping the same file range gets the same address") \
	X(SHARE_ONCE, "while both map it, /proc/maps lists the region once") \
	X(SHARE_SUBRANGE, "another process mapping its second page alone gets the region's address + 4096") \
	X(COPY_STALE, "the copy does not see a later write() to the file") \
	X(RO_DIRECT, "a read-only private mapping of one ramfs page maps the page cache: write() shows") \
	X(RO_DIRECT_TWICE, "the same process mapping that page again gets a copy (one mm cannot map a region twice)") \
	X(RW_OWN_COPY, "a writable private mapping is a copy of its own, not the shareable region") \
	X(RW_TWO_COPIES, "a second writable private mapping is another copy") \
	X(RW_STAYS, "a store to a writable private copy reaches neither the file nor the other copy") \
	X(RW_RDONLY_FD, "a writable private mapping of an O_RDONLY file works (a copy)") \
	X(SHARED_MAP, "MAP_SHARED of a ramfs file grown from empty by ftruncate works") \
	X(SHARED_FLAGS, "it is 'S' in /proc/self/maps and in /proc/maps") \
	X(SHARED_ZONE, "it lies inside one zone's pfn range (ftruncate made it contiguous)") \
	X(SHARED_STORE_READ, "a store through the mapping is seen by read()") \
	X(SHARED_WRITE_LOAD, "a write() is seen through the mapping") \
	X(SHARED_SHRINK, "ftruncate shrinking the file under the mapping is ETXTBSY") \
	X(SHARED_SHRINK_AFTER, "after munmap the same ftruncate works") \
	X(SHARED_ENODEV, "MAP_SHARED of a write()-filled file (pages not contiguous) is ENODEV") \
	X(MUNMAP_ZERO, "munmap of length 0 is EINVAL") \
	X(MUNMAP_PAST_END, "munmap reaching past the end of a mapping is EINVAL") \
	X(MUNMAP_NOTHING, "munmap of memory not mapped is EINVAL") \
	X(MUNMAP_UNALIGNED, "munmap inside an anonymous mapping at an unaligned start is EINVAL") \
	X(MUNMAP_FILE_HEAD, "munmap of the first page of a 2-page file mapping is EINVAL") \
	X(MUNMAP_FILE_TAIL, "munmap of the last page of a 2-page file mapping is EINVAL") \
	X(MUNMAP_FILE_WHOLE, "munmap of the whole file mapping works") \
	X(MUNMAP_HEAD, "munmap of an anonymous mapping's first page gives back 1 page, the rest stays") \
	X(MUNMAP_TAIL, "munmap of its last page gives back 1 page") \
	X(MUNMAP_SPLIT, "munmap of a middle page gives back 1 page and leaves two VMAs and two regions") \
	X(MUNMAP_BACK, "unmapping the pieces gives back exactly what the mapping took") \
	X(MREMAP_NOT_START, "mremap of an address that does not start a mapping is EINVAL") \
	X(MREMAP_OLD_LEN, "mremap with old_len not the mapping's length is EINVAL") \
	X(MREMAP_FIXED, "mremap MREMAP_FIXED to another address is EINVAL: nothing moves") \
	X(MREMAP_SHRINK, "mremap shrinking 8 pages to 4 works in place") \
	X(MREMAP_GROW, "mremap growing back to 8 pages (inside the region) works in place, data kept") \
	X(MREMAP_PAST, "mremap growing past the region is ENOMEM") \
	X(MREMAP_MAYMOVE, "mremap MREMAP_MAYMOVE past the region is ENOMEM too: it never moves") \
	X(MREMAP_SHAREABLE, "mremap of a shareable (read-only private file) mapping is EPERM") \
	X(MREMAP_SHARED, "mremap of a MAP_SHARED mapping is EPERM") \
	X(FORK, "fork() is EINVAL: there is no address space to copy into") \
	X(VFORK_EXEC, "vfork: the parent resumes once the child has exec'd, and gets its exit status") \
	X(VFORK_EXIT, "vfork: a child that _exits without exec gives its status") \
	X(BRK, "brk never moves: brk(2) of the break + 4096 returns the old break") \
	X(BRK_LIBC, "the C library's brk(break + 4096) fails with ENOMEM") \
	X(MALLOC, "malloc works though the break never moves: the C library's sbrk falls back to mmap") \
	X(RELOC_BAD, "exec of a program with a relocation the loader cannot apply is ENOEXEC") \
	X(OOM_HOG, "the OOM killer ends a hog (32 KiB mappings, oom_score_adj 1000) with SIGKILL") \
	X(OOM_LIVES, "the process that started the hog lives on, and the kill is counted in oom_kill") \
	X(PROC_MAPS, "/proc/maps lists the regions of this program's image and of its stack") \
	X(SELF_STACK, "/proc/self/maps names the stack [stack]: a guard page and 128 KiB, 'p'") \
	X(FRAG_SETUP, "fragmented on purpose: no free 4 MiB block, though MemFree exceeds 4 MiB") \
	X(FRAG_ENOMEM, "a 4 MiB mapping is then ENOMEM: it must be one contiguous run") \
	X(FRAG_RECOVER, "with the fragments unmapped, the same 4 MiB mapping works") \
	X(NOPROT_POKE, "no protection without an MMU: another process stores into this one's memory") \
	X(NOPROT_KERNEL, "no protection without an MMU: another process reads the kernel at 0x80200000") \
	X(NOPROT_NULL, "an access to address 0 (neither RAM nor a device) is SIGSEGV") \
	X(STACK_USE, "a process using 100 KiB of its 128 KiB stack runs") \
	X(STACK_OVERRUN, "a process that writes the word below its stack dies of SIGSEGV at its next trap") \
	X(GAVE_BACK, "every zone's free pages are as at the start")

#define AS_ENUM(id, text) C_##id,
#define AS_TEXT(id, text) text,
enum { CHECKS(AS_ENUM) NR_CHECKS };
static const char *const check_text[] = { CHECKS(AS_TEXT) };

static int next_check;		/* the next one to print */

/* Print every check before id that was not reached, as failed, with why. */
static void fail_until(int id, const char *why)
{
	while (next_check < id && next_check < NR_CHECKS) {
		ok(0, "%s (%s)", check_text[next_check], why);
		next_check++;
	}
}

/* The result of check id, with a detail in parentheses. */
static int check(int id, int cond, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int check(int id, int cond, const char *fmt, ...)
{
	char detail[256];
	va_list ap;

	fail_until(id, "not reached");
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	next_check = id + 1;
	return ok(cond, "%s (%s)", check_text[id], detail);
}

/* Check id cannot be made here, for the reason given. */
static void skip_check(int id, const char *reason)
{
	fail_until(id, "not reached");
	skip(reason, "%s", check_text[id]);
	next_check = id + 1;
}

/* The result of check id: r must be -1 with errno want (read after r is computed). */
#define CHECK_ERRNO(id, r, want) ({ long r_ = (long)(r); check_errno(id, r_, errno, want, #want); })
static int check_errno(int id, long r, int err, int want, const char *name)
{
	return check(id, r == -1 && err == want, "want %s, got %s", name,
		     r == -1 ? strerror(err) : "success");
}

/* mmap must fail with want; a mapping it made anyway is undone. */
#define MMAP_FAILS(id, want, len, prot, flags, fd, off) \
	mmap_fails(id, want, #want, len, prot, flags, fd, off)
static void mmap_fails(int id, int want, const char *name, size_t len, int prot, int flags,
		       int fd, off_t off)
{
	void *m;

	errno = 0;
	m = mmap(NULL, len, prot, flags, fd, off);
	check_errno(id, m == MAP_FAILED ? -1 : 0, errno, want, name);
	if (m != MAP_FAILED)
		munmap(m, len);
}

static long mremap_(void *addr, size_t old_len, size_t new_len, int flags, void *new_addr)
{
	errno = 0;
	return syscall(SYS_mremap, addr, old_len, new_len, flags, new_addr);
}

/* ---- what the kernel reports ---- */

static char helper[256];	/* helper_nommu's path */

static int set_trim(long pages)
{
	char text[32];

	snprintf(text, sizeof(text), "%ld\n", pages);
	return write_proc(NR_TRIM, text) == 0;
}

/*
 * MemFree in kB, with the per-cpu lists and spare slabs emptied first
 * (they hold pages that are not free yet); taken until it is the same
 * twice running, as zoneinfo.h does (a drop_caches write can leave an
 * empty slab of its own that only the next returns).
 */
static long mem_free_kb(void)
{
	long last = -2, now = -1;

	for (int tries = 0; tries < 8 && now != last; tries++) {
		last = now;
		write_proc("/proc/sys/vm/drop_caches", "3\n");
		now = proc_kb("/proc/meminfo", "MemFree:");
	}
	return now;
}

static long mmap_copy_kb(void)
{
	return proc_kb("/proc/meminfo", "MmapCopy:");
}

/* The text of a whole file, in a buffer of the caller's; its length, -1 if it cannot be read. */
static ssize_t slurp(const char *path, char *buf, size_t size)
{
	ssize_t len = 0, r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (len < (ssize_t)size - 1 && (r = read(fd, buf + len, size - 1 - len)) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* One line of a maps file: its range, its flags ("rw-p") and its name. */
struct maps_line {
	unsigned long start, end;
	char perms[5];
	char name[80];
};

/*
 * The lines of path (/proc/maps or /proc/self/maps) that overlap
 * [start, end): how many, and the first of them in *first.  -1 if the
 * file cannot be read.
 */
static int maps_lines(const char *path, unsigned long start, unsigned long end,
		      struct maps_line *first)
{
	static char buf[65536];
	int count = 0;

	memset(first, 0, sizeof(*first));
	if (slurp(path, buf, sizeof(buf)) < 0)
		return -1;
	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');
		struct maps_line l = { 0 };
		int n = 0;

		if (nl)
			*nl = '\0';
		if (sscanf(line, "%lx-%lx %4s %*s %*s %*s%n", &l.start, &l.end, l.perms, &n) == 3 &&
		    l.start < end && start < l.end) {
			while (line[n] == ' ')
				n++;
			snprintf(l.name, sizeof(l.name), "%s", line + n);
			if (count++ == 0)
				*first = l;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	return count;
}

/* [start, start + len) is exactly one line of path, whose fourth flag is flag. */
static int one_line(const char *path, const void *start, size_t len, char flag, char *why, size_t size)
{
	struct maps_line l = { 0 };
	unsigned long s = (unsigned long)start;
	int n = maps_lines(path, s, s + len, &l);

	snprintf(why, size, "%s: %d line(s), first %lx-%lx %s", path, n, l.start, l.end, l.perms);
	return n == 1 && l.start == s && l.end == s + len && l.perms[3] == flag;
}

/* Does one zone's pfn range (/proc/zoneinfo start_pfn, spanned) hold all of [addr, addr + len)? */
static int in_one_zone(const void *addr, size_t len)
{
	static char buf[16384];
	unsigned long first = (unsigned long)addr / PAGE, last = ((unsigned long)addr + len - 1) / PAGE;
	unsigned long spanned = 0;

	if (slurp("/proc/zoneinfo", buf, sizeof(buf)) < 0)
		return 0;
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char *p = line;

		while (*p == ' ')
			p++;
		if (strncmp(p, "spanned", 7) == 0)
			spanned = strtoul(p + 7, NULL, 10);
		else if (strncmp(p, "start_pfn:", 10) == 0) {
			unsigned long start = strtoul(p + 10, NULL, 10);

			if (start <= first && last < start + spanned)
				return 1;
		}
	}
	return 0;
}

/* How many zones have memory (a "managed" count above 0 in /proc/zoneinfo); 0 if unknown. */
static int populated_zones(void)
{
	static char buf[16384];
	int zones = 0;

	if (slurp("/proc/zoneinfo", buf, sizeof(buf)) < 0)
		return 0;
	for (char *p = buf; (p = strstr(p, " managed ")) != NULL; p++)
		zones += strtoul(p + 9, NULL, 10) > 0;
	return zones;
}

/* Free blocks of order min_order and above in every zone, from /proc/buddyinfo; its text in buf. */
static long free_blocks_from(int min_order, char *buf, size_t size)
{
	long blocks = 0;

	write_proc("/proc/sys/vm/drop_caches", "3\n");	/* per-cpu pages back into the buddy lists */
	if (slurp("/proc/buddyinfo", buf, size) < 0)
		return -1;
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char *p = strstr(line, "zone");
		char *nl = strchr(line, '\n');

		if (!p || (nl && p > nl))
			continue;
		p += 4;
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;		/* the zone's name */
		for (int order = 0; order <= 10; order++) {
			long n = strtol(p, &p, 10);

			if (order >= min_order)
				blocks += n;
		}
	}
	return blocks;
}

/* Free blocks of order 10 (4 MiB) in every zone, from /proc/buddyinfo; its text in buf. */
static long free_max_order_blocks(char *buf, size_t size)
{
	return free_blocks_from(10, buf, size);
}

/* diag each line of text, prefixed. */
static void diag_text(const char *prefix, const char *text)
{
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		int n = nl ? (int)(nl - line) : (int)strlen(line);

		diag("%s%.*s", prefix, n, line);
		if (!nl)
			break;
		line = nl + 1;
	}
}

/* ---- the second process ---- */

/*
 * Start helper_nommu with args (NULL-terminated), stdin and stdout on
 * in_fd / out_fd if not -1, by vfork and execve; its pid, or -1.
 */
static pid_t spawn(const char *const args[], int in_fd, int out_fd)
{
	char *argv[8];
	int n = 0;
	pid_t pid;

	argv[n++] = helper;
	while (*args && n < 7)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	pid = vfork();
	if (pid == 0) {
		if (in_fd >= 0)
			dup2(in_fd, 0);
		if (out_fd >= 0)
			dup2(out_fd, 1);
		execv(helper, argv);
		_exit(127);
	}
	return pid;
}

/* Run helper_nommu with args to the end; its wait status, -1 if it could not be run. */
static int run_helper(const char *const args[])
{
	int st;
	pid_t pid = spawn(args, -1, -1);

	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* Run helper_nommu with args, its stdout into out; its wait status. */
static int run_helper_output(const char *const args[], char *out, size_t size)
{
	int fds[2], st;
	ssize_t len = 0, r;
	pid_t pid;

	out[0] = '\0';
	if (pipe(fds) < 0)
		return -1;
	pid = spawn(args, -1, fds[1]);
	close(fds[1]);
	while (pid > 0 && len < (ssize_t)size - 1 && (r = read(fds[0], out + len, size - 1 - len)) > 0)
		len += r;
	out[len] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/*
 * A helper that maps pages of path from page pgoff and holds the mapping
 * until helper_release: its pid, the address it got and the first byte
 * it read there.
 */
struct holder {
	pid_t pid;
	int to_fd;
	unsigned long addr;
	int byte;
};

static int helper_map(struct holder *h, const char *path, long pgoff, long pages)
{
	char spgoff[24], spages[24], line[64];
	const char *args[] = { "map", path, spgoff, spages, NULL };
	int to[2], from[2];
	ssize_t len = 0, r;

	memset(h, 0, sizeof(*h));
	h->pid = -1;
	snprintf(spgoff, sizeof(spgoff), "%ld", pgoff);
	snprintf(spages, sizeof(spages), "%ld", pages);
	if (pipe(to) < 0)
		return 0;
	if (pipe(from) < 0) {
		close(to[0]);
		close(to[1]);
		return 0;
	}
	h->pid = spawn(args, to[0], from[1]);
	close(to[0]);
	close(from[1]);
	h->to_fd = to[1];
	while (h->pid > 0 && len < (ssize_t)sizeof(line) - 1 &&
	       (r = read(from[0], line + len, sizeof(line) - 1 - len)) > 0) {
		len += r;
		if (memchr(line, '\n', len))
			break;
	}
	line[len] = '\0';
	close(from[0]);
	return sscanf(line, "%lx %d", &h->addr, &h->byte) == 2;
}

/* Let the helper unmap and exit; its wait status. */
static int helper_release(struct holder *h)
{
	int st = -1;

	if (h->to_fd > 0) {
		if (write(h->to_fd, "x", 1) != 1)
			st = -1;
		close(h->to_fd);
	}
	if (h->pid > 0 && waitpid(h->pid, &st, 0) != h->pid)
		st = -1;
	return st;
}

/* ---- files ---- */

static const char *tmp_path(const char *tag)
{
	return scratch("test_nommu", tag);
}

/*
 * A file of 1.5 pages written with write(): page 0 of 'a', half of page 1
 * of 'b'.  An anonymous page is taken between the two writes, so that
 * the page cache's two pages are not next to each other in memory: such
 * a file can be copied, not mapped in place.
 */
static int make_scattered_file(const char *path)
{
	char block[512];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *between = map_anon(PAGE, PROT_READ | PROT_WRITE);
	int good = fd >= 0 && between != MAP_FAILED;

	memset(block, 'a', sizeof(block));
	for (size_t done = 0; good && done < PAGE; done += sizeof(block))
		good = write(fd, block, sizeof(block)) == (ssize_t)sizeof(block);
	memset(block, 'b', sizeof(block));
	for (size_t done = 0; good && done < PAGE / 2; done += sizeof(block))
		good = write(fd, block, sizeof(block)) == (ssize_t)sizeof(block);
	if (between != MAP_FAILED)
		munmap(between, PAGE);
	if (!good && fd >= 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* ---- the checks ---- */

static void test_mmap_arguments(void)
{
	const char *path = tmp_path("args");
	int fd = make_file(path, O_RDWR, 'x', PAGE), fds[2], dir;
	char *m, *busy = map_anon(PAGE, PROT_READ | PROT_WRITE);

	MMAP_FAILS(C_MAP_FIXED, EINVAL, PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	m = mmap((void *)0x10000, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(C_HINT_LINKED, m != MAP_FAILED && m != (void *)0x10000, "got %p", m);
	if (m != MAP_FAILED)
		munmap(m, PAGE);
	m = mmap(busy, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(C_HINT_BUSY, busy != MAP_FAILED && m != MAP_FAILED && m != busy, "hint %p, got %p", busy, m);
	if (m != MAP_FAILED)
		munmap(m, PAGE);
	if (busy != MAP_FAILED)
		munmap(busy, PAGE);

	MMAP_FAILS(C_TYPE_NONE, EINVAL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(C_TYPE_VALIDATE_ANON, EINVAL, PAGE, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(C_TYPE_VALIDATE_FILE, EINVAL, PAGE, PROT_READ, MAP_SHARED_VALIDATE, fd, 0);
	MMAP_FAILS(C_TYPE_UNKNOWN, EINVAL, PAGE, PROT_READ, 0x04 | MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(C_LEN_ZERO, EINVAL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(C_LEN_WRAPS, ENOMEM, ~0UL - 100, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(C_LEN_PAST_TASK, ENOMEM, 1UL << 40, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(C_LEN_PAST_ORDER, ENOMEM, (MAX_ORDER_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/*
	 * riscv's mmap takes the offset as a signed off_t and shifts it
	 * arithmetically, so -4096 is page offset ~0: one more page wraps.
	 */
	MMAP_FAILS(C_PGOFF_ANON, EOVERFLOW, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, -(off_t)PAGE);
	MMAP_FAILS(C_PGOFF_FILE, EOVERFLOW, PAGE, PROT_READ, MAP_PRIVATE, fd, -(off_t)PAGE);
	MMAP_FAILS(C_OFF_UNALIGNED, EINVAL, PAGE, PROT_READ, MAP_PRIVATE, fd, 100);
	close(fd);
	MMAP_FAILS(C_BAD_FD, EBADF, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);

	if (pipe(fds) == 0) {
		MMAP_FAILS(C_PIPE, ENODEV, PAGE, PROT_READ, MAP_PRIVATE, fds[0], 0);
		close(fds[0]);
		close(fds[1]);
	} else {
		check(C_PIPE, 0, "pipe: %s", strerror(errno));
	}
	dir = open(getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", O_RDONLY | O_DIRECTORY);
	MMAP_FAILS(C_DIRECTORY, ENODEV, PAGE, PROT_READ, MAP_PRIVATE, dir, 0);
	if (dir >= 0)
		close(dir);
	fd = open(path, O_WRONLY);
	MMAP_FAILS(C_WRONLY, EACCES, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (fd >= 0)
		close(fd);
	fd = open(path, O_RDONLY);
	MMAP_FAILS(C_SHARED_WRITE_RDONLY, EACCES, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (fd >= 0)
		close(fd);
	unlink(path);
}

static int all_bytes(const char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

static void test_anonymous(void)
{
	const size_t len = 300 * PAGE;
	char why[200], *m, *again, *shared;
	struct maps_line l = { 0 };

	m = map_anon(16 * PAGE, PROT_READ | PROT_WRITE);
	check(C_ANON_ALIGNED, m != MAP_FAILED && ((unsigned long)m & (PAGE - 1)) == 0, "got %p", m);
	if (m == MAP_FAILED)
		return;
	memset(m, 0xa5, 16 * PAGE);
	munmap(m, 16 * PAGE);
	write_proc("/proc/sys/vm/drop_caches", "3\n");	/* the pages back in the buddy lists, to be had again */
	again = map_anon(16 * PAGE, PROT_READ | PROT_WRITE);
	check(C_ANON_ZEROED, again != MAP_FAILED && all_bytes(again, 16 * PAGE, 0),
	      "dirtied %p and gave it back, got %p", m, again);
	if (again != MAP_FAILED)
		munmap(again, 16 * PAGE);

	shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	check(C_ANON_SHARED_PRIVATE, shared != MAP_FAILED &&
	      maps_lines("/proc/self/maps", (unsigned long)shared, (unsigned long)shared + PAGE, &l) == 1 &&
	      l.perms[3] == 'p', "%p: %s", shared, l.perms);
	check(C_ANON_SHARED_REGION, shared != MAP_FAILED &&
	      one_line("/proc/maps", shared, PAGE, 'p', why, sizeof(why)), "%s", why);
	if (shared != MAP_FAILED)
		munmap(shared, PAGE);

	m = map_anon(len, PROT_READ | PROT_WRITE);
	check(C_CONTIG_ZONE, m != MAP_FAILED && in_one_zone(m, len), "%p-%p", m, m + len);
	check(C_CONTIG_REGION, m != MAP_FAILED && one_line("/proc/maps", m, len, 'p', why, sizeof(why)),
	      "%s", why);
	check(C_CONTIG_VMA, m != MAP_FAILED && one_line("/proc/self/maps", m, len, 'p', why, sizeof(why)),
	      "%s", why);
	if (m != MAP_FAILED)
		munmap(m, len);

	m = map_anon(MAX_ORDER_PAGES * PAGE, PROT_READ | PROT_WRITE);
	check(C_CONTIG_MAX, m != MAP_FAILED && in_one_zone(m, MAX_ORDER_PAGES * PAGE) &&
	      one_line("/proc/maps", m, MAX_ORDER_PAGES * PAGE, 'p', why, sizeof(why)),
	      "%p: %s", m, m == MAP_FAILED ? strerror(errno) : why);
	if (m != MAP_FAILED)
		munmap(m, MAX_ORDER_PAGES * PAGE);
}

/*
 * What mapping 5 pages costs with vm.nr_trim_pages set to trim: MemFree
 * and MmapCopy moves in pages; the mapping stays in *held if asked.
 */
static void trim_cost(long trim, long *free_pages, long *copy_pages, char **held)
{
	long free0, copy0;
	char *m;

	*free_pages = *copy_pages = -1;
	if (!set_trim(trim))
		return;
	m = map_anon(5 * PAGE, PROT_READ | PROT_WRITE);	/* warm up: VMA and region caches */
	if (m != MAP_FAILED)
		munmap(m, 5 * PAGE);
	free0 = mem_free_kb();
	copy0 = mmap_copy_kb();
	m = map_anon(5 * PAGE, PROT_READ | PROT_WRITE);
	if (m == MAP_FAILED)
		return;
	*free_pages = (free0 - mem_free_kb()) / 4;
	*copy_pages = (mmap_copy_kb() - copy0) / 4;
	if (held)
		*held = m;
	else
		munmap(m, 5 * PAGE);
}

static void test_trim(void)
{
	long orig = proc_number(NR_TRIM, ""), free_pages, copy_pages, before;
	char *m = MAP_FAILED;

	check(C_TRIM_DEFAULT, orig == 1, "%ld", orig);
	trim_cost(1, &free_pages, &copy_pages, NULL);
	check(C_TRIM_1, free_pages == 5, "%ld pages", free_pages);
	check(C_TRIM_1_COPY, copy_pages == 5, "%ld pages", copy_pages);
	trim_cost(3, &free_pages, &copy_pages, NULL);
	check(C_TRIM_3, free_pages == 5, "%ld pages", free_pages);
	trim_cost(0, &free_pages, &copy_pages, &m);
	check(C_TRIM_0, free_pages == 8, "%ld pages", free_pages);
	check(C_TRIM_0_COPY, copy_pages == 8, "%ld pages", copy_pages);
	before = mem_free_kb();
	if (m != MAP_FAILED)
		munmap(m, 5 * PAGE);
	free_pages = (mem_free_kb() - before) / 4;
	check(C_TRIM_0_BACK, m != MAP_FAILED && free_pages == 8, "%ld pages", free_pages);
	trim_cost(8, &free_pages, &copy_pages, NULL);
	check(C_TRIM_8, free_pages == 8, "%ld pages", free_pages);
	set_trim(orig < 0 ? 1 : orig);
	before = proc_number(NR_TRIM, "");
	check(C_TRIM_RESTORED, before == (orig < 0 ? 1 : orig), "%ld", before);
}

static void test_private_files(void)
{
	const char *spath = tmp_path("scattered"), *opath;
	char why[200], scattered[256], one[256];
	int fd = make_scattered_file(spath), onefd, st;
	char *ro, *rw, *rw2, *direct, *again;
	struct maps_line l = { 0 };
	struct holder h;
	int n;

	snprintf(scattered, sizeof(scattered), "%s", spath);
	ro = map_file(fd, 2 * PAGE, PROT_READ, MAP_PRIVATE, 0);
	check(C_RO_MAP, ro != MAP_FAILED &&
	      maps_lines("/proc/self/maps", (unsigned long)ro, (unsigned long)ro + 2 * PAGE, &l) == 1 &&
	      l.perms[3] == 's', "%p: %s", ro, ro == MAP_FAILED ? strerror(errno) : l.perms);
	if (ro == MAP_FAILED) {
		fail_until(C_RW_RDONLY_FD, "no read-only private mapping to go on with");
		close(fd);
		unlink(scattered);
		return;
	}
	check(C_RO_REGION, one_line("/proc/maps", ro, 2 * PAGE, 's', why, sizeof(why)), "%s", why);
	check(C_RO_TAIL_ZERO, all_bytes(ro, PAGE, 'a') && all_bytes(ro + PAGE, PAGE / 2, 'b') &&
	      all_bytes(ro + PAGE + PAGE / 2, PAGE / 2, 0), "4096 'a', 2048 'b', 2048 zeros");

	n = helper_map(&h, scattered, 0, 2) ? 1 : 0;
	check(C_SHARE_SAME, n && h.addr == (unsigned long)ro && h.byte == 'a',
	      "this process %p, the other %#lx, which read '%c'", ro, h.addr, h.byte);
	n = maps_lines("/proc/maps", (unsigned long)ro, (unsigned long)ro + 2 * PAGE, &l);
	st = helper_release(&h);
	check(C_SHARE_ONCE, n == 1 && exited_0(st), "%d line(s); the other process %s", n, status_str(st));
	n = helper_map(&h, scattered, 1, 1) ? 1 : 0;
	st = helper_release(&h);
	check(C_SHARE_SUBRANGE, n && h.addr == (unsigned long)ro + PAGE && h.byte == 'b' && exited_0(st),
	      "region %p, the other got %#lx, which read '%c'; %s", ro, h.addr, h.byte, status_str(st));

	put_file_byte(fd, 0, 'Z');
	check(C_COPY_STALE, ro[0] == 'a' && file_byte(fd, 0) == 'Z', "the copy holds '%c'", ro[0]);

	opath = tmp_path("onepage");
	snprintf(one, sizeof(one), "%s", opath);
	onefd = make_file(one, O_RDWR, 'o', PAGE);
	direct = map_file(onefd, PAGE, PROT_READ, MAP_PRIVATE, 0);
	if (onefd >= 0)
		put_file_byte(onefd, 1, 'W');
	check(C_RO_DIRECT, direct != MAP_FAILED && direct[0] == 'o' && direct[1] == 'W',
	      "%p holds '%c'", direct, direct == MAP_FAILED ? '?' : direct[1]);
	again = map_file(onefd, PAGE, PROT_READ, MAP_PRIVATE, 0);
	check(C_RO_DIRECT_TWICE, again != MAP_FAILED && again != direct && again[1] == 'W',
	      "first %p, again %s", direct, again == MAP_FAILED ? strerror(errno) : "mapped");
	if (again != MAP_FAILED)
		munmap(again, PAGE);
	if (direct != MAP_FAILED)
		munmap(direct, PAGE);
	if (onefd >= 0)
		close(onefd);
	unlink(one);

	rw = map_file(fd, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	check(C_RW_OWN_COPY, rw != MAP_FAILED && rw != ro && rw[0] == 'Z' &&
	      maps_lines("/proc/self/maps", (unsigned long)rw, (unsigned long)rw + 2 * PAGE, &l) == 1 &&
	      l.perms[3] == 'p', "shareable %p, writable %p %s", ro, rw, l.perms);
	rw2 = map_file(fd, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	check(C_RW_TWO_COPIES, rw2 != MAP_FAILED && rw2 != rw && rw2 != ro, "%p and %p", rw, rw2);
	if (rw != MAP_FAILED && rw2 != MAP_FAILED) {
		rw[1] = 'Q';
		check(C_RW_STAYS, file_byte(fd, 1) == 'a' && rw2[1] == 'a' && ro[1] == 'a',
		      "the file has '%c', the other copy '%c'", file_byte(fd, 1), rw2[1]);
	} else {
		check(C_RW_STAYS, 0, "no two copies");
	}
	if (rw != MAP_FAILED)
		munmap(rw, 2 * PAGE);
	if (rw2 != MAP_FAILED)
		munmap(rw2, 2 * PAGE);
	close(fd);

	fd = open(scattered, O_RDONLY);
	rw = map_file(fd, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	check(C_RW_RDONLY_FD, rw != MAP_FAILED && rw[0] == 'Z', "%p", rw);
	if (rw != MAP_FAILED) {
		rw[0] = 'R';	/* a copy: the file keeps its byte */
		munmap(rw, PAGE);
	}
	if (fd >= 0)
		close(fd);
	munmap(ro, 2 * PAGE);
	unlink(scattered);
}

static void test_shared_files(void)
{
	const char *path = tmp_path("shared");
	const size_t len = 3 * PAGE;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char why[200], *m = MAP_FAILED;
	struct maps_line l = { 0 };
	int n;

	if (fd >= 0 && ftruncate(fd, len) == 0)
		m = map_file(fd, len, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	check(C_SHARED_MAP, m != MAP_FAILED, "%s", m == MAP_FAILED ? strerror(errno) : "mapped");
	if (m == MAP_FAILED) {
		fail_until(C_SHARED_ENODEV, "no MAP_SHARED mapping to go on with");
	} else {
		check(C_SHARED_FLAGS,
		      maps_lines("/proc/self/maps", (unsigned long)m, (unsigned long)m + len, &l) == 1 &&
		      l.perms[3] == 'S' && one_line("/proc/maps", m, len, 'S', why, sizeof(why)),
		      "self %s; %s", l.perms, why);
		check(C_SHARED_ZONE, in_one_zone(m, len), "%p-%p", m, m + len);
		m[2 * PAGE + 5] = 'm';
		check(C_SHARED_STORE_READ, file_byte(fd, 2 * PAGE + 5) == 'm', "read %d",
		      file_byte(fd, 2 * PAGE + 5));
		put_file_byte(fd, PAGE + 7, 'w');
		check(C_SHARED_WRITE_LOAD, m[PAGE + 7] == 'w', "the mapping holds %d", m[PAGE + 7]);
		CHECK_ERRNO(C_SHARED_SHRINK, ftruncate(fd, PAGE), ETXTBSY);
		munmap(m, len);
		n = ftruncate(fd, PAGE);
		check(C_SHARED_SHRINK_AFTER, n == 0, "%s", n == 0 ? "shrunk" : strerror(errno));
	}
	if (fd >= 0)
		close(fd);
	unlink(path);

	fd = make_scattered_file(path);
	MMAP_FAILS(C_SHARED_ENODEV, ENODEV, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (fd >= 0)
		close(fd);
	unlink(path);
}

static void test_munmap(void)
{
	const char *path = tmp_path("munmap");
	int fd = make_scattered_file(path), n;
	char *f = map_file(fd, 2 * PAGE, PROT_READ, MAP_PRIVATE, 0), *a, *gone;
	struct maps_line l = { 0 };
	long before, now;

	a = map_anon(8 * PAGE, PROT_READ | PROT_WRITE);
	if (a == MAP_FAILED || f == MAP_FAILED) {
		fail_until(C_MUNMAP_BACK + 1, "the mappings to unmap could not be made");
		goto out;
	}
	errno = 0;
	CHECK_ERRNO(C_MUNMAP_ZERO, munmap(a, 0), EINVAL);
	errno = 0;
	CHECK_ERRNO(C_MUNMAP_PAST_END, munmap(a + 4 * PAGE, 8 * PAGE), EINVAL);
	gone = map_anon(PAGE, PROT_READ);
	if (gone != MAP_FAILED)
		munmap(gone, PAGE);
	errno = 0;
	CHECK_ERRNO(C_MUNMAP_NOTHING, munmap(gone, PAGE), EINVAL);
	errno = 0;
	CHECK_ERRNO(C_MUNMAP_UNALIGNED, munmap(a + 100, PAGE), EINVAL);
	errno = 0;
	CHECK_ERRNO(C_MUNMAP_FILE_HEAD, munmap(f, PAGE), EINVAL);
	errno = 0;
	CHECK_ERRNO(C_MUNMAP_FILE_TAIL, munmap(f + PAGE, PAGE), EINVAL);
	n = munmap(f, 2 * PAGE);
	check(C_MUNMAP_FILE_WHOLE, n == 0 &&
	      maps_lines("/proc/self/maps", (unsigned long)f, (unsigned long)f + 2 * PAGE, &l) == 0,
	      "%s", n == 0 ? "unmapped" : strerror(errno));
	f = MAP_FAILED;

	/* The anonymous one: 8 pages, measured as they go back one by one. */
	before = mem_free_kb();
	n = munmap(a, PAGE);
	now = mem_free_kb();
	check(C_MUNMAP_HEAD, n == 0 && now - before == 4 &&
	      maps_lines("/proc/self/maps", (unsigned long)a, (unsigned long)a + 8 * PAGE, &l) == 1 &&
	      l.start == (unsigned long)a + PAGE && l.end == (unsigned long)a + 8 * PAGE,
	      "%ld kB back; now %lx-%lx", now - before, l.start, l.end);
	before = now;
	n = munmap(a + 7 * PAGE, PAGE);
	now = mem_free_kb();
	check(C_MUNMAP_TAIL, n == 0 && now - before == 4, "%ld kB back", now - before);
	before = now;
	n = munmap(a + 3 * PAGE, PAGE);
	now = mem_free_kb();
	check(C_MUNMAP_SPLIT, n == 0 && now - before == 4 &&
	      maps_lines("/proc/self/maps", (unsigned long)a, (unsigned long)a + 8 * PAGE, &l) == 2 &&
	      maps_lines("/proc/maps", (unsigned long)a, (unsigned long)a + 8 * PAGE, &l) == 2,
	      "%ld kB back", now - before);
	before = now;
	n = munmap(a + PAGE, 2 * PAGE) | munmap(a + 4 * PAGE, 3 * PAGE);
	now = mem_free_kb();
	check(C_MUNMAP_BACK, n == 0 && now - before == 5 * 4 &&
	      maps_lines("/proc/self/maps", (unsigned long)a, (unsigned long)a + 8 * PAGE, &l) == 0,
	      "%ld kB back", now - before);
	a = MAP_FAILED;
out:
	if (a != MAP_FAILED)
		munmap(a, 8 * PAGE);
	if (f != MAP_FAILED)
		munmap(f, 2 * PAGE);
	if (fd >= 0)
		close(fd);
	unlink(path);
}

static void test_mremap(void)
{
	const char *spath = tmp_path("mremap"), *path2;
	char name[256], name2[256];
	int fd = make_scattered_file(spath), fd2;
	char *a = map_anon(8 * PAGE, PROT_READ | PROT_WRITE), *ro, *sh = MAP_FAILED;
	struct maps_line l = { 0 };
	long r;

	snprintf(name, sizeof(name), "%s", spath);
	if (a == MAP_FAILED) {
		fail_until(C_MREMAP_SHAREABLE, "no mapping to remap");
	} else {
		r = mremap_(a + PAGE, 7 * PAGE, 4 * PAGE, 0, NULL);
		CHECK_ERRNO(C_MREMAP_NOT_START, r, EINVAL);
		r = mremap_(a, 4 * PAGE, 2 * PAGE, 0, NULL);
		CHECK_ERRNO(C_MREMAP_OLD_LEN, r, EINVAL);
		r = mremap_(a, 8 * PAGE, 8 * PAGE, MREMAP_MAYMOVE_ | MREMAP_FIXED_, a + 64 * PAGE);
		CHECK_ERRNO(C_MREMAP_FIXED, r, EINVAL);
		a[7 * PAGE] = 'k';
		r = mremap_(a, 8 * PAGE, 4 * PAGE, 0, NULL);
		check(C_MREMAP_SHRINK, r == (long)a &&
		      maps_lines("/proc/self/maps", (unsigned long)a, (unsigned long)a + 8 * PAGE, &l) == 1 &&
		      l.end == (unsigned long)a + 4 * PAGE, "got %#lx, now %lx-%lx", r, l.start, l.end);
		r = mremap_(a, 4 * PAGE, 8 * PAGE, 0, NULL);
		check(C_MREMAP_GROW, r == (long)a && a[7 * PAGE] == 'k' &&
		      maps_lines("/proc/self/maps", (unsigned long)a, (unsigned long)a + 8 * PAGE, &l) == 1 &&
		      l.end == (unsigned long)a + 8 * PAGE, "got %#lx", r);
		r = mremap_(a, 8 * PAGE, 9 * PAGE, 0, NULL);
		CHECK_ERRNO(C_MREMAP_PAST, r, ENOMEM);
		r = mremap_(a, 8 * PAGE, 64 * PAGE, MREMAP_MAYMOVE_, NULL);
		CHECK_ERRNO(C_MREMAP_MAYMOVE, r, ENOMEM);
		if (r != -1 && r != (long)a)
			a = (char *)r;
		munmap(a, r == -1 ? 8 * PAGE : 64 * PAGE);
	}
	ro = map_file(fd, 2 * PAGE, PROT_READ, MAP_PRIVATE, 0);
	r = ro == MAP_FAILED ? 0 : mremap_(ro, 2 * PAGE, PAGE, 0, NULL);
	CHECK_ERRNO(C_MREMAP_SHAREABLE, r, EPERM);
	if (ro != MAP_FAILED)
		munmap(ro, 2 * PAGE);

	path2 = tmp_path("mremap-shared");
	snprintf(name2, sizeof(name2), "%s", path2);
	fd2 = open(name2, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd2 >= 0 && ftruncate(fd2, 2 * PAGE) == 0)
		sh = map_file(fd2, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	r = sh == MAP_FAILED ? 0 : mremap_(sh, 2 * PAGE, PAGE, 0, NULL);
	CHECK_ERRNO(C_MREMAP_SHARED, r, EPERM);
	if (sh != MAP_FAILED)
		munmap(sh, 2 * PAGE);
	if (fd2 >= 0)
		close(fd2);
	unlink(name2);
	if (fd >= 0)
		close(fd);
	unlink(name);
}

/* Set by a vfork child before it execs: the parent sees it once it resumes, the memory being one. */
static volatile int vfork_child_ran;

static void test_processes(void)
{
	char *argv[] = { helper, "exit", "7", NULL };
	const char *heap[] = { "malloc", NULL };
	unsigned long brk0, brk1;
	int st = -1, ran;
	pid_t pid;

	errno = 0;
	pid = fork();
	if (pid == 0)
		_exit(0);	/* there should be no child; if there is, it leaves at once */
	if (pid > 0)
		waitpid(pid, &st, 0);
	CHECK_ERRNO(C_FORK, pid > 0 ? 0 : pid, EINVAL);

	pid = vfork();
	if (pid == 0) {
		vfork_child_ran = 1;
		execv(helper, argv);
		_exit(127);
	}
	ran = vfork_child_ran;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = -1;
	check(C_VFORK_EXEC, ran && WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "the child had run: %d; %s", ran, status_str(st));
	pid = vfork();
	if (pid == 0)
		_exit(9);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = -1;
	check(C_VFORK_EXIT, WIFEXITED(st) && WEXITSTATUS(st) == 9, "%s", status_str(st));

	brk0 = (unsigned long)syscall(SYS_brk, 0);
	brk1 = (unsigned long)syscall(SYS_brk, brk0 + PAGE);
	check(C_BRK, brk0 && brk1 == brk0, "break %#lx, brk(break + 4096) gave %#lx", brk0, brk1);
	CHECK_ERRNO(C_BRK_LIBC, brk((void *)(brk0 + PAGE)), ENOMEM);
	/*
	 * In a helper, whose exit gives back whatever the C library keeps
	 * mapped for its heap.  A C library whose sbrk only moves the break
	 * has no heap here at all (the helper says so: 3), and neither has
	 * runtests, which would then fail outright.
	 */
	st = run_helper(heap);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
		skip_check(C_MALLOC, "the C library's sbrk fails where the break never moves: "
			   "it does not fall back to mmap (user/lib/memory.c)");
	else
		check(C_MALLOC, exited_0(st), "256 KiB, in the helper's own mappings: %s", status_str(st));
}

/*
 * copy_with_bad_reloc: a copy of helper_nommu at path whose first
 * relocation of an allocated section has type 21 (R_RISCV_TLS_GOT_HI20,
 * which a static program never needs and the loader refuses by name).
 * 0, or -1 if the file could not be made.
 */
static int copy_with_bad_reloc(const char *path)
{
	static char image[1 << 20];
	ssize_t len = slurp(helper, image, sizeof(image));
	const unsigned char *eh = (const unsigned char *)image;
	unsigned long shoff;
	unsigned int shnum, shentsize;
	int fd, patched = 0;

	if (len < 64 || memcmp(image, "\177ELF", 4))
		return -1;
	memcpy(&shoff, eh + 40, 8);
	memcpy(&shentsize, eh + 58, 2);
	shentsize &= 0xffff;
	memcpy(&shnum, eh + 60, 2);
	shnum &= 0xffff;
	for (unsigned int i = 0; i < shnum && !patched; i++) {
		const char *sh = image + shoff + (unsigned long)i * shentsize;
		unsigned int type, info;
		unsigned long flags, offset, size;

		if (shoff + (unsigned long)(i + 1) * shentsize > (unsigned long)len)
			return -1;
		memcpy(&type, sh + 4, 4);
		memcpy(&info, sh + 44, 4);
		memcpy(&offset, sh + 24, 8);
		memcpy(&size, sh + 32, 8);
		if (type != 4 || info >= shnum || size < 24)	/* SHT_RELA, and its target */
			continue;
		memcpy(&flags, image + shoff + (unsigned long)info * shentsize + 8, 8);
		if (!(flags & 2))				/* SHF_ALLOC: not debug info */
			continue;
		image[offset + 8] = 21;				/* r_info's low byte: the type */
		patched = 1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	if (!patched || write(fd, image, (size_t)len) != len) {
		close(fd);
		unlink(path);
		return -1;
	}
	return close(fd);
}

static void test_bad_reloc(void)
{
	const char *path = tmp_path("badreloc");
	char *argv[] = { (char *)path, "exit", "0", NULL };
	volatile int err = 0;
	pid_t pid;
	int st = -1;

	if (copy_with_bad_reloc(path) < 0) {
		check(C_RELOC_BAD, 0, "could not make the patched copy of %s", helper);
		return;
	}
	pid = vfork();
	if (pid == 0) {
		execv(path, argv);
		err = errno;	/* the parent's variable: vfork shares its memory */
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = -1;
	unlink(path);
	check(C_RELOC_BAD, WIFEXITED(st) && WEXITSTATUS(st) == 127 && err == ENOEXEC,
	      "execve: %s; %s", strerror(err), status_str(st));
}

static void test_oom(void)
{
	const char *hog[] = { "hog", NULL };
	long kills = proc_number("/proc/vmstat", "oom_kill ");
	int st = run_helper(hog);

	check(C_OOM_HOG, WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "%s", status_str(st));
	check(C_OOM_LIVES, kills >= 0 && proc_number("/proc/vmstat", "oom_kill ") == kills + 1,
	      "oom_kill %ld before, %ld after", kills, proc_number("/proc/vmstat", "oom_kill "));
}

static void test_proc(void)
{
	struct maps_line code = { 0 }, stack = { 0 }, self = { 0 };
	int local = 0, ncode, nstack, nself;

	ncode = maps_lines("/proc/maps", (unsigned long)test_proc, (unsigned long)test_proc + 1, &code);
	nstack = maps_lines("/proc/maps", (unsigned long)&local, (unsigned long)&local + 1, &stack);
	check(C_PROC_MAPS, ncode == 1 && nstack == 1 && code.perms[3] == 'p' && stack.perms[3] == 'p',
	      "code in %lx-%lx %s, stack in %lx-%lx %s", code.start, code.end, code.perms,
	      stack.start, stack.end, stack.perms);
	nself = maps_lines("/proc/self/maps", (unsigned long)&local, (unsigned long)&local + 1, &self);
	check(C_SELF_STACK, nself == 1 && strcmp(self.name, "[stack]") == 0 &&
	      self.end - self.start == PAGE + STACK_SIZE && strcmp(self.perms, "rw-p") == 0 &&
	      stack.start == self.start && stack.end == self.end,
	      "%lx-%lx %s %s", self.start, self.end, self.perms, self.name);
}

/*
 * Fragmentation: free memory that is plentiful in total but in no run
 * of 4 MiB cannot serve a 4 MiB mapping, which must be contiguous.
 *
 * Most of memory is first taken in 2 MiB mappings, until only a few free
 * 4 MiB blocks are left; then single pages, until none is.  Because a
 * user address is a physical one, the test can see which single pages
 * are buddies (pfn and pfn ^ 1) and give back one page of every pair it
 * holds both of: a freed page's buddy stays taken, so no freed page can
 * merge, and the memory given back (several MiB) stays in 4 KiB pieces.
 *
 * With more than one zone (3 GiB: DMA32 and Normal) the lower zone's last
 * free blocks are held back from user allocations by the lowmem reserve
 * (zoneinfo's protection): they cannot be broken up without the OOM
 * killer stepping in, so the scenario is made with one zone only.
 */
#define FRAG_KEEP_BLOCKS 3
#define FRAG_MAX_SINGLES 16384

static int by_address(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static void test_fragmentation(void)
{
	static char buddy[4096];
	long total = proc_kb("/proc/meminfo", "MemTotal:");
	size_t nbig = 0, maxbig = total > 0 ? (size_t)total / 2048 + 8 : 0, nsmall = 0, freed = 0;
	size_t table = (maxbig + FRAG_MAX_SINGLES) * sizeof(unsigned long);
	unsigned long *big = (void *)map_anon(table, PROT_READ | PROT_WRITE), *small;
	long blocks = -1, memfree;
	char *m;

	if (populated_zones() != 1) {
		const char *why = "memory in more than one zone: the lowmem reserve keeps the lower "
				  "zone's 4 MiB blocks from user mappings, past the OOM killer";

		if (big != MAP_FAILED)
			munmap(big, table);
		skip_check(C_FRAG_SETUP, why);
		skip_check(C_FRAG_ENOMEM, why);
		skip_check(C_FRAG_RECOVER, why);
		return;
	}
	if (big == MAP_FAILED) {
		fail_until(C_FRAG_RECOVER + 1, "no room for the table of mappings");
		return;
	}
	small = big + maxbig;
	while (nbig < maxbig && (blocks = free_max_order_blocks(buddy, sizeof(buddy))) > FRAG_KEEP_BLOCKS) {
		m = map_anon(2 * MIB, PROT_READ | PROT_WRITE);
		if (m == MAP_FAILED)
			break;
		big[nbig++] = (unsigned long)m;
	}
	/*
	 * Single pages until no free block of 2 MiB is left either: a 4 MiB
	 * block short of one page the kernel holds for a moment (a /proc
	 * read's buffer, an empty slab) shows as free blocks of every order
	 * up to 9, and the mapping's own slab shrink would complete it.
	 */
	for (m = NULL; m != MAP_FAILED && nsmall < FRAG_MAX_SINGLES && blocks > 0;) {
		for (int i = 0; i < 64 && nsmall < FRAG_MAX_SINGLES; i++) {
			m = map_anon(PAGE, PROT_READ | PROT_WRITE);
			if (m == MAP_FAILED)
				break;
			small[nsmall++] = (unsigned long)m;
		}
		blocks = free_blocks_from(9, buddy, sizeof(buddy));
	}
	qsort(small, nsmall, sizeof(small[0]), by_address);
	for (size_t i = 0; i + 1 < nsmall; i++) {
		if (!(small[i] & PAGE) && small[i + 1] == small[i] + PAGE) {
			munmap((void *)small[i], PAGE);
			small[i++] = 0;		/* and keep its buddy */
			freed++;
		}
	}
	blocks = free_max_order_blocks(buddy, sizeof(buddy));
	memfree = mem_free_kb();
	diag("fragmented: %zu mappings of 2 MiB, %zu of one page, %zu of those given back", nbig,
	     nsmall, freed);
	diag("MemFree %ld kB, free 4 MiB blocks %ld; /proc/buddyinfo:", memfree, blocks);
	diag_text("  ", buddy);
	check(C_FRAG_SETUP, blocks == 0 && memfree > (long)(4 * MIB / KIB), "MemFree %ld kB, %ld free 4 MiB blocks",
	      memfree, blocks);
	m = map_anon(4 * MIB, PROT_READ | PROT_WRITE);
	CHECK_ERRNO(C_FRAG_ENOMEM, m == MAP_FAILED ? -1 : 0, ENOMEM);
	if (m != MAP_FAILED)
		munmap(m, 4 * MIB);

	for (size_t i = 0; i < nsmall; i++)
		if (small[i])
			munmap((void *)small[i], PAGE);
	for (size_t i = 0; i < nbig; i++)
		munmap((void *)big[i], 2 * MIB);
	munmap(big, table);
	blocks = free_max_order_blocks(buddy, sizeof(buddy));
	m = map_anon(4 * MIB, PROT_READ | PROT_WRITE);
	check(C_FRAG_RECOVER, m != MAP_FAILED, "%ld free 4 MiB blocks; %s", blocks,
	      m == MAP_FAILED ? strerror(errno) : "mapped");
	if (m != MAP_FAILED)
		munmap(m, 4 * MIB);
}

static void test_no_protection(void)
{
	char addr[32], word[64], out[64];
	const char *poke[] = { "poke", addr, "42", NULL };
	const char *peek[] = { "peek", word, NULL };
	const char *peek0[] = { "peek", "0", NULL };
	volatile unsigned long *kernel = (volatile unsigned long *)KERNEL_START;
	char *m = map_anon(PAGE, PROT_READ | PROT_WRITE);
	unsigned long seen = 0;
	int st;

	if (m == MAP_FAILED) {
		check(C_NOPROT_POKE, 0, "mmap: %s", strerror(errno));
	} else {
		snprintf(addr, sizeof(addr), "%lx", (unsigned long)m + 100);
		st = run_helper(poke);
		check(C_NOPROT_POKE, exited_0(st) && m[100] == 42,
		      "it stored at %s, outside its own mappings: %s; this process reads %d", addr,
		      status_str(st), m[100]);
		munmap(m, PAGE);
	}
	snprintf(word, sizeof(word), "%lx", KERNEL_START);
	st = run_helper_output(peek, out, sizeof(out));
	sscanf(out, "%lx", &seen);
	check(C_NOPROT_KERNEL, exited_0(st) && seen == *kernel && seen != 0,
	      "it read %016lx, this process %016lx; %s", seen, *kernel, status_str(st));
	st = run_helper(peek0);
	check(C_NOPROT_NULL, killed_by(st, SIGSEGV), "%s", status_str(st));
}

static void test_stack(void)
{
	const char *use[] = { "stack-use", "100", NULL };
	const char *overrun[] = { "stack-overrun", NULL };
	int st = run_helper(use);

	check(C_STACK_USE, exited_0(st), "%s", status_str(st));
	st = run_helper(overrun);
	check(C_STACK_OVERRUN, killed_by(st, SIGSEGV), "%s", status_str(st));
}

/* helper_nommu is beside this program (runtests runs /bin/test_nommu). */
static void find_helper(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	if (slash)
		snprintf(helper, sizeof(helper), "%.*s/helper_nommu", (int)(slash - argv0), argv0);
	else
		snprintf(helper, sizeof(helper), "/bin/helper_nommu");
}

int main(int argc, char *argv[])
{
	struct zone_free start[MAX_ZONES], end[MAX_ZONES];
	int zones, same;

	(void)argc;
	if (proc_number(NR_TRIM, "") < 0) {
		/* A kernel with an MMU: the same list, each one skipped. */
		for (int i = 0; i < NR_CHECKS; i++)
			skip("needs a kernel without an MMU", "%s", check_text[i]);
		return tap_done();
	}
	find_helper(argv[0]);
	zones = free_pages_per_zone(start);

	test_mmap_arguments();
	test_anonymous();
	test_trim();
	test_private_files();
	test_shared_files();
	test_munmap();
	test_mremap();
	test_processes();
	test_bad_reloc();
	test_oom();
	test_proc();
	test_fragmentation();
	test_no_protection();
	test_stack();

	same = zones > 0 && free_pages_per_zone(end) == zones;
	for (int z = 0; same && z < zones; z++) {
		if (start[z].pages != end[z].pages)
			same = 0;
		diag("zone %s: %lu free pages, %lu at the start", end[z].name, end[z].pages, start[z].pages);
	}
	check(C_GAVE_BACK, same, "%d zone(s)", zones);
	fail_until(NR_CHECKS, "not reached");
	return tap_done();
}
