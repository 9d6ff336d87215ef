/*
 * kernel/selftest_proc.c: self-test of processes (test=proc).  A user program
 * (kernel/selftest_user.S) is wrapped in an ELF image built here, exec'd in a
 * new task, and runs fork, wait4, brk, faults and bad pointers against the
 * kernel; its exit status says which of its checks failed.  Afterwards
 * every page it used must be back (the runner checks the zones; this
 * suite checks page tables, anonymous pages and kernel stacks too).
 */
#include <asm/csr.h>
#include <asm/page.h>
#include <mm_user.h>
#include <asm/irqflags.h>
#include <binfmts.h>
#include <gfp.h>
#include <sched.h>
#include <selftest.h>
#include <slab.h>
#include <string.h>
#include <vmstat.h>

extern const char user_test_start[], user_test_end[];
extern const char user_bench_start[], user_bench_end[];

#define USER_BASE	0x10000UL
#define CODE_OFFSET	0x1000UL

struct elf_image {
	void *data;
	size_t size;
};

/* build_elf: an ET_EXEC RISC-V image of [start, end): headers at USER_BASE, the code one page above, entry there. */
static bool build_elf(struct elf_image *img, const char *start, const char *end)
{
	size_t code = (size_t)((unsigned long)end - (unsigned long)start);
	unsigned char *p;
	struct {
		unsigned char ident[16];
		u16 type, machine;
		u32 version;
		u64 entry, phoff, shoff;
		u32 flags;
		u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
	} eh = { { 0x7f, 'E', 'L', 'F', 2, 1, 1 }, 2, 243, 1, USER_BASE + CODE_OFFSET, 64, 0,
		 0, 64, 56, 1, 0, 0, 0 };
	struct {
		u32 type, flags;
		u64 offset, vaddr, paddr, filesz, memsz, align;
	} ph = { 1, 5 /* R|X */, 0, USER_BASE, USER_BASE, CODE_OFFSET + code,
		 CODE_OFFSET + code, PAGE_SIZE };

	img->size = CODE_OFFSET + code;
	img->data = p = kzalloc(img->size, GFP_KERNEL);
	if (!p)
		return false;
	memcpy(p, &eh, sizeof(eh));
	memcpy(p + 64, &ph, sizeof(ph));
	memcpy(p + CODE_OFFSET, start, code);
	return true;
}

static int exec_test(void *arg)
{
	struct elf_image *img = arg;
	static const char *const argv[] = { "user_test", "one", NULL };
	static const char *const envp[] = { "RVMM=1", NULL };

	return kernel_execve_mem("user_test", img->data, img->size, argv, envp);
}

/*
 * wait_child: run the other tasks until child pid is a zombie, then reap
 * it.  No wfi: under QEMU -icount, time spent idle would be counted as
 * instructions and spoil the benchmarks; a pending tick is still taken.
 */
static long wait_child(int pid, int *status)
{
	long got;

	while ((got = kernel_wait4(pid, status)) == 0) {
		arch_local_irq_enable();
		arch_local_irq_disable();
		schedule();
	}
	return got;
}

