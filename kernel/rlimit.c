/*
 * kernel/rlimit.c: resource limits, as Linux's kernel/sys.c keeps them:
 * getrlimit, setrlimit and prlimit64 (the one glibc uses for both).
 *
 * Each process holds a soft and a hard limit per resource.  Anyone may
 * lower either, or raise the soft one up to the hard one; raising the
 * hard one takes CAP_SYS_RESOURCE, which root has (and everything on rvmm
 * runs as root).  fork copies the limits and exec keeps them.  Where
 * they are enforced is the code of what they limit, through rlimit():
 * mm/mmap.c (RLIMIT_AS, RLIMIT_DATA, RLIMIT_STACK), mm/mlock.c
 * (RLIMIT_MEMLOCK), kernel/fs/file_table.c (RLIMIT_NOFILE).
 */
#include <errno.h>
#include <proc_fs.h>
#include <resource.h>
#include <sched.h>
#include <uaccess.h>

unsigned long rlimit(unsigned int resource)
{
	return current->signal->rlim[resource].rlim_cur;
}

unsigned long rlimit_max(unsigned int resource)
{
	return current->signal->rlim[resource].rlim_max;
}

/*
 * do_prlimit: read t's limit into *old and/or set it from *new (either may
 * be NULL), with Linux's checks in its order: the resource, soft above
 * hard (EINVAL), more descriptors than fs.nr_open allows (EPERM), then a
 * hard limit raised without CAP_SYS_RESOURCE (EPERM).
 */
static int do_prlimit(struct task_struct *t, unsigned int resource,
		      const struct rlimit *new, struct rlimit *old)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new) {
		if (new->rlim_cur > new->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN)
			return -EPERM;
	}
	rlim = &t->signal->rlim[resource];
	if (new && new->rlim_max > rlim->rlim_max && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (old)
		*old = *rlim;
	if (new)
		*rlim = *new;
	return 0;
}

long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit value;
	int err = do_prlimit(current, resource, NULL, &value);

	if (err)
		return err;
	return copy_to_user(rlim, &value, sizeof(value)) ? -EFAULT : 0;
}

long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit value;

	if (copy_from_user(&value, rlim, sizeof(value)))
		return -EFAULT;
	return do_prlimit(current, resource, &value, NULL);
}

/*
 * sys_prlimit64: pid 0 is the caller.  The new limit is read before
 * anything else (EFAULT), and the old one written after the new one is
 * set, so a bad old_rlim gives EFAULT with the limit changed, as Linux.
 */
long sys_prlimit64(int pid, unsigned int resource, const struct rlimit __user *new_rlim,
		   struct rlimit __user *old_rlim)
{
	struct rlimit new, old;
	struct task_struct *t;
	int err;

	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	t = pid ? find_task_by_pid(pid) : current;
	if (!t)
		return -ESRCH;
	err = do_prlimit(t, resource, new_rlim ? &new : NULL, old_rlim ? &old : NULL);
	if (!err && old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}
