#!/usr/bin/env python3
"""test/linux_kernel.py: the user tests on a real Linux kernel, the oracle.

Debian's riscv64 kernel (scripts/fetch-linux-kernel.sh unpacks it into
build/linux-kernel/) boots in the same QEMU machine as rvmm, Sv48 and
128 MiB (`make linux-test MEM=3G MMU=sv39` changes them), with rvmm's own
initramfs plus /bin/linuxrc (build/linux-initramfs.cpio, user/user.mk) and
rdinit=/bin/linuxrc, and Debian's virtio_mmio and virtio_blk modules in
a third archive with a swap disk attached: linuxrc loads the modules,
mounts /proc, /tmp, devtmpfs on /dev (the disk is /dev/vda) and
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
# Debian builds the virtio-mmio transport and the virtio-blk driver as
# modules; linuxrc loads these (in this order) from /lib/modules/rvmm/, so
# that the swap disk is /dev/vda as on rvmm.
MODULES = ["kernel/drivers/virtio/virtio_mmio.ko.xz", "kernel/drivers/block/virtio_blk.ko.xz"]
SWAP_DISK_SIZE = 512 << 20	# sparse: only what is written takes room


def modules_initramfs(kernel, initramfs):
    """initramfs with a third archive appended: MODULES from the kernel's package, or None.

    Linux unpacks every archive of a concatenated initrd, so rvmm's own
    archive stays as it is.  Returns (path or None, what went wrong)."""
    base = os.path.join(os.path.dirname(os.path.abspath(kernel)), "usr", "lib", "modules")
    versions = sorted(os.listdir(base)) if os.path.isdir(base) else []
    if len(versions) != 1:
        return None, "%s holds %d module trees, not one" % (base, len(versions))
    members = [("lib", 0o40755, b""), ("lib/modules", 0o40755, b""), ("lib/modules/rvmm", 0o40755, b"")]
    for n, rel in enumerate(MODULES, 1):
        path = os.path.join(base, versions[0], rel)
        if not os.path.exists(path):
            return None, "%s is not in the kernel's package" % path
        with open(path, "rb") as f:
            members.append(("lib/modules/rvmm/%d-%s" % (n, os.path.basename(rel)), 0o100644, f.read()))
    out = os.path.join(os.path.dirname(os.path.abspath(initramfs)), "linux-initramfs-modules.cpio")
    with open(initramfs, "rb") as f:
        data = f.read()
    with open(out, "wb") as f:
        f.write(data + qemu.newc_archive(members))
    return out, ""


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
    # The swap disk, as rvmm's user-test boots have it (test_swap, test_reclaim).
    initrd, why = modules_initramfs(kernel, initramfs)
    results.add(initrd is not None, "%s the virtio modules are in the kernel's package" % LABEL, [why])
    disk = os.path.join(os.path.dirname(os.path.abspath(initramfs)), "linux-swap-disk.img")
    made, out = qemu.mkswap_image(disk, SWAP_DISK_SIZE)
    results.add(made, "%s mkswap wrote the swap disk" % LABEL, out.split("\n"))
    b = qemu.boot(kernel, opensbi, mem=mem, mmu=mmu, initrd=initrd or initramfs,
                  bootargs=bootargs, timeout=timeout, disk=disk if made else None)
    results.add(initrd is None or "linuxrc: loaded virtio_blk" in b.text(),
                "%s linuxrc loaded the virtio modules" % LABEL, b.lines)
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
