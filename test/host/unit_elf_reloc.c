/*
 * test/host/unit_elf_reloc.c: lib/elf_reloc.c, the relocation a no-MMU
 * loader applies to move a program.
 *
 * The strong check: real programs, linked at 0x10000, are moved to each
 * of RELOC_BASES and must then be byte for byte what ld made of the same
 * objects linked at that base (the Makefile's RELOC_LINKS).  The rest are
 * hand-made cases of what real programs do not contain: refusals, and
 * fields computed again against symbols that stay put, whose expected
 * words come from the assembler.
 */
#include "host.h"

#include <binfmts.h>
#include <compiler.h>
#include <elf_reloc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE		0x1000UL
#define RELA_CHUNK	(PAGE / sizeof(Elf64_Rela))	/* what the kernel reads at a time */

/* ---- symbol tables ------------------------------------------------------ */

struct array_symtab {
	struct reloc_symtab tab;
	const Elf64_Sym *syms;
};

static const Elf64_Sym *array_sym(struct reloc_symtab *tab, size_t idx)
{
	return &container_of(tab, struct array_symtab, tab)->syms[idx];
}

static struct array_symtab symtab_of(const Elf64_Sym *syms, size_t n)
{
	return (struct array_symtab){ { n, array_sym }, syms };
}

/* ---- ELF files ---------------------------------------------------------- */

struct elf_file {
	u8 *data;
	size_t size;
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	const Elf64_Shdr *sh;
};

static bool elf_read(struct elf_file *f, const char *path)
{
	FILE *fp = fopen(path, "rb");
	long size;

	if (!fp)
		return false;
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	rewind(fp);
	f->data = malloc(size);
	f->size = size;
	if (fread(f->data, 1, size, fp) != (size_t)size) {
		fclose(fp);
		return false;
	}
	fclose(fp);
	f->eh = (const Elf64_Ehdr *)f->data;
	f->ph = (const Elf64_Phdr *)(f->data + f->eh->e_phoff);
	f->sh = (const Elf64_Shdr *)(f->data + f->eh->e_shoff);
	return size >= (long)sizeof(Elf64_Ehdr) && !memcmp(f->data, "\177ELF", 4) &&
	       f->eh->e_shoff + f->eh->e_shnum * sizeof(Elf64_Shdr) <= (size_t)size;
}

/* elf_span: [*lo, *hi), page-aligned, covering every PT_LOAD. */
static void elf_span(const struct elf_file *f, u64 *lo, u64 *hi)
{
	*lo = ~0UL;
	*hi = 0;
	for (int i = 0; i < f->eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &f->ph[i];

		if (ph->p_type != PT_LOAD)
			continue;
		*lo = MIN(*lo, ph->p_vaddr & ~(PAGE - 1));
		*hi = MAX(*hi, ALIGN(ph->p_vaddr + ph->p_memsz, PAGE));
	}
}

/* ---- the real programs -------------------------------------------------- */

struct prog_case {
	char prog[64];
	char base_name[32];
	u64 base;
	size_t chunk;		/* relocations per call */
};

/* How many relocations against symbols that stay put, by type, for the report. */
static unsigned long still_count[64];

static void count_still(const Elf64_Rela *r, const Elf64_Sym *syms)
{
	unsigned int type = ELF64_R_TYPE(r->r_info);
	const Elf64_Sym *s = &syms[ELF64_R_SYM(r->r_info)];

	if (type < ARRAY_SIZE(still_count) && (s->st_shndx == SHN_UNDEF || s->st_shndx == SHN_ABS) &&
	    type != R_RISCV_NONE && type != R_RISCV_RELAX && (type < R_RISCV_TPREL_HI20 ||
	    type > R_RISCV_TPREL_ADD))
		still_count[type]++;
}

