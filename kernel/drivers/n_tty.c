/*
 * kernel/drivers/n_tty.c: the line discipline, Linux's N_TTY.
 *
 * Received bytes arrive here from the driver's interrupt (iflag first:
 * IGNCR, ICRNL, INLCR).  With ISIG the interrupt and quit characters
 * (Ctrl-C, Ctrl-\) are not input: the pending input is dropped (unless
 * NOFLSH) and SIGINT or SIGQUIT goes to the foreground process group.
 * With ICANON input is edited a line at a time: the erase character (DEL)
 * takes back the last byte, the kill character (Ctrl-U) the whole line,
 * and a read returns only complete lines, ended by a newline, EOL or the
 * end-of-file character (Ctrl-D, which is not read itself: alone on a
 * line it makes read(2) return 0).  Without ICANON every byte is input at
 * once, and VMIN/VTIME say when a read returns (termios(3)).  ECHO sends
 * what is typed back, control characters as ^X with ECHOCTL; ECHOE and
 * ECHOKE erase with backspace-space-backspace.
 *
 * The interrupt runs only while the kernel is idle or a program runs, and
 * the kernel runs with interrupts off, so a reader cannot miss a wake-up
 * between looking at the buffer and sleeping.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <timer.h>
#include <tty.h>

#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define O(tty, f)	((tty)->termios.c_oflag & (f))
#define CC(tty, v)	((tty)->termios.c_cc[v])

static unsigned int slot(unsigned int i)
{
	return i % N_TTY_BUF_SIZE;
}

unsigned int n_tty_readable(const struct tty_struct *tty)
{
	return (L(tty, ICANON) ? tty->canon_head : tty->head) - tty->tail;
}

void n_tty_flush_input(struct tty_struct *tty)
{
	tty->head = tty->canon_head = tty->tail;
}

void n_tty_output(struct tty_struct *tty, u8 c)
{
	if (O(tty, OPOST)) {
		if (c == '\n' && O(tty, ONLCR)) {
			tty->write_raw('\r');
			tty->column = 0;
		} else if (c == '\r' && O(tty, OCRNL)) {
			c = '\n';
		}
	}
	tty->write_raw(c);
	if (c == '\r' || c == '\n')
		tty->column = 0;
	else if (c == '\b')
		tty->column -= tty->column > 0;
	else if (c >= ' ')
		tty->column++;
}

/* is_ctl: echoed as ^X with ECHOCTL (tab and newline are themselves). */
static bool is_ctl(u8 c)
{
	return (c < ' ' && c != '\t' && c != '\n') || c == 0x7f;
}

static void echo_char(struct tty_struct *tty, u8 c)
{
	if (L(tty, ECHOCTL) && is_ctl(c)) {
		n_tty_output(tty, '^');
		n_tty_output(tty, c == 0x7f ? '?' : c + '@');
	} else {
		n_tty_output(tty, c);
	}
}

/* erase_one: take back the last byte of the line being edited; false if the line is empty. */
static bool erase_one(struct tty_struct *tty, bool visual)
{
	u8 c;
	int width;

	if (tty->head == tty->canon_head)
		return false;
	c = (u8)tty->buf[slot(--tty->head)];
	if (!L(tty, ECHO))
		return true;
	if (!visual) {			/* without ECHOE the terminal sees the erase character */
		echo_char(tty, CC(tty, VERASE));
		return true;
	}
	width = L(tty, ECHOCTL) && is_ctl(c) ? 2 : 1;
	if (c == '\t')
		width = 0;		/* a tab's width is not known: leave it */
	while (width--) {
		n_tty_output(tty, '\b');
		n_tty_output(tty, ' ');
		n_tty_output(tty, '\b');
	}
	return true;
}

static void put_slot(struct tty_struct *tty, u16 v)
{
	tty->buf[slot(tty->head++)] = v;
}

/* isig: Ctrl-C, Ctrl-\: flush, echo, signal the foreground group. */
static void isig(struct tty_struct *tty, u8 c, int sig)
{
	if (!L(tty, NOFLSH))
		n_tty_flush_input(tty);
	if (L(tty, ECHO))
		echo_char(tty, c);
	if (tty->pgrp > 0)
		kill_pgrp(tty->pgrp, sig);
	wake_up_all(&tty->read_wait);
}

