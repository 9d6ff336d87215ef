/*
 * kernel/sys.c: the small system calls about the process itself: its
 * ids, its resource usage (getrusage, times), the machine's (sysinfo),
 * uname, reboot, process groups and sessions.
 */
#include <asm/csr.h>
#include <blkdev.h>
#include <errno.h>
#include <mm.h>
#include <mm_user.h>
#include <mmzone.h>
#include <vmstat.h>
#include <power.h>
#include <printk.h>
#include <proc_fs.h>
#include <sched.h>
#include <swap.h>
#include <string.h>
#include <timer.h>
#include <uaccess.h>

/* sys_getpid: the process's id: its thread group's (the leader's pid). */
long sys_getpid(void)
{
	return current->tgid;
}

long sys_gettid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return current->parent ? current->parent->tgid : 0;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/* ---- identity: every task is root (rvmm has no users yet) ---- */

long sys_getuid(void)
{
	return 0;
}

long sys_geteuid(void)
{
	return 0;
}

long sys_getgid(void)
{
	return 0;
}

long sys_getegid(void)
{
	return 0;
}

/* ---- resource usage ---- */


u64 task_sched_runtime(struct task_struct *t)
{
	u64 cycles = t->sum_exec_runtime;

	if (t == current)
		cycles += get_cycles() - t->exec_start;
	return cycles_to_ns(cycles);
}

/*
 * task_cputime_adjusted: utime and stime in nanoseconds, as Linux's
 * cputime_adjust: the tick says how the time divides between user and
 * kernel, the precise runtime how much there was, so that the two add up
 * to what the CPU-time clocks say.
 */
static void task_cputime_adjusted(struct task_struct *t, u64 *ut, u64 *st)
{
	u64 rtime = task_sched_runtime(t), total = t->utime + t->stime;

	if (!t->stime) {
		*ut = rtime;
		*st = 0;
		return;
	}
	if (!t->utime) {
		*ut = 0;
		*st = rtime;
		return;
	}
	/* rtime * utime / total, without the product overflowing. */
	*ut = rtime / total * t->utime + rtime % total * t->utime / total;
	*st = rtime - *ut;
}

/*
 * thread_group_usage: a process's times and faults: its live threads' and
 * its gone threads' (Linux's thread_group_cputime); maxrss is left alone.
 */
static void thread_group_usage(struct task_struct *t, struct task_rusage *r)
{
	struct signal_struct *sig = t->signal;
	struct task_struct *th;

	r->utime_ns = sig->utime_ns;
	r->stime_ns = sig->stime_ns;
	r->min_flt = sig->min_flt;
	r->maj_flt = sig->maj_flt;
	list_for_each_entry(th, &sig->thread_head, thread_node) {
		u64 ut, st;

		task_cputime_adjusted(th, &ut, &st);
		r->utime_ns += ut;
		r->stime_ns += st;
		r->min_flt += th->min_flt;
		r->maj_flt += th->maj_flt;
	}
}

void account_exited_thread(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	u64 ut, st;

	task_cputime_adjusted(t, &ut, &st);
	sig->utime_ns += ut;
	sig->stime_ns += st;
	sig->sum_exec_runtime += task_sched_runtime(t);
	sig->min_flt += t->min_flt;
	sig->maj_flt += t->maj_flt;
}

u64 thread_group_runtime(struct task_struct *t)
{
	struct task_struct *th;
	u64 ns = t->signal->sum_exec_runtime;

	list_for_each_entry(th, &t->signal->thread_head, thread_node)
		ns += task_sched_runtime(th);
	return ns;
}

void acct_reaped_child(struct task_struct *parent, struct task_struct *child)
{
	unsigned long maxrss = MAX(child->maxrss, child->cmaxrss);
	struct task_rusage g;

	thread_group_usage(child, &g);
	parent->cutime_ns += g.utime_ns + child->cutime_ns;
	parent->cstime_ns += g.stime_ns + child->cstime_ns;
	parent->cmin_flt += g.min_flt + child->cmin_flt;
	parent->cmaj_flt += g.maj_flt + child->cmaj_flt;
	if (parent->cmaxrss < maxrss)
		parent->cmaxrss = maxrss;
}