/* relocate_file: apply every relocation of f's loaded sections to img, c->chunk at a time. */
static int relocate_file(const struct elf_file *f, const struct reloc_image *img, size_t chunk,
			 unsigned long *nrela, struct reloc_error *err)
{
	for (int i = 0; i < f->eh->e_shnum; i++) {
		const Elf64_Shdr *sh = &f->sh[i], *symsh;
		const Elf64_Rela *rela;
		const Elf64_Sym *syms;
		struct array_symtab tab;
		struct reloc_state st;
		size_t n;

		if (sh->sh_type != SHT_RELA || !(f->sh[sh->sh_info].sh_flags & SHF_ALLOC))
			continue;
		symsh = &f->sh[sh->sh_link];
		syms = (const Elf64_Sym *)(f->data + symsh->sh_offset);
		tab = symtab_of(syms, symsh->sh_size / sizeof(Elf64_Sym));
		rela = (const Elf64_Rela *)(f->data + sh->sh_offset);
		n = sh->sh_size / sizeof(Elf64_Rela);
		reloc_state_init(&st);
		for (size_t done = 0; done < n; done += chunk) {
			size_t k = MIN(chunk, n - done);
			int ret = riscv_relocate_section(img, rela + done, k, &tab.tab, &st, err);

			if (ret)
				return ret;
		}
		for (size_t j = 0; j < n; j++)
			count_still(&rela[j], syms);
		*nrela += n;
	}
	return 0;
}

/* same_bytes: does the image hold g's PT_LOAD bytes?  report: say where they first differ. */
static bool same_bytes(const struct reloc_image *img, const struct elf_file *g, u64 delta,
		       bool report)
{
	for (int i = 0; i < g->eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &g->ph[i];
		const u8 *mine = (const u8 *)img->mem + (ph->p_vaddr - img->load_lo);
		const u8 *want = g->data + ph->p_offset;

		if (ph->p_type != PT_LOAD)
			continue;
		for (u64 k = 0; k < ph->p_filesz; k++)
			if (mine[k] != want[k]) {
				u64 at = (ph->p_vaddr + k) & ~3UL;
				u32 a, b;

				if (!report)
					return false;
				memcpy(&a, (const u8 *)img->mem + (at - img->load_lo), 4);
				memcpy(&b, g->data + ph->p_offset + (at - ph->p_vaddr), 4);
				tap_diag("first difference at %#lx (linked at %#lx): %08x, ld made %08x",
					 at, at - delta, a, b);
				return false;
			}
	}
	return true;
}

static void scenario_program(const void *arg)
{
	const struct prog_case *c = arg;
	char p1[256], p2[256];
	struct elf_file f, g;
	struct reloc_image img;
	struct reloc_error err;
	u64 lo, hi, glo, ghi, delta;
	unsigned long nrela = 0;
	bool layout = true;
	int ret;

	snprintf(p1, sizeof(p1), "%s/user/bin/%s", RELOC_DIR, c->prog);
	snprintf(p2, sizeof(p2), "%s/host/reloc/%s/%s", RELOC_DIR, c->base_name, c->prog);
	if (!tap_ok(elf_read(&f, p1) && elf_read(&g, p2), "%s and %s read", p1, p2))
		return;
	elf_span(&f, &lo, &hi);
	elf_span(&g, &glo, &ghi);
	delta = c->base - lo;
	layout = glo == c->base && ghi - glo == hi - lo && f.eh->e_phnum == g.eh->e_phnum;
	for (int i = 0; layout && i < f.eh->e_phnum; i++)
		layout = f.ph[i].p_type == g.ph[i].p_type && f.ph[i].p_filesz == g.ph[i].p_filesz &&
			 f.ph[i].p_memsz == g.ph[i].p_memsz &&
			 (f.ph[i].p_type != PT_LOAD || f.ph[i].p_vaddr + delta == g.ph[i].p_vaddr);
	if (!tap_ok(layout, "%s at %s: the same segments, %#lx higher", c->prog, c->base_name, delta))
		return;

	img = (struct reloc_image){ calloc(1, hi - lo), lo, hi, c->base };
	for (int i = 0; i < f.eh->e_phnum; i++)
		if (f.ph[i].p_type == PT_LOAD)
			memcpy((u8 *)img.mem + (f.ph[i].p_vaddr - lo), f.data + f.ph[i].p_offset,
			       f.ph[i].p_filesz);
	tap_ok(!same_bytes(&img, &g, delta, false), "%s: unmoved, it differs from the link at %s",
	       c->prog, c->base_name);

	memset(still_count, 0, sizeof(still_count));
	ret = relocate_file(&f, &img, c->chunk, &nrela, &err);
	if (!tap_ok(ret == 0, "%s: %lu relocations applied for %s, %zu at a time (%s)", c->prog,
		    nrela, c->base_name, c->chunk, ret ? err.name : "all"))
		tap_diag("refused: %s %s at %#lx", err.why, err.name, err.offset);
	tap_ok(same_bytes(&img, &g, delta, true), "%s moved to %s is what ld links there", c->prog,
	       c->base_name);
	tap_ok(g.eh->e_entry == f.eh->e_entry + delta && f.eh->e_entry >= lo && f.eh->e_entry < hi,
	       "%s: the entry point %#lx moves to %#lx", c->prog, f.eh->e_entry, g.eh->e_entry);
	for (unsigned int t = 0; t < ARRAY_SIZE(still_count); t++)
		if (still_count[t])
			tap_diag("%s: %lu %s against a symbol that stays put", c->prog,
				 still_count[t], riscv_reloc_name(t));
}

