/*
 * kernel/fs/d_path.c: getcwd(2).
 *
 * rvmm keeps no dentries, so a directory does not know its own name.  The
 * path is rebuilt upwards instead: from the working directory, ".." gives
 * the parent (a mounted file system's root first steps onto the directory
 * it covers), and the parent's listing gives the name whose inode number
 * is the child's, until "/" is reached.  A working directory that has
 * been removed has no name: ENOENT, as Linux says for an unlinked cwd.
 */
#include <err.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <namei.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>

struct name_of {
	struct dir_context ctx;
	u64 ino;
	char name[NAME_MAX + 1];
	bool found;
};

static bool match_ino(struct dir_context *ctx, const char *name, int namelen, loff_t pos,
		      u64 ino, unsigned int d_type)
{
	struct name_of *n = (struct name_of *)ctx;

	if (ino != n->ino || (namelen == 1 && name[0] == '.') ||
	    (namelen == 2 && name[0] == '.' && name[1] == '.'))
		return true;	/* keep looking */
	memcpy(n->name, name, (size_t)namelen);
	n->name[namelen] = '\0';
	n->found = true;
	return false;
}

/* name_in: child's name in the directory dir, into n; 0 or -errno. */
static int name_in(struct inode *dir, struct inode *child, struct name_of *n)
{
	struct file *file = alloc_empty_file(O_RDONLY | O_DIRECTORY);
	int err;

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	n->ctx.actor = match_ino;
	n->ino = child->i_ino;
	n->found = false;
	err = vfs_open(dir, file);
	if (!err)
		err = iterate_dir(file, &n->ctx);
	fput(file);
	return err ? err : n->found ? 0 : -ENOENT;
}

/* up: the directory above *pos (mounts crossed), replacing the reference in *pos. */
static int up(struct inode **pos)
{
	static const struct qstr dotdot = { "..", 2 };
	struct inode *parent;

	parent = lookup_one(*pos, &dotdot);
	if (IS_ERR(parent))
		return (int)PTR_ERR(parent);
	iput(*pos);
	*pos = parent;
	return 0;
}

/* cross_mounts: from a mounted file system's root, the directory it covers. */
static void cross_mounts(struct inode **pos)
{
	while (*pos != fs_root && *pos == (*pos)->i_sb->s_root && (*pos)->i_sb->s_mountpoint) {
		struct inode *mp = igrab((*pos)->i_sb->s_mountpoint);

		iput(*pos);
		*pos = mp;
	}
}

long sys_getcwd(char __user *buf, unsigned long size)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct name_of *n = kmalloc(sizeof(*n), GFP_KERNEL);
	struct inode *pos = igrab(current->fs->pwd ? current->fs->pwd : fs_root);
	size_t start = PATH_MAX - 1, len;
	long err = 0;

	if (!path || !n) {
		err = -ENOMEM;
		goto out;
	}
	path[start] = '\0';
	if (IS_DEADDIR(pos))
		err = -ENOENT;
	while (!err && (cross_mounts(&pos), pos != fs_root)) {
		struct inode *child = igrab(pos);

		err = up(&pos);
		if (!err) {
			cross_mounts(&pos);
			err = name_in(pos, child, n);
		}
		iput(child);
		if (err)
			break;
		len = strlen(n->name);
		if (len + 1 > start) {
			err = -ENAMETOOLONG;
			break;
		}
		start -= len;
		memcpy(path + start, n->name, len);
		path[--start] = '/';
	}
	if (!err && start == PATH_MAX - 1)
		path[--start] = '/';
	if (!err) {
		len = PATH_MAX - start;		/* the NUL included, as Linux returns */
		if (len > size)
			err = -ERANGE;
		else if (copy_to_user(buf, path + start, len))
			err = -EFAULT;
		else
			err = (long)len;
	}
out:
	iput(pos);
	kfree(path);
	kfree(n);
	return err;
}
