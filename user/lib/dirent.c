/*
 * dirent.c: opendir/readdir/closedir over getdents64.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "linux.h"

struct __dirstream {
	int fd;
	int pos;		/* next record in buf */
	int len;		/* bytes of records in buf */
	struct dirent ent;	/* what readdir returns */
	/* records are 8-byte aligned: a long array keeps them so */
	long buf[2048 / sizeof(long)];
};

DIR *fdopendir(int fd)
{
	DIR *d = malloc(sizeof(*d));

	if (!d)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

/* The next entry, or NULL at the end (errno unchanged) or on error (errno set). */
struct dirent *readdir(DIR *d)
{
	const struct linux_dirent64 *rec;
	size_t namelen;

	if (d->pos >= d->len) {
		ssize_t n = getdents64(d->fd, d->buf, sizeof(d->buf));

		if (n <= 0)
			return NULL;
		d->len = (int)n;
		d->pos = 0;
	}
	rec = (const struct linux_dirent64 *)((const char *)d->buf + d->pos);
	d->pos += rec->d_reclen;

	namelen = strnlen(rec->d_name, sizeof(d->ent.d_name) - 1);
	d->ent.d_ino = rec->d_ino;
	d->ent.d_off = rec->d_off;
	d->ent.d_reclen = sizeof(d->ent);
	d->ent.d_type = rec->d_type;
	memcpy(d->ent.d_name, rec->d_name, namelen);
	d->ent.d_name[namelen] = '\0';
	return &d->ent;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}
