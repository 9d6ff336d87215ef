/*
 * test/host/unit_lib.c: lib/seq_buf.c and lib/cmdline.c, which the mm
 * reports and mem= depend on.  No fake RAM needed.
 */
#include "host.h"

#include <cmdline.h>
#include <seq_buf.h>
#include <string.h>

static void scenario_seq_buf(const void *arg)
{
	char buf[16];
	struct seq_buf s;

	seq_buf_init(&s, buf, sizeof(buf));
	seq_buf_printf(&s, "%s=%d", "abc", 42);
	seq_buf_printf(&s, ",%lu", 7UL);
	tap_ok(!strcmp(seq_buf_str(&s), "abc=42,7") && !seq_buf_has_overflowed(&s),
	       "seq_buf_printf appends (\"%s\")", seq_buf_str(&s));
	seq_buf_printf(&s, "%s", "0123456");	/* 8 + 7 = 15: just fits with the NUL */
	tap_ok(!seq_buf_has_overflowed(&s) && strlen(seq_buf_str(&s)) == 15,
	       "15 characters fit a 16-byte buffer");
	seq_buf_printf(&s, "%s", "xyz");
	tap_ok(seq_buf_has_overflowed(&s) && strlen(seq_buf_str(&s)) == 15 &&
	       !strncmp(seq_buf_str(&s), "abc=42,70123456", 15),
	       "overflow is flagged and the text is cut, still NUL-terminated");
	seq_buf_printf(&s, "%s", "more");
	tap_ok(seq_buf_has_overflowed(&s) && strlen(seq_buf_str(&s)) == 15,
	       "writing after an overflow changes nothing");

	seq_buf_init(&s, buf, sizeof(buf));
	seq_buf_printf(&s, "one\ntwo\n");
	host_log_clear();
	seq_buf_printk(&s, KERN_INFO);
	tap_ok(!strcmp(host_log_text(), "one\ntwo\n") && host_log_count(6) == 2,
	       "seq_buf_printk logs each line as a message at the level given");
}

static void scenario_cmdline(const void *arg)
{
	char v[16];
	const char *end;

	tap_ok(cmdline_find("console=ttyS0 mem=64M quiet", "mem", v, sizeof(v)) &&
	       !strcmp(v, "64M"), "cmdline_find: name=value");
	tap_ok(cmdline_find("console=ttyS0 quiet", "quiet", v, sizeof(v)) && !strcmp(v, ""),
	       "cmdline_find: a bare flag has an empty value");
	tap_ok(!cmdline_find("memtest=1 xmem=3", "mem", v, sizeof(v)),
	       "cmdline_find: a name must match a whole word");
	tap_ok(cmdline_find("mem=64M  mem=128M", "mem", v, sizeof(v)) && !strcmp(v, "128M"),
	       "cmdline_find: the last occurrence wins");
	tap_ok(cmdline_find("x=0123456789abcdefgh", "x", v, 5) && !strcmp(v, "0123"),
	       "cmdline_find: the value is cut to the buffer");
	tap_ok(memparse("64M", &end) == 64UL << 20 && !*end && memparse("3G", NULL) == 3UL << 30 &&
	       memparse("0x1000", NULL) == 0x1000 && memparse("16k", NULL) == 16384 &&
	       memparse("4096", NULL) == 4096, "memparse: plain, hex, and K/M/G suffixes");
	tap_ok(memparse("12Mrest", &end) == 12UL << 20 && !strcmp(end, "rest"),
	       "memparse: *end points past the suffix");
}

int main(void)
{
	tap_init();
	tap_run("seq_buf", scenario_seq_buf, NULL);
	tap_run("cmdline", scenario_cmdline, NULL);
	return tap_done();
}
