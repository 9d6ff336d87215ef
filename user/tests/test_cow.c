/*
 * test_cow: fork shares memory copy-on-write.  Parent and child share a
 * private page until one of them writes it; then the writer gets a copy,
 * and each side keeps seeing its own data, whichever writes first.  Most
 * checks use a 16 MiB private anonymous region with every page written;
 * where /proc/meminfo shows this system's memory (rvmm, or a native Linux
 * build, not qemu-user) the sharing is measured too.
 *
 * Without an MMU there is no fork and no copy-on-write: those checks are
 * skipped, and what does not need them is still checked, on a 1 MiB
 * region (anonymous memory is then one physically contiguous run, and
 * 16 MiB is more than the page allocator hands out at once): a vfork
 * child's exec, mappings and their data, and mprotect's answer, ENOSYS.
 */
#define _GNU_SOURCE		/* MAP_ANONYMOUS with glibc */
#include <errno.h>
#include "mm.h"

#define REGION region_len
#define CHILDREN 8

static char *region;		/* REGION bytes, MAP_PRIVATE | MAP_ANONYMOUS */
static size_t region_len = 16 * MIB;	/* 1 MiB without an MMU */
static const char *region_name = "16 MiB";

static const char no_cow[] = NEEDS_MMU "fork() and copy-on-write";
static char global[16] = "parent";	/* in the data segment */

/* Write a word that depends on seed and the page into every page of the region. */
static void fill(unsigned long seed)
{
	for (size_t off = 0; off < REGION; off += PAGE)
		*(unsigned long *)(region + off) = seed << 32 | off / PAGE;
}

/* 1 if every page of the region holds what fill(seed) wrote. */
static int holds(unsigned long seed)
{
	for (size_t off = 0; off < REGION; off += PAGE)
		if (*(unsigned long *)(region + off) != (seed << 32 | off / PAGE))
			return 0;
	return 1;
}

static int wait_status(pid_t pid)
{
	int st;

	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* One byte through a pipe: a step done, or permission to take the next. */
static int send_byte(int fd)
{
	return write(fd, "x", 1) == 1;
}

static int get_byte(int fd)
{
	char c;

	return read(fd, &c, 1) == 1;
}

static void test_child_writes(void)
{
	pid_t pid;
	int st;

	if (no_mmu()) {
		errno = 0;
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		ok(pid == -1 && errno == EINVAL, "fork() fails with EINVAL without an MMU (%s)",
		   pid == -1 ? strerror(errno) : "it succeeded");
		skip(no_cow, "the parent still sees its own data in every page");
		return;
	}
	fill(1);
	pid = fork();
	if (pid == 0) {
		fill(2);
		_exit(holds(2) ? 0 : 1);
	}
	st = wait_status(pid);
	ok(exited_0(st), "a child rewrites all 16 MiB and reads back its own data (%s)",
	   status_str(st));
	ok(holds(1), "the parent still sees its own data in every page");
}

static void test_parent_writes(void)
{
	int go[2], st;
	pid_t pid;

	if (no_mmu()) {
		skip(no_cow, "a pipe to tell the child when to look");
		skip(no_cow, "after fork the parent rewrites all 16 MiB and reads back its own data");
		skip(no_cow, "the child, looking afterwards, still sees the data from before the fork");
		return;
	}
	if (!ok(pipe(go) == 0, "a pipe to tell the child when to look"))
		return;
	fill(3);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		get_byte(go[0]);
		_exit(holds(3) ? 0 : 1);
	}
	close(go[0]);
	fill(4);
	ok(holds(4), "after fork the parent rewrites all 16 MiB and reads back its own data");
	send_byte(go[1]);
	close(go[1]);
	st = wait_status(pid);
	ok(exited_0(st), "the child, looking afterwards, still sees the data from before the fork (%s)",
	   status_str(st));
}

/*
 * CHILDREN children each write their own value into one page the parent
 * wrote before forking; only when all have written do they look again.
 */
static void test_many_children(void)
{
	char *page;
	int ready[2], go[2], n = 0, good = 0;
	pid_t pids[CHILDREN];

	if (no_mmu()) {
		skip(no_cow, "a page and two pipes for %d children", CHILDREN);
		skip(no_cow, "%d children have each written their own value; the parent still sees its own",
		     CHILDREN);
		skip(no_cow, "each child, after all had written, still sees only its own");
		return;
	}
	page = map_anon(PAGE, PROT_READ | PROT_WRITE);
	if (!ok(page != MAP_FAILED && pipe(ready) == 0 && pipe(go) == 0,
		"a page and two pipes for %d children", CHILDREN))
		return;
	page[0] = 'P';
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(ready[0]);
			close(go[1]);
			page[0] = 'a' + i;
			send_byte(ready[1]);
			get_byte(go[0]);	/* returns when the parent closes go */
			_exit(page[0] == 'a' + i ? 0 : 1);
		}
	}
	close(ready[1]);
	close(go[0]);
	while (n < CHILDREN && get_byte(ready[0]))
		n++;
	ok(n == CHILDREN && page[0] == 'P',
	   "%d children have each written their own value; the parent still sees its own (%c)",
	   n, page[0]);
	close(go[1]);
	for (int i = 0; i < CHILDREN; i++)
		good += exited_0(wait_status(pids[i]));
	ok(good == CHILDREN, "each child, after all had written, still sees only its own (%d of %d)",
	   good, CHILDREN);
	close(ready[0]);
	munmap(page, PAGE);
}

