#!/usr/bin/env python3
"""test/grade.py: `make grade [LAB=name] [BUILD=mmu|nommu]`, the grader.

test/rubric.toml names the graded checks: each is a user test program
(run by /bin/runtests) or a kernel self-test suite (test=NAME), on the MMU
kernel, the no-MMU kernel or both, worth some points, grouped in labs.
grade.py boots only what the selected checks need (CPUS=1, MEM=128M,
Sv48, two QEMUs at a time), prints a line per check as MIT 6.1810's
gradelib does, then each lab's points and "Score: N/M", and writes the
same results for machines: build/grade/results.json (Gradescope),
junit.xml and results.tap (TAP version 14).  Exit status 0 only with
full marks.

A kernel panic or a program running past the time limit fails the checks
of that program (or suite) only: the programs the boot had not reached
yet get a boot of their own.

Standard library only (tomllib: Python 3.11).
"""
import argparse
import collections
import concurrent.futures
import itertools
import json
import os
import re
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

RUBRIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rubric.toml")
BUILDS = ("mmu", "nommu")
MEM, CPUS, MMU = "128M", 1, "sv48"
# Unknown key=value parameters go to init's environment (docs/boot.md):
# test_oom's stress test makes 5 OOM kills in a row here, not 100, and
# test_reclaim's hogs touch 125% of RAM, not 200%.
INIT_ENV = "OOM_STRESS_ROUNDS=5 RECLAIM_HOG_PERCENT=125"
TIMEOUT = 240		# seconds per suite boot, and per program in a runtests boot: a hang, not a slow run (test_reclaim takes 60 s, twice that under load)
JOBS = 2
PROGRAMS_PER_BOOT = 4	# small boots: the two QEMUs stay busy, and a panic costs little

PROGRAM_DONE = re.compile(r"^# (\S+): \d+ passed, \d+ failed; ")
PANIC = re.compile(r"Kernel panic - not syncing: .*")
OOPS = re.compile(r"^Unhandled exception: ")
NEXT_PROGRAM = re.compile(rb"^=== /bin/", re.M)
# What could differ from one run to the next, masked in the files written:
# addresses anywhere, measured times in the programs' lines.
ADDRESS = (re.compile(r"\b0x[0-9a-f]{5,}\b"), "0x...")
DURATION = (re.compile(r"\b\d+(\.\d+)? ?(s|ms|us|ns)\b"), "N \\2")


class GradeError(Exception):
    """What stops a grade before it starts: the rubric, LAB= or BUILD=, a missing file."""


class Test:
    """One [[lab.test]] of the rubric."""

    def __init__(self, lab, t):
        self.lab = lab
        self.name = t.get("name")
        self.program, self.suite = t.get("program"), t.get("suite")
        self.points = t.get("points")
        self.builds = t.get("builds", list(BUILDS))
        self.bootargs = t.get("bootargs", "")
        where = "test %r of lab %r" % (self.name, lab)
        if not isinstance(self.name, str) or not self.name:
            raise GradeError("a test of lab %r has no name" % lab)
        if (self.program is None) == (self.suite is None):
            raise GradeError("%s: give exactly one of program and suite" % where)
        if not isinstance(self.program or self.suite, str) \
                or not re.fullmatch(r"\w+", self.program or self.suite):
            raise GradeError("%s: program or suite is a name (letters, digits, _)" % where)
        if isinstance(self.points, bool) or not isinstance(self.points, (int, float)) \
                or self.points < 0:
            raise GradeError("%s: points is a number >= 0" % where)
        if not isinstance(self.builds, list) or not self.builds \
                or any(b not in BUILDS for b in self.builds) \
                or len(set(self.builds)) != len(self.builds):
            raise GradeError("%s: builds lists %s, each once" % (where, " or ".join(BUILDS)))
        if not isinstance(self.bootargs, str) or not all(
                re.fullmatch(r"[\w.]+=[\w.,]+", w) and not re.match(r"(test|init)=", w)
                for w in self.bootargs.split()):
            raise GradeError("%s: bootargs are key=value words, neither test= nor init=" % where)
        try:
            self.match = re.compile(t["match"]) if "match" in t else None
        except (re.error, TypeError) as e:
            raise GradeError("%s: match is not a regex: %s" % (where, e))
        unknown = set(t) - {"name", "program", "suite", "match", "builds", "bootargs", "points"}
        if unknown:
            raise GradeError("%s: unknown keys %s" % (where, ", ".join(sorted(unknown))))

    def run_key(self, build):
        """The program or suite run this test is graded from, on build (with its bootargs)."""
        return (build, "program" if self.program else "suite", self.program or self.suite,
                self.bootargs)


