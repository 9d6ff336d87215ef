/*
 * kernel/printk.c: the kernel log.
 *
 * Every message is formatted once (with picolibc's vsnprintf), stored in a
 * ring buffer as "<level>[seconds] text" lines so that dmesg can show the
 * whole boot later, and printed on the console if its level is more urgent
 * than console_loglevel (the loglevel= boot option).
 */
#include <asm/csr.h>
#include <asm/sbi.h>
#include <console.h>
#include <errno.h>
#include <uaccess.h>
#include <printk.h>
#include <spinlock.h>
#include <stdio.h>
#include <string.h>
#include <timer.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

#define LOG_BUF_LEN (1 << 17)
static char log_buf[LOG_BUF_LEN];
static u64 log_head;		/* bytes ever written; the ring holds the last LOG_BUF_LEN */
static bool line_open;		/* the last message did not end with a newline */
static int line_level = LOGLEVEL_DEFAULT;
static spinlock_t logbuf_lock = SPIN_LOCK_UNLOCKED;

static void early_sbi_putc(int c)
{
	sbi_console_putchar(c);
}

static const struct console early_console = { "sbi", early_sbi_putc, NULL };
static const struct console *console = &early_console;

void register_console(const struct console *con)
{
	console = con;
	pr_info("console [%s] enabled\n", con->name);
}

void console_putc(int c)
{
	if (c == '\n')
		console->write_char('\r');
	console->write_char(c);
}

void console_write_char(int c)
{
	console->write_char(c);
}

int console_getc(void)
{
	return console->read_char ? console->read_char() : -1;
}

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + i) % LOG_BUF_LEN] = s[i];
	log_head += n;
}

size_t log_buf_len(void)
{
	return log_head < LOG_BUF_LEN ? log_head : LOG_BUF_LEN;
}

size_t log_buf_read(char *out, size_t off, size_t len)
{
	size_t have = log_buf_len();
	u64 start = log_head - have;
	size_t n;

	if (off >= have)
		return 0;
	n = MIN(len, have - off);
	for (size_t i = 0; i < n; i++)
		out[i] = log_buf[(start + off + i) % LOG_BUF_LEN];
	return n;
}


int vprintk(const char *fmt, va_list ap)
{
	char buf[512], prefix[32];
	const char *text = buf;
	int level = LOGLEVEL_DEFAULT, plen = 0, n;
	bool cont = false;
	unsigned long flags;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	/* As Linux, the level is read from the formatted text, so "%s" can carry it. */
	if (text[0] == KERN_SOH[0] && (text[1] == 'c' || (text[1] >= '0' && text[1] <= '7'))) {
		if (text[1] == 'c')
			cont = true;
		else
			level = text[1] - '0';
		text += 2;
		n -= 2;
	}

	spin_lock_irqsave(&logbuf_lock, flags);
	if (cont && line_open) {
		level = line_level;
	} else {
		u64 t = get_cycles();
		unsigned long sec = t / riscv_timebase;
		unsigned long usec = (t % riscv_timebase) * 1000000 / riscv_timebase;

		if (line_open)	/* a new message ends a dangling line */
			log_store("\n", 1);
		plen = snprintf(prefix, sizeof(prefix), "<%d>[%5lu.%06lu] ",
				level, sec, usec);
		log_store(prefix, plen);
	}
	log_store(text, n);
	line_open = n == 0 || text[n - 1] != '\n';
	line_level = level;
	if (level < console_loglevel) {
		/* The console shows the timestamp but not the "<level>" marker. */
		const char *p = prefix;

		if (plen) {
			while (*p && *p != '>')
				p++;
			for (p++; *p; p++)
				console_putc(*p);
		}
		for (int i = 0; i < n; i++)
			console_putc(text[i]);
	}
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

/*
 * sys_syslog: what dmesg reads.  READ_ALL copies the newest len bytes of
 * the log, records as "<level>[time] text" lines as Linux gives them;
 * SIZE_BUFFER says how big the ring is.  rvmm keeps no read position, so
 * READ and READ_CLEAR read as READ_ALL does (Linux's READ would wait for
 * unread records and consume them), CLEAR and the console switches are
 * accepted and change nothing, and every record counts as unread.
 */
long sys_syslog(int type, char __user *buf, int len)
{
	char chunk[256];
	size_t have = log_buf_len(), off, done = 0;

	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
	case SYSLOG_ACTION_CLEAR:
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return len < 1 || len > 8 ? -EINVAL : 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return (long)have;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		break;
	default:
		return -EINVAL;
	}
	if (!buf || len < 0)
		return -EINVAL;
	if (!len)
		return 0;
	if (!access_ok(buf, (size_t)len))
		return -EFAULT;
	off = have > (size_t)len ? have - (size_t)len : 0;
	while (off < have) {
		size_t n = log_buf_read(chunk, off, sizeof(chunk));

		if (copy_to_user(buf + done, chunk, n))
			return -EFAULT;
		done += n;
		off += n;
	}
	return (long)done;
}
