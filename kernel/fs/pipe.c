/*
 * kernel/fs/pipe.c: pipes, pipe2(2).
 *
 * A pipe is an inode of the internal pipefs with a one-page ring buffer,
 * and two files on it: one open for reading, one for writing.  head and
 * tail count the bytes ever written and read; head - tail are in the
 * pipe, and a byte's place in the page is its count modulo PAGE_SIZE.
 * (Linux's pipe holds 16 pages by default; rvmm's holds one, which makes
 * "full" easy to reach.)
 *
 * A reader of an empty pipe waits for data while a writer exists, and
 * gets end of file (0) when none does.  A writer to a full pipe waits for
 * room while a reader exists, and gets EPIPE when none does (SIGPIPE
 * comes with signals).  With O_NONBLOCK both get EAGAIN instead of
 * waiting.  A write of at most PIPE_BUF bytes is atomic: it waits until
 * it fits whole and is never interleaved with another write.
 */
#include <err.h>
#include <errno.h>
#include <fs.h>
#include <gfp.h>
#include <printk.h>
#include <slab.h>
#include <syscalls.h>
#include <uaccess.h>
#include <wait.h>

#define PIPE_SIZE	PAGE_SIZE

struct pipe_inode_info {
	struct wait_queue_head rd_wait;	/* readers waiting for data */
	struct wait_queue_head wr_wait;	/* writers waiting for room */
	char *buf;			/* the ring: one page */
	unsigned int head;		/* bytes ever written */
	unsigned int tail;		/* bytes ever read */
	unsigned int readers;		/* files open for reading */
	unsigned int writers;		/* files open for writing */
};

static struct super_block *pipe_sb;

static unsigned int pipe_used(const struct pipe_inode_info *pipe)
{
	return pipe->head - pipe->tail;
}

static bool pipe_readable(const struct pipe_inode_info *pipe)
{
	return pipe_used(pipe) || !pipe->writers;
}

static bool pipe_writable(const struct pipe_inode_info *pipe, size_t need)
{
	return PIPE_SIZE - pipe_used(pipe) >= need || !pipe->readers;
}

/* pipe_copy_out: move up to n bytes from the ring to the iterator (in two pieces across the wrap). */
static size_t pipe_copy_out(struct pipe_inode_info *pipe, struct iov_iter *to, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t off = pipe->tail % PIPE_SIZE;
		size_t chunk = MIN(n - done, PIPE_SIZE - off);
		size_t c = copy_to_iter(pipe->buf + off, chunk, to);

		pipe->tail += (unsigned int)c;
		done += c;
		if (c < chunk)
			break;
	}
	return done;
}

/* pipe_copy_in: move up to n bytes from the iterator into the ring. */
static size_t pipe_copy_in(struct pipe_inode_info *pipe, struct iov_iter *from, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t off = pipe->head % PIPE_SIZE;
		size_t chunk = MIN(n - done, PIPE_SIZE - off);
		size_t c = copy_from_iter(pipe->buf + off, chunk, from);

		pipe->head += (unsigned int)c;
		done += c;
		if (c < chunk)
			break;
	}
	return done;
}

static ssize_t pipe_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *pipe = file_inode(file)->i_private;
	size_t total_len = to->count;
	long ret = 0;

	if (!total_len)
		return 0;
	for (;;) {
		size_t avail = pipe_used(pipe);

		if (avail) {
			size_t n = MIN(avail, total_len);
			size_t c = pipe_copy_out(pipe, to, n);

			if (c)
				wake_up_interruptible(&pipe->wr_wait);
			return c ? (ssize_t)c : -EFAULT;
		}
		if (!pipe->writers)
			return 0;		/* end of file */
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(pipe->rd_wait, pipe_readable(pipe));
		if (ret)
			return ret;
	}
}

static ssize_t pipe_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *pipe = file_inode(file)->i_private;
	size_t total_len = from->count, written = 0;
	/* Up to PIPE_BUF bytes must go in at once; a larger write may go piecemeal. */
	size_t need = total_len <= PIPE_BUF ? total_len : 1;
	long ret = 0;

	if (!total_len)
		return 0;
	for (;;) {
		size_t room;

		if (!pipe->readers) {
			ret = -EPIPE;
			break;
		}
		room = PIPE_SIZE - pipe_used(pipe);
		if (room >= need) {
			size_t n = MIN(room, total_len - written);
			size_t c = pipe_copy_in(pipe, from, n);

			written += c;
			if (c)
				wake_up_interruptible(&pipe->rd_wait);
			if (c < n) {
				ret = -EFAULT;
				break;
			}
			if (written == total_len)
				break;
			continue;
		}
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		ret = wait_event_interruptible(pipe->wr_wait, pipe_writable(pipe, need));
		if (ret)
			break;
	}
	return written ? (ssize_t)written : ret;
}

