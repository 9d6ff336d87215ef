#!/usr/bin/env python3
"""scripts/handout.py: the tree a student gets for one lab (docs/labs.md).

    python3 scripts/handout.py LAB DEST     write the handout of LAB into DEST
    python3 scripts/handout.py --list       the labs, in course order

A lab is a set of marked regions in the sources, each around code a
student writes:

    /* LAB name: BEGIN the hint, one line: what the code must do */
    ...the real code...
    /* LAB name: STUB
    ...code that takes its place in the handout...
       LAB name: END */

(with no stub, a region ends with a plain "/* LAB name: END */").  The
handout holds the git-tracked files (no .git, no build/); in the lab's own
regions the real code is gone and the stub is in its place, under
"/* TODO (lab name): the hint */"; in every other lab's regions the real
code stays and only the markers go.  A file the handout leaves unchanged
keeps its modification time (as does one whose only change is other labs'
markers gone), so that the objects of a built tree copied into it (cp -a)
are compiled again only where the lab changed the code.

Standard library only.
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_EXTS = (".c", ".h", ".S")
BEGIN = re.compile(r"^(\s*)/\* LAB (\w+): BEGIN (.*?) \*/\s*$")
STUB = re.compile(r"^\s*/\* LAB (\w+): STUB\s*$")
END = re.compile(r"^\s*(?:/\* )?LAB (\w+): END \*/\s*$")
ANY = re.compile(r"\bLAB \w+: (?:BEGIN|STUB|END)\b")
# The order a course takes them in; a lab found in the sources but not here comes last.
COURSE_ORDER = ["buddy", "slab", "pgtable", "lazy", "cow", "mmap", "oom", "replace"]


class MarkerError(Exception):
    pass


def tracked_files(root):
    """The files of the tree: git's list, or (in a tree without .git) every file but build/."""
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, check=True).stdout
        return [f for f in out.decode().split("\0") if f and os.path.isfile(os.path.join(root, f))]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for d, dirs, names in os.walk(root):
            dirs[:] = sorted(x for x in dirs if not (d == root and x in ("build", ".git")))
            files += [os.path.relpath(os.path.join(d, n), root) for n in sorted(names)]
        return files


def parse(path, lines):
    """The file as a list of pieces: str lines, or (lab, indent, hint, code, stub) regions."""
    pieces, i = [], 0
    while i < len(lines):
        m = BEGIN.match(lines[i])
        if not m:
            if ANY.search(lines[i]):
                raise MarkerError("%s:%d: a LAB marker outside BEGIN ... END" % (path, i + 1))
            pieces.append(lines[i])
            i += 1
            continue
        indent, lab, hint = m.groups()
        start, code, stub = i + 1, [], None
        where = code
        i += 1
        while True:
            if i == len(lines):
                raise MarkerError("%s:%d: LAB %s: BEGIN without END" % (path, start, lab))
            line = lines[i]
            s, e = STUB.match(line), END.match(line)
            if e:
                if e.group(1) != lab:
                    raise MarkerError("%s:%d: LAB %s: END inside LAB %s" % (path, i + 1, e.group(1), lab))
                i += 1
                break
            if s:
                if s.group(1) != lab or stub is not None:
                    raise MarkerError("%s:%d: a misplaced STUB marker" % (path, i + 1))
                stub = where = []
            elif ANY.search(line) or (stub is not None and ("*/" in line or "/*" in line)):
                raise MarkerError("%s:%d: LAB %s: regions do not nest, and a stub holds no comment"
                                  % (path, i + 1, lab))
            else:
                where.append(line)
            i += 1
        pieces.append((lab, indent, hint, code, stub or []))
    return pieces


def scan(root):
    """{path: pieces} for every source file with a region, and the labs found, in course order."""
    files, labs = {}, set()
    for path in tracked_files(root):
        if not path.endswith(SOURCE_EXTS):
            continue
        with open(os.path.join(root, path), encoding="utf-8") as f:
            text = f.read()
        if "LAB " not in text:
            continue
        pieces = parse(path, text.split("\n"))
        regions = [p for p in pieces if isinstance(p, tuple)]
        if regions:
            files[path] = pieces
            labs.update(r[0] for r in regions)
    order = [lab for lab in COURSE_ORDER if lab in labs] + sorted(labs - set(COURSE_ORDER))
    return files, order


def render(pieces, lab):
    """The file's text in lab's handout."""
    out = []
    for p in pieces:
        if isinstance(p, str):
            out.append(p)
            continue
        name, indent, hint, code, stub = p
        if name == lab:
            out.append("%s/* TODO (lab %s): %s */" % (indent, lab, hint))
            out += stub
        else:
            out += code
    return "\n".join(out)


def write_handout(root, lab, dest):
    """Write lab's handout into dest (empty, or an earlier handout); the files with a TODO."""
    files, labs = scan(root)
    if lab not in labs:
        raise MarkerError("no lab %r; the labs are: %s" % (lab, " ".join(labs)))
    if os.path.isdir(dest) and set(os.listdir(dest)) - {"build"} and \
            not os.path.exists(os.path.join(dest, "scripts", "handout.py")):
        raise MarkerError("%s is not empty, and not an earlier handout" % dest)
    todo = []
    for path in tracked_files(root):
        src, dst = os.path.join(root, path), os.path.join(dest, path)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if path not in files:
            shutil.copy2(src, dst)
            continue
        with open(dst, "w", encoding="utf-8") as f:
            f.write(render(files[path], lab))
        shutil.copymode(src, dst)
        if any(isinstance(p, tuple) and p[0] == lab for p in files[path]):
            todo.append(path)
        else:
            # only other labs' markers gone: the same code, so the same objects
            shutil.copystat(src, dst)
    return todo


def lab_list(root):
    """The labs, in course order, each with its title from test/rubric.toml where it has one."""
    titles = {}
    try:
        import tomllib
        with open(os.path.join(root, "test", "rubric.toml"), "rb") as f:
            titles = {l.get("name"): l.get("title", "") for l in tomllib.load(f).get("lab", [])}
    except (ImportError, OSError, ValueError):
        pass
    labs = scan(root)[1]
    width = max(len(l) for l in labs) if labs else 0
    return "\n".join("  %-*s  %s" % (width, l, titles.get(l, "")) for l in labs)


def main(argv):
    try:
        if len(argv) == 2 and argv[1] == "--list":
            print("\n".join(scan(ROOT)[1]))
            return 0
        if len(argv) != 3 or not argv[1] or not argv[2] or argv[1] not in scan(ROOT)[1]:
            if len(argv) == 3 and argv[1]:
                print("handout: no lab %r" % argv[1], file=sys.stderr)
            print("usage: make handout LAB=NAME DEST=dir, where NAME is one of, in course order:\n"
                  + lab_list(ROOT), file=sys.stderr)
            return 2
        changed = write_handout(ROOT, argv[1], argv[2])
    except MarkerError as e:
        print("handout: %s" % e, file=sys.stderr)
        return 2
    print("handout: lab %s in %s (TODO in %s)" % (argv[1], argv[2], ", ".join(changed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
