/*
 * console.h: what the first programs (init on rvmm, linuxrc on Linux)
 * share: descriptors 0, 1 and 2 on the console.
 */
#ifndef _RVMM_USER_CONSOLE_H
#define _RVMM_USER_CONSOLE_H

#include <fcntl.h>
#include <unistd.h>

/* open_console: descriptors 0, 1 and 2 on the console, unless the kernel opened them already. */
static inline void open_console(void)
{
	int fd = dup(0);

	if (fd >= 0) {
		close(fd);
		return;
	}
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;		/* nowhere to write even that */
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

#endif
