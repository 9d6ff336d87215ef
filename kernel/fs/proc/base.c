/*
 * kernel/fs/proc/base.c: /proc/<pid>, a directory per live process.
 *
 * Its files are written by the process code (include/proc_fs.h): status,
 * stat and maps; the OOM killer's files are here, as in Linux's
 * fs/proc/base.c.  An inode here records only the pid; the task is looked
 * up again at every open (and write), so a file of a process that has
 * exited gives ESRCH rather than a stale task.
 */
#include <err.h>
#include <errno.h>
#include <proc_fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <oom.h>
#include <sched.h>
#include <uaccess.h>
#include "internal.h"

/* oom_score: the badness as the OOM killer sees it now, 0..2000. */
static void proc_oom_score(struct task_struct *task, struct seq_buf *m)
{
	seq_buf_printf(m, "%lu\n", oom_score(task, oom_totalpages()));
}

static void proc_oom_score_adj(struct task_struct *task, struct seq_buf *m)
{
	seq_buf_printf(m, "%d\n", task->oom_score_adj);
}

/* oom_adj: the deprecated scale, -17..15; -1000 reads as -17 (OOM_DISABLE). */
static void proc_oom_adj(struct task_struct *task, struct seq_buf *m)
{
	int adj = task->oom_score_adj == OOM_SCORE_ADJ_MAX ? OOM_ADJUST_MAX :
		  task->oom_score_adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX;

	seq_buf_printf(m, "%d\n", adj);
}

/* parse_int: a decimal (or 0x) integer with surrounding blanks, as kstrtoint after strstrip. */
static int parse_int(char *buf, int *val)
{
	char *end;
	long v;

	while (*buf == ' ' || *buf == '\t' || *buf == '\n')
		buf++;
	v = strtol(buf, &end, 0);
	if (end == buf)
		return -EINVAL;
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	if (*end || v < -2147483647L - 1 || v > 2147483647L)
		return -EINVAL;
	*val = (int)v;
	return 0;
}

static int write_oom_score_adj(struct task_struct *task, char *buf)
{
	int v, err = parse_int(buf, &v);

	if (err)
		return err;
	if (v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	task->oom_score_adj = v;
	return 0;
}

/* write_oom_adj: Linux's mapping: 15 is the maximum, -17 exactly -1000, else adj * 1000 / 17. */
static int write_oom_adj(struct task_struct *task, char *buf)
{
	int v, err = parse_int(buf, &v);

	if (err)
		return err;
	if (v < OOM_DISABLE || v > OOM_ADJUST_MAX)
		return -EINVAL;
	task->oom_score_adj = v == OOM_ADJUST_MAX ? OOM_SCORE_ADJ_MAX :
			      v * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
	return 0;
}

static const struct pid_entry tgid_base_stuff[] = {
	{ "status", 6, S_IFREG | 0444, proc_pid_status, NULL },
	{ "stat", 4, S_IFREG | 0444, proc_pid_stat, NULL },
	{ "maps", 4, S_IFREG | 0444, proc_pid_maps, NULL },
	{ "oom_score", 9, S_IFREG | 0444, proc_oom_score, NULL },
	{ "oom_adj", 7, S_IFREG | 0644, proc_oom_adj, write_oom_adj },
	{ "oom_score_adj", 13, S_IFREG | 0644, proc_oom_score_adj, write_oom_score_adj },
};

/* name_to_pid: the pid a name spells in decimal (no sign, no leading zero), or -1. */
static int name_to_pid(const struct qstr *name)
{
	long pid = 0;

	if (!name->len || name->len > 9 || (name->name[0] == '0' && name->len > 1))
		return -1;
	for (unsigned int i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9')
			return -1;
		pid = pid * 10 + (name->name[i] - '0');
	}
	return (int)pid;
}

static int pid_show(struct seq_buf *m, void *arg)
{
	struct proc_inode *ei = PROC_I(arg);
	struct task_struct *task = find_task_by_pid(ei->pid);

	if (!task)
		return -ESRCH;
	ei->pid_entry->show(task, m);
	return 0;
}

static int proc_pid_file_open(struct inode *inode, struct file *file)
{
	return proc_snapshot_open(file, pid_show, inode);
}

static ssize_t proc_pid_file_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct proc_inode *ei = PROC_I(file_inode(file));
	struct task_struct *task;
	size_t n = MIN(from->count, 31);
	char buf[32];
	int err;

	if (!ei->pid_entry->write)
		return -EIO;
	if (copy_from_iter(buf, n, from) != n)
		return -EFAULT;
	buf[n] = '\0';
	task = find_task_by_pid(ei->pid);
	if (!task)
		return -ESRCH;
	err = ei->pid_entry->write(task, buf);
	if (err)
		return err;
	proc_snapshot_open(file, pid_show, file_inode(file));	/* a read after the write sees the new value */
	return (ssize_t)n;	/* as Linux: what did not fit in the buffer was not taken */
}

