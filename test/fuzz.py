#!/usr/bin/env python3
"""test/fuzz.py: boot rvmm with /bin/fuzz as init and judge the run.

    python3 test/fuzz.py --kernel build/kernel.elf \\
        --opensbi /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin \\
        --initramfs build/initramfs.cpio --seed 1 --calls 20000 --workers 4 --timeout 600

The kernel passes init no arguments yet, so fuzz's arguments go after
"--" on the kernel command line (init=/bin/fuzz -- -s 1 -n 20000 -j 4),
where Linux would take init's arguments from; fuzz reads them back from
the kernel log.  Standard library only.

The run fails on a kernel panic, an oops or an unhandled exception; on a
hang (a worker that has not finished says nothing for --watchdog seconds,
or the whole run outlives --timeout); on any "not ok" in fuzz's summary,
or a summary without its plan; and when QEMU does not power off with
status 0.  Each check prints one "ok   ..." or "FAIL ..." line, as
run_tests.py's do; the exit status is non-zero when any failed.

For integration, run_fuzz() does one boot and adds its results to a
run_tests.Results.
"""
import argparse
import os
import queue
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402
from run_tests import Results  # noqa: E402

# What the kernel prints when it dies (kernel/trap.c, kernel/panic.c), as Linux does.
DEATH = ["Kernel panic", "Oops", "BUG:", "Unhandled exception"]
PROGRESS = re.compile(r"fuzz: worker (\d+): (\d+) calls$")
FINISHED = re.compile(r"fuzz: worker (\d+): (done|lost)\b")
SEED = re.compile(r"fuzz: seed (\d+) calls (\d+) workers (\d+)")
TAP = re.compile(r"^(not ok|ok) (\d+)(?: - (.*))?$")
PLAN = re.compile(r"^1\.\.(\d+)$")
RATE = re.compile(r"fuzz: (\d+) calls in ([\d.]+) s, (\d+) calls/s")
# What a worker says when it finds something: worth showing whatever else happens.
FINDING = re.compile(r"fuzz: worker \d+: (broken|stuck|lost|VmPTE)|fuzz: cannot|^# ")
LOST = re.compile(r"fuzz: worker (\d+): lost at call (\d+)")


def fuzz_args(seed, calls, workers, progress=None, avoid=None, only=None, trace=False):
    """fuzz's command line, as words."""
    args = ["-s", str(seed), "-n", str(calls), "-j", str(workers)]
    if progress:
        args += ["-p", str(progress)]
    if avoid:
        args += ["-a", avoid]
    if only:
        args += ["-o", only]
    if trace:
        args.append("-x")
    return args


def stream(cmd, timeout, watchdog):
    """Run QEMU; yield console lines as they come, then one final (status, why) tuple.

    why is None, "timeout" (the run outlived timeout) or "hang" (a worker
    that had not finished said nothing for watchdog seconds).
    """
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    lines = queue.Queue()

    def reader():
        for raw in p.stdout:
            lines.put(raw)
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    start = time.monotonic()
    heard = {}		# worker -> when it last reported progress
    why = None
    while True:
        now = time.monotonic()
        if now - start > timeout:
            why = "timeout"
            break
        stalled = [w for w, t in heard.items() if now - t > watchdog]
        if stalled:
            why = "hang: worker %s silent for %d s" % (",".join(map(str, stalled)), watchdog)
            break
        try:
            raw = lines.get(timeout=1)
        except queue.Empty:
            continue
        if raw is None:
            break
        line = qemu.TIMESTAMP.sub("", raw.decode("utf-8", "replace").replace("\r", "").rstrip("\n"))
        m = SEED.search(line)
        if m:
            heard = {w: time.monotonic() for w in range(int(m.group(3)))}
        m = PROGRESS.search(line)
        if m and int(m.group(1)) in heard:
            heard[int(m.group(1))] = time.monotonic()
        m = FINISHED.search(line)
        if m:
            heard.pop(int(m.group(1)), None)
        yield line
    if why:
        p.kill()
    status = p.wait()
    yield (None if why else status, why)


def run_fuzz(kernel, opensbi, initramfs, seed, calls, workers, timeout=600, watchdog=60,
             mem="128M", mmu="sv48", results=None, label=None, log=None, **fuzz_kw):
    """One boot of rvmm with init=/bin/fuzz; adds its checks to results (a run_tests.Results).

    The kernel boots with debug_vm: every change to an address space is
    followed by validate_mm, which panics on a broken VMA list or tree.

    fuzz_kw: progress, avoid, only, trace (see fuzz_args).  log, if given,
    is a file name for the whole console output.  Returns (results, console lines).
    """
    results = results or Results()
    label = label or "fuzz seed %s" % seed
    words = fuzz_args(seed, calls, workers, **fuzz_kw)
    cmd = qemu.qemu_command(kernel, opensbi, mem=mem, mmu=mmu, initrd=initramfs,
                            bootargs="debug_vm init=/bin/fuzz -- " + " ".join(words))
    out, status, why = [], None, None
    for item in stream(cmd, timeout, watchdog):
        if isinstance(item, tuple):
            status, why = item
        else:
            out.append(item)
    if log:
        with open(log, "w") as f:
            f.write("\n".join(out) + "\n")
    failed = results.failed
    judge(label, out, status, why, results)
    findings = [l for l in out if FINDING.search(l)]
    for l in findings[:40]:
        print("     | " + l)
    if results.failed > failed:
        for hint in reproduce(seed, calls, workers, out, why, fuzz_kw):
            print("     reproduce: " + hint)
    return results, out


