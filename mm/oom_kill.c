/*
 * mm/oom_kill.c: the out-of-memory killer, as Linux's.
 *
 * When an allocation that may wait cannot be served even after the
 * per-cpu lists are drained and the slab caches shrunk (page_alloc.c's
 * slow path), out_of_memory() picks the task whose death frees the most
 * (oom_badness, the policy, in mm/oom_badness.c), reports it in Linux's
 * format, sends it SIGKILL, and reaps it: its private memory is unmapped
 * and freed at once, as Linux's oom_reaper does, even while the victim
 * sleeps in the kernel, so the allocation that asked can succeed on retry.
 * What the reaper cannot free (page tables, the kernel stack, shared and
 * file pages) goes when the victim runs again and exits; until it has
 * exited no second victim is chosen, and the asker fails its allocation
 * (a page fault then gives the victim the CPU and retries).
 */
#include <asm/csr.h>
#include <cmdline.h>
#include <gfp.h>
#include <string.h>
#include <mm_user.h>
#include <oom.h>
#include <printk.h>
#include <sched.h>
#include <swap.h>
#include <signal.h>
#include <vmstat.h>
#include <mmu_context.h>
#include "internal.h"

int sysctl_panic_on_oom;
int sysctl_oom_kill_allocating_task;
int sysctl_oom_dump_tasks = 1;

unsigned long oom_totalpages(void)
{
	return totalram_pages() + (unsigned long)total_swap_pages;	/* Linux's oc->totalpages */
}

bool tsk_is_oom_victim(const struct task_struct *t)
{
	return t->oom_victim;
}

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

/* dump_tasks: the task table, Linux's columns; memory in pages. */
static void dump_tasks(void)
{
	struct task_struct *t;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name\n");
	list_for_each_entry(t, &init_task.tasks, tasks) {
		const struct mm_struct *mm = t->mm;

		if (!mm || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		pr_info("[%7d] %5d %5d %8lu %8lu %8lu %8lu %9lu %8lu %8lu %5d %s\n",
			t->pid, 0, t->pid, mm->total_vm, mm->rss_anon + mm->rss_file + mm->rss_shmem,
			mm->rss_anon, mm->rss_file, mm->rss_shmem, mm->pgtables_bytes, mm->swap_ents,
			t->oom_score_adj, t->comm);
	}
}

/* dump_header: what Linux prints before it chooses: who asked, memory, the tasks. */
static void dump_header(gfp_t gfp, unsigned int order, const struct task_struct *victim)
{
	char names[160];

	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%s), order=%u, oom_score_adj=%d\n",
		current->comm, gfp, format_gfp_flags(gfp, names, sizeof(names)), order,
		current->oom_score_adj);
	pr_warn("Mem-Info:\n");
	show_free_areas();
	if (sysctl_oom_dump_tasks)
		dump_tasks();
	if (victim)
		pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=%s,pid=%d,uid=0\n",
			victim->comm, victim->pid);
}

#ifdef CONFIG_MMU
/*
 * oom_reap_task_mm: free the victim's private memory now (Linux's
 * __oom_reap_task_mm): unmap every page of its private VMAs.  The VMAs
 * and tables stay for its exit; a touch before then finds zeros.
 */
static void oom_reap_task_mm(struct task_struct *victim, struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	for_each_vma(mm, vma)
		if (!(vma->vm_flags & VM_SHARED))
			unmap_page_range(vma, vma->vm_start, vma->vm_end);
	flush_tlb_mm(mm);
	pr_info("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB\n",
		victim->pid, victim->comm, K(mm->rss_anon), K(mm->rss_file), K(mm->rss_shmem));
}
#else
/*
 * oom_reap_task_mm: Linux's reaper needs an MMU, and so does rvmm's:
 * without one, the victim's memory comes back when it exits.
 */
static void oom_reap_task_mm(struct task_struct *victim, struct mm_struct *mm)
{
}
#endif

