/*
 * process.c: processes, time and the kernel log.
 */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "linux.h"

extern char **environ;

pid_t fork(void)
{
	/* clone(flags, newsp, parent_tid, child_tid, tls): a copy, SIGCHLD at exit */
	return __sys_ret(__sys2(SYS_clone, SIGCHLD, 0));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __sys_ret(__sys3(SYS_execve, path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/*
 * Run FILE from the directories of $PATH (default /bin) unless it names a
 * path.  Safe in a vfork child: nothing here allocates.
 */
int execvp(const char *file, char *const argv[])
{
	const char *dirs = getenv("PATH");
	char path[PATH_MAX];
	int saw_eacces = 0;

	if (strchr(file, '/'))
		return execve(file, argv, environ);
	if (!dirs || !*dirs)
		dirs = "/bin";
	while (*dirs) {
		size_t dlen = strcspn(dirs, ":");
		size_t flen = strlen(file);

		if (dlen + 1 + flen < sizeof(path)) {
			memcpy(path, dirs, dlen);
			path[dlen] = '/';
			memcpy(path + dlen + 1, file, flen + 1);
			execve(path, argv, environ);
			if (errno == EACCES)
				saw_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;	/* it exists but cannot run: say why */
		}
		dirs += dlen;
		if (*dirs == ':')
			dirs++;
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return -1;
}

void _exit(int status)
{
	for (;;)
		__sys1(SYS_exit_group, status);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	/*
	 * The kernel writes the status word straight into *status (so a bad
	 * pointer is the kernel's EFAULT); its struct rusage is 144 bytes
	 * (two timevals and 14 longs), as <sys/resource.h>'s.
	 */
	long kru[18];
	long r = __sys4(SYS_wait4, pid, status, options, ru ? kru : NULL);

	if (r >= 0 && ru)
		memcpy(ru, kru, sizeof(*ru));
	return __sys_ret(r);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int kill(pid_t pid, int sig)
{
	return __sys_ret(__sys2(SYS_kill, pid, sig));
}

pid_t getpid(void)
{
	return __sys0(SYS_getpid);
}

pid_t getppid(void)
{
	return __sys0(SYS_getppid);
}

int sched_yield(void)
{
	return __sys_ret(__sys0(SYS_sched_yield));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __sys_ret(__sys2(SYS_nanosleep, req, rem));
}

/* Returns the seconds left to sleep when a signal cut the sleep short. */
unsigned sleep(unsigned seconds)
{
	struct timespec ts = { seconds, 0 };

	if (nanosleep(&ts, &ts) < 0)
		return ts.tv_sec + (ts.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = { usec / 1000000, (long)(usec % 1000000) * 1000 };

	return nanosleep(&ts, NULL);
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	return __sys_ret(__sys2(SYS_gettimeofday, tv, tz));
}

int uname(struct utsname *buf)
{
	return __sys_ret(__sys1(SYS_uname, buf));
}

int klogctl(int type, char *buf, int len)
{
	return __sys_ret(__sys3(SYS_syslog, type, buf, len));
}
