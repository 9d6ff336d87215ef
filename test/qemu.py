"""test/qemu.py: boot the kernel in QEMU and collect what it printed.

Shared by run_tests.py and run_bench.py.  Standard library only.
"""
import argparse
import os
import re
import selectors
import shutil
import subprocess
import sys
import threading
import time

# A TAP result: verdict, number (runtests' own lines have none), description.
TAP_RESULT = re.compile(r"^(not ok|ok)(?: (\d+))?(?: - (.*))?$")
TAP_PLAN = re.compile(r"^1\.\.(\d+)$")
RUNTESTS_HEADER = re.compile(r"^=== /bin/(\S+) ===$")
RUNTESTS_SUMMARY = re.compile(r"^\d+ passed, \d+ failed$")


def count_runtests(lines, results, label):
    """Count /bin/runtests' output: each program's TAP under its "=== /bin/NAME ==="
    header is one result "LABEL NAME: what" (runtests prints a program that broke
    its plan, died or failed silently as a "not ok" line of its own).  True when
    runtests got as far as its "N passed, M failed" summary."""
    program, summary = "?", False
    for line in lines:
        line = line.strip()
        m = RUNTESTS_HEADER.match(line)
        if m:
            program = m.group(1)
            continue
        m = TAP_RESULT.match(line)
        if m:
            results.add(m.group(1) == "ok", "%s %s: %s" % (label, program, m.group(3) or ""))
        elif RUNTESTS_SUMMARY.match(line):
            summary = True
    return summary


# printk prefixes console lines with "[seconds.micros] ".
TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ?")


class Boot:
    """The result of one boot: exit status (None on timeout), console lines, seconds.

    times[i] is when the host read lines[i], in seconds from QEMU's start
    (what the guest's own clock cannot say for user programs' output).
    """

    def __init__(self, status, lines, seconds, times=None):
        self.status = status
        self.lines = lines
        self.seconds = seconds
        self.times = times if times is not None else [seconds] * len(lines)

    def text(self):
        return "\n".join(self.lines)


MMU_ARGS = {"sv39": "no4lvl", "sv48": "no5lvl", "sv57": ""}