static void test_fork_exec(const char *self)
{
	char *argv[] = { (char *)self, "--exec-child", NULL };
	pid_t pid;
	int st;

	fill(5);
	pid = fork_or_vfork();
	if (pid == 0) {
		execv(self, argv);
		_exit(127);
	}
	st = wait_status(pid);
	/* qemu-user hands execve to the host kernel, which cannot run a RISC-V program */
	if (under_qemu_user())
		skip("qemu-user: the host kernel cannot run a RISC-V program",
		     "a child of the %s process execs this program, which runs", region_name);
	else
		ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 42,
		   "a child of the %s process execs this program, which runs (%s)",
		   region_name, status_str(st));
	ok(holds(5), "the parent's data is intact after the child's exec and exit");
	fill(6);
	ok(holds(6), "... and the parent can write every page again");
}

/* A read-only mapping stays read-only in the child: its store is a fault, not a copy. */
static void test_fork_readonly(void)
{
	int st;

	fill(7);
	if (no_mmu()) {
		errno = 0;
		ok(mprotect(region, REGION, PROT_READ) == -1 && errno == ENOSYS,
		   "mprotect(PROT_READ) of the %s: ENOSYS without an MMU", region_name);
		skip(no_cow, "after fork the child's store to it: SIGSEGV");
		skip(no_cow, "the parent's data is unchanged");
		errno = 0;
		ok(mprotect(region, REGION, PROT_READ | PROT_WRITE) == -1 && errno == ENOSYS,
		   "made writable again: ENOSYS too");
		fill(8);
		ok(holds(8), "... the parent writes every page");
		return;
	}
	ok(mprotect(region, REGION, PROT_READ) == 0, "mprotect(PROT_READ) of the 16 MiB");
	st = access_in_child(region + REGION / 2, 1);
	ok(killed_by(st, SIGSEGV), "after fork the child's store to it: SIGSEGV (%s)", status_str(st));
	ok(holds(7), "the parent's data is unchanged");
	ok(mprotect(region, REGION, PROT_READ | PROT_WRITE) == 0, "made writable again");
	fill(8);
	ok(holds(8), "... the parent writes every page");
}

/* A child writes "child" over s, which says "parent"; the parent must still read "parent". */
static void check_cow(char *s, const char *what)
{
	pid_t pid;
	int st;

	if (no_mmu()) {
		skip(no_cow, "%s: the child's write stays the child's", what);
		return;
	}
	pid = fork();
	if (pid == 0) {
		strcpy(s, "child");
		_exit(strcmp(s, "child") == 0 ? 0 : 1);
	}
	st = wait_status(pid);
	ok(exited_0(st) && strcmp(s, "parent") == 0,
	   "%s: the child's write stays the child's (%s; the parent reads \"%.8s\")",
	   what, status_str(st), s);
}

