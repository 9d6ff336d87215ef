/*
 * test_mincore: which pages are resident.  Anonymous memory never touched
 * is not; a touched page is (a read maps the zero page, which counts);
 * MADV_DONTNEED makes it not resident again.  A file mapping's pages are
 * resident when the file's page is in the page cache, touched by this
 * process or not; a hole of the file is not.  The errors are Linux's:
 * EINVAL for an unaligned start, ENOMEM for a range with unmapped pages
 * (the vector written up to the hole), EFAULT for a vector the kernel
 * cannot write.  Linux builds mincore with an MMU only: without one it is
 * ENOSYS.  With it, the madvise advice that changes what is resident or
 * inherited: MADV_WILLNEED faults nothing in, MADV_DONTFORK leaves a range
 * out of a fork's child (MADV_DOFORK puts it back), and the read-ahead
 * hints split the mapping into VMAs of their own.
 */
#include <errno.h>
#include <sys/syscall.h>
#include "mm.h"

static unsigned char vec[64];

static int all_are(int from, int to, int value)
{
	for (int i = from; i < to; i++)
		if ((vec[i] & 1) != value)
			return 0;
	return 1;
}

static void test_anon(void)
{
	char *p = map_anon(16 * PAGE, PROT_READ | PROT_WRITE);
	volatile char c;

	memset(vec, 0xaa, sizeof(vec));
	ok(mincore(p, 16 * PAGE, vec) == 0 && all_are(0, 16, 0), "anonymous memory never touched: 0 for every page");
	p[0] = 1;
	p[5 * PAGE] = 1;
	c = p[9 * PAGE];
	(void)c;
	ok(mincore(p, 16 * PAGE, vec) == 0 && vec[0] == 1 && vec[5] == 1 && vec[9] == 1 &&
	   all_are(1, 5, 0) && all_are(10, 16, 0),
	   "written pages and a read one (the zero page) are 1, the rest 0");
	ok(mincore(p, 10, vec) == 0 && vec[0] == 1, "a length of part of a page covers the page");
	ok(madvise(p, 16 * PAGE, MADV_DONTNEED) == 0 && mincore(p, 16 * PAGE, vec) == 0 && all_are(0, 16, 0),
	   "after MADV_DONTNEED: 0 again");
	ok(mincore(p, 0, vec) == 0, "length 0: nothing to do");
	munmap(p, 16 * PAGE);
}

