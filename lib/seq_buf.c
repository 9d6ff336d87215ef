/* lib/seq_buf.c: formatted output into a bounded buffer (see seq_buf.h). */
#include <printk.h>
#include <seq_buf.h>
#include <stdio.h>
#include <string.h>

int seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;
	size_t room = s->len < s->size ? s->size - s->len : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? s->buffer + s->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->len += (size_t)n;
	return n;
}

bool seq_buf_has_overflowed(const struct seq_buf *s)
{
	return s->len >= s->size;	/* the last byte is kept for the NUL */
}

const char *seq_buf_str(struct seq_buf *s)
{
	if (!s->size)
		return "";
	s->buffer[MIN(s->len, s->size - 1)] = '\0';
	return s->buffer;
}

void seq_buf_printk(struct seq_buf *s, const char *level)
{
	const char *p = seq_buf_str(s);

	while (*p) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		printk("%s%.*s\n", level, n, p);
		p += n + (nl ? 1 : 0);
	}
}
