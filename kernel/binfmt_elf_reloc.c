/*
 * kernel/binfmt_elf_reloc.c: moving a program to where the no-MMU loader
 * found room for it.
 *
 * The loader copies every PT_LOAD into one buffer; unless that buffer is
 * at the very address the program was linked for, the relocations the
 * program keeps (user.ld links with -q) are applied to it by
 * lib/elf_reloc.c.  The section headers say where they are: each SHT_RELA
 * whose target section is loaded (SHF_ALLOC: the debug sections' are
 * skipped), and the symbol table it indexes.
 *
 * Memory stays bounded whatever the program's size: the section headers
 * are one slab object (at most MAX_SHNUM), relocations are read a page at
 * a time, and symbols through a cache of SYM_LINES pages of the table,
 * since even a stripped program's .symtab runs to tens of KiB (every
 * PCREL_LO12 names a label of its own) and physically contiguous memory
 * is what a kernel without an MMU is shortest of.  Relocations come in
 * address order and their symbols mostly in table order, so a few pages
 * hold what the next ones need.
 */
#include <binfmts.h>
#include <compiler.h>
#include <elf.h>
#include <elf_reloc.h>
#include <errno.h>
#include <mm.h>
#include <printk.h>
#include <slab.h>

#define MAX_SHNUM	(KMALLOC_MAX_CACHE_SIZE / sizeof(Elf64_Shdr))
#define RELA_CHUNK	(PAGE_SIZE / sizeof(Elf64_Rela))
#define SYM_CHUNK	(PAGE_SIZE / sizeof(Elf64_Sym))
#define SYM_LINES	4

/* The symbol table, read SYM_CHUNK entries at a time into the least recently used line. */
struct sym_cache {
	struct reloc_symtab tab;
	struct linux_binprm *bprm;
	u64 off;			/* the table's file offset */
	struct {
		Elf64_Sym *syms;	/* kmalloc'ed on first use */
		size_t first;		/* the index of syms[0]; SIZE_MAX: holds nothing */
		unsigned long used;	/* c->clock at its last use; 0: never */
	} line[SYM_LINES];
	unsigned long clock;
	int err;			/* why a read failed; 0 until one does */
};

/* read_exact: len bytes at off; 0, the read's -errno, or -ENOEXEC when the file is shorter. */
static int read_exact(struct linux_binprm *bprm, void *buf, size_t len, u64 off)
{
	long got = bprm->read(bprm, buf, len, off);

	if (got < 0)
		return (int)got;
	return (size_t)got == len ? 0 : -ENOEXEC;
}

static const Elf64_Sym *cache_sym(struct reloc_symtab *tab, size_t idx)
{
	struct sym_cache *c = container_of(tab, struct sym_cache, tab);
	size_t first = idx - idx % SYM_CHUNK;
	unsigned int victim = 0;
	int err;

	for (unsigned int i = 0; i < SYM_LINES; i++) {
		if (c->line[i].first == first) {
			c->line[i].used = ++c->clock;
			return &c->line[i].syms[idx - first];
		}
		if (c->line[i].used < c->line[victim].used)
			victim = i;
	}
	if (!c->line[victim].syms)
		c->line[victim].syms = kmalloc(SYM_CHUNK * sizeof(Elf64_Sym), GFP_KERNEL);
	if (!c->line[victim].syms) {
		c->err = -ENOMEM;
		return NULL;
	}
	c->line[victim].first = SIZE_MAX;
	err = read_exact(c->bprm, c->line[victim].syms,
			 MIN(SYM_CHUNK, tab->nsyms - first) * sizeof(Elf64_Sym),
			 c->off + first * sizeof(Elf64_Sym));
	if (err) {
		c->err = err;
		return NULL;
	}
	c->line[victim].first = first;
	c->line[victim].used = ++c->clock;
	return &c->line[victim].syms[idx - first];
}

/* sym_cache_use: make c read the table symsh (forgetting another one's lines). */
static void sym_cache_use(struct sym_cache *c, const Elf64_Shdr *symsh)
{
	if (c->off == symsh->sh_offset && c->tab.nsyms == symsh->sh_size / sizeof(Elf64_Sym))
		return;
	c->off = symsh->sh_offset;
	c->tab.nsyms = symsh->sh_size / sizeof(Elf64_Sym);
	for (unsigned int i = 0; i < SYM_LINES; i++) {
		c->line[i].first = SIZE_MAX;
		c->line[i].used = 0;
	}
}

