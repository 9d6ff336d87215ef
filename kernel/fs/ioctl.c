/*
 * kernel/fs/ioctl.c: ioctl(2).  The requests every file understands are
 * answered here, as Linux's do_vfs_ioctl: the close-on-exec flag
 * (FIOCLEX, FIONCLEX), non-blocking mode (FIONBIO), and for a regular
 * file the bytes between the position and the end (FIONREAD).  The rest
 * go to the file's driver; a file whose driver has no ioctl answers
 * ENOTTY, as Linux's vfs_ioctl does.
 */
#include <errno.h>
#include <fs.h>
#include <syscalls.h>
#include <uaccess.h>

#define FIONREAD	0x541B
#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *file = fget(fd);
	void __user *argp = (void __user *)arg;
	long ret;
	int on;

	if (!file)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		set_close_on_exec(fd, cmd == FIOCLEX);
		ret = 0;
		goto out;
	case FIONBIO:
		ret = copy_from_user(&on, argp, sizeof(on)) ? -EFAULT : 0;
		if (!ret)
			file->f_flags = on ? file->f_flags | O_NONBLOCK : file->f_flags & ~O_NONBLOCK;
		goto out;
	case FIONREAD:
		/* As Linux: an int, negative when the position is past the end. */
		if (S_ISREG(file_inode(file)->i_mode)) {
			ret = put_user((int)(file_inode(file)->i_size - file->f_pos), (int __user *)argp);
			goto out;
		}
		break;
	}
	ret = file->f_op->unlocked_ioctl ? file->f_op->unlocked_ioctl(file, cmd, arg) : -ENOTTY;
out:
	fput(file);
	return ret;
}