static const struct file_operations proc_pid_file_operations = {
	.open = proc_pid_file_open,
	.read = proc_snapshot_read,
	.write = proc_pid_file_write,
	.llseek = proc_snapshot_lseek,
	.mmap = proc_reg_mmap,
	.release = proc_snapshot_release,
};

static struct inode *proc_tgid_base_lookup(struct inode *dir, const struct qstr *name)
{
	int pid = PROC_I(dir)->pid;

	if (name->len == 1 && name->name[0] == '.')
		return igrab(dir);
	if (name->len == 2 && name->name[0] == '.' && name->name[1] == '.')
		return igrab(dir->i_sb->s_root);
	if (!find_task_by_pid(pid))
		return ERR_PTR(-ENOENT);
	for (unsigned int i = 0; i < ARRAY_SIZE(tgid_base_stuff); i++) {
		const struct pid_entry *p = &tgid_base_stuff[i];
		struct inode *inode;

		if (p->len != name->len || memcmp(p->name, name->name, name->len))
			continue;
		inode = new_proc_inode(dir->i_sb, p->mode, PROC_PID_INO(pid, i + 1));
		if (!inode)
			return ERR_PTR(-ENOMEM);
		PROC_I(inode)->pid = pid;
		PROC_I(inode)->pid_entry = p;
		inode->i_fop = &proc_pid_file_operations;
		return inode;
	}
	return ERR_PTR(-ENOENT);
}

static int proc_tgid_base_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);

	if (!find_task_by_pid(PROC_I(inode)->pid))
		return -ENOENT;
	if (!dir_emit_dots(ctx, inode->i_ino, PROC_ROOT_INO))
		return 0;
	for (loff_t i = ctx->pos - 2; i < (loff_t)ARRAY_SIZE(tgid_base_stuff); i++) {
		const struct pid_entry *p = &tgid_base_stuff[i];

		if (!dir_emit(ctx, p->name, (int)p->len, PROC_PID_INO(PROC_I(inode)->pid, i + 1),
			      fs_umode_to_dtype(p->mode)))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup = proc_tgid_base_lookup,
};

static const struct file_operations proc_tgid_base_operations = {
	.read = generic_read_dir,
	.iterate = proc_tgid_base_readdir,
	.llseek = generic_file_llseek,
};

struct inode *proc_pid_lookup(struct inode *dir, const struct qstr *name)
{
	int pid = name_to_pid(name);
	struct inode *inode;

	if (pid <= 0 || !find_task_by_pid(pid))
		return ERR_PTR(-ENOENT);
	inode = new_proc_inode(dir->i_sb, S_IFDIR | 0555, PROC_PID_INO(pid, 0));
	if (!inode)
		return ERR_PTR(-ENOMEM);
	PROC_I(inode)->pid = pid;
	inode->i_op = &proc_tgid_base_inode_operations;
	inode->i_fop = &proc_tgid_base_operations;
	return inode;
}

/* pid_readdir_one: emit the directory of pid if the listing has not passed it; non-zero stops. */
static int pid_readdir_one(int pid, void *arg)
{
	struct dir_context *ctx = arg;
	char name[12];
	int len;

	if (FIRST_PROCESS_ENTRY + (loff_t)pid < ctx->pos)
		return 0;
	ctx->pos = FIRST_PROCESS_ENTRY + (loff_t)pid;
	len = snprintf(name, sizeof(name), "%d", pid);
	if (!dir_emit(ctx, name, len, PROC_PID_INO(pid, 0), DT_DIR))
		return 1;
	ctx->pos++;
	return 0;
}

bool proc_pid_readdir(struct file *file, struct dir_context *ctx)
{
	return for_each_pid(pid_readdir_one, ctx) == 0;
}
