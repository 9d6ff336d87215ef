/*
 * hog: touch memory until told to stop, to watch the OOM killer at work.
 *
 *   hog          touch 4 MiB after 4 MiB, forever (until the kernel kills it)
 *   hog 64       touch 64 MiB, report, then exit
 *
 * It prints how much it holds every 16 MiB, so the console shows the OOM
 * report right after the last line it printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define CHUNK (4UL << 20)

int main(int argc, char **argv)
{
	unsigned long want = argc > 1 ? strtoul(argv[1], NULL, 10) : 0, held = 0;

	while (!want || held < want) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			perror("hog: mmap");
			return 1;
		}
		for (unsigned long i = 0; i < CHUNK; i += 4096)
			p[i] = 1;
		held += CHUNK >> 20;
		if (held % 16 == 0)
			printf("hog: %lu MiB\n", held);
	}
	printf("hog: done, %lu MiB\n", held);
	return 0;
}
