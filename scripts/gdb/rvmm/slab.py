"""scripts/gdb/rvmm/slab.py: rvmm-slabinfo, /proc/slabinfo from the caches themselves.

The caches are on slab_common.c's slab_caches list; what each line
counts is the allocator's get_slabinfo (mm/slub.c, or mm/slob.c for a
kernel built with make SLAB=slob), recomputed here from its struct
kmem_cache (mm/slub_def.h, mm/slob_def.h) and the slabs' struct pages.
"""
import gdb

from rvmm import utils

SLOB_UNIT, SLOB_END = 8, 0xffff


def slub_info(s):
    """mm/slub.c's get_slabinfo: (active_objs, num_objs, objsize, objperslab, order, slabs)."""
    active = 0
    for c in range(s["cpu_slab"].type.range()[1] + 1):
        cpu = s["cpu_slab"][c]
        if not utils.ulong(cpu["slab"]):
            continue
        active += int(cpu["slab"]["slab"]["inuse"])
        obj = utils.ulong(cpu["freelist"])
        while obj:	# each free object holds the next at s->offset
            active -= 1
            obj = utils.read_u64(obj + int(s["offset"]))
    for p in utils.page_list_for_each(s["partial"]):
        active += int(p["slab"]["inuse"])
    full = sum(1 for _ in utils.page_list_for_each(s["full"]))
    objects, slabs = int(s["objects"]), utils.ulong(s["nr_slabs"])
    return active + full * objects, slabs * objects, int(s["size"]), objects, int(s["order"]), slabs


def slob_info(s):
    """mm/slob.c's get_slabinfo: free blocks are found on each page's first-fit list."""
    units, free = int(s["units"]), 0
    block = gdb.lookup_type("unsigned short").pointer()
    for p in utils.page_list_for_each(s["pages"]):
        base = utils.phys_to_virt(utils.page_to_pfn(p) << utils.PAGE_SHIFT)
        off = int(p["slab"]["freelist"])
        while off != SLOB_END:	# struct slob_block { u16 units; u16 next; }
            b = gdb.Value(base + off * SLOB_UNIT).cast(block)
            free += int(b[0]) // units
            off = int(b[1])
    objs, pages, order = utils.ulong(s["nr_objs"]), utils.ulong(s["nr_pages"]), int(s["order"])
    per_slab = (utils.PAGE_SIZE << order) // SLOB_UNIT // units
    return objs, objs + free, units * SLOB_UNIT, per_slab, order, pages


class RvmmSlabinfo(utils.Command):
    """Print /proc/slabinfo (version 2.1) from the kernel's caches (mm/slab_common.c's show_slabinfo)."""

    def __init__(self):
        super().__init__("rvmm-slabinfo")

    def run(self, arg):
        slob = "units" in [f.name for f in gdb.lookup_type("struct kmem_cache").fields()]
        gdb.write("slabinfo - version: 2.1\n"
                  "# name            <active_objs> <num_objs> <objsize> <objperslab> "
                  "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> "
                  ": slabdata <active_slabs> <num_slabs> <sharedavail>\n")
        for s in utils.list_for_each_entry(utils.var("slab_caches"), "struct kmem_cache", "list"):
            active, num, size, per_slab, order, slabs = (slob_info if slob else slub_info)(s)
            gdb.write("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d\n" %
                      (utils.cstr(s["name"]), active, num, size, per_slab, 1 << order,
                       0, 0, 0, slabs, slabs, 0))


RvmmSlabinfo()
