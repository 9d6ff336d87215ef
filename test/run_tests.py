#!/usr/bin/env python3
"""test/run_tests.py: everything `make test` runs, and one verdict.

1. host unit tests (the allocators built natively under ASan/UBSan);
2. every in-kernel self-test suite, one QEMU boot each (test=NAME), with
   MEM=128M (DMA32 only), MEM=3G (DMA32 and Normal) and a mem= limit;
3. checks on the boot log and on a deliberate kernel fault;
   one full `make grade` (test/grade.py), its files read back (grade_check.py);
4. the portable user tests (user/tests/) under Linux user-mode emulation,
   built twice: against glibc ("linux test_fs": Linux's own answers) and
   against rvmm's C library ("qemu-user test_fs": the binaries rvmm runs);
5. the same initramfs, with /bin/linuxrc, booted on Debian's Linux kernel
   ("[linux-kernel]", test/linux_kernel.py);
6. every lab's handout (test/labs.py): it builds, boots, fails its own
   checks of test/rubric.toml and passes all the others; and the full
   tree passes every check.

Every TAP line any of them prints is one result.  A boot that times out,
powers off with the wrong status, or prints fewer results than its plan
says is one more failure.  The last line is "N passed, M failed"; the exit
status is non-zero when anything failed.
"""
import argparse
import concurrent.futures
import os
import re
import resource
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402
import linux_kernel  # noqa: E402

SUITES = ["memblock", "zones", "buddy", "slab", "timer", "paging", "proc", "fs", "oom", "vmalloc",
          "reclaim", "policy"]
# Without an MMU: no page tables to test (paging), and the proc suite's
# program checks what an MMU enforces; the user tests cover processes there.
NOMMU_SUITES = ["memblock", "zones", "buddy", "slab", "timer", "fs", "oom", "vmalloc", "reclaim"]
# attach: None; "initrd" (the archive test_initrd writes); "disk" or "legacy disk" (the
# image test_disk writes, as a virtio-blk disk on the modern or the legacy virtio-mmio interface)
CONFIGS = [  # (label, build, QEMU memory, paging mode limit, extra boot arguments, suites, attach)
    # slub's 400 seeded reports print 12,000 lines: once per kernel is enough
    ("mmu 128M", "mmu", "128M", "sv48", "", SUITES + ["slub"], None),
    ("mmu 3G", "mmu", "3G", "sv48", "", SUITES, None),
    ("mmu 3G mem=2560M", "mmu", "3G", "sv48", "mem=2560M", SUITES, None),
    ("mmu sv39 128M", "mmu", "128M", "sv39", "", SUITES, None),
    # the reclaim and policy suites under each replacement policy but the default (docs/reclaim.md)
    ("mmu 128M fifo", "mmu", "128M", "sv48", "reclaim_policy=fifo", ["reclaim", "policy"], None),
    ("mmu 128M clock", "mmu", "128M", "sv48", "reclaim_policy=clock", ["reclaim", "policy"], None),
    ("mmu 128M mglru", "mmu", "128M", "sv48", "reclaim_policy=mglru", ["reclaim", "policy"], None),
    ("mmu sv39 3G", "mmu", "3G", "sv39", "", ["zones", "buddy", "paging", "proc"], None),
    ("mmu sv57 128M", "mmu", "128M", "sv57", "", SUITES, None),
    ("mmu sv57 3G", "mmu", "3G", "sv57", "", ["paging", "proc", "vmalloc"], None),
    ("mmu initrd 128M", "mmu", "128M", "sv48", "", ["memblock", "fs"], "initrd"),
    ("mmu disk 128M", "mmu", "128M", "sv48", "", ["blk"], "disk"),
    ("mmu legacy disk 128M", "mmu", "128M", "sv48", "", ["blk"], "legacy disk"),
    ("mmu disk 3G", "mmu", "3G", "sv48", "", ["blk"], "disk"),	# pages above 4 GiB
    # every debug line printed, among them memblock's while the console is being remapped
    ("mmu 128M loglevel=8", "mmu", "128M", "sv48", "loglevel=8", ["memblock"], None),
    ("nommu 128M", "nommu", "128M", "sv48", "", NOMMU_SUITES + ["slub"], None),
    ("nommu 3G", "nommu", "3G", "sv48", "", ["memblock", "zones", "buddy"], None),
    ("nommu initrd 128M", "nommu", "128M", "sv48", "", ["memblock", "fs"], "initrd"),
    ("nommu disk 128M", "nommu", "128M", "sv48", "", ["blk"], "disk"),
    # SLOB (make SLAB=slob): the allocator contract, and the kernel running on it
    ("slob 128M", "slob", "128M", "sv48", "", ["slab", "buddy", "fs", "proc"], None),
    ("slob 3G", "slob", "3G", "sv48", "", ["slab"], None),
]
# Every boot runs with slub_debug=FZPU (ignored by SLOB), so every test is
# also a memory-safety test: a slab report in any log but the slub suite's
# (which seeds errors on purpose) fails the boot.
SLUB_DEBUG = "slub_debug=FZPU"
SLAB_REPORT = re.compile(r"^BUG \S+ \(Not tainted\): .*$", re.M)
# What the slub suite's seeded errors must print: Linux's report of each kind, and its repair.
SLUB_REPORT_SHAPES = [
    r"^BUG kmalloc-\d+k? \(Not tainted\): Object already free$",
    r"^BUG kmalloc-\d+k? \(Not tainted\): Left Redzone overwritten$",
    r"^BUG kmalloc-\d+k? \(Not tainted\): Right Redzone overwritten$",
    r"^BUG kmalloc-\d+k? \(Not tainted\): Poison overwritten$",
    r"^FIX kmalloc-\d+k?: Restoring Right Redzone 0x[0-9a-f]+-0x[0-9a-f]+=0xcc$",
    r"^FIX kmalloc-\d+k?: Restoring Poison 0x[0-9a-f]+-0x[0-9a-f]+=0x6b$",
    r"^Allocated in 0x[0-9a-f]+ age=\d+ cpu=\d+ pid=\d+$",
    r"^Freed in 0x[0-9a-f]+ age=\d+ cpu=\d+ pid=\d+$",
    r"^Object   [0-9a-f]{16}: (6b ){7}",
]


