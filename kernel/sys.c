/*
 * kernel/sys.c: the small system calls about the process itself.
 */
#include <errno.h>
#include <power.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <timer.h>
#include <uaccess.h>

long sys_getpid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return current->parent ? current->parent->pid : 0;
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
