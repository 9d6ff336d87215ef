/*
 * mm/oom_badness.c: how bad it would be to keep a task, the OOM killer's
 * policy.  mm/oom_kill.c kills the task with the highest score; this file
 * is all a student changes to try another rule.
 *
 * The rule is Linux's since 2.6.36: the memory that killing the task would
 * free (resident pages, swap entries, page tables), moved by oom_score_adj
 * in thousandths of all memory.  With /proc/sys/vm/oom_badness_classic set
 * it is the 2.6.32 rule the classic texts describe instead, so the two can
 * be compared on the same workload.
 */
#include <mm_user.h>
#include <oom.h>
#include <sched.h>
#include <timer.h>

int sysctl_oom_badness_classic;

/* oom_unkillable: init, kernel threads, tasks gone or going, OOM_SCORE_ADJ_MIN, a vfork child. */
static bool oom_unkillable(const struct task_struct *t)
{
	if (t->pid == 1 || !t->mm || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
		return true;
	if (t->oom_score_adj == OOM_SCORE_ADJ_MIN || t->mm->oom_skip)
		return true;
	return t->vfork_parent && !t->vfork_done;	/* its memory is its parent's */
}

/* badness_modern: Linux's oom_badness(). */
static long badness_modern(const struct task_struct *t, unsigned long totalpages)
{
	const struct mm_struct *mm = t->mm;
	long points, adj = t->oom_score_adj;

	points = (long)(mm->rss_anon + mm->rss_file + mm->rss_shmem) + (long)mm->swap_ents +
		 (long)(mm->pgtables_bytes / PAGE_SIZE);
	adj *= (long)(totalpages / 1000);	/* in Linux's order: the division first */
	return points + adj;
}

/* int_sqrt: the integer square root, as Linux's lib/math/int_sqrt.c. */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/*
 * badness_classic: Linux 2.6.32's badness(), step for step.  rvmm cannot
 * vary three of its factors: every task is root (so every score is
 * quartered for CAP_SYS_ADMIN, and again for CAP_SYS_RAWIO), there is no
 * nice, and there are no cpusets; the quarterings are kept, as they
 * change no ordering.  oom_adj is oom_score_adj * 17 / 1000.
 */
static long badness_classic(const struct task_struct *t)
{
	unsigned long points = t->mm->total_vm, cpu_time, run_time;
	int oom_adj = t->oom_score_adj * 17 / 1000;
	const struct task_struct *c;

	list_for_each_entry(c, &t->children, sibling)
		if (c->mm && c->mm != t->mm)
			points += c->mm->total_vm / 2 + 1;
	cpu_time = (t->utime + t->stime) >> (7 + 3);	/* SHIFT_HZ is 7 at HZ 100: units of ~8 s */
	if (cpu_time)
		points /= int_sqrt(cpu_time);
	run_time = (unsigned long)((jiffies - t->start_time) / HZ) >> 10;	/* units of 1024 s */
	if (run_time)
		points /= int_sqrt(int_sqrt(run_time));
	points /= 4;		/* CAP_SYS_ADMIN: everyone is root */
	points /= 4;		/* CAP_SYS_RAWIO: likewise */
	if (oom_adj > 0) {
		if (!points)
			points = 1;
		points <<= oom_adj;
	} else if (oom_adj < 0) {
		points >>= -oom_adj;
	}
	return (long)points;
}

long oom_badness(const struct task_struct *t, unsigned long totalpages)
{
	if (oom_unkillable(t))
		return LONG_MIN;
	return sysctl_oom_badness_classic ? badness_classic(t) : badness_modern(t, totalpages);
}

unsigned long oom_score(const struct task_struct *t, unsigned long totalpages)
{
	long badness = oom_badness(t, totalpages);

	if (badness == LONG_MIN)
		return 0;
	if (sysctl_oom_badness_classic)
		return (unsigned long)badness;	/* 2.6.32 showed the points themselves */
	badness = (1000 + badness * 1000 / (long)totalpages) * 2 / 3;
	return badness > 0 ? (unsigned long)badness : 0;
}
