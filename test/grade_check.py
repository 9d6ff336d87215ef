"""test/grade_check.py: what `make test` checks of `make grade` (test/grade.py).

One full grade of the tree: full marks; every program and suite graded
on every build it runs on; every TAP line they print counted by some
test of the rubric; each file written read back by a reader of its own
format (json, xml.etree, the small TAP 14 reader below) and its counts
held against the grade's.  Then LAB= and BUILD= on a small subset, twice,
whose files must come out the same byte for byte, and the same as the
full grade says of those tests.
"""
import glob
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET

import grade

TAP_POINT = re.compile(r"^(not ok|ok)(?: (\d+))?(?: - ((?:[^#\\]|\\.)*?))?\s*(#.*)?$")
TAP_PLAN = re.compile(r"^1\.\.(\d+)$")
HUMAN = re.compile(r"^== Test (.+) == (.+): (OK|FAIL) \(\d+\.\d+s\)$")
VISIBILITY = ("hidden", "after_due_date", "after_published", "visible")


def parse_tap14(text):
    """The test points of a TAP 14 document: [(ok, number, description, subtest)],
    subtest being the points of the indented subtest before it, or None.
    ValueError when it breaks the format: no version line, a plan that does
    not match its points, points out of order, a subtest whose verdict
    contradicts its points."""
    lines = text.rstrip("\n").split("\n")
    if lines[0] != "TAP version 14":
        raise ValueError("the first line is not \"TAP version 14\": %r" % lines[0])
    points, i = _tap_level(lines, 1, 0)
    if i != len(lines):
        raise ValueError("line %d is indented more than the level it is in: %r" % (i + 1, lines[i]))
    return points


def _tap_level(lines, i, indent):
    points, plan, plan_at, sub = [], None, 0, None	# plan_at: points before the plan
    while i < len(lines):
        line = lines[i]
        depth = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if not body:
            i += 1
            continue
        if depth < indent:
            break
        if depth == indent + 4 or (depth == indent and body.startswith("# Subtest")):
            if sub is not None:
                raise ValueError("line %d: a second subtest before a test point" % (i + 1))
            sub, i = _tap_level(lines, i + 1 if depth == indent else i, indent + 4)
            continue
        if depth != indent:
            raise ValueError("line %d: indented %d where %d was expected" % (i + 1, depth, indent))
        m = TAP_POINT.match(body)
        if m:
            if plan is not None and plan_at:
                raise ValueError("line %d: a test point after the closing plan" % (i + 1))
            ok, number = m.group(1) == "ok", int(m.group(2) or len(points) + 1)
            if number != len(points) + 1:
                raise ValueError("line %d: test point %d where %d was due"
                                 % (i + 1, number, len(points) + 1))
            if sub is not None and ok != all(p[0] for p in sub):
                raise ValueError("line %d: the verdict disagrees with its subtest" % (i + 1))
            desc = re.sub(r"\\(.)", r"\1", (m.group(3) or "").strip())
            points.append((ok, number, desc, sub))
            sub, i = None, i + 1
            if i < len(lines) and lines[i] == " " * (indent + 2) + "---":	# its YAML block
                end = " " * (indent + 2) + "..."
                while i < len(lines) and lines[i] != end:
                    i += 1
                if i == len(lines):
                    raise ValueError("a YAML block with no \"...\" after it")
                i += 1
        elif TAP_PLAN.match(body):
            if plan is not None:
                raise ValueError("line %d: a second plan" % (i + 1))
            plan, plan_at = int(TAP_PLAN.match(body).group(1)), len(points)
            i += 1
        elif body.startswith("#"):
            i += 1
        else:
            raise ValueError("line %d is not TAP: %r" % (i + 1, body))
    if sub is not None:
        raise ValueError("a subtest with no test point after it")
    if plan != len(points):
        raise ValueError("the plan says %s, but there are %d test points" % (plan, len(points)))
    return points, i


