/* include/seq_buf.h: printf into a fixed buffer, for /proc files and reports. */
#ifndef _RVMM_SEQ_BUF_H
#define _RVMM_SEQ_BUF_H

#include <compiler.h>
#include <types.h>

struct seq_buf {
	char *buffer;
	size_t size;
	size_t len;		/* bytes written; len > size means overflow */
};

static inline void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buffer = buf;
	s->size = size;
	s->len = 0;
}

/* seq_buf_printf: append; on overflow the text is cut and seq_buf_has_overflowed() is true. */
int seq_buf_printf(struct seq_buf *s, const char *fmt, ...) __printf(2, 3);
bool seq_buf_has_overflowed(const struct seq_buf *s);
/* seq_buf_str: the NUL-terminated contents. */
const char *seq_buf_str(struct seq_buf *s);
/* seq_buf_printk: print the contents line by line at the given KERN_ level. */
void seq_buf_printk(struct seq_buf *s, const char *level);

#endif
