/*
 * kernel/fs/stat.c: a file's attributes: fstat(2), newfstatat(2), and
 * readlinkat(2).
 *
 * The VFS fills a struct kstat; only the system call converts it to the
 * user ABI's struct stat (Linux riscv64's layout, in fs.h).  rvmm keeps no
 * owners or times yet: uid, gid and the three times read as 0.
 */
#include <err.h>
#include <errno.h>
#include <namei.h>
#include <mm.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>

void vfs_getattr(struct inode *inode, struct kstat *stat)
{
	stat->ino = inode->i_ino;
	stat->dev = inode->i_sb->s_dev;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->rdev = inode->i_rdev;
	stat->size = inode->i_size;
	stat->blksize = PAGE_SIZE;
	/* What the file occupies: its cached pages, in 512-byte blocks (as tmpfs reports). */
	/* A tmpfs file's pages in swap are its blocks too, as Linux's shmem counts them. */
	stat->blocks = S_ISREG(inode->i_mode) ?
		(inode->i_mapping->nrpages + inode->i_mapping->nrswapped) * (PAGE_SIZE / 512) : 0;
}

int vfs_fstat(unsigned int fd, struct kstat *stat)
{
	struct file *file = fget(fd);

	if (!file)
		return -EBADF;
	vfs_getattr(file_inode(file), stat);
	fput(file);
	return 0;
}

int vfs_statx(int dfd, struct filename *name, int flags, struct kstat *stat)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct inode *inode;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup_flags &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	err = filename_lookup(dfd, name, lookup_flags, &inode);
	if (err)
		return err;
	vfs_getattr(inode, stat);
	iput(inode);
	return 0;
}

/* cp_new_stat: copy stat out in the user ABI's layout. */
static long cp_new_stat(const struct kstat *stat, struct stat __user *statbuf)
{
	struct stat tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = new_encode_dev(stat->dev);
	tmp.st_ino = stat->ino;
	tmp.st_mode = stat->mode;
	tmp.st_nlink = stat->nlink;
	tmp.st_rdev = new_encode_dev(stat->rdev);
	tmp.st_size = stat->size;
	tmp.st_blksize = (int)stat->blksize;
	tmp.st_blocks = (long)stat->blocks;
	return copy_to_user(statbuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

long sys_newfstat(unsigned int fd, struct stat __user *statbuf)
{
	struct kstat stat;
	int err = vfs_fstat(fd, &stat);

	return err ? err : cp_new_stat(&stat, statbuf);
}

long sys_newfstatat(int dfd, const char __user *filename, struct stat __user *statbuf, int flag)
{
	struct filename *name = getname_flags(filename, (flag & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
	struct kstat stat;
	int err = vfs_statx(dfd, name, flag, &stat);

	putname(name);
	return err ? err : cp_new_stat(&stat, statbuf);
}

long do_readlinkat(int dfd, struct filename *name, struct iov_iter *to)
{
	struct inode *inode;
	const char *target;
	char *buf = NULL;
	long err;

	err = filename_lookup(dfd, name, LOOKUP_EMPTY, &inode);
	if (err)
		return err;
	if (!S_ISLNK(inode->i_mode) || !inode->i_op->get_link) {
		err = -EINVAL;
		goto out;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	target = inode->i_op->get_link(inode, buf, PATH_MAX);
	if (IS_ERR(target)) {
		err = PTR_ERR(target);
		goto out;
	}
	/* No NUL is added, and a short buffer gets the start of the target. */
	err = (long)MIN(strlen(target), to->count);
	if (copy_to_iter(target, (size_t)err, to) != (size_t)err)
		err = -EFAULT;
out:
	kfree(buf);
	iput(inode);
	return err;
}

long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int bufsiz)
{
	struct filename *name;
	struct iov_iter iter;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	iov_iter_user(&iter, buf, (size_t)bufsiz);
	name = getname_flags(path, LOOKUP_EMPTY);
	/* An empty path names dfd itself; the current directory is not a link: ENOENT, as Linux. */
	if (!IS_ERR(name) && !name->name[0] && dfd == AT_FDCWD)
		err = -ENOENT;
	else
		err = do_readlinkat(dfd, name, &iter);
	putname(name);
	return err;
}