void selftest_proc(void)
{
	static const char *const what[] = {
		"getpid returns a positive pid",
		"fork, exit(7) and wait4 give status 0x700",
		"a child reading page 0 dies of SIGSEGV, the kernel survives",
		"a child reading kernel memory dies of SIGSEGV",
		"uname with a bad pointer returns -EFAULT",
		"brk grows the heap (writable) and shrinks it",
		"an unknown system call returns -ENOSYS",
		"wait4 with no children left returns -ECHILD",
	};
	unsigned long pt0 = global_node_page_state(NR_PAGETABLE);
	unsigned long anon0 = global_node_page_state(NR_ANON_MAPPED);
	unsigned long stack0 = global_node_page_state(NR_KERNEL_STACK_KB);
	unsigned long commit0 = vm_committed();
	struct elf_image img;
	int pid, status = -1;

	if (!tap_check(build_elf(&img, user_test_start, user_test_end), "proc: ELF image built"))
		return;
	pid = kernel_thread(exec_test, &img, "exec_test");
	if (!tap_check(pid > 0, "proc: kernel_thread started pid %d", pid))
		goto out;
	tap_check(wait_child(pid, &status) == pid, "proc: the test program ran and was reaped");
	tap_check((status & 0x7f) == 0, "proc: it exited normally (status %#x)", status);
	for (unsigned int bit = 0; bit < ARRAY_SIZE(what); bit++)
		tap_check((status & 0x7f) == 0 && !((status >> 8) & (1 << bit)), "proc: %s", what[bit]);
	tap_check(global_node_page_state(NR_PAGETABLE) == pt0,
		  "proc: every page-table page came back");
	tap_check(global_node_page_state(NR_ANON_MAPPED) == anon0,
		  "proc: every user page came back");
	tap_check(global_node_page_state(NR_KERNEL_STACK_KB) == stack0,
		  "proc: every kernel stack came back");
	tap_check(vm_committed() == commit0,
		  "proc: Committed_AS is back where it was (%lu pages, was %lu)", vm_committed(), commit0);
out:
	kfree(img.data);
}

struct bench_run {
	struct elf_image *img;
	const char *const *argv;
};

static int exec_bench(void *arg)
{
	struct bench_run *run = arg;

	return kernel_execve_mem("bench", run->img->data, run->img->size, run->argv, NULL);
}

/* run_bench_program: instructions from starting the program with argc arguments to reaping it. */
static u64 run_bench_program(struct elf_image *img, int argc)
{
	static const char *const args[] = { "bench", "a", "b", "c", "d", "e", "f", "g", "h", "i",
					    "j", "k", "l", "m", "n", "o", "p", NULL };
	const char *argv[18] = { NULL };
	struct bench_run run = { img, argv };
	int status, pid;
	u64 t0;

	for (int i = 0; i < argc; i++)
		argv[i] = args[i];
	t0 = read_instret();
	pid = kernel_thread(exec_bench, &run, "bench");
	if (pid < 0 || wait_child(pid, &status) != pid || status)
		return 0;
	return read_instret() - t0;
}

static u64 exec_instr;

/* exec_echo: the instructions kernel_execve takes to make /bin/echo ready to run. */
static int exec_echo(void *unused)
{
	static const char *const argv[] = { "echo", NULL };
	u64 t0 = read_instret();
	int err = kernel_execve("/bin/echo", argv, NULL);

	(void)unused;
	exec_instr = read_instret() - t0;
	return err;
}

/* bench_exec: execve_small, when the initramfs brought /bin/echo. */
static void bench_exec(void (*line)(const char *name, unsigned long value, const char *unit))
{
	int status, pid = kernel_thread(exec_echo, NULL, "bench");

	exec_instr = 0;
	if (pid > 0 && wait_child(pid, &status) == pid && status == 0 && exec_instr)
		line("execve_small", (unsigned long)exec_instr, "instr");
}

#ifdef CONFIG_MMU
/* page_op_cost: instructions one clear_page (copy false) or copy_page (true) takes. */
static u64 page_op_cost(bool copy)
{
	struct page *a = alloc_page(GFP_KERNEL), *b = alloc_page(GFP_KERNEL);
	u64 t0, cost = 0;

	if (a && b) {
		t0 = read_instret();
		for (int i = 0; i < 100; i++) {
			if (copy)
				copy_page(page_address(a), page_address(b));
			else
				clear_page(page_address(a));
		}
		cost = (read_instret() - t0) / 100;
	}
	if (a)
		__free_page(a);
	if (b)
		__free_page(b);
	return cost;
}

#define PAGES_16M 4096

/* bench_fork: fork and its page faults, each the difference between two runs (MMU only). */
static void bench_fork(void (*line)(const char *name, unsigned long value, const char *unit),
		       struct elf_image *img, u64 base)
{
	u64 fork, touch, fork16, cow16, eager16;

