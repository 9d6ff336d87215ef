/*
 * test_rlimit: resource limits.  getrlimit, setrlimit and prlimit agree,
 * start at Linux's defaults, refuse a soft limit above the hard one and
 * resources that do not exist, are copied by fork and kept by exec; and
 * they are enforced where Linux enforces them: RLIMIT_NOFILE on every new
 * descriptor (EMFILE, and EBADF for dup2 past it), RLIMIT_AS and
 * RLIMIT_DATA on mmap and brk, RLIMIT_STACK on the stack's growth and its
 * size at exec.  Everything runs as root, as on rvmm, so raising a hard
 * limit is allowed (CAP_SYS_RESOURCE).
 */
#define _GNU_SOURCE		/* prlimit */
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "mm.h"

#define QEMU_LIMITS "qemu-user: the limits are the emulator's, and it keeps RLIMIT_AS, DATA and STACK to itself"
#define QEMU_EXEC "qemu-user: execve runs the host's loader"

static const char *self;

static int lim_is(int resource, rlim_t cur, rlim_t max)
{
	struct rlimit r;

	return getrlimit(resource, &r) == 0 && r.rlim_cur == cur && r.rlim_max == max;
}

static int set_lim(int resource, rlim_t cur, rlim_t max)
{
	struct rlimit r = { cur, max };

	return setrlimit(resource, &r);
}

static void test_defaults(void)
{
	if (under_qemu_user()) {
		skip(QEMU_LIMITS, "RLIMIT_STACK starts at 8 MiB soft, unlimited hard");
		skip(QEMU_LIMITS, "RLIMIT_NOFILE starts at 1024 soft, 4096 hard");
		skip(QEMU_LIMITS, "RLIMIT_MEMLOCK starts at 8 MiB");
		skip(QEMU_LIMITS, "RLIMIT_AS and RLIMIT_DATA start unlimited, RLIMIT_CORE at 0");
		return;
	}
	ok(lim_is(RLIMIT_STACK, 8 * MIB, RLIM_INFINITY), "RLIMIT_STACK starts at 8 MiB soft, unlimited hard");
	ok(lim_is(RLIMIT_NOFILE, 1024, 4096), "RLIMIT_NOFILE starts at 1024 soft, 4096 hard");
	ok(lim_is(RLIMIT_MEMLOCK, 8 * MIB, 8 * MIB), "RLIMIT_MEMLOCK starts at 8 MiB");
	ok(lim_is(RLIMIT_AS, RLIM_INFINITY, RLIM_INFINITY) &&
	   lim_is(RLIMIT_DATA, RLIM_INFINITY, RLIM_INFINITY) &&
	   lim_is(RLIMIT_CORE, 0, RLIM_INFINITY),
	   "RLIMIT_AS and RLIMIT_DATA start unlimited, RLIMIT_CORE at 0");
}

static void test_calls(void)
{
	struct rlimit a, b, c, old, r = { 10, 5 };
	pid_t pid;
	int status;

	ok(getrlimit(RLIMIT_NOFILE, &a) == 0 && prlimit(0, RLIMIT_NOFILE, NULL, &b) == 0 &&
	   prlimit(getpid(), RLIMIT_NOFILE, NULL, &c) == 0 && a.rlim_cur == b.rlim_cur &&
	   a.rlim_max == b.rlim_max && b.rlim_cur == c.rlim_cur && b.rlim_max == c.rlim_max,
	   "getrlimit, prlimit(0) and prlimit(getpid()) give the same limit");
	errno = 0;
	ok(setrlimit(RLIMIT_NOFILE, &r) == -1 && errno == EINVAL, "a soft limit above the hard one: EINVAL");
	errno = 0;
	ok(getrlimit(RLIM_NLIMITS, &a) == -1 && errno == EINVAL, "getrlimit of resource RLIM_NLIMITS: EINVAL");
	errno = 0;
	ok(prlimit(0, 1000, NULL, &a) == -1 && errno == EINVAL, "prlimit of resource 1000: EINVAL");
	errno = 0;
	ok(set_lim(RLIMIT_NOFILE, 2 << 20, 2 << 20) == -1 && errno == EPERM,
	   "RLIMIT_NOFILE above fs.nr_open (1048576): EPERM");

	/* prlimit sets and gives back the old value in one call */
	getrlimit(RLIMIT_NOFILE, &a);
	r = (struct rlimit){ a.rlim_cur - 1, a.rlim_max };
	ok(prlimit(0, RLIMIT_NOFILE, &r, &old) == 0 && old.rlim_cur == a.rlim_cur &&
	   old.rlim_max == a.rlim_max && getrlimit(RLIMIT_NOFILE, &b) == 0 && b.rlim_cur == a.rlim_cur - 1,
	   "prlimit returns the old limit and sets the new one");
	setrlimit(RLIMIT_NOFILE, &a);

	/* lowering the hard limit and raising it again is root's right (CAP_SYS_RESOURCE) */
	getrlimit(RLIMIT_NOFILE, &a);
	if (under_qemu_user())
		skip("qemu-user: the host's capabilities decide", "root lowers a hard limit and raises it back");
	else ok(set_lim(RLIMIT_NOFILE, 512, 512) == 0 && lim_is(RLIMIT_NOFILE, 512, 512) &&
	   setrlimit(RLIMIT_NOFILE, &a) == 0 && lim_is(RLIMIT_NOFILE, a.rlim_cur, a.rlim_max),
	   "root lowers a hard limit and raises it back");

	/* a pid that has been reaped is no one's */
	pid = fork_or_vfork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	errno = 0;
	ok(pid > 0 && prlimit(pid, RLIMIT_NOFILE, NULL, &a) == -1 && errno == ESRCH,
	   "prlimit of a reaped child's pid: ESRCH");
}

