/*
 * ps: one line per process, from /proc/<pid>/status: pid, parent, state,
 * virtual size and resident size (kB, as Linux's VmSize and VmRSS), name.
 * A process without an address space (a kernel thread) shows "-" for both,
 * and its name in brackets, as Linux's ps does: [kswapd0].
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct proc {
	int pid, ppid;
	char state;
	long vsz, rss;		/* kB; -1 when the status file has none */
	char name[32];
};

/* Fill p from /proc/<pid>/status; 0 on success. */
static int read_status(int pid, struct proc *p)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;		/* it exited meanwhile */
	*p = (struct proc){ .pid = pid, .ppid = 0, .state = '?', .vsz = -1, .rss = -1 };
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "Name:\t%31[^\n]", p->name);
		sscanf(line, "PPid:\t%d", &p->ppid);
		sscanf(line, "State:\t%c", &p->state);
		sscanf(line, "VmSize:\t%ld", &p->vsz);
		sscanf(line, "VmRSS:\t%ld", &p->rss);
	}
	fclose(f);
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

/* "%7ld", or "      -" for a missing value */
static const char *kb(long v, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "%7s", "-");
	else
		snprintf(buf, size, "%7ld", v);
	return buf;
}

int main(void)
{
	struct proc *procs = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *d = opendir("/proc");

	if (!d) {
		perror("ps: /proc");
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;		/* not a process: meminfo, self, ... */
		if (n == cap) {
			struct proc *more = realloc(procs, (cap = cap ? 2 * cap : 64) * sizeof(*procs));

			if (!more)
				break;
			procs = more;
		}
		if (read_status(atoi(e->d_name), &procs[n]) == 0)
			n++;
	}
	closedir(d);
	qsort(procs, n, sizeof(*procs), by_pid);
	printf("  PID  PPID S     VSZ     RSS COMMAND\n");
	for (size_t i = 0; i < n; i++) {
		char v[24], r[24];	/* a long needs up to 20 */
		/* A task without an address space is a kernel thread: in brackets, as Linux's ps shows it. */
		const char *fmt = procs[i].vsz < 0 ? "%5d %5d %c %s %s [%s]\n" : "%5d %5d %c %s %s %s\n";

		printf(fmt, procs[i].pid, procs[i].ppid, procs[i].state,
		       kb(procs[i].vsz, v, sizeof(v)), kb(procs[i].rss, r, sizeof(r)), procs[i].name);
	}
	free(procs);
	return 0;
}