struct old_timeval {
	long tv_sec, tv_usec;
};

/* struct rusage as Linux's (include/uapi/linux/resource.h): 144 bytes on riscv64. */
struct rusage {
	struct old_timeval ru_utime, ru_stime;
	long ru_maxrss;		/* peak resident set, KiB */
	long ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt, ru_majflt;
	long ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw, ru_nivcsw;
};
BUILD_BUG_ON(sizeof(struct rusage) != 144);

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

static struct old_timeval ns_to_timeval(u64 ns)
{
	return (struct old_timeval){ (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / 1000) };
}

void task_rusage_both(struct task_struct *t, struct task_rusage *r)
{
	thread_group_usage(t, r);
	r->utime_ns += t->cutime_ns;
	r->stime_ns += t->cstime_ns;
	r->min_flt += t->cmin_flt;
	r->maj_flt += t->cmaj_flt;
	r->maxrss = MAX(t->maxrss, t->cmaxrss);
	if (t->mm)
		setmax_mm_hiwater_rss(&r->maxrss, t->mm);
}

int put_task_rusage(const struct task_rusage *r, void __user *ru)
{
	struct rusage u;

	memset(&u, 0, sizeof(u));
	u.ru_utime = ns_to_timeval(r->utime_ns);
	u.ru_stime = ns_to_timeval(r->stime_ns);
	u.ru_minflt = (long)r->min_flt;
	u.ru_majflt = (long)r->maj_flt;
	u.ru_maxrss = (long)(r->maxrss << (PAGE_SHIFT - 10));
	return copy_to_user(ru, &u, sizeof(u)) ? -EFAULT : 0;
}

/*
 * sys_getrusage: the process's figures (RUSAGE_SELF: all its threads,
 * those gone too), the calling thread's (RUSAGE_THREAD), or its reaped
 * children's.  The peak RSS of self is that of every address space it has
 * had (exec keeps the old one's); ru_maxrss is in KiB as Linux's.
 */
long sys_getrusage(int who, struct rusage __user *ru)
{
	struct task_struct *t = current;
	struct task_rusage r;

	switch (who) {
	case RUSAGE_SELF:
		thread_group_usage(t, &r);
		break;
	case RUSAGE_THREAD:
		task_cputime_adjusted(t, &r.utime_ns, &r.stime_ns);
		r.min_flt = t->min_flt;
		r.maj_flt = t->maj_flt;
		break;
	case RUSAGE_CHILDREN:
		r = (struct task_rusage){ t->cutime_ns, t->cstime_ns, t->cmin_flt, t->cmaj_flt,
					  t->cmaxrss };
		return put_task_rusage(&r, ru);
	default:
		return -EINVAL;
	}
	r.maxrss = t->maxrss;
	if (t->mm)
		setmax_mm_hiwater_rss(&r.maxrss, t->mm);
	return put_task_rusage(&r, ru);
}

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;	/* clock_t: ticks of USER_HZ */
};

/* sys_times: the same times in clock ticks (USER_HZ = HZ = 100), and the ticks since boot. */
long sys_times(struct tms __user *tbuf)
{
	if (tbuf) {
		struct task_rusage g;
		struct tms tms;

		thread_group_usage(current, &g);
		tms.tms_utime = (long)(g.utime_ns / NSEC_PER_TICK);
		tms.tms_stime = (long)(g.stime_ns / NSEC_PER_TICK);
		tms.tms_cutime = (long)(current->cutime_ns / NSEC_PER_TICK);
		tms.tms_cstime = (long)(current->cstime_ns / NSEC_PER_TICK);
		if (copy_to_user(tbuf, &tms, sizeof(tms)))
			return -EFAULT;
	}
	return (long)jiffies;
}

/* struct sysinfo as Linux's (include/uapi/linux/sysinfo.h): 112 bytes on riscv64. */
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};
BUILD_BUG_ON(sizeof(struct sysinfo) != 112);

