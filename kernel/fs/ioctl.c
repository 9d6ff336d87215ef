/*
 * kernel/fs/ioctl.c: ioctl(2), handed to the file's driver.  A file
 * whose driver has no ioctl answers ENOTTY, as Linux's vfs_ioctl does.
 */
#include <errno.h>
#include <fs.h>
#include <syscalls.h>

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = file->f_op->unlocked_ioctl ? file->f_op->unlocked_ioctl(file, cmd, arg) : -ENOTTY;
	fput(file);
	return ret;
}