/* ---- hand-made cases ---------------------------------------------------- */

#define LINK_LO		0x10000UL
#define LINK_HI		0x11000UL

static u8 mem[LINK_HI - LINK_LO];

/* The symbols: null, a section symbol at LINK_LO, an undefined weak one, absolute ones. */
enum { SYM_NULL, SYM_TEXT, SYM_WEAK, SYM_ABS, NSYMS };
static Elf64_Sym syms[NSYMS] = {
	[SYM_TEXT] = { .st_shndx = 1, .st_value = LINK_LO },
	[SYM_WEAK] = { .st_info = STB_WEAK << 4, .st_shndx = SHN_UNDEF },
	[SYM_ABS] = { .st_shndx = SHN_ABS },
};

static Elf64_Rela rel(u64 off, unsigned int type, unsigned int sym, s64 addend)
{
	return (Elf64_Rela){ off, (u64)sym << 32 | type, addend };
}

static u32 word(u64 off)
{
	u32 w;

	memcpy(&w, mem + (off - LINK_LO), 4);
	return w;
}

static u16 half(u64 off)
{
	u16 h;

	memcpy(&h, mem + (off - LINK_LO), 2);
	return h;
}

static void set_word(u64 off, u32 w)
{
	memcpy(mem + (off - LINK_LO), &w, 4);
}

static void set_half(u64 off, u16 h)
{
	memcpy(mem + (off - LINK_LO), &h, 2);
}

/* apply: relocations r[0..n) to mem moved to load_lo, one chunk; 0 or -errno. */
static int apply(u64 load_lo, const Elf64_Rela *r, size_t n, struct reloc_state *st,
		 struct reloc_error *err)
{
	struct reloc_image img = { mem, LINK_LO, LINK_HI, load_lo };
	struct array_symtab tab = symtab_of(syms, NSYMS);
	struct reloc_state fresh;

	if (!st) {
		reloc_state_init(&fresh);
		st = &fresh;
	}
	return riscv_relocate_section(&img, r, n, &tab.tab, st, err);
}

