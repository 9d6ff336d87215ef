/*
 * kernel/init.c: the first user process, as Linux's kernel_init: a
 * kernel thread that gives itself the console as standard input, output
 * and error, and becomes /init from the initramfs (or the first of the
 * usual fall-backs that exists).  As on Linux, the words after "--" on the
 * command line are init's arguments: init=/bin/runtests -- test_cow.
 */
#include <binfmts.h>
#include <cmdline.h>
#include <err.h>
#include <fs.h>
#include <namei.h>
#include <proc_fs.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>

static const char *const init_envp[] = { "HOME=/", "TERM=linux", "PATH=/bin", NULL };

/* console_on_rootfs: fds 0, 1 and 2 on /dev/console. */
static void console_on_rootfs(void)
{
	struct file *file = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(file)) {
		pr_err("Warning: unable to open an initial console.\n");
		return;
	}
	for (int fd = 0; fd < 3; fd++) {
		int got = get_unused_fd_flags(0);

		if (got < 0)
			break;
		fd_install((unsigned int)got, fd ? get_file(file) : file);
	}
}

#define MAX_INIT_ARGS	16

static char init_args[COMMAND_LINE_SIZE];	/* the words after "--", NUL-separated */

/* init_argv: argv[0] = prog, then the command line's words after " -- "; NULL-terminated. */
static void init_argv(const char *argv[MAX_INIT_ARGS + 2], const char *prog)
{
	const char *dashes = strstr(boot_command_line, " -- ");
	int n = 0;

	argv[n++] = prog;
	if (dashes) {
		char *p = strcpy(init_args, dashes + 4);

		while (*p && n <= MAX_INIT_ARGS) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			argv[n++] = p;
			while (*p && *p != ' ')
				p++;
		}
	}
	argv[n] = NULL;
}

static int kernel_init(void *unused)
{
	static const char *const candidates[] = { "/init", "/sbin/init", "/bin/init", "/bin/sh" };
	const char *argv[MAX_INIT_ARGS + 2];
	char path[64];

	(void)unused;
	/*
	 * init leads session 1, as Linux's init does once it calls setsid():
	 * opening the console then makes it the session's controlling
	 * terminal, with init's group in the foreground.
	 */
	current->pgid = current->sid = current->pid;
	console_on_rootfs();
	/* init= on the command line names the program, as on Linux. */
	if (cmdline_find(boot_command_line, "init", path, sizeof(path))) {
		int err;

		init_argv(argv, path);
		err = kernel_execve(path, argv, init_envp);
		if (!err)
			return 0;
		pr_err("Failed to execute %s (error %d). Attempting defaults...\n", path, err);
	}
	for (size_t i = 0; i < ARRAY_SIZE(candidates); i++) {
		init_argv(argv, candidates[i]);
		if (!kernel_execve(candidates[i], argv, init_envp))
			return 0;
	}
	panic("No working init found.  Try passing init= option to kernel.");
}

void start_init(void)
{
	int pid = kernel_thread(kernel_init, NULL, "init");

	if (pid < 0)
		panic("start_init: cannot create the init task (%d)", pid);
	init_process = find_task_by_pid(pid);
}
