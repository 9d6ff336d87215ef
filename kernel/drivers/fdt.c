/*
 * kernel/drivers/fdt.c: reading the flattened device tree (Devicetree Specification,
 * chapter 5) that the firmware hands the kernel.
 *
 * The blob is read in place and never copied: a header, a memory
 * reservation block, a structure block of big-endian 32-bit tokens, and a
 * strings block holding property names.  Every look-up below is one walk of
 * the structure block, which is a few kilobytes: simplicity beats an index.
 */
#include <cmdline.h>
#include <fdt.h>
#include <memblock.h>
#include <mm.h>
#include <printk.h>
#include <stdio.h>
#include <string.h>
#include <timer.h>

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

#define FDT_MAX_DEPTH	16	/* far deeper than any real tree */

struct fdt_header {
	u32 magic;
	u32 totalsize;
	u32 off_dt_struct;
	u32 off_dt_strings;
	u32 off_mem_rsvmap;
	u32 version;
	u32 last_comp_version;
	u32 boot_cpuid_phys;
	u32 size_dt_strings;
	u32 size_dt_struct;
};

/*
 * fdt_node: a node met during a walk.  Properties come before subnodes in
 * the structure block, so a node's own cells are known before its children
 * are visited; a child's reg is decoded with its parent's cells.
 */
struct fdt_node {
	const char *name;		/* "memory@80000000"; "" for the root */
	u32 props;			/* structure offset of the first property */
	int depth;			/* 0 for the root */
	const struct fdt_node *parent;	/* NULL for the root */
	int addr_cells, size_cells;	/* this node's, used by its children */
};

char boot_command_line[COMMAND_LINE_SIZE];
phys_addr_t phys_initrd_start;
u64 phys_initrd_size;

static const u8 *fdt;			/* the blob; NULL until early_init_dt_scan */
static phys_addr_t fdt_phys;		/* where the blob is in RAM */
static const u8 *fdt_struct;
static const char *fdt_strings;
static u32 fdt_struct_size, fdt_strings_size;

/* The blob is big-endian and properties are only 4-byte aligned. */
static u32 fdt32(const void *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return __builtin_bswap32(v);
}

static u64 fdt64(const void *p)
{
	return (u64)fdt32(p) << 32 | fdt32((const u8 *)p + 4);
}

/* fdt_cells: a number of n cells; only the low 64 bits survive n > 2. */
static u64 fdt_cells(const void *p, int n)
{
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32((const u8 *)p + 4 * i);
	return v;
}

/* fdt_token: the token at off, with off moved past it and its payload. */
static u32 fdt_token(u32 *off)
{
	u32 tok, len;

	if (*off > fdt_struct_size - 4 || *off & 3)
		panic("fdt_token: offset %#x outside the structure block", *off);
	tok = fdt32(fdt_struct + *off);
	*off += 4;
	switch (tok) {
	case FDT_BEGIN_NODE:
		len = strnlen((const char *)fdt_struct + *off, fdt_struct_size - *off);
		*off += ALIGN(len + 1, 4);
		break;
	case FDT_PROP:
		if (*off > fdt_struct_size - 8)
			panic("fdt_token: truncated property");
		len = fdt32(fdt_struct + *off);
		if (len > fdt_struct_size - *off - 8)
			panic("fdt_token: property longer than the structure block");
		*off += 8 + ALIGN(len, 4);
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		break;
	default:
		panic("fdt_token: bad token %#x at %#x", tok, *off - 4);
	}
	return tok;
}

/* fdt_string_is: is the strings block's string at off equal to s? */
static bool fdt_string_is(u32 off, const char *s)
{
	size_t n = strlen(s);

	return n < fdt_strings_size - off && !memcmp(fdt_strings + off, s, n) &&
	       fdt_strings[off + n] == '\0';
}

