/*
 * resource.c: resource limits (picolibc has none).  All three go through
 * prlimit64, as glibc's do on riscv64.
 */
#include <sys/resource.h>
#include "linux.h"

int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	return __sys_ret(__sys4(SYS_prlimit64, pid, resource, new_limit, old_limit));
}

int getrlimit(int resource, struct rlimit *rlim)
{
	return prlimit(0, resource, NULL, rlim);
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return prlimit(0, resource, rlim, NULL);
}
