/*
 * test_mmap: mmap, munmap, mprotect and msync as Linux gives them with an
 * MMU.  What each kind of mapping shares with its file and across fork,
 * every error the calls return, the signals a bad access takes, splitting
 * a mapping, and how /proc/self/maps shows one.  Files are made in $TMPDIR
 * (default /tmp) and removed again.
 *
 * Without an MMU (Linux's no-MMU rules, facts §1) the answers Linux
 * defines there are checked in place of these: MAP_FIXED, mprotect and
 * msync fail (EINVAL, ENOSYS, ENOSYS), a private file mapping is a copy,
 * munmap takes one VMA at a time.  What needs an MMU is skipped: fork's
 * copies, protection and the faults it gives, placement at an address.
 */
#define _GNU_SOURCE		/* MAP_ANONYMOUS, MAP_FIXED_NOREPLACE with glibc */
#include <errno.h>
#include "mm.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000	/* Linux's value; older C libraries lack the name */
#endif

static const char no_fork[] = NEEDS_MMU "fork(); a vfork child shares every page";
static const char no_prot[] = NEEDS_MMU "nothing is protected";
static const char no_fixed[] = NEEDS_MMU "no placement at an address";

static const char *tmp_file(const char *tag)
{
	return scratch("test_mmap", tag);
}

static int all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* mmap must fail with errno want (named name); what says which case. */
#define MMAP_FAILS(want, what, ...) mmap_fails(want, #want, what, __VA_ARGS__)
static void mmap_fails(int want, const char *name, const char *what, void *addr, size_t len,
		       int prot, int flags, int fd, off_t off)
{
	void *m;

	errno = 0;
	m = mmap(addr, len, prot, flags, fd, off);
	ok(m == MAP_FAILED && errno == want, "mmap %s: %s (%s)", what, name,
	   m == MAP_FAILED ? strerror(errno) : "it succeeded");
	if (m != MAP_FAILED)
		munmap(m, len);
}

/* call must fail with errno want (named name): errno is cleared before it is made. */
#define FAILS_WITH(want, call, what) (errno = 0, fails_with(want, #want, (call), what))
static void fails_with(int want, const char *name, int r, const char *what)
{
	ok(r == -1 && errno == want, "%s: %s (%s)", what, name,
	   r == -1 ? strerror(errno) : "it succeeded");
}

/*
 * The /proc/self/maps line of the mapping holding addr: its permissions
 * ("rw-p"), its file offset and its name ("" if none).  0 if no mapping
 * holds addr (or maps cannot be read).
 */
