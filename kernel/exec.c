/*
 * kernel/exec.c: replacing a process's program.
 *
 * The new address space is built completely (segments, then a stack with
 * the arguments, environment and auxiliary vector laid out as Linux does)
 * before the old one is dropped, so a failing exec returns an error to the
 * old program instead of killing it.
 */
#include <asm/processor.h>
#include <binfmts.h>
#include <errno.h>
#include <mm_user.h>
#include <mmu_context.h>
#include <pgtable.h>
#include <sched.h>
#include <slab.h>
#include <stdio.h>
#include <string.h>
#include <err.h>
#include <fs.h>
#include <namei.h>
#include <timer.h>

void vfork_release(struct task_struct *t);

/* Auxiliary vector entry types (Linux's). */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_EXECFN	31

/* copy_to_mm: write n bytes at user address va of mm (not necessarily the current one). */
static int copy_to_mm(struct mm_struct *mm, unsigned long va, const void *src, size_t n)
{
	const char *s = src;

	while (n) {
		struct page *page;
		size_t chunk = MIN(n, PAGE_SIZE - (va & ~PAGE_MASK));

		/* The new stack is demand paged like any other: fault the page in for writing. */
		page = get_user_page_remote(mm, va & PAGE_MASK);
		if (!page)
			return -EFAULT;
		memcpy((char *)page_address(page) + (va & ~PAGE_MASK), s, chunk);
		va += chunk;
		s += chunk;
		n -= chunk;
	}
	return 0;
}

/*
 * setup_stack: the stack VMA, then from its top down: the strings, 16
 * random bytes, the auxiliary vector, envp, argv and argc, with sp
 * 16-byte aligned at argc as the psABI requires.
 */
