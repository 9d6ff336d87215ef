/*
 * kernel/sys.c: the small system calls about the process itself.
 */
#include <asm/csr.h>
#include <errno.h>
#include <power.h>
#include <printk.h>
#include <proc_fs.h>
#include <sched.h>
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

struct timespec64 {
	long tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7

/*
 * sys_clock_gettime: rvmm reads no real-time clock, so CLOCK_REALTIME
 * counts from boot like CLOCK_MONOTONIC (the epoch is the boot); the
 * monotonic clocks come from the time CSR, the CPU-time clocks from the
 * ticks charged to the task.
 */
long sys_clock_gettime(int which, struct timespec64 __user *tp)
{
	struct timespec64 ts;
	u64 ns;

	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ns = cycles_to_ns(get_cycles());
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		ns = (current->utime + current->stime) * (1000000000ULL / HZ);
		break;
	default:
		return -EINVAL;
	}
	ts.tv_sec = (long)(ns / 1000000000ULL);
	ts.tv_nsec = (long)(ns % 1000000000ULL);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* sys_gettimeofday: CLOCK_REALTIME in microseconds; the time zone is UTC (all zeros). */
long sys_gettimeofday(void __user *tv, void __user *tz)
{
	u64 ns = cycles_to_ns(get_cycles());
	struct { long tv_sec, tv_usec; } t = { (long)(ns / 1000000000ULL),
						(long)(ns % 1000000000ULL / 1000) };
	struct { int minuteswest, dsttime; } zone = { 0, 0 };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &zone, sizeof(zone)))
		return -EFAULT;
	return 0;
}

long sys_nanosleep(const struct timespec64 __user *req, struct timespec64 __user *rem)
{
	struct timespec64 ts;
	u64 ticks, start = jiffies;
	int err;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	/*
	 * Round up to whole ticks: sleeping less than asked is not allowed.
	 * A time too long to count in ticks sleeps until a signal, as Linux's
	 * (KTIME_MAX is 292 years).
	 */
	if ((u64)ts.tv_sec >= (~0ULL - start) / HZ - 1)
		ticks = ~0ULL - start;
	else
		ticks = (u64)ts.tv_sec * HZ + ((u64)ts.tv_nsec * HZ + 999999999ULL) / 1000000000ULL;
	err = sleep_until(start + ticks);
	if (err && rem) {
		u64 left = start + ticks > jiffies ? start + ticks - jiffies : 0;
		struct timespec64 r = { (long)(left / HZ), (long)(left % HZ) * (1000000000L / HZ) };

		if (copy_to_user(rem, &r, sizeof(r)))
			return -EFAULT;
	}
	return err;
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
