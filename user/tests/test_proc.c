/*
 * test_proc: the /proc files a memory-management kernel reports through,
 * in Linux's formats.  Formats only, never values: under qemu-user these
 * are the host's files, and on rvmm the numbers are rvmm's.  A line is
 * checked by parsing it and printing the values back with Linux's format:
 * the result must be the same line, spacing included.  Without an MMU the
 * program is one rwx image, so its code's permissions are not checked.
 */
#include <errno.h>
#include <fcntl.h>
#include "tap.h"

/* The whole of a /proc file (whose size stat cannot tell), NUL-terminated; NULL if unreadable. */
static char *slurp(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += n;
		if (cap - len < 1024) {
			char *bigger = realloc(buf, cap *= 2);

			if (!bigger)
				break;
			buf = bigger;
		}
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* The next line of *text (newline removed), advancing *text; NULL at the end. */
static char *next_line(char **text)
{
	char *line = *text, *nl;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*text = nl + 1;
	} else {
		*text = line + strlen(line);
	}
	return line;
}

/* Skip a file that may be absent or unreadable; 1 if it was skipped. */
static int skip_if_missing(const char *text, const char *path, int nchecks)
{
	if (text)
		return 0;
	for (int i = 0; i < nchecks; i++)
		skip(strerror(errno), "%s (%d of %d)", path, i + 1, nchecks);
	return 1;
}

static void test_meminfo(void)
{
	char *text = slurp("/proc/meminfo"), *p = text, *line;
	unsigned long total = 0, free_ = 0, avail = 0;
	int lines = 0, good = 0, kb = 0;
	char first_bad[128] = "";

	ok(text != NULL, "/proc/meminfo can be read");
	while ((line = next_line(&p)) != NULL) {
		char label[64], again[160];
		unsigned long v;
		int n = 0;

		lines++;
		/* "%-16s%8lu kB" with the colon in the label; a few counts have no " kB" */
		if (sscanf(line, "%62[^:]:%lu%n", label, &v, &n) == 2) {
			strcat(label, ":");
			snprintf(again, sizeof(again), "%-16s%8lu%s", label, v,
				 strcmp(line + n, " kB") == 0 ? " kB" : "");
			if (strcmp(again, line) == 0) {
				good++;
				kb += line[n] != '\0';
				if (strcmp(label, "MemTotal:") == 0)
					total = v;
				if (strcmp(label, "MemFree:") == 0)
					free_ = v;
				if (strcmp(label, "MemAvailable:") == 0)
					avail = v;
				continue;
			}
		}
		if (!first_bad[0])
			snprintf(first_bad, sizeof(first_bad), "%s", line);
	}
	ok(lines > 0 && good == lines, "every /proc/meminfo line is \"%%-16s%%8lu kB\" (%d of %d%s%s)",
	   good, lines, first_bad[0] ? "; not: " : "", first_bad);
	ok(kb > 0 && total > 0, "MemTotal is there, in kB");
	ok(free_ > 0 && free_ <= total, "MemFree is there, at most MemTotal");
	ok(avail > 0 && avail <= total, "MemAvailable is there, at most MemTotal");
	free(text);
}

