/*
 * tty.c: the terminal and job control: ioctl, termios, process groups
 * and sessions, over Linux's system calls.
 */
#include <errno.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "linux.h"

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return (int)__sys_ret(__sys3(SYS_ioctl, fd, request, arg));
}

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

/* TCSANOW, TCSADRAIN, TCSAFLUSH are TCSETS, TCSETSW, TCSETSF in order. */
int tcsetattr(int fd, int action, const struct termios *t)
{
	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;		/* before any system call, as glibc */
		return -1;
	}
	return ioctl(fd, TCSETS + action, t);
}

/* cfmakeraw: glibc's and the BSDs' raw mode: no editing, echo, signals or output processing. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

pid_t tcgetpgrp(int fd)
{
	int pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int p = pgrp;

	return ioctl(fd, TIOCSPGRP, &p);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__sys_ret(__sys2(SYS_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)__sys_ret(__sys1(SYS_getpgid, pid));
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

pid_t setsid(void)
{
	return (pid_t)__sys_ret(__sys0(SYS_setsid));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)__sys_ret(__sys1(SYS_getsid, pid));
}