static void scenario_refusals(const void *arg)
{
	struct reloc_error err;
	Elf64_Rela r;

	r = rel(0x10010, R_RISCV_TLS_GOT_HI20, SYM_TEXT, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == -ENOEXEC &&
	       !strcmp(err.name, "R_RISCV_TLS_GOT_HI20") && !strcmp(err.why, "unsupported") &&
	       err.type == R_RISCV_TLS_GOT_HI20 && err.offset == 0x10010,
	       "R_RISCV_TLS_GOT_HI20 is refused by name, with its offset");
	r = rel(0x10010, 42, SYM_TEXT, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.name, "unknown") &&
	       err.type == 42, "a reserved number (42) is refused as unknown");
	r = rel(0x10010, 1000, SYM_TEXT, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.name, "unknown"),
	       "a number past the table is refused as unknown");
	tap_ok(!strcmp(riscv_reloc_name(R_RISCV_CALL_PLT), "R_RISCV_CALL_PLT") &&
	       !strcmp(riscv_reloc_name(R_RISCV_32_PCREL), "R_RISCV_32_PCREL") &&
	       !strcmp(riscv_reloc_name(R_RISCV_TLSDESC_CALL), "R_RISCV_TLSDESC_CALL"),
	       "riscv_reloc_name names the psABI's types");

	r = rel(LINK_HI - 4, R_RISCV_64, SYM_TEXT, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.why, "misplaced") &&
	       err.offset == LINK_HI - 4, "an R_RISCV_64 running past the image is refused");
	r = rel(LINK_LO - 8, R_RISCV_64, SYM_TEXT, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.why, "misplaced"),
	       "an R_RISCV_64 below the image is refused");
	r = rel(0x400, R_RISCV_BRANCH, SYM_ABS, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.why, "misplaced"),
	       "so is a branch whose target would stay put");
	r = rel(LINK_HI - 2, R_RISCV_ADD32, SYM_TEXT, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.why, "misplaced"),
	       "and a label difference that changes nothing");
	r = rel(LINK_HI - 8, R_RISCV_64, SYM_TEXT, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == 0, "the image's last 8 bytes are inside it");
	r = rel(0, R_RISCV_NONE, 0, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == 0, "R_RISCV_NONE may point anywhere");

	r = rel(0x10010, R_RISCV_64, NSYMS, 0);
	tap_ok(apply(0x80200000, &r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.why, "dangling"),
	       "a symbol index past the table is refused");
}

static void scenario_data(const void *arg)
{
	struct reloc_error err;
	Elf64_Rela r[3];
	u64 v[3];

	syms[SYM_ABS].st_value = 0x1234;
	r[0] = rel(0x10100, R_RISCV_64, SYM_TEXT, 0x18);
	r[1] = rel(0x10108, R_RISCV_64, SYM_ABS, 0x10);
	r[2] = rel(0x10110, R_RISCV_64, SYM_WEAK, 0);
	memset(mem, 0xaa, sizeof(mem));
	tap_ok(apply(0x80212000, r, 3, NULL, &err) == 0, "three R_RISCV_64s applied");
	memcpy(v, mem + 0x100, sizeof(v));
	tap_ok(v[0] == 0x80212018 && v[1] == 0x1244 && v[2] == 0,
	       "R_RISCV_64: S + A + delta for a section (%#lx), S + A for an absolute symbol "
	       "(%#lx) and for an undefined weak one (%#lx)", v[0], v[1], v[2]);

	r[0] = rel(0x10100, R_RISCV_32, SYM_TEXT, 0x10);
	tap_ok(apply(0x80212000, r, 1, NULL, &err) == 0 && word(0x10100) == 0x80212010,
	       "R_RISCV_32: 0x80212010 fits 32 bits unsigned");
	tap_ok(apply(0x100000000UL, r, 1, NULL, &err) == -ENOEXEC &&
	       !strcmp(err.why, "out-of-range") && !strcmp(err.name, "R_RISCV_32"),
	       "R_RISCV_32: 0x100000010 does not fit, and is refused");
	syms[SYM_ABS].st_value = 0xffffffff80000000UL;
	r[0] = rel(0x10100, R_RISCV_32, SYM_ABS, 0);
	tap_ok(apply(0x80212000, r, 1, NULL, &err) == 0 && word(0x10100) == 0x80000000,
	       "R_RISCV_32: -2^31 fits 32 bits signed");
	r[0].r_addend = -1;
	tap_ok(apply(0x80212000, r, 1, NULL, &err) == -ENOEXEC, "R_RISCV_32: -2^31 - 1 does not");

	/* lui a0, %hi(x); addi a0, a0, %lo(x); sw a1, %lo(x)(a0), x = LINK_LO + 0x10 */
	set_word(0x10200, 0x00000537);
	set_word(0x10204, 0x00050513);
	set_word(0x10208, 0x00b52023);
	r[0] = rel(0x10200, R_RISCV_HI20, SYM_TEXT, 0x10);
	r[1] = rel(0x10204, R_RISCV_LO12_I, SYM_TEXT, 0x10);
	r[2] = rel(0x10208, R_RISCV_LO12_S, SYM_TEXT, 0x10);
	tap_ok(apply(0x40000000, r, 3, NULL, &err) == 0 && word(0x10200) == 0x40000537 &&
	       word(0x10204) == 0x01050513 && word(0x10208) == 0x00b52823,
	       "HI20/LO12_I/LO12_S: lui a0,0x40000; addi a0,a0,16; sw a1,16(a0)");
	tap_ok(apply(0x80212000, r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.why, "out-of-range"),
	       "HI20: 0x80212010 is out of a lui's reach, and refused");
}

