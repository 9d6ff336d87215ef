/*
 * test_exec: execve replaces the program, passing argv and envp, keeping
 * the pid and the descriptors not marked close-on-exec; and its errors.
 *
 * The test runs itself again (argv[0]) with --exec-child: in that role it
 * checks what it was given and exits with a bit for each check that
 * failed, 0 if none did.  The children only exec or exit, so without an
 * MMU (no fork) they are vfork's and every check is made all the same.
 */
#define _GNU_SOURCE		/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include "tap.h"

extern char **environ;

enum {				/* the exec'd child's checks, one bit each */
	BAD_ARGV = 1 << 0,	/* argc and every argument, including "" and "a b" */
	BAD_ENVP = 1 << 1,	/* exactly the environment given, visible to getenv */
	BAD_PID = 1 << 2,	/* the same pid as before the execve */
	BAD_FD = 1 << 3,	/* an inherited descriptor still works */
	BAD_CLOEXEC = 1 << 4,	/* an O_CLOEXEC descriptor is closed */
	BAD_IMAGE = 1 << 5,	/* data starts from the file, not the old memory */
	EXEC_FAILED = 255,	/* execve returned: no check was made */
};

static int marker = 1;		/* set to 2 just before the execve */

static int exec_child(int argc, char **argv)
{
	int bad = 0, n = 0;
	const char *a = getenv("RVMM_A"), *b = getenv("RVMM_B");

	if (argc != 7 || strcmp(argv[5], "a b") != 0 || strcmp(argv[6], "") != 0 ||
	    argv[7] != NULL)
		bad |= BAD_ARGV;
	while (environ[n])
		n++;
	if (n != 2 || !a || strcmp(a, "1") != 0 || !b || strcmp(b, "two words") != 0)
		bad |= BAD_ENVP;
	if (argc > 2 && atoi(argv[2]) != getpid())
		bad |= BAD_PID;
	if (argc > 3 && write(atoi(argv[3]), "hello", 5) != 5)
		bad |= BAD_FD;
	if (argc > 4 && (write(atoi(argv[4]), "x", 1) != -1 || errno != EBADF))
		bad |= BAD_CLOEXEC;
	if (marker != 1)
		bad |= BAD_IMAGE;
	return bad;
}

/* execve path in a child; the errno it failed with, or 0 if it did not fail. */
static int exec_errno(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	int fds[2], err = 0;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	pid = fork_or_vfork();
	if (pid == 0) {
		execve(path, argv, environ);
		err = errno;
		_exit(write(fds[1], &err, sizeof(err)) == sizeof(err) ? 1 : 2);
	}
	close(fds[1]);
	/* a successful execve closes the pipe (O_CLOEXEC) and sends nothing */
	if (read(fds[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return err;
}

static void test_exec_self(const char *self)
{
	int data[2], cloexec[2], st;
	char got[8] = "";
	pid_t pid;

	if (pipe(data) < 0 || pipe2(cloexec, O_CLOEXEC) < 0) {
		ok(0, "pipes for the execve checks");
		return;
	}
	pid = fork_or_vfork();
	if (pid == 0) {
		char pid_s[16], fd_s[16], cloexec_s[16];
		char *argv[] = { (char *)self, "--exec-child", pid_s, fd_s, cloexec_s,
				 "a b", "", NULL };
		char *envp[] = { "RVMM_A=1", "RVMM_B=two words", NULL };

		snprintf(pid_s, sizeof(pid_s), "%d", (int)getpid());
		snprintf(fd_s, sizeof(fd_s), "%d", data[1]);
		snprintf(cloexec_s, sizeof(cloexec_s), "%d", cloexec[1]);
		marker = 2;
		execve(self, argv, envp);
		_exit(EXEC_FAILED);
	}
	close(data[1]);
	close(cloexec[1]);
	if (read(data[0], got, 5) != 5)
		got[0] = '\0';
	close(data[0]);
	close(cloexec[0]);
	if (waitpid(pid, &st, 0) != pid)
		st = -1;

	if (!ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) != EXEC_FAILED,
		"execve of this program runs it (%s)", status_str(st)))
		return;
	st = WEXITSTATUS(st);
	ok(!(st & BAD_ARGV), "execve passes argc and argv, empty and spaced arguments too");
	ok(!(st & BAD_ENVP), "execve passes exactly the environment given");
	ok(!(st & BAD_PID), "the pid stays the same across execve");
	ok(!(st & BAD_FD) && strcmp(got, "hello") == 0, "descriptors survive execve");
	ok(!(st & BAD_CLOEXEC), "O_CLOEXEC descriptors are closed by execve");
	ok(!(st & BAD_IMAGE), "the new image's data comes from the file, not the old memory");
}

/*
 * test_empty_argv: execve with an empty argv.  Linux since 5.18 never
 * starts a program with argc 0: it gets argc 1 and argv[0] = "".
 */
static void test_empty_argv(const char *self)
{
	int st;
	pid_t pid = fork_or_vfork();

	if (pid == 0) {
		char *argv[] = { NULL };
		char *envp[] = { "RVMM_EMPTY_ARGV=1", NULL };

		execve(self, argv, envp);
		_exit(EXEC_FAILED);
	}
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	ok(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "execve with an empty argv starts the program with argc 1, argv[0] \"\" (%s)",
	   status_str(st));
}

int main(int argc, char *argv[])
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char path[256];
	int fd, err;

	if (getenv("RVMM_EMPTY_ARGV"))	/* started by test_empty_argv */
		return !(argc == 1 && argv[0][0] == '\0' && argv[1] == NULL);
	if (argc > 1 && strcmp(argv[1], "--exec-child") == 0)
		return exec_child(argc, argv);

	/*
	 * qemu-user hands execve to the host kernel, which cannot run a RISC-V
	 * program unless binfmt_misc sends it back to qemu (it does not here):
	 * the execve that should succeed fails with ENOEXEC.
	 */
	if (under_qemu_user()) {
		const char *why = "qemu-user: the host kernel cannot run a RISC-V program";

		skip(why, "execve of this program runs it");
		skip(why, "execve passes argc and argv, empty and spaced arguments too");
		skip(why, "execve passes exactly the environment given");
		skip(why, "the pid stays the same across execve");
		skip(why, "descriptors survive execve");
		skip(why, "O_CLOEXEC descriptors are closed by execve");
		skip(why, "the new image's data comes from the file, not the old memory");
		skip(why, "execve with an empty argv starts the program with argc 1, argv[0] \"\"");
	} else {
		test_exec_self(argv[0]);
		test_empty_argv(argv[0]);
	}

	err = exec_errno("/nonexistent/test_exec");
	ok(err == ENOENT, "execve of a missing file fails with ENOENT (%s)", strerror(err));
	err = exec_errno(tmp);
	ok(err == EACCES, "execve of a directory fails with EACCES (%s)", strerror(err));

	snprintf(path, sizeof(path), "%s/test_exec.%d", tmp, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd >= 0 && write(fd, "not a program\n", 14) == 14 && close(fd) == 0) {
		err = exec_errno(path);
		ok(err == ENOEXEC, "execve of an executable that is not ELF fails with ENOEXEC (%s)",
		   strerror(err));
	} else {
		ok(0, "create %s for the ENOEXEC check", path);
	}
	unlink(path);

	return tap_done();
}
