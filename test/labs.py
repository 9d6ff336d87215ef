#!/usr/bin/env python3
"""test/labs.py: does every lab's handout do what docs/labs.md promises?

For each lab (scripts/handout.py) the handout is written to
build/handout/NAME, the main tree's build/ is copied in with its
timestamps (so that only the files the lab changed are compiled again),
and then the handout must:

  - build both kernels and the initramfs (-Werror);
  - boot each kernel to the shell's prompt;
  - fail every check of its own lab in test/rubric.toml, on every build
    the check lists (a stub that passes its own lab's checks teaches nothing);
  - pass every other check of the rubric, each graded by test/grade.py as
    `make grade` grades it, so a stub that breaks more than its lab shows.

A kernel the lab leaves byte for byte as the full tree's is not graded
again: its cases are the full tree's grade's (test/grade_check.py's,
under run_tests.py; made here, and required to pass, when this runs
alone: `python3 test/labs.py [NAME...]`, after `make kernel nommu-kernel
initramfs`).  Standard library only.
"""
import argparse
import concurrent.futures
import io
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import grade  # noqa: E402
import handout  # noqa: E402
import qemu  # noqa: E402

OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"
# What of build/ a handout's build can use: every directory of objects but these (its own
# output, and what only `make test` builds), and of the files only the MMU kernel and the
# initramfs (not the disk images and device trees the tests write).
NOT_COPIED = {"handout", "grade", "host", "slob", "linux", "linux-kernel"}
FILES_COPIED = {"kernel.elf", "kernel.asm", "initramfs.cpio"}
KERNELS = {"mmu": "build/kernel.elf", "nommu": "build/nommu/kernel.elf"}
INITRAMFS = "build/initramfs.cpio"


def copy_build(src, dest):
    """The objects of src/build into dest/build, timestamps kept (cp -a)."""
    os.makedirs(dest, exist_ok=True)
    for name in os.listdir(src):
        s, d = os.path.join(src, name), os.path.join(dest, name)
        if os.path.isdir(s) and name not in NOT_COPIED:
            for top, _, names in os.walk(d):	# the last run's links: copytree makes them anew
                for n in names:
                    if os.path.islink(os.path.join(top, n)):
                        os.unlink(os.path.join(top, n))
            shutil.copytree(s, d, symlinks=True, dirs_exist_ok=True)
        elif name in FILES_COPIED:
            shutil.copy2(s, d)


