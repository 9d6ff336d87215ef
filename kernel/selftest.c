/* kernel/selftest.c: TAP output for the in-kernel self-tests. */
#include <printk.h>
#include <selftest.h>
#include <stdarg.h>
#include <stdio.h>

static int tap_count, tap_failures;

bool tap_check(bool ok, const char *fmt, ...)
{
	char text[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	tap_count++;
	if (!ok)
		tap_failures++;
	pr_notice("%sok %d - %s\n", ok ? "" : "not ", tap_count, text);
	return ok;
}

void tap_diag(const char *fmt, ...)
{
	char text[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	pr_notice("# %s\n", text);
}

void tap_plan(void)
{
	pr_notice("1..%d\n", tap_count);
}

int selftest_failures(void)
{
	return tap_failures;
}
