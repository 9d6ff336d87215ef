/*
 * mm/slub_debug.c: SLUB's debugging, switched on per cache by
 * slub_debug= on the command line (Linux's letters and reports):
 *
 *	F  sanity checks on every allocation and free: a pointer that is not
 *	   an object, an object already free, a corrupt free pointer
 *	Z  red zones before and after each object, 0xcc while it is
 *	   allocated and 0xbb while it is free, checked on every free and
 *	   allocation
 *	P  poison: a free object is filled with 0x6b and ends in 0xa5, and a
 *	   write after free is found when the object is next allocated
 *	U  the caller, cpu, pid and time of each object's last allocation and
 *	   free, printed in every report about it
 *
 * "slub_debug" alone means FZPU for every cache; "slub_debug=FZ,kmalloc-64"
 * means F and Z for kmalloc-64 only ("kmalloc-*" for every kmalloc cache);
 * blocks separated by ';' give several; "-" turns debugging off.
 *
 * A report names the cache and what is wrong, prints the object, its red
 * zones and tracks and a backtrace, then repairs what it can (restores the
 * red zone or poison; refuses the bad free) and the kernel goes on, as in
 * Linux.  Debug caches never use the cpu freelists (mm/slub.c), so every
 * object is checked on every operation.
 */
#include <printk.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <timer.h>

#include "slab.h"

#define SLUB_RED_INACTIVE	0xbb	/* a free object's red zones */
#define SLUB_RED_ACTIVE		0xcc	/* an allocated object's red zones */
#define POISON_FREE		0x6b	/* a free object's bytes */
#define POISON_END		0xa5	/* ... and its last byte */

#define DEBUG_DEFAULT_FLAGS	SLAB_DEBUG_FLAGS
#define MAX_BLOCKS		4
#define DUMP_BYTES		64	/* of an object, in a report */

enum track_item { TRACK_ALLOC, TRACK_FREE };

/* slub_debug='s blocks: flags for the caches named (every cache when names is empty). */
static struct {
	unsigned long flags;
	char names[96];
} blocks[MAX_BLOCKS];
static int nr_blocks;
static unsigned long nr_reports[NR_SLUB_REPORTS];

/* ---- slub_debug= ---- */

static unsigned long parse_letters(const char *s, const char *end)
{
	unsigned long flags = 0;

	if (s == end)
		return DEBUG_DEFAULT_FLAGS;
	for (; s < end; s++) {
		switch (*s) {
		case 'f': case 'F': flags |= SLAB_CONSISTENCY_CHECKS; break;
		case 'z': case 'Z': flags |= SLAB_RED_ZONE; break;
		case 'p': case 'P': flags |= SLAB_POISON; break;
		case 'u': case 'U': flags |= SLAB_STORE_USER; break;
		case '-': flags = 0; break;
		default:
			pr_err("slub_debug option '%c' unknown. skipped\n", *s);
		}
	}
	return flags;
}

void slub_debug_setup(const char *str)
{
	nr_blocks = 0;
	while (*str && nr_blocks < MAX_BLOCKS) {
		const char *end = strchr(str, ';'), *comma;
		size_t n;

		if (!end)
			end = str + strlen(str);
		comma = memchr(str, ',', (size_t)(end - str));
		blocks[nr_blocks].flags = parse_letters(str, comma ? comma : end);
		n = comma ? (size_t)(end - comma - 1) : 0;
		if (n >= sizeof(blocks[0].names))
			n = sizeof(blocks[0].names) - 1;
		memcpy(blocks[nr_blocks].names, comma ? comma + 1 : "", n);
		blocks[nr_blocks].names[n] = '\0';
		nr_blocks++;
		str = *end ? end + 1 : end;
	}
	if (!nr_blocks) {		/* "slub_debug" alone */
		blocks[0].flags = DEBUG_DEFAULT_FLAGS;
		blocks[0].names[0] = '\0';
		nr_blocks = 1;
	}
}

/* name_in: is name in the comma-separated list (a trailing '*' matches any rest)? */
static bool name_in(const char *name, const char *list)
{
	while (*list) {
		const char *end = strchr(list, ',');
		size_t n = end ? (size_t)(end - list) : strlen(list);

		if (n && list[n - 1] == '*' ? !strncmp(name, list, n - 1)
					    : (strlen(name) == n && !strncmp(name, list, n)))
			return true;
		list += n + (end ? 1 : 0);
	}
	return false;
}

unsigned long slub_debug_flags(const char *name)
{
	unsigned long global = 0;

	for (int i = 0; i < nr_blocks; i++) {
		if (!blocks[i].names[0])
			global = blocks[i].flags;
		else if (name_in(name, blocks[i].names))
			return blocks[i].flags;
	}
	return global;
}

/* ---- the slot's parts ---- */

static bool poisons(const struct kmem_cache *s)
{
	return (s->flags & SLAB_POISON) && !s->ctor;
}