static void test_maps(void)
{
	char *text = slurp("/proc/self/maps"), *p = text, *line;
	int lines = 0, good = 0, named_ok = 1, ordered = 1;
	unsigned long prev_end = 0, code = (unsigned long)&test_maps, stack = (unsigned long)&p;
	char code_perms[5] = "", stack_name[32] = "", first_bad[128] = "";

	ok(text != NULL, "/proc/self/maps can be read");
	while ((line = next_line(&p)) != NULL) {
		unsigned long start, end, offset, inode;
		unsigned major, minor;
		char perms[5];
		int n = 0;

		lines++;
		/* "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " then the name from column 73 */
		if (sscanf(line, "%lx-%lx %4c %lx %x:%x %lu%n", &start, &end, perms, &offset,
			   &major, &minor, &inode, &n) == 7 && start < end && !(start & 0xfff) &&
		    !(end & 0xfff) && strchr("r-", perms[0]) && strchr("w-", perms[1]) &&
		    strchr("x-", perms[2]) && strchr("ps", perms[3])) {
			const char *name = line + n + strspn(line + n, " ");

			perms[4] = '\0';
			good++;
			if (*name && name - line != 73)
				named_ok = 0;
			if (start < prev_end)
				ordered = 0;
			prev_end = end;
			if (start <= code && code < end)
				memcpy(code_perms, perms, 5);
			if (start <= stack && stack < end)
				snprintf(stack_name, sizeof(stack_name), "%s %s", perms, name);
		} else if (!first_bad[0]) {
			snprintf(first_bad, sizeof(first_bad), "%s", line);
		}
	}
	ok(lines > 0 && good == lines, "every maps line is \"start-end perms offset dev inode [name]\" "
	   "(%d of %d%s%s)", good, lines, first_bad[0] ? "; not: " : "", first_bad);
	ok(named_ok, "names start at column 73");
	ok(ordered, "the mappings are in address order and do not overlap");
	/* without an MMU (nothing to enforce them) the program is one rwx image */
	if (no_mmu())
		skip(NEEDS_MMU "the program is one rwx image", "the program's code is in a r-x mapping");
	else
		ok(code_perms[0] == 'r' && code_perms[2] == 'x' && code_perms[1] == '-',
		   "the program's code is in a r-x mapping (%s)", code_perms);
	ok(strcmp(stack_name, "rw-p [stack]") == 0, "a local variable is in \"rw-p [stack]\" (%s)",
	   stack_name);
	free(text);
}

static void test_status(void)
{
	char *text = slurp("/proc/self/status"), *p = text, *line;
	int have = 0, vm_format = 1;
	long pid = -1, ppid = -1;
	char state = '?';

	ok(text != NULL, "/proc/self/status can be read");
	while ((line = next_line(&p)) != NULL) {
		char again[64], label[16];
		unsigned long v;

		if (strncmp(line, "Name:\t", 6) == 0)
			have |= 1;
		else if (sscanf(line, "Pid:\t%ld", &pid) == 1)
			have |= 2;
		else if (sscanf(line, "PPid:\t%ld", &ppid) == 1)
			have |= 4;
		else if (sscanf(line, "State:\t%c (", &state) == 1)
			have |= 8;
		else if (sscanf(line, "%15[^:]:\t%lu kB", label, &v) == 2 &&
			 (strcmp(label, "VmSize") == 0 || strcmp(label, "VmRSS") == 0)) {
			have |= strcmp(label, "VmSize") == 0 ? 16 : 32;
			/* "VmSize:\t%8lu kB" */
			snprintf(again, sizeof(again), "%s:\t%8lu kB", label, v);
			if (strcmp(again, line) != 0)
				vm_format = 0;
		}
	}
	ok(have == 63, "Name, Pid, PPid, State, VmSize and VmRSS are all there (%#x)", have);
	ok(pid == getpid() && ppid == getppid(), "Pid and PPid are this process's (%ld, %ld)",
	   pid, ppid);
	ok(strchr("RSDTtZXIP", state) != NULL, "State is one of Linux's letters (%c)", state);
	ok(vm_format, "VmSize and VmRSS are \"%%8lu kB\" after a tab");
	free(text);
}

static void test_buddyinfo(void)
{
	char *text = slurp("/proc/buddyinfo"), *p = text, *line;
	int lines = 0, good = 0, orders = -1, same_orders = 1;

	if (skip_if_missing(text, "/proc/buddyinfo", 2))
		return;
	while ((line = next_line(&p)) != NULL) {
		char zone[32], again[512];
		int node, n = 0, len, k = 0;
		unsigned long v;

		lines++;
		/* "Node %d, zone %8s " then "%6lu " for each order */
		if (sscanf(line, "Node %d, zone %31s %n", &node, zone, &n) != 2)
			continue;
		len = snprintf(again, sizeof(again), "Node %d, zone %8s ", node, zone);
		for (const char *q = line + n; sscanf(q, "%lu%n", &v, &n) == 1; q += n, k++)
			len += snprintf(again + len, sizeof(again) - len, "%6lu ", v);
		if (orders < 0)
			orders = k;
		same_orders &= k == orders;
		good += strcmp(again, line) == 0 && k > 0;
	}
	ok(lines > 0 && good == lines,
	   "every buddyinfo line is \"Node %%d, zone %%8s \" and \"%%6lu \" per order (%d of %d)",
	   good, lines);
	ok(same_orders, "every zone shows the same number of orders (%d)", orders);
	free(text);
}

