/*
 * mm/selftest_vmalloc.c: test=vmalloc, and test=vmalloc_guard (an oops on
 * purpose: a read of a vmalloc area's guard page, whose report must name
 * the area).
 *
 * With an MMU: areas land in the vmalloc space with an unmapped guard page
 * after each, map the pages vmalloc_to_page says, vmap shows given pages
 * at new addresses, misuse is reported and changes nothing, a few hundred
 * allocations and frees give back every page and page table,
 * /proc/vmallocinfo and /proc/meminfo agree with what is allocated,
 * ioremap still reaches the UART, and kernel stacks are vmalloc areas with
 * unmapped memory below them.  Without an MMU: vmalloc is kmalloc, there
 * is no vmalloc space, and /proc/vmallocinfo is empty.  Both: every new
 * stack has its canary.  The runner checks every zone's free pages after.
 */
#include <gfp.h>
#include <mm.h>
#include <pgtable.h>
#include <printk.h>
#include <sched.h>
#include <selftest.h>
#include <seq_buf.h>
#include <slab.h>
#include <stdio.h>
#include <string.h>
#include <task_stack.h>
#include <vmalloc.h>
#include <vmstat.h>

void do_exit(int code) __attribute__((noreturn));
size_t __asm_copy_user(void *to, const void *from, size_t n);	/* kernel/riscv/uaccess.S */

#define TEXT_SIZE	(64 * 1024)

/* render: one of the /proc texts into buf (TEXT_SIZE bytes). */
static const char *render(char *buf, void (*show)(struct seq_buf *m))
{
	struct seq_buf m;

	seq_buf_init(&m, buf, TEXT_SIZE);
	show(&m);
	return seq_buf_str(&m);
}

/* meminfo_kb: the value of one /proc/meminfo line, or ~0. */
static unsigned long meminfo_kb(char *buf, const char *label)
{
	const char *text = render(buf, show_meminfo), *line = strstr(text, label);
	unsigned long v = ~0UL;

	if (line)
		sscanf(line + strlen(label), " %lu kB", &v);
	return v;
}

static int exit_at_once(void *arg)
{
	do_exit(0);
}

/* check_task_stack: a new task's stack, as the kernel gives it; then the task is reaped. */
static void check_task_stack(char *buf)
{
	unsigned long kb0 = global_node_page_state(NR_KERNEL_STACK_KB);
	struct task_struct *t = NULL, *p;
	int pid = kernel_thread(exit_at_once, NULL, "vmalloc_test"), status;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pid == pid)
			t = p;
	if (!tap_check(pid > 0 && t, "stack: a kernel thread was made (pid %d)", pid))
		return;
	tap_check(global_node_page_state(NR_KERNEL_STACK_KB) == kb0 + THREAD_SIZE / 1024,
		  "stack: KernelStack grew by %d kB", THREAD_SIZE / 1024);
	tap_check(*end_of_stack(t) == STACK_END_MAGIC, "stack: STACK_END_MAGIC at its lowest word");
#ifdef CONFIG_MMU
	{
		unsigned long base = (unsigned long)t->stack;
		char want[64];

		tap_check(is_vmalloc_addr(t->stack) && !(base & (THREAD_ALIGN - 1)),
			  "stack: a vmalloc area aligned to THREAD_ALIGN (%#lx)", base);
		tap_check(!pgtable_lookup(swapper_pg_dir, base - PAGE_SIZE, NULL, NULL, NULL),
			  "stack: the page below it is not mapped");
		snprintf(want, sizeof(want), "0x%016lx-0x%016lx %7lu ", base, base + THREAD_SIZE + PAGE_SIZE,
			 (unsigned long)THREAD_SIZE + PAGE_SIZE);
		{
			const char *line = strstr(render(buf, show_vmallocinfo), want);

			tap_check(line && !strncmp(strchr(line + strlen(want), ' '), " pages=4 vmalloc\n", 17),
				  "stack: /proc/vmallocinfo lists it: %s... pages=4 vmalloc", want);
		}
	}
#else
	tap_check(!is_vmalloc_addr(t->stack), "stack: no vmalloc space: four contiguous pages");