static void scenario_pcrel_abs(const void *arg)
{
	struct reloc_error err;
	struct reloc_state st;
	Elf64_Rela r[5];

	/* at 0x10104: auipc a0; addi a0, a0; sw a1, (a0), reaching x = 0x1234 (SHN_ABS) */
	syms[SYM_ABS].st_value = 0x1234;
	r[0] = rel(0x10104, R_RISCV_PCREL_HI20, SYM_ABS, 0);
	r[1] = rel(0x10108, R_RISCV_PCREL_LO12_I, SYM_TEXT, 0x104);
	r[2] = rel(0x1010c, R_RISCV_PCREL_LO12_S, SYM_TEXT, 0x104);
	/* and a pair reaching LINK_LO + 0x800, which moves: left alone */
	r[3] = rel(0x10110, R_RISCV_PCREL_HI20, SYM_TEXT, 0x800);
	r[4] = rel(0x10114, R_RISCV_PCREL_LO12_I, SYM_TEXT, 0x110);
	for (int i = 0; i < 2; i++) {
		u64 load = i ? 0x80212000 : 0x40000000;

		set_word(0x10104, 0xffff1517);	/* what ld made at 0x10000: 0x130 past 0x1234 - 0xf000 */
		set_word(0x10108, 0x13050513);
		set_word(0x1010c, 0x12b52823);
		set_word(0x10110, 0x00001517);
		set_word(0x10114, 0x80050513);
		reloc_state_init(&st);
		/* in two calls, as the kernel reads them: the HI20 in one chunk, its LO12s in the next */
		tap_ok(apply(load, r, 1, &st, &err) == 0 && apply(load, r + 1, 4, &st, &err) == 0,
		       "PCREL_HI20 and LO12s against an absolute symbol, moved to %#lx", load);
		if (!i)
			tap_ok(word(0x10104) == 0xc0001517 && word(0x10108) == 0x13050513 &&
			       word(0x1010c) == 0x12b52823,
			       "auipc a0,0xc0001; addi a0,a0,304; sw a1,304(a0) (%08x %08x %08x)",
			       word(0x10104), word(0x10108), word(0x1010c));
		else
			tap_ok(word(0x10104) == 0x00001537 && word(0x10108) == 0x23450513 &&
			       word(0x1010c) == 0x22b52a23,
			       "out of an auipc's reach, as ld: lui a0,0x1; addi a0,a0,564; "
			       "sw a1,564(a0) (%08x %08x %08x)",
			       word(0x10104), word(0x10108), word(0x1010c));
		tap_ok(word(0x10110) == 0x00001517 && word(0x10114) == 0x80050513,
		       "a pair whose target moves too is left alone");
	}

	/* More HI20s that stay put than the state holds: the first one's LO12 is refused. */
	reloc_state_init(&st);
	for (int i = 0; i <= RELOC_HI20_SLOTS; i++) {
		r[0] = rel(0x10100 + 4 * i, R_RISCV_PCREL_HI20, SYM_ABS, 0);
		set_word(0x10100 + 4 * i, 0x00000517);
		apply(0x40000000, r, 1, &st, &err);
	}
	r[0] = rel(0x10200, R_RISCV_PCREL_LO12_I, SYM_TEXT, 0x100);
	tap_ok(apply(0x40000000, r, 1, &st, &err) == -ENOEXEC && !strcmp(err.why, "unpaired"),
	       "a PCREL_LO12 whose HI20 was pushed out of the state is refused, not guessed");
	r[0].r_addend = 0x100 + 4 * RELOC_HI20_SLOTS;
	tap_ok(apply(0x40000000, r, 1, &st, &err) == 0, "the latest HI20 is still known");
	r[0].r_addend = 0x300;
	tap_ok(apply(0x40000000, r, 1, &st, &err) == 0,
	       "a LO12 past every HI20 seen belongs to one that moved");
}

