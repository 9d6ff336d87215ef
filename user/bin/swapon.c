/*
 * swapon, swapoff: start and stop swapping to a device, in util-linux's
 * shape (one program; /bin/swapoff is a link to it, and what it is called
 * decides what it does).
 *   swapon DEVICE          swap to DEVICE, at the next automatic priority
 *   swapon -p PRIO DEVICE  at priority PRIO (SWAP_FLAG_PREFER)
 *   swapon -s              the areas in use: /proc/swaps
 *   swapoff DEVICE         bring every page back from DEVICE and stop
 * Exit status as util-linux's: 0, or 4 when the system call failed (2 for
 * a swapoff that ran out of memory), 16 for a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>

static int usage(const char *name)
{
	if (strcmp(name, "swapoff") == 0)
		fprintf(stderr, "usage: swapoff DEVICE\n");
	else
		fprintf(stderr, "usage: swapon [-p PRIORITY] DEVICE | swapon -s\n");
	return 16;
}

/* show_summary: swapon -s, which util-linux prints from /proc/swaps as it is. */
static int show_summary(void)
{
	char buf[512];
	size_t n;
	FILE *f = fopen("/proc/swaps", "r");

	if (!f) {
		perror("swapon: /proc/swaps");
		return 4;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(f);
	return 0;
}

int main(int argc, char *argv[])
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	int flags = 0, i = 1;

	if (strcmp(name, "swapoff") == 0) {
		if (argc != 2 || argv[1][0] == '-')
			return usage(name);
		if (swapoff(argv[1]) == 0)
			return 0;
		fprintf(stderr, "swapoff: %s: swapoff failed: %s\n", argv[1], strerror(errno));
		return errno == ENOMEM ? 2 : 4;
	}
	if (argc == 2 && strcmp(argv[1], "-s") == 0)
		return show_summary();
	if (argc == 4 && strcmp(argv[1], "-p") == 0) {
		char *end;
		long prio = strtol(argv[2], &end, 10);

		if (*end || prio < 0 || prio > SWAP_FLAG_PRIO_MASK)
			return usage(name);
		flags = SWAP_FLAG_PREFER | ((int)prio << SWAP_FLAG_PRIO_SHIFT);
		i = 3;
	}
	if (i != argc - 1 || argv[i][0] == '-')
		return usage(name);
	if (swapon(argv[i], flags) == 0)
		return 0;
	fprintf(stderr, "swapon: %s: swapon failed: %s\n", argv[i], strerror(errno));
	return 4;
}