static int setup_stack(struct linux_binprm *bprm)
{
	struct mm_struct *mm = bprm->mm;
	unsigned long top, strings, random, sp, *vec, nvec;
	unsigned long auxv[2 * 16];
	int n = 0, err;
	size_t vec_bytes;
	u64 seed = get_cycles() * 0x9e3779b97f4a7c15ULL;
	long ret = setup_stack_vma(mm);

	if (ret < 0)
		return (int)ret;
	mm->start_stack = top = (unsigned long)ret;
	strings = top - ALIGN(bprm->strings_len, 16);
	if (copy_to_mm(mm, strings, bprm->strings, bprm->strings_len))
		return -EFAULT;
	random = strings - 16;
	if (copy_to_mm(mm, random, &seed, 8) || copy_to_mm(mm, random + 8, &bprm->entry, 8))
		return -EFAULT;

	auxv[n++] = AT_PHDR;	auxv[n++] = bprm->phdr_addr;
	auxv[n++] = AT_PHENT;	auxv[n++] = bprm->phent;
	auxv[n++] = AT_PHNUM;	auxv[n++] = bprm->phnum;
	auxv[n++] = AT_PAGESZ;	auxv[n++] = PAGE_SIZE;
	auxv[n++] = AT_ENTRY;	auxv[n++] = bprm->entry;
	auxv[n++] = AT_UID;	auxv[n++] = 0;
	auxv[n++] = AT_EUID;	auxv[n++] = 0;
	auxv[n++] = AT_GID;	auxv[n++] = 0;
	auxv[n++] = AT_EGID;	auxv[n++] = 0;
	auxv[n++] = AT_HWCAP;	auxv[n++] = 0;
	auxv[n++] = AT_CLKTCK;	auxv[n++] = HZ;
	auxv[n++] = AT_SECURE;	auxv[n++] = 0;
	auxv[n++] = AT_RANDOM;	auxv[n++] = random;
	auxv[n++] = AT_EXECFN;	auxv[n++] = strings;	/* the first string is the file name */
	auxv[n++] = AT_NULL;	auxv[n++] = 0;

	/* argc, argv[] NULL, envp[] NULL, auxv */
	nvec = 1 + (unsigned long)bprm->argc + 1 + (unsigned long)bprm->envc + 1 + (unsigned long)n;
	vec_bytes = nvec * sizeof(unsigned long);
	sp = (random - vec_bytes) & ~15UL;
	vec = kmalloc(vec_bytes, GFP_KERNEL);
	if (!vec)
		return -ENOMEM;
	{
		unsigned long *p = vec, str = strings;
		const char *s = bprm->strings;

		/* Skip the file name, which exec puts first for AT_EXECFN. */
		str += strlen(s) + 1;
		s += strlen(s) + 1;
		/* argc, argv[0..argc-1], NULL, envp[0..envc-1], NULL, then the auxiliary vector. */
		*p++ = (unsigned long)bprm->argc;
		for (int i = 0; i < bprm->argc + bprm->envc; i++) {
			size_t len = strlen(s) + 1;

			if (i == bprm->argc)
				*p++ = 0;	/* argv's terminator, before the first envp entry */
			*p++ = str;
			str += len;
			s += len;
		}
		if (bprm->envc == 0)
			*p++ = 0;	/* argv's terminator when no envp entry came */
		*p++ = 0;		/* envp's terminator */
		memcpy(p, auxv, (size_t)n * sizeof(unsigned long));
	}
	err = copy_to_mm(mm, sp, vec, vec_bytes);
	kfree(vec);
	bprm->sp = sp;
	return err;
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int exec_binprm(struct linux_binprm *bprm)
{
	struct task_struct *t = current;
	struct pt_regs *regs = task_pt_regs(t);
	struct mm_struct *old;
	int err;

	bprm->mm = mm_alloc();
	if (!bprm->mm)
		return -ENOMEM;
	bprm->mm->exe_name = kstrdup(bprm->filename, GFP_KERNEL);
	err = load_elf_binary(bprm);
	if (!err)
		err = setup_stack(bprm);
	validate_mm(bprm->mm);
	if (err) {
		mmput(bprm->mm);
		bprm->mm = NULL;
		return err;
	}

	/* Every other thread ends first; failing that, the exec fails, the old program intact. */
	err = de_thread(t);
	if (err) {
		mmput(bprm->mm);
		bprm->mm = NULL;
		return err;
	}
	/* The point of no return: the old program is gone from here on. */
	old = t->mm;
	mm_release(t, old);
	t->mm = bprm->mm;
	switch_mm(t->mm);
	if (old) {
		setmax_mm_hiwater_rss(&t->maxrss, old);
		mmput(old);
	}
	vfork_release(t);
	flush_signal_handlers(t);	/* the handlers were the old program's */
	if (t->files)
		do_close_on_exec(t->files);
	snprintf(t->comm, sizeof(t->comm), "%s", basename_of(bprm->filename));

	start_thread(regs, bprm->entry, bprm->sp);
	return 0;
}

/* kernel_read_mem: bprm->read for a program that is a buffer in kernel memory. */
static long kernel_read_mem(struct linux_binprm *bprm, void *buf, size_t len, u64 off)
{
	const struct { const void *data; size_t size; } *img = bprm->file;

	if (off >= img->size)
		return 0;
	len = MIN(len, img->size - off);
	memcpy(buf, (const char *)img->data + off, len);
	return (long)len;
}

/*
 * pack_strings: bprm->strings = filename, argv..., envp... from kernel
 * arrays (NULL-terminated).  0 or -E2BIG / -ENOMEM.
 */
int pack_strings(struct linux_binprm *bprm, const char *const *argv, const char *const *envp)
{
	size_t len = strlen(bprm->filename) + 1;
	char *p;

	bprm->argc = bprm->envc = 0;
	for (const char *const *a = argv; a && *a; a++, bprm->argc++)
		len += strlen(*a) + 1;
	for (const char *const *e = envp; e && *e; e++, bprm->envc++)
		len += strlen(*e) + 1;
	if (len > MAX_ARG_BYTES)
		return -E2BIG;
	bprm->strings = p = kmalloc(len, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	bprm->strings_len = len;
	p = stpcpy(p, bprm->filename) + 1;
	for (const char *const *a = argv; a && *a; a++)
		p = stpcpy(p, *a) + 1;
	for (const char *const *e = envp; e && *e; e++)
		p = stpcpy(p, *e) + 1;
	return 0;
}

int kernel_execve_mem(const char *name, const void *image, size_t size,
		      const char *const *argv, const char *const *envp)
{
	struct { const void *data; size_t size; } img = { image, size };
	struct linux_binprm bprm = { .filename = name, .read = kernel_read_mem, .file = &img };
	int err = pack_strings(&bprm, argv, envp);

	if (!err)
		err = exec_binprm(&bprm);
	kfree(bprm.strings);
	return err;
}

/*
 * may_exec: a regular file with an execute bit.  Everyone is root in rvmm,
 * and root may execute a file only if someone may (Linux's
 * generic_permission): a 0644 file is EACCES, not ENOEXEC.
 */
static bool may_exec(struct file *file)
{
	umode_t mode = file_inode(file)->i_mode;

	return S_ISREG(mode) && (mode & 0111);
}

/* file_read: bprm->read for a program in a file. */
static long file_read(struct linux_binprm *bprm, void *buf, size_t len, u64 off)
{
	loff_t pos = (loff_t)off;

	return kernel_read(bprm->file, buf, len, &pos);
}

/*
 * copy_strings: append the user's NULL-terminated array of strings to
 * bprm->strings (of size MAX_ARG_BYTES); the count, or -EFAULT / -E2BIG.
 */
static int copy_strings(struct linux_binprm *bprm, const char __user *const __user *arr)
{
	int count = 0;

	for (; arr; count++) {
		const char __user *str;
		long len;

		if (copy_from_user(&str, arr + count, sizeof(str)))
			return -EFAULT;
		if (!str)
			break;
		len = strncpy_from_user(bprm->strings + bprm->strings_len, str,
					MIN((size_t)MAX_ARG_STRLEN, MAX_ARG_BYTES - bprm->strings_len));
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return (int)len;
		bprm->strings_len += (size_t)len + 1;
	}
	return count;
}

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	struct linux_binprm bprm = { .read = file_read };
	struct filename *name = getname(filename);
	struct file *file;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	file = do_filp_open(AT_FDCWD, name, O_RDONLY, 0);
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto out_name;
	}
	err = -EACCES;
	if (!may_exec(file))
		goto out_file;
	err = -ENOMEM;
	bprm.strings = kmalloc(MAX_ARG_BYTES, GFP_KERNEL);
	if (!bprm.strings)
		goto out_file;
	bprm.filename = name->name;
	bprm.file = bprm.exec_file = file;
	bprm.strings_len = strlen(name->name) + 1;
	memcpy(bprm.strings, name->name, bprm.strings_len);
	err = bprm.argc = copy_strings(&bprm, argv);
	if (err < 0)
		goto out_strings;
	if (bprm.argc == 0) {
		/* As Linux since 5.18: a program never starts with argc 0; argv becomes { "" }. */
		bprm.strings[bprm.strings_len++] = '\0';
		bprm.argc = 1;
	}
	err = bprm.envc = copy_strings(&bprm, envp);
	if (err < 0)
		goto out_strings;
	err = exec_binprm(&bprm);
out_strings:
	kfree(bprm.strings);
out_file:
	fput(file);
out_name:
	putname(name);
	return err;
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct linux_binprm bprm = { .filename = filename, .read = file_read };
	struct file *file = filp_open(filename, O_RDONLY, 0);
	int err;

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	err = -EACCES;
	if (!may_exec(file))
		goto out;
	bprm.file = bprm.exec_file = file;
	err = pack_strings(&bprm, argv, envp);
	if (!err)
		err = exec_binprm(&bprm);
	kfree(bprm.strings);
out:
	fput(file);
	return err;
}
