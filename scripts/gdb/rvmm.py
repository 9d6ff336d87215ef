"""scripts/gdb/rvmm.py: load the rvmm- gdb commands (docs/debugging.md).

    gdb-multiarch build/kernel.elf -ex 'source scripts/gdb/rvmm.py' -ex 'target remote :1234'

(make gdb does this).  The commands live in scripts/gdb/rvmm/, one module
per subject, as Linux's scripts/gdb/linux/ does for its lx- commands:
utils (symbols, lists, physical memory), pgtable (the page-table walk),
tasks, mm and slab.  `help rvmm` lists them.
"""
import os
import sys

import gdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import rvmm.utils  # noqa: E402,F401
import rvmm.pgtable  # noqa: E402,F401
import rvmm.tasks  # noqa: E402,F401
import rvmm.mm  # noqa: E402,F401
import rvmm.slab  # noqa: E402,F401


class Rvmm(gdb.Command):
    """rvmm's commands, reading the kernel's own data structures (docs/debugging.md):

rvmm-ps                  tasks: pid, parent, state, name, mm
rvmm-vmas [PID]          a task's VMAs, as /proc/PID/maps
rvmm-pagetable VA [PID]  walk the page table for VA, level by level
rvmm-page PFN|ADDR       decode a struct page
rvmm-buddyinfo           /proc/buddyinfo
rvmm-slabinfo            /proc/slabinfo
rvmm-meminfo             /proc/meminfo"""

    def __init__(self):
        super().__init__("rvmm", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write(self.__doc__ + "\n")


Rvmm()
