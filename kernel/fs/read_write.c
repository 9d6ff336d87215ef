/*
 * kernel/fs/read_write.c: read(2), write(2) and lseek(2).
 *
 * Every transfer goes through an iov_iter, so the same file operations
 * serve a system call (user memory) and the kernel itself (kernel_read,
 * kernel_write: the initramfs, exec).  The file's position is read
 * before the transfer and stored after it, as Linux does for files that
 * have positions; pipes and terminals ignore it.
 */
#include <errno.h>
#include <fs.h>
#include <syscalls.h>
#include <mm.h>

/* Largest single transfer (Linux's MAX_RW_COUNT): below 2 GiB, page aligned. */
#define MAX_RW_COUNT	(__INT_MAX__ & PAGE_MASK)

/* rw_verify: what Linux checks before any read or write. */
static ssize_t rw_verify(struct file *file, struct iov_iter *iter, const loff_t *pos, fmode_t need)
{
	if (!(file->f_mode & need))
		return -EBADF;
	if (iter->user && !access_ok(iter->buf, iter->count))
		return -EFAULT;
	if (*pos < 0)
		return -EINVAL;
	if (iter->count > MAX_RW_COUNT)
		iter->count = MAX_RW_COUNT;
	return 0;
}

ssize_t vfs_iter_read(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	ssize_t err = rw_verify(file, iter, pos, FMODE_READ);

	if (err)
		return err;
	if (!file->f_op->read)
		return -EINVAL;
	return file->f_op->read(file, iter, pos);
}

ssize_t vfs_iter_write(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	ssize_t err = rw_verify(file, iter, pos, FMODE_WRITE);

	if (err)
		return err;
	if (!file->f_op->write)
		return -EINVAL;
	return file->f_op->write(file, iter, pos);
}

ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct iov_iter iter;

	iov_iter_kernel(&iter, buf, count);
	return vfs_iter_read(file, &iter, pos);
}

ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	struct iov_iter iter;

	iov_iter_kernel(&iter, (void *)buf, count);
	return vfs_iter_write(file, &iter, pos);
}

ssize_t ksys_read(unsigned int fd, struct iov_iter *to)
{
	struct file *file = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!file)
		return -EBADF;
	pos = file->f_pos;
	ret = vfs_iter_read(file, to, &pos);
	if (ret >= 0)
		file->f_pos = pos;
	fput(file);
	return ret;
}

ssize_t ksys_write(unsigned int fd, struct iov_iter *from)
{
	struct file *file = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!file)
		return -EBADF;
	pos = file->f_pos;
	ret = vfs_iter_write(file, from, &pos);
	if (ret >= 0)
		file->f_pos = pos;
	fput(file);
	return ret;
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct iov_iter iter;

	iov_iter_user(&iter, buf, count);
	return ksys_read(fd, &iter);
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct iov_iter iter;

	iov_iter_user(&iter, (char __user *)buf, count);
	return ksys_write(fd, &iter);
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t eof = file_inode(file)->i_size;
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		base = eof;
		break;
	case SEEK_DATA:
		/* No holes are reported: all of the file counts as data (Linux's generic answer). */
		if (offset < 0 || offset >= eof)
			return -ENXIO;
		base = 0;
		break;
	case SEEK_HOLE:
		if (offset < 0 || offset >= eof)
			return -ENXIO;
		base = 0;
		offset = eof;
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, offset, &offset))
		return -EINVAL;
	if (offset < 0 || offset > file_inode(file)->i_sb->s_maxbytes)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (!file->f_op->llseek)
		return -ESPIPE;
	return file->f_op->llseek(file, offset, whence);
}

long sys_lseek(unsigned int fd, off_t offset, unsigned int whence)
{
	struct file *file = fget(fd);
	loff_t ret;

	if (!file)
		return -EBADF;
	ret = whence <= SEEK_MAX ? vfs_llseek(file, offset, (int)whence) : -EINVAL;
	fput(file);
	return ret;
}
