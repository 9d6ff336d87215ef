/*
 * shm.c: POSIX shared memory, as glibc does it: an object is a file in
 * /dev/shm (a tmpfs on Linux, a ramfs of its own on rvmm), opened with
 * O_NOFOLLOW and O_CLOEXEC; ftruncate sizes it and mmap(MAP_SHARED)
 * shares its pages between the processes that map it.
 *
 * The name is "/NAME" or "NAME": one component, no other slash, not "."
 * or "..", at most NAME_MAX bytes (EINVAL, ENAMETOOLONG); shm_unlink says
 * ENOENT for a name that cannot be one, as glibc's.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SHMDIR		"/dev/shm/"
#define SHM_NAME_MAX	255	/* NAME_MAX */

/* shm_path: the file standing for name, in buf; 0 or -1 with errno. */
static int shm_path(const char *name, char buf[sizeof(SHMDIR) + SHM_NAME_MAX])
{
	size_t len;

	while (*name == '/')
		name++;
	len = strlen(name);
	if (len == 0 || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
		errno = EINVAL;
		return -1;
	}
	if (len > SHM_NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, SHMDIR, sizeof(SHMDIR) - 1);
	memcpy(buf + sizeof(SHMDIR) - 1, name, len + 1);
	return 0;
}

int shm_open(const char *name, int oflag, mode_t mode)
{
	char path[sizeof(SHMDIR) + SHM_NAME_MAX];

	int fd;

	if (shm_path(name, path) < 0)
		return -1;
	fd = open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
	/* A directory is one more unsuitable name, as glibc says. */
	if (fd < 0 && errno == EISDIR)
		errno = EINVAL;
	return fd;
}

int shm_unlink(const char *name)
{
	char path[sizeof(SHMDIR) + SHM_NAME_MAX];

	if (shm_path(name, path) < 0) {
		if (errno == EINVAL)
			errno = ENOENT;
		return -1;
	}
	return unlink(path);
}