/* fdt_getprop: node's property name and its length in *len, or NULL. */
static const void *fdt_getprop(const struct fdt_node *node, const char *name, int *len)
{
	u32 off = node->props;

	for (;;) {
		u32 at = off, tok = fdt_token(&off);
		u32 plen, nameoff;

		if (tok == FDT_NOP)
			continue;
		if (tok != FDT_PROP)
			return NULL;
		plen = fdt32(fdt_struct + at + 4);
		nameoff = fdt32(fdt_struct + at + 8);
		if (nameoff >= fdt_strings_size)
			panic("fdt_getprop: a property name of %s is out of bounds", node->name);
		if (fdt_string_is(nameoff, name)) {
			if (len)
				*len = plen;
			return fdt_struct + at + 12;
		}
	}
}

/* fdt_getprop_u32: a one-cell property, or def when absent or malformed. */
static u32 fdt_getprop_u32(const struct fdt_node *node, const char *name, u32 def)
{
	int len;
	const void *p = fdt_getprop(node, name, &len);

	return p && len == 4 ? fdt32(p) : def;
}

/* fdt_getprop_str: a string property, or NULL when absent or unterminated. */
static const char *fdt_getprop_str(const struct fdt_node *node, const char *name)
{
	int len;
	const char *p = fdt_getprop(node, name, &len);

	return p && len > 0 && p[len - 1] == '\0' ? p : NULL;
}

/* fdt_node_is: does node's name, without any "@unit-address", equal name? */
static bool fdt_node_is(const struct fdt_node *node, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(node->name, name, n) &&
	       (node->name[n] == '\0' || node->name[n] == '@');
}

/* fdt_is_top: is node the child of the root called name (/chosen, /cpus...)? */
static bool fdt_is_top(const struct fdt_node *node, const char *name)
{
	return node->depth == 1 && fdt_node_is(node, name);
}

/* A status property other than "okay" disables a node (spec 2.3.4). */
static bool fdt_node_enabled(const struct fdt_node *node)
{
	const char *status = fdt_getprop_str(node, "status");

	return !status || !strcmp(status, "okay");
}

/* fdt_reg: entry i of node's reg, decoded with the parent's cells; false past the end. */
static bool fdt_reg(const struct fdt_node *node, int i, u64 *base, u64 *size)
{
	int len, ac, sc, stride;
	const u8 *reg = fdt_getprop(node, "reg", &len);

	if (!reg || !node->parent)
		return false;
	ac = node->parent->addr_cells;
	sc = node->parent->size_cells;
	stride = 4 * (ac + sc);
	if (stride == 0 || len < (i + 1) * stride)
		return false;
	reg += i * stride;
	*base = fdt_cells(reg, ac);
	*size = fdt_cells(reg + 4 * ac, sc);
	return true;
}

/*
 * fdt_walk: call visit for every node in document order until it returns
 * true; returns whether some visit did.
 */
static bool fdt_walk(bool (*visit)(const struct fdt_node *node, void *arg), void *arg)
{
	struct fdt_node stack[FDT_MAX_DEPTH];
	int depth = -1;
	u32 off = 0;

	for (;;) {
		u32 at = off, ac, sc;
		struct fdt_node *n;

		switch (fdt_token(&off)) {
		case FDT_BEGIN_NODE:
			if (++depth >= FDT_MAX_DEPTH)
				panic("fdt_walk: nodes nested deeper than %d", FDT_MAX_DEPTH);
			n = &stack[depth];
			n->name = (const char *)fdt_struct + at + 4;
			n->props = off;
			n->depth = depth;
			n->parent = depth ? &stack[depth - 1] : NULL;
			/* The spec's defaults when a node does not say. */
			ac = fdt_getprop_u32(n, "#address-cells", 2);
			sc = fdt_getprop_u32(n, "#size-cells", 1);
			if (ac > 4 || sc > 4)
				panic("fdt_walk: %s has absurd cells", n->name);
			n->addr_cells = ac;
			n->size_cells = sc;
			if (visit(n, arg))
				return true;
			break;
		case FDT_END_NODE:
			if (--depth < -1)
				panic("fdt_walk: unbalanced end of node");
			break;
		case FDT_END:
			return false;
		default:	/* properties were read through fdt_getprop */
			break;
		}
	}
}