def sv57_dtb(mem, cpus, out):
    """QEMU's own device tree for this machine, with every cpu's mmu-type set to riscv,sv57.

    QEMU 7.2 implements Sv57 but always describes its CPUs as riscv,sv48,
    and the kernel (like Linux) never goes beyond what the tree says.
    """
    if os.path.exists(out):
        return out
    tmp = "%s.tmp.%d" % (out, os.getpid())	# boots made in parallel each write their own
    subprocess.run(["qemu-system-riscv64", "-machine", "virt,dumpdtb=" + tmp, "-cpu", "rv64",
                    "-m", mem, "-smp", str(cpus), "-nographic"],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    for cpu in range(int(cpus)):
        subprocess.run(["fdtput", "-t", "s", tmp, "/cpus/cpu@%d" % cpu, "mmu-type", "riscv,sv57"],
                       check=True)
    os.replace(tmp, out)
    return out


def qemu_command(kernel, opensbi, mem="128M", cpus=1, bootargs="", icount=False, initrd=None,
                 mmu="sv48", disk=None, virtio="modern"):
    """The QEMU command line; mmu ("sv39", "sv48", "sv57") is the largest paging mode allowed.

    disk: a raw image attached as a virtio-blk disk (the kernel's vda);
    virtio: the virtio-mmio interface QEMU offers, "modern" (Version 2) or
    "legacy" (Version 1, QEMU 7.2's default).
    """
    bootargs = " ".join(a for a in (MMU_ARGS[mmu], bootargs) if a)
    cmd = ["qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64",
           "-m", mem, "-smp", str(cpus), "-nographic", "-no-reboot",
           "-bios", opensbi, "-kernel", kernel, "-append", bootargs]
    if mmu == "sv57":
        out = os.path.join(os.path.dirname(kernel), "virt-%s-%s-sv57.dtb" % (mem, cpus))
        cmd += ["-dtb", sv57_dtb(mem, cpus, out)]
    if icount:
        # sleep=off: idle time is not taken from the host clock, so counts repeat exactly.
        cmd += ["-icount", "shift=0,sleep=off"]
    if initrd:
        cmd += ["-initrd", initrd]
    if disk:
        cmd += disk_args(disk, virtio)
    return cmd


def mkswap_image(path, size=64 << 20):
    """Make path a sparse image of size bytes with a swap header from the host's mkswap
    (util-linux: /sbin, /usr/sbin or PATH): a swap disk for test_swap.  (ok, mkswap's words)."""
    with open(path, "wb") as f:
        f.truncate(size)
    mkswap = next((p for p in ("/sbin/mkswap", "/usr/sbin/mkswap") if os.access(p, os.X_OK)),
                  None) or shutil.which("mkswap")
    if not mkswap:
        return False, "no mkswap in /sbin, /usr/sbin or PATH"
    p = subprocess.run([mkswap, path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return p.returncode == 0, p.stdout.decode("utf-8", "replace")


def disk_args(disk, virtio="modern"):
    """QEMU's arguments for one virtio-blk disk on the virt machine's virtio-mmio bus."""
    if virtio not in ("modern", "legacy"):
        raise ValueError("virtio must be modern or legacy, not %r" % virtio)
    return ["-global", "virtio-mmio.force-legacy=%s" % ("false" if virtio == "modern" else "true"),
            "-drive", "file=%s,if=none,format=raw,id=disk0" % disk,
            "-device", "virtio-blk-device,drive=disk0"]


def boot(kernel, opensbi, timeout=60, restart=None, **kw):
    """Boot once; console lines come back without timestamps or carriage returns.

    The timeout counts from QEMU's start or, when restart (a compiled bytes
    regex) is given, from the last line it matches: a time limit per test
    program rather than per boot.
    """
    cmd = qemu_command(kernel, opensbi, **kw)
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    chunks, stamps, status = [], [], None	# stamps: when each newline came
    deadline, tail = start + timeout, b""
    with selectors.DefaultSelector() as sel:
        sel.register(p.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if not sel.select(left):
                continue
            data = os.read(p.stdout.fileno(), 65536)
            if not data:
                break
            chunks.append(data)
            now = time.monotonic()
            stamps += [now - start] * data.count(b"\n")
            if restart:
                done, _, tail = (tail + data).rpartition(b"\n")
                if restart.search(done):
                    deadline = now + timeout
    try:
        status = p.wait(timeout=max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    p.stdout.close()
    seconds = time.monotonic() - start
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r", "")
    lines = [TIMESTAMP.sub("", l) for l in text.split("\n")]
    return Boot(status, lines, seconds, stamps + [seconds])


class Console:
    """A boot whose serial console is typed at: QEMU's stdin is the keyboard.

    Output is gathered by a thread; expect() waits for a pattern in what
    came after the last match, send() types bytes.  Use as a context
    manager: leaving it kills QEMU.
    """

    def __init__(self, kernel, opensbi, **kw):
        self.proc = subprocess.Popen(qemu_command(kernel, opensbi, **kw), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.out = b""
        self.seen = 0	# expect() looks at out[seen:]
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            data = self.proc.stdout.read1(4096)
            if not data:
                return
            with self.lock:
                self.out += data

    def text(self):
        with self.lock:
            return self.out.decode("utf-8", "replace").replace("\r", "")

    def expect(self, pattern, timeout=10):
        """Wait for regex pattern (bytes) after the last match; the match, or None on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                m = re.search(pattern, self.out[self.seen:])
                if m:
                    self.seen += m.end()
                    return m
            if self.proc.poll() is not None and not self.reader.is_alive():
                return None
            time.sleep(0.02)
        return None

    def send(self, data, delay=0.01):
        """Type data a byte at a time, as a person (or a slow terminal) would."""
        for b in data:
            self.proc.stdin.write(bytes([b]))
            self.proc.stdin.flush()
            time.sleep(delay)

    def cpu_ticks(self):
        """QEMU's utime + stime so far, in the host's clock ticks (/proc/PID/stat)."""
        with open("/proc/%d/stat" % self.proc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])	# fields 14 and 15 of stat(5)

    def idle_cpu_percent(self, seconds):
        """The share of one host core QEMU used over the next seconds of wall time."""
        hz = os.sysconf("SC_CLK_TCK")
        t0, c0 = time.monotonic(), self.cpu_ticks()
        time.sleep(seconds)
        t1, c1 = time.monotonic(), self.cpu_ticks()
        return 100.0 * (c1 - c0) / hz / (t1 - t0)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait()
        self.reader.join(timeout=5)
        return False


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="helpers for the Makefile")
    ap.add_argument("what", choices=["sv57-dtb"])
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--cpus", default="1")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    sv57_dtb(a.mem, a.cpus, a.out)
    sys.exit(0)
