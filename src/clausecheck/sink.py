"""Where a report goes: written whole and atomically, or streamed line by line (JSONL) so that a
run killed at any point keeps every document finished before the kill, and ``--resume`` carries on.

Atomic: the report is written to a temporary file next to ``--out``, flushed to disk, then renamed
over it, so a run that fails never leaves a half-written report or wipes the previous one.

JSONL exactly-once: each document is one line (the same object as in the JSON report), written
with a single ``write`` and flushed as soon as it is done; a run that completes adds a last line,
``{"summary": ...}``. ``--resume`` reads the file back: a torn last line (the kill came mid-write)
and the summary line are dropped, a record is kept when its file is still there with the same
SHA-256 (else it is dropped and the file checked again), a second record of the same file is
dropped; the file is cut back (or, when something in the middle was dropped, rewritten
atomically) and the run appends what is not yet there. However often a run is killed and resumed,
the file ends with each input once.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from clausecheck.findings import DocumentReport
from clausecheck.inputs import Entry


def write_atomic(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        _match_permissions(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _match_permissions(tmp: str, path: str) -> None:
    # mkstemp creates 0600; a report should get the mode a plain open() would give it.
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def _fsync_dir(folder: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class NotAReport(Exception):
    """``--resume`` was pointed at a file that is not a JSONL report (a usage error)."""


@dataclass(frozen=True)
class ResumeState:
    done: frozenset[str]  # names whose record is kept: not checked again
    kept: int
    dropped_torn: int
    dropped_stale: int
    foreign: int  # records of files that are not inputs of this run (kept)


def _parse_lines(data: bytes) -> list[tuple[int, int, dict | None]]:
    """(start, end, object or None for a line that is not a JSON object with a newline)."""
    out = []
    pos = 0
    while pos < len(data):
        nl = data.find(b"\n", pos)
        end = len(data) if nl < 0 else nl + 1
        obj = None
        if nl >= 0:
            try:
                parsed = json.loads(data[pos:nl].decode("utf-8"))
                obj = parsed if isinstance(parsed, dict) else None
            except (ValueError, UnicodeDecodeError):
                obj = None
        out.append((pos, end, obj))
        pos = end
    return out


def prepare_resume(path: str, entries: Sequence[Entry]) -> tuple[ResumeState, list[DocumentReport]]:
    """Make ``path`` hold only valid, current records, each input once; what is done, and the
    kept records (for the summary)."""
    from clausecheck.batch import file_sha256

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return ResumeState(frozenset(), 0, 0, 0, 0), []
    if data.strip() and not data.lstrip().startswith((b'{"file"', b'{"summary"')):
        raise NotAReport(f"{path} is not a clausecheck JSONL report; --resume would cut it, so it is left as it is")
    current = {e.name: e for e in entries}
    lines = _parse_lines(data)
    keep: list[tuple[int, int]] = []
    kept_docs: list[DocumentReport] = []
    done: set[str] = set()
    torn = stale = foreign = 0
    for start, end, obj in lines:
        if obj is None:
            torn += 1
            continue
        if "summary" in obj and "file" not in obj:
            continue
        try:
            doc = DocumentReport.model_validate(obj)
        except ValueError:
            torn += 1
            continue
        if doc.file in done:
            stale += 1
            continue
        entry = current.get(doc.file)
        if entry is None:
            foreign += 1
        elif entry.kind == "file":
            if doc.sha256 is None or file_sha256(entry.name) != doc.sha256:
                stale += 1
                continue
        elif doc.sha256 is not None:  # was a file, is now a broken link or gone
            stale += 1
            continue
        done.add(doc.file)
        keep.append((start, end))
        kept_docs.append(doc)
    prefix_end = keep[-1][1] if keep else 0
    contiguous = all(a == (keep[i - 1][1] if i else 0) for i, (a, _) in enumerate(keep))
    if contiguous:
        if prefix_end != len(data):
            with open(path, "r+b") as fh:
                fh.truncate(prefix_end)
                fh.flush()
                os.fsync(fh.fileno())
    else:
        write_atomic(path, b"".join(data[a:b] for a, b in keep).decode("utf-8"))
    state = ResumeState(frozenset(d.file for d in kept_docs if d.file in current), len(kept_docs),
                        torn, stale, foreign)
    return state, kept_docs


class JsonlStream:
    """Appends document lines to ``path`` (or standard output), each flushed as it is written."""

    def __init__(self, path: str | None, *, append: bool):
        self.path = path
        self._fd: int | None = None
        self._append = append
        self.written = 0

    def _open(self) -> int:
        # Opened at the first document, not before: a run that fails to start leaves an earlier
        # report as it was.
        if self._fd is None:
            if self.path is None:
                self._fd = sys.stdout.fileno()
                sys.stdout.flush()
            else:
                flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if self._append else os.O_TRUNC)
                self._fd = os.open(self.path, flags, 0o666)
        return self._fd

    def _write(self, text: str) -> None:
        fd = self._open()
        view = memoryview(text.encode("utf-8"))
        while view:  # one write() for a line in practice; a partial one is continued
            view = view[os.write(fd, view):]

    def write(self, doc: DocumentReport) -> None:
        from clausecheck.report import document_json_line

        self._write(document_json_line(doc))
        self.written += 1

    def write_all(self, docs: Iterable[DocumentReport]) -> None:
        for d in docs:
            self.write(d)

    def finish(self, summary) -> None:
        from clausecheck.report import summary_json_line

        self._write(summary_json_line(summary))
        if self.path is not None and self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None

    def close(self) -> None:
        if self.path is not None and self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
