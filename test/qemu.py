"""test/qemu.py: boot the kernel in QEMU and collect what it printed.

Shared by run_tests.py and run_bench.py.  Standard library only.
"""
import re
import subprocess
import time

# printk prefixes console lines with "[seconds.micros] ".
TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ?")


class Boot:
    """The result of one boot: exit status (None on timeout), console lines, seconds."""

    def __init__(self, status, lines, seconds):
        self.status = status
        self.lines = lines
        self.seconds = seconds

    def text(self):
        return "\n".join(self.lines)


def qemu_command(kernel, opensbi, mem="128M", cpus=1, bootargs="", icount=False, initrd=None):
    cmd = ["qemu-system-riscv64", "-machine", "virt", "-cpu", "rv64",
           "-m", mem, "-smp", str(cpus), "-nographic", "-no-reboot",
           "-bios", opensbi, "-kernel", kernel, "-append", bootargs]
    if icount:
        cmd += ["-icount", "shift=0"]
    if initrd:
        cmd += ["-initrd", initrd]
    return cmd


def boot(kernel, opensbi, timeout=60, **kw):
    """Boot once; console lines come back without timestamps or carriage returns."""
    cmd = qemu_command(kernel, opensbi, **kw)
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        status, out = p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        status, out = None, e.stdout or b""
    text = out.decode("utf-8", "replace").replace("\r", "")
    lines = [TIMESTAMP.sub("", l) for l in text.split("\n")]
    return Boot(status, lines, time.monotonic() - start)
