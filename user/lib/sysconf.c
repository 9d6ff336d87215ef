/*
 * sysconf.c: the machine and the caller as a program asks about them:
 * sysconf, sysinfo, get_nprocs..., and the user and group ids.
 */
#include <errno.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include "linux.h"

#define PAGE_SIZE	4096	/* rvmm's, and riscv64 Linux's */
#define USER_HZ		100	/* the clock ticks times() counts */
#define IOV_MAX_LINUX	1024	/* segments one readv or writev takes */

int sysinfo(struct sysinfo *info)
{
	return (int)__sys_ret(__sys1(SYS_sysinfo, info));
}

/* pages: sysinfo's figure of so many mem_unit bytes, in pages. */
static long pages(unsigned long units, unsigned int mem_unit)
{
	return (long)(units / PAGE_SIZE * mem_unit + units % PAGE_SIZE * mem_unit / PAGE_SIZE);
}

long get_phys_pages(void)
{
	struct sysinfo si;

	return sysinfo(&si) < 0 ? -1 : pages(si.totalram, si.mem_unit);
}

long get_avphys_pages(void)
{
	struct sysinfo si;

	return sysinfo(&si) < 0 ? -1 : pages(si.freeram, si.mem_unit);
}

/* rvmm runs on one hart (the others are parked at boot). */
int get_nprocs(void)
{
	return 1;
}

int get_nprocs_conf(void)
{
	return 1;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return PAGE_SIZE;
	case _SC_PHYS_PAGES:
		return get_phys_pages();
	case _SC_AVPHYS_PAGES:
		return get_avphys_pages();
	case _SC_NPROCESSORS_CONF:
		return get_nprocs_conf();
	case _SC_NPROCESSORS_ONLN:
		return get_nprocs();
	case _SC_CLK_TCK:
		return USER_HZ;
	case _SC_OPEN_MAX: {	/* as glibc: the soft RLIMIT_NOFILE */
		struct rlimit rl;

		return getrlimit(RLIMIT_NOFILE, &rl) ? -1 : (long)rl.rlim_cur;
	}
	case _SC_IOV_MAX:
		return IOV_MAX_LINUX;
	default:
		errno = EINVAL;
		return -1;
	}
}

/* Every process is root: there are no users yet. */
uid_t getuid(void)
{
	return (uid_t)__sys0(SYS_getuid);
}

uid_t geteuid(void)
{
	return (uid_t)__sys0(SYS_geteuid);
}

gid_t getgid(void)
{
	return (gid_t)__sys0(SYS_getgid);
}

gid_t getegid(void)
{
	return (gid_t)__sys0(SYS_getegid);
}
