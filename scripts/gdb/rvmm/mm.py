"""scripts/gdb/rvmm/mm.py: rvmm-page, rvmm-buddyinfo and rvmm-meminfo.

Each reads what the kernel's own report reads (mm/page_alloc.c's
bad_page for a struct page, mm/vmstat.c's show_buddyinfo and
show_meminfo) and prints it in the same format, so that what gdb shows
of a stopped kernel can be set beside the /proc file.
"""
import gdb

from rvmm import pgtable, utils

MASK = (1 << 64) - 1


def page_flag_names(flags):
    """ "head|lru": mm/page_alloc.c's page_flag_names, from enum pageflags."""
    names = []
    for f in gdb.lookup_type("enum pageflags").fields():
        if f.name != "NR_PAGEFLAGS" and flags & (1 << f.enumval):
            names.append(f.name[len("PG_"):])
    return "|".join(names)


def addr_to_pfn(x):
    """The pfn behind x: a physical address in RAM, a kernel address, or the current task's user address."""
    if utils.pfn_valid(x >> 12) or not utils.has_mmu():
        return x >> 12, "physical address"
    po = utils.ulong(utils.var("page_offset"))
    if po <= x < po + ((utils.ulong(utils.var("max_pfn")) - utils.ulong(utils.var("min_low_pfn"))) << 12):
        return utils.virt_to_phys(x) >> 12, "direct map"
    task = utils.current_task()
    if x >= utils.ulong(utils.var("task_size")):	# the image, vmalloc: the kernel half is in every root
        task = utils.var("init_task").address
    root, source = pgtable.task_root(task)
    w = pgtable.walk(root, x, pgtable.levels())
    where = "%s of pid %d" % (source, int(task["pid"]))
    if w.pa is None:
        raise gdb.GdbError("rvmm-page: 0x%x is not mapped in %s: %s" % (x, where, w.stop))
    return w.pa >> 12, "mapped by " + where


class RvmmPage(utils.Command):
    """Decode the struct page of a page frame.

rvmm-page PFN|ADDR: a pfn of RAM, a struct page pointer, or an address
(physical in RAM, a kernel address, or a user address of the current
task, translated through its page table).  Prints Linux's dump_page
line, the flags by name, the zone, and what the page's union fields
mean for its kind."""

    def __init__(self):
        super().__init__("rvmm-page")

    def run(self, arg):
        if not arg.strip():
            raise gdb.GdbError("usage: rvmm-page PFN|ADDR")
        x = utils.ulong(gdb.parse_and_eval(arg))
        mm_lo, mm_hi = utils.ulong(utils.mem_map()), utils.ulong(utils.var("mem_map_end"))
        if utils.pfn_valid(x):
            pfn, how = x, "pfn"
        elif mm_lo <= x < mm_hi:
            pfn, how = utils.page_to_pfn(x), "struct page"
        else:
            pfn, how = addr_to_pfn(x)
        if not utils.pfn_valid(pfn):
            raise gdb.GdbError("rvmm-page: pfn 0x%x is not RAM (pfns 0x%x..0x%x)" %
                               (pfn, utils.ulong(utils.var("min_low_pfn")),
                                utils.ulong(utils.var("max_pfn"))))
        page = utils.pfn_to_page(pfn)
        p = page.dereference()
        flags = int(p["flags"])
        zone = utils.zone(int(p["zone"]))
        gdb.write("pfn 0x%x (%s), pa 0x%x, va 0x%x, zone %s\n" %
                  (pfn, how, pfn << 12, utils.phys_to_virt(pfn << 12), utils.cstr(zone["name"])))
        gdb.write("page:0x%x refcount:%d mapcount:%d mapping:0x%x index:0x%x order:%d\n" %
                  (utils.ulong(page), int(p["_refcount"]), int(p["_mapcount"]) + 1,
                   utils.ulong(p["mapping"]), int(p["index"]), int(p["order"])))
        gdb.write("flags: 0x%x(%s)\n" % (flags, page_flag_names(flags)))
        bit = lambda name: flags & (1 << utils.enum_value(name))
        if bit("PG_buddy"):
            gdb.write("free: the head of a block of order %d on the buddy free list\n" % int(p["order"]))
        elif bit("PG_pcp"):
            gdb.write("free: on a per-cpu list, next 0x%x\n" % utils.ulong(p["pcp_next"]))
        elif bit("PG_slab"):
            s = p["slab_cache"]
            gdb.write("slab of %s: inuse %d freelist 0x%x\n" %
                      (utils.cstr(s["name"]), int(p["slab"]["inuse"]), int(p["slab"]["freelist"])))
        elif bit("PG_reserved"):
            gdb.write("reserved: not the buddy allocator's\n")