/* track_offset: where the tracks start, past the object, red zone and any free pointer. */
static unsigned int track_offset(const struct kmem_cache *s)
{
	return s->offset >= s->inuse ? s->inuse + (unsigned int)sizeof(void *) : s->inuse;
}

/* info_end: where the slot's metadata ends and padding begins, from the object. */
static unsigned int info_end(const struct kmem_cache *s)
{
	return track_offset(s) + ((s->flags & SLAB_STORE_USER) ? 2 * SLUB_TRACK_SIZE : 0);
}

static struct track *get_track(const struct kmem_cache *s, void *obj, enum track_item item)
{
	return (struct track *)((char *)obj + track_offset(s)) + item;
}

static void set_track(struct kmem_cache *s, void *obj, enum track_item item, unsigned long addr)
{
	struct track *t = get_track(s, obj, item);

	t->addr = addr;
	t->when = (unsigned long)jiffies;
	t->cpu = (int)smp_processor_id();
	t->pid = current ? current->pid : 0;
}

/* init_object: red zones say allocated or free (val); a poisoned cache's object is poison. */
static void init_object(struct kmem_cache *s, void *obj, u8 val)
{
	u8 *p = obj;

	if (s->flags & SLAB_RED_ZONE)
		memset(p - s->red_left_pad, val, s->red_left_pad);
	if (poisons(s) && val == SLUB_RED_INACTIVE) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, val, s->inuse - s->object_size);
}

void setup_object_debug(struct kmem_cache *s, void *obj)
{
	init_object(s, obj, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_STORE_USER)
		memset(get_track(s, obj, TRACK_ALLOC), 0, 2 * sizeof(struct track));
}

/* ---- reports ---- */

void slab_bug(const struct kmem_cache *s, const char *reason)
{
	slab_bug_count();
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s->name, reason);
	pr_err("-----------------------------------------------------------------------------\n\n");
}

void slab_fix(const struct kmem_cache *s, const char *what)
{
	pr_err("FIX %s: %s\n", s->name, what);
}

/* print_section: bytes as Linux's hex dump, 16 a line with their characters. */
static void print_section(const char *text, const u8 *addr, unsigned int len)
{
	for (unsigned int i = 0; i < len; i += 16) {
		char hex[16 * 3 + 1], chars[17];
		unsigned int n = MIN(16u, len - i), h = 0;

		for (unsigned int j = 0; j < n; j++) {
			u8 c = addr[i + j];

			h += (unsigned int)snprintf(hex + h, sizeof(hex) - h, "%02x ", c);
			chars[j] = c >= 0x20 && c < 0x7f ? (char)c : '.';
		}
		chars[n] = '\0';
		pr_err("%s%016lx: %-48s %s\n", text, (unsigned long)(addr + i), hex, chars);
	}
}

static void print_track(const char *what, const struct track *t)
{
	if (!t->addr)
		return;
	pr_err("%s in 0x%016lx age=%lu cpu=%d pid=%d\n", what, t->addr,
	       (unsigned long)jiffies - t->when, t->cpu, t->pid);
}

static void print_trailer(struct kmem_cache *s, struct page *slab, void *obj)
{
	u8 *p = obj, *base = page_address(slab);
	unsigned int slot = (unsigned int)(p - base) - s->red_left_pad;

	if (s->flags & SLAB_STORE_USER) {
		print_track("Allocated", get_track(s, obj, TRACK_ALLOC));
		print_track("Freed", get_track(s, obj, TRACK_FREE));
	}
	pr_err("Slab %p objects=%u used=%u fp=%p\n", (void *)slab, s->objects,
	       slab->slab.inuse, slab_freelist(slab));
	pr_err("Object %p @offset=%u fp=%p\n\n", obj, slot + s->red_left_pad,
	       get_freepointer(s, obj));
	if (slot >= 16)
		print_section("Bytes b4 ", p - s->red_left_pad - 16, 16);
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p - s->red_left_pad, s->red_left_pad);
	print_section("Object   ", p, MIN(s->object_size, (unsigned int)DUMP_BYTES));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size, s->inuse - s->object_size);
	if (s->size - s->red_left_pad > info_end(s))
		print_section("Padding  ", p + info_end(s), s->size - s->red_left_pad - info_end(s));
	dump_stack();
}

static void object_err(struct kmem_cache *s, struct page *slab, void *obj,
		       enum slub_report kind, const char *reason)
{
	nr_reports[kind]++;
	slab_bug(s, reason);
	print_trailer(s, slab, obj);
}

unsigned long slub_reports(enum slub_report kind)
{
	return nr_reports[kind];
}

/*
 * check_bytes_and_report: [start, start+bytes) should all be value; if
 * not, report the damaged run, put value back, and return false.
 */
