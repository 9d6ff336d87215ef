/*
 * ls: list directories (default ".") or name files.
 *   -l  long format: type and permissions, links, size, name
 *   -a  include names that start with '.'
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int long_format, all;

/* "drwxr-xr-x" for a mode */
static const char *mode_string(mode_t m)
{
	static char s[11];
	const char *rwx = "rwxrwxrwx";

	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' :
	       S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	s[10] = '\0';
	return s;
}

/* One line for name, found at path. */
static void show(const char *path, const char *name)
{
	struct stat st;

	if (!long_format) {
		printf("%s\n", name);
		return;
	}
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return;
	}
	printf("%s %3lu %8ld %s\n", mode_string(st.st_mode), (unsigned long)st.st_nlink,
	       (long)st.st_size, name);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* List directory path in name order; 0 on success. */
static int list(const char *path)
{
	char **names = NULL, full[1024];
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *d = opendir(path);

	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && !all)
			continue;
		if (n == cap) {
			char **more = realloc(names, (cap = cap ? 2 * cap : 32) * sizeof(*names));

			if (!more)
				break;
			names = more;
		}
		names[n] = strdup(e->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		show(full, names[i]);
		free(names[i]);
	}
	free(names);
	return 0;
}

int main(int argc, char *argv[])
{
	int i = 1, status = 0, paths;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'l')
				long_format = 1;
			else if (*o == 'a')
				all = 1;
			else {
				fprintf(stderr, "usage: ls [-la] [path...]\n");
				return 2;
			}
		}
	}
	paths = argc - i;
	if (paths == 0)
		return list(".");
	for (; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (paths > 1)
				printf("%s:\n", argv[i]);
			status |= list(argv[i]);
		} else {
			show(argv[i], argv[i]);
		}
	}
	return status;
}
