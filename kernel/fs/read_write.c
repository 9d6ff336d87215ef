/*
 * kernel/fs/read_write.c: read(2), write(2), lseek(2), the positioned
 * pread64(2)/pwrite64(2), the vectored readv(2)/writev(2)/preadv(2)/
 * pwritev(2), and fsync(2)/fdatasync(2).
 *
 * Every transfer goes through an iov_iter, so the same file operations
 * serve a system call (user memory) and the kernel itself (kernel_read,
 * kernel_write: the initramfs, exec).  The file's position is read
 * before the transfer and stored after it, as Linux does for files that
 * have positions; pipes and terminals ignore it.
 */
#include <errno.h>
#include <fs.h>
#include <slab.h>
#include <syscalls.h>
#include <mm.h>

/* Largest single transfer (Linux's MAX_RW_COUNT): below 2 GiB, page aligned. */
#define MAX_RW_COUNT	(__INT_MAX__ & PAGE_MASK)

/* rw_verify: what Linux checks before any read or write. */
static ssize_t rw_verify(struct file *file, struct iov_iter *iter, const loff_t *pos, fmode_t need)
{
	if (!(file->f_mode & need))
		return -EBADF;
	/* A vector's segments were checked as it was imported. */
	if (iter->user && !iter->iov && !access_ok(iter->buf, iter->count))
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
	/* O_APPEND: every write starts at the end, pwrite's too (as Linux's generic_write_checks). */
	if ((file->f_flags & O_APPEND) && S_ISREG(file_inode(file)->i_mode))
		*pos = file_inode(file)->i_size;
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

loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence, loff_t maxsize,
				loff_t eof)
{
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
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	const struct inode *inode = file_inode(file);

	return generic_file_llseek_size(file, offset, whence, inode->i_sb->s_maxbytes,
					inode->i_size);
}

loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
	switch (whence) {
	case SEEK_SET:
	case SEEK_CUR:
	case SEEK_END:
		return generic_file_llseek_size(file, offset, whence, size, size);
	default:
		return -EINVAL;
	}
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

/*
 * file_has_pos: may the file be read or written at a position of the
 * caller's choosing (Linux's FMODE_PREAD/FMODE_PWRITE)?  Not a pipe or a
 * terminal: a file without lseek is a stream.
 */
static bool file_has_pos(const struct file *file)
{
	return file->f_op->llseek && file->f_op->llseek != no_llseek;
}

/* ---- pread64(2), pwrite64(2) ---- */

long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	struct iov_iter iter;
	struct file *file;
	long ret;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	iov_iter_user(&iter, buf, count);
	ret = file_has_pos(file) ? vfs_iter_read(file, &iter, &pos) : -ESPIPE;
	fput(file);
	return ret;
}

long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)
{
	struct iov_iter iter;
	struct file *file;
	long ret;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	iov_iter_user(&iter, (char __user *)buf, count);
	ret = file_has_pos(file) ? vfs_iter_write(file, &iter, &pos) : -ESPIPE;
	fput(file);
	return ret;
}

/* ---- readv(2), writev(2), preadv(2), pwritev(2) ---- */

#define UIO_MAXIOV	1024	/* IOV_MAX: segments in one call */
#define UIO_FASTIOV	8	/* segments copied onto the stack; more are kmalloc'ed */

/*
 * import_iovec: copy the user's array of vlen segments into *iov (fast,
 * or a kmalloc'ed one the caller kfrees when it differs from fast) and
 * check it as Linux's: more than UIO_MAXIOV segments or a length that
 * is negative as an ssize_t is EINVAL, a segment outside user space
 * EFAULT, and a total above MAX_RW_COUNT is cut to it.  The total, or
 * -errno.
 */
static ssize_t import_iovec(const struct iovec __user *uvec, unsigned long vlen,
			    struct iovec *fast, struct iovec **iov)
{
	size_t total = 0;

