/*
 * kernel/drivers/console.c: /dev/console and /dev/null.
 *
 * /dev/console (major 5, minor 1) is the UART printk writes to.  It is a
 * raw byte stream: there is no line discipline yet, so no echo and no
 * line editing; only the terminal's Enter (carriage return) becomes a
 * newline, as a tty's default ICRNL does, and output newlines become
 * CR LF in console_putc.
 *
 * A read waits for at least one byte.  The UART's receive interrupt is
 * not wired up, so nothing could wake a sleeper: the read polls instead,
 * once a tick, asleep in between (so other tasks run, the idle loop takes
 * the tick, and a signal ends the wait).
 *
 * /dev/null (major 1, minor 3) reads as end of file and swallows writes.
 */
#include <bench.h>
#include <console.h>
#include <errno.h>
#include <fs.h>
#include <printk.h>
#include <sched.h>
#include <timer.h>
#include <uaccess.h>
#include <wait.h>

#define MEM_MAJOR	1
#define TTYAUX_MAJOR	5
#define CONSOLE_CHUNK	64	/* bytes moved per copy */

static ssize_t console_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	char buf[CONSOLE_CHUNK];
	size_t n = 0, copied;
	int c;

	if (!to->count)
		return 0;
	while ((c = console_getc()) < 0) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_until(jiffies + 1))
			return -ERESTARTSYS;	/* a signal: read(2) says EINTR */
	}
	/* One byte is here; take whatever else already waits, without waiting again. */
	do {
		buf[n++] = c == '\r' ? '\n' : (char)c;
	} while (n < sizeof(buf) && n < to->count && (c = console_getc()) >= 0);
	copied = copy_to_iter(buf, n, to);
	return copied ? (ssize_t)copied : -EFAULT;
}

static ssize_t console_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	char buf[CONSOLE_CHUNK];
	ssize_t total = 0;

	while (from->count) {
		size_t want = MIN(sizeof(buf), from->count);
		size_t n = copy_from_iter(buf, want, from);

		bench_console_write(buf, n);
		for (size_t i = 0; i < n; i++)
			console_putc(buf[i]);
		total += n;
		if (n < want)
			return total ? total : -EFAULT;
	}
	return total;
}

static const struct file_operations console_fops = {
	.read = console_read,
	.write = console_write,
	.llseek = no_llseek,
};

static ssize_t read_null(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return 0;
}

static ssize_t write_null(struct file *file, struct iov_iter *from, loff_t *pos)
{
	return (ssize_t)from->count;
}

/* null_lseek: any seek succeeds and leaves the position at 0. */
static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos = 0;
}

static const struct file_operations null_fops = {
	.read = read_null,
	.write = write_null,
	.llseek = null_lseek,
};

void dev_console_init(void)
{
	if (__register_chrdev(MEM_MAJOR, 3, 1, "null", &null_fops) ||
	    __register_chrdev(TTYAUX_MAJOR, 1, 1, "console", &console_fops))
		panic("dev_console_init: cannot register /dev/null and /dev/console");
}