static void receive_canon(struct tty_struct *tty, u8 c)
{
	unsigned int used = tty->head - tty->tail;

	if (c == CC(tty, VERASE) && L(tty, ICANON)) {
		erase_one(tty, L(tty, ECHOE));
		return;
	}
	if (c == CC(tty, VKILL)) {
		if (!L(tty, ECHOKE) && L(tty, ECHO)) {
			echo_char(tty, c);
			if (L(tty, ECHOK))
				n_tty_output(tty, '\n');
			tty->head = tty->canon_head;
			return;
		}
		while (erase_one(tty, true))
			;
		return;
	}
	if (c == CC(tty, VEOF) && CC(tty, VEOF)) {
		if (used >= N_TTY_BUF_SIZE)
			return;
		put_slot(tty, TTY_EOL | TTY_EOF | c);
		tty->canon_head = tty->head;
		wake_up_all(&tty->read_wait);
		return;
	}
	if (c == '\n' || (c == CC(tty, VEOL) && c) || (c == CC(tty, VEOL2) && c)) {
		if (used >= N_TTY_BUF_SIZE)
			return;
		if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
			echo_char(tty, c);
		put_slot(tty, TTY_EOL | c);
		tty->canon_head = tty->head;
		wake_up_all(&tty->read_wait);
		return;
	}
	/* The last slot is kept for the newline, so a full line can still end. */
	if (used >= N_TTY_BUF_SIZE - 1)
		return;
	if (L(tty, ECHO))
		echo_char(tty, c);
	put_slot(tty, c);
}

void n_tty_receive_char(struct tty_struct *tty, u8 c)
{
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG)) {
		if (c == CC(tty, VINTR) && c) {
			isig(tty, c, SIGINT);
			return;
		}
		if (c == CC(tty, VQUIT) && c) {
			isig(tty, c, SIGQUIT);
			return;
		}
	}
	if (L(tty, ICANON)) {
		receive_canon(tty, c);
		return;
	}
	if (tty->head - tty->tail >= N_TTY_BUF_SIZE)
		return;			/* full: the byte is lost, as on an overrun */
	if (L(tty, ECHO))
		echo_char(tty, c);
	put_slot(tty, c);
	wake_up_all(&tty->read_wait);
}

/* wait_input: sleep until want bytes are readable, timeout ticks pass (0: forever) or a signal. */
static long wait_input(struct tty_struct *tty, unsigned int want, long timeout)
{
	struct wait_queue_entry wait;
	long err = 0;

	init_wait_entry(&wait);
	while (n_tty_readable(tty) < want) {
		err = prepare_to_wait_event(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		if (err)
			break;
		if (timeout) {
			timeout = schedule_timeout(timeout);
			if (!timeout)
				break;
		} else {
			schedule();
		}
	}
	finish_wait(&tty->read_wait, &wait);
	return err;
}

static long read_canon(struct tty_struct *tty, char *kbuf, size_t count)
{
	size_t n = 0;

	while (n < count && tty->tail != tty->canon_head) {
		u16 v = tty->buf[slot(tty->tail++)];

		if (v & TTY_EOF)
			break;		/* not read; ends what this read returns */
		kbuf[n++] = (char)v;
		if (v & TTY_EOL)
			break;
	}
	return (long)n;
}

static long read_raw(struct tty_struct *tty, char *kbuf, size_t count)
{
	size_t n = 0;

	while (n < count && tty->tail != tty->head)
		kbuf[n++] = (char)tty->buf[slot(tty->tail++)];
	return (long)n;
}

/* VTIME is in tenths of a second. */
static long vtime_ticks(const struct tty_struct *tty)
{
	long t = (long)CC(tty, VTIME) * HZ / 10;

	return t ? t : 1;
}

long n_tty_read(struct tty_struct *tty, char *kbuf, size_t count, bool nonblock)
{
	unsigned int vmin = CC(tty, VMIN), want;
	long err;

	if (L(tty, ICANON)) {
		if (!n_tty_readable(tty) && nonblock)
			return -EAGAIN;
		err = wait_input(tty, 1, 0);
		if (err && !n_tty_readable(tty))
			return err;
		return read_canon(tty, kbuf, count);
	}
	want = MIN(vmin, (unsigned int)MIN(count, (size_t)N_TTY_BUF_SIZE));
	if (nonblock && n_tty_readable(tty) < MAX(want, 1u))
		return n_tty_readable(tty) ? read_raw(tty, kbuf, count) : -EAGAIN;
	if (!CC(tty, VTIME)) {
		err = want ? wait_input(tty, want, 0) : 0;	/* VMIN 0, VTIME 0: a poll */
	} else if (!want) {
		err = wait_input(tty, 1, vtime_ticks(tty));	/* VTIME: a timeout for the first byte */
	} else {
		/* VMIN and VTIME: VTIME runs between bytes, once the first has come. */
		err = wait_input(tty, 1, 0);
		while (!err && n_tty_readable(tty) < want) {
			unsigned int had = n_tty_readable(tty);

			err = wait_input(tty, had + 1, vtime_ticks(tty));
			if (n_tty_readable(tty) == had)
				break;
		}
	}
	if (err && !n_tty_readable(tty))
		return err;
	return read_raw(tty, kbuf, count);
}
