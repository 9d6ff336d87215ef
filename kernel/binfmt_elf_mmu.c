/*
 * kernel/binfmt_elf_mmu.c: placing an ELF program's segments with an MMU.
 *
 * Each PT_LOAD segment becomes VMAs with the segment's permissions, as
 * Linux's elf_map: its file part a private mapping of the file (pages come
 * from the page cache on demand, and a write copies them), the tail of its
 * last file page cleared, and the rest of its bss an anonymous mapping,
 * demand-zeroed.  Writable segments are charged to Committed_AS like any
 * private writable mapping, so a huge bss is refused with ENOMEM before the
 * program runs.  A program held in kernel memory (the self-tests) has no
 * file to map: its bytes are copied into anonymous memory instead.
 */
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <mman.h>
#include <mm_user.h>
#include <string.h>

static unsigned long prot_of(u32 p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

/* vm_flags_of: an anonymous segment's VMA flags, charged when writable (as Linux's vm_brk_flags). */
static unsigned long vm_flags_of(u32 p_flags)
{
	unsigned long f = calc_vm_prot_bits(prot_of(p_flags)) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	return (p_flags & PF_W) ? f | VM_ACCOUNT : f;
}

/* copy_in: read filesz bytes of the file at off into the new mm at va, through the kernel's view of its pages. */
static int copy_in(struct linux_binprm *bprm, unsigned long va, u64 off, u64 filesz)
{
	while (filesz) {
		struct page *page = get_user_page_remote(bprm->mm, va & PAGE_MASK);
		size_t in_page = PAGE_SIZE - (va & ~PAGE_MASK);
		size_t n = filesz < in_page ? filesz : in_page;
		long got;

		if (!page)
			return -EFAULT;
		got = bprm->read(bprm, (char *)page_address(page) + (va & ~PAGE_MASK), n, off);
		if (got < 0)
			return (int)got;
		if ((size_t)got != n)
			return -EIO;	/* the file is shorter than its headers say */
		va += n;
		off += n;
		filesz -= n;
	}
	return 0;
}

/* clear_in: zero [va, end) of the new mm (the bss part of a segment's last file page). */
static int clear_in(struct linux_binprm *bprm, unsigned long va, unsigned long end)
{
	while (va < end) {
		struct page *page = get_user_page_remote(bprm->mm, va & PAGE_MASK);
		size_t n = MIN(end - va, PAGE_SIZE - (va & ~PAGE_MASK));

		if (!page)
			return -ENOMEM;
		memset((char *)page_address(page) + (va & ~PAGE_MASK), 0, n);
		va += n;
	}
	return 0;
}

/*
 * map_segment: [start, end) of the new mm for one PT_LOAD.  From a file:
 * its file pages mapped privately, the rest anonymous.  From memory: all
 * anonymous, with the file's bytes copied in.
 */
static int map_segment(struct linux_binprm *bprm, const struct elf64_phdr *ph,
		       unsigned long start, unsigned long end)
{
	unsigned long file_end = PAGE_ALIGN(ph->p_vaddr + ph->p_filesz);
	long addr;
	int err;

	if (!bprm->exec_file || !ph->p_filesz) {
		err = vm_brk_flags(bprm->mm, start, end - start, vm_flags_of(ph->p_flags),
				   bprm->mm->exe_name);
		if (err)
			return err == -EEXIST ? -ENOEXEC : err;
		/* Named after the program, with its file offset, as Linux shows a file mapping. */
		find_vma(bprm->mm, start)->vm_pgoff = ph->p_offset >> PAGE_SHIFT;
		return copy_in(bprm, ph->p_vaddr, ph->p_offset, ph->p_filesz);
	}
	addr = do_mmap(bprm->mm, start, file_end - start, prot_of(ph->p_flags),
		       MAP_PRIVATE | MAP_FIXED_NOREPLACE, bprm->exec_file, ph->p_offset >> PAGE_SHIFT);
	if (addr < 0)
		return addr == -EEXIST ? -ENOEXEC : (int)addr;
	if (ph->p_memsz > ph->p_filesz) {
		/* The file's page holds whatever follows the segment: bss starts zeroed. */
		err = clear_in(bprm, ph->p_vaddr + ph->p_filesz, MIN(file_end, end));
		if (err)
			return err;
	}
	if (end > file_end) {
		err = vm_brk_flags(bprm->mm, file_end, end - file_end, vm_flags_of(ph->p_flags), NULL);
		if (err)
			return err == -EEXIST ? -ENOEXEC : err;
	}
	return 0;
}

int elf_map_segments(struct linux_binprm *bprm, const Elf64_Ehdr *eh, const Elf64_Phdr *ph,
		     unsigned long *delta)
{
	*delta = 0;	/* the program runs where it was linked */
	for (int i = 0; i < eh->e_phnum; i++) {
		int err;

		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		err = map_segment(bprm, &ph[i], ph[i].p_vaddr & PAGE_MASK,
				  PAGE_ALIGN(ph[i].p_vaddr + ph[i].p_memsz));
		if (err)
			return err;
	}
	return 0;
}
