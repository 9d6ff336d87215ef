#!/usr/bin/env python3
"""test/linux_kernel.py: the user tests on a real Linux kernel, the oracle.

Debian's riscv64 kernel (scripts/fetch-linux-kernel.sh unpacks it into
build/linux-kernel/) boots in the same QEMU machine as rvmm, Sv48 and
128 MiB (`make linux-test MEM=3G MMU=sv39` changes them), with rvmm's own
initramfs plus /bin/linuxrc (build/linux-initramfs.cpio, user/user.mk) and
rdinit=/bin/linuxrc: linuxrc mounts /proc, /tmp and
/dev/shm, runs /bin/runtests (every /bin/test_*, or the programs named
after "--"), and powers off.  Every TAP line is one result,
"[linux-kernel] test_mmap: what" (qemu.count_runtests, as for rvmm's
boots); a boot that does not finish, or a kernel that cannot be fetched,
is one more failure.

Used by run_tests.py (`make test`) and on its own by `make linux-test`:

    test/linux_kernel.py --kernel build/linux-kernel/vmlinux \\
        --opensbi .../fw_dynamic.bin --initramfs build/linux-initramfs.cpio [test_mmap ...]
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

LABEL = "[linux-kernel]"
BOOTARGS = "console=ttyS0 rdinit=/bin/linuxrc quiet panic=-1"


def fetch(command, results):
    """Run the fetch command (idempotent); False, with one FAIL, if it fails."""
    try:
        p = subprocess.run(command, shell=True, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=900)
        ok, out = p.returncode == 0, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        ok, out = False, (e.stdout or b"").decode("utf-8", "replace") + "\n(timed out)"
    if not ok:
        results.add(False, "%s Debian's Linux kernel could be fetched (%s)" % (LABEL, command),
                    out.strip().split("\n"))
    return ok


def run(kernel, opensbi, initramfs, results, programs=(), mem="128M", mmu="sv48", timeout=300):
    """Boot Linux with rvmm's initramfs; count runtests' results.  Returns the boot."""
    if not os.path.exists(kernel):
        results.add(False, "%s %s is there (scripts/fetch-linux-kernel.sh)" % (LABEL, kernel))
        return None
    version_file = os.path.join(os.path.dirname(kernel), "VERSION")
    version = open(version_file).read().strip() if os.path.exists(version_file) else "?"
    bootargs = BOOTARGS + (" -- " + " ".join(programs) if programs else "")
    b = qemu.boot(kernel, opensbi, mem=mem, mmu=mmu, initrd=initramfs,
                  bootargs=bootargs, timeout=timeout)
    summary = qemu.count_runtests(b.lines, results, LABEL)
    results.add(summary and b.status == 0,
                "%s runtests finished and Linux %s powered off (%s %s, status %s, %.1f s)"
                % (LABEL, version, mmu, mem, b.status, b.seconds), b.lines)
    return b


def main():
    import run_tests  # its Results: the same lines and verdict as `make test`

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernel", required=True, help="build/linux-kernel/vmlinux")
    ap.add_argument("--opensbi", required=True)
    ap.add_argument("--initramfs", required=True)
    ap.add_argument("--mem", default="128M", help="QEMU -m")
    ap.add_argument("--mmu", default="sv48", choices=sorted(qemu.MMU_ARGS),
                    help="the largest paging mode (no4lvl/no5lvl, as for rvmm)")
    ap.add_argument("--fetch", default="", help="the command that fetches the kernel first")
    ap.add_argument("programs", nargs="*", help="the tests to run (default: every /bin/test_*)")
    args = ap.parse_args()
    results = run_tests.Results()
    if not args.fetch or fetch(args.fetch, results):
        run(args.kernel, args.opensbi, args.initramfs, results, args.programs,
            mem=args.mem, mmu=args.mmu)
    print("%d passed, %d failed" % (results.passed, results.failed))
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
