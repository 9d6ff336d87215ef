/*
 * kernel/sysctl.c: the sysctl tables and the integer handlers.
 *
 * vm_table is /proc/sys/vm.  A new tunable is one line in it: the name,
 * the variable, its size, the mode and a handler (proc_dointvec, or
 * proc_dointvec_minmax with bounds, or one that also acts on the change
 * as the watermark ones below do).
 */
#include <blkdev.h>
#include <oom.h>
#include <errno.h>
#include <mmzone.h>
#include <printk.h>
#include <mm_user.h>
#include <slab.h>
#include <stdio.h>
#include <sysctl.h>
#include <vmscan.h>

const int sysctl_vals[] = { 0, 1, 3000, 4, __INT_MAX__, 2, 200 };

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * parse_int: one integer at *p (before end), with an optional '-' and
 * C's base prefixes; it must end at whitespace or at end.  0 or -EINVAL.
 */
static int parse_int(const char **p, const char *end, int *val)
{
	const char *s = *p;
	unsigned long v = 0, base = 10, limit;
	bool neg = false;
	int digits = 0;

	if (s < end && *s == '-') {
		neg = true;
		s++;
	}
	if (s + 1 < end && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s < end && s[0] == '0') {
		base = 8;
	}
	limit = neg ? (unsigned long)__INT_MAX__ + 1 : (unsigned long)__INT_MAX__;
	for (; s < end; s++, digits++) {
		unsigned long d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned long)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned long)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned long)(*s - 'A' + 10);
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
		if (v > limit)
			return -EINVAL;
	}
	if (!digits || (s < end && !is_space(*s)))
		return -EINVAL;
	*val = (int)(neg ? -(long)v : (long)v);
	*p = s;
	return 0;
}

static int do_proc_dointvec(const struct ctl_table *table, int write, char *buffer,
			    size_t *lenp, loff_t *ppos, const int *min, const int *max)
{
	int *vals = table->data;
	size_t nvals = (size_t)table->maxlen / sizeof(int);

	if (!nvals || !*lenp || (*ppos && !write)) {
		*lenp = 0;
		return 0;
	}
	if (write) {
		const char *p = buffer, *end = buffer + *lenp;
		size_t i;

		/* Linux's default (sysctl_writes_strict = 1): a write must start at the beginning. */
		if (*ppos) {
			*lenp = 0;
			return 0;
		}
		for (i = 0; i < nvals; i++) {
			int v, err;

			while (p < end && is_space(*p))
				p++;
			if (p == end || !*p)
				break;
			err = parse_int(&p, end, &v);
			if (err || (min && v < *min) || (max && v > *max))
				return -EINVAL;
			vals[i] = v;
		}
		if (i == 0)
			return -EINVAL;
		while (p < end && is_space(*p))
			p++;
		*lenp = (size_t)(p - buffer);
	} else {
		size_t len = 0;

		for (size_t i = 0; i < nvals && len < *lenp; i++)
			len += (size_t)snprintf(buffer + len, *lenp - len, "%s%d", i ? "\t" : "", vals[i]);
		if (len < *lenp)
			len += (size_t)snprintf(buffer + len, *lenp - len, "\n");
		*lenp = MIN(len, *lenp);
	}
	*ppos += (loff_t)*lenp;
	return 0;
}

int proc_dointvec(const struct ctl_table *table, int write, char *buffer,
		  size_t *lenp, loff_t *ppos)
{
	return do_proc_dointvec(table, write, buffer, lenp, ppos, NULL, NULL);
}

int proc_dointvec_minmax(const struct ctl_table *table, int write, char *buffer,
			 size_t *lenp, loff_t *ppos)
{
	return do_proc_dointvec(table, write, buffer, lenp, ppos, table->extra1, table->extra2);
}

/* ---- /proc/sys/vm ---- */

/* A new min_free_kbytes or watermark_scale_factor moves every zone's watermarks. */
static int watermark_sysctl_handler(const struct ctl_table *table, int write, char *buffer,
				    size_t *lenp, loff_t *ppos)
{
	int err = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (!err && write)
		setup_per_zone_wmarks();
	return err;
}