static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = inode->i_private;

	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	/* Whoever waits on the other end must see the end of file or EPIPE. */
	wake_up_all(&pipe->rd_wait);
	wake_up_all(&pipe->wr_wait);
	return 0;
}

/* pipe_ioctl: FIONREAD, the bytes waiting in the pipe; nothing else (ENOTTY). */
static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = file_inode(file)->i_private;

	if (cmd != 0x541B)	/* FIONREAD */
		return -ENOTTY;
	return put_user((int)pipe_used(pipe), (int __user *)arg);
}

static const struct file_operations pipefifo_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.unlocked_ioctl = pipe_ioctl,
	.llseek = no_llseek,
	.release = pipe_release,
};

/* get_pipe_inode: a pipefs inode with an empty pipe, counted as one reader and one writer. */
static struct inode *get_pipe_inode(void)
{
	struct inode *inode = new_inode(pipe_sb);
	struct pipe_inode_info *pipe;

	if (!inode)
		return NULL;
	pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);
	if (!pipe)
		goto fail_inode;
	pipe->buf = (char *)__get_free_pages(GFP_USER, 0);
	if (!pipe->buf)
		goto fail_pipe;
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;
	inode->i_private = pipe;
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_fop = &pipefifo_fops;
	return inode;

fail_pipe:
	kfree(pipe);
fail_inode:
	iput(inode);		/* i_private is NULL: evict frees nothing else */
	return NULL;
}

/* open_pipe_end: a file on the pipe inode with open(2) flags (a reference to inode is taken). */
static struct file *open_pipe_end(struct inode *inode, int flags)
{
	struct file *file = alloc_empty_file(flags);
	int err;

	if (IS_ERR(file))
		return file;
	err = vfs_open(inode, file);
	if (err) {
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}

/* create_pipe_files: the two files of a new pipe. */
static int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = get_pipe_inode();
	struct pipe_inode_info *pipe;
	int err = 0;

	if (!inode)
		return -ENFILE;
	pipe = inode->i_private;
	res[0] = open_pipe_end(inode, O_RDONLY | (flags & O_NONBLOCK));
	if (IS_ERR(res[0])) {
		err = (int)PTR_ERR(res[0]);
		goto out;
	}
	res[1] = open_pipe_end(inode, O_WRONLY | (flags & O_NONBLOCK));
	if (IS_ERR(res[1])) {
		err = (int)PTR_ERR(res[1]);
		pipe->writers--;	/* the write end never opened */
		fput(res[0]);
	}
out:
	iput(inode);			/* the files hold it now */
	return err;
}

/* __do_pipe_flags: a pipe's two files on two reserved descriptors, not yet installed. */
static int __do_pipe_flags(int *fd, struct file **files, int flags)
{
	int err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags((unsigned int)flags);
	if (fd[0] < 0) {
		err = fd[0];
		goto fail_files;
	}
	fd[1] = get_unused_fd_flags((unsigned int)flags);
	if (fd[1] < 0) {
		err = fd[1];
		goto fail_fd0;
	}
	return 0;

fail_fd0:
	put_unused_fd((unsigned int)fd[0]);
fail_files:
	fput(files[0]);
	fput(files[1]);
	return err;
}

int do_pipe_flags(int *fd, int flags)
{
	struct file *files[2];
	int err = __do_pipe_flags(fd, files, flags);

	if (err)
		return err;
	fd_install((unsigned int)fd[0], files[0]);
	fd_install((unsigned int)fd[1], files[1]);
	return 0;
}

long sys_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2];
	int err = __do_pipe_flags(fd, files, flags);

	if (err)
		return err;
	/* Only descriptors the program has learned about get files. */
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		put_unused_fd((unsigned int)fd[0]);
		put_unused_fd((unsigned int)fd[1]);
		fput(files[0]);
		fput(files[1]);
		return -EFAULT;
	}
	fd_install((unsigned int)fd[0], files[0]);
	fd_install((unsigned int)fd[1], files[1]);
	return 0;
}

/* ---- pipefs ---- */

static void pipefs_evict_inode(struct inode *inode)
{
	struct pipe_inode_info *pipe = inode->i_private;

	if (!pipe)
		return;
	free_page((unsigned long)pipe->buf);
	kfree(pipe);
}

static const struct super_operations pipefs_ops = {
	.evict_inode = pipefs_evict_inode,
};

static int pipefs_fill_super(struct super_block *sb)
{
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_op = &pipefs_ops;
	sb->s_root = new_inode(sb);
	if (!sb->s_root)
		return -ENOMEM;
	sb->s_root->i_mode = S_IFDIR | 0700;
	return 0;
}

static const struct file_system_type pipefs_fs_type = {
	.name = "pipefs",
	.fill_super = pipefs_fill_super,
};

void init_pipe_fs(void)
{
	pipe_sb = kern_mount(&pipefs_fs_type);
	if (IS_ERR(pipe_sb))
		panic("init_pipe_fs: cannot mount pipefs");
}