class Lab:
    def __init__(self, lab):
        self.name, self.title = lab.get("name"), lab.get("title", "")
        if not isinstance(self.name, str) or not self.name:
            raise GradeError("a [[lab]] has no name")
        unknown = set(lab) - {"name", "title", "test"}
        if unknown:
            raise GradeError("lab %r: unknown keys %s" % (self.name, ", ".join(sorted(unknown))))
        self.tests = [Test(self.name, t) for t in lab.get("test", [])]


def load_rubric(path=RUBRIC):
    """The labs of a rubric file; a GradeError says what is wrong with it."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise GradeError("%s: %s" % (path, e))
    labs = [Lab(lab) for lab in data.get("lab", [])]
    seen = set()
    for lab in labs:
        if lab.name in seen:
            raise GradeError("two labs are named %r" % lab.name)
        seen.add(lab.name)
    names = [t.name for lab in labs for t in lab.tests]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise GradeError("test names used twice: %s" % ", ".join(dup))
    return labs


class Case:
    """One (test, build) pair: what is scored."""

    def __init__(self, test, build):
        self.test, self.build = test, build
        self.name = "%s [%s]" % (test.name, build)
        self.passed, self.message, self.failing, self.context = False, None, [], []
        self.checks = self.skipped = 0
        self.seconds = 0.0

    @property
    def score(self):
        return self.test.points if self.passed else 0

    def output(self):
        """What the files say about it: the same text run after run."""
        if self.passed:
            return "%d checks passed (%d skipped)" % (self.checks, self.skipped)
        return "\n".join(([mask(self.message)] if self.message else []) +
                         [mask(l, DURATION) for l in self.failing])


def mask(line, *more):
    for pattern, repl in (ADDRESS,) + more:
        line = pattern.sub(repl, line)
    return line


def select(labs, lab=None, build=None):
    """The cases of the chosen lab (all by default) and build (both by default)."""
    if lab is not None and lab not in [l.name for l in labs]:
        raise GradeError("no lab named %r (labs: %s)" % (lab, " ".join(l.name for l in labs)))
    if build is not None and build not in BUILDS:
        raise GradeError("BUILD is one of %s, not %r" % (", ".join(BUILDS), build))
    cases = [Case(t, b) for l in labs if lab in (None, l.name) for t in l.tests
             for b in t.builds if build in (None, b)]
    if not cases:
        raise GradeError("no test of %s is graded on %s" % ("lab " + lab if lab else "the rubric",
                                                           build or "either build"))
    return cases


class Run:
    """What one program or suite printed on one build, and how it ended."""

    def __init__(self, lines, seconds, error=None):
        self.lines, self.seconds, self.error = lines, seconds, error

    def tap(self):
        """(ok, number or None, description, line index) of each TAP line."""
        out = []
        for i, line in enumerate(self.lines):
            m = qemu.TAP_RESULT.match(line.strip())
            if m:
                out.append((m.group(1) == "ok", m.group(2), m.group(3) or "", i))
        return out


def panic_line(lines):
    """The kernel's panic line in lines, with the oops that led to it if there was one."""
    for i, line in enumerate(lines):
        m = PANIC.search(line)
        if m:
            oops = next((l.strip() for l in reversed(lines[:i]) if OOPS.match(l)), None)
            return m.group(0) + (" (%s)" % oops if oops else "")
    return None


def boot_suite(kernels, opensbi, timeout, build, suite, bootargs=""):
    b = qemu.boot(kernels[build], opensbi, timeout=timeout, mem=MEM, cpus=CPUS, mmu=MMU,
                  bootargs=("test=%s %s" % (suite, bootargs)).strip())
    run = Run(b.lines, b.seconds)
    results = len(run.tap())
    plans = [qemu.TAP_PLAN.match(l.strip()) for l in b.lines]
    plan = next((int(m.group(1)) for m in plans if m), None)
    panic = panic_line(b.lines)
    if panic:
        run.error = "kernel panic during suite %s: %s" % (suite, panic)
    elif b.status is None:
        run.error = "timed out after %d s" % timeout
    elif b.status not in (0, 1):
        run.error = "suite %s ended with QEMU status %s" % (suite, b.status)
    elif plan != results:
        run.error = "suite %s printed %d results, but its plan said %s" % (suite, results, plan)
    return {(build, "suite", suite, bootargs): run}, []


