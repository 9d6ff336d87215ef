"""scripts/gdb/rvmm/utils.py: reading the kernel's variables, lists and memory from gdb.

What every command shares (Linux's scripts/gdb/linux/utils.py and lists.py
play the same part): symbols by name (static ones too), container_of and
the two kinds of list the kernel keeps (struct list_head, and struct
page_list, whose links are indices into mem_map), and physical memory
reached through the direct map, as the kernel's __va() reaches it.
"""
import gdb


def var(name):
    """The value of the kernel variable name, global or static to one file."""
    sym = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    if sym is None:
        raise gdb.GdbError("no symbol %s in the kernel (is its ELF loaded?)" % name)
    return sym.value()


def has_mmu():
    """Only the MMU kernel has page tables, and mm/pgtable.c's walker (read from the ELF, before boot too)."""
    return gdb.lookup_global_symbol("pgtable_walk") is not None


def ulong(value):
    """An integer, pointer or function (its address) as an unsigned 64-bit number."""
    if isinstance(value, gdb.Value) and value.type.code == gdb.TYPE_CODE_FUNC:
        value = value.address
    return int(value) & 0xffffffffffffffff


def cstr(value):
    """A char array or char pointer as a Python string; "" for NULL."""
    if value.type.code == gdb.TYPE_CODE_PTR and int(value) == 0:
        return ""
    return value.string(errors="replace")


def container_of(ptr, typename, member):
    """The struct typename whose field member is at ptr."""
    t = gdb.lookup_type(typename)
    offset = t[member].bitpos // 8
    addr = ulong(ptr) - offset
    return gdb.Value(addr).cast(t.pointer())


def list_for_each_entry(head, typename, member):
    """Every typename on the list_head at address head, linked through its field member."""
    head_addr = ulong(head.address) if head.type.code != gdb.TYPE_CODE_PTR else ulong(head)
    node = gdb.Value(head_addr).cast(gdb.lookup_type("struct list_head").pointer())["next"]
    while ulong(node) != head_addr:
        yield container_of(node, typename, member)
        node = node["next"]


PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
PAGE_LIST_NONE = 0xffffffff


def mem_map():
    return var("mem_map")


def pfn_valid(pfn):
    return ulong(mem_map()) != 0 and ulong(var("min_low_pfn")) <= pfn < ulong(var("max_pfn"))


def pfn_to_page(pfn):
    return mem_map() + (pfn - ulong(var("min_low_pfn")))


def page_to_pfn(page):
    size = gdb.lookup_type("struct page").sizeof
    return (ulong(page) - ulong(mem_map())) // size + ulong(var("min_low_pfn"))


def page_list_for_each(plist):
    """Every struct page on a struct page_list, first to last (mm.h's page_list_next)."""
    idx = int(plist["first"])
    while idx != PAGE_LIST_NONE:
        page = mem_map() + idx
        yield page
        idx = int(page["lru"]["next"])


def va_pa_offset():
    """virtual = physical + va_pa_offset in the direct map (0 without an MMU)."""
    return ulong(var("va_pa_offset"))


def phys_to_virt(pa):
    return (pa + va_pa_offset()) & 0xffffffffffffffff


def virt_to_phys(va):
    return (va - va_pa_offset()) & 0xffffffffffffffff


def read_u64(va):
    """Eight bytes of kernel memory at va, little-endian."""
    data = gdb.selected_inferior().read_memory(va, 8)
    return int.from_bytes(bytes(data), "little")


def read_phys_u64(pa):
    """Eight bytes of RAM at physical address pa, read through the direct map."""
    return read_u64(phys_to_virt(pa))


def zone(zid):
    return var("contig_page_data")["node_zones"][zid]


def zones():
    """Every zone, populated or not, in order (ZONE_DMA32, ZONE_NORMAL)."""
    n = int(gdb.parse_and_eval("MAX_NR_ZONES"))
    return [zone(i) for i in range(n)]


def enum_value(name):
    return int(gdb.parse_and_eval(name))


def current_task():
    return var("current")


def tasks():
    """init_task, then every task on its tasks list (the order fork added them)."""
    init = var("init_task")
    yield init.address
    for t in list_for_each_entry(init["tasks"], "struct task_struct", "tasks"):
        yield t


def find_task(pid):
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise gdb.GdbError("no task with pid %d" % pid)


def task_or_current(arg):
    """The task whose pid is arg, or the current one when arg is empty."""
    arg = arg.strip()
    return find_task(int(gdb.parse_and_eval(arg))) if arg else current_task()


def parse_args(arg):
    """gdb expressions separated by spaces (quote one that has spaces), each evaluated as an integer."""
    return [ulong(gdb.parse_and_eval(a)) for a in gdb.string_to_argv(arg)]


class Command(gdb.Command):
    """An rvmm- command: its run(arg) prints; kernel memory gdb cannot read is said plainly."""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_DATA)
        self.name = name

    def invoke(self, arg, from_tty):
        try:
            self.run(arg)
        except gdb.MemoryError as e:
            raise gdb.GdbError("%s: %s (the kernel's memory is readable once paging is on: "
                               "stop it at start_kernel or later)" % (self.name, e))