/* fdt_hdr: one field of a blob's header, in host byte order. */
#define fdt_hdr(blob, field) \
	fdt32((const u8 *)(blob) + offsetof(struct fdt_header, field))

static void fdt_check_header(const void *blob)
{
	u32 size, off_struct, size_struct, off_strings, size_strings;

	if (!blob || (unsigned long)blob & 7)
		panic("early_init_dt_scan: no device tree (a1 = %p)", blob);
	if (fdt_hdr(blob, magic) != FDT_MAGIC)
		panic("early_init_dt_scan: bad magic %#x at %p",
		      fdt_hdr(blob, magic), blob);
	if (fdt_hdr(blob, version) < 16 || fdt_hdr(blob, last_comp_version) > 17)
		panic("early_init_dt_scan: unsupported version %u",
		      fdt_hdr(blob, version));
	size = fdt_hdr(blob, totalsize);
	off_struct = fdt_hdr(blob, off_dt_struct);
	size_struct = fdt_hdr(blob, size_dt_struct);
	off_strings = fdt_hdr(blob, off_dt_strings);
	size_strings = fdt_hdr(blob, size_dt_strings);
	if (size < sizeof(struct fdt_header) + 16 ||
	    off_struct > size || size_struct > size - off_struct || size_struct < 4 ||
	    off_strings > size || size_strings > size - off_strings ||
	    fdt_hdr(blob, off_mem_rsvmap) > size - 16)
		panic("early_init_dt_scan: blocks outside the blob");
	fdt = blob;
	fdt_phys = (phys_addr_t)(unsigned long)blob;	/* the MMU maps it 1:1 this early */
	fdt_struct = fdt + off_struct;
	fdt_struct_size = size_struct & ~3u;
	fdt_strings = (const char *)fdt + off_strings;
	fdt_strings_size = size_strings;
}

static void reserve(const char *what, u64 base, u64 size)
{
	if (!size)
		return;
	pr_info("  reserved 0x%08llx-0x%08llx %s\n",
		(unsigned long long)base, (unsigned long long)(base + size - 1), what);
	if (memblock_reserve(base, size))
		pr_err("early_init_dt_scan: cannot reserve %s\n", what);
}

/* The memory reservation block: (address, size) pairs ended by a zero size. */
static void scan_mem_rsvmap(void)
{
	u32 off = fdt_hdr(fdt, off_mem_rsvmap);
	u32 end = fdt_hdr(fdt, totalsize);

	for (; off <= end - 16; off += 16) {
		u64 base = fdt64(fdt + off), size = fdt64(fdt + off + 8);

		if (!size)
			return;
		reserve("(/memreserve/)", base, size);
	}
	panic("early_init_dt_scan: memory reservation block not terminated");
}

static bool scan_node(const struct fdt_node *node, void *unused)
{
	const char *type = fdt_getprop_str(node, "device_type");
	u64 base, size;

	if (type && !strcmp(type, "memory") && fdt_node_enabled(node)) {
		for (int i = 0; fdt_reg(node, i, &base, &size); i++) {
			if (!size)
				continue;
			pr_info("  memory   0x%08llx-0x%08llx (%llu MiB) %s\n",
				(unsigned long long)base,
				(unsigned long long)(base + size - 1),
				(unsigned long long)(size >> 20), node->name);
			if (memblock_add(base, size))
				pr_err("early_init_dt_scan: cannot add %s\n", node->name);
		}
	}
	/* Children of /reserved-memory with a reg are fixed carve-outs (firmware). */
	if (node->parent && fdt_is_top(node->parent, "reserved-memory") &&
	    fdt_node_enabled(node)) {
		bool any = false;

		for (int i = 0; fdt_reg(node, i, &base, &size); i++, any = true)
			reserve(node->name, base, size);
		if (!any)	/* a dynamic carve-out (size, alloc-ranges): nobody asks for one */
			pr_info("  ignored %s: no reg\n", node->name);
	}
	if (fdt_is_top(node, "cpus")) {
		u32 tb = fdt_getprop_u32(node, "timebase-frequency", 0);

		if (tb)
			riscv_timebase = tb;
		else
			pr_warn("early_init_dt_scan: no timebase-frequency, assuming %lu Hz\n",
				riscv_timebase);
	}
	return false;
}

