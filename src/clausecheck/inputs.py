"""What a batch is made of: every path the user gave, and every entry found under their folders.

Each becomes exactly one :class:`Entry`, in a stable order, so that the report can account for all
of them: a contract file to check, a file that is skipped with a reason (an ``.xlsx`` in a folder,
a hidden file), or an error found without opening anything (a FIFO, a dangling link, a symlink
loop). Nothing here opens a file: ``lstat``/``stat`` only, so a named pipe can never block the walk.

Files with the same name next to each other in different formats (``a.pdf`` and ``a.txt``) are
grouped (:func:`sibling_groups`): the worker compares their text and judges the contract once.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt")
# The format a contract is judged from when a folder has it in several: DOCX keeps Word's
# numbering, PDF keeps pages (evidence cites them), TXT has neither.
FORMAT_PREFERENCE = {".docx": 0, ".pdf": 1, ".txt": 2}

EntryKind = Literal["file", "skipped", "error"]


@dataclass(frozen=True)
class Entry:
    order: int
    name: str  # the path as the user gave it, or as found under a folder they gave
    path: Path
    kind: EntryKind
    code: str | None = None  # for skipped and error entries
    message: str | None = None
    size: int | None = None
    named: bool = False  # given on the command line (not found by a walk)


@dataclass
class _Walk:
    exclude: set[tuple[int, int]]
    entries: list[Entry] = field(default_factory=list)
    seen_names: set[str] = field(default_factory=set)
    seen_dirs: set[tuple[int, int]] = field(default_factory=set)

    def add(self, name: str, kind: EntryKind, code: str | None = None, message: str | None = None,
            size: int | None = None, named: bool = False) -> None:
        if name in self.seen_names:  # the same path given twice is one input
            return
        self.seen_names.add(name)
        self.entries.append(Entry(len(self.entries), name, Path(name), kind, code, message, size, named))


_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


_STANDARD_STREAMS = {"/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", "-"}


def _special_kind(mode: int) -> str | None:
    return next((what for test, what in _SPECIAL if test(mode)), None)


def _follow(name: str) -> tuple[os.stat_result | None, tuple[str, str] | None]:
    """stat() through links; on failure, the (code, message) that explains it."""
    try:
        return os.stat(name), None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, ("symlink-loop", "This is a symbolic link that loops back on itself (through others); "
                                          "it leads to no file.")
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            try:
                target = os.readlink(name)
            except OSError:
                target = "?"
            return None, ("broken-link", f"This is a symbolic link to {target}, which does not exist (a broken link).")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return None, ("permission-denied", f"Permission denied: the file could not be examined ({exc.strerror}).")
        return None, ("not-found", f"The file could not be examined ({exc.strerror or exc}).")


def discover(paths: Sequence[str], *, exclude: Iterable[str | Path] = ()) -> list[Entry]:
    """Every input, once, in order: the paths as given; each folder's entries sorted by name,
    recursively. ``exclude``: files that are not inputs when a walk finds them (the report being
    written; named on the command line, a file stays an input, and ``out_target_problem`` refuses
    to overwrite it)."""
    ex: set[tuple[int, int]] = set()
    for p in exclude:
        try:
            st = os.stat(p)
            ex.add((st.st_dev, st.st_ino))
        except OSError:
            pass
    walk = _Walk(exclude=ex)
    for given in paths:
        try:
            lst = os.lstat(given)
        except OSError as exc:
            walk.add(given, "error", "not-found",
                     "The file does not exist (check the name and folder)." if exc.errno == errno.ENOENT
                     else f"The file could not be examined ({exc.strerror or exc}).")
            continue
        st, problem = (lst, None) if not stat.S_ISLNK(lst.st_mode) else _follow(given)
        if problem:
            walk.add(given, "error", *problem)
        elif st is not None and stat.S_ISDIR(st.st_mode):
            walk.seen_dirs.add((st.st_dev, st.st_ino))
            _walk_dir(walk, given, ((st.st_dev, st.st_ino),))
        elif st is not None:
            _add_file(walk, given, st, named=True)
    return walk.entries


def _add_file(walk: _Walk, name: str, st: os.stat_result, *, named: bool) -> None:
    if not named and (st.st_dev, st.st_ino) in walk.exclude:  # the report itself, found by a walk
        return
    special = _special_kind(st.st_mode)
    if special and name in _STANDARD_STREAMS:
        walk.add(name, "error", "special-file",
                 "This is standard input, not a contract file: standard input cannot be checked. Save the "
                 "contract to a file (PDF, DOCX or TXT) and check that file.")
        return
    if special:
        walk.add(name, "error", "special-file",
                 f"This is {special}, not a regular file; it was not opened (reading it could wait forever).")
        return
    if not stat.S_ISREG(st.st_mode):
        walk.add(name, "error", "special-file", "This is not a regular file; it was not opened.")
        return
    base = os.path.basename(name)
    suffix = os.path.splitext(base)[1].lower()
    if named:  # a file the user named is always read: the reader says if it cannot
        walk.add(name, "file", size=st.st_size, named=True)
    elif base.startswith("~$"):
        walk.add(name, "skipped", "office-temp-file",
                 "A temporary file Microsoft Office keeps while a document is open.")
    elif base.startswith("."):
        walk.add(name, "skipped", "hidden", "A hidden file.")
    elif suffix in SUPPORTED_SUFFIXES:
        walk.add(name, "file", size=st.st_size)
    else:
        what = f"a {suffix} file" if suffix else "a file without an extension"
        walk.add(name, "skipped", "unsupported-type",
                 f"{what[0].upper()}{what[1:]}; in folders clausecheck reads .pdf, .docx and .txt "
                 "(name the file itself to have its content examined).")


def _walk_dir(walk: _Walk, folder: str, ancestors: tuple[tuple[int, int], ...]) -> None:
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it)
    except OSError as exc:
        walk.add(folder, "error", "not-found", f"The folder could not be read ({exc.strerror or exc}).")
        return
    for base in names:
        name = os.path.join(folder, base)
        try:
            lst = os.lstat(name)
        except OSError as exc:  # removed while walking
            walk.add(name, "error", "not-found", f"The file could not be examined ({exc.strerror or exc}).")
            continue
        if stat.S_ISLNK(lst.st_mode):
            st, problem = _follow(name)
            if problem:
                walk.add(name, "error", *problem)
                continue
            assert st is not None
        else:
            st = lst
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                walk.add(name, "error", "symlink-loop",
                         "This link leads back to a folder that contains it; it was not followed.")
            elif key in walk.seen_dirs:
                walk.add(name, "skipped", "already-searched",
                         "A link to a folder that was already searched under another name.")
            elif base.startswith("."):
                walk.add(name, "skipped", "hidden", "A hidden folder (not searched).")
            else:
                walk.seen_dirs.add(key)
                _walk_dir(walk, name, (*ancestors, key))
        else:
            _add_file(walk, name, st, named=False)


def sibling_groups(entries: Sequence[Entry]) -> list[tuple[Entry, ...]]:
    """File entries grouped with the same-named files next to them in another supported format
    (``x.pdf`` + ``x.txt``), preferred format first; every other file alone. In input order of
    each group's first member."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    order: list[tuple[str, str]] = []
    for e in entries:
        if e.kind != "file":
            continue
        folder, base = os.path.split(e.name)
        stem, suffix = os.path.splitext(base)
        key = (folder, stem.casefold()) if suffix.lower() in FORMAT_PREFERENCE else ("", "\0" + e.name)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(e)
    out = []
    for key in order:
        members = groups[key]
        suffixes = [os.path.splitext(m.name)[1].lower() for m in members]
        if len(members) > 1 and len(set(suffixes)) == len(suffixes):
            out.append(tuple(sorted(members, key=lambda m: FORMAT_PREFERENCE[os.path.splitext(m.name)[1].lower()])))
        else:  # x.txt and x.TXT on a case-sensitive disk are two files, not two formats
            out.extend((m,) for m in members)
    return out


def out_target_problem(out: str, entries: Sequence[Entry]) -> str | None:
    """Why ``--out`` cannot be written, checked before any work; None when it can."""
    try:
        os.fsencode(out).decode("utf-8")
    except UnicodeDecodeError:
        return f"--out {out!r}: the name is not valid UTF-8; choose a name in UTF-8"
    p = Path(out)
    if out.endswith(os.sep) or p.is_dir():
        return f"--out {out}: this is a folder; give a file name"
    parent = p.parent
    if not parent.is_dir():
        return f"--out {out}: the folder {parent} does not exist"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"--out {out}: the folder {parent} is not writable"
    if p.exists():
        if not p.is_file():
            return f"--out {out}: not a regular file"
        for e in entries:
            try:
                if e.kind == "file" and os.path.samefile(e.name, out):
                    return f"--out {out}: this is one of the input files; it would be overwritten"
            except OSError:
                continue
    return None