static bool check_bytes_and_report(struct kmem_cache *s, struct page *slab, void *obj,
				   enum slub_report kind, const char *what,
				   u8 *start, u8 value, unsigned int bytes)
{
	u8 *fault = NULL, *end = NULL;
	char buf[96];

	for (unsigned int i = 0; i < bytes; i++) {
		if (start[i] != value) {
			if (!fault)
				fault = start + i;
			end = start + i + 1;
		}
	}
	if (!fault)
		return true;
	nr_reports[kind]++;
	snprintf(buf, sizeof(buf), "%s overwritten", what);
	slab_bug(s, buf);
	pr_err("%p-%p @offset=%u. First byte 0x%x instead of 0x%x\n", (void *)fault,
	       (void *)(end - 1), (unsigned int)(fault - (u8 *)page_address(slab)), *fault, value);
	print_trailer(s, slab, obj);
	snprintf(buf, sizeof(buf), "Restoring %s %p-%p=0x%x", what, (void *)fault,
		 (void *)(end - 1), value);
	slab_fix(s, buf);
	memset(fault, value, (size_t)(end - fault));
	return false;
}

/* check_object: red zones as val says, poison if free, a sane free pointer if free. */
static bool check_object(struct kmem_cache *s, struct page *slab, void *obj, u8 val)
{
	u8 *p = obj;
	bool ok = true;

	if (s->flags & SLAB_RED_ZONE) {
		ok &= check_bytes_and_report(s, slab, obj, SLUB_REDZONE_LEFT, "Left Redzone",
					     p - s->red_left_pad, val, s->red_left_pad);
		ok &= check_bytes_and_report(s, slab, obj, SLUB_REDZONE_RIGHT, "Right Redzone",
					     p + s->object_size, val, s->inuse - s->object_size);
	}
	if (val == SLUB_RED_INACTIVE && poisons(s)) {
		ok &= check_bytes_and_report(s, slab, obj, SLUB_POISON, "Poison",
					     p, POISON_FREE, s->object_size - 1);
		ok &= check_bytes_and_report(s, slab, obj, SLUB_POISON, "End Poison",
					     p + s->object_size - 1, POISON_END, 1);
	}
	if (val == SLUB_RED_INACTIVE) {
		void *fp = get_freepointer(s, obj);

		if (fp && !check_valid_pointer(s, slab, fp)) {
			/* obj heads the slab's freelist (alloc_debug checks before it takes) */
			object_err(s, slab, obj, SLUB_BAD_POINTER, "Freepointer corrupt");
			set_freepointer(s, obj, NULL);
			slab->slab.inuse = (u16)(s->objects - 1);	/* the rest is lost: counted as used */
			slab_fix(s, "Freelist cut at the corrupt pointer, the rest marked used");
			ok = false;
		}
	}
	return ok;
}

/* on_freelist: is search on slab's freelist?  A corrupt chain is cut where it breaks. */
static bool on_freelist(struct kmem_cache *s, struct page *slab, const void *search)
{
	void *prev = NULL;
	unsigned int nr = 0;

	for (void *fp = slab_freelist(slab); fp && nr <= s->objects; nr++) {
		if (fp == search)
			return true;
		if (!check_valid_pointer(s, slab, fp)) {
			nr_reports[SLUB_BAD_POINTER]++;
			slab_bug(s, "Freechain corrupt");
			if (prev)
				set_freepointer(s, prev, NULL);
			else
				set_slab_freelist(slab, NULL);
			slab->slab.inuse = (u16)(s->objects - nr);	/* the nr before the cut stay free */
			slab_fix(s, "Freelist cut at the corrupt pointer, the rest marked used");
			return false;
		}
		prev = fp;
		fp = get_freepointer(s, fp);
	}
	return false;
}

void alloc_debug_processing(struct kmem_cache *s, struct page *slab, void *obj,
			    unsigned long caller)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS)
		check_object(s, slab, obj, SLUB_RED_INACTIVE);	/* repaired; the object is usable */
	if (s->flags & SLAB_STORE_USER)
		set_track(s, obj, TRACK_ALLOC, caller);
	init_object(s, obj, SLUB_RED_ACTIVE);
}

bool free_debug_processing(struct kmem_cache *s, struct page *slab, void *obj,
			   unsigned long caller)
{
	if (!check_valid_pointer(s, slab, obj)) {
		nr_reports[SLUB_BAD_POINTER]++;
		slab_bug(s, "Invalid object pointer");
		pr_err("Object %p is not the start of an object of this slab\n", obj);
		dump_stack();
		return false;
	}
	if (on_freelist(s, slab, obj) || !slab->slab.inuse) {
		object_err(s, slab, obj, SLUB_DOUBLE_FREE, "Object already free");
		return false;
	}
	if (s->flags & SLAB_CONSISTENCY_CHECKS)
		check_object(s, slab, obj, SLUB_RED_ACTIVE);	/* repaired; the free goes on */
	if (s->flags & SLAB_STORE_USER)
		set_track(s, obj, TRACK_FREE, caller);
	init_object(s, obj, SLUB_RED_INACTIVE);
	return true;
}
