/*
 * lib/elf_reloc.c: moving a static RISC-V program, linked with its
 * relocations kept, to another address (freestanding: the host tests
 * build it too).
 *
 * The whole image moves by delta = load_lo - link_lo, so what a
 * relocation computed changes only where one end of it stays behind.  A
 * symbol in a section moves with the image; one with SHN_ABS (a linker
 * script's __tls_size) or SHN_UNDEF (an undefined weak symbol, 0) does
 * not.  Hence:
 *  - absolute fields (R_RISCV_64, _32, HI20, LO12_*) get the symbol's new
 *    value: S + A, plus delta when it moves;
 *  - PC-relative fields are left alone when the target moves (both ends
 *    moved), and computed again from the new place when it does not;
 *  - label differences (ADD*, SUB*, SET*) and thread-pointer offsets
 *    (TPREL_*) do not change at all, nor do RELAX and ALIGN (nothing was
 *    relaxed: the programs are linked with --no-relax).
 * A PCREL_LO12 names, instead of its target, the auipc holding the
 * PCREL_HI20 it completes; the HI20s against symbols that stay put are
 * remembered in reloc_state so that their LO12s, which follow, can be
 * recomputed from them.  When such a HI20's distance no longer fits an
 * auipc, the auipc becomes a lui of the absolute value, as ld does for a
 * far undefined weak symbol, and its LO12s take that value's low bits.
 */
#include <compiler.h>
#include <elf_reloc.h>
#include <errno.h>

enum reloc_action {
	REFUSE,		/* not supported: the program is refused */
	KEEP,		/* unchanged by moving the image */
	APPLY,		/* computed again below */
};

/* Each type's name, the bytes its field takes at r_offset, and what moving does to it. */
static const struct {
	const char *name;
	u8 width;
	u8 action;
} riscv_relocs[] = {
#define R(t, w, a) [R_RISCV_##t] = { "R_RISCV_" #t, w, a }
	R(NONE, 0, KEEP),		R(32, 4, APPLY),		R(64, 8, APPLY),
	R(RELATIVE, 8, REFUSE),		R(COPY, 0, REFUSE),		R(JUMP_SLOT, 8, REFUSE),
	R(TLS_DTPMOD32, 4, REFUSE),	R(TLS_DTPMOD64, 8, REFUSE),	R(TLS_DTPREL32, 4, REFUSE),
	R(TLS_DTPREL64, 8, REFUSE),	R(TLS_TPREL32, 4, REFUSE),	R(TLS_TPREL64, 8, REFUSE),
	R(TLSDESC, 16, REFUSE),
	R(BRANCH, 4, APPLY),		R(JAL, 4, APPLY),		R(CALL, 8, APPLY),
	R(CALL_PLT, 8, APPLY),		R(GOT_HI20, 4, REFUSE),		R(TLS_GOT_HI20, 4, REFUSE),
	R(TLS_GD_HI20, 4, REFUSE),	R(PCREL_HI20, 4, APPLY),	R(PCREL_LO12_I, 4, APPLY),
	R(PCREL_LO12_S, 4, APPLY),	R(HI20, 4, APPLY),		R(LO12_I, 4, APPLY),
	R(LO12_S, 4, APPLY),		R(TPREL_HI20, 4, KEEP),		R(TPREL_LO12_I, 4, KEEP),
	R(TPREL_LO12_S, 4, KEEP),	R(TPREL_ADD, 4, KEEP),
	R(ADD8, 1, KEEP),		R(ADD16, 2, KEEP),		R(ADD32, 4, KEEP),
	R(ADD64, 8, KEEP),		R(SUB8, 1, KEEP),		R(SUB16, 2, KEEP),
	R(SUB32, 4, KEEP),		R(SUB64, 8, KEEP),		R(GOT32_PCREL, 4, REFUSE),
	R(ALIGN, 1, KEEP),		R(RVC_BRANCH, 2, APPLY),	R(RVC_JUMP, 2, APPLY),
	R(RVC_LUI, 2, REFUSE),		R(GPREL_I, 4, REFUSE),		R(GPREL_S, 4, REFUSE),
	R(TPREL_I, 4, REFUSE),		R(TPREL_S, 4, REFUSE),		R(RELAX, 1, KEEP),
	R(SUB6, 1, KEEP),		R(SET6, 1, KEEP),		R(SET8, 1, KEEP),
	R(SET16, 2, KEEP),		R(SET32, 4, KEEP),		R(32_PCREL, 4, APPLY),
	R(IRELATIVE, 8, REFUSE),	R(PLT32, 4, REFUSE),		R(SET_ULEB128, 1, KEEP),
	R(SUB_ULEB128, 1, KEEP),	R(TLSDESC_HI20, 4, REFUSE),	R(TLSDESC_LOAD_LO12, 4, REFUSE),
	R(TLSDESC_ADD_LO12, 4, REFUSE),	R(TLSDESC_CALL, 4, REFUSE),
#undef R
};

