/*
 * kernel/init.c: the first user process, as Linux's kernel_init: a
 * kernel thread that gives itself the console as standard input, output
 * and error, and becomes /init from the initramfs (or the first of the
 * usual fall-backs that exists).  As on Linux, the words after "--" on the
 * command line are init's arguments: init=/bin/runtests -- test_cow, and
 * a key=value the kernel does not know (no dot in the key) is put in
 * init's environment: OOM_STRESS_ROUNDS=5 (Linux's unknown_bootoption).
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

/* Linux's CONFIG_INIT_ENV_ARG_LIMIT: at most this many arguments, and environment strings. */
#define MAX_INIT_ARGS	32
#define MAX_INIT_ENVS	32

static const char *envp_init[MAX_INIT_ENVS + 2] = { "HOME=/", "TERM=linux", "PATH=/bin", NULL };

/* Every name the kernel looks up with cmdline_find(): these stay out of init's environment. */
static const char *const kernel_params[] = {
	"bench", "debug_vm", "init", "loglevel", "mem", "no4lvl", "no5lvl", "reclaim_policy", "slub_debug",
	"test", NULL
};

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

static char init_args[COMMAND_LINE_SIZE];	/* the words after "--", NUL-separated */
static char init_envs[COMMAND_LINE_SIZE];	/* the environment's words, NUL-separated */

/*
 * envp_init_from_cmdline: the command line's unknown key=value words into
 * init's environment (cmdline_init_env), each announced as Linux does.
 */
static void envp_init_from_cmdline(void)
{
	const char *full = cmdline_init_env(boot_command_line, kernel_params, envp_init,
					    MAX_INIT_ENVS, init_envs, sizeof(init_envs));

	if (full)
		panic("Too many boot env vars at `%s'", full);
	for (int i = 0; envp_init[i]; i++)
		if (envp_init[i] >= init_envs && envp_init[i] < init_envs + sizeof(init_envs))
			pr_notice("Unknown kernel command line parameter \"%s\", will be passed to user space.\n",
				  envp_init[i]);
}

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
	envp_init_from_cmdline();
	/* init= on the command line names the program, as on Linux. */
	if (cmdline_find(boot_command_line, "init", path, sizeof(path))) {
		int err;

		init_argv(argv, path);
		err = kernel_execve(path, argv, envp_init);
		if (!err)
			return 0;
		pr_err("Failed to execute %s (error %d). Attempting defaults...\n", path, err);
	}
	for (size_t i = 0; i < ARRAY_SIZE(candidates); i++) {
		init_argv(argv, candidates[i]);
		if (!kernel_execve(candidates[i], argv, envp_init))
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