/*
 * sys_sysinfo: the figures /proc/meminfo shows (MemTotal, MemFree, Shmem,
 * Buffers, SwapTotal, SwapFree), in bytes: a 64-bit kernel folds mem_unit into them
 * and says 1, as Linux's do_sysinfo.  The uptime rounds up to a whole
 * second, as Linux's.  rvmm keeps no load average: loads are 0.
 */
long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo si;
	struct task_struct *t;
	u64 up = cycles_to_ns(get_cycles());

	memset(&si, 0, sizeof(si));
	si.uptime = (long)(up / NSEC_PER_SEC + (up % NSEC_PER_SEC ? 1 : 0));
	si.totalram = totalram_pages() << PAGE_SHIFT;
	si.freeram = nr_free_pages() << PAGE_SHIFT;
	si.sharedram = global_node_page_state(NR_SHMEM) << PAGE_SHIFT;
	si.bufferram = nr_blockdev_pages() << PAGE_SHIFT;
	si.totalswap = (unsigned long)total_swap_pages << PAGE_SHIFT;
	si.freeswap = (unsigned long)get_nr_swap_pages() << PAGE_SHIFT;
	list_for_each_entry(t, &init_task.tasks, tasks)
		if (t->state != TASK_DEAD)
			si.procs++;
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

/* struct new_utsname: six fields of 65 bytes, as Linux's uname(2). */
struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

long sys_uname(struct new_utsname __user *name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "rvmm");
	strcpy(u.nodename, "rvmm");
	strcpy(u.release, "0.3");
	strcpy(u.version, "#1 " __DATE__);
	strcpy(u.machine, "riscv64");
	strcpy(u.domainname, "(none)");
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC

/*
 * sys_reboot: halt, power off or restart, with Linux's magic numbers.
 * Under QEMU all three end the run (with status 0), which is how a test
 * program running as init finishes a test boot.
 */
long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg)
{
	(void)arg;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	if (cmd != LINUX_REBOOT_CMD_POWER_OFF && cmd != LINUX_REBOOT_CMD_HALT &&
	    cmd != LINUX_REBOOT_CMD_RESTART)
		return -EINVAL;
	pr_notice("reboot: %s\n", cmd == LINUX_REBOOT_CMD_RESTART ? "Restarting system" : "Power down");
	machine_power_off(0);
}

/*
 * Process groups and sessions, with Linux's rules (kernel/sys.c there).
 * A job is a process group; a login is a session, whose controlling
 * terminal sends its keyboard signals to one group, the foreground.
 */

/* pgrp_in_session: has session sid a process in group pgid? */
static bool pgrp_in_session(int pgid, int sid)
{
	struct task_struct *t;

	list_for_each_entry(t, &init_task.tasks, tasks)
		if (t->pid && t->pgid == pgid && t->sid == sid && t->state != TASK_DEAD)
			return true;
	return false;
}

/*
 * sys_setpgid: move pid (0: the caller) into group pgid (0: its own).
 * Only the caller and its children may be moved (ESRCH), within the
 * caller's session (EPERM), never a session leader (EPERM), and only
 * into a group that exists in that session or is the target's own
 * (EPERM).
 */
long sys_setpgid(int pid, int pgid)
{
	struct task_struct *p;

	if (!pid)
		pid = current->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (!p || (p != current && p->parent != current))
		return -ESRCH;
	if (p->sid != current->sid)
		return -EPERM;
	if (p->pid == p->sid)
		return -EPERM;		/* a session leader stays its group's */
	if (pgid != p->pid && !pgrp_in_session(pgid, current->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

static struct task_struct *task_or_current(int pid)
{
	return pid ? find_task_by_pid(pid) : current;
}

long sys_getpgid(int pid)
{
	struct task_struct *p = task_or_current(pid);

	return p ? p->pgid : -ESRCH;
}

long sys_getsid(int pid)
{
	struct task_struct *p = task_or_current(pid);

	return p ? p->sid : -ESRCH;
}

/* sys_setsid: a new session and group, led by the caller, without a terminal; EPERM for a group's leader. */
long sys_setsid(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &init_task.tasks, tasks)
		if (t->pgid == current->pid && t->state != TASK_DEAD)
			return -EPERM;
	current->pgid = current->sid = current->pid;
	return current->pid;
}
