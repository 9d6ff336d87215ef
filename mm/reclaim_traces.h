/*
 * mm/reclaim_traces.h: reference strings and each replacement policy's
 * faults on them, worked by hand.  The policy suite (mm/selftest_policy.c)
 * replays them through the policy the kernel booted with, with real page
 * tables; test/host/unit_reclaim_policy.c through each policy in turn.
 *
 * A trace plays a process with `frames` page frames: each reference to a
 * virtual page either finds it resident, which sets its accessed bit, or
 * is a fault: a free frame is taken, or the policy names one victim whose
 * frame is reused.  A page that faults in has its accessed bit set, as a
 * new PTE has.  Below, a page's state is (y) for its accessed bit, R for
 * PG_referenced; lists head first.
 *
 * Belady's string 1,2,3,4,1,2,5,1,2,3,4,5:
 *
 * fifo: the textbook: 9 faults with 3 frames, 10 with 4 (the anomaly).
 *
 * clock, 3 frames: 1 2 3 fault in, all used.  4: the hand clears 1 2 3
 *   and takes 1.  1 takes 2, 2 takes 3 (both unused by then).  5: 4 1 2
 *   are used, all cleared, 4 goes.  1 2 hit.  3: 1 2 5 cleared, 1 goes.
 *   4 takes 2.  5 hits.  9 faults.
 * clock, 4 frames: 1-4 fault in; 1 2 hit.  5: all four used, cleared, 1
 *   goes; 1 takes 2, 2 takes 3, 3 takes 4 (unused since the sweep).
 *   4: 5 1 2 3 are all used, cleared, 5 goes; 5 takes 1.  10 faults: the
 *   clock is FIFO when every bit is set, and shows the anomaly too.
 *
 * lru2, 3 frames (inactive I, active A; inactive_is_low with ratio 1):
 *   1 2 3 in: I=[3y 2y 1y].  4: each tail is young once (SetPageReferenced,
 *   back to the head), then 1R is not young: 1 goes.  1 takes 2R, 2 takes
 *   3R.  5: I=[2y 1y 4y]: 4 1 2 get R, then 4R goes.  1 2 hit: 2Ry 1Ry.
 *   3: 1 and 2 are young and referenced: both activated (A=[2 1]); I=[5y]
 *   is low against A: 1 is deactivated to I's head; 5y gets R; 1 (not
 *   young since its activation) goes.  4 takes 5R.  5: I=[4y 3y]: both get
 *   R, 3R goes.  10 faults (as exact LRU's 10).
 * lru2, 4 frames: 1-4 in, 1 2 hit (their bits are still set from the
 *   fault).  5: all four get R, 1R goes.  1 takes 2R, 2 takes 3R, 3 takes
 *   4R.  4: I=[3y 2y 1y 5y] all get R, 5R goes; 5 takes 1R.  10 faults:
 *   a fault sets the same bit a later hit would, so the hits of 1 and 2
 *   taught it nothing (exact LRU has 8 here).
 *
 * mglru, 3 frames (generations G<seq>, min_seq 0, max_seq 1 at first):
 *   1 2 3 into G1.  4: G0 is empty with only two generations: aging makes
 *   G2, G0 retires; G1's tails are young: all promoted to G2; G1 empty:
 *   aging makes G3, G2=[3 2 1] is the oldest; 1 goes, 4 into G3.  1 takes
 *   2, 2 takes 3 (not young since the promotion).  5: G3=[2y 1y 4y] all
 *   promoted to G4 by the same steps, 4 goes, 5 into G5.  1 2 hit.  3:
 *   G4=[2y 1y] promoted to G5=[2 1 5y]; aging: 5y promoted to G6; 1 goes.
 *   4 takes 2.  5 hits.  9 faults.
 * mglru, 4 frames: 1-4 into G1; 1 2 hit.  5: all promoted to G2, 1 goes;
 *   1 takes 2, 2 takes 3, 3 takes 4.  4: G3=[3y 2y 1y 5y] all promoted to
 *   G4, 5 goes; 5 takes 1.  10 faults.
 *
 * A hot page, 1,2,3,4,2,5,2,6,2: 2 is used between every two faults.
 *
 * fifo: 2 goes when it is oldest, used or not: 3 frames: 1 2 3 4 fault,
 *   4 takes 1; 5 takes 2, 2 takes 3, 6 takes 4: 7 faults.  4 frames: 1-4,
 *   5 takes 1, 6 takes 2, 2 takes 3: 7 faults.
 * clock, 3 frames: 4: the first sweep clears 1 2 3, 1 goes: [4y 3 2].
 *   2 hits: 2y.  5: 2y at the hand is cleared and passed over (its second
 *   chance), 3 goes: [5y 2 4y].  2 hits.  6: 4y, 2y and 5y are cleared in
 *   turn, then 4 goes.  2 hits.  6 faults.
 * clock, 4 frames: 5: the first sweep clears all four, 1 goes:
 *   [5y 4 3 2].  2 hits.  6: 2y passed over, 3 goes.  2 hits.  6 faults.
 * lru2, 3 frames: 4: as in Belady's, 1 goes: I=[4y 3R 2R].  2 hits: 2Ry.
 *   5: 2Ry is activated (A=[2]; I is not low against it), 3R goes:
 *   I=[5y 4y].  2 hits.  6: 4 and 5 get R, 4R goes.  2 hits.  6 faults.
 * lru2, 4 frames: 5: all four get R, 1R goes: I=[5y 4R 3R 2R].  2 hits:
 *   2Ry.  6: 2 is activated, 3R goes.  2 hits.  6 faults.
 * mglru, 3 frames: 4: as in Belady's, G2=[3 2 1] the oldest, 1 goes, 4
 *   into G3.  2 hits: 2y.  5: G2's tail 2y is promoted to G3, 3 goes, 5
 *   into G3=[5y 2 4y].  2 hits.  6: G2 is empty and retires, aging opens
 *   G4; G3's pages are all young: promoted to G4=[5 2 4]; G3 retires,
 *   aging opens G5; 4 goes.  2 hits.  6 faults.
 * mglru, 4 frames: 5: all promoted to G2=[4 3 2 1], 1 goes, 5 into G3.
 *   2 hits: 2y.  6: G2's tail 2y is promoted to G3, 3 goes.  2 hits.  6
 *   faults.
 */
#ifndef _RVMM_RECLAIM_TRACES_H
#define _RVMM_RECLAIM_TRACES_H

#include <reclaim_policy.h>

#define TRACE_MAX_REFS	12

struct reclaim_trace {
	const char *name;
	int refs[TRACE_MAX_REFS];		/* virtual pages 1 and up */
	unsigned int len;
	unsigned int frames[2];
};

static const struct reclaim_trace reclaim_traces[] = {
	{ "Belady's string", { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 }, 12, { 3, 4 } },
	{ "a hot page's second chance", { 1, 2, 3, 4, 2, 5, 2, 6, 2 }, 9, { 3, 4 } },
};

#define NR_RECLAIM_TRACES	ARRAY_SIZE(reclaim_traces)

/* The faults of each policy on each trace, with each of its frame counts (above). */
static const struct {
	const struct reclaim_policy *policy;
	unsigned long faults[NR_RECLAIM_TRACES][2];
} reclaim_trace_answers[] = {
	{ &fifo_policy, { { 9, 10 }, { 7, 7 } } },
	{ &clock_policy, { { 9, 10 }, { 6, 6 } } },
	{ &lru2_policy, { { 10, 10 }, { 6, 6 } } },
	{ &mglru_policy, { { 9, 10 }, { 6, 6 } } },
};

#endif
