/*
 * test_oom: the OOM killer as Linux runs it.  Every scenario forks the
 * processes that are to run out of memory, so the test itself survives,
 * and checks who died (SIGKILL) and who did not.  Sizes come from
 * MemAvailable, not from QEMU's -m, so the same scenario means the same
 * on rvmm and on a real Linux kernel with the same memory.
 *
 * Under qemu-user the memory and the OOM killer are the host's (24 GiB
 * and other people's processes): every scenario is skipped there.
 *
 * Without an MMU there is no fork, and a vfork child's hog would take
 * the test with it: each hog and sleeper is this program again, started
 * by vfork and execve (--hog, --sleeper), with an address space of its
 * own.  Its mappings are 32 KiB there: a larger contiguous allocation
 * (above order 3) fails without calling the OOM killer, as in Linux.
 * oom_score is checked on 8 MiB mapped in 2 MiB pieces (one run of
 * contiguous pages each: 8 MiB is more than one allocation).
 */
#include <errno.h>
#include "mm.h"

#define CHUNK (4 * MIB)
#define NOMMU_CHUNK (32 * KIB)

static const char *self;	/* argv[0]: the hogs without an MMU are this program again */

static long avail_kb(void)
{
	return proc_kb("/proc/meminfo", "MemAvailable:");
}

/* touch: write one byte in every page of [p, p+len). */
static void touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += PAGE)
		p[i] = 1;
}

/* hog: map and touch CHUNKs until `kb` are touched (0: forever); exit 0 when done. */
static int hog(long kb)
{
	size_t chunk = no_mmu() ? NOMMU_CHUNK : CHUNK;
	long done = 0;

	while (!kb || done < kb) {
		char *p = map_anon(chunk, PROT_READ | PROT_WRITE);

		if (p == MAP_FAILED) {
			if (errno != ENOMEM)
				return 2;
			continue;	/* the heuristic may refuse a chunk: ask again */
		}
		touch(p, chunk);
		done += (long)(chunk / KIB);
	}
	return 0;
}

/* set_oom_score_adj: write v to /proc/self/oom_score_adj; 0 or -1. */
static int set_oom_score_adj(int v)
{
	char buf[16];
	int fd = open("/proc/self/oom_score_adj", O_WRONLY), n;
	ssize_t w;

	if (fd < 0)
		return -1;
	n = snprintf(buf, sizeof(buf), "%d\n", v);
	w = write(fd, buf, (size_t)n);
	close(fd);
	return w == n ? 0 : -1;
}

/* sleeper_main: the sleeper's side: prepare, say ready, sleep until woken; its exit status. */
static int sleeper_main(int (*prepare)(void), int ready, int wake, int close1, int close2)
{
	char c;

	if (close1 >= 0)
		close(close1);
	if (close2 >= 0)
		close(close2);
	if (prepare() || write(ready, "r", 1) != 1)
		return 3;
	return read(wake, &c, 1) == 0 ? 0 : 5;
}

static long sleeper_kb;
static int sleeper_adj;

/* exec_sleeper: without an MMU, the sleeper is this program again: --sleeper KB ADJ READY WAKE. */
static pid_t exec_sleeper(const int ready[2], const int wake[2])
{
	char kb[24], adj[16], r[16], w[16];
	char *argv[] = { (char *)self, "--sleeper", kb, adj, r, w, NULL };
	pid_t pid;

	snprintf(kb, sizeof(kb), "%ld", sleeper_kb);
	snprintf(adj, sizeof(adj), "%d", sleeper_adj);
	snprintf(r, sizeof(r), "%d", ready[1]);
	snprintf(w, sizeof(w), "%d", wake[0]);
	pid = vfork();
	if (pid == 0) {
		close(ready[0]);
		close(wake[1]);
		execv(self, argv);
		_exit(127);
	}
	return pid;
}

/*
 * start_sleeper: a child that runs prepare (touch memory, set its
 * oom_score_adj, map an address space), tells the parent it is ready,
 * then sleeps in a pipe read until the parent closes the pipe: it is
 * chosen, or not, while asleep in the kernel.  (Closing, not writing: a
 * write to a pipe whose reader was killed is SIGPIPE.)
 */