def boot_runtests(kernels, opensbi, initramfs, timeout, build, programs, bootargs=""):
    """Runs of the programs this boot finished or died in; the programs it never reached.

    Each boot has a fresh swap disk of its own as /dev/vda, for test_swap
    (which, with none, would skip all it checks).
    """
    fd, disk = tempfile.mkstemp(prefix="grade-swap-", suffix=".img",
                                dir=os.path.dirname(os.path.abspath(kernels[build])))
    os.close(fd)
    try:
        b = qemu.boot(kernels[build], opensbi, timeout=timeout, restart=NEXT_PROGRAM, mem=MEM,
                      cpus=CPUS, mmu=MMU, initrd=initramfs,
                      disk=disk if qemu.mkswap_image(disk, 512 << 20)[0] else None,
                      bootargs="init=/bin/runtests %s -- %s" % (
                          " ".join(filter(None, (bootargs, INIT_ENV))), " ".join(programs)))
    finally:
        os.unlink(disk)
    runs, current, start = {}, None, 0	# start: the current program's header, or the last end
    for i, line in enumerate(b.lines):
        line = line.strip()
        m = qemu.RUNTESTS_HEADER.match(line)
        if m:
            if current:	# runtests could not start it, and said so in a "not ok" line
                runs[(build, "program", current, bootargs)] = Run(
                    b.lines[start + 1:i], b.times[i] - b.times[start])
            current, start = m.group(1), i
            continue
        m = PROGRAM_DONE.match(line)
        if m and m.group(1) == current:
            runs[(build, "program", current, bootargs)] = Run(
                b.lines[start + 1:i + 1], b.times[i] - b.times[start])
            current, start = None, i
    left = [p for p in programs if (build, "program", p, bootargs) not in runs and p != current]
    if current is None and not left:
        return runs, []
    # The boot ended early.  A boot that never reached a program fails all
    # it had to run (the kernel cannot start them); otherwise the program
    # it was in, or was about to start, fails and the rest boot again.
    panic = panic_line(b.lines[start:])
    where = "during %s" % current if current else "before %s started" % left[0]
    if panic:
        error = "kernel panic %s: %s" % (where, panic)
    elif b.status is None:
        error = "timed out after %d s %s" % (timeout, where)
    else:
        error = "the boot ended (QEMU status %s) %s" % (b.status, where)
    if current is None and not runs:
        return {(build, "program", p, bootargs): Run(b.lines, b.seconds, error) for p in left}, []
    culprit = current or left.pop(0)
    runs[(build, "program", culprit, bootargs)] = Run(
        b.lines[start + 1:], b.times[-1] - b.times[start], error)
    return runs, left


def boots_for(cases):
    """The boots the cases need, as two queues: runtests boots of a few programs
    each (of one build and one set of bootargs), the two kernels' taken in turn,
    and a boot per suite."""
    keys = list(dict.fromkeys(c.test.run_key(c.build) for c in cases))
    chunks = {}
    for build in BUILDS:
        chunks[build] = []
        for args in dict.fromkeys(a for (b, kind, _, a) in keys
                                  if b == build and kind == "program"):
            programs = [name for (b, kind, name, a) in keys
                        if b == build and kind == "program" and a == args]
            chunks[build] += [("runtests", build, programs[i:i + PROGRAMS_PER_BOOT], args)
                              for i in range(0, len(programs), PROGRAMS_PER_BOOT)]
    runtests = [boot for group in itertools.zip_longest(*chunks.values()) for boot in group
                if boot]
    return runtests, [("suite", b, name, a) for (b, kind, name, a) in keys if kind == "suite"]


def run_boots(queues, kernels, opensbi, initramfs, jobs, timeout, done):
    """Run the boots of both queues, jobs at a time, and a new boot for the programs
    a broken one left; done(runs) is called with each boot's runs as it finishes.

    Each QEMU keeps to one queue until it is empty: while one goes through
    the long runtests boots the other takes the short suites in the
    rubric's order, so that the first labs' lines print early.
    """
    runtests, suites = (collections.deque(q) for q in queues)
    lanes = [(runtests, suites), (suites, runtests)]

    def start(pool, lane):
        """The next boot of the lane's queues, started; its future, or None."""
        queue = next((q for q in lanes[lane] if q), None)
        if queue is None:
            return None
        kind, build, what, bootargs = queue.popleft()
        if kind == "suite":
            f = pool.submit(boot_suite, kernels, opensbi, timeout, build, what, bootargs)
        else:
            f = pool.submit(boot_runtests, kernels, opensbi, initramfs, timeout, build, what,
                            bootargs)
        pending[f] = (lane, build, bootargs)
        return f

    pending = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for j in range(jobs):
            start(pool, j % 2)
        while pending:
            finished, _ = concurrent.futures.wait(pending, return_when="FIRST_COMPLETED")
            for f in finished:
                lane, build, bootargs = pending.pop(f)
                runs, left = f.result()
                if left:	# the rest of a broken boot, before anything else
                    runtests.appendleft(("runtests", build, left, bootargs))
                done(runs)
                start(pool, lane)