static void test_zoneinfo(void)
{
	static const char *const keys[] = { "min", "low", "high", "spanned", "present", "managed" };
	char *text = slurp("/proc/zoneinfo"), *p = text, *line;
	int zones = 0, headers_ok = 1, complete = 1, start_ok = 1, seen = 0;

	if (skip_if_missing(text, "/proc/zoneinfo", 3))
		return;
	/* seen: a bit per key of the current zone; bit 6 pages free, bit 7 protection */
	while ((line = next_line(&p)) != NULL) {
		char zone[32], again[96], key[32];
		unsigned long v;
		int node;

		if (sscanf(line, "Node %d, zone %31s", &node, zone) == 2) {
			if (zones && seen != 0xff)
				complete = 0;
			zones++;
			seen = 0;
			snprintf(again, sizeof(again), "Node %d, zone %8s", node, zone);
			headers_ok &= strcmp(again, line) == 0;
		} else if (sscanf(line, "  pages free %lu", &v) == 1) {
			snprintf(again, sizeof(again), "  pages free     %lu", v);
			headers_ok &= strcmp(again, line) == 0;
			seen |= 1 << 6;
		} else if (strncmp(line, "        protection: (", 21) == 0) {
			seen |= 1 << 7;
		} else if (sscanf(line, "  start_pfn: %lu", &v) == 1) {
			snprintf(again, sizeof(again), "  start_pfn:           %lu", v);
			start_ok &= strcmp(again, line) == 0;
		} else if (sscanf(line, " %31s %lu", key, &v) == 2 && !(seen & (1 << 7))) {
			/* the watermarks and page counts come before protection */
			for (int i = 0; i < 6; i++)
				if (strcmp(key, keys[i]) == 0)
					seen |= 1 << i;
		}
	}
	if (zones && seen != 0xff)
		complete = 0;
	ok(zones > 0 && headers_ok,
	   "zoneinfo: \"Node %%d, zone %%8s\" then \"  pages free     %%lu\" (%d zones)", zones);
	ok(complete, "every zone has min, low, high, spanned, present, managed and protection");
	ok(start_ok, "start_pfn lines are \"  start_pfn:           %%lu\"");
	free(text);
}

static void test_slabinfo(void)
{
	char *text = slurp("/proc/slabinfo"), *p = text, *line;
	int rows = 0, good = 0;
	char first_bad[160] = "";

	/* absent without a slab allocator, and readable by root only on Linux */
	if (skip_if_missing(text, "/proc/slabinfo", 3))
		return;
	line = next_line(&p);
	ok(line && strcmp(line, "slabinfo - version: 2.1") == 0, "slabinfo: version 2.1");
	line = next_line(&p);
	ok(line && strncmp(line, "# name            <active_objs> <num_objs> <objsize> "
			   "<objperslab> <pagesperslab> : tunables", 78) == 0,
	   "slabinfo: the column header");
	while ((line = next_line(&p)) != NULL) {
		char name[64], again[256];
		unsigned long active, num, sactive, snum, savail;
		unsigned size, per, limit, batch, shared;
		int pages;

		rows++;
		if (sscanf(line, "%63s %lu %lu %u %u %d : tunables %u %u %u : slabdata %lu %lu %lu",
			   name, &active, &num, &size, &per, &pages, &limit, &batch, &shared,
			   &sactive, &snum, &savail) == 12) {
			snprintf(again, sizeof(again), "%-17s %6lu %6lu %6u %4u %4d : tunables %4u "
				 "%4u %4u : slabdata %6lu %6lu %6lu", name, active, num, size, per,
				 pages, limit, batch, shared, sactive, snum, savail);
			if (strcmp(again, line) == 0) {
				good++;
				continue;
			}
		}
		if (!first_bad[0])
			snprintf(first_bad, sizeof(first_bad), "%s", line);
	}
	ok(rows > 0 && good == rows, "every slabinfo row is in Linux's format (%d of %d%s%s)",
	   good, rows, first_bad[0] ? "; not: " : "", first_bad);
	free(text);
}

int main(void)
{
	test_meminfo();
	test_maps();
	test_status();
	test_buddyinfo();
	test_zoneinfo();
	test_slabinfo();
	return tap_done();
}