	*iov = fast;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (vlen > UIO_FASTIOV) {
		*iov = kmalloc(vlen * sizeof(**iov), GFP_KERNEL);
		if (!*iov)
			return -ENOMEM;
	}
	if (copy_from_user(*iov, uvec, vlen * sizeof(**iov)))
		return -EFAULT;
	for (unsigned long seg = 0; seg < vlen; seg++)
		if ((ssize_t)(*iov)[seg].iov_len < 0)
			return -EINVAL;
	for (unsigned long seg = 0; seg < vlen; seg++) {
		size_t len = (*iov)[seg].iov_len;

		if (!access_ok((*iov)[seg].iov_base, len))
			return -EFAULT;
		if (len > MAX_RW_COUNT - total)
			(*iov)[seg].iov_len = len = MAX_RW_COUNT - total;
		total += len;
	}
	return (ssize_t)total;
}

/*
 * do_iter_rw: the segments at *pos as one transfer through one iov_iter,
 * so the file sees a single read or write (a pipe returns what it has, a
 * write to it of up to PIPE_BUF bytes in all stays atomic).
 */
static ssize_t do_iter_rw(struct file *file, const struct iovec __user *uvec,
			  unsigned long vlen, loff_t *pos, bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov;
	struct iov_iter iter;
	ssize_t total;

	total = import_iovec(uvec, vlen, fast, &iov);
	if (total < 0)
		goto out;
	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ))) {
		total = -EBADF;
		goto out;
	}
	if (!total)
		goto out;
	iov_iter_iovec(&iter, iov, vlen, (size_t)total);
	total = write ? vfs_iter_write(file, &iter, pos) : vfs_iter_read(file, &iter, pos);
out:
	if (iov != fast)
		kfree(iov);
	return total;
}

/* do_readv_writev: readv/writev at the file's position. */
static long do_readv_writev(unsigned int fd, const struct iovec __user *vec,
			    unsigned long vlen, bool write)
{
	struct file *file = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!file)
		return -EBADF;
	pos = file->f_pos;
	ret = do_iter_rw(file, vec, vlen, &pos, write);
	if (ret > 0)
		file->f_pos = pos;
	fput(file);
	return ret;
}

/*
 * do_preadv_pwritev: at pos, which a 64-bit kernel takes whole from the
 * low register (Linux's pos_from_hilo shifts the high one out of reach).
 */
static long do_preadv_pwritev(unsigned int fd, const struct iovec __user *vec,
			      unsigned long vlen, loff_t pos, bool write)
{
	struct file *file;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	ret = file_has_pos(file) ? do_iter_rw(file, vec, vlen, &pos, write) : -ESPIPE;
	fput(file);
	return ret;
}

long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_readv_writev((unsigned int)fd, vec, vlen, false);
}

long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_readv_writev((unsigned int)fd, vec, vlen, true);
}

long sys_preadv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		unsigned long pos_l, unsigned long pos_h)
{
	(void)pos_h;
	return do_preadv_pwritev((unsigned int)fd, vec, vlen, (loff_t)pos_l, false);
}

long sys_pwritev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		 unsigned long pos_l, unsigned long pos_h)
{
	(void)pos_h;
	return do_preadv_pwritev((unsigned int)fd, vec, vlen, (loff_t)pos_l, true);
}

/* ---- fsync(2), fdatasync(2) ---- */

/* noop_fsync: a file system with nothing to write back (ramfs: the data is the page cache). */
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	return 0;
}

/* do_fsync: a file whose driver cannot sync (pipes, terminals, /proc) is EINVAL, as Linux's. */
static long do_fsync(unsigned int fd, int datasync)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = file->f_op->fsync ? file->f_op->fsync(file, 0, MAX_LFS_FILESIZE, datasync) : -EINVAL;
	fput(file);
	return ret;
}

long sys_fsync(unsigned int fd)
{
	return do_fsync(fd, 0);
}

long sys_fdatasync(unsigned int fd)
{
	return do_fsync(fd, 1);
}