def check_slab_reports(label, suite, b, results):
    """No slab report in a normal boot; every kind, in Linux's shape, from the slub suite."""
    text = b.text()
    if suite == "slab":
        return			# its misuse checks make reports on purpose
    if suite != "slub":
        bad = SLAB_REPORT.findall(text)
        results.add(not bad, "[%s] %s: no slab error reported under %s" % (label, suite, SLUB_DEBUG),
                    bad[:5] or None)
        return
    seen = sorted(set(SLAB_REPORT.findall(text)))[:12]
    for shape in SLUB_REPORT_SHAPES:
        results.add(re.search(shape, text, re.M) is not None,
                    "[%s] slub: the log has a line matching %s" % (label, shape),
                    ["%d lines; the kinds of report seen:" % len(b.lines)] + seen)
FUZZ_CALLS = 50000
# What the fuzzer steps around: behaviour Linux shares, not kernel bugs (user/bin/fuzz.c, avoiding()).
FUZZ_AVOID = "console-read,mmap-min-addr"
TAP = re.compile(r"^(not ok|ok) (\d+)(?: - (.*))?$")
PLAN = re.compile(r"^1\.\.(\d+)$")
EXIT_PANIC = 3
QEMU_USER = "qemu-riscv64-static"


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def add(self, ok, name, detail=None):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(("ok   " if ok else "FAIL ") + name, flush=True)
        if not ok and detail:
            for line in detail[-40:]:
                print("     | " + line)

    def tap(self, label, lines, want_status, status):
        """Count the TAP lines of one run; check the plan and the exit status."""
        n, plan = 0, None
        for line in lines:
            m = TAP.match(line.strip())
            if m:
                n += 1
                self.add(m.group(1) == "ok", "%s: %s" % (label, m.group(3) or m.group(2)))
            elif PLAN.match(line.strip()):
                plan = int(PLAN.match(line.strip()).group(1))
        if status is None:
            self.add(False, "%s: finished before the timeout" % label, lines)
        elif plan is None or plan != n:
            self.add(False, "%s: printed its whole plan (%s of %s)" % (label, n, plan), lines)
        elif status != want_status:
            self.add(False, "%s: exit status %s, expected %s" % (label, status, want_status), lines)


def test_initrd(kernel):
    """The archive the initrd boots unpack; the fs suite looks for /initrd-test/hello."""
    path = os.path.join(os.path.dirname(os.path.abspath(kernel)), "test-initrd.cpio")
    with open(path, "wb") as f:
        f.write(qemu.newc_archive([
            ("initrd-test", 0o40755, b""),
            ("initrd-test/hello", 0o100644, b"hello from the initramfs\n"),
            ("initrd-test/big", 0o100644, bytes(range(256)) * 256),
        ]))
    return path


# The blk suite's disk (kernel/drivers/selftest_blk.c): word k of sector s holds
# disk_word(s, k), little-endian, under the swap header mkswap writes over page 0;
# the suite writes ~disk_word into the pages before the last one and into sector 1003,
# and DISK_FILE_MSG through /dev/vda at byte 100 of sector 1005.
DISK_SECTORS = 16384	# 8 MiB
DISK_WRITTEN = [(DISK_SECTORS - 8 * 17, 8 * 16), (1003, 1)]	# (first sector, count)
DISK_UNTOUCHED = [(8, 8), (1002, 1), (1004, 1), (1006, 2), (DISK_SECTORS - 8, 8)]
DISK_FILE_MSG = (1005, 100, b"written through /dev/vda by the blk suite")
DISK_LOG = ("virtio_blk virtio0: [vda] %d 512-byte logical blocks (8.39 MB/8.00 MiB)"
            % DISK_SECTORS)


def disk_sector(s, written=False):
    mask = 0xffffffffffffffff if written else 0
    return struct.pack("<64Q", *[(s << 32 | k << 16 | 0xb1c0) ^ mask for k in range(64)])


def mkswap_path():
    """The host's mkswap (util-linux; scripts/install-deps.sh installs it), or None."""
    for path in ("/sbin/mkswap", "/usr/sbin/mkswap"):
        if os.access(path, os.X_OK):
            return path
    return shutil.which("mkswap")


