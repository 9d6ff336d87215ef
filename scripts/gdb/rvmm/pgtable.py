"""scripts/gdb/rvmm/pgtable.py: walking a RISC-V page table, and rvmm-pagetable.

The walk is the hardware's (privileged spec, "Virtual Address
Translation Process") and include/pgtable.h's: every level of Sv39, Sv48
and Sv57 holds 512 eight-byte entries and takes 9 bits of the address;
an entry with V and none of R/W/X points to the next table, one with any
of them is a leaf, mapping 4 KiB << 9*level.  Tables are read through the
direct map (utils.phys_to_virt), so any task's table can be walked, not
only the one satp holds.
"""
import gdb

from rvmm import utils

# PTE bits, include/asm/pgtable.h
PTE_BITS = "VRWXUGAD"
_PAGE_PRESENT, _PAGE_READ, _PAGE_WRITE, _PAGE_EXEC = 1, 2, 4, 8
_PAGE_USER = 0x10
_PAGE_LEAF = _PAGE_READ | _PAGE_WRITE | _PAGE_EXEC
_PAGE_PROT_NONE = 1 << 8
_PAGE_PFN_SHIFT = 10
_PAGE_PFN_MASK = ((1 << 44) - 1) << _PAGE_PFN_SHIFT
SATP_PPN_MASK = (1 << 44) - 1
SATP_MODES = {0: "Bare", 8: "Sv39", 9: "Sv48", 10: "Sv57"}
# Linux's names for the levels, top first: a folded level is left out.
LEVEL_NAMES = {3: ["pgd", "pmd", "pte"], 4: ["pgd", "pud", "pmd", "pte"],
               5: ["pgd", "p4d", "pud", "pmd", "pte"]}


def levels():
    return int(utils.var("pgtable_levels"))


def level_size(level):
    return 1 << (12 + 9 * level)


