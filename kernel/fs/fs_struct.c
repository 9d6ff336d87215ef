/*
 * kernel/fs/fs_struct.c: the current directory and umask a task has, as
 * Linux's fs/fs_struct.c: threads made with CLONE_FS share one, so a chdir
 * or umask in one is seen by all; any other fork gets a copy.
 */
#include <fs.h>
#include <fs_struct.h>
#include <sched.h>
#include <slab.h>

struct fs_struct init_fs = {
	.users = 1,
	.umask = 0022,
};

struct fs_struct *copy_fs_struct(const struct fs_struct *old)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = old->umask;
	fs->pwd = old->pwd ? igrab(old->pwd) : NULL;
	return fs;
}

void exit_fs(struct task_struct *t)
{
	struct fs_struct *fs = t->fs;

	if (!fs)
		return;
	t->fs = NULL;
	if (--fs->users)
		return;
	if (fs->pwd)
		iput(fs->pwd);
	fs->pwd = NULL;
	if (fs != &init_fs)
		kfree(fs);
}

void set_fs_pwd(struct fs_struct *fs, struct inode *inode)
{
	struct inode *old = fs->pwd;

	fs->pwd = inode;
	if (old)
		iput(old);
}
