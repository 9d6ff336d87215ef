#!/usr/bin/env python3
"""scripts/iprof.py: where do the instructions of one call go?

Boots the kernel under QEMU with one instruction per translation block and
an execution trace, then prints, for the Nth call of FUNCTION after warm-up,
every instruction executed until FUNCTION is next entered, with the
function each belongs to.  Deterministic under -icount.

    python3 scripts/iprof.py build/kernel.elf alloc_pages [--bootargs test=bench] [--nth 500]
        [--initrd build/initramfs.cpio]
"""
import argparse
import bisect
import collections
import re
import subprocess
import tempfile

OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kernel")
    ap.add_argument("function")
    ap.add_argument("--bootargs", default="test=bench")
    ap.add_argument("--nth", type=int, default=-500, help="which call (negative: from the end)")
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--initrd", default="", help="an initramfs (for benchmarks that exec files)")
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
        m = re.match(r"\s+([0-9a-f]+):\s+(.*)", line)
        if m:
            dis[int(m.group(1), 16)] = m.group(2).strip()

    def fn(pc):
        i = bisect.bisect_right(addrs, pc) - 1
        if pc >= kernel_end:
            return "user"	# without an MMU, programs run in RAM above the kernel
        return syms[i][1] if i >= 0 and pc >= 0x80200000 else "firmware"

    with tempfile.NamedTemporaryFile(suffix=".log") as log:
        subprocess.run(["qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64", "-m", args.mem,
                        "-nographic", "-bios", OPENSBI, "-kernel", args.kernel,
                        "-append", args.bootargs, "-icount", "shift=0", "-singlestep"] +
                       (["-initrd", args.initrd] if args.initrd else []) + [
                        "-d", "exec,nochain", "-D", log.name],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, timeout=600)
        pcs = [int(m.group(1), 16) for m in
               (re.search(r"\[[0-9a-f]+/([0-9a-f]+)/", l) for l in open(log.name)) if m]
    names = [fn(p) for p in pcs]
    starts = [i for i in range(1, len(names))
              if names[i] == args.function and names[i - 1] != args.function]
    a, b = starts[args.nth], starts[args.nth + 1]
    for p in pcs[a:b]:
        print("%-28s %s" % (fn(p), dis.get(p, "?")))
    print("%d instructions:" % (b - a), collections.Counter(names[a:b]).most_common())


if __name__ == "__main__":
    main()