const char *riscv_reloc_name(unsigned int type)
{
	if (type < ARRAY_SIZE(riscv_relocs) && riscv_relocs[type].name)
		return riscv_relocs[type].name;
	return "unknown";
}

void reloc_state_init(struct reloc_state *st)
{
	st->used = st->next = 0;
	st->forgotten_end = 0;
}

/* Fields are little-endian and only 2-byte aligned (compressed code): byte by byte. */
static u64 get_le(const u8 *p, unsigned int n)
{
	u64 v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void put_le(u8 *p, u64 v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, v >>= 8)
		p[i] = (u8)v;
}

/* fits: is v a bits-wide signed number? */
static bool fits(s64 v, unsigned int bits)
{
	s64 half = (s64)1 << (bits - 1);

	return v >= -half && v < half;
}

/* fits_hi20: can a U-type (lui, auipc) plus a 12-bit signed part make v? */
static bool fits_hi20(s64 v)
{
	return v >= (s64)INT32_MIN - 0x800 && v < (s64)INT32_MAX + 1 - 0x800;
}

#define OPCODE_LUI	0x37
#define RS1(insn)	(((insn) >> 15) & 0x1f)

/* The immediate fields of each instruction format, filled with v. */
static u32 set_u(u32 insn, s64 v)
{
	return (insn & 0xfff) | ((u32)((u64)(v + 0x800) >> 12) << 12);
}

static u32 set_i(u32 insn, s64 v)
{
	return (insn & 0xfffff) | ((u32)v & 0xfff) << 20;
}

static u32 set_s(u32 insn, s64 v)
{
	return (insn & 0x1fff07f) | ((u32)v & 0xfe0) << 20 | ((u32)v & 0x1f) << 7;
}

static u32 set_b(u32 insn, s64 v)
{
	u32 x = (u32)v;

	return (insn & 0x1fff07f) | (x >> 12 & 1) << 31 | (x >> 5 & 0x3f) << 25 |
	       (x >> 1 & 0xf) << 8 | (x >> 11 & 1) << 7;
}

static u32 set_j(u32 insn, s64 v)
{
	u32 x = (u32)v;

	return (insn & 0xfff) | (x >> 20 & 1) << 31 | (x >> 1 & 0x3ff) << 21 |
	       (x >> 11 & 1) << 20 | (x >> 12 & 0xff) << 12;
}

/* c.beqz/c.bnez: offset[8|4:3] in bits 12:10, offset[7:6|2:1|5] in bits 6:2. */
static u32 set_cb(u32 insn, s64 v)
{
	u32 x = (u32)v;

	return (insn & 0xe383) | (x >> 8 & 1) << 12 | (x >> 3 & 3) << 10 | (x >> 6 & 3) << 5 |
	       (x >> 1 & 3) << 3 | (x >> 5 & 1) << 2;
}

