/*
 * include/vmscan.h: page reclaim (mm/vmscan.c): kswapd in the background,
 * direct reclaim in the allocator's slow path (docs/reclaim.md).
 */
#ifndef _RVMM_VMSCAN_H
#define _RVMM_VMSCAN_H

#include <mmzone.h>
#include <types.h>

/* vm.swappiness, 0..200: how readily anonymous pages are reclaimed against file pages (default 60). */
extern int vm_swappiness;

/* wakeup_kswapd: an allocation found the zones below their low watermark: kswapd, reclaim to high. */
void wakeup_kswapd(void);
/* kswapd_run: start kswapd0 (once); its pid, or -errno. */
int kswapd_run(void);
/*
 * try_to_free_pages: direct reclaim for an allocation that may sleep, in
 * the zones it may use, at falling priority until SWAP_CLUSTER_MAX pages
 * are free or priority 0 is done.  Pages reclaimed: 0 is no progress.
 */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order, enum zone_type highest_zoneidx);

/* in_reclaim: is the current task reclaiming (PF_MEMALLOC)?  Then it allocates from the reserves, and never reclaims. */
bool in_reclaim(void);

/* kswapd_state: what the reclaim self-test watches. */
struct kswapd_state {
	int pid;
	bool running;			/* runnable or running, not asleep */
	unsigned long runs;		/* wake-ups it has served */
	unsigned long wakeups;		/* times it was woken */
	int failures;			/* runs in a row that freed nothing */
};
struct kswapd_state kswapd_state(void);

#endif
