/*
 * kernel/binfmt_elf.c: loading an ELF64 RISC-V executable, the part both
 * kernels share: the headers are read and checked here, then each build
 * places the PT_LOAD segments its own way (elf_map_segments):
 *  - with an MMU (binfmt_elf_mmu.c), at the addresses the program was
 *    linked for, each segment its own VMAs, demand paged from the file;
 *  - without one (binfmt_elf_nommu.c), all of them in one contiguous
 *    allocation wherever the buddy allocator finds room, and the program
 *    relocated to run there.
 * Programs are linked at a fixed address (ET_EXEC) and keep their
 * relocations (-Wl,-q), so the very same files run on both.
 */
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <mm_user.h>
#include <pgtable.h>
#include <string.h>

#define MAX_PHNUM 16

static bool elf_ok(const struct elf64_hdr *eh)
{
	return !memcmp(eh->e_ident, "\177ELF", 4) && eh->e_ident[4] == ELFCLASS64 &&
	       eh->e_ident[5] == ELFDATA2LSB && eh->e_type == ET_EXEC &&
	       eh->e_machine == EM_RISCV && eh->e_phentsize == sizeof(struct elf64_phdr) &&
	       eh->e_phnum > 0 && eh->e_phnum <= MAX_PHNUM;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf64_hdr eh;
	struct elf64_phdr ph[MAX_PHNUM];
	unsigned long brk = 0, delta = 0;
	long got;
	int err;

	got = bprm->read(bprm, &eh, sizeof(eh), 0);
	if (got < 0)
		return (int)got;
	if (got != sizeof(eh) || !elf_ok(&eh))
		return -ENOEXEC;
	got = bprm->read(bprm, ph, eh.e_phnum * sizeof(ph[0]), eh.e_phoff);
	if (got != (long)(eh.e_phnum * sizeof(ph[0])))
		return got < 0 ? (int)got : -ENOEXEC;

	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_vaddr + ph[i].p_memsz < ph[i].p_vaddr ||
		    ph[i].p_vaddr + ph[i].p_memsz > task_size ||
		    (ph[i].p_vaddr & ~PAGE_MASK) != (ph[i].p_offset & ~PAGE_MASK))
			return -ENOEXEC;
		brk = MAX(brk, PAGE_ALIGN(ph[i].p_vaddr + ph[i].p_memsz));
	}
	if (!brk)
		return -ENOEXEC;
	err = elf_map_segments(bprm, &eh, ph, &delta);
	if (err)
		return err;

	/* What /proc/<pid>/stat and the auxiliary vector tell about the program, where it runs. */
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		if (ph[i].p_offset == 0)	/* the headers are loaded: tell the program where */
			bprm->phdr_addr = ph[i].p_vaddr + eh.e_phoff + delta;
		if (ph[i].p_flags & PF_X) {
			bprm->mm->start_code = (ph[i].p_vaddr & PAGE_MASK) + delta;
			bprm->mm->end_code = ph[i].p_vaddr + ph[i].p_filesz + delta;
		} else {
			bprm->mm->start_data = ph[i].p_vaddr + delta;
			bprm->mm->end_data = ph[i].p_vaddr + ph[i].p_filesz + delta;
		}
	}
	bprm->mm->start_brk = bprm->mm->brk = brk + delta;
	bprm->entry = eh.e_entry + delta;
	bprm->phnum = eh.e_phnum;
	bprm->phent = eh.e_phentsize;
	return 0;
}