/* c.j: offset[11|4|9:8|10|6|7|3:1|5] in bits 12:2. */
static u32 set_cj(u32 insn, s64 v)
{
	u32 x = (u32)v;

	return (insn & 0xe003) | (x >> 11 & 1) << 12 | (x >> 4 & 1) << 11 | (x >> 8 & 3) << 9 |
	       (x >> 10 & 1) << 8 | (x >> 6 & 1) << 7 | (x >> 7 & 1) << 6 | (x >> 1 & 7) << 3 |
	       (x >> 5 & 1) << 2;
}

static void remember_hi20(struct reloc_state *st, u64 where, s64 value)
{
	if (st->used == RELOC_HI20_SLOTS) {
		u64 old = st->hi20[st->next].where;

		if (old + 1 > st->forgotten_end)
			st->forgotten_end = old + 1;
	} else {
		st->used++;
	}
	st->hi20[st->next].where = where;
	st->hi20[st->next].value = value;
	st->next = (st->next + 1) % RELOC_HI20_SLOTS;
}

/*
 * lo12_value: the value a PCREL_LO12 whose auipc is at link address where
 * must now take its low bits from: 1 and *value for a remembered HI20, 0
 * when its HI20 moved with the image (nothing to do), -1 when it may have
 * been forgotten.
 */
static int lo12_value(const struct reloc_state *st, u64 where, s64 *value)
{
	for (unsigned int i = 0; i < st->used; i++)
		if (st->hi20[i].where == where) {
			*value = st->hi20[i].value;
			return 1;
		}
	return where < st->forgotten_end ? -1 : 0;
}

static int refuse(struct reloc_error *err, const char *why)
{
	err->why = why;
	return -ENOEXEC;
}

/*
 * relocate_one: rela, of a type to APPLY, against the symbol sym.  t is
 * the target now, p the field's new address, v their distance, loc the
 * field in the image.
 */
