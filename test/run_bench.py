#!/usr/bin/env python3
"""test/run_bench.py: `make bench`.

Instruction counts come from a boot with test=bench under QEMU -icount
shift=0, where the instret CSR counts guest instructions exactly, so they
repeat from run to run; the reclaim figures count one task's instructions
(perf_event_open), so the swap disk's time is not in them.  Wall-clock
figures come from boots without -icount, and grade_wall from one `make
grade` of both kernels.  Every figure is printed as "bench NAME VALUE
UNIT"; targets are commented after it.
"""
import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

TARGETS = {  # name: (comparison, limit)
    "order0_alloc_free": ("<=", 80),
    "kmalloc64_kfree": ("<=", 70),
    "kmem_cache_alloc_free": ("<=", 50),
    "struct_page_size": ("<=", 32),
    "boot_16g_meminit_wall": ("<=", 2000),
    "fork_16m_ratio": (">=", 50),
    "anon_fault_zero": ("<=", 1500),
    "cow_fault": ("<=", 2000),
    "console_idle_cpu": ("<=", 10),
    "grade_wall": ("<=", 30),
}
BENCH = re.compile(r"^bench (\S+) (\S+) (\S+)$")


def report(name, value, unit):
    line = "bench %s %s %s" % (name, value, unit)
    if name in TARGETS:
        op, limit = TARGETS[name]
        met = float(value) <= limit if op == "<=" else float(value) >= limit
        line += "    # target %s %s: %s" % (op, limit, "met" if met else "NOT met")
    print(line, flush=True)


def bench_grade(args):
    """make grade of both kernels (test/grade.py), as an instructor runs it: its wall time."""
    import grade  # noqa: E402
    with tempfile.TemporaryDirectory() as out:
        t0 = time.monotonic()
        r = grade.grade({"mmu": args.kernel, "nommu": args.nommu_kernel}, args.opensbi,
                        args.initramfs, outdir=out, out=io.StringIO())
        wall = time.monotonic() - t0
    if r.score != r.max_score:
        print("bench grade_wall: the grade was not full marks (%s of %s)" % (r.score, r.max_score))
        return False
    report("grade_wall", "%.1f" % wall, "s")
    return True


def bench_reclaim(args):
    """Reclaim with a swap disk (a fresh sparse 512 MiB image), counted under -icount: a
    page out and back, and kswapd's pages per million of its own instructions."""
    disk = os.path.join(os.path.dirname(os.path.abspath(args.kernel)), "bench-swap.img")
    made, _ = qemu.mkswap_image(disk, 512 << 20)
    b = qemu.boot(args.kernel, args.opensbi, bootargs="init=/bin/reclaimbench", icount=True,
                  timeout=300, initrd=args.initramfs, disk=disk)
    os.unlink(disk)
    found = {m.group(1): m for m in (BENCH.match(l.strip()) for l in b.lines) if m}
    ok = True
    for name in ("swap_out_in_4k", "kswapd_reclaim_rate"):
        if name in found:
            report(*found[name].groups())
        else:
            print("bench %s: no measurement (mkswap %s, boot status %s)"
                  % (name, "made the disk" if made else "failed", b.status))
            ok = False
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--opensbi", required=True)
    ap.add_argument("--initramfs", required=True)
    ap.add_argument("--policy-trace", help="test/host/unit_reclaim_policy, built")
    ap.add_argument("--nommu-kernel", default="", help="the no-MMU kernel: time make grade")
    ap.add_argument("--only", choices=["reclaim"], help="just these figures")
    args = ap.parse_args()
    if args.only == "reclaim":
        return 0 if bench_reclaim(args) else 1
    failed = False

    # The replacement policies' faults on one trace with locality (a host run, exact by construction).
    if args.policy_trace:
        out = subprocess.run([args.policy_trace], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        lines = [BENCH.match(l.strip()) for l in out.stdout.decode("utf-8", "replace").split("\n")]
        found = [m for m in lines if m and m.group(1).startswith("reclaim_policy_faults_")]
        for m in found:
            report(*m.groups())
        if out.returncode != 0 or len(found) != 4:
            print("bench reclaim_policy_faults: the trace failed (status %s)" % out.returncode)
            failed = True

    b = qemu.boot(args.kernel, args.opensbi, bootargs="test=bench", icount=True, timeout=300,
                  initrd=args.initramfs)
    for line in b.lines:
        m = BENCH.match(line.strip())
        if m:
            report(*m.groups())
    if b.status != 0:
        print("bench boot failed (status %s)" % b.status)
        failed = True

    # The boot a user sees, kernel entry to the shell's first prompt: counted, then timed.
    for name, icount in (("boot_to_prompt", True), ("boot_to_prompt_wall", False)):
        b = qemu.boot(args.kernel, args.opensbi, bootargs="bench=prompt", icount=icount,
                      timeout=300, initrd=args.initramfs)
        m = next((BENCH.match(l.strip()) for l in b.lines
                  if BENCH.match(l.strip()) and BENCH.match(l.strip()).group(1) == name), None)
        if m:
            report(*m.groups())
        else:
            print("bench %s: no measurement (status %s)" % (name, b.status))
            failed = True

    # The OOM killer: a 32 MiB victim, from out_of_memory()'s entry to the asker's success.
    b = qemu.boot(args.kernel, args.opensbi, bootargs="bench=oom init=/bin/oombench", icount=True,
                  timeout=300, initrd=args.initramfs)
    m = next((BENCH.match(l.strip()) for l in b.lines
              if BENCH.match(l.strip()) and BENCH.match(l.strip()).group(1) == "oom_kill"), None)
    if m:
        report(*m.groups())
    else:
        print("bench oom_kill: no measurement (status %s)" % b.status)
        failed = True

    if not bench_reclaim(args):
        failed = True

    # A user at the prompt, typing nothing: the share of a host core QEMU burns (wall-clock based).
    with qemu.Console(args.kernel, args.opensbi, initrd=args.initramfs,
                      bootargs="init=/bin/sh") as c:
        if c.expect(rb"\$ ", 60):
            time.sleep(1)	# the boot's last output settles
            report("console_idle_cpu", "%.1f" % c.idle_cpu_percent(10), "%")
        else:
            print("bench console_idle_cpu: no prompt")
            failed = True

    b = qemu.boot(args.kernel, args.opensbi, mem="16G", bootargs="test=memblock", timeout=300)
    m = re.search(r"buddy allocator ready ([\d.]+) ms after kernel entry", b.text())
    if m:
        report("boot_16g_meminit_wall", m.group(1), "ms")
    else:
        print("bench boot_16g_meminit_wall: no measurement (status %s)" % b.status)
        failed = True

    if args.nommu_kernel and not bench_grade(args):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