def check_files(report, outdir, label, results):
    """results.json, junit.xml and results.tap say what the report says."""
    cases = report.cases
    names = [c.name for c in cases]
    failed = sum(not c.passed for c in cases)
    try:
        with open(os.path.join(outdir, "results.json")) as f:
            data = json.load(f)
        tests = data["tests"]
        num = (int, float)
        typed = (isinstance(data["score"], num) and isinstance(tests, list)
                 and data.get("stdout_visibility", "visible") in ("hidden", "visible")
                 and all(isinstance(t["name"], str) and isinstance(t["score"], num)
                         and isinstance(t["max_score"], num) and isinstance(t["output"], str)
                         and t["visibility"] in VISIBILITY and 0 <= t["score"] <= t["max_score"]
                         for t in tests))
        results.add(typed, "%s results.json: Gradescope's fields, with their types" % label)
        results.add([t["name"] for t in tests] == names
                    and sum(t["score"] for t in tests) == data["score"] == report.score
                    and sum(t["max_score"] for t in tests) == report.max_score,
                    "%s results.json: %d tests whose scores add up to %s of %s"
                    % (label, len(tests), data["score"], report.max_score))
    except (OSError, ValueError, KeyError, TypeError) as e:
        results.add(False, "%s results.json reads back: %s" % (label, e))
    try:
        root = ET.parse(os.path.join(outdir, "junit.xml")).getroot()
        suites = root.findall("testsuite")
        each = all(int(s.get("tests")) == len(s.findall("testcase"))
                   and int(s.get("failures")) == len(s.findall("testcase/failure")) for s in suites)
        results.add(root.tag == "testsuites" and each
                    and [s.get("name") for s in suites] == [l.name for l in report.labs]
                    and [t.get("name") for t in root.iter("testcase")] == names
                    and int(root.get("tests")) == len(cases)
                    and int(root.get("failures")) == len(root.findall(".//failure")) == failed,
                    "%s junit.xml: a testsuite per lab, %d testcases, %d failures"
                    % (label, len(cases), failed))
    except (OSError, ET.ParseError, TypeError, ValueError) as e:
        results.add(False, "%s junit.xml parses: %s" % (label, e))
    try:
        with open(os.path.join(outdir, "results.tap")) as f:
            points = parse_tap14(f.read())
        runs = list(dict.fromkeys(c.test.run_key(c.build) for c in cases))
        inner = [p for top in points for p in (top[3] or [])]
        results.add(len(points) == len(runs) and all(top[3] for top in points)
                    and sorted(p[2] for p in inner) == sorted(names)
                    and sum(not p[0] for p in inner) == failed,
                    "%s results.tap: TAP 14, a subtest per run (%d), a point per test (%d)"
                    % (label, len(runs), len(cases)))
    except (OSError, ValueError) as e:
        results.add(False, "%s results.tap is TAP 14: %s" % (label, e))


def check_human(report, text, label, results):
    """A 6.1810 line per test, in the rubric's order, and the score last."""
    lines = text.rstrip("\n").split("\n")
    seen = [m.group(1) for m in map(HUMAN.match, lines) if m and m.group(1) == m.group(2)]
    results.add(seen == [c.name for c in report.cases]
                and lines[-1] == "Score: %s/%s" % (grade.number(report.score),
                                                   grade.number(report.max_score)),
                "%s: \"== Test NAME == NAME: OK (Ns)\" for each of %d tests, then the score"
                % (label, len(report.cases)), lines[-30:])