def make_handout(lab, root):
    """Write and build lab's handout; (its directory, None) or (directory, the build's log)."""
    dest = os.path.join(root, "build", "handout", lab)
    for name in os.listdir(dest) if os.path.isdir(dest) else []:
        if name != "build":	# a file gone from the tree must not stay in the handout
            path = os.path.join(dest, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    handout.write_handout(root, lab, dest)
    copy_build(os.path.join(root, "build"), os.path.join(dest, "build"))
    # not the variables of a make that runs this (make SLAB=slob test): the handout's own defaults
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    p = subprocess.run(["make", "-C", dest, "--no-print-directory", "kernel", "nommu-kernel",
                        "initramfs"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    return dest, (p.stdout.decode("utf-8", "replace").split("\n") if p.returncode else None)


def boots_to_shell(tree, build, opensbi):
    """The kernel of tree, with init=/bin/sh, prints a prompt and runs cat."""
    with qemu.Console(os.path.join(tree, KERNELS[build]), opensbi,
                      initrd=os.path.join(tree, INITRAMFS), bootargs="init=/bin/sh") as c:
        if c.expect(rb"\$ ", 60) is None:
            return False, c.text().split("\n")[-15:]
        c.send(b"cat /proc/sys/vm/overcommit_ratio\r")
        return c.expect(rb"\r?\n50\r?\n", 10) is not None, c.text().split("\n")[-15:]


def grade_tree(tree, opensbi, builds=tuple(KERNELS)):
    """The rubric's checks on these builds of tree, graded as `make grade` does (its files
    in tree/build/grade)."""
    report = grade.grade({b: os.path.join(tree, k) for b, k in KERNELS.items()}, opensbi,
                         os.path.join(tree, INITRAMFS), rubric=os.path.join(tree, "test", "rubric.toml"),
                         build=builds[0] if len(builds) == 1 else None,
                         outdir=os.path.join(tree, "build", "grade"), jobs=1, out=io.StringIO())
    return report.cases


def same_file(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def regrade(cases, tree, opensbi):
    """The same checks once more, on fresh boots: the cases, scored again."""
    again = [grade.Case(c.test, c.build) for c in cases]
    runs = {}
    grade.run_boots(grade.boots_for(again), {b: os.path.join(tree, k) for b, k in KERNELS.items()},
                    opensbi, os.path.join(tree, INITRAMFS), 1, grade.TIMEOUT, runs.update)
    for c in again:
        grade.score(c, runs[c.test.run_key(c.build)])
    return again


def check_lab(lab, root, opensbi, full):
    """[(ok, name, detail)] for lab's handout; full() gives the full tree's graded cases.

    A kernel the lab leaves byte for byte as the full tree's (the no-MMU
    kernel, for a lab in MMU-only files) is not graded again: its cases
    are the full tree's.  An other lab's check that fails is graded once
    more, and a pass then is named in the result: a stub breaks a check
    every time, a loaded host's timing now and then.
    """
    label = "lab %s handout" % lab
    dest, log = make_handout(lab, root)
    if log:
        return [(False, "%s: builds both kernels and the initramfs" % label, log)]
    out = [(True, "%s: builds both kernels and the initramfs" % label, None)]
    for build in KERNELS:
        ok, detail = boots_to_shell(dest, build, opensbi)
        out.append((ok, "%s: the %s kernel boots to the shell" % (label, build), detail))
    changed = [b for b, k in KERNELS.items()
               if not same_file(os.path.join(dest, k), os.path.join(root, k))]
    cases = [c for c in grade_tree(dest, opensbi, changed) if c.build in changed]
    cases += [c for c in full() if c.build not in changed]
    own = [c for c in cases if c.test.lab == lab]
    passing = [c.name for c in own if c.passed]
    out.append((own and not passing, "%s: fails each of its %d checks" % (label, len(own)),
                ["passed, with the lab's code removed: " + n for n in passing] or
                (["the rubric has no check for lab " + lab] if not own else None)))
    others = [c for c in cases if c.test.lab != lab]
    failing = [c for c in others if not c.passed]
    again = regrade(failing, dest, opensbi) if failing else []
    flaky = [c.name for c in again if c.passed]
    out.append((all(c.passed for c in again),
                "%s: passes the other labs' %d checks%s" % (label, len(others), "".join(
                    " (%s passed when graded again)" % n for n in flaky)),
                failures([c for c in again if not c.passed])))
    return out


def failures(cases):
    """What grade said about each failing case, a few lines each."""
    out = []
    for c in cases:
        out.append("%s: %s" % (c.name, c.message or "a check failed"))
        out += ["  " + l for l in c.failing[:8]] + ["  | " + l for l in c.context[-6:]]
    return out[:80]


def run(results, opensbi=OPENSBI, root=ROOT, labs=None, jobs=2, full=None):
    """The checks of every lab (or those named), results.add()ed.  full: the full tree's
    graded cases, from a grade made already (grade_check.py checks them); without it
    the full tree is graded here, and must pass every check."""
    try:
        found = handout.scan(root)[1]
    except handout.MarkerError as e:
        results.add(False, "labs: the LAB markers parse", [str(e)])
        return
    rubric = [l.name for l in grade.load_rubric(os.path.join(root, "test", "rubric.toml"))]
    missing = [l for l in found if l not in rubric]
    results.add(not missing, "labs: every lab with a handout has checks in test/rubric.toml",
                missing)
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        graded = pool.submit(lambda: full) if full is not None else pool.submit(grade_tree, root, opensbi)
        futures = [pool.submit(check_lab, lab, root, opensbi, graded.result) for lab in (labs or found)]
        for lab, f in zip(labs or found, futures):
            try:
                checks = f.result()
            except (OSError, grade.GradeError, handout.MarkerError) as e:
                checks = [(False, "lab %s handout: could be made and graded" % lab, [str(e)])]
            for ok, name, detail in checks:
                results.add(ok, name, detail)
        if full is None:
            failing = [c for c in graded.result() if not c.passed]
            results.add(not failing, "grade: the full tree passes all %d checks of the rubric"
                        % len(graded.result()), failures(failing))


class Results:
    def __init__(self):
        self.failed = 0

    def add(self, ok, name, detail=None):
        self.failed += not ok
        print(("ok   " if ok else "FAIL ") + name, flush=True)
        for line in (detail or []) if not ok else []:
            print("     | " + line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("labs", nargs="*", help="these labs only (default: all)")
    ap.add_argument("--opensbi", default=OPENSBI)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    results = Results()
    run(results, a.opensbi, labs=a.labs or None, jobs=a.jobs)
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
