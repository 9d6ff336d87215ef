/*
 * kernel/fs/proc/self.c: /proc/self, a symbolic link to the directory of the
 * process reading it ("1234"), made up anew at every lookup.
 */
#include <err.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include "internal.h"

static const char *proc_self_get_link(struct inode *inode, char *buf, size_t size)
{
	/* pid 0, the idle task, has no /proc directory. */
	if (!current->pid)
		return ERR_PTR(-ENOENT);
	snprintf(buf, size, "%d", current->tgid);	/* the process's, from any of its threads */
	return buf;
}

static const struct inode_operations proc_self_inode_operations = {
	.get_link = proc_self_get_link,
};

void proc_self_init(void)
{
	proc_symlink_entry("self", NULL, &proc_self_inode_operations);
}