def check_rubric(report, suites, nommu_suites, results):
    """Every program and suite graded where it runs, every TAP line counted by some test."""
    graded = {c.test.run_key(c.build) for c in report.cases}
    here = os.path.dirname(os.path.abspath(__file__))
    programs = sorted(os.path.basename(p)[:-2] for p in
                      glob.glob(os.path.join(here, "..", "user", "tests", "test_*.c")))
    want = ({(b, "program", p, "") for b in grade.BUILDS for p in programs}
            | {("mmu", "suite", s, "") for s in suites}
            | {("nommu", "suite", s, "") for s in nommu_suites})
    missing = sorted("%s %s [%s]" % (k, n, b) for (b, k, n, _) in want - graded)
    results.add(not missing, "grade: the rubric grades every user test program and every "
                "self-test suite on each build it runs on", missing)
    uncounted = []
    for key, run in sorted(report.runs.items()):
        tests = [c.test for c in report.cases if c.test.run_key(c.build) == key]
        for ok, number, desc, _ in run.tap():
            if number is not None and not any(t.match is None or t.match.search(desc)
                                              for t in tests):
                uncounted.append("%s [%s]%s: %s" % (key[2], key[0], " " + key[3] if key[3] else "",
                                                     desc))
    results.add(not uncounted, "grade: every TAP line of every run counts in some test's points "
                "(%d not)" % len(uncounted), uncounted[:20])


def run(kernels, opensbi, initramfs, outdir, **kw):
    out = io.StringIO()
    report = grade.grade(kernels, opensbi, initramfs, outdir=outdir, out=out, **kw)
    return report, out.getvalue()


def check(kernels, opensbi, initramfs, suites, nommu_suites, results):
    """Everything above: one full grade and three small ones (LAB=, BUILD=, twice);
    the full grade's Report, for test/labs.py."""
    with tempfile.TemporaryDirectory() as tmp:
        full, text = run(kernels, opensbi, initramfs, os.path.join(tmp, "full"))
        results.add(full.score == full.max_score, "grade: full marks on the tree (%s of %s, %.1f s)"
                    % (grade.number(full.score), grade.number(full.max_score), full.seconds),
                    [l for l in text.split("\n") if "FAIL" in l or l.startswith("    ")][:40])
        check_human(full, text, "grade", results)
        check_files(full, os.path.join(tmp, "full"), "grade:", results)
        check_rubric(full, suites, nommu_suites, results)
        oom = full.runs.get(("mmu", "program", "test_oom", ""))
        results.add(oom is not None and any(l.startswith("ok ") and "5 consecutive OOM kills" in l
                                            for l in oom.lines),
                    "grade: %s on the command line reaches test_oom's environment (5 OOM kills)"
                    % grade.INIT_ENV, oom.lines[-20:] if oom else None)

        lab = grade.load_rubric()[0].name
        report, text = run(kernels, opensbi, initramfs, os.path.join(tmp, "lab"), lab=lab)
        want = [c.name for c in full.cases if c.test.lab == lab]
        results.add([c.name for c in report.cases] == want,
                    "grade LAB=%s: its %d tests only, both builds" % (lab, len(want)))
        check_files(report, os.path.join(tmp, "lab"), "grade LAB=%s:" % lab, results)
        files = {}
        for n in (1, 2):
            d = os.path.join(tmp, "buddy-nommu-%d" % n)
            report, text = run(kernels, opensbi, initramfs, d, lab="buddy", build="nommu")
            files[n] = [open(os.path.join(d, f), "rb").read()
                        for f in ("results.json", "junit.xml", "results.tap")]
        want = [c for c in full.cases if c.test.lab == "buddy" and c.build == "nommu"]
        results.add([c.name for c in report.cases] == [c.name for c in want] and want,
                    "grade LAB=buddy BUILD=nommu: the %d buddy tests on the no-MMU kernel only"
                    % len(want))
        check_human(report, text, "grade LAB=buddy BUILD=nommu", results)
        check_files(report, os.path.join(tmp, "buddy-nommu-1"), "grade LAB=buddy BUILD=nommu:", results)
        results.add(files[1] == files[2], "grade LAB=buddy BUILD=nommu: its files are the same "
                    "byte for byte, run after run")
        with open(os.path.join(tmp, "full", "results.json")) as f:
            in_full = [t for t in json.load(f)["tests"] if t["name"] in {c.name for c in want}]
        results.add(json.loads(files[1][0])["tests"] == in_full,
                    "grade LAB=buddy BUILD=nommu: its results.json entries are the full grade's")
    return full
