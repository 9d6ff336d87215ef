/*
 * kernel/binfmt_elf_nommu.c: placing an ELF program's segments without
 * an MMU.
 *
 * The program was linked to run at a fixed address (0x10000) that means
 * nothing here, where every address is physical.  So, as uClinux's flat
 * loader does with its text, data and bss: one contiguous allocation big
 * enough for all the PT_LOAD segments as they lie relative to each other
 * (an anonymous mmap, so it is zeroed, charged and shown like any other),
 * each segment's file bytes read into place, and then the relocations the
 * link kept (-Wl,-q) applied for the difference between where it runs and
 * where it was linked (binfmt_elf_reloc.c).  Without an MMU nothing
 * enforces the segments' permissions: the one VMA is read-write-execute.
 */
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <mman.h>
#include <mm_user.h>
#include <printk.h>
#include <string.h>

int elf_map_segments(struct linux_binprm *bprm, const Elf64_Ehdr *eh, const Elf64_Phdr *ph,
		     unsigned long *delta)
{
	unsigned long link_lo = ~0UL, link_hi = 0;
	struct vm_area_struct *vma;
	long base;
	int err;

	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		link_lo = MIN(link_lo, ph[i].p_vaddr & PAGE_MASK);
		link_hi = MAX(link_hi, PAGE_ALIGN(ph[i].p_vaddr + ph[i].p_memsz));
	}
	base = do_mmap(bprm->mm, 0, link_hi - link_lo, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	if (base < 0)
		return (int)base;
	vma = find_vma(bprm->mm, (unsigned long)base);
	vma->vm_name = bprm->mm->exe_name;	/* /proc/<pid>/maps names the program */
	vma->vm_pgoff = 0;

	for (int i = 0; i < eh->e_phnum; i++) {
		char *to = (char *)base + (ph[i].p_vaddr - link_lo);
		long got;

		if (ph[i].p_type != PT_LOAD || !ph[i].p_filesz)
			continue;
		got = bprm->read(bprm, to, ph[i].p_filesz, ph[i].p_offset);
		if (got < 0)
			return (int)got;
		if ((u64)got != ph[i].p_filesz)
			return -EIO;	/* the file is shorter than its headers say */
	}
	*delta = (unsigned long)base - link_lo;
	/* A program held in kernel memory (the self-tests') is position-independent: nothing to apply. */
	if (bprm->exec_file) {
		err = elf_relocate(bprm, eh, (void *)base, link_lo, link_hi, (unsigned long)base);
		if (err)
			return err;
	}
	pr_debug("%s: loaded at %#lx-%#lx (linked at %#lx)\n", bprm->filename,
		 (unsigned long)base, (unsigned long)base + (link_hi - link_lo), link_lo);
	return 0;
}
