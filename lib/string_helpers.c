/*
 * lib/string_helpers.c: string_get_size, Linux's way of writing a size
 * (lib/string_helpers.c there), used for the disks' boot lines.
 *
 * The size is divided by 1000 (or 1024) until it is below that; the
 * remainder of the last division gives the digits after the point, as
 * many as make three significant digits, rounded at the next one.  A
 * product too large for 64 bits is avoided by first dividing each factor
 * down to 32 bits, counting those divisions as units too.
 */
#include <stdio.h>
#include <string_helpers.h>

void string_get_size(u64 size, u64 blk_size, enum string_size_units units, char *buf,
		     size_t len)
{
	static const char *const units_10[] = { "B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
	static const char *const units_2[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB",
					       "YiB" };
	static const unsigned int rounding[] = { 500, 50, 5 };
	const unsigned int divisor = units == STRING_UNITS_2 ? 1024 : 1000;
	unsigned int i = 0, j, remainder = 0;
	char frac[16] = "";

	if (!blk_size)
		size = 0;
	if (size) {
		while (blk_size >> 32) {
			blk_size /= divisor;
			i++;
		}
		while (size >> 32) {
			size /= divisor;
			i++;
		}
		size *= blk_size;
		while (size >= divisor) {
			remainder = (unsigned int)(size % divisor);
			size /= divisor;
			i++;
		}
		j = 0;
		for (u64 sf_cap = size; sf_cap * 10 < 1000; sf_cap *= 10)
			j++;
		if (units == STRING_UNITS_2)
			remainder = remainder * 1000 >> 10;	/* a fraction of 1024 as thousandths */
		remainder += rounding[j];
		if (remainder >= 1000) {
			remainder -= 1000;
			size++;
		}
		if (j) {
			snprintf(frac, sizeof(frac), ".%03u", remainder);
			frac[j + 1] = '\0';
		}
	}
	snprintf(buf, len, "%u%s %s", (unsigned int)size, frac,
		 i >= sizeof(units_2) / sizeof(units_2[0]) ? "UNK" :
		 (units == STRING_UNITS_2 ? units_2 : units_10)[i]);
}
