/*
 * helper_nommu: the second process test_nommu needs, started with vfork
 * and execve (a no-MMU kernel has no fork).  One action per run, named by
 * the first argument; the result is the exit status, and for some a line
 * on stdout:
 *
 *   exit N              exit with status N
 *   map PATH PGOFF N    map N pages of PATH from page PGOFF, read-only and
 *                       private; print "ADDRESS FIRSTBYTE", then wait for a
 *                       byte on stdin (so the mapping lives while the
 *                       parent looks at /proc/maps) and exit 0
 *   poke ADDR BYTE      store BYTE at ADDR, which must lie outside every
 *                       mapping of this process (exit 2 if it does not)
 *   peek ADDR           print the 8-byte word at ADDR, in hex
 *   stack-overrun       overwrite the word just below the stack, then make
 *                       a system call (the kernel should kill it)
 *   stack-use KIB       use KIB KiB of the stack, make a system call, exit 0
 *   hog                 at oom_score_adj 1000, map and touch 32 KiB after
 *                       32 KiB until the OOM killer ends it (exit 2 if
 *                       an mmap fails for another reason than ENOMEM);
 *                       32 KiB is an order-3 allocation, the largest
 *                       that may call the OOM killer
 *   malloc              malloc 256 KiB and use it, exit 0; exit 3 if sbrk
 *                       fails, as it does where the break never moves and
 *                       the C library has nothing else to grow a heap with
 *
 * Plain C, and no malloc but in "malloc": without an MMU the C library's
 * heap may not be able to grow at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

/* The [start, end) of the first /proc/self/maps line that holds addr, or whose name is name. */
static int own_mapping(unsigned long addr, const char *name, unsigned long *start, unsigned long *end)
{
	static char buf[16384];
	ssize_t len = 0, r;
	int fd = open("/proc/self/maps", O_RDONLY);

	if (fd < 0)
		return 0;
	while (len < (ssize_t)sizeof(buf) - 1 && (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		if (sscanf(line, "%lx-%lx", start, end) == 2 &&
		    (name ? strstr(line, name) != NULL : *start <= addr && addr < *end))
			return 1;
		if (!nl)
			break;
		line = nl + 1;
	}
	return 0;
}

/* Recurse through about kib KiB of stack frames, each one touched. */
static int use_stack(int kib)
{
	volatile char frame[1024];

	memset((char *)frame, kib, sizeof(frame));
	return kib > 1 ? use_stack(kib - 1) + frame[0] : frame[0];
}

static int map(const char *path, long pgoff, long pages)
{
	int fd = open(path, O_RDONLY);
	char *m, c;

	if (fd < 0)
		return 3;
	m = mmap(NULL, pages * PAGE, PROT_READ, MAP_PRIVATE, fd, pgoff * (off_t)PAGE);
	close(fd);
	if (m == MAP_FAILED)
		return 4;
	printf("%lx %d\n", (unsigned long)m, m[0]);
	fflush(stdout);
	if (read(0, &c, 1) < 0)		/* the parent is done looking */
		return 5;
	munmap(m, pages * PAGE);
	return 0;
}

int main(int argc, char *argv[])
{
	unsigned long start, end;

	if (argc >= 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	if (argc >= 5 && strcmp(argv[1], "map") == 0)
		return map(argv[2], atol(argv[3]), atol(argv[4]));
	if (argc >= 4 && strcmp(argv[1], "poke") == 0) {
		unsigned long addr = strtoul(argv[2], NULL, 16);

		if (own_mapping(addr, NULL, &start, &end))
			return 2;	/* it would prove nothing */
		*(volatile char *)addr = (char)atoi(argv[3]);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "peek") == 0) {
		unsigned long word = *(volatile unsigned long *)strtoul(argv[2], NULL, 16);

		printf("%016lx\n", word);
		fflush(stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "stack-overrun") == 0) {
		if (!own_mapping(0, "[stack]", &start, &end))
			return 2;
		/* The VMA is a guard page and the stack: the word just below the stack ends the guard page. */
		*(volatile unsigned long *)(start + PAGE - sizeof(long)) = 0;
		getppid();
		return 1;	/* still alive: the overrun went unreported */
	}
	if (argc >= 2 && strcmp(argv[1], "hog") == 0) {
		int fd = open("/proc/self/oom_score_adj", O_WRONLY);

		if (fd < 0 || write(fd, "1000\n", 5) != 5)
			return 1;
		close(fd);
		for (;;) {
			char *p = mmap(NULL, 32768, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				       -1, 0);

			if (p == MAP_FAILED) {
				if (errno != ENOMEM)
					return 2;
				continue;	/* the killer chose someone else, or has not run yet */
			}
			for (int i = 0; i < 32768; i += 4096)
				p[i] = 1;
		}
	}
	if (argc >= 2 && strcmp(argv[1], "malloc") == 0) {
		const size_t len = 256 * 1024;
		char *p;

		if (sbrk(PAGE) == (void *)-1)
			return 3;
		p = malloc(len);
		if (!p)
			return 4;
		memset(p, 'm', len);
		if (!own_mapping((unsigned long)p, NULL, &start, &end) || end < (unsigned long)p + len)
			return 5;	/* not memory this process maps */
		free(p);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "stack-use") == 0) {
		use_stack(atoi(argv[2]));
		getppid();
		return 0;
	}
	fprintf(stderr, "helper_nommu: unknown action\n");
	return 64;
}
