/*
 * include/elf_reloc.h: moving a static RISC-V program, linked with its
 * relocations kept (ld -q --no-relax), to another address as a whole
 * (lib/elf_reloc.c; the no-MMU ELF loader and the host tests use it).
 */
#ifndef _RVMM_ELF_RELOC_H
#define _RVMM_ELF_RELOC_H

#include <elf.h>
#include <types.h>

/* The program's bytes [link_lo, link_hi) are at mem; it will run with them at load_lo. */
struct reloc_image {
	void *mem;
	u64 link_lo, link_hi;
	u64 load_lo;
};

/*
 * The symbol table the relocations index.  sym returns entry idx (the
 * caller has checked idx < nsyms), valid until its next call, or NULL
 * when it cannot be had (the relocation is then refused as "unreadable").
 */
struct reloc_symtab {
	size_t nsyms;
	const Elf64_Sym *(*sym)(struct reloc_symtab *tab, size_t idx);
};

/*
 * What one relocation section's earlier chunks leave for its later ones:
 * the PCREL_HI20s against symbols that stay put, whose PCREL_LO12s must
 * be computed again from them.  A small ring: a LO12 whose HI20 may have
 * been pushed out (it lies below forgotten_end) is refused, never guessed.
 */
#define RELOC_HI20_SLOTS 16
struct reloc_state {
	struct {
		u64 where;	/* link-time address of the auipc (or the lui it became) */
		s64 value;	/* what its LO12s take the low 12 bits of */
	} hi20[RELOC_HI20_SLOTS];
	unsigned int used, next;
	u64 forgotten_end;	/* one past the highest address pushed out; 0: none */
};

/* Why a relocation was refused, for the caller's log line. */
struct reloc_error {
	unsigned int type;
	const char *name;	/* riscv_reloc_name(type) */
	/* "unsupported", "out-of-range", "misplaced" (outside the image), "dangling"
	 * (symbol index past the table), "unreadable" (sym gave NULL) or "unpaired" */
	const char *why;
	u64 offset;		/* its r_offset: a link-time address */
};

/* reloc_state_init: before the first chunk of each relocation section. */
void reloc_state_init(struct reloc_state *st);

/*
 * riscv_relocate_section: apply n relocations (a section, or the next
 * chunk of one, in file order) to img.  0, or -ENOEXEC with *err filled
 * in; the image is then partly relocated and must not run.
 */
int riscv_relocate_section(const struct reloc_image *img, const Elf64_Rela *rela, size_t n,
			   struct reloc_symtab *symtab, struct reloc_state *st,
			   struct reloc_error *err);

/* riscv_reloc_name: "R_RISCV_CALL" for 18; "unknown" for a number the psABI does not name. */
const char *riscv_reloc_name(unsigned int type);

#endif
