/* mm/util.c: small allocation helpers (as Linux's mm/util.c). */
#include <slab.h>
#include <string.h>

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *copy;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	copy = kmalloc(len, gfp);
	if (copy)
		memcpy(copy, s, len);
	return copy;
}

/*
 * Overcommit accounting (Linux's mm/util.c): private writable memory is
 * charged to Committed_AS when it is mapped, whether or not it is ever
 * touched, and the policy in /proc/sys/vm/overcommit_memory decides how
 * much may be charged: 0 refuses only a single request larger than all of
 * RAM and swap; 1 never refuses; 2 keeps the total under
 * CommitLimit = RAM * overcommit_ratio / 100 + swap, less a reserve for
 * root.
 */
#include <errno.h>
#include <mm.h>
#include <swap.h>
#include <vmstat.h>

int sysctl_overcommit_memory;		/* OVERCOMMIT_GUESS */
int sysctl_overcommit_ratio = 50;
unsigned long sysctl_admin_reserve_kbytes = 8192;
static long vm_committed_pages;
long nr_swap_pages;		/* free slots in active swap areas: SwapFree (mm/swapfile.c) */
long total_swap_pages;		/* usable slots in them: SwapTotal, part of CommitLimit */

unsigned long vm_commit_limit(void)
{
	return totalram_pages() * (unsigned long)sysctl_overcommit_ratio / 100 +
	       (unsigned long)total_swap_pages;
}

unsigned long vm_committed(void)
{
	return vm_committed_pages > 0 ? (unsigned long)vm_committed_pages : 0;
}

void vm_unacct_memory(long pages)
{
	vm_committed_pages -= pages;
}

int vm_enough_memory(long pages)
{
	vm_committed_pages += pages;	/* charged first, refunded on refusal */
	if (sysctl_overcommit_memory == 1)
		return 0;
	if (sysctl_overcommit_memory == 0) {
		if ((unsigned long)pages <= totalram_pages() + (unsigned long)total_swap_pages)
			return 0;
	} else if (vm_committed() <= vm_commit_limit() -
		   MIN(vm_commit_limit(), sysctl_admin_reserve_kbytes >> (PAGE_SHIFT - 10))) {
		return 0;
	}
	vm_committed_pages -= pages;
	return -ENOMEM;
}