def test_disk(kernel, label, results):
    """A fresh image for one boot's disk: the known contents, then mkswap over its first page."""
    path = os.path.join(os.path.dirname(os.path.abspath(kernel)),
                        "test-disk-%s.img" % re.sub(r"\W+", "-", label))
    with open(path, "wb") as f:
        f.write(b"".join(disk_sector(s) for s in range(DISK_SECTORS)))
    mkswap = mkswap_path()
    p = subprocess.run([mkswap or "mkswap", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT) \
        if mkswap else None
    results.add(p is not None and p.returncode == 0, "[%s] mkswap wrote the disk's swap header" % label,
                [p.stdout.decode("utf-8", "replace")] if p else ["no mkswap in /sbin, /usr/sbin or PATH"])
    return path


def check_disk_after(label, path, results):
    """What the blk suite wrote is in the image, and only there."""
    with open(path, "rb") as f:
        image = f.read()

    def holds(first, count, written):
        return all(image[512 * s:512 * (s + 1)] == disk_sector(s, written)
                   for s in range(first, first + count))
    results.add(all(holds(first, n, True) for (first, n) in DISK_WRITTEN),
                "[%s] blk: the image holds what the suite wrote" % label)
    results.add(all(holds(first, n, False) for (first, n) in DISK_UNTOUCHED),
                "[%s] blk: and the sectors around it as they were" % label)
    s, at, msg = DISK_FILE_MSG
    want = bytearray(disk_sector(s))
    want[at:at + len(msg)] = msg
    results.add(image[512 * s:512 * (s + 1)] == want,
                "[%s] blk: sector %d holds what was written through /dev/vda" % (label, s))


def run_host_tests(binaries, results):
    for binary in binaries:
        name = os.path.basename(binary)
        try:
            p = subprocess.run([binary], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=300)
            lines, status = p.stdout.decode("utf-8", "replace").split("\n"), p.returncode
        except subprocess.TimeoutExpired as e:
            lines, status = (e.stdout or b"").decode("utf-8", "replace").split("\n"), None
        results.tap("host %s" % name, lines, 0, status)


def no_core_dumps():
    """In the child before exec: the tests' crashing children must not write core files."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_qemu_user_tests(label, binaries, results):
    """Run RISC-V test programs under Linux user-mode emulation, one TAP run each.

    qemu-user is called explicitly (binfmt_misc is not registered).  Each run
    gets RVMM_QEMU_USER=1, which makes the tests skip the few checks where
    qemu-user, not Linux, decides the answer ("ok N - what # SKIP reason",
    counted as passed), and an empty TMPDIR of its own, which it must leave
    empty.
    """
    for binary in binaries:
        name = os.path.basename(binary)
        tmp = tempfile.mkdtemp(prefix="rvmm-%s-" % name)
        env = dict(os.environ, RVMM_QEMU_USER="1", TMPDIR=tmp)
        try:
            p = subprocess.run([QEMU_USER, os.path.abspath(binary)], cwd=tmp, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120, preexec_fn=no_core_dumps)
            lines, status = p.stdout.decode("utf-8", "replace").split("\n"), p.returncode
        except subprocess.TimeoutExpired as e:
            lines, status = (e.stdout or b"").decode("utf-8", "replace").split("\n"), None
        except FileNotFoundError:
            results.add(False, "%s %s: %s is installed" % (label, name, QEMU_USER))
            shutil.rmtree(tmp, ignore_errors=True)
            continue
        results.tap("%s %s" % (label, name), lines, 0, status)
        left = sorted(os.listdir(tmp))
        results.add(not left, "%s %s: left nothing behind in TMPDIR" % (label, name), left)
        shutil.rmtree(tmp, ignore_errors=True)


def run_cppcheck(command, results):
    """The static checker must stay quiet (skipped where cppcheck is not installed)."""
    if not command:
        return
    try:
        p = subprocess.run(command, shell=True, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=600)
    except FileNotFoundError:
        return
    if p.returncode == 127:
        print("skip cppcheck: not installed")
        return
    out = p.stdout.decode("utf-8", "replace").strip()
    results.add(p.returncode == 0 and not out, "cppcheck: no findings in kernel/, mm/, lib/, user/",
                out.split("\n"))


def check_kernel_params(results):
    """kernel/init.c's kernel_params names every parameter the kernel reads: the others
    (key=value) go to init's environment, so a name missing there would reach it too."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    read = set()
    for top in ("kernel", "mm", "lib"):
        for d, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                if name.endswith(".c"):
                    with open(os.path.join(d, name)) as f:
                        read |= set(re.findall(r'cmdline_find\(boot_command_line, "([^"]+)"',
                                               f.read()))
    with open(os.path.join(root, "kernel", "init.c")) as f:
        m = re.search(r"kernel_params\[\] = \{([^}]*)\}", f.read())
    listed = set(re.findall(r'"([^"]+)"', m.group(1))) if m else set()
    results.add(read == listed, "kernel/init.c's kernel_params are the parameters the kernel "
                "reads (%s)" % " ".join(sorted(read)),
                ["missing: " + " ".join(sorted(read - listed)),
                 "not read: " + " ".join(sorted(listed - read))])


def check_fault(kernel, opensbi, results, test="fault", cause=r"Load page fault \(scause=0xd",
                stval=r"0x1", label=None, extra=()):
    """A kernel fault gives a full report and powers off with EXIT_PANIC."""
    b = qemu.boot(kernel, opensbi, bootargs="test=" + test, timeout=60)
    test = label or test
    text = b.text()
    for what, pattern in [
        ("names the cause", r"Unhandled exception: " + cause),
        ("gives the faulting address", r"stval=" + stval + r"\b"),
        ("dumps registers", r"\bra\s*: [0-9a-f]{16}.*\bsp\s*: [0-9a-f]{16}"),
        ("prints a backtrace", r"Call trace:\n\s+\[<[0-9a-f]{16}>\]"),
        ("panics", r"Kernel panic - not syncing: Fatal exception"),
    ] + list(extra):
        results.add(re.search(pattern, text) is not None, "%s: the report %s" % (test, what), b.lines)
    results.add(b.status == EXIT_PANIC, "%s: QEMU exits with status %d (got %s)"
                % (test, EXIT_PANIC, b.status), b.lines)


def check_stack_overflow(kernel, opensbi, results, build):
    """A kernel stack overflow is reported as Linux reports it, then the kernel panics.

    With an MMU (vmalloc'd stacks, a guard page below) the fault's trap entry
    moves to the overflow stack; without one the canary is found gone at the
    next switch.
    """
    b = qemu.boot(kernel, opensbi, bootargs="test=stack_overflow", timeout=60)
    hexa = r"0x[0-9a-f]+"
    if build == "mmu":
        patterns = [
            ("says so as Linux riscv", r"Insufficient stack space to handle exception!"),
            ("names the task, sp and the fault",
             r"stack_overflow\[\d+\]: kernel stack overflow: sp %s, Store/AMO page fault at %s" % (hexa, hexa)),
            ("gives the stack's bounds", r"Task stack: +\[0x([0-9a-f]{16})\.\.0x[0-9a-f]{16}\]"),
            ("gives the guard page, just below the stack",
             r"Task stack: +\[0x([0-9a-f]{16})\.\..*\nGuard page: +\[0x[0-9a-f]{16}\.\.0x\1\]"),
            ("gives the overflow stack", r"Overflow stack: +\[0x[0-9a-f]{16}\.\.0x[0-9a-f]{16}\]"),
            ("dumps registers", r"\bra\s*: [0-9a-f]{16}.*\bsp\s*: [0-9a-f]{16}"),
            ("prints a backtrace", r"Call trace:\n\s+\[<[0-9a-f]{16}>\]"),
            ("panics", r"Kernel panic - not syncing: Kernel stack overflow"),
        ]
    else:
        patterns = [
            ("says so as Linux", r"Thread overran stack, or stack corrupted"),
            ("names the task and the canary",
             r"stack_overflow\[\d+\]: kernel stack overflow: the canary at %s reads %s, not 0x57ac6e9d" % (hexa, hexa)),
            ("gives the stack's bounds", r"Task stack: +\[0x[0-9a-f]{16}\.\.0x[0-9a-f]{16}\]"),
            ("panics", r"Kernel panic - not syncing: corrupted stack end detected inside scheduler"),
        ]
    for what, pattern in patterns:
        results.add(re.search(pattern, b.text()) is not None,
                    "%s stack_overflow: the report %s" % (build, what), b.lines)
    results.add(b.status == EXIT_PANIC, "%s stack_overflow: QEMU exits with status %d (got %s)"
                % (build, EXIT_PANIC, b.status), b.lines)


def check_oom_panics(kernel, opensbi, results):
    """Out of memory with nothing to kill, and with panic_on_oom: Linux's report, then its panic."""
    for test, lines in [
        ("oom_nokill", [r"swapper invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_KERNEL",
                        r"Out of memory and no killable processes\.\.\.",
                        r"Kernel panic - not syncing: System is deadlocked on memory"]),
        ("oom_panic", [r"invoked oom-killer: gfp_mask=",
                       r"Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled"]),
    ]:
        b = qemu.boot(kernel, opensbi, bootargs="test=" + test, timeout=60)
        for pattern in lines:
            results.add(re.search(pattern, b.text()) is not None,
                        "%s: the log shows /%s/" % (test, pattern), b.lines)
        results.add(b.status == EXIT_PANIC, "%s: QEMU exits with status %d (got %s)"
                    % (test, EXIT_PANIC, b.status), b.lines)


def check_boot_log(label, b, results, want_normal):
    """What `make qemu` shows a new user: banner, zones, buddyinfo."""
    text = b.text()
    results.add("rvmm: a RISC-V teaching kernel" in text, "%s boot log: banner" % label, b.lines)
    results.add(re.search(r"DMA32\s+\[mem 0x0*80000000-", text) is not None,
                "%s boot log: DMA32 zone range" % label, b.lines)
    results.add(re.search(r"^Node 0, zone    DMA32( +\d+){11} $", text, re.M) is not None,
                "%s boot log: buddyinfo line for DMA32" % label, b.lines)
    has_normal = re.search(r"^Node 0, zone   Normal( +\d+){11} $", text, re.M) is not None
    results.add(has_normal == want_normal,
                "%s boot log: Normal zone %s" % (label, "shown" if want_normal else "empty"), b.lines)


RVMM_USER_CONFIGS = [  # (label, build, QEMU memory, paging mode limit)
    ("mmu sv48 128M", "mmu", "128M", "sv48"),
    ("mmu sv39 128M", "mmu", "128M", "sv39"),
    ("mmu sv57 128M", "mmu", "128M", "sv57"),
    ("mmu sv48 3G", "mmu", "3G", "sv48"),
    ("nommu 128M", "nommu", "128M", "sv48"),
    ("slob 128M", "slob", "128M", "sv48"),
]

# test_oom's 100 OOM kills in a row take over a minute with an MMU: they
# run in full on one MMU boot and without an MMU (where they are quick);
# the other boots, whose OOM paths are the same code, make 10.  Likewise
# test_reclaim's two hogs of twice RAM (a minute of swap I/O) run on that
# MMU boot; the others' hogs touch 125% of RAM.
FULL_OOM_STRESS = ("mmu sv48 128M", "nommu 128M")
OOM_STRESS_ROUNDS = 10
RECLAIM_HOG_PERCENT = 125


SWAP_DISK_SIZE = 512 << 20	# test_reclaim swaps out what twice a 128 MiB RAM does not fit


def swap_disk(kernel, label, results):
    """A fresh swap area for one user-test boot: a sparse 512 MiB image that mkswap formatted."""
    path = os.path.join(os.path.dirname(os.path.abspath(kernel)),
                        "swap-disk-%s.img" % re.sub(r"\W+", "-", label))
    ok, out = qemu.mkswap_image(path, SWAP_DISK_SIZE)
    results.add(ok, "[rvmm %s] mkswap wrote the swap disk" % label, out.split("\n"))
    return path


def run_rvmm_user_tests(kernel, opensbi, initramfs, label, mem, mmu, disk=None):
    """Boot rvmm with /bin/runtests as init: the user tests, on rvmm itself.

    debug_vm makes the kernel check every address space after each change
    to it (validate_mm), so a test that corrupts the VMAs panics at once.
    disk is the swap area test_swap swaps to, as /dev/vda.

    runtests prints each program's TAP under a "=== /bin/NAME ===" header,
    adds one result per zone saying whether the program gave back all its
    memory, ends with "N passed, M failed" and powers off.
    """
    rounds = "" if label in FULL_OOM_STRESS else "OOM_STRESS_ROUNDS=%d RECLAIM_HOG_PERCENT=%d " % (
        OOM_STRESS_ROUNDS, RECLAIM_HOG_PERCENT)
    b = qemu.boot(kernel, opensbi, mem=mem, mmu=mmu, initrd=initramfs, disk=disk,
                  bootargs="init=/bin/runtests debug_vm %s%s" % (rounds, SLUB_DEBUG), timeout=600)
    return label, b


def count_rvmm_user_tests(label, b, results):
    summary = qemu.count_runtests(b.lines, results, "[rvmm %s]" % label)
    check_slab_reports("rvmm " + label, "user tests", b, results)
    if not summary or b.status != 0:
        results.add(False, "[rvmm %s] runtests finished and powered off (status %s)"
                    % (label, b.status), b.lines)


IDLE_CPU_LIMIT = 10.0	# percent of one host core at an idle prompt


def check_console(kernel, opensbi, initramfs, label, results):
    """Type at the shell (init=/bin/sh) through QEMU's serial stdin: the line discipline and job control."""
    with qemu.Console(kernel, opensbi, initrd=initramfs, bootargs="init=/bin/sh") as c:
        def check(what, send, pattern, timeout=10):
            if send:
                c.send(send)
            results.add(c.expect(pattern, timeout) is not None, "[%s] console: %s" % (label, what),
                        c.text().split("\n")[-15:])
        check("a prompt", None, rb"\$ ", 60)
        pct = c.idle_cpu_percent(3)
        results.add(pct < IDLE_CPU_LIMIT, "[%s] console: idle at the prompt QEMU uses %.1f %% of a "
                    "host core (< %d %%)" % (label, pct, IDLE_CPU_LIMIT))
        check("typed characters are echoed", b"echo typed\r", rb"echo typed\r?\ntyped\r?\n")
        check("DEL erases (backspace-space-backspace)", b"echo helpx\x7f\x7fp\r",
              rb"\x08 \x08\x08 \x08p\r?\nhelp\r?\n")
        check("Ctrl-U kills the line", b"garbage\x15echo killed\r", rb"\r?\nkilled\r?\n")
        c.send(b"cat\r")
        time.sleep(0.5)
        check("cat reads a line from the tty", b"abc\r", rb"abc\r?\nabc\r?\n")
        check("Ctrl-C stops cat, and the shell prompts again", b"\x03", rb"\^C\r?\n\$ ")
        check("the shell survives Ctrl-C: $? is 130", b"echo status $?\r", rb"status 130\r?\n\$ ")
        c.send(b"cat\r")
        time.sleep(0.5)
        check("Ctrl-D ends cat's input", b"\x04", rb"\$ ")
        check("echo 1 > /proc/sys/vm/overcommit_memory", b"echo 1 > /proc/sys/vm/overcommit_memory\r"
              b"cat /proc/sys/vm/overcommit_memory\r", rb"overcommit_memory\r?\n1\r?\n")
        check("and back to 0", b"echo 0 > /proc/sys/vm/overcommit_memory\r"
              b"cat /proc/sys/vm/overcommit_memory\r", rb"overcommit_memory\r?\n0\r?\n")
        check("pwd after cd", b"cd /proc\rpwd\r", rb"pwd\r?\n/proc\r?\n")
        check("Ctrl-C at the prompt drops the line and prompts again", b"half a line\x03",
              rb"half a line\^C\r?\n\$ ")
        check("and the shell still runs commands", b"echo still here\r", rb"\r?\nstill here\r?\n")


GDB = "gdb-multiarch"
GDB_SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "gdb", "rvmm.py")
GDB_PROBE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gdb_probe.py")
SECTION = re.compile(r"^=== (.+?) ===\n(.*?)^=== end ===$", re.M | re.S)
LEVELS = {"sv39": 3, "sv48": 4, "sv57": 5}
COMMANDS_OF = {"maps": "rvmm-vmas", "buddyinfo": "rvmm-buddyinfo", "slabinfo": "rvmm-slabinfo",
               "meminfo": "rvmm-meminfo"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_probe(kernel, opensbi, initramfs, mem, mmu, extra):
    """Boot init=/bin/memprobe stopped for gdb, and run test/gdb_probe.py in gdb-multiarch.

    The console's sections ("=== /proc/meminfo ===") and gdb's ("=== gdb
    meminfo ===") come back as two dictionaries, with both outputs."""
    port = free_port()
    cmd = qemu.qemu_command(kernel, opensbi, mem=mem, mmu=mmu, initrd=initramfs,
                            bootargs="init=/bin/memprobe " + extra)
    with tempfile.TemporaryFile() as log:	# a file, not a pipe: nobody reads it while gdb runs
        vm = subprocess.Popen(cmd + ["-S", "-gdb", "tcp:127.0.0.1:%d" % port],
                              stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        try:
            g = subprocess.run([GDB, "-nx", "-q", "-batch", kernel, "-ex", "source " + GDB_SCRIPTS,
                                "-x", GDB_PROBE], env=dict(os.environ, RVMM_GDB_PORT=str(port)),
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=60)
            gdb_out = g.stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired as e:
            gdb_out = (e.stdout or b"").decode("utf-8", "replace") + "\n(gdb timed out)"
        try:
            vm.wait(timeout=20)	# memprobe's parent powers off once gdb lets it go on
        except subprocess.TimeoutExpired:
            vm.kill()
            vm.wait()
        log.seek(0)
        console = log.read().decode("utf-8", "replace").replace("\r", "")
    sections = lambda text: {m.group(1): m.group(2) for m in SECTION.finditer(text)}
    return sections(console), sections(gdb_out), console, gdb_out


def check_gdb(kernel, opensbi, initramfs, label, build, mem, mmu, extra, results):
    """The rvmm- gdb commands (scripts/gdb/) against what /proc said at the same moment.

    memprobe prints its /proc files; gdb, stopped where the kernel made
    each of them, printed what its command read from the kernel's own data
    structures: they must be equal.  At memprobe's madvise the walk of the
    page it wrote must end at a user leaf whose frame holds what it wrote."""
    if not shutil.which(GDB):
        results.add(False, "[%s] gdb: %s is installed (scripts/install-deps.sh)" % (label, GDB))
        return
    proc, got, console, gdb_out = gdb_probe(kernel, opensbi, initramfs, mem, mmu, extra)
    detail = (gdb_out.split("\n")[-20:] + ["--- console ---"] + console.split("\n")[-20:])
    for name, path in [("maps", "/proc/self/maps"), ("buddyinfo", "/proc/buddyinfo"),
                       ("slabinfo", "/proc/slabinfo"), ("meminfo", "/proc/meminfo")]:
        want, have = proc.get(path), got.get("gdb " + name)
        results.add(want is not None and want == have, "[%s] gdb: %s equals %s at the moment it was made"
                    % (label, COMMANDS_OF[name], path),
                    detail if want is None or have is None else
                    ["gdb:"] + have.split("\n") + [path + ":"] + want.split("\n"))
    m = re.search(r"^memprobe: pid (\d+) ppid (\d+) page 0x([0-9a-f]+) holds 0x([0-9a-f]+)$",
                  console, re.M)
    results.add(m is not None, "[%s] gdb: memprobe ran and said where its page is" % label, detail)
    if not m:
        return
    pid, ppid, va, word = int(m.group(1)), int(m.group(2)), int(m.group(3), 16), m.group(4)
    if build == "nommu":
        results.add("no MMU" in got.get("gdb pagetable-nommu", ""),
                    "[%s] gdb: rvmm-pagetable says the kernel has no MMU" % label, detail)
    else:
        walk = got.get("gdb pagetable-pid", "")
        steps = re.findall(r"^(\w+) +\[ *(\d+)\] @0x[0-9a-f]+  pte 0x[0-9a-f]{16}  ppn 0x[0-9a-f]+ +"
                           r"([V-] [R-] [W-] [X-] [U-] [G-] [A-] [D-])  sw \d", walk, re.M)
        want_index = [(va >> (12 + 9 * l)) & 511 for l in range(LEVELS[mmu] - 1, -1, -1)]
        results.add([int(i) for (_, i, _) in steps] == want_index and "Sv%s" % mmu[2:] in walk,
                    "[%s] gdb: rvmm-pagetable reads %d levels, each at the address's index"
                    % (label, LEVELS[mmu]), walk.split("\n"))
        leaf = steps[-1][2].split() if steps else []
        results.add(leaf[:3] == ["V", "R", "W"] and leaf[4] == "U" and
                    re.search(r"^leaf: 4K page at level 0, pfn 0x[0-9a-f]+ -> pa 0x[0-9a-f]+$", walk, re.M),
                    "[%s] gdb: the walk of memprobe's page ends at a 4K user leaf, V R W U" % label,
                    walk.split("\n"))
        results.add(got.get("gdb word", "").strip() == "0x" + word,
                    "[%s] gdb: the leaf's frame holds what memprobe wrote (0x%s)" % (label, word),
                    detail)
        pa = lambda text: re.findall(r"-> pa (0x[0-9a-f]+)", text)
        results.add(pa(walk) and pa(walk) == pa(got.get("gdb pagetable-satp", "")),
                    "[%s] gdb: the walk from satp ends where the walk from mm->pgd does" % label, detail)
        results.add(re.search(r"^stop at pte: the entry is empty",
                              got.get("gdb pagetable-null", ""), re.M) is not None,
                    "[%s] gdb: the walk of address 0 stops at an empty entry" % label, detail)
        page = got.get("gdb page", "")
        zone = re.search(r"^pfn 0x([0-9a-f]+) .* zone (\w+)$", page, re.M)
        results.add(zone is not None and
                    zone.group(2) == ("DMA32" if int(zone.group(1), 16) < 1 << 20 else "Normal")
                    and re.search(r"^page:0x[0-9a-f]+ refcount:1 mapcount:1 ", page, re.M) is not None
                    and re.search(r"^flags: 0x[0-9a-f]+\((?!.*(buddy|pcp|slab|reserved)).*\)$",
                                  page, re.M) is not None,
                    "[%s] gdb: rvmm-page of it: its zone, refcount 1, mapcount 1, neither free nor slab"
                    % label, page.split("\n"))
        results.add(re.search(r"^%08x-%08x rw-p 00000000 00:00 0 $" % (va, va + 4096),
                              got.get("gdb vmas-pid", ""), re.M) is not None,
                    "[%s] gdb: rvmm-vmas %d shows the page's VMA" % (label, pid), detail)
    ps = got.get("gdb ps", "")
    results.add(re.search(r"^\*\s*%d\s+%d\s+%d R memprobe\s+0x[0-9a-f]+$" % (pid, ppid, pid), ps, re.M)
                is not None and re.search(r"^\s+%d\s+0\s+%d [RS] memprobe\s+0x[0-9a-f]+$" % (ppid, ppid),
                                          ps, re.M) is not None,
                "[%s] gdb: rvmm-ps shows memprobe running and its parent" % label,
                ps.split("\n"))


# The gdb commands are checked in every configuration the user tests run in,
# and once more without slub_debug, whose debug caches never use the cpu
# freelists that rvmm-slabinfo must walk.  (label, build, memory, mode, boot arguments)
GDB_CONFIGS = [c + (SLUB_DEBUG,) for c in RVMM_USER_CONFIGS] + [
    ("mmu sv48 128M without slub_debug", "mmu", "128M", "sv48", "")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--nommu-kernel", default="", help="the no-MMU kernel (make NOMMU=1)")
    ap.add_argument("--slob-kernel", default="", help="the kernel with SLOB (make SLAB=slob)")
    ap.add_argument("--slab", default="slub", help="the allocator --kernel was built with")
    ap.add_argument("--opensbi", required=True)
    ap.add_argument("--host-tests", default="")
    ap.add_argument("--cppcheck", default="")
    ap.add_argument("--linux-tests", default="", help="user tests built against glibc")
    ap.add_argument("--user-tests", default="", help="user tests built against rvmm's libc")
    ap.add_argument("--initramfs", default="", help="the initramfs: run the user tests on rvmm")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--fuzz-seed", type=int, default=1, help="the fuzzer's seed (make test FUZZ_SEED=)")
    ap.add_argument("--linux-kernel", default="", help="Linux's vmlinux: run the user tests on it")
    ap.add_argument("--linux-kernel-fetch", default="", help="the command that fetches it")
    ap.add_argument("--linux-initramfs", default="", help="the initramfs with /bin/linuxrc")
    args = ap.parse_args()
    results = Results()

    run_host_tests(args.host_tests.split(), results)
    run_cppcheck(args.cppcheck, results)
    check_kernel_params(results)
    run_qemu_user_tests("linux", args.linux_tests.split(), results)
    run_qemu_user_tests("qemu-user", args.user_tests.split(), results)

    kernels = {"mmu": args.kernel, "nommu": args.nommu_kernel, "slob": args.slob_kernel}
    configs = [c for c in CONFIGS if kernels[c[1]]]
    if args.slab != "slub":	# make SLAB=slob test: no SLUB design suite to run
        configs = [c[:5] + ([t for t in c[5] if t != "slub"],) + c[6:] for c in configs]
    # The sv57 device trees are made once, before boots run in parallel.
    for (label, build, mem, mmu, extra, suites, attach) in configs:
        if mmu == "sv57":
            qemu.qemu_command(args.kernel, args.opensbi, mem=mem, mmu=mmu)
    initrd_path = test_initrd(args.kernel)
    jobs = [(label, build, mem, mmu, extra, suite, attach)
            for (label, build, mem, mmu, extra, suites, attach) in configs for suite in suites]
    disks = {(label, suite): test_disk(kernels[build], "%s %s" % (label, suite), results)
             for (label, build, mem, mmu, extra, suite, attach) in jobs
             if attach and attach.endswith("disk")}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(qemu.boot, kernels[build], args.opensbi, mem=mem, mmu=mmu,
                               bootargs=("test=%s %s %s" % (suite, extra, SLUB_DEBUG)).strip(),
                               timeout=120,
                               initrd=initrd_path if attach == "initrd" else None,
                               disk=disks.get((label, suite)),
                               virtio="legacy" if attach == "legacy disk" else "modern")
                   for (label, build, mem, mmu, extra, suite, attach) in jobs]
        for (label, build, mem, mmu, extra, suite, attach), f in zip(jobs, futures):
            b = f.result()
            results.tap("[%s] %s" % (label, suite), b.lines, 0, b.status)
            check_slab_reports(label, suite, b, results)
            if suite == "memblock":
                check_boot_log("[%s]" % label, b, results, want_normal=(mem == "3G"))
                paging = ("paging: Sv%d" % {"sv39": 39, "sv48": 48, "sv57": 57}[mmu]
                          if build == "mmu" else "paging: none (satp = Bare)")
                results.add(paging in b.text(), "[%s] boot log: names the paging mode" % label,
                            b.lines)
                if attach == "initrd":
                    results.add(re.search(r"^Freeing initrd memory: \d+K$", b.text(), re.M)
                                is not None, "[%s] boot log: the initrd is freed" % label, b.lines)
                results.add("virtio_blk" not in b.text(),
                            "[%s] boot log: no disk, no virtio_blk line" % label, b.lines)
            if (label, suite) in disks:
                results.add(DISK_LOG in b.lines, "[%s] boot log: %s" % (label, DISK_LOG), b.lines)
                check_disk_after(label, disks[(label, suite)], results)
    if args.initramfs:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            runs = [pool.submit(run_rvmm_user_tests, kernels[build], args.opensbi, args.initramfs,
                                label, mem, mmu, swap_disk(kernels[build], label, results))
                    for (label, build, mem, mmu) in RVMM_USER_CONFIGS if kernels[build]]
            for f in runs:
                count_rvmm_user_tests(*f.result(), results)
    if args.initramfs:	# the rvmm- gdb commands against /proc (docs/debugging.md)
        for (label, build, mem, mmu, extra) in GDB_CONFIGS:
            if kernels[build]:
                check_gdb(kernels[build], args.opensbi, args.initramfs, label, build, mem, mmu,
                          extra, results)
    if args.initramfs and args.nommu_kernel and args.slab == "slub":
        # make grade (test/grade.py): one full grade, and its files read back
        import grade_check  # noqa: E402
        graded = grade_check.check({"mmu": args.kernel, "nommu": args.nommu_kernel}, args.opensbi,
                                   args.initramfs, SUITES + ["slub"], NOMMU_SUITES + ["slub"], results)
    # The user tests on a real Linux kernel (test/linux_kernel.py).
    if args.linux_kernel and args.linux_initramfs:
        if not args.linux_kernel_fetch or linux_kernel.fetch(args.linux_kernel_fetch, results):
            linux_kernel.run(args.linux_kernel, args.opensbi, args.linux_initramfs, results)
    check_fault(args.kernel, args.opensbi, results)
    if args.nommu_kernel:	# without an MMU the same read is an access fault
        check_fault(args.nommu_kernel, args.opensbi, results, label="nommu fault",
                    cause=r"Load access fault \(scause=0x5")
    check_oom_panics(args.kernel, args.opensbi, results)
    for build in ("mmu", "nommu"):
        if kernels[build]:
            check_stack_overflow(kernels[build], args.opensbi, results, build)
    check_fault(args.kernel, args.opensbi, results, test="vmalloc_guard",
                stval=r"0xffff8f80[0-9a-f]{8}", extra=[
                    ("names the vmalloc area",
                     r"is in the guard page of the vmalloc area 0x[0-9a-f]{16}-0x[0-9a-f]{16}")])
    if args.initramfs:
        for build in ("mmu", "nommu"):
            if kernels[build]:
                check_console(kernels[build], args.opensbi, args.initramfs, build, results)
    if args.initramfs:
        # A bounded run of the fuzzer (make fuzz runs longer): no panic, hang or lost page.
        import fuzz  # noqa: E402 (it imports this module's Results)
        fuzz.run_fuzz(args.kernel, args.opensbi, args.initramfs, seed=args.fuzz_seed,
                      calls=FUZZ_CALLS, workers=4, timeout=300, results=results,
                      avoid=FUZZ_AVOID)
    check_fault(args.kernel, args.opensbi, results, test="wx",
                cause=r"Store/AMO page fault \(scause=0xf", stval=r"0xffffffff80200000")
    if args.initramfs and args.nommu_kernel and args.slab == "slub":
        # Every lab's handout builds, boots, fails its own checks and passes the rest (test/labs.py).
        import labs  # noqa: E402
        labs.run(results, args.opensbi, jobs=args.jobs, full=graded.cases)

    print("%d passed, %d failed" % (results.passed, results.failed))
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