#endif
	for (int i = 0; i < 1000 && kernel_wait4(pid, &status) == 0; i++)
		schedule();
	tap_check(global_node_page_state(NR_KERNEL_STACK_KB) == kb0,
		  "stack: reaped, KernelStack is back to %lu kB", kb0);
}

#ifdef CONFIG_MMU
static unsigned long count_lines(const char *text)
{
	unsigned long n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* log_tail_has: did the last few KiB of the kernel log say s? */
static bool log_tail_has(const char *s)
{
	char *tail = kmalloc(4097, GFP_KERNEL);
	size_t have = log_buf_len(), from = have > 4096 ? have - 4096 : 0, n;
	bool found;

	if (!tail)
		return false;
	n = log_buf_read(tail, from, 4096);
	tail[n] = '\0';
	found = strstr(tail, s) != NULL;
	kfree(tail);
	return found;
}

static bool mapped(unsigned long va)
{
	return pgtable_lookup(swapper_pg_dir, va, NULL, NULL, NULL);
}

static void check_area(char *buf)
{
	unsigned long used0 = vmalloc_nr_pages();
	unsigned long *p = vmalloc(4 * PAGE_SIZE), va = (unsigned long)p;
	struct vm_struct *vm = find_vm_area(p);
	char what[160], want[64];
	bool ok = true;
	pgprot_t prot = 0;

	if (!tap_check(p != NULL, "vmalloc: 16 KiB"))
		return;
	tap_check(is_vmalloc_addr(p) && va >= VMALLOC_START && va + 5 * PAGE_SIZE <= VMALLOC_END &&
		  !(va & ~PAGE_MASK),
		  "vmalloc: page-aligned in [%#lx, %#lx): %#lx", VMALLOC_START, VMALLOC_END, va);
	tap_check(vm && vm->addr == p && vm->size == 5 * PAGE_SIZE && vm->nr_pages == 4 &&
		  vm->flags == VM_ALLOC && vm->caller,
		  "vmalloc: find_vm_area: 4 pages, 20 KiB with the guard page, VM_ALLOC, a caller");
	tap_check(vmalloc_nr_pages() == used0 + 4, "vmalloc: 4 more pages counted");
	for (int i = 0; i < 4; i++)
		p[i * PAGE_SIZE / sizeof(long) + 7] = 0x5eed0000UL + (unsigned long)i;
	for (int i = 0; i < 4; i++) {
		struct page *pg = vmalloc_to_page((char *)p + i * PAGE_SIZE);
		unsigned long *direct = pg ? page_address(pg) : NULL;

		ok &= pg == vm->pages[i] && direct[7] == 0x5eed0000UL + (unsigned long)i;
		for (int j = 0; j < i; j++)
			ok &= vm->pages[j] != pg;
	}
	tap_check(ok, "vmalloc: four different pages, each seen at its direct-map address");
	pgtable_lookup(swapper_pg_dir, va, NULL, &prot, NULL);
	tap_check((prot & PAGE_PERM_MASK) == (PAGE_KERNEL & PAGE_PERM_MASK),
		  "vmalloc: mapped read-write, not executable, not user, global");
	tap_check(!mapped(va + 4 * PAGE_SIZE), "vmalloc: the guard page after it is not mapped");
	{
		unsigned long word = 0;
		size_t left = __asm_copy_user(&word, (char *)p + 4 * PAGE_SIZE, sizeof(word));

		tap_check(left == sizeof(word), "vmalloc: reading the guard page faults");
	}
	tap_check(vmalloc_describe(va + 4 * PAGE_SIZE + 8, what, sizeof(what)) &&
		  strstr(what, "in the guard page of the vmalloc area"),
		  "vmalloc: the fault report names the area: %s", what);
	tap_check(vmalloc_describe(va + 8, what, sizeof(what)) && strstr(what, "inside the vmalloc area"),
		  "vmalloc: an address inside it: %s", what);

	snprintf(want, sizeof(want), "0x%016lx-0x%016lx   20480 %p pages=4 vmalloc\n", va,
		 va + 5 * PAGE_SIZE, vm->caller);
	tap_check(strstr(render(buf, show_vmallocinfo), want) != NULL,
		  "vmallocinfo: Linux's line for it: %s", want);
	tap_check(meminfo_kb(buf, "VmallocUsed:") == vmalloc_nr_pages() * 4,
		  "meminfo: VmallocUsed is the pages vmalloc holds (%lu kB)", vmalloc_nr_pages() * 4);
	vfree(p);
	tap_check(!mapped(va) && !mapped(va + 3 * PAGE_SIZE) && !find_vm_area(p) &&
		  vmalloc_nr_pages() == used0, "vfree: unmapped, gone, its pages uncounted");
	{
		unsigned long word = 0;

		tap_check(__asm_copy_user(&word, p, sizeof(word)) == sizeof(word),
			  "vfree: a read of the freed area faults (the TLB forgot it)");
	}
}

static void check_vzalloc_align(void)
{
	unsigned char *p = vmalloc(3 * PAGE_SIZE), *z;
	bool zero = true;
	void *s;

	if (p)
		memset(p, 0xaa, 3 * PAGE_SIZE);
	vfree(p);
	z = vzalloc(3 * PAGE_SIZE);
	if (!tap_check(p && z, "vzalloc: 12 KiB"))
		return;
	for (int i = 0; i < 3 * (int)PAGE_SIZE; i++)
		zero &= z[i] == 0;
	tap_check(zero, "vzalloc: every byte zero, over pages just filled with 0xaa");
	vfree(z);
	s = __vmalloc_node(THREAD_SIZE, THREAD_ALIGN, GFP_KERNEL, 0, NULL);
	tap_check(s && !((unsigned long)s & (THREAD_ALIGN - 1)) &&
		  !mapped((unsigned long)s - PAGE_SIZE),
		  "__vmalloc_node: aligned to THREAD_ALIGN, nothing mapped below (%p)", s);
	vfree(s);
	tap_check(!vmalloc(0) && !vmalloc(VMALLOC_SIZE + 1), "vmalloc: 0 bytes and more than the space are NULL");
}

static void check_vmap(void)
{
	struct page *pages[3];
	unsigned long *v;
	bool ok = true;
	int n;

	for (n = 0; n < 3; n++) {
		pages[n] = alloc_page(GFP_KERNEL);
		if (!pages[n])
			break;
		((unsigned long *)page_address(pages[n]))[0] = 0xfeed0000UL + (unsigned long)n;
	}
	if (!tap_check(n == 3, "vmap: three pages allocated"))
		goto out;
	v = vmap(pages, 3, 0, PAGE_KERNEL);
	if (!tap_check(v && is_vmalloc_addr(v), "vmap: mapped in the vmalloc space (%p)", v))
		goto out;
	for (int i = 0; i < 3; i++)
		ok &= v[i * PAGE_SIZE / sizeof(long)] == 0xfeed0000UL + (unsigned long)i &&
		      vmalloc_to_page((char *)v + i * PAGE_SIZE) == pages[i];
	tap_check(ok, "vmap: each page's contents at its place, in the order given");
	v[PAGE_SIZE / sizeof(long) + 1] = 0xabcdUL;
	tap_check(((unsigned long *)page_address(pages[1]))[1] == 0xabcdUL,
		  "vmap: a write through it shows at the page's direct-map address");
	tap_check(find_vm_area(v) && find_vm_area(v)->flags == VM_MAP && !mapped((unsigned long)v + 3 * PAGE_SIZE),
		  "vmap: a VM_MAP area with its guard page");
	vunmap(v);
	tap_check(!mapped((unsigned long)v) && ((unsigned long *)page_address(pages[2]))[0] == 0xfeed0002UL,
		  "vunmap: unmapped; the pages stay the caller's, intact");
out:
	while (n > 0)
		__free_page(pages[--n]);
}

static void check_misuse(void)
{
	unsigned long used0 = vmalloc_nr_pages();
	char *p = vmalloc(2 * PAGE_SIZE), *k = kmalloc(64, GFP_KERNEL);

	if (!tap_check(p && k, "misuse: an area and a kmalloc object"))
		goto out;
	p[0] = 1;
	vfree(k);
	tap_check(log_tail_has("Trying to vfree() nonexistent vm area"),
		  "misuse: vfree of a kmalloc pointer says \"Trying to vfree() nonexistent vm area\"");
	vfree(p + PAGE_SIZE);
	tap_check(find_vm_area(p) && p[0] == 1 && vmalloc_nr_pages() == used0 + 2,
		  "misuse: vfree of an address inside an area is refused; the area is intact");
	vunmap(p);
	tap_check(log_tail_has("Trying to vunmap() a vm area it did not make") && find_vm_area(p),
		  "misuse: vunmap of a vmalloc area is refused");
	iounmap(p);
	tap_check(find_vm_area(p) && p[0] == 1, "misuse: iounmap of a vmalloc area is refused");
	vfree(p);
	tap_check(!find_vm_area(p) && vmalloc_nr_pages() == used0, "misuse: then vfree frees it");
	vfree(p);
	tap_check(log_tail_has("Trying to vfree() nonexistent vm area") && vmalloc_nr_pages() == used0,
		  "misuse: a second vfree is reported and changes nothing");
	vfree(NULL);
	tap_check(vmalloc_nr_pages() == used0, "misuse: vfree(NULL) does nothing");
out:
	vfree(p && find_vm_area(p) ? p : NULL);
	kfree(k);
}

/* rng: a small xorshift, so that the sequence repeats from run to run. */
static unsigned long rng(unsigned long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

#define NR_AREAS 300

static void check_many(char *buf)
{
	unsigned long tables0 = global_node_page_state(NR_PAGETABLE), used0 = vmalloc_nr_pages();
	unsigned long lines0 = count_lines(render(buf, show_vmallocinfo)), seed = 12345;
	unsigned long **area = kmalloc(NR_AREAS * sizeof(*area), GFP_KERNEL);
	unsigned int *pages = kmalloc(NR_AREAS * sizeof(*pages), GFP_KERNEL);
	unsigned long total = 0, prev = 0;
	bool ok = true, sorted = true;
	const char *text;
	int n = 0;

	if (!tap_check(area && pages, "many: bookkeeping arrays"))
		goto out;
	for (; n < NR_AREAS; n++) {
		pages[n] = 1 + (unsigned int)(rng(&seed) % 16);
		area[n] = vmalloc(pages[n] * PAGE_SIZE);
		if (!area[n])
			break;
		total += pages[n];
		area[n][0] = (unsigned long)n;
		area[n][pages[n] * PAGE_SIZE / sizeof(long) - 1] = ~(unsigned long)n;
	}
	tap_check(n == NR_AREAS, "many: %d areas of 1 to 16 pages (%lu pages)", n, total);
	tap_check(global_node_page_state(NR_PAGETABLE) > tables0,
		  "many: page tables made for them (%lu)", global_node_page_state(NR_PAGETABLE) - tables0);
	tap_check(vmalloc_nr_pages() == used0 + total && meminfo_kb(buf, "VmallocUsed:") == vmalloc_nr_pages() * 4,
		  "many: VmallocUsed counts them all (%lu kB)", vmalloc_nr_pages() * 4);
	text = render(buf, show_vmallocinfo);
	tap_check(count_lines(text) == lines0 + (unsigned long)n, "many: vmallocinfo has a line for each");
	for (const char *l = text; *l; l = strchr(l, '\n') + 1) {
		unsigned long start = 0;

		sscanf(l, "0x%lx-", &start);
		sorted &= start > prev;
		prev = start;
	}
	tap_check(sorted, "many: vmallocinfo is sorted by address");
	/* Free in a shuffled order, every area's first and last word checked first. */
	for (int i = n - 1; i > 0; i--) {
		int j = (int)(rng(&seed) % (unsigned long)(i + 1));
		unsigned long *a = area[i];
		unsigned int pg = pages[i];

		area[i] = area[j], pages[i] = pages[j];
		area[j] = a, pages[j] = pg;
	}
	for (int i = 0; i < n; i++) {
		unsigned long tag = area[i][0];

		ok &= tag < NR_AREAS && area[i][pages[i] * PAGE_SIZE / sizeof(long) - 1] == ~tag;
		vfree(area[i]);
	}
	tap_check(ok, "many: every area kept its own contents");
	tap_check(vmalloc_nr_pages() == used0, "many: every page uncounted");
	tap_check(global_node_page_state(NR_PAGETABLE) == tables0,
		  "many: every page table they needed was given back (%lu)", global_node_page_state(NR_PAGETABLE));
	tap_check(count_lines(render(buf, show_vmallocinfo)) == lines0, "many: vmallocinfo as before");
out:
	kfree(area);
	kfree(pages);
}

/* The UART's area: the first ioremap of the boot (uart_remap), read back from vmallocinfo. */
static void check_ioremap(char *buf)
{
	const char *line = strstr(render(buf, show_vmallocinfo), " ioremap\n");
	unsigned long start = 0, phys = 0;
	volatile u8 *old, *new;

	while (line && line > buf && line[-1] != '\n')
		line--;
	if (!tap_check(line && sscanf(line, "0x%lx-", &start) == 1 && strstr(line, "phys=0x") &&
		       sscanf(strstr(line, "phys=0x") + 5, "%lx", &phys) == 1,
		       "ioremap: the boot's device areas are listed (phys=%#lx at %#lx)", phys, start))
		return;
	new = ioremap(phys, 8);
	old = (volatile u8 *)start;
	tap_check(new && is_vmalloc_addr((void *)new) && (unsigned long)new != start && find_vm_area((void *)new) &&
		  find_vm_area((void *)new)->flags == VM_IOREMAP,
		  "ioremap: the UART's registers again, a VM_IOREMAP area of their own (%p)", (void *)new);
	if (new)	/* the line status register: the same bits through either mapping */
		tap_check((new[5] & 0x60) == (old[5] & 0x60), "ioremap: the UART's line status reads the same");
	iounmap((void *)new);
	tap_check(!find_vm_area((void *)new) && !mapped((unsigned long)new), "iounmap: gone");
	tap_check(meminfo_kb(buf, "VmallocTotal:") == VMALLOC_SIZE >> 10 &&
		  meminfo_kb(buf, "VmallocChunk:") == 0,
		  "meminfo: VmallocTotal is the space (%lu kB), VmallocChunk 0 as Linux", VMALLOC_SIZE >> 10);
}

void selftest_vmalloc_guard(void)
{
	unsigned long *p = vmalloc(PAGE_SIZE);

	tap_diag("reading the guard page after the vmalloc area at %p", (void *)p);
	tap_diag("read %lu", ((volatile unsigned long *)p)[PAGE_SIZE / sizeof(long)]);
	vfree(p);
}
#else
static void check_nommu(char *buf)
{
	unsigned char *p = vmalloc(3 * PAGE_SIZE), *z;
	struct page *pg = alloc_page(GFP_KERNEL);
	bool zero = true;

	tap_check(p && !is_vmalloc_addr(p), "vmalloc: kmalloc memory, no vmalloc space");
	if (p)
		memset(p, 0xaa, 3 * PAGE_SIZE);
	vfree(p);
	z = vzalloc(3 * PAGE_SIZE);
	for (int i = 0; z && i < 3 * (int)PAGE_SIZE; i++)
		zero &= z[i] == 0;
	tap_check(z && zero, "vzalloc: zeroed");
	vfree(z);
	tap_check(pg && !vmap(&pg, 1, 0, PAGE_KERNEL), "vmap: NULL without an MMU");
	if (pg)
		__free_page(pg);
	tap_check(render(buf, show_vmallocinfo)[0] == '\0', "vmallocinfo: empty");
	tap_check(meminfo_kb(buf, "VmallocTotal:") == 0 && meminfo_kb(buf, "VmallocUsed:") == 0,
		  "meminfo: VmallocTotal and VmallocUsed 0, as Linux without an MMU");
}
#endif

void selftest_vmalloc(void)
{
	char *buf = kmalloc(TEXT_SIZE, GFP_KERNEL);

	if (!tap_check(buf != NULL, "a buffer for the /proc texts"))
		return;
#ifdef CONFIG_MMU
	check_area(buf);
	check_vzalloc_align();
	check_vmap();
	check_misuse();
	check_many(buf);
	check_ioremap(buf);
#else
	check_nommu(buf);
#endif
	check_task_stack(buf);
	kfree(buf);
}