static void test_efault(void)
{
	static void *const bad[] = { (void *)1, (void *)0xffffffff80000000UL };
	struct rlimit a;

	for (int i = 0; i < 2; i++) {
		const char *what = i ? "a kernel address" : "page 0";

		if (under_qemu_user()) {
			skip("qemu-user: it checks guest pointers itself", "getrlimit into %s: EFAULT", what);
			skip("qemu-user: it checks guest pointers itself", "setrlimit from %s: EFAULT", what);
			skip("qemu-user: it checks guest pointers itself", "prlimit's old limit to %s: EFAULT, the new one set", what);
			continue;
		}
		errno = 0;
		ok(syscall(SYS_getrlimit, RLIMIT_NOFILE, bad[i]) == -1 && errno == EFAULT,
		   "getrlimit into %s: EFAULT", what);
		errno = 0;
		ok(syscall(SYS_setrlimit, RLIMIT_NOFILE, bad[i]) == -1 && errno == EFAULT,
		   "setrlimit from %s: EFAULT", what);
		getrlimit(RLIMIT_CORE, &a);
		a.rlim_cur = i ? 0 : a.rlim_max;
		errno = 0;
		ok(syscall(SYS_prlimit64, 0, RLIMIT_CORE, &a, bad[i]) == -1 && errno == EFAULT &&
		   lim_is(RLIMIT_CORE, a.rlim_cur, a.rlim_max),
		   "prlimit's old limit to %s: EFAULT, the new one set", what);
	}
}

/* The child's side of the exec checks: "nofile N" exits 0 if RLIMIT_NOFILE is N. */
static int child_main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "nofile") == 0)
		return lim_is(RLIMIT_NOFILE, strtoul(argv[2], NULL, 10), 4096) ? 0 : 1;
	if (argc == 2 && strcmp(argv[1], "stack") == 0) {
		/* exec reserved no more stack than RLIMIT_STACK allows */
		char line[512];
		FILE *f = fopen("/proc/self/maps", "r");
		unsigned long lo, hi;
		int found = 0;

		while (f && fgets(line, sizeof(line), f))
			if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &lo, &hi) == 2)
				found = hi - lo <= 64 * KIB;
		if (f)
			fclose(f);
		return found ? 0 : 1;
	}
	return 2;
}

static void test_inherit(void)
{
	char *argv[] = { (char *)self, "nofile", "100", NULL };
	rlim_t was;
	struct rlimit r;
	pid_t pid;
	int status = -1;

	getrlimit(RLIMIT_NOFILE, &r);
	was = r.rlim_cur;
	r.rlim_cur = 100;
	if (setrlimit(RLIMIT_NOFILE, &r) < 0) {
		ok(0, "setrlimit(RLIMIT_NOFILE, 100)");
		return;
	}
	pid = fork_or_vfork();
	if (pid == 0)
		_exit(lim_is(RLIMIT_NOFILE, 100, r.rlim_max) ? 0 : 1);
	waitpid(pid, &status, 0);
	ok(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0, "fork copies the limits (%s)",
	   status_str(status));
	if (under_qemu_user()) {
		skip(QEMU_EXEC, "exec keeps them");
	} else {
		pid = vfork();
		if (pid == 0) {
			execv(self, argv);
			_exit(127);
		}
		waitpid(pid, &status, 0);
		ok(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec keeps them (%s)",
		   status_str(status));
	}
	r.rlim_cur = was;
	setrlimit(RLIMIT_NOFILE, &r);
}

static void test_nofile(void)
{
	struct rlimit r, saved;
	int lowest = dup(0), fds[2], got = 0, fd, emfile;

	close(lowest);
	getrlimit(RLIMIT_NOFILE, &saved);
	r = (struct rlimit){ (rlim_t)lowest + 3, saved.rlim_max };
	setrlimit(RLIMIT_NOFILE, &r);
	while ((fd = dup(0)) >= 0)
		got++;
	emfile = errno == EMFILE;
	ok(got == 3 && emfile, "RLIMIT_NOFILE = lowest free + 3: three dups, then EMFILE (%d)", got);
	errno = 0;
	ok(open("/proc/self/status", O_RDONLY) == -1 && errno == EMFILE, "... and open is EMFILE");
	close(lowest + 2);
	close(lowest + 1);
	errno = 0;
	ok(pipe(fds) == 0 && fds[0] == lowest + 1 && fds[1] == lowest + 2, "a pipe fits in the two freed below it");
	close(lowest + 2);
	errno = 0;
	ok(pipe(fds) == -1 && errno == EMFILE, "a pipe with one descriptor left: EMFILE");
	errno = 0;
	ok(dup2(0, (int)r.rlim_cur) == -1 && errno == EBADF, "dup2 to the limit itself: EBADF");
	ok(dup2(0, (int)r.rlim_cur - 1) == (int)r.rlim_cur - 1, "dup2 just below it works");
	for (fd = lowest; fd < (int)r.rlim_cur; fd++)
		close(fd);
	setrlimit(RLIMIT_NOFILE, &saved);
	ok((fd = dup(0)) == lowest, "with the limit back, descriptors come from where they did");
	close(fd);
}