/* relocate_section: the SHT_RELA rs of the section headers sh[shnum], through buf (RELA_CHUNK entries). */
static int relocate_section(struct linux_binprm *bprm, const struct reloc_image *img,
			    const Elf64_Shdr *sh, unsigned int shnum, const Elf64_Shdr *rs,
			    struct sym_cache *syms, Elf64_Rela *buf)
{
	const Elf64_Shdr *symsh = rs->sh_link < shnum ? &sh[rs->sh_link] : NULL;
	size_t n = rs->sh_size / sizeof(Elf64_Rela);
	struct reloc_state st;
	struct reloc_error why;

	if (!symsh || symsh->sh_type != SHT_SYMTAB || symsh->sh_entsize != sizeof(Elf64_Sym) ||
	    rs->sh_entsize != sizeof(Elf64_Rela)) {
		pr_err("%s: relocations without their symbol table (.symtab): cannot move it\n",
		       bprm->filename);
		return -ENOEXEC;
	}
	sym_cache_use(syms, symsh);
	reloc_state_init(&st);
	for (size_t done = 0; done < n; done += RELA_CHUNK) {
		size_t k = MIN(RELA_CHUNK, n - done);
		int err = read_exact(bprm, buf, k * sizeof(*buf), rs->sh_offset + done * sizeof(*buf));

		if (err)
			return err;
		err = riscv_relocate_section(img, buf, k, &syms->tab, &st, &why);
		if (err && syms->err) {
			pr_err("%s: cannot read its symbol table (%d)\n", bprm->filename, syms->err);
			return syms->err;
		}
		if (err) {
			pr_err("%s: %s relocation %s (%u) at %#lx\n", bprm->filename, why.why,
			       why.name, why.type, (unsigned long)why.offset);
			return err;
		}
	}
	return 0;
}

int elf_relocate(struct linux_binprm *bprm, const struct elf64_hdr *eh, void *image,
		 unsigned long link_lo, unsigned long link_hi, unsigned long load_lo)
{
	struct reloc_image img = { image, link_lo, link_hi, load_lo };
	/* .off matches no table: the first sym_cache_use empties every line */
	struct sym_cache syms = { .tab.sym = cache_sym, .bprm = bprm, .off = ~0ULL };
	unsigned int nrela = 0;
	Elf64_Shdr *sh = NULL;
	Elf64_Rela *buf = NULL;
	int err;

	if (load_lo == link_lo)
		return 0;	/* where it was linked to run: nothing moves */
	if (!eh->e_shoff || !eh->e_shnum || eh->e_shnum > MAX_SHNUM ||
	    eh->e_shentsize != sizeof(Elf64_Shdr)) {
		pr_err("%s: linked at %#lx, with no section headers (or over %lu) to say how to move it to %#lx\n",
		       bprm->filename, link_lo, (unsigned long)MAX_SHNUM, load_lo);
		return -ENOEXEC;
	}
	sh = kmalloc(eh->e_shnum * sizeof(*sh), GFP_KERNEL);
	buf = kmalloc(RELA_CHUNK * sizeof(*buf), GFP_KERNEL);
	err = sh && buf ? read_exact(bprm, sh, eh->e_shnum * sizeof(*sh), eh->e_shoff) : -ENOMEM;
	for (unsigned int i = 0; i < eh->e_shnum && !err; i++) {
		if (sh[i].sh_type != SHT_RELA)
			continue;
		if (sh[i].sh_info >= eh->e_shnum) {
			pr_err("%s: relocation section %u names no section\n", bprm->filename, i);
			err = -ENOEXEC;
		} else if (sh[sh[i].sh_info].sh_flags & SHF_ALLOC) {
			nrela++;
			err = relocate_section(bprm, &img, sh, eh->e_shnum, &sh[i], &syms, buf);
		}
	}
	if (!err && !nrela) {
		pr_err("%s: linked at %#lx without its relocations (ld -q): cannot run at %#lx\n",
		       bprm->filename, link_lo, load_lo);
		err = -ENOEXEC;
	}
	for (unsigned int i = 0; i < SYM_LINES; i++)
		kfree(syms.line[i].syms);
	kfree(buf);
	kfree(sh);
	return err;
}
