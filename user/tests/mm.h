/*
 * mm.h: what the memory-mapping tests (test_mmap, test_cow, test_lazy)
 * share on top of tap.h: the page size, numbers read from /proc, scratch
 * files, one access made in a child to see what it dies of, and swapon
 * for the swap tests.
 */
#ifndef RVMM_TESTS_MM_H
#define RVMM_TESTS_MM_H

#include <fcntl.h>
#include <signal.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include "tap.h"

/* 4 KiB on rvmm, on riscv64 Linux and on x86-64 Linux (the native oracle) */
#define PAGE 4096UL
#define KIB 1024UL
#define MIB (1024UL * 1024)

/* A new private anonymous mapping of len bytes, or MAP_FAILED. */
static inline char *map_anon(size_t len, int prot)
{
	return mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* A new mapping of len bytes of the file fd from offset off; MAP_FAILED if fd < 0. */
static inline char *map_file(int fd, size_t len, int prot, int flags, off_t off)
{
	return fd < 0 ? MAP_FAILED : mmap(NULL, len, prot, flags, fd, off);
}

/*
 * The number after label at the start of a line of a /proc file ("" for
 * the first line's, as in oom_score); -1 if the file or the line is
 * missing.  The buffer is touched before the read, so reading does not
 * itself add pages to the process's RSS.
 */
static inline long proc_number(const char *path, const char *label)
{
	static char buf[16384];
	size_t len = 0, n = strlen(label);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		return -1;
	memset(buf, 0, sizeof(buf));
	while (len < sizeof(buf) - 1 && (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	close(fd);
	for (char *line = buf; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strncmp(line, label, n) == 0)
			return strtol(line + n, NULL, 10);
	}
	return -1;
}

/*
 * env_count: the environment's name as a whole number from min to max,
 * dflt when it is not set, -1 when it is set to anything else.  make grade
 * and make test shorten the longest tests this way (init's environment
 * comes from the kernel command line: OOM_STRESS_ROUNDS=5).
 */
static inline long env_count(const char *name, long dflt, long min, long max)
{
	const char *s = getenv(name);
	char *end;
	long n;

	if (!s)
		return dflt;
	n = strtol(s, &end, 10);
	return *s && !*end && n >= min && n <= max ? n : -1;
}

/* write_proc: write text to a /proc file (a sysctl, drop_caches); 0, or -1 if not all of it went. */
static inline int write_proc(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* proc_kb: the kB figure of a line such as "VmRSS:" or "MemFree:". */
static inline long proc_kb(const char *path, const char *label)
{
	return proc_number(path, label);
}

static inline long vm_rss_kb(void)
{
	return proc_kb("/proc/self/status", "VmRSS:");
}

/* $TMPDIR/PROG.PID.tag (default /tmp): a scratch file name, one per tag. */
static inline const char *scratch(const char *prog, const char *tag)
{
	static char path[256];
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	snprintf(path, sizeof(path), "%s/%s.%d.%s", tmp, prog, (int)getpid(), tag);
	return path;
}

/*
 * Create path holding len bytes of c, opened with flags (O_RDWR...); the
 * fd or -1.  Without an MMU a ramfs file can be mapped MAP_SHARED only if
 * its pages are contiguous, which growing it from empty with ftruncate
 * gives it (Linux's ramfs_nommu_expand_for_mapping): so it is sized first.
 */
static inline int make_file(const char *path, int flags, char c, size_t len)
{
	char block[512];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0 && no_mmu() && ftruncate(fd, (off_t)len) < 0) {
		close(fd);
		return -1;
	}
	memset(block, c, sizeof(block));
	for (size_t done = 0; fd >= 0 && done < len; done += sizeof(block)) {
		size_t n = len - done < sizeof(block) ? len - done : sizeof(block);

		if (write(fd, block, n) != (ssize_t)n) {
			close(fd);
			return -1;
		}
	}
	if (fd >= 0 && (flags & O_ACCMODE) != O_RDWR) {
		close(fd);
		fd = open(path, flags);
	}
	return fd;
}

/* The byte at offset off of the file fd, read with read(); -1 if it cannot be read. */
static inline int file_byte(int fd, off_t off)
{
	unsigned char c;

	if (lseek(fd, off, SEEK_SET) != off || read(fd, &c, 1) != 1)
		return -1;
	return c;
}

/* Write the byte c at offset off of the file fd with write(); 1 if it was written. */
static inline int put_file_byte(int fd, off_t off, char c)
{
	return lseek(fd, off, SEEK_SET) == off && write(fd, &c, 1) == 1;
}

/*
 * In a child, read the byte at addr (store == 0) or store 1 there; the
 * child's wait status: exited 0 if the access worked, else killed by the
 * signal it took.  Without an MMU the child is a vfork's: a store that
 * works lands in the parent's memory (there is no copy to land in).
 */
static inline int access_in_child(volatile char *addr, int store)
{
	int status;
	pid_t pid = fork_or_vfork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (store)
			*addr = 1;
		else
			(void)*addr;
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static inline int killed_by(int status, int sig)
{
	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static inline int exited_0(int status)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* vmas_in: the lines of /proc/self/maps that start inside [p, p+len): how many VMAs the range is. */
static inline int vmas_in(char *p, size_t len)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo;
	int count = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-", &lo) == 1 && lo >= (unsigned long)p && lo < (unsigned long)p + len)
			count++;
	if (f)
		fclose(f);
	return count;
}

/* swapon_fresh: swapon(path) for a test, taking off first an area an earlier run left on; 0 or errno. */
static inline int swapon_fresh(const char *path)
{
	int err;

	errno = 0;
	err = swapon(path, 0) ? errno : 0;
	if (err == EBUSY && swapoff(path) == 0)
		err = swapon(path, 0) ? errno : 0;
	return err;
}

#endif /* RVMM_TESTS_MM_H */