class RvmmBuddyinfo(utils.Command):
    """Print /proc/buddyinfo from the zones' free areas (mm/vmstat.c's show_buddyinfo)."""

    def __init__(self):
        super().__init__("rvmm-buddyinfo")

    def run(self, arg):
        for z in utils.zones():
            if not utils.ulong(z["present_pages"]):
                continue
            line = "Node %d, zone %8s " % (0, utils.cstr(z["name"]))
            areas = z["free_area"]
            for order in range(areas.type.range()[1] + 1):
                line += "%6d " % utils.ulong(areas[order]["nr_free"])
            gdb.write(line + "\n")


def node_page_state(name):
    v = int(utils.var("node_stat")[utils.enum_value(name)])
    return max(v, 0)


def signed(v):
    v &= MASK
    return v - (1 << 64) if v >> 63 else v


def si_mem_available(nr_free):
    """mm/vmstat.c's, with its unsigned long arithmetic."""
    wmark_low = sum(utils.ulong(z["_watermark"][utils.enum_value("WMARK_LOW")]) for z in utils.zones())
    available = nr_free - utils.ulong(utils.var("totalreserve_pages"))
    pagecache = (node_page_state("NR_FILE_PAGES") - node_page_state("NR_SHMEM")) & MASK
    available += signed(pagecache - min(pagecache // 2, wmark_low))
    reclaimable = node_page_state("NR_SLAB_RECLAIMABLE")
    available += signed(reclaimable - min(reclaimable // 2, wmark_low))
    return max(available, 0)


def lru_pages(zid, lru):
    """A zone's pages on one LRU list, as mm/swap.c's lru_zone_pages asks the policy.

    The unevictable list is the mechanism's (mm/swap.c); the others are the
    active policy's, read from its own per-zone state (mm/policy_NAME.c)."""
    if lru == "LRU_UNEVICTABLE":
        return utils.ulong(utils.var("nr_unevictable")[zid])
    name = utils.cstr(utils.var("reclaim_policy")["name"])
    index = utils.enum_value(lru)
    ltype = "LRU_FILE" if lru in ("LRU_INACTIVE_FILE", "LRU_ACTIVE_FILE") else "LRU_ANON"
    active = lru in ("LRU_ACTIVE_ANON", "LRU_ACTIVE_FILE")
    if name == "lru2":
        return utils.ulong(utils.var("lru2")[zid]["nr"][index])
    if name in ("fifo", "clock"):	# one queue a type, all of it "inactive"
        state = utils.var("fifo" if name == "fifo" else "hands")[zid]
        return 0 if active else utils.ulong(state["nr"][utils.enum_value(ltype)])
    if name == "mglru":	# the two youngest generations are "active"
        g = utils.var("mglru")[zid][utils.enum_value(ltype)]
        lo, hi = utils.ulong(g["min_seq"]), utils.ulong(g["max_seq"])
        gens = g["nr"].type.range()[1] + 1
        return sum(utils.ulong(g["nr"][seq % gens]) for seq in range(lo, hi + 1)
                   if (hi - seq < 2) == active)
    raise gdb.GdbError("rvmm-meminfo: policy %s: its lists are its own (add it to lru_pages)" % name)


class RvmmMeminfo(utils.Command):
    """Print /proc/meminfo from the zones and counters (mm/vmstat.c's show_meminfo)."""

    def __init__(self):
        super().__init__("rvmm-meminfo")

    def run(self, arg):
        mmu = utils.has_mmu()
        total = sum(utils.ulong(z["managed_pages"]) for z in utils.zones())
        free = sum(utils.ulong(z["free_pages"]) for z in utils.zones())
        srecl = node_page_state("NR_SLAB_RECLAIMABLE")
        sunrecl = node_page_state("NR_SLAB_UNRECLAIMABLE")
        shmem = node_page_state("NR_SHMEM")
        file = node_page_state("NR_FILE_PAGES")
        committed = max(int(utils.var("vm_committed_pages")), 0)
        lru = {name: sum(lru_pages(zid, name) for zid in range(len(utils.zones())))
               for name in ("LRU_INACTIVE_ANON", "LRU_ACTIVE_ANON", "LRU_INACTIVE_FILE",
                            "LRU_ACTIVE_FILE", "LRU_UNEVICTABLE")}
        swap_total = int(utils.var("total_swap_pages"))
        lines = [("MemTotal:", total), ("MemFree:", free), ("MemAvailable:", si_mem_available(free)),
                 ("Buffers:", 0), ("Cached:", max(file, shmem)),
                 ("SwapCached:", node_page_state("NR_SWAPCACHE")),
                 ("Active:", lru["LRU_ACTIVE_ANON"] + lru["LRU_ACTIVE_FILE"]),
                 ("Inactive:", lru["LRU_INACTIVE_ANON"] + lru["LRU_INACTIVE_FILE"]),
                 ("Active(anon):", lru["LRU_ACTIVE_ANON"]), ("Inactive(anon):", lru["LRU_INACTIVE_ANON"]),
                 ("Active(file):", lru["LRU_ACTIVE_FILE"]), ("Inactive(file):", lru["LRU_INACTIVE_FILE"]),
                 ("Unevictable:", lru["LRU_UNEVICTABLE"]), ("Mlocked:", node_page_state("NR_MLOCK"))]
        if not mmu:
            lines.append(("MmapCopy:", utils.ulong(utils.var("mmap_pages_allocated"))))
        lines += [("SwapTotal:", swap_total), ("SwapFree:", max(int(utils.var("nr_swap_pages")), 0)),
                  ("Dirty:", node_page_state("NR_FILE_DIRTY")),
                  ("Writeback:", node_page_state("NR_WRITEBACK")),
                  ("AnonPages:", node_page_state("NR_ANON_MAPPED")),
                  ("Mapped:", node_page_state("NR_FILE_MAPPED")), ("Shmem:", shmem),
                  ("KReclaimable:", srecl), ("Slab:", srecl + sunrecl), ("SReclaimable:", srecl),
                  ("SUnreclaim:", sunrecl), ("KernelStack:", None),
                  ("PageTables:", node_page_state("NR_PAGETABLE")),
                  ("CommitLimit:", total * int(utils.var("sysctl_overcommit_ratio")) // 100 + swap_total),
                  ("Committed_AS:", committed), ("VmallocTotal:", None),
                  ("VmallocUsed:", utils.ulong(utils.var("nr_vmalloc_pages")) if mmu else 0),
                  ("VmallocChunk:", 0)]
        for label, pages in lines:
            if label == "KernelStack:":	# counted in kB already
                kb = node_page_state("NR_KERNEL_STACK_KB")
            elif label == "VmallocTotal:":	# include/pgtable.h's VMALLOC_SIZE
                kb = (1 << (12 + 9 * pgtable.levels() - 3)) >> 10 if mmu else 0
            else:
                kb = pages << (utils.PAGE_SHIFT - 10)
            gdb.write("%-16s%8d kB\n" % (label, kb))


RvmmPage()
RvmmBuddyinfo()
RvmmMeminfo()