def score(case, run):
    """Decide one case from its run."""
    case.seconds = run.seconds
    tap = run.tap()
    own = [t for t in tap if t[1] is not None]	# the program's (or suite's) numbered lines
    chosen = [t for t in own if case.test.match is None or case.test.match.search(t[2])]
    # runtests' own lines (no number): the plan kept, not killed, memory given back
    chosen += [t for t in tap if t[1] is None and case.test.program]
    chosen.sort(key=lambda t: t[3])
    bad = [t for t in chosen if not t[0]]
    case.checks = len(chosen)
    case.skipped = sum("# SKIP" in t[2] for t in chosen)
    case.failing = [run.lines[t[3]].strip() for t in bad]
    if run.error:
        case.message = run.error
    elif not any(t[1] is not None for t in chosen):
        case.message = ("no TAP line matches %r" % case.test.match.pattern if case.test.match
                        else "no TAP line at all")
    case.passed = not case.message and not bad
    # a few lines around each failing line; or, when the run broke, its end
    # from the last TAP line before the panic (the oops report) or the end
    show = sorted({j for t in bad for j in range(max(0, t[3] - 2), min(len(run.lines), t[3] + 3))})
    if case.message:
        end = next((i for i, l in enumerate(run.lines) if PANIC.search(l)), len(run.lines) - 1)
        first = max([t[3] for t in tap if t[3] < end] + [end - 30])
        show = range(max(0, first), min(len(run.lines), end + 3))
    case.context = [run.lines[j].rstrip() for j in show][-40:]
    while case.context and not case.context[-1]:
        case.context.pop()


def human_line(case):
    return "== Test %s == %s: %s (%.1fs)" % (case.name, case.name,
                                             "OK" if case.passed else "FAIL", case.seconds)


def print_case(case, out):
    print(human_line(case), file=out, flush=True)
    if case.passed:
        return
    if case.message:
        print("    " + case.message, file=out)
    for line in case.failing:
        print("    " + line, file=out)
    if any(case.context):
        print("    the log around it:", file=out)
        for line in case.context:
            print("    | " + line, file=out)
    out.flush()


class Report:
    """The graded cases, the labs they are in, and the runs (by run_key) they came from."""

    def __init__(self, labs, cases, runs, seconds):
        self.labs = [l for l in labs if any(c.test.lab == l.name for c in cases)]
        self.cases, self.runs, self.seconds = cases, runs, seconds
        self.score = sum(c.score for c in cases)
        self.max_score = sum(c.test.points for c in cases)

    def lab_cases(self, lab):
        return [c for c in self.cases if c.test.lab == lab.name]


def number(x):
    return int(x) if float(x).is_integer() else x


def write_json(report, path):
    data = {
        "score": number(report.score),
        "stdout_visibility": "visible",
        "tests": [{"name": c.name, "score": number(c.score), "max_score": number(c.test.points),
                   "status": "passed" if c.passed else "failed", "output": c.output(),
                   "tags": [c.test.lab, c.build], "visibility": "visible"}
                  for c in report.cases],
    }
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def write_junit(report, path):
    failures = sum(not c.passed for c in report.cases)
    root = ET.Element("testsuites", name="rvmm grade", tests=str(len(report.cases)),
                      failures=str(failures), errors="0")
    for lab in report.labs:
        cases = report.lab_cases(lab)
        suite = ET.SubElement(root, "testsuite", name=lab.name, tests=str(len(cases)),
                              failures=str(sum(not c.passed for c in cases)), errors="0",
                              skipped="0")
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="title", value=lab.title)
        ET.SubElement(props, "property", name="score", value="%s/%s" % (
            number(sum(c.score for c in cases)), number(sum(c.test.points for c in cases))))
        for c in cases:
            tc = ET.SubElement(suite, "testcase", classname="rvmm.%s.%s" % (lab.name, c.build),
                               name=c.name)
            if not c.passed:
                fail = ET.SubElement(tc, "failure", message=c.output().split("\n")[0])
                fail.text = c.output()
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="UTF-8", xml_declaration=True)
    with open(path, "a") as f:
        f.write("\n")