/* oom_kill_process: kill victim and every task sharing its mm, then reap it. */
static void oom_kill_process(struct task_struct *victim)
{
	struct mm_struct *mm = victim->mm;
	struct task_struct *t;

	count_vm_event(OOM_KILL);
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, UID:0 pgtables:%lukB oom_score_adj:%d\n",
	       victim->pid, victim->comm, K(mm->total_vm), K(mm->rss_anon), K(mm->rss_file),
	       K(mm->rss_shmem), mm->pgtables_bytes >> 10, victim->oom_score_adj);
	list_for_each_entry(t, &init_task.tasks, tasks) {
		if (t->mm != mm || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		if (t->pid == 1 || t->oom_score_adj == OOM_SCORE_ADJ_MIN)
			continue;	/* shares the mm but may not die: Linux skips it too */
		t->oom_victim = true;
		send_signal(t, SIGKILL);
	}
	oom_reap_task_mm(victim, mm);
}

/*
 * select_bad_process: the task with the highest badness, or NULL.
 * *pending says a victim of an earlier kill still holds memory the reaper
 * could not take: then nothing new is chosen, as Linux's oom_evaluate_task.
 */
static struct task_struct *select_bad_process(unsigned long totalpages, bool *pending)
{
	struct task_struct *t, *chosen = NULL;
	long chosen_points = LONG_MIN;

	*pending = false;
	list_for_each_entry(t, &init_task.tasks, tasks) {
		long points;

		if (t->oom_victim && t->mm && t->state != TASK_ZOMBIE && t->state != TASK_DEAD) {
			*pending = true;
			return NULL;
		}
		points = oom_badness(t, totalpages);
		if (points == LONG_MIN || points < chosen_points)
			continue;
		chosen = t;
		chosen_points = points;
	}
	return chosen;
}

/* task_will_free_mem: t is dying already: its memory is on its way back. */
static bool task_will_free_mem(const struct task_struct *t)
{
	return t->mm && (fatal_signal_pending(t) || t->oom_victim);
}

/*
 * bench=oom (make bench, with /bin/oombench as init): the instructions
 * from the first entry into out_of_memory() to the success of the
 * allocation that called it, printed once as "bench oom_kill N instr".
 */
static int oom_bench = -1;	/* -1: the command line not read yet */
static u64 oom_bench_start;

void oom_bench_done(void)
{
	if (oom_bench_start) {
		pr_alert("bench oom_kill %lu instr\n", (unsigned long)(read_instret() - oom_bench_start));
		oom_bench_start = 0;
		oom_bench = 0;
	}
}

bool out_of_memory(gfp_t gfp, unsigned int order)
{
	unsigned long totalpages = oom_totalpages();
	struct task_struct *victim;
	bool pending;
	char what[8];

	if (oom_bench < 0)
		oom_bench = cmdline_find(boot_command_line, "bench", what, sizeof(what)) &&
			    !strcmp(what, "oom");
	if (oom_bench && !oom_bench_start)
		oom_bench_start = read_instret();

	if (sysctl_panic_on_oom) {
		dump_header(gfp, order, NULL);
		panic("Out of memory: %s panic_on_oom is enabled",
		      sysctl_panic_on_oom == 2 ? "compulsory" : "system-wide");
	}
	/* The asker is dying anyway: let it use the reserves and go. */
	if (task_will_free_mem(current)) {
		current->oom_victim = true;
		return true;
	}
	if (sysctl_oom_kill_allocating_task && oom_badness(current, totalpages) != LONG_MIN) {
		dump_header(gfp, order, current);
		oom_kill_process(current);
		return true;
	}
	victim = select_bad_process(totalpages, &pending);
	if (pending)
		return true;
	if (!victim) {
		dump_header(gfp, order, NULL);
		pr_warn("Out of memory and no killable processes...\n");
		panic("System is deadlocked on memory");
	}
	dump_header(gfp, order, victim);
	oom_kill_process(victim);
	return true;
}

void pagefault_out_of_memory(void)
{
	/* Let the victim run and exit; the fault is retried when this task runs again. */
	need_resched = true;
}
