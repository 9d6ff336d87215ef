#!/usr/bin/env python3
"""scripts/iprof.py: where do the instructions of one call go?

Boots the kernel under QEMU with one instruction per translation block and
an execution trace, then prints, for the Nth call of FUNCTION after warm-up,
every instruction executed until FUNCTION is next called, with the
function each belongs to, and how many each function had.  Deterministic
under -icount.

    python3 scripts/iprof.py build/kernel.elf alloc_pages [--bootargs test=bench] [--nth 500]
        [--initrd build/initramfs.cpio] [--swap-disk]

--swap-disk attaches a fresh 64 MiB swap disk (make bench's reclaim figures:
--bootargs "init=/bin/reclaimbench -- 20" sys_madvise).
"""
import argparse
import array
import bisect
import collections
import re
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test"))
import qemu  # noqa: E402

OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kernel")
    ap.add_argument("function")
    ap.add_argument("--bootargs", default="test=bench")
    ap.add_argument("--nth", type=int, default=-500, help="which call (negative: from the end)")
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--initrd", default="", help="an initramfs (for benchmarks that exec files)")
    ap.add_argument("--swap-disk", action="store_true", help="attach a fresh swap disk as vda")
    ap.add_argument("--trace", help="read this QEMU exec trace (-d exec,nochain) instead of booting")
    args = ap.parse_args()

    syms = []
    kernel_end = 1 << 64
    for line in subprocess.run(["riscv64-unknown-elf-nm", "-n", args.kernel],
                               capture_output=True, text=True).stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tT":
            syms.append((int(parts[0], 16), parts[2]))
        if len(parts) == 3 and parts[2] == "_end":
            kernel_end = int(parts[0], 16)
    addrs = [a for a, _ in syms]
    dis = {}
    for line in subprocess.run(["riscv64-unknown-elf-objdump", "-d", "--no-show-raw-insn", args.kernel],
                               capture_output=True, text=True).stdout.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\s+(.*)", line)
        if m:
            dis[int(m.group(1), 16)] = m.group(2).strip()

    def fn(pc):
        i = bisect.bisect_right(addrs, pc) - 1
        if pc >= kernel_end or pc < 0x80000000:
            return "user"	# without an MMU, programs run in RAM above the kernel
        return syms[i][1] if i >= 0 and pc >= 0x80200000 else "firmware"

    entry = next((a for a, name in syms if name == args.function), None)
    if entry is None:
        sys.exit("iprof: no function %s in %s" % (args.function, args.kernel))
    if args.trace:
        pcs = trace_pcs(args.trace)
    else:
        with tempfile.NamedTemporaryFile(suffix=".log") as log, \
                tempfile.NamedTemporaryFile(suffix=".img") as disk:
            extra = ["-initrd", args.initrd] if args.initrd else []
            if args.swap_disk:
                made, why = qemu.mkswap_image(disk.name, 64 << 20)
                if not made:
                    sys.exit("iprof: mkswap: " + why)
                extra += qemu.disk_args(disk.name)
            subprocess.run(["qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64",
                            "-m", args.mem, "-nographic", "-bios", OPENSBI, "-kernel", args.kernel,
                            "-append", args.bootargs, "-icount", "shift=0", "-singlestep"] + extra +
                           ["-d", "exec,nochain", "-D", log.name],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, timeout=600)
            pcs = trace_pcs(log.name)
    # A call is a jump to the function's first instruction (a callee returning into it is not).
    starts = [i for i, p in enumerate(pcs) if p == entry]
    a, b = starts[args.nth], starts[args.nth + 1]
    names = [fn(p) for p in pcs[a:b]]
    for p, name in zip(pcs[a:b], names):
        print("%-28s %s" % (name, dis.get(p, "?")))
    print("%d instructions:" % (b - a), collections.Counter(names).most_common())


def trace_pcs(path):
    """The pc of every instruction in QEMU's exec trace ("Trace 0: HOST [CSBASE/PC/FLAGS/...] ...")."""
    pcs = array.array("Q")
    with open(path) as f:
        for line in f:
            if line.startswith("Trace"):
                left = line.index("/") + 1
                pcs.append(int(line[left:line.index("/", left)], 16))
    return pcs

if __name__ == "__main__":
    main()