/* In a child: the limit set, then what a mapping or the break may do. */
static int as_child(void)
{
	long size = proc_kb("/proc/self/status", "VmSize:") * (long)KIB;
	struct rlimit r = { (rlim_t)size + MIB, RLIM_INFINITY };
	char *p;

	if (size <= 0 || setrlimit(RLIMIT_AS, &r) < 0)
		return 10;
	errno = 0;
	if (mmap(NULL, 4 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED || errno != ENOMEM)
		return 1;	/* past RLIMIT_AS: ENOMEM, even read-only */
	p = mmap(NULL, 256 * KIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 2;	/* within it: fine */
	if (sbrk(0) != (void *)-1 && brk((char *)sbrk(0) + 2 * MIB) == 0)
		return 3;	/* the break may not pass it either */
	return 0;
}

static int data_child(void)
{
	struct rlimit r = { PAGE, PAGE };
	char *p;

	if (setrlimit(RLIMIT_DATA, &r) < 0)
		return 10;
	errno = 0;
	if (mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED ||
	    errno != ENOMEM)
		return 1;	/* private writable memory is data */
	if (mmap(NULL, MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
		return 2;	/* read-only is not */
	if (mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
		return 3;	/* shared is not */
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	errno = 0;
	if (p == MAP_FAILED || mprotect(p, PAGE, PROT_READ | PROT_WRITE) == 0 || errno != ENOMEM)
		return 4;	/* nor may mprotect make it data */
	if (brk((char *)sbrk(0) + MIB) == 0)
		return 5;	/* the heap is data */
	return 0;
}

static void recurse(int depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	if (depth > 0)
		recurse(depth - 1);
	frame[4095] = frame[0];
}

/* 512 KiB of stack, a frame at a time: fine under 8 MiB, SIGSEGV under 256 KiB. */
static int stack_child(void)
{
	recurse(128);
	return 0;
}

static int small_stack_child(void)
{
	struct rlimit r = { 256 * KIB, RLIM_INFINITY };

	if (setrlimit(RLIMIT_STACK, &r) < 0)
		return 10;
	recurse(128);
	return 0;
}

static void test_memory_limits(void)
{
	const char *why = no_mmu() ? NEEDS_MMU "Linux enforces these address-space limits with an MMU only" :
			  under_qemu_user() ? QEMU_LIMITS : NULL;
	char *argv[] = { (char *)self, "stack", NULL };
	struct rlimit r, saved;
	pid_t pid;
	int status;

	if (why) {
		skip(why, "RLIMIT_AS: a mapping past it ENOMEM, one within it fine, the break held");
		skip(why, "RLIMIT_DATA: private writable mappings, mprotect to writable and the break refused; read-only and shared ones fine");
		skip(why, "512 KiB of stack under the default RLIMIT_STACK");
		skip(why, "... and SIGSEGV under an RLIMIT_STACK of 256 KiB");
		skip(why, "exec under an RLIMIT_STACK of 64 KiB gives a stack of no more");
		return;
	}
	status = run_child(as_child);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "RLIMIT_AS: a mapping past it ENOMEM, one within it fine, the break held (%s)", status_str(status));
	status = run_child(data_child);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "RLIMIT_DATA: private writable mappings, mprotect to writable and the break refused; read-only and shared ones fine (%s)",
	   status_str(status));
	status = run_child(stack_child);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "512 KiB of stack under the default RLIMIT_STACK (%s)",
	   status_str(status));
	status = run_child(small_stack_child);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	   "... and SIGSEGV under an RLIMIT_STACK of 256 KiB (%s)", status_str(status));

	getrlimit(RLIMIT_STACK, &saved);
	r = (struct rlimit){ 64 * KIB, saved.rlim_max };
	setrlimit(RLIMIT_STACK, &r);
	pid = vfork();
	if (pid == 0) {
		execv(self, argv);
		_exit(127);
	}
	setrlimit(RLIMIT_STACK, &saved);
	waitpid(pid, &status, 0);
	ok(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "exec under an RLIMIT_STACK of 64 KiB gives a stack of no more (%s)", status_str(status));
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc > 1)
		return child_main(argc, argv);
	test_defaults();
	test_calls();
	test_efault();
	test_inherit();
	test_nofile();
	test_memory_limits();
	return tap_done();
}
