/*
 * test/host/unit_lib.c: lib/seq_buf.c and lib/cmdline.c, which the mm
 * reports, mem= and init's environment depend on, and lib/string_helpers.c,
 * which writes the disks' sizes.  No fake RAM needed.
 */
#include "host.h"

#include <cmdline.h>
#include <seq_buf.h>
#include <string.h>
#include <string_helpers.h>

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

/* Each as Linux prints it (the disks' boot lines, "[vda] ... (67.1 MB/64.0 MiB)"). */
static void scenario_string_get_size(const void *arg)
{
	static const struct {
		u64 size, blk;
		const char *dec, *bin;
	} cases[] = {
		{ 131072, 512, "67.1 MB", "64.0 MiB" },		/* make qemu SWAP=64M */
		{ 16384, 512, "8.39 MB", "8.00 MiB" },		/* run_tests.py's disk */
		{ 2097152, 512, "1.07 GB", "1.00 GiB" },
		{ 1, 512, "512 B", "512 B" },
		{ 2, 512, "1.02 kB", "1.00 KiB" },
		{ 1000, 1, "1.00 kB", "1000 B" },
		{ 999999, 1, "1000 kB", "977 KiB" },		/* a carry does not move to the next unit */
		{ 123456789, 1, "123 MB", "118 MiB" },
		{ 0, 512, "0 B", "0 B" },
		{ 1ULL << 40, 1ULL << 30, "1.18 ZB", "1.00 ZiB" },	/* a product past 64 bits */
	};
	char dec[16], bin[16];

	for (size_t n = 0; n < sizeof(cases) / sizeof(cases[0]); n++) {
		string_get_size(cases[n].size, cases[n].blk, STRING_UNITS_10, dec, sizeof(dec));
		string_get_size(cases[n].size, cases[n].blk, STRING_UNITS_2, bin, sizeof(bin));
		tap_ok(!strcmp(dec, cases[n].dec) && !strcmp(bin, cases[n].bin),
		       "string_get_size(%llu, %llu): \"%s\" and \"%s\" (want \"%s\", \"%s\")",
		       (unsigned long long)cases[n].size, (unsigned long long)cases[n].blk, dec, bin,
		       cases[n].dec, cases[n].bin);
	}
}

/* envp: NULL-terminated strings joined by spaces, for comparing */
static const char *joined(const char **envp)
{
	static char out[256];

	out[0] = '\0';
	for (int i = 0; envp[i]; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, envp[i]);
	}
	return out;
}

static void scenario_init_env(const void *arg)
{
	static const char *const known[] = { "mem", "init", NULL };
	const char *envp[8] = { "HOME=/", "TERM=linux", NULL };
	char buf[COMMAND_LINE_SIZE];
	const char *full;

	tap_ok(!cmdline_init_env("no5lvl mem=64M init=/bin/sh FOO=1 quiet BAR= -- X=3", known, envp,
				 6, buf, sizeof(buf)) &&
	       !strcmp(joined(envp), "HOME=/ TERM=linux FOO=1 BAR="),
	       "cmdline_init_env: unknown key=value words are added; known names, bare words and "
	       "what follows -- are not (%s)", joined(envp));
	envp[2] = NULL;
	tap_ok(!cmdline_init_env("TERM=vt100 A=1 A=2 B=x.y", known, envp, 6, buf, sizeof(buf)) &&
	       !strcmp(joined(envp), "HOME=/ TERM=vt100 A=2 B=x.y"),
	       "cmdline_init_env: a repeated key replaces the value before it (%s)", joined(envp));
	envp[1] = "TERM=linux", envp[2] = NULL;
	tap_ok(!cmdline_init_env("slub.debug=1 .x=2 =3 a.b.c=4", known, envp, 6, buf, sizeof(buf)) &&
	       !strcmp(joined(envp), "HOME=/ TERM=linux"),
	       "cmdline_init_env: a key with a dot (a module parameter) or no key is left out (%s)",
	       joined(envp));
	full = cmdline_init_env("A=1 B=2 C=3", known, envp, 3, buf, sizeof(buf));
	tap_ok(full && !strcmp(full, "B=2") && !strcmp(joined(envp), "HOME=/ TERM=linux A=1"),
	       "cmdline_init_env: the word that finds the environment full is returned (%s)",
	       full ? full : "NULL");
}

int main(void)
{
	tap_init();
	tap_run("seq_buf", scenario_seq_buf, NULL);
	tap_run("cmdline", scenario_cmdline, NULL);
	tap_run("string_get_size", scenario_string_get_size, NULL);
	tap_run("init_env", scenario_init_env, NULL);
	return tap_done();
}