static int relocate_one(const struct reloc_image *img, const Elf64_Rela *rela, unsigned int type,
			const Elf64_Sym *sym, struct reloc_state *st, struct reloc_error *err)
{
	u64 delta = img->load_lo - img->link_lo;
	bool moves = sym->st_shndx != SHN_UNDEF && sym->st_shndx != SHN_ABS;
	u64 t = sym->st_value + rela->r_addend + (moves ? delta : 0);
	u64 p = rela->r_offset + delta;
	s64 v = (s64)(t - p);
	u8 *loc = (u8 *)img->mem + (rela->r_offset - img->link_lo);
	u32 insn = (u32)get_le(loc, riscv_relocs[type].width < 4 ? 2 : 4);
	s64 lo;

	switch (type) {
	case R_RISCV_64:
		put_le(loc, t, 8);
		return 0;
	case R_RISCV_32:
		/* anything that is not 32 bits, signed or unsigned, would be cut */
		if ((s64)t < INT32_MIN || (s64)t > (s64)UINT32_MAX)
			return refuse(err, "out-of-range");
		put_le(loc, t, 4);
		return 0;
	case R_RISCV_HI20:
		if (!fits_hi20((s64)t))
			return refuse(err, "out-of-range");
		put_le(loc, set_u(insn, (s64)t), 4);
		return 0;
	case R_RISCV_LO12_I:
		put_le(loc, set_i(insn, (s64)t), 4);
		return 0;
	case R_RISCV_LO12_S:
		put_le(loc, set_s(insn, (s64)t), 4);
		return 0;
	case R_RISCV_PCREL_LO12_I:
	case R_RISCV_PCREL_LO12_S:
		/* its symbol is the auipc's label, the link-time address looked up */
		switch (lo12_value(st, sym->st_value + rela->r_addend, &lo)) {
		case -1:
			return refuse(err, "unpaired");
		case 0:
			return 0;
		}
		insn = type == R_RISCV_PCREL_LO12_I ? set_i(insn, lo) : set_s(insn, lo);
		put_le(loc, insn, 4);
		return 0;
	}

	if (moves)		/* a PC-relative field whose two ends both moved */
		return 0;
	switch (type) {
	case R_RISCV_PCREL_HI20:
		if (fits_hi20(v)) {
			insn = set_u(insn, v);
		} else if (fits_hi20((s64)t)) {
			insn = set_u((insn & ~0x7fu) | OPCODE_LUI, (s64)t);
			v = (s64)t;
		} else {
			return refuse(err, "out-of-range");
		}
		put_le(loc, insn, 4);
		remember_hi20(st, rela->r_offset, v);
		return 0;
	case R_RISCV_CALL:
	case R_RISCV_CALL_PLT:
		/* ld's call to an undefined weak symbol: jalr from x0, absolute 0 already */
		if (RS1(get_le(loc + 4, 4)) == 0)
			return 0;
		if (!fits_hi20(v))
			return refuse(err, "out-of-range");
		put_le(loc, set_u(insn, v), 4);
		put_le(loc + 4, set_i((u32)get_le(loc + 4, 4), v), 4);
		return 0;
	case R_RISCV_32_PCREL:
		if (!fits(v, 32))
			return refuse(err, "out-of-range");
		put_le(loc, (u64)v, 4);
		return 0;
	case R_RISCV_BRANCH:
		if (!fits(v, 13) || (v & 1))
			return refuse(err, "out-of-range");
		put_le(loc, set_b(insn, v), 4);
		return 0;
	case R_RISCV_JAL:
		if (!fits(v, 21) || (v & 1))
			return refuse(err, "out-of-range");
		put_le(loc, set_j(insn, v), 4);
		return 0;
	case R_RISCV_RVC_BRANCH:
		if (!fits(v, 9) || (v & 1))
			return refuse(err, "out-of-range");
		put_le(loc, set_cb(insn, v), 2);
		return 0;
	case R_RISCV_RVC_JUMP:
		if (!fits(v, 12) || (v & 1))
			return refuse(err, "out-of-range");
		put_le(loc, set_cj(insn, v), 2);
		return 0;
	}
	return refuse(err, "unsupported");	/* an APPLY type with no case above */
}

/* in_image: do the width bytes at link address off lie inside the image? */
static bool in_image(const struct reloc_image *img, u64 off, unsigned int width)
{
	u64 size = img->link_hi - img->link_lo;

	return img->link_hi >= img->link_lo && off >= img->link_lo && width <= size &&
	       off - img->link_lo <= size - width;
}

int riscv_relocate_section(const struct reloc_image *img, const Elf64_Rela *rela, size_t n,
			   struct reloc_symtab *symtab, struct reloc_state *st,
			   struct reloc_error *err)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int type = (unsigned int)ELF64_R_TYPE(rela[i].r_info);
		size_t idx = (size_t)ELF64_R_SYM(rela[i].r_info);
		const Elf64_Sym *sym;
		int ret;

		err->type = type;
		err->name = riscv_reloc_name(type);
		err->offset = rela[i].r_offset;
		err->why = NULL;
		if (type >= ARRAY_SIZE(riscv_relocs) || riscv_relocs[type].action == REFUSE ||
		    !riscv_relocs[type].name)
			return refuse(err, "unsupported");
		/* R_RISCV_NONE has no field: its r_offset may be anything */
		if (type != R_RISCV_NONE && !in_image(img, rela[i].r_offset, riscv_relocs[type].width))
			return refuse(err, "misplaced");
		if (idx >= symtab->nsyms)
			return refuse(err, "dangling");
		if (riscv_relocs[type].action == KEEP)
			continue;
		sym = symtab->sym(symtab, idx);
		if (!sym)
			return refuse(err, "unreadable");
		ret = relocate_one(img, &rela[i], type, sym, st, err);
		if (ret)
			return ret;
	}
	return 0;
}