static pid_t start_sleeper(int (*prepare)(void), int *wake_fd)
{
	int ready[2], wake[2];
	pid_t pid;
	char c;

	if (pipe(ready) || pipe(wake))
		return -1;
	if (no_mmu())
		pid = exec_sleeper(ready, wake);
	else if ((pid = fork()) == 0)
		_exit(sleeper_main(prepare, ready[1], wake[0], ready[0], wake[1]));
	close(ready[1]);
	close(wake[0]);
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		close(ready[0]);
		close(wake[1]);
		return -1;
	}
	close(ready[0]);
	*wake_fd = wake[1];
	return pid;
}

/* prepare_hog: hold sleeper_kb at oom_score_adj sleeper_adj. */
static int prepare_hog(void)
{
	return set_oom_score_adj(sleeper_adj) || hog(sleeper_kb);
}

/* hog_sleeper: a sleeper holding kb at oom_score_adj adj. */
static pid_t hog_sleeper(long kb, int adj, int *wake_fd)
{
	sleeper_kb = kb;
	sleeper_adj = adj;
	return start_sleeper(prepare_hog, wake_fd);
}

/* reap: the wait status of pid, after waking it by closing wake_fd. */
static int reap(pid_t pid, int wake_fd)
{
	int status = -1;

	if (wake_fd >= 0)
		close(wake_fd);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int killed(int status)
{
	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

static int exited_ok(int status)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int hog_forever(void)
{
	return hog(0);
}

/*
 * run_hog: the wait status of a child running fn; without an MMU, of this
 * program again as "--hog KB ADJ" (0 KB: forever), since a vfork child's
 * hog would use, and kill, the test's own memory.
 */
static int run_hog(int (*fn)(void), long kb, int adj)
{
	char kb_s[24], adj_s[16];
	char *argv[] = { (char *)self, "--hog", kb_s, adj_s, NULL };
	int status;
	pid_t pid;

	if (!no_mmu())
		return run_child(fn);
	snprintf(kb_s, sizeof(kb_s), "%ld", kb);
	snprintf(adj_s, sizeof(adj_s), "%d", adj);
	pid = vfork();
	if (pid == 0) {
		execv(self, argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void test_lone_hog(void)
{
	int status = run_hog(hog_forever, 0, 0);

	ok(killed(status), "a lone hog is killed with SIGKILL (%s)", status_str(status));
	ok(getppid() > 0 && kill(getppid(), 0) == 0, "its parent and the shell live on");
}

static void test_larger_dies(void)
{
	long small = avail_kb() / 8;
	int wake = -1, s_small, s_big;
	pid_t sleeper = hog_sleeper(small, 0, &wake);

	s_big = run_hog(hog_forever, 0, 0);
	s_small = reap(sleeper, wake);
	ok(killed(s_big), "of two hogs the larger is killed (%s)", status_str(s_big));
	ok(exited_ok(s_small), "and the smaller, asleep in a pipe read, lives (%s)",
	   status_str(s_small));
}

static long big_kb;

static int hog_big(void)
{
	return hog(big_kb);
}

static int hog_big_protected(void)
{
	return set_oom_score_adj(-1000) ? 3 : hog(big_kb);
}

static void test_score_adj(void)
{
	long avail = avail_kb();
	int wake = -1, s_small, s_big;
	pid_t sleeper;

	/*
	 * A small process with oom_score_adj 1000 is chosen over a large one.
	 * Together they need 108% of MemAvailable; the large one alone 75%,
	 * which leaves room for MemAvailable being an estimate and, on Linux,
	 * for the oom_reaper still giving the victim's pages back while the
	 * large one faults on (at 85% Linux sometimes killed it too).
	 */
	sleeper = hog_sleeper(avail / 3, 1000, &wake);
	big_kb = avail * 75 / 100;
	s_big = run_hog(hog_big, big_kb, 0);
	s_small = reap(sleeper, wake);
	ok(killed(s_small), "oom_score_adj 1000 makes a small sleeper the victim (%s)",
	   status_str(s_small));
	ok(exited_ok(s_big), "and the large process finishes (%s)", status_str(s_big));

	/* oom_score_adj -1000 protects a large process: the small one dies. */
	avail = avail_kb();
	sleeper = hog_sleeper(avail / 3, 0, &wake);
	big_kb = avail * 75 / 100;
	s_big = run_hog(hog_big_protected, big_kb, -1000);
	s_small = reap(sleeper, wake);
	ok(killed(s_small), "with the large one at oom_score_adj -1000 the small one dies (%s)",
	   status_str(s_small));
	ok(exited_ok(s_big), "and the protected one finishes (%s)", status_str(s_big));
}

/* vfork_hog: the child of a vfork, on its parent's memory, runs out of it. */
static int vfork_hog(void)
{
	pid_t pid = vfork();

	if (pid == 0) {
		hog(0);
		_exit(0);
	}
	return pid < 0 ? 3 : 0;	/* not reached when the OOM killer takes both */
}

static void test_vfork(void)
{
	int status = run_hog(vfork_hog, -1, 0);	/* -1: "--hog -1" is vfork_hog */

	ok(killed(status), "a hog in a vfork child: the parent sharing its memory is killed (%s)",
	   status_str(status));
}

static int populate_hog(void)
{
	size_t len = (size_t)proc_kb("/proc/meminfo", "MemTotal:") * KIB * 3 / 2;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE, -1, 0);

	return p == MAP_FAILED ? 3 : 0;
}

static void test_populate(void)
{
	int status;

	if (no_mmu()) {
		/* A mapping is one contiguous allocation: more than RAM cannot even start. */
		errno = 0;
		ok(populate_hog() == 3 && errno == ENOMEM,
		   "MAP_POPULATE of more than RAM: ENOMEM without an MMU (%s)", strerror(errno));
		return;
	}
	status = run_child(populate_hog);

	ok(killed(status), "MAP_POPULATE of more than RAM is killed, not failed (%s)",
	   status_str(status));
}

static void test_oom_score(void)
{
	const size_t piece = no_mmu() ? 2 * MIB : 8 * MIB;
	char *p[4] = { MAP_FAILED, MAP_FAILED, MAP_FAILED, MAP_FAILED };
	long total, rss, pte, want, got;

	for (size_t i = 0; i < 8 * MIB / piece; i++) {
		p[i] = map_anon(piece, PROT_READ | PROT_WRITE);
		if (p[i] == MAP_FAILED) {
			ok(0, "oom_score: 8 MiB mapped");
			while (i--)
				munmap(p[i], piece);
			return;
		}
		touch(p[i], piece);
	}
	total = proc_kb("/proc/meminfo", "MemTotal:") + proc_kb("/proc/meminfo", "SwapTotal:");
	rss = vm_rss_kb();
	pte = proc_kb("/proc/self/status", "VmPTE:");
	got = proc_number("/proc/self/oom_score", "");
	/* Linux's proc_oom_score, in pages: (1000 + badness * 1000 / totalpages) * 2 / 3 */
	want = (1000 + (rss / 4 + pte / 4) * 1000 / (total / 4)) * 2 / 3;
	ok(got >= want - 2 && got <= want + 2, "oom_score %ld follows the formula (%ld, from VmRSS %ld kB)",
	   got, want, rss);
	for (size_t i = 0; i < 8 * MIB / piece; i++)
		munmap(p[i], piece);
}

static void test_overcommit_never(void)
{
	long limit = proc_kb("/proc/meminfo", "CommitLimit:");
	size_t len = (size_t)(limit + 16 * 1024) * KIB;
	char *p;

	if (write_proc("/proc/sys/vm/overcommit_memory", "2")) {
		ok(0, "overcommit_memory=2 can be set");
		return;
	}
	p = map_anon(len, PROT_READ | PROT_WRITE);
	ok(p == MAP_FAILED && errno == ENOMEM,
	   "overcommit_memory=2: mmap beyond CommitLimit is ENOMEM, not a kill");
	if (p != MAP_FAILED)
		munmap(p, len);
	write_proc("/proc/sys/vm/overcommit_memory", "0");
}

/* The kill counter in /proc/vmstat. */
static long oom_kills(void)
{
	return proc_number("/proc/vmstat", "oom_kill ");
}

/*
 * prepare_vm: a large address space never touched (1 GiB, MAP_NORESERVE),
 * almost nothing resident.  The 2.6 rule counts its total_vm; today's its rss.
 */
static int prepare_vm(void)
{
	return mmap(NULL, 1024 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		    -1, 0) == MAP_FAILED;
}

/*
 * test_classic: the same workload under both rules (rvmm's sysctl
 * vm.oom_badness_classic).  Today's rule kills the hog that holds the
 * memory; the 2.6 rule kills the large, idle address space first, which
 * frees nothing, and only then the hog: why Linux replaced it.
 */
static void test_classic(void)
{
	int wake = -1, s_vm, s_hog;
	pid_t vm;
	int probe = open("/proc/sys/vm/oom_badness_classic", O_RDONLY);

	if (probe < 0) {
		skip("vm.oom_badness_classic is rvmm's own sysctl", "the 2.6 rule against today's");
		return;
	}
	close(probe);
	if (no_mmu()) {
		static const char *const names[] = {
			"today's rule kills the hog",
			"and spares the idle 1 GiB address space",
			"the 2.6 rule (total_vm) kills the idle 1 GiB address space",
			"and, that having freed nothing, the hog after it",
		};

		for (size_t i = 0; i < 4; i++)
			skip(NEEDS_MMU "no untouched address space: every mapping is memory", "%s",
			     names[i]);
		return;
	}
	vm = start_sleeper(prepare_vm, &wake);
	s_hog = run_child(hog_forever);
	s_vm = reap(vm, wake);
	ok(killed(s_hog), "today's rule kills the hog (%s)", status_str(s_hog));
	ok(exited_ok(s_vm), "and spares the idle 1 GiB address space (%s)", status_str(s_vm));

	if (write_proc("/proc/sys/vm/oom_badness_classic", "1")) {
		ok(0, "vm.oom_badness_classic can be set");
		return;
	}
	vm = start_sleeper(prepare_vm, &wake);
	s_hog = run_child(hog_forever);
	s_vm = reap(vm, wake);
	write_proc("/proc/sys/vm/oom_badness_classic", "0");
	ok(killed(s_vm), "the 2.6 rule (total_vm) kills the idle 1 GiB address space (%s)",
	   status_str(s_vm));
	ok(killed(s_hog), "and, that having freed nothing, the hog after it (%s)", status_str(s_hog));
}

/*
 * stress_rounds: how many OOM kills test_stress makes in a row, 100 unless
 * the environment's OOM_STRESS_ROUNDS says otherwise (make grade boots
 * with OOM_STRESS_ROUNDS=5 on the command line, which the kernel puts in
 * init's environment and runtests passes on); -1 if that is not a count.
 */
static int stress_rounds(void)
{
	return (int)env_count("OOM_STRESS_ROUNDS", 100, 1, 100000);
}

static void test_stress(int rounds)
{
	long before = oom_kills();
	int all = 1;

	if (rounds < 0) {
		ok(0, "OOM_STRESS_ROUNDS=%s is a count from 1 to 100000", getenv("OOM_STRESS_ROUNDS"));
		return;
	}

	for (int i = 0; i < rounds && all; i++)
		all = killed(run_hog(hog_forever, 0, 0));
	ok(all, "%d consecutive OOM kills, each of the hog", rounds);
	ok(oom_kills() - before == rounds, "/proc/vmstat oom_kill counted them (%ld)",
	   oom_kills() - before);
}

int main(int argc, char **argv)
{
	const char *reason = "qemu-user: the memory and the OOM killer are the host's";

	if (under_qemu_user()) {
		skip(reason, "the OOM killer scenarios");
		return tap_done();
	}
	self = argv[0];
	if (argc == 4 && !strcmp(argv[1], "--hog")) {
		/* without an MMU, a hog of run_hog: KB (0: forever; -1: vfork_hog) at ADJ */
		long kb = atol(argv[2]);

		if (set_oom_score_adj(atoi(argv[3])))
			return 3;
		return kb < 0 ? vfork_hog() : hog(kb);
	}
	if (argc == 6 && !strcmp(argv[1], "--sleeper")) {
		sleeper_kb = atol(argv[2]);
		sleeper_adj = atoi(argv[3]);
		return sleeper_main(prepare_hog, atoi(argv[4]), atoi(argv[5]), -1, -1);
	}
	test_oom_score();
	test_overcommit_never();
	if (proc_kb("/proc/meminfo", "MemTotal:") > 1024 * 1024) {
		/* Each scenario fills memory: gigabytes take minutes under emulation. */
		skip("more than 1 GiB to fill; the small-memory boots run them", "the OOM killer scenarios");
		return tap_done();
	}
	test_lone_hog();
	test_larger_dies();
	test_score_adj();
	test_vfork();
	test_populate();
	test_classic();
	test_stress(stress_rounds());
	return tap_done();
}