static void test_file(void)
{
	const char *path = scratch("test_mincore", "file");
	int fd = make_file(path, O_RDWR, 'f', 4 * PAGE);
	char *p;

	if (fd < 0 || ftruncate(fd, 8 * PAGE) < 0) {
		ok(0, "a file of 4 written pages and a 4-page hole");
		ok(0, "...");
		ok(0, "...");
		if (fd >= 0)
			close(fd);
		unlink(path);
		return;
	}
	p = map_file(fd, 10 * PAGE, PROT_READ, MAP_SHARED, 0);
	ok(p != MAP_FAILED && mincore(p, 10 * PAGE, vec) == 0 && all_are(0, 4, 1),
	   "a file's written pages are resident before this process touches them (the page cache)");
	ok(p != MAP_FAILED && all_are(4, 10, 0), "its hole, and the pages past its end, are not");
	munmap(p, 10 * PAGE);
	p = map_file(fd, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	ok(p != MAP_FAILED && mincore(p, 4 * PAGE, vec) == 0 && all_are(0, 4, 1),
	   "a private mapping of the file sees the page cache too");
	munmap(p, 4 * PAGE);
	close(fd);
	unlink(path);
}

static void test_errors(void)
{
	static void *const bad[] = { (void *)1, (void *)0xffffffff80000000UL };
	char *p = map_anon(4 * PAGE, PROT_READ | PROT_WRITE), *ro = map_anon(PAGE, PROT_READ);

	errno = 0;
	ok(mincore(p + 1, PAGE, vec) == -1 && errno == EINVAL, "an unaligned start: EINVAL");
	p[0] = 1;
	munmap(p + 2 * PAGE, PAGE);
	memset(vec, 0xaa, sizeof(vec));
	errno = 0;
	ok(mincore(p, 4 * PAGE, vec) == -1 && errno == ENOMEM, "a range with an unmapped page: ENOMEM");
	if (under_qemu_user())
		skip("qemu-user: it checks the range itself first", "... the vector is written up to the hole");
	else
		ok(vec[0] == 1 && vec[1] == 0, "... the vector is written up to the hole");
	errno = 0;
	ok(mincore(p + 2 * PAGE, PAGE, vec) == -1 && errno == ENOMEM, "an unmapped page: ENOMEM");
	errno = 0;
	ok(mincore((void *)0xffffffff80000000UL, PAGE, vec) == -1 && errno == ENOMEM,
	   "a kernel address: ENOMEM (not user space)");
	for (int i = 0; i < 2; i++) {
		const char *what = i ? "a kernel address" : "page 0";

		if (under_qemu_user()) {
			skip("qemu-user: it checks guest pointers itself", "a vector at %s: EFAULT", what);
			continue;
		}
		errno = 0;
		ok(syscall(SYS_mincore, p, PAGE, bad[i]) == -1 && errno == EFAULT, "a vector at %s: EFAULT", what);
	}
	errno = 0;
	if (under_qemu_user())
		skip("qemu-user: it checks guest pointers itself", "a vector in read-only memory: EFAULT");
	else
		ok(syscall(SYS_mincore, p, PAGE, ro) == -1 && errno == EFAULT, "a vector in read-only memory: EFAULT");
	munmap(p, 4 * PAGE);
	munmap(ro, PAGE);
}


static void test_madvise(void)
{
	char *p = map_anon(4 * PAGE, PROT_READ | PROT_WRITE);

	ok(madvise(p, 4 * PAGE, MADV_WILLNEED) == 0 && mincore(p, 4 * PAGE, vec) == 0 && all_are(0, 4, 0),
	   "MADV_WILLNEED on anonymous memory: accepted, nothing faulted in (no swap to read from)");
	p[0] = 'd';
	if (under_qemu_user()) {
		const char *what[] = { "MADV_DONTFORK of the second page: a VMA of its own",
				       "a fork's child has nothing there: SIGSEGV", "... and has the pages either side",
				       "MADV_DOFORK: one VMA again, and the child has it",
				       "MADV_RANDOM and MADV_SEQUENTIAL: VMAs of their own",
				       "MADV_NORMAL over all of it: one VMA, the data kept" };

		for (int i = 0; i < 6; i++)
			skip("qemu-user: it accepts madvise and ignores it", "%s", what[i]);
		munmap(p, 4 * PAGE);
		return;
	}
	ok(madvise(p + PAGE, PAGE, MADV_DONTFORK) == 0 && vmas_in(p, 4 * PAGE) == 3,
	   "MADV_DONTFORK of the second page: a VMA of its own");
	ok(killed_by(access_in_child(p + PAGE, 0), SIGSEGV), "a fork's child has nothing there: SIGSEGV");
	ok(exited_0(access_in_child(p, 0)) && exited_0(access_in_child(p + 2 * PAGE, 0)),
	   "... and has the pages either side");
	ok(madvise(p + PAGE, PAGE, MADV_DOFORK) == 0 && vmas_in(p, 4 * PAGE) == 1 &&
	   exited_0(access_in_child(p + PAGE, 0)), "MADV_DOFORK: one VMA again, and the child has it");
	ok(madvise(p + 2 * PAGE, PAGE, MADV_RANDOM) == 0 && madvise(p, PAGE, MADV_SEQUENTIAL) == 0 &&
	   vmas_in(p, 4 * PAGE) == 4, "MADV_RANDOM and MADV_SEQUENTIAL: VMAs of their own");
	ok(madvise(p, 4 * PAGE, MADV_NORMAL) == 0 && vmas_in(p, 4 * PAGE) == 1 && p[0] == 'd',
	   "MADV_NORMAL over all of it: one VMA, the data kept");
	munmap(p, 4 * PAGE);
}

int main(void)
{
	if (no_mmu()) {
		char *p = map_anon(PAGE, PROT_READ | PROT_WRITE);

		errno = 0;
		ok(mincore(p, PAGE, vec) == -1 && errno == ENOSYS, "mincore: ENOSYS without an MMU, as Linux");
		munmap(p, PAGE);
		return tap_done();
	}
	test_anon();
	test_file();
	test_errors();
	test_madvise();
	return tap_done();
}