/* Branches and jumps to a target that stays put, against the assembler's encodings. */
struct field_case {
	unsigned int type;
	s64 v;			/* the distance from the field's new place to the target */
	u32 want, want2;	/* the assembler's words (want2: a CALL's jalr) */
	u32 imm;		/* the immediate's bits, flipped in the word first */
};

static const struct field_case field_cases[] = {
	{ R_RISCV_JAL, 0x7fe, 0x7fe000ef, 0, 0xfffff000 },		/* jal ra */
	{ R_RISCV_JAL, -0xffffe, 0x802000ef, 0, 0xfffff000 },
	{ R_RISCV_BRANCH, 0x7fe, 0x7eb50f63, 0, 0xfe000f80 },		/* beq a0,a1 */
	{ R_RISCV_BRANCH, -0x1000, 0x80b51063, 0, 0xfe000f80 },		/* bne a0,a1 */
	{ R_RISCV_RVC_JUMP, 0x7fe, 0xaffd, 0, 0x1ffc },			/* c.j */
	{ R_RISCV_RVC_JUMP, -0x800, 0xb001, 0, 0x1ffc },
	{ R_RISCV_RVC_BRANCH, 0xfe, 0xcd7d, 0, 0x1c7c },		/* c.beqz a0 */
	{ R_RISCV_RVC_BRANCH, -0x100, 0xf101, 0, 0x1c7c },		/* c.bnez a0 */
	{ R_RISCV_CALL, 0x12345678, 0x12345097, 0x678080e7, 0xfffff000 },	/* auipc ra; jalr ra */
	{ R_RISCV_CALL_PLT, 0x12345880, 0x12346097, 0x880080e7, 0xfffff000 },
};