/* Properties that say where the loader put the initrd: 32 or 64 bits wide. */
static bool chosen_addr(const struct fdt_node *chosen, const char *name, u64 *val)
{
	int len;
	const void *p = fdt_getprop(chosen, name, &len);

	if (!p || (len != 4 && len != 8))
		return false;
	*val = fdt_cells(p, len / 4);
	return true;
}

static bool scan_chosen(const struct fdt_node *node, void *unused)
{
	int len;
	const char *args;
	u64 start, end;

	if (!fdt_is_top(node, "chosen"))
		return false;
	args = fdt_getprop(node, "bootargs", &len);
	if (args && len > 0) {
		size_t n = strnlen(args, MIN((size_t)len, sizeof(boot_command_line) - 1));

		memcpy(boot_command_line, args, n);
		boot_command_line[n] = '\0';
	}
	if (chosen_addr(node, "linux,initrd-start", &start) &&
	    chosen_addr(node, "linux,initrd-end", &end)) {
		if (end > start) {
			phys_initrd_start = start;
			phys_initrd_size = end - start;
		} else {
			pr_warn("early_init_dt_scan: empty initrd %#llx-%#llx ignored\n",
				(unsigned long long)start, (unsigned long long)end);
		}
	}
	return true;
}

void early_init_dt_scan(void *dtb)
{
	fdt_check_header(dtb);
	pr_info("fdt: device tree at %p, %u bytes\n", dtb, fdt_hdr(fdt, totalsize));
	fdt_walk(scan_chosen, NULL);
	fdt_walk(scan_node, NULL);
	scan_mem_rsvmap();
	reserve("(device tree)", (unsigned long)dtb, fdt_hdr(fdt, totalsize));
	if (phys_initrd_size) {
		pr_info("fdt: initrd at 0x%08llx-0x%08llx (%llu bytes)\n",
			(unsigned long long)phys_initrd_start,
			(unsigned long long)(phys_initrd_start + phys_initrd_size - 1),
			(unsigned long long)phys_initrd_size);
		reserve("(initrd)", phys_initrd_start, phys_initrd_size);
	}
	pr_info("fdt: bootargs \"%s\", timebase %lu Hz\n",
		boot_command_line, riscv_timebase);
}

/* fdt_string_list_has: is s one of the NUL-separated strings of a property? */
static bool fdt_string_list_has(const char *list, int len, const char *s)
{
	const char *end = list + len;

	while (list < end) {
		size_t n = strnlen(list, end - list);

		if (n < (size_t)(end - list) && !strcmp(list, s))
			return true;
		list += n + 1;
	}
	return false;
}

struct find_compat {
	const char *compat;
	const char *prop;	/* a one-cell property to fetch too, or NULL */
	bool has_reg, has_prop;
	u64 base, size;
	u32 val;
};

static bool match_compat(const struct fdt_node *node, void *arg)
{
	struct find_compat *f = arg;
	int len;
	const char *list = fdt_getprop(node, "compatible", &len);

	if (!list || !fdt_string_list_has(list, len, f->compat) ||
	    !fdt_node_enabled(node))
		return false;
	f->has_reg = fdt_reg(node, 0, &f->base, &f->size);
	if (f->prop && fdt_getprop(node, f->prop, &len) && len == 4) {
		f->has_prop = true;
		f->val = fdt_getprop_u32(node, f->prop, 0);
	}
	return true;
}

