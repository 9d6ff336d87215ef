/*
 * kernel/drivers/tty_io.c: the console as a terminal, /dev/console (5:1)
 * and /dev/tty (5:0), as Linux's tty_io.c and tty_jobctrl.c.
 *
 * There is one terminal, the UART.  read(2) goes to the line discipline
 * (n_tty.c), write(2) through its output processing, and ioctl(2) gets
 * or sets the termios, the window size and the foreground process group.
 *
 * Job control: a terminal may be the controlling terminal of one session.
 * A session leader without one that opens the console gets it (Linux
 * never gives /dev/console this way; rvmm has no other terminal, so its
 * init takes it), and every process of that session has it.  Only the
 * foreground process group gets the signals the keyboard sends; the
 * shell puts each job in a group of its own and makes it the foreground
 * with TIOCSPGRP while it runs.  /dev/tty is the caller's controlling
 * terminal, ENXIO for a process that has none.
 */
#include <bench.h>
#include <console.h>
#include <errno.h>
#include <fs.h>
#include <printk.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <tty.h>
#include <uaccess.h>

#define TTYAUX_MAJOR	5
#define TTY_CHUNK	64	/* bytes moved per copy */

/* Linux's tty_std_termios, as a serial console has it. */
static const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL | CLOCAL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		  [VEOF] = 004, [VTIME] = 0, [VMIN] = 1, [8] = 021, [9] = 023,
		  [10] = 032, [12] = 022, [13] = 017, [VWERASE] = 027, [15] = 026 },
};

struct tty_struct console_tty;

int kill_pgrp(int pgid, int sig)
{
	struct task_struct *t;
	int found = -ESRCH;

	list_for_each_entry(t, &init_task.tasks, tasks)
		if (t->pgid == pgid && t->state != TASK_DEAD && t->pid) {
			send_signal(t, sig);
			found = 0;
		}
	return found;
}

void tty_receive_char(struct tty_struct *tty, u8 c)
{
	n_tty_receive_char(tty, c);
}

/* tty_is_ctty: is tty current's controlling terminal? */
static bool tty_is_ctty(const struct tty_struct *tty)
{
	return tty->session && tty->session == current->sid;
}

/* pgrp_session: the session of process group pgid, or 0 when it has no member. */
static int pgrp_session(int pgid)
{
	struct task_struct *t;

	list_for_each_entry(t, &init_task.tasks, tasks)
		if (t->pgid == pgid && t->pid && t->state != TASK_DEAD && t->state != TASK_ZOMBIE)
			return t->sid;
	return 0;
}

static void tty_set_ctty(struct tty_struct *tty)
{
	tty->session = current->sid;
	tty->pgrp = current->pgid;
}

static int tty_open(struct inode *inode, struct file *file)
{
	struct tty_struct *tty = &console_tty;

	if (MINOR(inode->i_rdev) == 0 && !tty_is_ctty(tty))
		return -ENXIO;		/* /dev/tty without a controlling terminal */
	if (!tty->session && current->pid && current->pid == current->sid)
		tty_set_ctty(tty);
	file->private_data = tty;
	return 0;
}

static ssize_t tty_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct tty_struct *tty = file->private_data;
	char buf[TTY_CHUNK];
	ssize_t n;
	size_t copied;

	if (!to->count)
		return 0;
	n = n_tty_read(tty, buf, MIN(sizeof(buf), to->count), file->f_flags & O_NONBLOCK);
	if (n <= 0)
		return n;
	copied = copy_to_iter(buf, (size_t)n, to);
	return copied ? (ssize_t)copied : -EFAULT;
}

static ssize_t tty_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct tty_struct *tty = file->private_data;
	char buf[TTY_CHUNK];
	ssize_t total = 0;

	while (from->count) {
		size_t want = MIN(sizeof(buf), from->count);
		size_t n = copy_from_iter(buf, want, from);

		bench_console_write(buf, n);
		for (size_t i = 0; i < n; i++)
			n_tty_output(tty, (u8)buf[i]);
		total += n;
		if (n < want)
			return total ? total : -EFAULT;
	}
	return total;
}

static long tiocspgrp(struct tty_struct *tty, int __user *arg)
{
	int pgrp, session;

	if (!tty_is_ctty(tty))
		return -ENOTTY;
	if (get_user(pgrp, arg))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	session = pgrp_session(pgrp);
	if (!session)
		return -ESRCH;
	if (session != current->sid)
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file->private_data;
	void __user *p = (void __user *)arg;
	struct termios t;
	int v;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty->termios, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:		/* output is written synchronously: it has drained already */
	case TCSETSF:
		if (copy_from_user(&t, p, sizeof(t)))
			return -EFAULT;
		if (cmd == TCSETSF)
			n_tty_flush_input(tty);
		/* Leaving canonical mode makes the line being edited readable. */
		if ((tty->termios.c_lflag & ICANON) && !(t.c_lflag & ICANON))
			tty->canon_head = tty->head;
		tty->termios = t;
		wake_up_all(&tty->read_wait);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(p, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->winsize, p, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		if (!tty_is_ctty(tty))
			return -ENOTTY;
		return put_user(tty->pgrp, (int __user *)p);
	case TIOCSPGRP:
		return tiocspgrp(tty, p);
	case TIOCGSID:
		if (!tty_is_ctty(tty))
			return -ENOTTY;
		return put_user(tty->session, (int __user *)p);
	case TIOCSCTTY:
		if (tty_is_ctty(tty))
			return 0;
		if (current->pid != current->sid || tty->session)
			return -EPERM;
		tty_set_ctty(tty);
		return 0;
	case FIONREAD:
		v = (int)n_tty_readable(tty);
		return put_user(v, (int __user *)p);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.unlocked_ioctl = tty_ioctl,
	.llseek = no_llseek,
};

static void console_write_raw(int c)
{
	console_write_char(c);
}

void tty_init(void)
{
	struct tty_struct *tty = &console_tty;

	tty->termios = tty_std_termios;
	tty->winsize = (struct winsize){ .ws_row = 24, .ws_col = 80 };
	tty->write_raw = console_write_raw;
	init_waitqueue_head(&tty->read_wait);
	if (__register_chrdev(TTYAUX_MAJOR, 0, 2, "tty", &tty_fops))
		panic("tty_init: cannot register /dev/tty and /dev/console");
}