static void scenario_fields(const void *arg)
{
	const u64 load = 0x40000000, at = 0x10010, p = at + (load - LINK_LO);
	struct reloc_error err;
	Elf64_Rela r;

	for (size_t i = 0; i < ARRAY_SIZE(field_cases); i++) {
		const struct field_case *c = &field_cases[i];
		bool rvc = c->type == R_RISCV_RVC_JUMP || c->type == R_RISCV_RVC_BRANCH;
		bool call = c->type == R_RISCV_CALL || c->type == R_RISCV_CALL_PLT;
		bool ok;

		syms[SYM_ABS].st_value = p + c->v;
		if (rvc)
			set_half(at, (u16)(c->want ^ c->imm));
		else
			set_word(at, c->want ^ c->imm);
		if (call)
			set_word(at + 4, c->want2 ^ 0xfff00000);
		r = rel(at, c->type, SYM_ABS, 0);
		ok = apply(load, &r, 1, NULL, &err) == 0;
		ok = ok && (rvc ? half(at) == c->want : word(at) == c->want);
		ok = ok && (!call || word(at + 4) == c->want2);
		tap_ok(ok, "%s to %+ld from its new place: %08x%s%.0x", riscv_reloc_name(c->type),
		       (long)c->v, rvc ? half(at) : word(at), call ? " " : "", call ? word(at + 4) : 0);
	}

	/* one step past each reach */
	static const struct { unsigned int type; s64 v; } far[] = {
		{ R_RISCV_JAL, 0x100000 }, { R_RISCV_BRANCH, 0x1000 }, { R_RISCV_BRANCH, -0x1002 },
		{ R_RISCV_RVC_JUMP, 0x800 }, { R_RISCV_RVC_BRANCH, 0x100 }, { R_RISCV_JAL, 3 },
		{ R_RISCV_CALL, 0x7ffff800 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(far); i++) {
		syms[SYM_ABS].st_value = p + far[i].v;
		set_word(at, 0);
		set_word(at + 4, 0x000080e7);	/* jalr ra, 0(ra) */
		r = rel(at, far[i].type, SYM_ABS, 0);
		tap_ok(apply(load, &r, 1, NULL, &err) == -ENOEXEC && !strcmp(err.why, "out-of-range"),
		       "%s to %+ld is refused", riscv_reloc_name(far[i].type), (long)far[i].v);
	}

	/* ld's call to an undefined weak function: auipc ra,0; jalr ra,0(zero), right anywhere */
	set_word(at, 0x00000097);
	set_word(at + 4, 0x000000e7);
	r = rel(at, R_RISCV_CALL_PLT, SYM_WEAK, 0);
	tap_ok(apply(0x80212000, &r, 1, NULL, &err) == 0 && word(at) == 0x00000097 &&
	       word(at + 4) == 0x000000e7, "a call through x0 to an undefined weak symbol stays");
}

/* ---- the kernel's side: elf_relocate reading the file through bprm->read ---- */

struct file_image {
	u8 *data;
	size_t size;
	unsigned long reads;
};

static long file_image_read(struct linux_binprm *bprm, void *buf, size_t len, u64 off)
{
	struct file_image *fi = bprm->file;

	fi->reads++;
	if (off >= fi->size)
		return 0;
	len = MIN(len, fi->size - off);
	memcpy(buf, fi->data + off, len);
	return (long)len;
}

/* kernel_relocate: elf_relocate f (its bytes possibly edited) into a fresh image at base. */
static int kernel_relocate(struct elf_file *f, struct reloc_image *img, u64 base,
			   unsigned long *reads)
{
	struct file_image fi = { f->data, f->size, 0 };
	struct linux_binprm bprm = { .filename = "sh", .read = file_image_read, .file = &fi };
	u64 lo, hi;
	int ret;

	elf_span(f, &lo, &hi);
	*img = (struct reloc_image){ calloc(1, hi - lo), lo, hi, base };
	for (int i = 0; i < f->eh->e_phnum; i++)
		if (f->ph[i].p_type == PT_LOAD)
			memcpy((u8 *)img->mem + (f->ph[i].p_vaddr - lo), f->data + f->ph[i].p_offset,
			       f->ph[i].p_filesz);
	host_log_clear();
	ret = elf_relocate(&bprm, f->eh, img->mem, lo, hi, base);
	if (reads)
		*reads = fi.reads;
	return ret;
}

/* first_rela: the first relocation of f's .rela.text, to spoil. */
static Elf64_Rela *first_rela(struct elf_file *f)
{
	for (int i = 0; i < f->eh->e_shnum; i++)
		if (f->sh[i].sh_type == SHT_RELA && (f->sh[f->sh[i].sh_info].sh_flags & SHF_EXECINSTR))
			return (Elf64_Rela *)(f->data + f->sh[i].sh_offset);
	return NULL;
}

static void scenario_kernel(const void *arg)
{
	const u64 base = 0x80212000;
	char p1[256], p2[256], want[128];
	struct elf_file f, g;
	struct reloc_image img;
	unsigned long reads;
	Elf64_Shdr *sh;
	Elf64_Rela *r;
	u64 saved;
	int ret;

	host_boot(&host_layout_dma32, 0);
	/* stripped as in the initramfs, which is what the kernel will read */
	snprintf(p1, sizeof(p1), "%s/host/reloc/stripped/sh", RELOC_DIR);
	snprintf(p2, sizeof(p2), "%s/host/reloc/0x80212000/sh", RELOC_DIR);
	if (!tap_ok(elf_read(&f, p1) && elf_read(&g, p2), "%s and %s read", p1, p2))
		return;
	ret = kernel_relocate(&f, &img, base, &reads);
	tap_ok(ret == 0 && same_bytes(&img, &g, base - img.link_lo, true),
	       "elf_relocate moves a stripped sh to %#lx as ld links it there (%lu reads of the file)",
	       base, reads);
	ret = kernel_relocate(&f, &img, img.link_lo, &reads);
	tap_ok(ret == 0 && reads == 0, "at its link address, nothing is read");

	r = first_rela(&f);
	saved = r->r_info;
	r->r_info = ELF64_R_SYM(saved) << 32 | R_RISCV_TLS_GOT_HI20;
	snprintf(want, sizeof(want), "sh: unsupported relocation R_RISCV_TLS_GOT_HI20 (21) at %#lx\n",
		 r->r_offset);
	ret = kernel_relocate(&f, &img, base, NULL);
	tap_ok(ret == -ENOEXEC && host_log_contains(want), "an unsupported type is logged by name");
	r->r_info = saved;

	saved = f.eh->e_shoff;
	((Elf64_Ehdr *)f.eh)->e_shoff = 0;
	ret = kernel_relocate(&f, &img, base, NULL);
	tap_ok(ret == -ENOEXEC && host_log_contains("no section headers"),
	       "no section headers: refused, and logged");
	((Elf64_Ehdr *)f.eh)->e_shoff = saved;

	sh = (Elf64_Shdr *)f.sh;
	for (int i = 0; i < f.eh->e_shnum; i++)
		if (sh[i].sh_type == SHT_SYMTAB)
			sh[i].sh_type = SHT_STRTAB;
	ret = kernel_relocate(&f, &img, base, NULL);
	tap_ok(ret == -ENOEXEC && host_log_contains("without their symbol table (.symtab)"),
	       "no .symtab: refused, and logged");

	for (int i = 0; i < f.eh->e_shnum; i++)
		if (sh[i].sh_type == SHT_RELA)
			sh[i].sh_type = SHT_PROGBITS;
	ret = kernel_relocate(&f, &img, base, NULL);
	tap_ok(ret == -ENOEXEC && host_log_contains("without its relocations (ld -q)"),
	       "no relocations: refused, and logged");

	elf_read(&f, p1);
	f.size = first_rela(&f) - (Elf64_Rela *)f.data + 100;	/* cut in its .rela.text */
	f.size *= sizeof(Elf64_Rela);
	ret = kernel_relocate(&f, &img, base, NULL);
	tap_ok(ret == -ENOEXEC, "a file cut short in its relocations is refused");
}

/* prog_cases: RELOC_PROGS at each of RELOC_BASES, and the last case again one relocation at a time. */
static size_t prog_cases(struct prog_case *cases, size_t max)
{
	char progs[] = RELOC_PROGS, bases[] = RELOC_BASES;
	char *save_b, *save_p, *b, *pr;
	size_t n = 0;

	for (b = strtok_r(bases, " ", &save_b); b; b = strtok_r(NULL, " ", &save_b)) {
		char copy[sizeof(progs)];

		memcpy(copy, progs, sizeof(progs));
		for (pr = strtok_r(copy, " ", &save_p); pr && n < max; pr = strtok_r(NULL, " ", &save_p)) {
			snprintf(cases[n].prog, sizeof(cases[n].prog), "%s", pr);
			snprintf(cases[n].base_name, sizeof(cases[n].base_name), "%s", b);
			cases[n].base = strtoul(b, NULL, 0);
			cases[n++].chunk = RELA_CHUNK;
		}
	}
	if (n && n < max) {
		cases[n] = cases[n - 1];
		cases[n++].chunk = 1;
	}
	return n;
}

int main(void)
{
	static struct prog_case cases[32];
	size_t n = prog_cases(cases, ARRAY_SIZE(cases));

	tap_init();
	tap_run("refusals", scenario_refusals, NULL);
	tap_run("data and absolute fields", scenario_data, NULL);
	tap_run("PC-relative pairs against an absolute symbol", scenario_pcrel_abs, NULL);
	tap_run("branches and calls to a target that stays put", scenario_fields, NULL);
	tap_run("elf_relocate", scenario_kernel, NULL);
	for (size_t i = 0; i < n; i++) {
		char name[128];

		snprintf(name, sizeof(name), "%s at %s, %zu at a time", cases[i].prog,
			 cases[i].base_name, cases[i].chunk);
		tap_run(name, scenario_program, &cases[i]);
	}
	return tap_done();
}
