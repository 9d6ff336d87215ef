/*
 * test_shm: POSIX shared memory.  shm_open makes a file in /dev/shm (a
 * tmpfs on Linux, a ramfs of its own on rvmm), ftruncate sizes it, and
 * MAP_SHARED mappings of it in two processes see each other's writes;
 * shm_unlink removes the name but not a mapping; bad names are EINVAL or
 * ENAMETOOLONG (ENOENT for shm_unlink) as glibc gives them.
 *
 * The second process opens the object by its name, as an unrelated
 * process would: a forked child with an MMU, and without one this program
 * again ("test_shm --child NAME"), started by vfork and execve.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include "tap.h"

#define PAGE 4096UL
#define SIZE (2 * PAGE)

/*
 * The child's part: open NAME, check the parent's words at the start of
 * both pages, write its own after them.  Exit status 0 when all went
 * well, else which step failed.
 */
static int child(const char *name)
{
	int fd = shm_open(name, O_RDWR, 0);
	char *p;

	if (fd < 0)
		return 2;
	p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return 3;
	if (strcmp(p, "from the parent") != 0 || strcmp(p + PAGE, "page two") != 0)
		return 4;
	strcpy(p + 100, "from the child");
	strcpy(p + PAGE + 100, "child's page two");
	munmap(p, SIZE);
	return 0;
}

/* Run child(name) in another process; its wait status, or -1. */
static int run_other(const char *self, const char *name)
{
	int status;
	pid_t pid;

	if (no_mmu()) {
		pid = vfork();
		if (pid == 0) {
			char *argv[] = { (char *)self, "--child", (char *)name, NULL };

			execv(self, argv);
			_exit(127);
		}
	} else {
		pid = fork();
		if (pid == 0)
			_exit(child(name));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void test_names(void)
{
	char longname[300];

	errno = 0;
	ok(shm_open("", O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL, "shm_open(\"\"): EINVAL");
	errno = 0;
	ok(shm_open("/", O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL, "shm_open(\"/\"): EINVAL");
	errno = 0;
	ok(shm_open("/a/b", O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL,
	   "shm_open of a name with a '/' inside: EINVAL");
	memset(longname, 'n', 257);
	longname[0] = '/';
	longname[257] = '\0';
	errno = 0;
	ok(shm_open(longname, O_RDWR | O_CREAT, 0600) == -1 && errno == ENAMETOOLONG,
	   "shm_open of a 256-byte name: ENAMETOOLONG");
	errno = 0;
	ok(shm_unlink("/a/b") == -1 && errno == ENOENT,
	   "shm_unlink of a name with a '/' inside: ENOENT (no such object can exist, glibc says)");
	errno = 0;
	ok(shm_unlink("/rvmm-test-shm-none") == -1 && errno == ENOENT, "shm_unlink of no object: ENOENT");
	errno = 0;
	ok(shm_open("/rvmm-test-shm-none", O_RDWR, 0) == -1 && errno == ENOENT,
	   "shm_open of no object without O_CREAT: ENOENT");
}

int main(int argc, char **argv)
{
	char name[64], file[96];
	struct stat st, st2;
	int fd, fd2, status;
	char *p;

	if (argc == 3 && strcmp(argv[1], "--child") == 0)
		return child(argv[2]);

	snprintf(name, sizeof(name), "/rvmm-test-shm.%d", (int)getpid());
	snprintf(file, sizeof(file), "/dev/shm%s", name);
	fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (!ok(fd >= 0, "shm_open(%s, O_CREAT | O_EXCL) (%s)", name, fd < 0 ? strerror(errno) : "ok"))
		return tap_done();
	ok(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0 && (st.st_mode & 0777) == 0600,
	   "a new object is an empty regular file, mode 0600");
	ok(stat(file, &st2) == 0 && st2.st_ino == st.st_ino, "it is the file %s", file);
	ok(fcntl(fd, F_GETFD) == FD_CLOEXEC, "shm_open's descriptor is close-on-exec");
	errno = 0;
	ok(shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600) == -1 && errno == EEXIST,
	   "O_CREAT | O_EXCL of an existing object: EEXIST");
	fd2 = shm_open(name, O_RDONLY, 0);
	ok(fd2 >= 0 && fstat(fd2, &st2) == 0 && st2.st_ino == st.st_ino,
	   "shm_open without O_CREAT opens the same object");
	close(fd2);

	ok(ftruncate(fd, SIZE) == 0 && fstat(fd, &st) == 0 && st.st_size == (off_t)SIZE,
	   "ftruncate sizes it to %lu bytes", SIZE);
	p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!ok(p != MAP_FAILED, "mmap MAP_SHARED of the object (%s)", p == MAP_FAILED ? strerror(errno) : "ok")) {
		close(fd);
		shm_unlink(name);
		return tap_done();
	}
	ok(p[0] == 0 && p[SIZE - 1] == 0, "its pages read as zeros");
	strcpy(p, "from the parent");
	strcpy(p + PAGE, "page two");
	status = run_other(argv[0], name);
	ok(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "another process opening it by name reads the parent's writes (%s)", status_str(status));
	ok(strcmp(p + 100, "from the child") == 0 && strcmp(p + PAGE + 100, "child's page two") == 0,
	   "and its writes show in the parent's mapping, on both pages");
	ok(pwrite(fd, "W", 1, 200) == 1 && p[200] == 'W', "a write(2) to the object shows in the mapping");

	ok(shm_unlink(name) == 0, "shm_unlink");
	errno = 0;
	ok(shm_open(name, O_RDWR, 0) == -1 && errno == ENOENT, "after shm_unlink the name is gone: ENOENT");
	strcpy(p + 300, "still here");
	ok(strcmp(p + 300, "still here") == 0 && strcmp(p, "from the parent") == 0,
	   "the mapping outlives the name");
	munmap(p, SIZE);
	ok(ftruncate(fd, PAGE) == 0 && fstat(fd, &st) == 0 && st.st_size == (off_t)PAGE,
	   "ftruncate shrinks the unlinked object");
	close(fd);

	test_names();
	return tap_done();
}
