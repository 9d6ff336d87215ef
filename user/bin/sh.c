/*
 * sh: a small shell.  It reads a line, splits it into words, and runs it.
 *
 *   prog args...          run prog (searched in $PATH, default /bin), wait
 *   prog args... &        run it in the background
 *   a args... | b args... a's output is b's input
 *   < file  > file  >> file   redirect input, output, output appending
 *   "a b" or 'a b'        one word, spaces included
 *   $?                    the status of the last command (outside '')
 *   cd [dir]  pwd  exit [n]   built in
 *
 * `sh FILE` runs the lines of FILE instead, without prompting.  Children
 * are started with vfork, so the shell also works without an MMU.
 *
 * Line editing (echo, erase, Ctrl-U, Ctrl-D) is the terminal's own
 * (canonical mode).  Job control: on a terminal, the shell leads a
 * process group of its own, each command line runs in a new group that
 * the shell makes the terminal's foreground group (tcsetpgrp) while it
 * runs, and then takes the terminal back.  The keyboard's Ctrl-C goes to
 * the foreground group only, so it stops the program, not the shell.  At
 * the prompt the shell is that group: it catches SIGINT (and SIGQUIT),
 * so the read is interrupted and a fresh prompt follows; a caught signal
 * is back to its default in every program the shell execs.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAXARGS 32

static int last_status;		/* $? */
static int job_control;		/* stdin is our controlling terminal */
static pid_t shell_pgid;
static volatile sig_atomic_t interrupted;	/* Ctrl-C or Ctrl-\ at the prompt */

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct cmd {
	char *argv[MAXARGS + 1];
	char *in, *out;		/* redirections, or NULL */
	int append;		/* >> rather than > */
};

/*
 * Split line into words, copied into store (twice the line's size is
 * always enough).  The operators | & < > >> are words of their own even
 * without spaces around them; quotes group and are dropped; $? becomes
 * the last status (at most 3 digits for 2 bytes, so three times the
 * line's size is always enough).  Returns the
 * number of words, or -1 (after a message) if the line is malformed.
 */
static int split(const char *p, char **words, int max, char *store)
{
	int n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			return n;
		if (n == max) {
			fprintf(stderr, "sh: too many words\n");
			return -1;
		}
		words[n++] = store;
		if (strchr("|&<>", *p)) {
			*store++ = *p++;
			if (p[-1] == '>' && *p == '>')
				*store++ = *p++;
		} else {
			/* an ordinary word: up to a space or an operator */
			while (*p && !strchr(" \t\n|&<>", *p)) {
				if (p[0] == '$' && p[1] == '?') {
					store += sprintf(store, "%d", last_status);
					p += 2;
				} else if (*p == '"' || *p == '\'') {
					char q = *p++;

					while (*p && *p != q)
						*store++ = *p++;
					if (!*p) {
						fprintf(stderr, "sh: unmatched %c\n", q);
						return -1;
					}
					p++;
				} else {
					*store++ = *p++;
				}
			}
		}
		*store++ = '\0';
	}
}

/* Sort words into at most two commands; returns how many, or -1. */
static int parse(char **words, int n, struct cmd *cmds, int *background)
{
	int ncmds = 1, argc = 0;
	struct cmd *c = &cmds[0];

	memset(cmds, 0, 2 * sizeof(*cmds));
	*background = 0;
	for (int i = 0; i < n; i++) {
		char *w = words[i];

		if (strcmp(w, "&") == 0 && i == n - 1) {
			*background = 1;
		} else if (strcmp(w, "|") == 0) {
			if (ncmds == 2 || argc == 0) {
				fprintf(stderr, "sh: only one | between two commands\n");
				return -1;
			}
			c = &cmds[ncmds++];
			argc = 0;
		} else if (strcmp(w, "<") == 0 || strcmp(w, ">") == 0 || strcmp(w, ">>") == 0) {
			if (i + 1 == n) {
				fprintf(stderr, "sh: %s needs a file name\n", w);
				return -1;
			}
			if (w[0] == '<')
				c->in = words[++i];
			else {
				c->append = w[1] == '>';
				c->out = words[++i];
			}
		} else if (argc < MAXARGS) {
			c->argv[argc++] = w;
		}
	}
	if (argc == 0 && (ncmds == 2 || c->in || c->out)) {
		fprintf(stderr, "sh: missing command\n");
		return -1;
	}
	return cmds[0].argv[0] ? ncmds : 0;
}

/* In a vfork child: write a message without stdio, whose buffers are the parent's. */
static void child_error(const char *what, const char *name)
{
	const char *err = strerror(errno);

	write(2, "sh: ", 4);
	write(2, name, strlen(name));
	write(2, what, strlen(what));
	write(2, err, strlen(err));
	write(2, "\n", 1);
}

