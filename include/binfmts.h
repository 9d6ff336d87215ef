/* include/binfmts.h: executing a program (kernel/exec.c, kernel/binfmt_elf.c). */
#ifndef _RVMM_BINFMTS_H
#define _RVMM_BINFMTS_H

#include <types.h>
#include <uaccess.h>

struct mm_struct;
struct elf64_hdr;	/* Elf64_Ehdr, include/elf.h */

#define MAX_ARG_STRLEN	(32 * 4096)	/* one argument or environment string, as Linux */
#define MAX_ARG_BYTES	(128 * 1024)	/* all of them together */

/*
 * linux_binprm: a program being started.  The arguments are copied out of
 * the old address space before it is torn down, and the program is read
 * through `read`, so exec works the same from a file or from memory.
 */
struct linux_binprm {
	const char *filename;
	/* read: up to len bytes at offset off of the program; bytes read or -errno. */
	long (*read)(struct linux_binprm *bprm, void *buf, size_t len, u64 off);
	void *file;			/* what read reads from */
	struct file *exec_file;		/* the program's file, mapped by the loader; NULL for one in memory */
	char *strings;			/* argv then envp, each NUL-terminated */
	size_t strings_len;
	int argc, envc;
	struct mm_struct *mm;		/* the new address space, until it replaces the old */
	unsigned long entry;		/* set by the loader */
	unsigned long phdr_addr, phnum, phent;	/* for the auxiliary vector */
	unsigned long sp;		/* the new user stack pointer */
};

struct elf64_phdr;
/*
 * elf_map_segments: place the checked PT_LOAD segments of ph[0..eh->e_phnum)
 * in bprm->mm, as this build does (kernel/binfmt_elf_mmu.c or
 * binfmt_elf_nommu.c); *delta = where they run minus where they were
 * linked.  0 or -errno.
 */
int elf_map_segments(struct linux_binprm *bprm, const struct elf64_hdr *eh,
		     const struct elf64_phdr *ph, unsigned long *delta);
/* load_elf_binary: map an ELF64 RISC-V executable into bprm->mm. 0 or -errno. */
int load_elf_binary(struct linux_binprm *bprm);
/*
 * elf_relocate: without an MMU, move the program eh heads, whose bytes
 * [link_lo, link_hi) are at image, to run at load_lo, by the relocations
 * it keeps.  0, or -ENOEXEC (logged) when it has none or one cannot be
 * applied, or the read's -errno; the image must then not run.
 */
int elf_relocate(struct linux_binprm *bprm, const struct elf64_hdr *eh, void *image,
		 unsigned long link_lo, unsigned long link_hi, unsigned long load_lo);
/*
 * exec_binprm: replace current's program with bprm's (arguments already in
 * bprm->strings).  0 when the new program is ready to run; on error the old
 * one is untouched.
 */
int exec_binprm(struct linux_binprm *bprm);

/* pack_strings: fill bprm->strings with the file name, argv and envp (kernel arrays). */
int pack_strings(struct linux_binprm *bprm, const char *const *argv, const char *const *envp);
/* kernel_execve_mem: exec an ELF image held in kernel memory (self-tests; the initial program before files exist). */
int kernel_execve_mem(const char *name, const void *image, size_t size,
		      const char *const *argv, const char *const *envp);

/* kernel_execve: exec a file from the kernel (starting init). 0 or -errno. */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);

#endif
