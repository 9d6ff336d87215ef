/*
 * include/sysctl.h: kernel tunables under /proc/sys, as Linux's sysctl
 * tables.
 *
 * A ctl_table entry names a variable and the handler that converts it to
 * and from text: reading /proc/sys/vm/min_free_kbytes calls the handler
 * with write = 0 to print the value, writing calls it with write = 1 to
 * parse and store it (and, for tunables like that one, to act on the new
 * value).  register_sysctl("vm", table, n) makes one file per entry in
 * /proc/sys/vm.
 */
#ifndef _RVMM_SYSCTL_H
#define _RVMM_SYSCTL_H

#include <fs.h>

struct ctl_table;

/*
 * proc_handler: write = 0: print the value into buffer (*lenp bytes of
 * room), set *lenp to the length printed; write = 1: parse *lenp bytes
 * of buffer (NUL-terminated), set *lenp to the bytes used.  Both advance
 * *ppos by *lenp.  0 or -errno.
 */
typedef int proc_handler(const struct ctl_table *table, int write, char *buffer,
			 size_t *lenp, loff_t *ppos);

struct ctl_table {
	const char *procname;		/* file name */
	void *data;			/* the variable */
	int maxlen;			/* its size in bytes (an int array: n * sizeof(int)) */
	umode_t mode;			/* 0644, 0444 ... */
	proc_handler *proc_handler;
	const void *extra1, *extra2;	/* proc_dointvec_minmax: the bounds, or NULL */
};

/* Bounds for extra1/extra2 (Linux's names). */
extern const int sysctl_vals[];
#define SYSCTL_ZERO		((const void *)&sysctl_vals[0])
#define SYSCTL_ONE		((const void *)&sysctl_vals[1])
#define SYSCTL_THREE_THOUSAND	((const void *)&sysctl_vals[2])
#define SYSCTL_FOUR		((const void *)&sysctl_vals[3])
#define SYSCTL_TWO		((const void *)&sysctl_vals[5])
#define SYSCTL_INT_MAX		((const void *)&sysctl_vals[4])
#define SYSCTL_TWO_HUNDRED	((const void *)&sysctl_vals[6])

/*
 * proc_dointvec: an int or int array, as decimal numbers separated by tabs
 * on reading; on writing any whitespace separates them and 0x/0 prefixes
 * give hex/octal.  A write sets the values given, in order.
 */
int proc_dointvec(const struct ctl_table *table, int write, char *buffer,
		  size_t *lenp, loff_t *ppos);
/* proc_dointvec_minmax: the same, refusing values outside [*extra1, *extra2] with -EINVAL. */
int proc_dointvec_minmax(const struct ctl_table *table, int write, char *buffer,
			 size_t *lenp, loff_t *ppos);

/* register_sysctl: the files of table[0..n) in /proc/sys/path ("vm"); 0 or -errno. */
int register_sysctl(const char *path, const struct ctl_table *table, size_t n);
/* sysctl_init: register the kernel's tables (vm); proc_sys_init calls it. */
void sysctl_init(void);

#endif