def reproduce(seed, calls, workers, out, why, fuzz_kw):
    """Commands that rerun this boot, and each lost or silent worker alone, traced.

    Worker W of seed S draws what worker 0 of seed S+W does; alone it must
    make the same number of calls (its share of the total).
    """
    extra = "".join(" --%s %s" % (k, v) for k, v in sorted(fuzz_kw.items())
                    if v and k != "trace")
    hints = ["python3 test/fuzz.py --seed %s --calls %s --workers %s%s"
             % (seed, calls, workers, extra)]
    alone = {}	# worker -> what happened to it
    for line in out:
        m = LOST.search(line)
        if m:
            alone[int(m.group(1))] = "lost at call %s" % m.group(2)
    m = re.search(r"hang: worker ([\d,]+)", why or "")
    for w in map(int, m.group(1).split(",")) if m else []:
        said = [int(p.group(2)) for p in map(PROGRESS.search, out) if p and int(p.group(1)) == w]
        alone[w] = "silent after call %d" % (said[-1] if said else 0)
    for w, what in sorted(alone.items()):
        share = calls // workers + (w < calls % workers)
        hints.append("python3 test/fuzz.py --seed %d --calls %d --workers 1%s --trace"
                     "   # worker %d alone, %s" % (seed + w, share, extra, w, what))
    return hints


def judge(label, out, status, why, results):
    """The checks of one run, from its console lines."""
    died = [l for l in out if any(d in l for d in DEATH)]
    shown = bool(died or why)	# the console's tail is shown once, with the first failure
    results.add(not died, "[%s] no kernel panic, oops or unhandled exception" % label,
                out if died else None)
    results.add(why is None, "[%s] finished without hanging%s" % (label, " (%s)" % why if why else ""),
                out if why and not died else None)
    # Only what follows "fuzz: results" counts: random bytes the workers write to
    # the console could look like anything.
    tail = out[next((i for i, l in enumerate(out) if l.strip() == "fuzz: results"), len(out)):]
    n, plan = 0, None
    for line in tail:
        m = TAP.match(line.strip())
        if m:
            n += 1
            results.add(m.group(1) == "ok", "[%s] %s" % (label, m.group(3) or m.group(2)))
        elif PLAN.match(line.strip()):
            plan = int(PLAN.match(line.strip()).group(1))
    whole = plan is not None and plan == n
    results.add(whole, "[%s] printed its whole plan (%s of %s)" % (label, n, plan),
                out if not whole and not shown else None)
    shown |= not whole
    results.add(status == 0, "[%s] powered off with status 0 (got %s)" % (label, status),
                out if not shown else None)
    for line in tail:
        m = RATE.search(line)
        if m:
            print("     %s calls in %s s: %s calls/s" % m.groups())


def main():
    ap = argparse.ArgumentParser(description="boot rvmm with /bin/fuzz as init")
    ap.add_argument("--kernel", default="build/kernel.elf")
    ap.add_argument("--opensbi", default="/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin")
    ap.add_argument("--initramfs", default="build/initramfs.cpio")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--calls", type=int, default=50000)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=600, help="seconds for the whole boot")
    ap.add_argument("--watchdog", type=float, default=60,
                    help="seconds a worker may go without a progress line")
    ap.add_argument("--progress", type=int, default=None, help="fuzz -p: calls per progress line")
    ap.add_argument("--avoid", default=None, help="fuzz -a: known kernel bugs to step around, or all")
    ap.add_argument("--only", default=None, help="fuzz -o: the calls to make (mmap,brk,...)")
    ap.add_argument("--trace", action="store_true", help="fuzz -x: print every call")
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--mmu", default="sv48", choices=sorted(qemu.MMU_ARGS))
    ap.add_argument("--log", default=None, help="write the whole console output here")
    a = ap.parse_args()
    results, _ = run_fuzz(a.kernel, a.opensbi, a.initramfs, a.seed, a.calls, a.workers,
                          timeout=a.timeout, watchdog=a.watchdog, mem=a.mem, mmu=a.mmu,
                          log=a.log, progress=a.progress, avoid=a.avoid, only=a.only,
                          trace=a.trace)
    print("%d passed, %d failed" % (results.passed, results.failed))
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
