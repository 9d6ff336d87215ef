"""scripts/gdb/rvmm/tasks.py: rvmm-ps and rvmm-vmas, read from the task list and the mm.

rvmm-ps walks init_task.tasks as kernel/pid.c does; rvmm-vmas prints an
mm's VMAs (mm->mmap, linked by vm_next in address order) in the format
of /proc/PID/maps (kernel/fs/proc/task_mmu.c), so the two can be
compared line for line.
"""
import gdb

from rvmm import utils

# kernel/fs/proc/array.c's state_letter
STATES = {0x0000: "R", 0x0001: "S", 0x0002: "D", 0x0004: "T", 0x0020: "Z"}
VM_READ, VM_WRITE, VM_EXEC, VM_SHARED, VM_MAYSHARE = 0x1, 0x2, 0x4, 0x8, 0x80
PAGE_SHIFT = utils.PAGE_SHIFT


class RvmmPs(utils.Command):
    """List the tasks: pid, parent's pid, state, name, mm (* marks current).

rvmm-ps: every task on init_task.tasks, init_task (pid 0) first; PPID is
the parent's tgid, as /proc/PID/status gives it."""

    def __init__(self):
        super().__init__("rvmm-ps")

    def run(self, arg):
        cur = utils.ulong(utils.current_task())
        gdb.write("  PID  PPID  TGID S COMM             MM\n")
        for t in utils.tasks():
            parent = t["parent"]
            ppid = int(parent["tgid"]) if utils.ulong(parent) else 0
            mm = utils.ulong(t["mm"])
            gdb.write("%c%4d %5d %5d %s %-16s %s\n" %
                      ("*" if utils.ulong(t) == cur else " ", int(t["pid"]), ppid,
                       int(t["tgid"]), STATES.get(int(t["state"]), "X"),
                       utils.cstr(t["comm"]), "0x%x" % mm if mm else "-"))


def vmas(mm):
    v = mm["mmap"]
    while utils.ulong(v):
        yield v
        v = v["vm_next"]


def share_flag(flags):
    """maps' fourth column; without an MMU Linux's S (shared) and s (shareable) too."""
    if not flags & VM_MAYSHARE:
        return "p"
    if utils.has_mmu():
        return "s"
    return "S" if flags & VM_SHARED else "s"


def vma_line(v):
    flags = utils.ulong(v["vm_flags"])
    vm_file = v["vm_file"]
    name = utils.cstr(v["vm_name"])
    fname = utils.cstr(vm_file["f_name"]) if utils.ulong(vm_file) else ""
    # Linux prints an offset only for what is backed by a file
    backed = utils.ulong(vm_file) or (name and name[0] != "[")
    offset = utils.ulong(v["vm_pgoff"]) << PAGE_SHIFT if backed else 0
    line = "%08x-%08x %s%s%s%s %08x %02x:%02x %d " % (
        utils.ulong(v["vm_start"]), utils.ulong(v["vm_end"]),
        "r" if flags & VM_READ else "-", "w" if flags & VM_WRITE else "-",
        "x" if flags & VM_EXEC else "-", share_flag(flags), offset, 0, 0, 0)
    name = fname or name
    if name:	# the name starts at column 73, as Linux pads it
        line += " " * max(73 - len(line), 1) + name
    return line


class RvmmVmas(utils.Command):
    """Print a task's VMAs as /proc/PID/maps does.

rvmm-vmas [PID]: the current task's without PID."""

    def __init__(self):
        super().__init__("rvmm-vmas")

    def run(self, arg):
        t = utils.task_or_current(arg)
        if not utils.ulong(t["mm"]):
            gdb.write("rvmm-vmas: pid %d (%s) is a kernel thread: no mm\n" %
                      (int(t["pid"]), utils.cstr(t["comm"])))
            return
        for v in vmas(t["mm"]):
            gdb.write(vma_line(v) + "\n")


RvmmPs()
RvmmVmas()