def pte_pfn(pte):
    return (pte & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT


def pte_flags(pte):
    """ "V R W - U - A D": the eight hardware bits, a letter where set."""
    return " ".join(c if pte & (1 << i) else "-" for i, c in enumerate(PTE_BITS))


def va_canonical(va, nlevels):
    top = 12 + 9 * nlevels - 1
    high = va >> top
    return high == 0 or high == (1 << (64 - top)) - 1


class Step:
    """One entry the walk read: its level (0 for the last), index, physical address, value."""

    def __init__(self, level, index, entry_pa, pte):
        self.level, self.index, self.entry_pa, self.pte = level, index, entry_pa, pte


class Walk:
    """What a walk found: the steps, and either a leaf (pa, level) or why it stopped."""

    def __init__(self):
        self.steps = []
        self.pa = None		# the translation, when a leaf was reached
        self.leaf_level = None
        self.stop = None	# why not, otherwise


def walk(root_pa, va, nlevels):
    """Translate va in the table at physical address root_pa, as the MMU would."""
    w = Walk()
    if not va_canonical(va, nlevels):
        w.stop = "not canonical: bits 63..%d must all equal bit %d" % (12 + 9 * nlevels - 1,
                                                                      12 + 9 * nlevels - 1)
        return w
    table = root_pa
    for level in range(nlevels - 1, -1, -1):
        index = (va >> (12 + 9 * level)) & 511
        entry_pa = table + 8 * index
        pte = utils.read_phys_u64(entry_pa)
        w.steps.append(Step(level, index, entry_pa, pte))
        if not pte & _PAGE_PRESENT:
            if pte == 0:
                w.stop = "the entry is empty (pte_none): nothing mapped"
            elif pte & _PAGE_PROT_NONE:
                w.stop = "V clear, PROT_NONE (software bit 8): the entry keeps pfn 0x%x" % pte_pfn(pte)
            else:
                w.stop = "V clear: not present"
            return w
        if pte & _PAGE_LEAF:
            if pte & _PAGE_WRITE and not pte & _PAGE_READ:
                w.stop = "W without R: a reserved encoding (page fault)"
                return w
            if pte_pfn(pte) & ((1 << (9 * level)) - 1):
                w.stop = "a misaligned superpage: the low PPN bits must be 0 (page fault)"
                return w
            w.leaf_level = level
            w.pa = (pte_pfn(pte) << 12) + (va & (level_size(level) - 1))
            return w
        if level == 0:
            w.stop = "a pointer entry at level 0 (page fault)"
            return w
        table = pte_pfn(pte) << 12
    return w


def satp():
    """The satp CSR as QEMU's gdb stub shows it, or None."""
    try:
        return utils.ulong(gdb.parse_and_eval("$satp"))
    except gdb.error:
        return None


def mm_root_pa(mm):
    return utils.virt_to_phys(utils.ulong(mm["pgd"]))


def task_root(task):
    """The root table a walk for task starts from: its mm's pgd, or the kernel's for a kernel thread."""
    if utils.ulong(task["mm"]):
        return mm_root_pa(task["mm"]), "mm->pgd"
    return utils.virt_to_phys(utils.ulong(utils.var("swapper_pg_dir"))), "swapper_pg_dir"


def size_name(level):
    return {0: "4K", 1: "2M", 2: "1G", 3: "512G", 4: "256T"}[level]


def format_walk(nlevels, w):
    names = LEVEL_NAMES[nlevels]
    out = []
    for s in w.steps:
        name = names[nlevels - 1 - s.level]
        soft = (s.pte >> 8) & 3
        line = ("%-3s [%3d] @0x%x  pte 0x%016x  ppn 0x%-8x %s  sw %d" %
                (name, s.index, s.entry_pa, s.pte, pte_pfn(s.pte), pte_flags(s.pte), soft))
        if s.pte >> 54:
            line += "  high 0x%x" % (s.pte >> 54)
        if s.pte & _PAGE_PRESENT and not s.pte & _PAGE_LEAF and s.level > 0:
            line += "  -> table 0x%x" % (pte_pfn(s.pte) << 12)
        out.append(line)
    if w.pa is not None:
        out.append("leaf: %s page at level %d, pfn 0x%x -> pa 0x%x" %
                   (size_name(w.leaf_level), w.leaf_level, w.pa >> 12, w.pa))
    else:
        where = names[nlevels - 1 - w.steps[-1].level] if w.steps else "va"
        out.append("stop at %s: %s" % (where, w.stop))
    return "\n".join(out)


class RvmmPagetable(utils.Command):
    """Walk the page table for a virtual address, level by level.

rvmm-pagetable VA [PID]: without PID, the table satp points at (the
running task's); with PID, that task's mm->pgd.  Prints each level's
index, the entry's physical address and value, its PPN, the bits
V R W X U G A D and the two software bits, then the leaf's physical
address or where and why the walk stops."""

    def __init__(self):
        super().__init__("rvmm-pagetable")

    def run(self, arg):
        args = gdb.string_to_argv(arg)
        if not args or len(args) > 2:
            raise gdb.GdbError("usage: rvmm-pagetable VA [PID]")
        if not utils.has_mmu():
            gdb.write("rvmm-pagetable: this kernel has no MMU (satp = Bare): "
                      "a virtual address is the physical address\n")
            return
        va = utils.ulong(gdb.parse_and_eval(args[0]))
        nlevels = levels()
        mode = SATP_MODES.get(utils.ulong(utils.var("satp_mode")), "?")
        if len(args) == 2:
            task = utils.find_task(int(gdb.parse_and_eval(args[1])))
            root, source = task_root(task)
        else:
            task = utils.current_task()
            value = satp()
            if value is not None and value >> 60:
                root, source = (value & SATP_PPN_MASK) << 12, "satp 0x%x" % value
            else:
                root, source = task_root(task)
        gdb.write("va 0x%x, pid %d (%s): %s, root 0x%x (%s)\n" %
                  (va, int(task["pid"]), utils.cstr(task["comm"]), mode, root, source))
        gdb.write(format_walk(nlevels, walk(root, va, nlevels)) + "\n")


RvmmPagetable()