/* Put file on descriptor fd in a child; 0 on success. */
static int redirect(const char *file, int flags, int fd)
{
	int f = open(file, flags, 0644);

	if (f < 0) {
		child_error(": ", file);
		return -1;
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
	return 0;
}

/*
 * Start c with stdin in_fd and stdout out_fd (closing other_fd in the
 * child); its pid.  With job control it joins group *pgid (the first
 * command of a line starts the group: *pgid is 0), which a foreground job
 * makes the terminal's.  Both the child and the shell set the group, so
 * that it is in place whichever runs first.
 */
static pid_t spawn(struct cmd *c, int in_fd, int out_fd, int other_fd, pid_t *pgid, int fg)
{
	pid_t pid = vfork();

	if (pid != 0) {
		if (pid < 0)
			perror("sh: vfork");
		else if (job_control) {
			if (!*pgid)
				*pgid = pid;
			setpgid(pid, *pgid);
		}
		return pid;
	}
	/* the child: only system calls from here on, then execve or _exit */
	if (job_control) {
		setpgid(0, *pgid);
		if (fg)
			tcsetpgrp(0, *pgid ? *pgid : getpid());
	}
	if (in_fd != 0) {
		dup2(in_fd, 0);
		close(in_fd);
	}
	if (out_fd != 1) {
		dup2(out_fd, 1);
		close(out_fd);
	}
	if (other_fd >= 0)
		close(other_fd);
	if ((c->in && redirect(c->in, O_RDONLY, 0) < 0) ||
	    (c->out && redirect(c->out, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC), 1) < 0))
		_exit(1);
	execvp(c->argv[0], c->argv);
	child_error(": ", c->argv[0]);
	_exit(127);
}

/* Wait for pid and set $?; tell how it ended if that was not a plain exit or Ctrl-C. */
static void wait_for(pid_t pid)
{
	int st;

	if (pid <= 0 || waitpid(pid, &st, 0) != pid)
		return;
	if (WIFSIGNALED(st)) {
		last_status = 128 + WTERMSIG(st);
		if (WTERMSIG(st) == 2)	/* SIGINT: the terminal echoed ^C; end its line */
			putchar('\n');
		else
			printf("sh: process %d killed by signal %d\n", (int)pid, WTERMSIG(st));
	} else {
		last_status = WEXITSTATUS(st);
	}
}

/* Report the background children that have finished. */
static void reap_background(void)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (WIFSIGNALED(st))
			printf("[%d] killed by signal %d\n", (int)pid, WTERMSIG(st));
		else
			printf("[%d] done, status %d\n", (int)pid, WEXITSTATUS(st));
	}
}

/* cd, pwd and exit; 1 if c was one of them. */
static int builtin(struct cmd *c)
{
	if (strcmp(c->argv[0], "exit") == 0)
		exit(c->argv[1] ? atoi(c->argv[1]) : last_status);
	if (strcmp(c->argv[0], "cd") == 0) {
		const char *dir = c->argv[1] ? c->argv[1] : getenv("HOME") ? getenv("HOME") : "/";

		last_status = chdir(dir) < 0;
		if (last_status)
			fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (strcmp(c->argv[0], "pwd") == 0) {
		char dir[256];

		last_status = !getcwd(dir, sizeof(dir));
		if (last_status)
			fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		else
			puts(dir);
		return 1;
	}
	return 0;
}

static void run(struct cmd *cmds, int ncmds, int background)
{
	pid_t first, second = 0, pgid = 0;
	int fds[2];

	fflush(stdout);		/* what the shell printed comes before what the children do */
	if (ncmds == 1) {
		if (builtin(&cmds[0]))
			return;
		first = spawn(&cmds[0], 0, 1, -1, &pgid, !background);
	} else {
		if (pipe(fds) < 0) {
			perror("sh: pipe");
			return;
		}
		first = spawn(&cmds[0], 0, fds[1], fds[0], &pgid, !background);
		second = spawn(&cmds[1], fds[0], 1, fds[1], &pgid, !background);
		close(fds[0]);
		close(fds[1]);
	}
	if (background) {
		printf("[%d]\n", (int)(second > 0 ? second : first));
		return;
	}
	if (job_control && pgid)
		tcsetpgrp(0, pgid);
	wait_for(first);
	wait_for(second);
	if (job_control)
		tcsetpgrp(0, shell_pgid);	/* the terminal is the shell's again */
}

/*
 * On a controlling terminal: lead a process group of our own (a session
 * leader, such as init=/bin/sh, already does) and be its foreground.
 */
static void init_job_control(void)
{
	if (tcgetpgrp(0) < 0)
		return;
	if (getpid() != getsid(0))
		setpgid(0, 0);
	shell_pgid = getpgrp();
	job_control = tcsetpgrp(0, shell_pgid) == 0;
	if (job_control) {
		/* No SA_RESTART: the interrupted read returns, and the line is dropped. */
		struct sigaction sa = { .sa_handler = on_interrupt };

		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
	}
}

int main(int argc, char *argv[])
{
	int interactive = argc < 2;
	char line[512], store[3 * sizeof(line)], *words[2 * MAXARGS];
	struct cmd cmds[2];

	if (!interactive) {
		int fd = open(argv[1], O_RDONLY);

		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
		dup2(fd, 0);
		close(fd);
	} else {
		init_job_control();
	}
	for (;;) {
		int n, ncmds, background;

		reap_background();
		if (interactive)
			fputs("$ ", stdout);	/* reading stdin flushes it */
		if (!fgets(line, sizeof(line), stdin)) {
			if (interrupted || errno == EINTR) {
				/* the terminal echoed ^C and dropped the line: end it, prompt again */
				interrupted = 0;
				clearerr(stdin);
				putchar('\n');
				continue;
			}
			break;
		}
		n = split(line, words, 2 * MAXARGS, store);
		ncmds = n > 0 ? parse(words, n, cmds, &background) : n;
		if (ncmds > 0)
			run(cmds, ncmds, background);
	}
	if (interactive)
		putchar('\n');
	return 0;
}
