/*
 * init: the first process.  Runs /bin/sh on the console, runs it again
 * whenever it exits, and meanwhile reaps the orphans the kernel makes its
 * children (a process whose parent died is re-parented to pid 1, and only
 * a wait() frees its zombie).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "console.h"

static char *const sh_argv[] = { "sh", NULL };
static char *const sh_envp[] = { "PATH=/bin", "HOME=/", NULL };

/* Start a shell; its pid, or -1. */
static pid_t start_shell(void)
{
	pid_t pid = vfork();	/* vfork, not fork: works without an MMU too */

	if (pid == 0) {
		execve("/bin/sh", sh_argv, sh_envp);
		/* a vfork child shares the parent's stdio: write directly */
		write(2, "init: cannot run /bin/sh\n", 25);
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: vfork: %s\n", strerror(errno));
	return pid;
}

int main(void)
{
	open_console();
	if (getpid() != 1)
		fprintf(stderr, "init: running as pid %d, not 1: orphans go elsewhere\n",
			(int)getpid());

	for (;;) {
		pid_t sh = start_shell(), pid;
		int st = 0;

		while (sh > 0 && (pid = wait(&st)) != sh) {
			if (pid < 0 && errno == ECHILD)
				break;		/* cannot happen while sh lives */
			/* anything else was an orphan: wait() has freed it */
		}
		if (sh > 0 && WIFSIGNALED(st))
			printf("init: sh killed by signal %d; starting a new one\n", WTERMSIG(st));
		else if (sh > 0)
			printf("init: sh exited with %d; starting a new one\n", WEXITSTATUS(st));
		/*
		 * A pause before the next one, so that a shell that cannot start,
		 * or that meets end-of-file at once, cannot make init spin.
		 */
		sleep(1);
	}
}
