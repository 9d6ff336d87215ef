/* include/string_helpers.h: sizes written for people, as Linux's lib/string_helpers.c. */
#ifndef _RVMM_STRING_HELPERS_H
#define _RVMM_STRING_HELPERS_H

#include <types.h>

enum string_size_units {
	STRING_UNITS_10,	/* powers of 1000: "67.1 MB" */
	STRING_UNITS_2,		/* powers of 1024: "64.0 MiB" */
};

/*
 * string_get_size: size blocks of blk_size bytes as three significant
 * digits and a unit into buf ("8.39 MB", "512 B"), rounded from the
 * remainder of the last division, as Linux prints a disk's capacity.
 */
void string_get_size(u64 size, u64 blk_size, enum string_size_units units, char *buf,
		     size_t len);

#endif
