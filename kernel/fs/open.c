/*
 * kernel/fs/open.c: opening and closing files, and truncating them:
 * openat(2), close(2), ftruncate(2).
 *
 * An open resolves the path (creating the last component with O_CREAT),
 * checks the flags against what it found, makes a struct file and only
 * then gives it a descriptor.  Flags are Linux's, with Linux's answers
 * for the odd combinations: O_CREAT|O_DIRECTORY is EINVAL (since Linux
 * 6.4), a directory opened for writing or truncation is EISDIR, and
 * O_TRUNC truncates even an O_RDONLY open of a regular file.
 */
#include <err.h>
#include <slab.h>
#include <errno.h>
#include <fs_struct.h>
#include <namei.h>
#include <sched.h>
#include <syscalls.h>

int do_truncate(struct inode *inode, loff_t length)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE, .ia_size = length };

	if (length < 0)
		return -EINVAL;
	if (!inode->i_op->setattr)
		return -EPERM;
	return inode->i_op->setattr(inode, &attr);
}

int vfs_open(struct inode *inode, struct file *file)
{
	int err;

	file->f_inode = igrab(inode);
	file->f_mapping = inode->i_mapping;
	file->f_op = inode->i_fop;
	if (!file->f_op)
		return -ENXIO;		/* a node no driver serves (FIFO, socket, block device) */
	if (file->f_op->open) {
		err = file->f_op->open(inode, file);
		if (err)
			return err;
	}
	file->f_mode |= FMODE_OPENED;
	return 0;
}

/* may_open: may inode be opened with flags? */
static int may_open(const struct inode *inode, int flags)
{
	if (S_ISLNK(inode->i_mode))
		return -ELOOP;			/* O_NOFOLLOW met a symbolic link */
	if (S_ISDIR(inode->i_mode)) {
		if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))
			return -EISDIR;
	} else if (flags & O_DIRECTORY) {
		return -ENOTDIR;
	}
	return 0;
}

/*
 * open_create: resolve name for an O_CREAT open: the existing file (an
 * existing symbolic link is followed unless O_NOFOLLOW) or a new regular
 * file, referenced in *res; *created tells which.
 */
static int open_create(int dfd, struct filename *name, int flags, umode_t mode,
		       struct inode **res, bool *created)
{
	struct inode *dir, *inode;
	struct qstr last;
	int type, err;

	err = filename_parentat(dfd, name, &dir, &last, &type);
	if (err)
		return err;
	if (type != LAST_NORM || last.name[last.len] == '/') {
		err = -EISDIR;			/* "/", ".", "..", "name/" */
		goto out;
	}
	inode = lookup_one(dir, &last);
	if (!IS_ERR(inode)) {
		if (flags & O_EXCL) {
			iput(inode);
			err = -EEXIST;
		} else if (S_ISLNK(inode->i_mode) && !(flags & O_NOFOLLOW)) {
			iput(inode);
			err = filename_lookup(dfd, name, LOOKUP_FOLLOW, res);
		} else {
			*res = inode;
		}
		goto out;
	}
	err = (int)PTR_ERR(inode);
	if (err != -ENOENT)
		goto out;
	inode = vfs_create(dir, &last, mode);
	if (IS_ERR(inode)) {
		err = (int)PTR_ERR(inode);
		goto out;
	}
	*created = true;
	*res = inode;
	err = 0;
out:
	iput(dir);
	return err;
}

struct file *do_filp_open(int dfd, struct filename *name, int flags, umode_t mode)
{
	struct inode *inode;
	struct file *file;
	bool created = false;
	int err;

	if ((flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT))
		return ERR_PTR(-EINVAL);
	if (flags & (O_PATH | __O_TMPFILE))
		return ERR_PTR(-EOPNOTSUPP);
	if (flags & O_CREAT) {
		err = open_create(dfd, name, flags, mode, &inode, &created);
	} else {
		unsigned int lookup_flags = 0;

		if (!(flags & O_NOFOLLOW))
			lookup_flags |= LOOKUP_FOLLOW;
		if (flags & O_DIRECTORY)
			lookup_flags |= LOOKUP_DIRECTORY;
		err = filename_lookup(dfd, name, lookup_flags, &inode);
	}
	if (err)
		return ERR_PTR(err);

	err = may_open(inode, flags);
	if (err)
		goto out_iput;
	file = alloc_empty_file(flags);
	if (IS_ERR(file)) {
		err = (int)PTR_ERR(file);
		goto out_iput;
	}
	err = vfs_open(inode, file);
	if (err)
		goto out_fput;
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created) {
		err = do_truncate(inode, 0);
		if (err)
			goto out_fput;
	}
	/* There are no dentries to rebuild a path from: keep the one given (maps shows it). */
	file->f_name = kstrdup(name->name, GFP_KERNEL);
	iput(inode);
	return file;

out_fput:
	fput(file);
out_iput:
	iput(inode);
	return ERR_PTR(err);
}

long do_sys_openat(int dfd, struct filename *name, int flags, umode_t mode)
{
	struct file *file;
	int fd;

	/* A 64-bit kernel opens everything large-file capable, and says so in F_GETFL. */
	flags |= O_LARGEFILE;
	fd = get_unused_fd_flags((unsigned int)flags);
	if (fd < 0)
		return fd;
	file = do_filp_open(dfd, name, flags, mode);
	if (IS_ERR(file)) {
		put_unused_fd((unsigned int)fd);
		return PTR_ERR(file);
	}
	fd_install((unsigned int)fd, file);
	return fd;
}

struct file *filp_open(const char *filename, int flags, umode_t mode)
{
	struct filename *name = getname_kernel(filename);
	struct file *file;

	if (IS_ERR(name))
		return ERR_CAST(name);
	file = do_filp_open(AT_FDCWD, name, flags | O_LARGEFILE, mode);
	putname(name);
	return file;
}

long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct filename *name;
	long ret;

	/* Linux checks the flags before it reads the path: a new directory cannot be opened. */
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	/* The caller's umask applies to what its calls create, not to the kernel's own files. */
	ret = do_sys_openat(dfd, name, flags, mode & ~current->fs->umask);
	putname(name);
	return ret;
}

long sys_close(unsigned int fd)
{
	return close_fd(fd);
}

long sys_ftruncate(unsigned int fd, off_t length)
{
	struct file *file;
	long err;

	if (length < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	if (!S_ISREG(file_inode(file)->i_mode) || !(file->f_mode & FMODE_WRITE))
		err = -EINVAL;
	else
		err = do_truncate(file_inode(file), length);
	fput(file);
	return err;
}
