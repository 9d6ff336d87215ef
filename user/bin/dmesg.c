/*
 * dmesg: print the kernel's log buffer, read with syslog(2).
 *   -c  clear the buffer after printing it
 *   -r  raw: keep each line's "<level>" prefix
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int action = SYSLOG_ACTION_READ_ALL, raw = 0, size, n;
	char *buf, *line;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0)
			action = SYSLOG_ACTION_READ_CLEAR;
		else if (strcmp(argv[i], "-r") == 0)
			raw = 1;
		else {
			fprintf(stderr, "usage: dmesg [-c] [-r]\n");
			return 2;
		}
	}
	size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size <= 0)
		size = 1 << 17;		/* Linux's default log buffer */
	buf = malloc(size + 1);
	if (!buf) {
		fprintf(stderr, "dmesg: no memory for %d bytes\n", size);
		return 1;
	}
	n = klogctl(action, buf, size);
	if (n < 0) {
		fprintf(stderr, "dmesg: syslog: %s\n", strerror(errno));
		return 1;
	}
	buf[n] = '\0';
	/* each record starts "<level>"; print it without unless -r */
	for (char *p = buf; p && *p;) {
		line = strsep(&p, "\n");
		if (!raw && line[0] == '<' && strchr(line, '>'))
			line = strchr(line, '>') + 1;
		printf("%s\n", line);
	}
	free(buf);
	return 0;
}
