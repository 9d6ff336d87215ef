/*
 * kernel/fs/fcntl.c: fcntl(2): duplicating a descriptor, its
 * close-on-exec flag, and the open file's status flags.
 *
 * A descriptor's only flag is FD_CLOEXEC (the files_struct's
 * close_on_exec bitmap, which execve honours); the status flags belong to
 * the open file, so every dup of it sees a change.  Of those, F_SETFL
 * changes O_APPEND and O_NONBLOCK and leaves the rest as opened.  Record
 * locks, leases, owners and pipe sizes are not there: their commands are
 * EINVAL, as any command Linux does not know.
 */
#include <errno.h>
#include <resource.h>
#include <fs.h>
#include <syscalls.h>

/* Commands, asm-generic/fcntl.h */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_LINUX_SPECIFIC_BASE	1024
#define F_DUPFD_CLOEXEC	(F_LINUX_SPECIFIC_BASE + 6)

#define FD_CLOEXEC	1

/* The status flags F_SETFL may change. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK)

long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *file = fget(fd);
	long err;

	if (!file)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* As Linux: a lowest descriptor at or past RLIMIT_NOFILE (a negative one too) is EINVAL. */
		err = arg >= rlimit(RLIMIT_NOFILE) ? -EINVAL
					: f_dupfd((unsigned int)arg, file,
						  cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		break;
	case F_GETFD:
		err = get_close_on_exec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		err = 0;
		break;
	case F_GETFL:
		err = file->f_flags;
		break;
	case F_SETFL:
		file->f_flags = ((unsigned int)arg & SETFL_MASK) | (file->f_flags & ~SETFL_MASK);
		err = 0;
		break;
	default:
		err = -EINVAL;
		break;
	}
	fput(file);
	return err;
}