/* lowmem_reserve_ratio: a ratio below 1 means "no reserve" and is stored as 0, as Linux does. */
static int lowmem_reserve_ratio_sysctl_handler(const struct ctl_table *table, int write,
					       char *buffer, size_t *lenp, loff_t *ppos)
{
	int err = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (err || !write)
		return err;
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (sysctl_lowmem_reserve_ratio[i] < 1)
			sysctl_lowmem_reserve_ratio[i] = 0;
	setup_per_zone_lowmem_reserve();
	return 0;
}

static int sysctl_drop_caches;

static void drop_pagecache_bdev(struct block_device *bdev, void *arg)
{
	invalidate_bdev(bdev);
}

/*
 * drop_caches: 1 frees clean page cache, 2 frees what slab caches hold
 * unused, 3 both (Linux's meaning).  The clean page cache is the disks'
 * (what read(2) of /dev/vda cached); ramfs pages are the only copy of
 * their data and stay.  rvmm also
 * drains the per-cpu page lists here, so that the free counts in
 * /proc/zoneinfo are exact right after: the user tests compare them
 * around every test program to catch leaks.
 */
static int drop_caches_sysctl_handler(const struct ctl_table *table, int write, char *buffer,
				      size_t *lenp, loff_t *ppos)
{
	int err = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (err || !write)
		return err;
	if (sysctl_drop_caches & 1)
		iterate_bdevs(drop_pagecache_bdev, NULL);
	if (sysctl_drop_caches & 2)
		kmem_cache_shrink_all();
	drain_all_pages();
	return 0;
}

static const struct ctl_table vm_table[] = {
#ifdef CONFIG_MMU
	/* rvmm's own debug switch: fork copies every page at once (for the benchmark) */
	{ .procname = "fork_copy_eagerly", .data = &sysctl_fork_copy_eagerly, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
#else
	/* only without an MMU, as on Linux: mm/nommu.c's power-of-two trimming */
	{ .procname = "nr_trim_pages", .data = &sysctl_nr_trim_pages, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
#endif
	{ .procname = "drop_caches", .data = &sysctl_drop_caches, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = drop_caches_sysctl_handler,
	  .extra1 = SYSCTL_ONE, .extra2 = SYSCTL_FOUR },
	{ .procname = "overcommit_memory", .data = &sysctl_overcommit_memory, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_TWO },
	{ .procname = "overcommit_ratio", .data = &sysctl_overcommit_ratio, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ .procname = "panic_on_oom", .data = &sysctl_panic_on_oom, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_TWO },
	{ .procname = "oom_kill_allocating_task", .data = &sysctl_oom_kill_allocating_task,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "oom_dump_tasks", .data = &sysctl_oom_dump_tasks, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "oom_badness_classic", .data = &sysctl_oom_badness_classic,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ .procname = "max_map_count", .data = &sysctl_max_map_count, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = SYSCTL_ZERO },
	{ .procname = "min_free_kbytes", .data = &min_free_kbytes, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = watermark_sysctl_handler, .extra1 = SYSCTL_ZERO },
	{ .procname = "watermark_scale_factor", .data = &watermark_scale_factor,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = watermark_sysctl_handler,
	  .extra1 = SYSCTL_ONE, .extra2 = SYSCTL_THREE_THOUSAND },
	{ .procname = "swappiness", .data = &vm_swappiness, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_TWO_HUNDRED },
	{ .procname = "lowmem_reserve_ratio", .data = &sysctl_lowmem_reserve_ratio,
	  .maxlen = sizeof(sysctl_lowmem_reserve_ratio), .mode = 0644,
	  .proc_handler = lowmem_reserve_ratio_sysctl_handler },
};

void sysctl_init(void)
{
	if (register_sysctl("vm", vm_table, ARRAY_SIZE(vm_table)))
		pr_err("sysctl: cannot register /proc/sys/vm\n");
}
