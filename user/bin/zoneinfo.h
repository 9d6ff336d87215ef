/*
 * zoneinfo.h: each zone's free pages, for the programs that check that
 * memory came back (runtests around each test, fuzz around its run).
 *
 * The per-cpu page lists and the slab caches' spare slabs hold pages that
 * are not "free" yet would be handed out again; writing 3 to
 * /proc/sys/vm/drop_caches empties them, so the counts compare exactly.
 * One write is not always enough: it holds a file and a buffer of its own
 * while it empties the caches, and freeing them afterwards can leave an
 * empty slab behind that only the next write returns.  So the count is
 * taken until it is the same twice running.
 *
 * No malloc and no stdio: a measurement must not allocate memory of its
 * own between "before" and "after".  The text goes to a static buffer,
 * cleared first so that its pages are in place before the count is taken
 * (the kernel's copy into it would fault them in after).
 */
#ifndef _RVMM_USER_ZONEINFO_H
#define _RVMM_USER_ZONEINFO_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ZONES 4

struct zone_free {
	char name[16];		/* "DMA32", "Normal" */
	unsigned long pages;	/* its "pages free" */
};

/* zone_name: the name on a "Node 0, zone    DMA32" line, copied into out. */
static inline void zone_name(const char *line, char out[16])
{
	const char *p = strstr(line, "zone");
	size_t n = 0;

	if (p)
		for (p += 4; *p == ' '; p++)
			;
	while (p && p[n] && p[n] != '\n' && p[n] != ' ' && n < 15) {
		out[n] = p[n];
		n++;
	}
	out[n] = '\0';
}

/* read_free_pages: each zone's free pages after one drop_caches; the number of zones, 0 if unknown. */
static inline int read_free_pages(struct zone_free zones[MAX_ZONES])
{
	static char text[16384];
	int n = -1, fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	ssize_t len = 0, got;

	memset(text, 0, sizeof(text));
	if (fd < 0)
		return 0;
	if (write(fd, "3\n", 2) != 2) {
		close(fd);
		return 0;
	}
	close(fd);
	fd = open("/proc/zoneinfo", O_RDONLY);
	if (fd < 0)
		return 0;
	while (len < (ssize_t)sizeof(text) - 1 &&
	       (got = read(fd, text + len, sizeof(text) - 1 - (size_t)len)) > 0)
		len += got;
	close(fd);
	text[len] = '\0';
	for (char *line = text; *line; ) {
		char *next = strchr(line, '\n');

		if (strncmp(line, "Node ", 5) == 0 && n + 1 < MAX_ZONES)
			zone_name(line, zones[++n].name), zones[n].pages = 0;
		else if (strncmp(line, "  pages free", 12) == 0 && n >= 0)
			zones[n].pages = strtoul(line + 12, NULL, 10);
		if (!next)
			break;
		line = next + 1;
	}
	return n + 1;
}

/* free_pages_per_zone: each zone's free pages once the count is steady; the number of zones, 0 if unknown. */
static inline int free_pages_per_zone(struct zone_free zones[MAX_ZONES])
{
	struct zone_free last[MAX_ZONES];
	int n = read_free_pages(zones);

	for (int tries = 0; n && tries < 5; tries++) {
		bool same = true;

		memcpy(last, zones, sizeof(last));
		if (read_free_pages(zones) != n)
			return 0;
		for (int z = 0; z < n; z++)
			same &= last[z].pages == zones[z].pages;
		if (same)
			break;
	}
	return n;
}

#endif /* _RVMM_USER_ZONEINFO_H */