	fork = run_bench_program(img, 3);
	touch = run_bench_program(img, 4);
	fork16 = run_bench_program(img, 5);
	cow16 = run_bench_program(img, 6);
	sysctl_fork_copy_eagerly = 1;
	eager16 = run_bench_program(img, 5);
	sysctl_fork_copy_eagerly = 0;
	if (!fork || !touch || !fork16 || !cow16 || !eager16)
		return;
	line("fork_exit_wait", (unsigned long)((fork - base) / 100), "instr");
	line("fork_16m_cow", (unsigned long)(fork16 - touch), "instr");
	line("fork_16m_eager", (unsigned long)(eager16 - touch), "instr");
	line("fork_16m_ratio", (unsigned long)((eager16 - touch) / (fork16 - touch)), "x");
	/* per page: the fault and the user loop's store, without the zeroing or copying */
	line("anon_fault_zero", (unsigned long)((touch - base) / PAGES_16M - page_op_cost(false)),
	     "instr");
	line("cow_fault", (unsigned long)((cow16 - fork16) / PAGES_16M - page_op_cost(true)), "instr");
}
#else
/* bench_fork: without an MMU there is no fork and no page fault to measure. */
static void bench_fork(void (*line)(const char *name, unsigned long value, const char *unit),
		       struct elf_image *img, u64 base)
{
}
#endif

/*
 * bench_proc: system calls, mmap and process start-up, each the
 * difference between two runs of the benchmark program, so that only the
 * work named counts.
 */
void bench_proc(void (*line)(const char *name, unsigned long value, const char *unit))
{
	struct elf_image img;
	u64 base, getpid, mmaps, mmap1m, vforks, signals, grow, nogrow, move, nomove;
	u64 threads, futexes, clocks;

	if (!build_elf(&img, user_bench_start, user_bench_end))
		return;
	run_bench_program(&img, 1);	/* warm the caches the kernel keeps */
	base = run_bench_program(&img, 1);
	getpid = run_bench_program(&img, 2);
	mmaps = run_bench_program(&img, 7);
	mmap1m = run_bench_program(&img, 8);
	vforks = run_bench_program(&img, 9);
	signals = run_bench_program(&img, 10);
	grow = run_bench_program(&img, 11);
	nogrow = run_bench_program(&img, 12);
	move = run_bench_program(&img, 13);
	nomove = run_bench_program(&img, 14);
	threads = run_bench_program(&img, 15);
	futexes = run_bench_program(&img, 16);
	clocks = run_bench_program(&img, 17);
	if (base && getpid && mmaps && mmap1m) {
		line("getpid_syscall", (unsigned long)((getpid - base) / 1000), "instr");
		line("mmap_munmap_4k", (unsigned long)((mmaps - base) / 1000), "instr");
		line("mmap_munmap_1m", (unsigned long)((mmap1m - base) / 100), "instr");
	}
	if (base && clocks)	/* a system call, no vDSO: the time CSR read in the kernel */
		line("clock_gettime", (unsigned long)((clocks - base) / 1000), "instr");
	if (base && signals)	/* kill to self, the handler, rt_sigreturn */
		line("signal_deliver_return", (unsigned long)((signals - base) / 1000), "instr");
	/* MREMAP_MAYMOVE of a touched 1 MiB to 2 MiB: in place where there is room, else moved */
	if (grow && nogrow)
		line("mremap_grow_1m", (unsigned long)((grow - nogrow) / 100), "instr");
	if (move && nomove)
		line("mremap_move_1m", (unsigned long)((move - nomove) / 100), "instr");
	if (base && threads)	/* clone a thread that exits, wait on its tid word */
		line("thread_create_join", (unsigned long)((threads - base) / 100), "instr");
	if (base && threads && futexes)	/* the one thread's creation and join left out */
		line("futex_wake_wait", (unsigned long)((futexes - base - (threads - base) / 100) / 1000),
		     "instr");
	if (base && vforks)	/* needs /bin/echo from the initramfs */
		line("vfork_exec_wait", (unsigned long)((vforks - base) / 20), "instr");
	bench_fork(line, &img, base);
	kfree(img.data);
	bench_exec(line);
}
