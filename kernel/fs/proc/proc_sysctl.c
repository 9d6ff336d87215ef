/*
 * kernel/fs/proc/proc_sysctl.c: /proc/sys, the files of the sysctl tables
 * (include/sysctl.h).
 *
 * A read shows the text the table's handler prints, taken at open.  A
 * write hands the bytes written to the handler, which parses them, and
 * on success the text is taken again, so that reading after lseek(0)
 * shows the new value.  Each write(2) is parsed on its own and must start
 * at position 0, as in Linux.
 *
 * A shell's `echo 1 > /proc/sys/vm/x` opens with O_TRUNC.  As Linux's
 * proc_sys_setattr, a size change is accepted and does nothing (the
 * value is replaced by the write that follows); a mode change is EPERM.
 */
#include <err.h>
#include <errno.h>
#include <slab.h>
#include <string.h>
#include <sysctl.h>
#include <uaccess.h>
#include "internal.h"

#define SYSCTL_WRITE_MAX	(PAGE_SIZE - 1)	/* one write is parsed in one page */

static struct proc_dir_entry *proc_sys_root;

static int sysctl_show(struct seq_buf *m, void *arg)
{
	const struct ctl_table *table = arg;
	size_t len = m->size;
	loff_t pos = 0;
	int err = table->proc_handler(table, 0, m->buffer, &len, &pos);

	if (!err)
		m->len = len;
	return err;
}

static int proc_sys_open(struct inode *inode, struct file *file)
{
	const struct ctl_table *table = PDE(inode)->data;

	/* Even root obeys a sysctl's mode (Linux's proc_sys_permission). */
	if ((file->f_mode & FMODE_WRITE) && !(table->mode & S_IWUSR))
		return -EACCES;
	if ((file->f_mode & FMODE_READ) && !(table->mode & S_IRUSR))
		return -EACCES;
	return proc_snapshot_open(file, sysctl_show, (void *)table);
}

static ssize_t proc_sys_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	const struct ctl_table *table = PDE(file_inode(file))->data;
	size_t count = from->count, len = count;
	char *kbuf;
	int err;

	if (count > SYSCTL_WRITE_MAX)
		return -EINVAL;
	kbuf = kmalloc(count + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (copy_from_iter(kbuf, count, from) != count) {
		err = -EFAULT;
		goto out;
	}
	kbuf[count] = '\0';
	err = table->proc_handler(table, 1, kbuf, &len, pos);
	if (!err)
		proc_snapshot_open(file, sysctl_show, (void *)table);	/* on failure the old text stays */
out:
	kfree(kbuf);
	return err ? err : (ssize_t)len;
}

static const struct file_operations proc_sys_file_operations = {
	.open = proc_sys_open,
	.read = proc_snapshot_read,
	.write = proc_sys_write,
	.llseek = proc_snapshot_lseek,
	.mmap = proc_reg_mmap,
	.release = proc_snapshot_release,
};

static int proc_sys_setattr(struct inode *inode, const struct iattr *attr)
{
	return attr->ia_valid & ATTR_MODE ? -EPERM : 0;
}

static const struct inode_operations proc_sys_inode_operations = {
	.setattr = proc_sys_setattr,
};

/* sys_dir: the directory path names under /proc/sys, made if missing. */
static struct proc_dir_entry *sys_dir(const char *path)
{
	struct proc_dir_entry *dir = proc_sys_root;

	while (dir && *path) {
		const char *end = strchr(path, '/');
		struct qstr name = { path, end ? (unsigned int)(end - path) : (unsigned int)strlen(path) };
		struct proc_dir_entry *child = pde_find(dir, &name);

		if (!child) {
			char *copy = kmalloc(name.len + 1, GFP_KERNEL);

			if (!copy)
				return NULL;
			memcpy(copy, name.name, name.len);
			copy[name.len] = '\0';
			child = proc_mkdir(copy, dir);
		}
		dir = child;
		path += name.len;
		while (*path == '/')
			path++;
	}
	return dir;
}

int register_sysctl(const char *path, const struct ctl_table *table, size_t n)
{
	struct proc_dir_entry *dir = sys_dir(path);

	if (!dir)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct proc_dir_entry *de = proc_create_data(table[i].procname, table[i].mode, dir,
							     &proc_sys_file_operations,
							     (void *)&table[i]);

		if (!de)
			return -ENOMEM;
		de->proc_iops = &proc_sys_inode_operations;
	}
	return 0;
}

void proc_sys_init(void)
{
	proc_sys_root = proc_mkdir("sys", NULL);
	sysctl_init();
}