static int maps_entry(const void *addr, char perms[5], unsigned long *offset, char *name, size_t size)
{
	static char buf[65536];
	size_t len = 0;
	ssize_t r;
	int fd = open("/proc/self/maps", O_RDONLY);

	if (fd < 0)
		return 0;
	while (len < sizeof(buf) - 1 && (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');
		unsigned long start, end;
		int n = 0;

		if (nl)
			*nl = '\0';
		if (sscanf(line, "%lx-%lx %4s %lx %*s %*s %n", &start, &end, perms, offset, &n) == 4 &&
		    n > 0 && start <= (unsigned long)addr && (unsigned long)addr < end) {
			snprintf(name, size, "%s", line + n);
			return 1;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	return 0;
}

/* The permissions of the mapping holding addr, "" if none does. */
static const char *perms_at(const void *addr)
{
	static char perms[5];
	char name[256];
	unsigned long offset;

	if (!maps_entry(addr, perms, &offset, name, sizeof(name)))
		perms[0] = '\0';
	return perms;
}

/* Anonymous memory: private is copied on write across fork, shared is not. */
static void test_anon_fork(void)
{
	char *priv = map_anon(PAGE, PROT_READ | PROT_WRITE);
	char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int st;

	if (!ok(priv != MAP_FAILED && shared != MAP_FAILED,
		"anonymous mappings, MAP_PRIVATE and MAP_SHARED"))
		return;
	ok(all_zero(priv, PAGE) && all_zero(shared, PAGE), "both read as zeros");
	priv[0] = shared[0] = 'p';
	if (no_mmu()) {
		skip(no_fork, "a child's store to MAP_PRIVATE memory stays the child's");
		skip(no_fork, "a child's store to MAP_SHARED memory is seen by the parent");
		munmap(priv, PAGE);
		munmap(shared, PAGE);
		return;
	}
	st = access_in_child(priv, 1);
	ok(exited_0(st) && priv[0] == 'p',
	   "a child's store to MAP_PRIVATE memory stays the child's (%s)", status_str(st));
	st = access_in_child(shared, 1);
	ok(exited_0(st) && shared[0] == 1,
	   "a child's store to MAP_SHARED memory is seen by the parent (%s)", status_str(st));
	munmap(priv, PAGE);
	munmap(shared, PAGE);
}

/* A read-only private file mapping is the file's pages: later file writes show. */
static void test_file_private_readonly(void)
{
	const char *path = tmp_file("private-ro");
	int fd = make_file(path, O_RDWR, 'a', 2 * PAGE);
	char *m = map_file(fd, 2 * PAGE, PROT_READ, MAP_PRIVATE, 0);
	int st;

	if (ok(m != MAP_FAILED, "a read-only MAP_PRIVATE mapping of a file")) {
		ok(m[0] == 'a' && m[2 * PAGE - 1] == 'a', "it reads the file's contents");
		if (no_mmu()) {
			/* Linux may share the file's pages or copy them: either is right */
			skip(NEEDS_MMU "the mapping may be a copy of the file",
			     "a later write() to the file shows through");
			skip(no_prot, "a store to it kills a child with SIGSEGV");
			munmap(m, 2 * PAGE);
			goto out;
		}
		ok(put_file_byte(fd, PAGE + 7, 'b') && m[PAGE + 7] == 'b',
		   "a later write() to the file shows through");
		st = access_in_child(m, 1);
		ok(killed_by(st, SIGSEGV), "a store to it kills a child with SIGSEGV (%s)",
		   status_str(st));
		munmap(m, 2 * PAGE);
	}
out:
	close(fd);
	unlink(path);
}

/* A writable private file mapping: each page is copied on its first store. */
static void test_file_private_writable(void)
{
	const char *path = tmp_file("private-rw");
	int fd = make_file(path, O_RDWR, 'a', 2 * PAGE);
	char *m = map_file(fd, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);

	if (ok(m != MAP_FAILED && m[0] == 'a' && m[PAGE] == 'a',
	       "a writable MAP_PRIVATE mapping of a file reads its contents")) {
		if (no_mmu())
			ok(put_file_byte(fd, 0, 'b') && m[0] == 'a',
			   "without an MMU the mapping is a copy: a write() to the file does not show");
		else
			ok(put_file_byte(fd, 0, 'b') && m[0] == 'b',
			   "before any store, a write() to the file shows in the mapping");
		m[0] = 'M';
		ok(m[0] == 'M' && file_byte(fd, 0) == 'b',
		   "a store to the mapping stays there and does not reach the file");
		ok(put_file_byte(fd, 1, 'c') && m[1] == 'a',
		   "after the store the page is a copy: later file writes no longer show in it");
		if (no_mmu())
			ok(put_file_byte(fd, PAGE, 'd') && m[PAGE] == 'a',
			   "... nor in a page never stored to: it is a copy too");
		else
			ok(put_file_byte(fd, PAGE, 'd') && m[PAGE] == 'd',
			   "a page never stored to still shows later file writes");
		munmap(m, 2 * PAGE);
	}
	close(fd);
	unlink(path);
}

/* A MAP_SHARED file mapping is the file: stores, read(), write() and other mappings agree. */
static void test_file_shared(void)
{
	const char *path = tmp_file("shared");
	int fd = make_file(path, O_RDWR, 'a', 2 * PAGE);
	char *m = map_file(fd, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, 0), *m2;

	/*
	 * Without an MMU a shared mapping is the file's own pages, at the one
	 * address they have: a second one in the same process would overlap
	 * the first, so there is one, and the checks of the second are skipped.
	 */
	if (no_mmu()) {
		const char *once = NEEDS_MMU "a second mapping of the pages would overlap the first";

		if (ok(m != MAP_FAILED, "a MAP_SHARED mapping of a file, without an MMU (%s)",
		       m == MAP_FAILED ? strerror(errno) : "mapped")) {
			m[0] = 'S';
			ok(file_byte(fd, 0) == 'S', "a store to the mapping is seen by read()");
			skip(once, "... and by the second mapping");
			m[PAGE + 1] = 'T';
			skip(once, "a store through the second mapping is seen in the first");
			ok(put_file_byte(fd, 10, 'w') && m[10] == 'w',
			   "a write() to the file is seen in the mapping");
			FAILS_WITH(ENOSYS, msync(m, 2 * PAGE, MS_SYNC),
				   "msync(MS_SYNC) of the mapping, without an MMU");
			munmap(m, 2 * PAGE);
		}
		goto out;
	}
	m2 = map_file(fd, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	if (ok(m != MAP_FAILED && m2 != MAP_FAILED && m != m2,
	       "two MAP_SHARED mappings of one file, at different addresses")) {
		m[0] = 'S';
		ok(file_byte(fd, 0) == 'S', "a store to the mapping is seen by read()");
		ok(m2[0] == 'S', "... and by the second mapping");
		m2[PAGE + 1] = 'T';
		ok(m[PAGE + 1] == 'T', "a store through the second mapping is seen in the first");
		ok(put_file_byte(fd, 10, 'w') && m[10] == 'w' && m2[10] == 'w',
		   "a write() to the file is seen in both mappings");
		ok(msync(m, 2 * PAGE, MS_SYNC) == 0, "msync(MS_SYNC) of the mapping succeeds");
		munmap(m, 2 * PAGE);
		munmap(m2, 2 * PAGE);
	}
out:
	close(fd);
	fd = open(path, O_RDONLY);
	ok(file_byte(fd, 0) == 'S' && file_byte(fd, PAGE + 1) == 'T',
	   "after munmap and close, the stores are in the file");
	close(fd);
	unlink(path);
}

static void test_einval(void)
{
	const char *path = tmp_file("einval");
	int fd = make_file(path, O_RDWR, 'e', 2 * PAGE);
	/* the unaligned MAP_FIXED aims inside this page, so it could only hit this page */
	char *page = map_anon(PAGE, PROT_READ | PROT_WRITE);
	char *m;

	MMAP_FAILS(EINVAL, "of length 0", NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(EINVAL, "of a file at an offset not page-aligned", NULL, PAGE, PROT_READ,
		   MAP_PRIVATE, fd, 100);
	if (page != MAP_FAILED)
		MMAP_FAILS(EINVAL, "MAP_FIXED at an address not page-aligned", page + 1, PAGE,
			   PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	MMAP_FAILS(EINVAL, "anonymous, neither MAP_PRIVATE nor MAP_SHARED", NULL, PAGE, PROT_READ,
		   MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(EINVAL, "anonymous, both MAP_PRIVATE and MAP_SHARED", NULL, PAGE, PROT_READ,
		   MAP_PRIVATE | MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	/*
	 * On a file the same bits are MAP_SHARED_VALIDATE, which Linux accepts;
	 * qemu-user 7.2 refuses it with EINVAL (a native build shows Linux's answer).
	 */
	if (no_mmu()) {
		MMAP_FAILS(EINVAL, "without an MMU, of a file with both MAP_PRIVATE and MAP_SHARED",
			   NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_SHARED, fd, 0);
	} else if (under_qemu_user()) {
		skip("qemu-user 7.2 refuses MAP_SHARED_VALIDATE with EINVAL",
		     "a file with both MAP_PRIVATE and MAP_SHARED (MAP_SHARED_VALIDATE) is mapped");
	} else {
		m = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_SHARED, fd, 0);
		ok(m != MAP_FAILED && m[0] == 'e',
		   "a file with both MAP_PRIVATE and MAP_SHARED (MAP_SHARED_VALIDATE) is mapped");
		if (m != MAP_FAILED)
			munmap(m, PAGE);
	}
	if (page != MAP_FAILED)
		munmap(page, PAGE);
	close(fd);
	unlink(path);
}

static void test_eacces(void)
{
	const char *path = tmp_file("eacces");
	int wr = make_file(path, O_WRONLY, 'r', PAGE), rd = open(path, O_RDONLY);
	char *m;

	MMAP_FAILS(EACCES, "MAP_PRIVATE of an fd open only for writing", NULL, PAGE, PROT_READ,
		   MAP_PRIVATE, wr, 0);
	MMAP_FAILS(EACCES, "MAP_SHARED of an fd open only for writing", NULL, PAGE, PROT_READ,
		   MAP_SHARED, wr, 0);
	MMAP_FAILS(EACCES, "MAP_SHARED | PROT_WRITE of an O_RDONLY fd", NULL, PAGE,
		   PROT_READ | PROT_WRITE, MAP_SHARED, rd, 0);

	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, rd, 0);
	if (ok(m != MAP_FAILED && m[0] == 'r', "MAP_SHARED | PROT_READ of an O_RDONLY fd works")) {
		if (no_mmu())
			FAILS_WITH(ENOSYS, mprotect(m, PAGE, PROT_READ | PROT_WRITE),
				   "mprotect(PROT_WRITE) of it afterwards, without an MMU");
		else
			FAILS_WITH(EACCES, mprotect(m, PAGE, PROT_READ | PROT_WRITE),
				   "mprotect(PROT_WRITE) of it afterwards");
		munmap(m, PAGE);
	}
	/* a private mapping's stores are copies, so the fd's mode does not limit them */
	m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, rd, 0);
	if (ok(m != MAP_FAILED, "MAP_PRIVATE | PROT_WRITE of an O_RDONLY fd works")) {
		m[0] = 'x';
		ok(m[0] == 'x' && file_byte(rd, 0) == 'r', "... and its stores stay in the mapping");
		munmap(m, PAGE);
	}
	close(wr);
	close(rd);
	unlink(path);
}

static void test_ebadf(void)
{
	int fd = open("/", O_RDONLY);

	close(fd);		/* now a number that names no open file */
	MMAP_FAILS(EBADF, "of fd -1 without MAP_ANONYMOUS", NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0);
	MMAP_FAILS(EBADF, "of a closed fd", NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
}

/* A file whose kind has no way to be mapped: a pipe. */
static void test_enodev(void)
{
	int fds[2];

	if (!ok(pipe(fds) == 0, "a pipe"))
		return;
	MMAP_FAILS(ENODEV, "of a pipe", NULL, PAGE, PROT_READ, MAP_PRIVATE, fds[0], 0);
	close(fds[0]);
	close(fds[1]);
}

static void test_enomem(void)
{
	/* 2^62 is above every user address space: Sv39/48/57 and x86-64's 47 or 56 bits */
	const size_t huge = 1UL << 62;

	MMAP_FAILS(ENOMEM, "of a length that page-aligns past 2^64", NULL, (size_t)-1,
		   PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	MMAP_FAILS(ENOMEM, "of 2^62 bytes, more than the address space", NULL, huge,
		   PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (no_mmu())
		MMAP_FAILS(EINVAL, "MAP_FIXED at 2^62, without an MMU", (void *)huge, PAGE,
			   PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	else
		MMAP_FAILS(ENOMEM, "MAP_FIXED at 2^62, above the address space", (void *)huge, PAGE,
			   PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
}

static void test_eexist(void)
{
	char *m = map_anon(2 * PAGE, PROT_READ | PROT_WRITE), *r;

	if (!ok(m != MAP_FAILED, "a two-page mapping to collide with"))
		return;
	m[0] = 'n';
	if (no_mmu()) {
		skip(no_fixed, "mmap MAP_FIXED_NOREPLACE over the mapping's second page: EEXIST");
		skip(no_fixed, "MAP_FIXED_NOREPLACE where the second page was maps exactly there, "
		     "the first untouched");
		munmap(m, 2 * PAGE);
		return;
	}
	/* qemu-user places guest mappings itself and ignores the flag (facts §9) */
	if (under_qemu_user())
		skip("qemu-user does not honour MAP_FIXED_NOREPLACE",
		     "mmap MAP_FIXED_NOREPLACE over the mapping's second page: EEXIST");
	else
		MMAP_FAILS(EEXIST, "MAP_FIXED_NOREPLACE over the mapping's second page", m + PAGE,
			   PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	munmap(m + PAGE, PAGE);
	r = mmap(m + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	ok(r == m + PAGE && m[0] == 'n',
	   "MAP_FIXED_NOREPLACE where the second page was maps exactly there, the first untouched");
	munmap(m, 2 * PAGE);
}

/* An offset so large that offset + length passes the largest possible file size. */
static void test_eoverflow(void)
{
	const char *path = tmp_file("eoverflow");
	int fd = make_file(path, O_RDWR, 'o', PAGE);
	const off_t last_page = (off_t)(~0UL >> 1) & ~(off_t)(PAGE - 1);

	/*
	 * EOVERFLOW is the MMU kernel's limit on where a file mapping may end
	 * (file_mmap_ok); without an MMU a shared mapping is the file's own
	 * pages, and there are none that far: ENODEV.
	 */
	if (no_mmu())
		MMAP_FAILS(ENODEV, "without an MMU, shared, of a file at its last possible page",
			   NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, last_page);
	else
		MMAP_FAILS(EOVERFLOW, "of a file at its last possible page, two pages long", NULL,
			   2 * PAGE, PROT_READ, MAP_SHARED, fd, last_page);
	close(fd);
	unlink(path);
}

static void test_sigsegv(void)
{
	char *none = map_anon(PAGE, PROT_NONE), *ro = map_anon(PAGE, PROT_READ);
	int st;

	if (!ok(none != MAP_FAILED && ro != MAP_FAILED, "a PROT_NONE and a PROT_READ mapping"))
		return;
	if (no_mmu()) {
		skip(no_prot, "reading PROT_NONE memory: SIGSEGV");
		skip(no_prot, "writing PROT_NONE memory: SIGSEGV");
		st = access_in_child(ro, 0);
		ok(exited_0(st), "reading PROT_READ memory works (%s)", status_str(st));
		skip(no_prot, "writing PROT_READ memory: SIGSEGV");
		munmap(none, PAGE);
		munmap(ro, PAGE);
		return;
	}
	st = access_in_child(none, 0);
	ok(killed_by(st, SIGSEGV), "reading PROT_NONE memory: SIGSEGV (%s)", status_str(st));
	st = access_in_child(none, 1);
	ok(killed_by(st, SIGSEGV), "writing PROT_NONE memory: SIGSEGV (%s)", status_str(st));
	st = access_in_child(ro, 0);
	ok(exited_0(st), "reading PROT_READ memory works (%s)", status_str(st));
	st = access_in_child(ro, 1);
	ok(killed_by(st, SIGSEGV), "writing PROT_READ memory: SIGSEGV (%s)", status_str(st));
	munmap(none, PAGE);
	munmap(ro, PAGE);
}

/* A 100-byte file mapped two pages long: zeros after byte 100, SIGBUS on the second page. */
static void test_past_eof(void)
{
	static const struct {
		int flags;
		const char *name;
	} types[] = { { MAP_PRIVATE, "MAP_PRIVATE" }, { MAP_SHARED, "MAP_SHARED" } };
	const char *path = tmp_file("eof");
	int fd = make_file(path, O_RDWR, 'x', 100), st;

	for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		char *m;

		/* without an MMU a shared mapping is the file's own pages, and it has one */
		if (no_mmu() && types[i].flags == MAP_SHARED) {
			const char *why = NEEDS_MMU "a shared mapping is only the file's own pages";

			skip(why, "%s of a 100-byte file, two pages long", types[i].name);
			skip(why, "%s: the last page holds the file, then zeros past its end",
			     types[i].name);
			skip(why, "%s: touching the page wholly past the end: SIGBUS", types[i].name);
			continue;
		}
		m = mmap(NULL, 2 * PAGE, PROT_READ, types[i].flags, fd, 0);
		if (!ok(m != MAP_FAILED, "%s of a 100-byte file, two pages long", types[i].name))
			continue;
		ok(m[0] == 'x' && m[99] == 'x' && all_zero(m + 100, PAGE - 100),
		   "%s: the last page holds the file, then zeros past its end", types[i].name);
		if (no_mmu()) {
			skip(NEEDS_MMU "no faults: the copy is memory to its end",
			     "%s: touching the page wholly past the end: SIGBUS", types[i].name);
			munmap(m, 2 * PAGE);
			continue;
		}
		st = access_in_child(m + PAGE, 0);
		ok(killed_by(st, SIGBUS), "%s: touching the page wholly past the end: SIGBUS (%s)",
		   types[i].name, status_str(st));
		munmap(m, 2 * PAGE);
	}
	close(fd);
	unlink(path);
}

/*
 * A file shrunk while it is mapped: the page now wholly past the end is
 * gone from the mapping (SIGBUS), the page before it is still there, for a
 * shared mapping and for a private one whose page was already copied.
 */
static void test_truncate_mapped(void)
{
	const char *path = tmp_file("trunc");
	int fd = make_file(path, O_RDWR, 'y', 2 * PAGE), st;
	char *shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *private = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	if (!ok(shared != MAP_FAILED && private != MAP_FAILED, "two mappings of a two-page file"))
		goto out;
	shared[PAGE] = 's';		/* both pages present in both mappings, */
	private[PAGE] = 'p';		/* the private one's second page a copy */
	if (no_mmu()) {
		const char *why = NEEDS_MMU "a shared mapping holds the file's pages";

		skip(why, "ftruncate the mapped file to one page");
		skip(why, "MAP_SHARED: the page past the new end is SIGBUS");
		skip(why, "MAP_PRIVATE: even its copied page past the new end is SIGBUS");
		ok(shared[0] == 'y' && private[0] == 'y', "the page before the new end is still mapped");
		goto out;
	}
	ok(ftruncate(fd, PAGE) == 0, "ftruncate the mapped file to one page");
	st = access_in_child(shared + PAGE, 0);
	ok(killed_by(st, SIGBUS), "MAP_SHARED: the page past the new end is SIGBUS (%s)",
	   status_str(st));
	st = access_in_child(private + PAGE, 0);
	ok(killed_by(st, SIGBUS), "MAP_PRIVATE: even its copied page past the new end is SIGBUS (%s)",
	   status_str(st));
	ok(shared[0] == 'y' && private[0] == 'y', "the page before the new end is still mapped");
out:
	if (shared != MAP_FAILED)
		munmap(shared, 2 * PAGE);
	if (private != MAP_FAILED)
		munmap(private, 2 * PAGE);
	close(fd);
	unlink(path);
}

static void test_munmap_middle(void)
{
	char *m = map_anon(3 * PAGE, PROT_READ | PROT_WRITE);
	int st, st2;

	if (!ok(m != MAP_FAILED, "a three-page anonymous mapping"))
		return;
	memset(m, 'A', PAGE);
	memset(m + PAGE, 'B', PAGE);
	memset(m + 2 * PAGE, 'C', PAGE);
	ok(munmap(m + PAGE, PAGE) == 0, "munmap of its middle page");
	ok(m[0] == 'A' && m[PAGE - 1] == 'A' && m[2 * PAGE] == 'C' && m[3 * PAGE - 1] == 'C',
	   "both ends keep their contents");
	st = access_in_child(m, 1);
	st2 = access_in_child(m + 3 * PAGE - 1, 1);
	ok(exited_0(st) && exited_0(st2), "both ends can still be written (%s)", status_str(st2));
	if (no_mmu()) {
		skip(NEEDS_MMU "unmapped memory is still memory", "reading the middle page: SIGSEGV");
	} else {
		st = access_in_child(m + PAGE, 0);
		ok(killed_by(st, SIGSEGV), "reading the middle page: SIGSEGV (%s)", status_str(st));
	}
	ok(strcmp(perms_at(m), "rw-p") == 0 && perms_at(m + PAGE)[0] == '\0' &&
	   strcmp(perms_at(m + 2 * PAGE), "rw-p") == 0,
	   "/proc/self/maps: two mappings with the hole between them");
	if (no_mmu()) {
		/* Linux's no-MMU munmap takes one VMA at a time */
		FAILS_WITH(EINVAL, munmap(m, 3 * PAGE),
			   "munmap of the whole range, hole included, without an MMU");
		munmap(m, PAGE);
		munmap(m + 2 * PAGE, PAGE);
		return;
	}
	ok(munmap(m, 3 * PAGE) == 0, "munmap of the whole range, hole included");
}

static void test_mprotect_middle(void)
{
	char *m = map_anon(3 * PAGE, PROT_READ | PROT_WRITE);
	int st0, st1, st2;

	if (!ok(m != MAP_FAILED, "a three-page anonymous mapping"))
		return;
	memset(m, 'p', 3 * PAGE);
	if (no_mmu()) {
		FAILS_WITH(ENOSYS, mprotect(m + PAGE, PAGE, PROT_READ),
			   "mprotect(PROT_READ) of its middle page, without an MMU");
		st0 = access_in_child(m, 1);
		st2 = access_in_child(m + 3 * PAGE - 1, 1);
		ok(exited_0(st0) && exited_0(st2), "both ends can still be written (%s)",
		   status_str(st2));
		skip(no_prot, "a store to the middle: SIGSEGV, and it keeps its contents");
		skip(NEEDS_MMU "mprotect", "/proc/self/maps: rw-p, r--p, rw-p");
		munmap(m, 3 * PAGE);
		return;
	}
	ok(mprotect(m + PAGE, PAGE, PROT_READ) == 0, "mprotect(PROT_READ) of its middle page");
	st0 = access_in_child(m, 1);
	st1 = access_in_child(m + PAGE, 1);
	st2 = access_in_child(m + 3 * PAGE - 1, 1);
	ok(exited_0(st0) && exited_0(st2), "both ends can still be written (%s)", status_str(st2));
	ok(killed_by(st1, SIGSEGV) && m[PAGE] == 'p',
	   "a store to the middle: SIGSEGV, and it keeps its contents (%s)", status_str(st1));
	ok(strcmp(perms_at(m), "rw-p") == 0 && strcmp(perms_at(m + PAGE), "r--p") == 0 &&
	   strcmp(perms_at(m + 2 * PAGE), "rw-p") == 0,
	   "/proc/self/maps: rw-p, r--p, rw-p");
	munmap(m, 3 * PAGE);
}

static void test_map_fixed_replaces(void)
{
	const char *path = tmp_file("fixed");
	int fd = make_file(path, O_RDWR, 'F', PAGE);
	char *m = map_anon(2 * PAGE, PROT_READ | PROT_WRITE), *r;

	if (!ok(fd >= 0 && m != MAP_FAILED, "a two-page mapping and a one-page file"))
		goto out;
	memset(m, 'A', 2 * PAGE);
	if (no_mmu()) {
		MMAP_FAILS(EINVAL, "MAP_FIXED of the file over the second page, without an MMU",
			   m + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
		skip(no_fixed, "the second page now holds the file");
		ok(m[0] == 'A' && m[PAGE - 1] == 'A', "the first page is untouched");
		MMAP_FAILS(EINVAL, "MAP_FIXED anonymous over the first page, without an MMU", m, PAGE,
			   PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		munmap(m, 2 * PAGE);
		goto out;
	}
	r = mmap(m + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
	ok(r == m + PAGE, "MAP_FIXED of the file over the second page returns that address");
	ok(m[PAGE] == 'F' && m[2 * PAGE - 1] == 'F', "the second page now holds the file");
	ok(m[0] == 'A' && m[PAGE - 1] == 'A', "the first page is untouched");
	r = mmap(m, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ok(r == m && all_zero(m, PAGE), "MAP_FIXED anonymous over the first page: it reads zeros");
	munmap(m, 2 * PAGE);
out:
	close(fd);
	unlink(path);
}

static void test_msync_errors(void)
{
	char *m = map_anon(2 * PAGE, PROT_READ | PROT_WRITE);

	if (!ok(m != MAP_FAILED, "a two-page mapping"))
		return;
	if (no_mmu()) {
		/* Linux builds msync only with an MMU: every call is ENOSYS */
		FAILS_WITH(ENOSYS, msync(m, PAGE, MS_ASYNC), "msync(MS_ASYNC), without an MMU");
		FAILS_WITH(ENOSYS, msync(m, PAGE, MS_ASYNC | MS_SYNC), "msync(MS_ASYNC | MS_SYNC)");
		FAILS_WITH(ENOSYS, msync(m, PAGE, MS_SYNC | 8), "msync with an unknown flag");
		FAILS_WITH(ENOSYS, msync(m + 1, PAGE, MS_SYNC), "msync at an address not page-aligned");
		FAILS_WITH(ENOSYS, msync(m, 2 * PAGE, MS_SYNC), "msync of a two-page range");
		munmap(m, 2 * PAGE);
		return;
	}
	ok(msync(m, PAGE, MS_ASYNC) == 0 && msync(m, PAGE, MS_SYNC | MS_INVALIDATE) == 0,
	   "msync(MS_ASYNC) and msync(MS_SYNC | MS_INVALIDATE) succeed");
	FAILS_WITH(EINVAL, msync(m, PAGE, MS_ASYNC | MS_SYNC), "msync(MS_ASYNC | MS_SYNC)");
	FAILS_WITH(EINVAL, msync(m, PAGE, MS_SYNC | 8), "msync with an unknown flag");
	FAILS_WITH(EINVAL, msync(m + 1, PAGE, MS_SYNC), "msync at an address not page-aligned");
	munmap(m + PAGE, PAGE);
	FAILS_WITH(ENOMEM, msync(m, 2 * PAGE, MS_SYNC),
		   "msync of a range running into unmapped memory");
	munmap(m, PAGE);
}

static void test_munmap_errors(void)
{
	char *m = map_anon(PAGE, PROT_READ | PROT_WRITE);
	int r1, r2;

	if (!ok(m != MAP_FAILED, "a one-page mapping"))
		return;
	FAILS_WITH(EINVAL, munmap(m + 1, PAGE), "munmap at an address not page-aligned");
	FAILS_WITH(EINVAL, munmap(m, 0), "munmap of length 0");
	r1 = munmap(m, PAGE);
	errno = 0;
	r2 = munmap(m, PAGE);
	if (no_mmu())
		ok(r1 == 0 && r2 == -1 && errno == EINVAL,
		   "munmap, then munmap of the same (now empty) range: EINVAL without an MMU (%s)",
		   r2 == -1 ? strerror(errno) : "it succeeded");
	else
		ok(r1 == 0 && r2 == 0, "munmap, then munmap of the same (now empty) range: both succeed");
}

static void test_mprotect_errors(void)
{
	char *m = map_anon(2 * PAGE, PROT_READ | PROT_WRITE);
	int st;

	if (!ok(m != MAP_FAILED, "a two-page mapping"))
		return;
	munmap(m + PAGE, PAGE);
	if (no_mmu()) {
		/* Linux builds mprotect only with an MMU: every call is ENOSYS */
		FAILS_WITH(ENOSYS, mprotect(m + 1, PAGE, PROT_READ),
			   "mprotect at an address not page-aligned, without an MMU");
		FAILS_WITH(ENOSYS, mprotect(m, PAGE, 0x100), "mprotect with an unknown PROT bit");
		FAILS_WITH(ENOSYS, mprotect(m + PAGE, PAGE, PROT_READ), "mprotect of an unmapped page");
		FAILS_WITH(ENOSYS, mprotect(m, 0, PROT_NONE), "mprotect of length 0");
	} else {
		FAILS_WITH(EINVAL, mprotect(m + 1, PAGE, PROT_READ),
			   "mprotect at an address not page-aligned");
		FAILS_WITH(EINVAL, mprotect(m, PAGE, 0x100), "mprotect with an unknown PROT bit");
		FAILS_WITH(ENOMEM, mprotect(m + PAGE, PAGE, PROT_READ), "mprotect of an unmapped page");
		/* qemu-user 7.2's range check refuses an empty range with ENOMEM; Linux returns 0 */
		if (under_qemu_user())
			skip("qemu-user 7.2 answers a zero length with ENOMEM",
			     "mprotect of length 0 succeeds");
		else
			ok(mprotect(m, 0, PROT_NONE) == 0, "mprotect of length 0 succeeds");
	}
	st = access_in_child(m, 1);
	ok(exited_0(st), "... and changes nothing: the page is still writable (%s)", status_str(st));
	munmap(m, PAGE);
}

/* A mapping holds its file: after close() and unlink() its pages still read. */
static void test_keeps_file(void)
{
	const char *path = tmp_file("alive");
	int fd = make_file(path, O_RDWR, 'k', 2 * PAGE);
	char *m = map_file(fd, 2 * PAGE, PROT_READ, MAP_SHARED, 0);
	int closed = close(fd), unlinked = unlink(path);

	if (ok(m != MAP_FAILED && closed == 0 && unlinked == 0,
	       "map a file (touching nothing), close its fd, unlink it")) {
		ok(m[0] == 'k' && m[2 * PAGE - 1] == 'k',
		   "the mapping still reads the file's contents");
		munmap(m, 2 * PAGE);
	}
}

static void test_proc_maps(void)
{
	const char *path = tmp_file("maps");
	const char *base = strrchr(path, '/');
	int fd = make_file(path, O_RDWR, 'm', 2 * PAGE);
	char *anon = map_anon(PAGE, PROT_READ | PROT_WRITE);
	char *shared = map_file(fd, PAGE, PROT_READ, MAP_SHARED, PAGE);
	char *priv = map_file(fd, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	char perms[5] = "", name[256] = "";
	unsigned long offset = 0;
	size_t nlen;
	int found;

	if (!ok(anon != MAP_FAILED && shared != MAP_FAILED && priv != MAP_FAILED,
		"an anonymous mapping and two of a file"))
		goto out;
	/* each entry is looked up first: ok()'s arguments are evaluated in no set order */
	found = maps_entry(anon, perms, &offset, name, sizeof(name));
	ok(found && strcmp(perms, "rw-p") == 0, "/proc/self/maps: the anonymous one is rw-p (%s)",
	   found ? perms : "not found");
	found = maps_entry(shared, perms, &offset, name, sizeof(name));
	/* without an MMU the fourth flag is S (shared), as in Linux's; x may be there too */
	if (no_mmu())
		ok(found && perms[0] == 'r' && perms[1] == '-' && perms[3] == 'S' && offset == PAGE,
		   "without an MMU the MAP_SHARED PROT_READ one at offset 4096 is r-?S 00001000 (%s %08lx)",
		   found ? perms : "not found", offset);
	else
		ok(found && strcmp(perms, "r--s") == 0 && offset == PAGE,
		   "the MAP_SHARED PROT_READ one at offset 4096 is r--s 00001000 (%s %08lx)",
		   found ? perms : "not found", offset);
	nlen = strlen(name);
	ok(found && name[0] == '/' && nlen >= strlen(base) &&
	   strcmp(name + nlen - strlen(base), base) == 0,
	   "... and is named by the file's path (%s)", name);
	found = maps_entry(priv, perms, &offset, name, sizeof(name));
	ok(found && strcmp(perms, "rw-p") == 0 && offset == 0 && name[0] == '/' &&
	   strstr(name, base + 1) != NULL,
	   "the writable MAP_PRIVATE one is rw-p, offset 0, named by the path (%s %08lx %s)",
	   found ? perms : "not found", offset, name);
out:
	if (anon != MAP_FAILED)
		munmap(anon, PAGE);
	if (shared != MAP_FAILED)
		munmap(shared, PAGE);
	if (priv != MAP_FAILED)
		munmap(priv, PAGE);
	close(fd);
	unlink(path);
}

int main(void)
{
	test_anon_fork();
	test_file_private_readonly();
	test_file_private_writable();
	test_file_shared();
	test_einval();
	test_eacces();
	test_ebadf();
	test_enodev();
	test_enomem();
	test_eexist();
	test_eoverflow();
	test_sigsegv();
	test_past_eof();
	test_truncate_mapped();
	test_munmap_middle();
	test_mprotect_middle();
	test_map_fixed_replaces();
	test_msync_errors();
	test_munmap_errors();
	test_mprotect_errors();
	test_keeps_file();
	test_proc_maps();
	return tap_done();
}