def tap_escape(text):
    return text.replace("\\", "\\\\").replace("#", "\\#")


def write_tap(report, path):
    """TAP 14: a subtest per program or suite run, a test point per case graded from it."""
    runs = {}
    for c in report.cases:
        runs.setdefault(c.test.run_key(c.build), []).append(c)
    out = ["TAP version 14"]
    for n, ((build, kind, name, bootargs), cases) in enumerate(runs.items(), 1):
        title = "%s%s [%s]%s" % ("" if kind == "program" else "suite ", name, build,
                                 " " + bootargs if bootargs else "")
        out += ["# Subtest: " + title, "    1..%d" % len(cases)]
        for i, c in enumerate(cases, 1):
            out.append("    %sok %d - %s" % ("" if c.passed else "not ", i, tap_escape(c.name)))
            if not c.passed:
                message = mask(c.message or "a check failed")
                out += ["      ---", "      message: " + json.dumps(message)]
                if c.failing:
                    out.append("      failing:")
                    out += ["        - " + json.dumps(mask(l, DURATION)) for l in c.failing]
                out.append("      ...")
        out.append("%sok %d - %s" % ("" if all(c.passed for c in cases) else "not ", n,
                                     tap_escape(title)))
    out += ["1..%d" % len(runs),
            "# Score: %s/%s" % (number(report.score), number(report.max_score))]
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def write_files(report, outdir):
    os.makedirs(outdir, exist_ok=True)
    write_json(report, os.path.join(outdir, "results.json"))
    write_junit(report, os.path.join(outdir, "junit.xml"))
    write_tap(report, os.path.join(outdir, "results.tap"))


def print_summary(report, out):
    width = max([len(l.name) for l in report.labs] + [4])
    for lab in report.labs:
        cases = report.lab_cases(lab)
        print("  %-*s  %-44s %s/%s" % (width, lab.name, lab.title,
                                       number(sum(c.score for c in cases)),
                                       number(sum(c.test.points for c in cases))), file=out)
    print("Score: %s/%s" % (number(report.score), number(report.max_score)), file=out,
          flush=True)


def grade(kernels, opensbi, initramfs, lab=None, build=None, rubric=RUBRIC, outdir="build/grade",
          jobs=JOBS, timeout=TIMEOUT, out=sys.stdout):
    """Grade the chosen lab and build; prints as it goes, writes the files; the Report."""
    labs = load_rubric(rubric)
    cases = select(labs, lab, build)
    for path in [kernels[b] for b in BUILDS if any(c.build == b for c in cases)] + \
            [initramfs, opensbi]:
        if not os.path.exists(path):
            raise GradeError("%s is not there (make grade builds it)" % path)
    t0 = time.monotonic()
    printed = 0
    results = {}

    def done(runs):
        nonlocal printed
        results.update(runs)
        # print in the rubric's order, as soon as each case's run is in
        while printed < len(cases) and cases[printed].test.run_key(cases[printed].build) in results:
            c = cases[printed]
            score(c, results[c.test.run_key(c.build)])
            print_case(c, out)
            printed += 1

    run_boots(boots_for(cases), kernels, opensbi, initramfs, jobs, timeout, done)
    report = Report(labs, cases, results, time.monotonic() - t0)
    write_files(report, outdir)
    print_summary(report, out)
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernel", default="build/kernel.elf")
    ap.add_argument("--nommu-kernel", default="build/nommu/kernel.elf")
    ap.add_argument("--opensbi", required=True)
    ap.add_argument("--initramfs", default="build/initramfs.cpio")
    ap.add_argument("--rubric", default=RUBRIC)
    ap.add_argument("--lab", default=None, help="grade this lab only (make grade LAB=)")
    ap.add_argument("--build", default=None, help="mmu or nommu only (make grade BUILD=)")
    ap.add_argument("--out", default="build/grade", help="where the result files go")
    ap.add_argument("--jobs", type=int, default=JOBS)
    ap.add_argument("--timeout", type=int, default=TIMEOUT,
                    help="seconds per suite boot and per program (default %d)" % TIMEOUT)
    a = ap.parse_args()
    kernels = {"mmu": a.kernel, "nommu": a.nommu_kernel}
    try:
        report = grade(kernels, a.opensbi, a.initramfs, lab=a.lab or None, build=a.build or None,
                       rubric=a.rubric, outdir=a.out, jobs=a.jobs, timeout=a.timeout)
    except GradeError as e:
        print("grade: %s" % e, file=sys.stderr)
        return 2
    return 0 if report.score == report.max_score else 1


if __name__ == "__main__":
    sys.exit(main())