bool fdt_find_compatible(const char *compat, u64 *base, u64 *size)
{
	struct find_compat f = { .compat = compat };

	if (!fdt || !fdt_walk(match_compat, &f) || !f.has_reg)
		return false;
	*base = f.base;
	if (size)
		*size = f.size;
	return true;
}

struct for_each_compat {
	const char *compat;
	void (*fn)(u64 base, u64 size, u32 irq, void *arg);
	void *arg;
	int count;
};

static bool visit_compat(const struct fdt_node *node, void *arg)
{
	struct for_each_compat *f = arg;
	int len;
	const char *list = fdt_getprop(node, "compatible", &len);
	const void *irqs;
	u64 base, size;

	if (!list || !fdt_string_list_has(list, len, f->compat) || !fdt_node_enabled(node) ||
	    !fdt_reg(node, 0, &base, &size))
		return false;
	irqs = fdt_getprop(node, "interrupts", &len);
	f->fn(base, size, irqs && len >= 4 ? fdt32(irqs) : 0, f->arg);
	f->count++;
	return false;	/* on to the next one */
}

int fdt_for_each_compatible(const char *compat,
			    void (*fn)(u64 base, u64 size, u32 irq, void *arg), void *arg)
{
	struct for_each_compat f = { .compat = compat, .fn = fn, .arg = arg };

	if (fdt)
		fdt_walk(visit_compat, &f);
	return f.count;
}

bool fdt_compatible_u32(const char *compat, const char *prop, u32 *val)
{
	struct find_compat f = { .compat = compat, .prop = prop };

	if (!fdt || !fdt_walk(match_compat, &f) || !f.has_prop)
		return false;
	*val = f.val;
	return true;
}

struct find_prop {
	const char *compat, *prop;
	const void *val;
	int len;
};

static bool match_compat_prop(const struct fdt_node *node, void *arg)
{
	struct find_prop *f = arg;
	int len;
	const char *list = fdt_getprop(node, "compatible", &len);

	if (!list || !fdt_string_list_has(list, len, f->compat) || !fdt_node_enabled(node))
		return false;
	f->val = fdt_getprop(node, f->prop, &f->len);
	return true;
}

const void *fdt_compatible_prop(const char *compat, const char *prop, int *len)
{
	struct find_prop f = { .compat = compat, .prop = prop };

	if (!fdt || !fdt_walk(match_compat_prop, &f) || !f.val)
		return NULL;
	*len = f.len;
	return f.val;
}

u32 fdt_cell(const void *cells, int i)
{
	return fdt32((const u8 *)cells + 4 * i);
}

static bool match_cpu(const struct fdt_node *node, void *arg)
{
	if (!node->parent || !fdt_is_top(node->parent, "cpus") ||
	    !fdt_node_is(node, "cpu"))
		return false;
	*(const char **)arg = fdt_getprop_str(node, "mmu-type");
	return true;
}

const char *fdt_cpu_mmu_type(void)
{
	const char *type = NULL;

	if (fdt)
		fdt_walk(match_cpu, &type);
	return type;
}

static bool match_chosen(const struct fdt_node *node, void *arg)
{
	if (!fdt_is_top(node, "chosen"))
		return false;
	*(const char **)arg = fdt_getprop_str(node, "stdout-path");
	return true;
}

const char *fdt_stdout_path(void)
{
	static char path[128];
	const char *p = NULL;

	if (fdt)
		fdt_walk(match_chosen, &p);
	if (!p)
		return NULL;
	snprintf(path, sizeof(path), "%.*s", (int)strcspn(p, ":"), p);
	return path;
}

/* fdt_blob_range: where the blob lies in physical memory, for checks that it stays reserved. */
void fdt_blob_range(phys_addr_t *start, u64 *size)
{
	*start = fdt ? fdt_phys : 0;
	*size = fdt ? fdt_hdr(fdt, totalsize) : 0;
}

void fdt_remap(void *va)
{
	long delta;

	if (!fdt || !va)
		return;
	delta = (const u8 *)va - fdt;
	fdt += delta;
	fdt_struct += delta;
	fdt_strings += delta;
}
