"""test/gdb_probe.py: run inside gdb-multiarch by run_tests.py's check_gdb.

QEMU waits (-S) on the port in RVMM_GDB_PORT with init=/bin/memprobe.
This connects, stops the kernel where memprobe's /proc files are made
(proc_pid_maps, show_buddyinfo, show_slabinfo, show_meminfo) and at its
madvise (sys_madvise, a0 = the page it wrote), runs the rvmm- commands
there, and prints each one's output between "=== gdb NAME ===" and
"=== end ===" for run_tests.py to set beside what memprobe printed.
Breakpoints in other tasks (the boot prints buddyinfo too) are passed.
"""
import os
import re
import time

import gdb

from rvmm import utils

SHOWS = {"proc_pid_maps": "maps", "show_buddyinfo": "buddyinfo",
         "show_slabinfo": "slabinfo", "show_meminfo": "meminfo"}
COMMANDS = {"maps": "rvmm-vmas", "buddyinfo": "rvmm-buddyinfo", "slabinfo": "rvmm-slabinfo",
            "meminfo": "rvmm-meminfo"}


def section(name, text):
    print("=== gdb %s ===\n%s=== end ===" % (name, text), flush=True)


def run(name, command):
    section(name, gdb.execute(command, to_string=True))


def connect(port):
    for _ in range(50):	# QEMU may not be listening yet
        try:
            gdb.execute("target remote 127.0.0.1:%s" % port, to_string=True)
            return
        except gdb.error:
            time.sleep(0.1)
    raise gdb.GdbError("could not connect to QEMU on port %s" % port)


def at_madvise():
    va = utils.ulong(gdb.parse_and_eval("$a0"))
    pid = int(utils.current_task()["pid"])
    run("ps", "rvmm-ps")
    run("vmas-pid", "rvmm-vmas %d" % pid)
    walk = gdb.execute("rvmm-pagetable 0x%x %d" % (va, pid), to_string=True)
    section("pagetable-pid", walk)
    run("pagetable-satp", "rvmm-pagetable 0x%x" % va)
    run("pagetable-null", "rvmm-pagetable 0")
    run("page", "rvmm-page 0x%x" % va)
    m = re.search(r"-> pa 0x([0-9a-f]+)", walk)
    if m:	# what the leaf's frame holds, read through the direct map
        section("word", "0x%x\n" % utils.read_phys_u64(int(m.group(1), 16)))


def main():
    connect(os.environ["RVMM_GDB_PORT"])
    addrs = {}
    for fn in list(SHOWS) + (["sys_madvise"] if utils.has_mmu() else []):
        gdb.execute("break *%s" % fn, to_string=True)
        addrs[utils.ulong(gdb.parse_and_eval("&%s" % fn))] = fn
    while True:
        try:
            gdb.execute("continue", to_string=True)
        except gdb.error:	# QEMU powered off: the connection is gone
            return
        fn = addrs.get(utils.ulong(gdb.parse_and_eval("$pc")))
        if fn is None or utils.cstr(utils.current_task()["comm"]) != "memprobe":
            continue
        if fn == "sys_madvise":
            at_madvise()
        else:
            run(SHOWS[fn], COMMANDS[SHOWS[fn]])
            if fn == "proc_pid_maps" and not utils.has_mmu():
                run("ps", "rvmm-ps")
                run("pagetable-nommu", "rvmm-pagetable 0x10000")


main()
