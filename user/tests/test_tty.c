/*
 * test_tty: the terminal and job control, as POSIX and Linux define them.
 *
 * The termios round trip, raw mode and back, the window size and the
 * foreground group need a terminal: the test's controlling terminal
 * (/dev/tty) if it has one, else /dev/console for what needs no
 * controlling terminal; with neither (qemu-user with stdin not a tty)
 * those checks are SKIPs naming the reason.  Process groups and sessions
 * need no terminal: setpgid, getpgid, setsid and getsid with Linux's
 * errnos, and what children inherit.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "tap.h"

static int tty_fd = -1, is_ctty;
static const char *tty_name = "no terminal";

static void open_tty(void)
{
	tty_fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	if (tty_fd >= 0) {
		is_ctty = 1;
		tty_name = "/dev/tty";
		return;
	}
	tty_fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (tty_fd >= 0 && tcgetpgrp(tty_fd) < 0 && errno != ENOTTY) {
		close(tty_fd);
		tty_fd = -1;
	}
	if (tty_fd >= 0)
		tty_name = "/dev/console";
}

static int same_termios(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
	       a->c_cflag == b->c_cflag && a->c_lflag == b->c_lflag &&
	       !memcmp(a->c_cc, b->c_cc, VEOL2 + 1);
}

static void test_termios(void)
{
	const char *why = "no terminal to open (/dev/tty, /dev/console)";
	struct termios orig, t, back;
	struct winsize ws;
	char c;

	if (tty_fd < 0) {
		for (int i = 0; i < 6; i++)
			skip(why, "termios check %d", i);
		return;
	}
	ok(tcgetattr(tty_fd, &orig) == 0, "%s: TCGETS", tty_name);
	t = orig;
	t.c_lflag ^= ECHOE;
	t.c_cc[VERASE] = 010;
	ok(tcsetattr(tty_fd, TCSANOW, &t) == 0 && tcgetattr(tty_fd, &back) == 0 &&
	   same_termios(&t, &back), "TCSETS then TCGETS: the same termios");
	t = orig;
	cfmakeraw(&t);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	ok(tcsetattr(tty_fd, TCSAFLUSH, &t) == 0 && tcgetattr(tty_fd, &back) == 0 &&
	   !(back.c_lflag & (ICANON | ECHO | ISIG)) && !(back.c_oflag & OPOST),
	   "raw mode (TCSETSF): no ICANON, ECHO, ISIG, OPOST");
	ok(read(tty_fd, &c, 1) == 0, "raw, VMIN 0 VTIME 0: a read with nothing typed returns 0 at once");
	ok(tcsetattr(tty_fd, TCSADRAIN, &orig) == 0 && tcgetattr(tty_fd, &back) == 0 &&
	   same_termios(&orig, &back) && (back.c_lflag & ICANON),
	   "back to the original (TCSETSW): canonical again");
	if (on_rvmm())
		ok(ioctl(tty_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 24 && ws.ws_col == 80,
		   "TIOCGWINSZ: 80x24");
	else
		ok(ioctl(tty_fd, TIOCGWINSZ, &ws) == 0, "TIOCGWINSZ (%ux%u)", ws.ws_col, ws.ws_row);
}

static void test_fg_pgrp(void)
{
	int pg = -1;

	if (!is_ctty) {
		skip("no controlling terminal (the test runs without one)", "TIOCGPGRP");
		skip("no controlling terminal", "TIOCSPGRP -1: EINVAL");
		skip("no controlling terminal", "TIOCSPGRP of a missing group: ESRCH");
		skip("no controlling terminal", "TIOCGPGRP to a bad pointer: EFAULT");
		return;
	}
	ok(ioctl(tty_fd, TIOCGPGRP, &pg) == 0 && pg > 0, "TIOCGPGRP: %d", pg);
	pg = -1;
	ok(ioctl(tty_fd, TIOCSPGRP, &pg) < 0 && errno == EINVAL, "TIOCSPGRP -1: EINVAL");
	pg = 0x7ffffff0;
	ok(ioctl(tty_fd, TIOCSPGRP, &pg) < 0 && errno == ESRCH, "TIOCSPGRP of a missing group: ESRCH");
	if (under_qemu_user())
		skip("qemu-user checks the pointer itself", "TIOCGPGRP to a bad pointer: EFAULT");
	else
		ok(syscall(SYS_ioctl, tty_fd, TIOCGPGRP, (void *)8) < 0 && errno == EFAULT,
		   "TIOCGPGRP to a bad pointer: EFAULT");
}

static void test_ioctl_errors(void)
{
	struct termios t;
	int fds[2];

	ok(ioctl(-1, TCGETS, &t) < 0 && errno == EBADF, "ioctl(-1): EBADF");
	ok(pipe(fds) == 0 && ioctl(fds[0], TCGETS, &t) < 0 && errno == ENOTTY,
	   "TCGETS on a pipe: ENOTTY");
	close(fds[0]);
	close(fds[1]);
	if (tty_fd < 0 || under_qemu_user())
		skip(tty_fd < 0 ? "no terminal" : "qemu-user checks the pointer itself",
		     "TCGETS to a bad pointer: EFAULT");
	else
		ok(syscall(SYS_ioctl, tty_fd, TCGETS, (void *)8) < 0 && errno == EFAULT,
		   "TCGETS to a bad pointer: EFAULT");
	if (tty_fd < 0 || under_qemu_user())
		skip(tty_fd < 0 ? "no terminal" : "qemu-user answers an ioctl it does not know itself",
		     "an unknown tty ioctl: ENOTTY");
	else
		ok(ioctl(tty_fd, 0x54ff, &t) < 0 && (errno == ENOTTY || errno == EINVAL),
		   "an unknown tty ioctl: ENOTTY");
}

/* A child that exits at once, reaped: a pid that no longer exists. */
static pid_t gone_pid(void)
{
	pid_t pid = fork_or_vfork();
	int st;

	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	return pid;
}

