/*
 * free: memory in use and free, from /proc/meminfo, laid out as procps's
 * free prints it.
 *   -k  kibibytes (the default)   -m  mebibytes
 *
 * As procps 4 computes them: used = MemTotal - MemAvailable, buff/cache =
 * Buffers + Cached + SReclaimable, shared = Shmem.  A line the kernel does
 * not provide counts as 0 (MemAvailable missing: MemFree + buff/cache).
 */
#include <stdio.h>
#include <string.h>

enum { TOTAL, FREE, AVAILABLE, BUFFERS, CACHED, SRECLAIMABLE, SHMEM, SWAPTOTAL, SWAPFREE, N };
static const char *const names[N] = {
	"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SReclaimable", "Shmem",
	"SwapTotal", "SwapFree",
};

int main(int argc, char *argv[])
{
	unsigned long v[N] = { 0 }, cache;
	int have_available = 0, shift = 0;	/* kB >> shift */
	char line[128], label[64];
	unsigned long value;
	FILE *f;

	if (argc > 1 && strcmp(argv[1], "-m") == 0)
		shift = 10;
	else if (argc > 1 && strcmp(argv[1], "-k") != 0) {
		fprintf(stderr, "usage: free [-k | -m]\n");
		return 2;
	}
	f = fopen("/proc/meminfo", "r");
	if (!f) {
		perror("free: /proc/meminfo");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63[^:]: %lu", label, &value) != 2)
			continue;
		for (int i = 0; i < N; i++) {
			if (strcmp(label, names[i]) == 0) {
				v[i] = value;
				have_available |= i == AVAILABLE;
			}
		}
	}
	fclose(f);

	cache = v[BUFFERS] + v[CACHED] + v[SRECLAIMABLE];
	if (!have_available)
		v[AVAILABLE] = v[FREE] + cache;
	printf("%-8s%12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free", "shared",
	       "buff/cache", "available");
	printf("%-8s%12lu%12lu%12lu%12lu%12lu%12lu\n", "Mem:", v[TOTAL] >> shift,
	       (v[TOTAL] - v[AVAILABLE]) >> shift, v[FREE] >> shift, v[SHMEM] >> shift,
	       cache >> shift, v[AVAILABLE] >> shift);
	printf("%-8s%12lu%12lu%12lu\n", "Swap:", v[SWAPTOTAL] >> shift,
	       (v[SWAPTOTAL] - v[SWAPFREE]) >> shift, v[SWAPFREE] >> shift);
	return 0;
}