static void test_cow_everywhere(void)
{
	const char *path = scratch("test_cow", "file");
	int fd = make_file(path, O_RDWR, 'x', PAGE);
	char *heap = malloc(16), *file;
	char stack[16] = "parent";

	check_cow(global, "a global in the data segment");
	if (ok(heap != NULL, "malloc")) {
		strcpy(heap, "parent");
		check_cow(heap, "the heap");
		free(heap);
	}
	check_cow(stack, "a local array on the stack");

	ok(fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 && write(fd, "parent", 7) == 7,
	   "a file saying \"parent\"");
	file = map_file(fd, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	if (ok(file != MAP_FAILED, "a writable MAP_PRIVATE mapping of it")) {
		check_cow(file, "the MAP_PRIVATE file mapping");
		ok(file_byte(fd, 0) == 'p' && file_byte(fd, 1) == 'a', "the file itself is unchanged");
		munmap(file, PAGE);
	}
	close(fd);
	unlink(path);
}

static void test_shared_stays_shared(void)
{
	char *s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st;

	if (!ok(s != MAP_FAILED, "a MAP_SHARED anonymous page"))
		return;
	if (no_mmu()) {
		skip(NEEDS_MMU "fork(); a vfork child shares every page",
		     "a child's write to it is seen by the parent");
		munmap(s, PAGE);
		return;
	}
	strcpy(s, "parent");
	pid = fork();
	if (pid == 0) {
		strcpy(s, "child");
		_exit(0);
	}
	st = wait_status(pid);
	ok(exited_0(st) && strcmp(s, "child") == 0,
	   "a child's write to it is seen by the parent (%s; the parent reads \"%.8s\")",
	   status_str(st), s);
	munmap(s, PAGE);
}

/* MemFree and AnonPages from /proc/meminfo, in kB. */
struct meminfo {
	long free, anon;
};

static struct meminfo meminfo(void)
{
	struct meminfo m = { proc_kb("/proc/meminfo", "MemFree:"),
			     proc_kb("/proc/meminfo", "AnonPages:") };

	return m;
}

/*
 * What a child of the 16 MiB process costs once it has read every page
 * (shared: little) and once it has written every page (copied: 16 MiB).
 * Relative measurements, with room for the rest of the system.  MemFree
 * shows the first; the second is shown by AnonPages (anonymous pages in
 * use, each counted once however many processes map it), because Linux
 * may serve the copies from its per-cpu free lists, which MemFree leaves
 * out.
 */
static void test_sharing_measured(void)
{
	struct meminfo before = meminfo(), after_read = { -1, -1 }, after_write = { -1, -1 };
	int ready[2], go[2];
	pid_t pid;

	/* under qemu-user /proc/meminfo is the host's, shared with everything else it runs */
	if (no_mmu() || under_qemu_user() || before.free < 0 || before.anon < 0) {
		const char *why = no_mmu() ? no_cow : under_qemu_user() ?
			"qemu-user: /proc/meminfo is the host's" :
			"no MemFree or AnonPages in /proc/meminfo";

		skip(why, "a child that has read all 16 MiB costs less than 4 MiB of MemFree");
		skip(why, "... and adds less than 4 MiB to AnonPages");
		skip(why, "once it has written every page, AnonPages is up by 12 MiB or more");
		return;
	}
	if (pipe(ready) < 0 || pipe(go) < 0) {
		ok(0, "two pipes");
		return;
	}
	fill(9);
	before = meminfo();
	pid = fork();
	if (pid == 0) {
		unsigned long sum = 0;

		close(ready[0]);
		close(go[1]);
		for (size_t off = 0; off < REGION; off += PAGE)
			sum += *(volatile unsigned long *)(region + off);
		send_byte(ready[1]);
		get_byte(go[0]);
		fill(10);
		send_byte(ready[1]);
		get_byte(go[0]);
		_exit(sum != 0 && holds(10) ? 0 : 1);
	}
	close(ready[1]);
	close(go[0]);
	if (get_byte(ready[0]))
		after_read = meminfo();
	send_byte(go[1]);
	if (get_byte(ready[0]))
		after_write = meminfo();
	send_byte(go[1]);
	wait_status(pid);
	close(ready[0]);
	close(go[1]);
	diag("MemFree, AnonPages (kB): %ld, %ld before fork; %ld, %ld after the child read; "
	     "%ld, %ld after it wrote", before.free, before.anon, after_read.free, after_read.anon,
	     after_write.free, after_write.anon);
	ok(after_read.free >= 0 && before.free - after_read.free < (long)(4 * KIB),
	   "a child that has read all 16 MiB costs less than 4 MiB of MemFree (%ld kB)",
	   before.free - after_read.free);
	ok(after_read.anon >= 0 && after_read.anon - before.anon < (long)(4 * KIB),
	   "... and adds less than 4 MiB to AnonPages (%ld kB)", after_read.anon - before.anon);
	ok(after_write.anon >= 0 && after_write.anon - before.anon >= (long)(12 * KIB),
	   "once it has written every page, AnonPages is up by 12 MiB or more (%ld kB)",
	   after_write.anon - before.anon);
}

int main(int argc, char *argv[])
{
	/* run by test_fork_exec: a fresh image, in which region was never set */
	if (argc > 1 && strcmp(argv[1], "--exec-child") == 0)
		return region == NULL ? 42 : 1;

	if (no_mmu()) {
		region_len = 1 * MIB;
		region_name = "1 MiB";
	}
	region = map_anon(REGION, PROT_READ | PROT_WRITE);
	if (!ok(region != MAP_FAILED, "a %s private anonymous region", region_name))
		return tap_done();
	test_child_writes();
	test_parent_writes();
	test_many_children();
	test_fork_exec(argv[0]);
	test_fork_readonly();
	test_cow_everywhere();
	test_shared_stays_shared();
	test_sharing_measured();
	return tap_done();
}