/* run_child: fn in a child; its exit status (0: every check there passed). */
static int run_in_child(int (*fn)(void))
{
	pid_t pid = fork_or_vfork();
	int st;

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static pid_t parent_pgid, parent_sid;

/* Bits: 1 group not inherited, 2 session not inherited, 4 setpgid(0,0), 8 setsid as leader not EPERM. */
static int child_own_group(void)
{
	int bad = 0;

	bad |= getpgid(0) != parent_pgid;
	bad |= (getsid(0) != parent_sid) << 1;
	bad |= (setpgid(0, 0) != 0 || getpgid(0) != getpid() || getpgrp() != getpid()) << 2;
	bad |= !(setsid() < 0 && errno == EPERM) << 3;
	return bad;
}

/* Bits: 1 setsid, 2 getsid/getpgid after it, 4 a leader's setpgid not EPERM, 8 the terminal still ours. */
static int child_new_session(void)
{
	int bad = 0;

	bad |= setsid() != getpid();
	bad |= (getsid(0) != getpid() || getpgid(0) != getpid()) << 1;
	bad |= !(setpgid(0, 0) < 0 && errno == EPERM) << 2;
	if (is_ctty)
		bad |= !(tcgetpgrp(tty_fd) < 0 && errno == ENOTTY) << 3;
	return bad;
}

static void test_pgrp(void)
{
	pid_t gone = gone_pid();
	int r;

	parent_pgid = getpgrp();
	parent_sid = getsid(0);
	/* 0 is a group too: Linux's pid 1 and what it starts are in group 0 until a setsid */
	ok(getpgid(0) == parent_pgid && getpgid(getpid()) == parent_pgid && parent_pgid >= 0,
	   "getpgid(0) = getpgid(getpid()) = getpgrp() (%d)", (int)parent_pgid);
	ok(parent_sid >= 0 && getsid(getpid()) == parent_sid, "getsid(0) = getsid(getpid()) (%d)",
	   (int)parent_sid);
	ok(getpgid(gone) < 0 && errno == ESRCH, "getpgid of a reaped child: ESRCH");
	ok(getsid(gone) < 0 && errno == ESRCH, "getsid of a reaped child: ESRCH");
	ok(setpgid(0, -1) < 0 && errno == EINVAL, "setpgid(0, -1): EINVAL");
	ok(setpgid(gone, 0) < 0 && errno == ESRCH, "setpgid of a reaped child: ESRCH");
	ok(setpgid(getppid(), 0) < 0 && errno == ESRCH, "setpgid of the parent: ESRCH");
	ok(setpgid(0, gone) < 0 && errno == EPERM, "setpgid into a group that does not exist: EPERM");
	if (getpid() == getsid(0))
		skip("the test leads its session", "setpgid(0, own group): 0");
	else if (parent_pgid == 0)
		skip("in Linux's initial group 0, which setpgid cannot name (0 means a new group)",
		     "setpgid(0, own group): 0");
	else
		ok(setpgid(0, parent_pgid) == 0 && getpgrp() == parent_pgid, "setpgid(0, own group): 0");
	r = run_in_child(child_own_group);
	ok(!(r & 3) && r >= 0, "a child inherits its parent's group and session (%d)", r);
	ok(r >= 0 && !(r & 4), "setpgid(0, 0) in a child: a group of its own");
	ok(r >= 0 && !(r & 8), "setsid by a group leader: EPERM");
	r = run_in_child(child_new_session);
	ok(r >= 0 && !(r & 3), "setsid in a child: a new session and group it leads (%d)", r);
	ok(r >= 0 && !(r & 4), "setpgid by a session leader: EPERM");
	if (is_ctty)
		ok(r >= 0 && !(r & 8), "a new session has no controlling terminal: TIOCGPGRP ENOTTY");
	else
		skip("no controlling terminal", "a new session has no controlling terminal");
}

static void test_getcwd(void)
{
	char buf[256];

	ok(chdir("/proc") == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, "/proc") == 0,
	   "getcwd in /proc: %s", buf);
	ok(chdir("/") == 0 && syscall(SYS_getcwd, buf, sizeof(buf)) == 2 && strcmp(buf, "/") == 0,
	   "getcwd(2) in /: \"/\", 2 bytes with the NUL");
	ok(syscall(SYS_getcwd, buf, 1) < 0 && errno == ERANGE, "getcwd into 1 byte: ERANGE");
	if (under_qemu_user())
		skip("qemu-user checks the pointer itself", "getcwd to a bad pointer: EFAULT");
	else
		ok(syscall(SYS_getcwd, (void *)8, sizeof(buf)) < 0 && errno == EFAULT,
		   "getcwd to a bad pointer: EFAULT");
}

int main(void)
{
	open_tty();
	diag("terminal: %s%s", tty_name, is_ctty ? " (controlling)" : "");
	test_termios();
	test_fg_pgrp();
	test_ioctl_errors();
	test_pgrp();
	test_getcwd();
	return tap_done();
}
