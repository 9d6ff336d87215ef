/*
 * kernel/fs/readdir.c: listing directories, getdents64(2).
 *
 * A file system's iterate walks its entries from ctx->pos and hands each
 * to the actor, which here packs linux_dirent64 records into the caller's
 * buffer.  A record's d_off is where the next entry starts, which is only
 * known once the file system offers that entry (or stops): so the newest
 * record is held back in the callback and copied out when its d_off is
 * filled in, as Linux patches the previous record.
 */
#include <errno.h>
#include <fs.h>
#include <string.h>
#include <syscalls.h>
#include <uaccess.h>

#define DIRENT_HEADER	__builtin_offsetof(struct linux_dirent64, d_name)
#define DIRENT_MAX	ALIGN(DIRENT_HEADER + NAME_MAX + 1, sizeof(u64))

struct getdents_callback64 {
	struct dir_context ctx;
	struct iov_iter *to;
	size_t count;			/* room left in the buffer, the held-back record counted */
	size_t written;			/* bytes copied out */
	unsigned int prev_reclen;	/* length of the held-back record, 0 if none */
	loff_t prev_pos;		/* the held-back record's own position */
	int error;
	union {
		struct linux_dirent64 prev;
		char prevbuf[DIRENT_MAX];
	};
};

bool dir_emit_dots(struct dir_context *ctx, u64 ino, u64 parent_ino)
{
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, parent_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

int iterate_dir(struct file *file, struct dir_context *ctx)
{
	int res;

	if (!file->f_op->iterate)
		return -ENOTDIR;
	if (IS_DEADDIR(file_inode(file)))
		return -ENOENT;
	ctx->pos = file->f_pos;
	res = file->f_op->iterate(file, ctx);
	file->f_pos = ctx->pos;
	return res;
}

ssize_t generic_read_dir(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return -EISDIR;
}

/* flush_prev: copy the held-back record out; false on a fault. */
static bool flush_prev(struct getdents_callback64 *buf, loff_t next_pos)
{
	buf->prev.d_off = next_pos;
	if (copy_to_iter(buf->prevbuf, buf->prev_reclen, buf->to) != buf->prev_reclen)
		return false;
	buf->written += buf->prev_reclen;
	buf->prev_reclen = 0;
	return true;
}

static bool filldir64(struct dir_context *ctx, const char *name, int namlen,
		      loff_t pos, u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	size_t reclen = ALIGN(DIRENT_HEADER + (size_t)namlen + 1, sizeof(u64));

	/* Reported only if not even the first record fits. */
	buf->error = -EINVAL;
	if (reclen > buf->count)
		return false;
	if (buf->prev_reclen && !flush_prev(buf, pos)) {
		buf->error = -EFAULT;	/* prev_reclen stays: the record was not delivered */
		return false;
	}
	memset(buf->prevbuf, 0, reclen);
	buf->prev_pos = pos;
	buf->prev.d_ino = ino;
	buf->prev.d_reclen = (unsigned short)reclen;
	buf->prev.d_type = (unsigned char)d_type;
	memcpy(buf->prev.d_name, name, (size_t)namlen);
	buf->prev_reclen = (unsigned int)reclen;
	buf->count -= reclen;
	buf->error = 0;
	return true;
}

long ksys_getdents64(unsigned int fd, struct iov_iter *to)
{
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.to = to,
		.count = to->count,
	};
	struct file *file = fget(fd);
	long error;

	if (!file)
		return -EBADF;
	error = iterate_dir(file, &buf.ctx);
	if (error >= 0)
		error = buf.error;
	if (error != -EFAULT && buf.prev_reclen)
		error = flush_prev(&buf, buf.ctx.pos) ? (long)buf.written : -EFAULT;
	else if (error >= 0)
		error = (long)buf.written;
	/* A record that could not be copied out was not read: the next call starts with it. */
	if (error == -EFAULT && buf.prev_reclen)
		file->f_pos = buf.prev_pos;
	fput(file);
	return error;
}

long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count)
{
	struct iov_iter iter;
	struct file *file = fget(fd);

	/* As Linux: the descriptor first, then the buffer; a bad buffer reads nothing. */
	if (!file)
		return -EBADF;
	fput(file);
	if (!access_ok(dirent, count))
		return -EFAULT;
	iov_iter_user(&iter, dirent, count);
	return ksys_getdents64(fd, &iter);
}
