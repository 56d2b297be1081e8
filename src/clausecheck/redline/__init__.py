"""Turn a report's recommended edits into a Word document with tracked changes and comments.

``redline(source, report, out)`` copies a DOCX (or, for PDF and TXT input, rebuilds one with the
source's headings, numbered clauses and tables: ``rebuild``) and applies the recommended action of
every finding (``Suggestion.edits``) as revisions a lawyer can accept or reject in Word or
LibreOffice. Each change carries a comment citing Art. 6 of the Cybersecurity Review Measures and
saying what it does, in the document's language.

The package is split by concern: ``wordxml`` (Word revision primitives), ``numbering`` (typed
numbers, the outline, where a new clause goes), ``comments``, ``editor`` (applying one edit), and
``rebuild`` (DOCX from PDF/TXT). This module plans the whole set of edits: a clause struck for one
finding is not also amended for another, and precedence words that would name only struck clauses
are dropped.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from clausecheck.findings import DocumentReport, Edit, Finding
from clausecheck.i18n import note_text
from clausecheck.redline.comments import ART6_EN, ART6_ZH
from clausecheck.redline.editor import AppliedChange, Editor, SkippedChange
from clausecheck.redline.rebuild import build_docx_from_blocks, docx_blocks, rebuild_docx
from clausecheck.redline.wordxml import enable_track_changes, is_cjk, norm

__all__ = ["ART6_EN", "ART6_ZH", "AppliedChange", "RedlineResult", "SkippedChange", "build_docx_from_blocks",
           "docx_blocks", "rebuild_docx", "redline"]


@dataclass(frozen=True)
class RedlineResult:
    output: Path
    source_format: str
    applied: tuple[AppliedChange, ...] = ()
    skipped: tuple[SkippedChange, ...] = ()
    # Things the reader must know about the output, in plain words (a DOCX rebuilt from a PDF does
    # not keep the original's layout): shown by the CLI and the web UI, not hidden in a tooltip.
    warnings: tuple[str, ...] = field(default_factory=tuple)
    layout_lost: bool = False
    # The same, as (key, parameters) for ``clausecheck.i18n.note_text`` in the reader's language.
    notes: tuple[tuple[str, dict], ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def _iso(date: dt.datetime | str | None) -> str:
    if date is None:
        date = dt.datetime.now(dt.timezone.utc)
    if isinstance(date, str):
        return date
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.timezone.utc)
    return date.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _edits_of(report: DocumentReport) -> Iterable[tuple[Finding, list[Edit]]]:
    for f in report.findings:
        status = str(getattr(f.status, "value", f.status))
        if status == "compliant" or f.suggestion is None or not f.suggestion.edits:
            continue
        yield f, list(f.suggestion.edits)


def plan(report: DocumentReport) -> list[tuple[Finding, Edit, list[str]]]:
    """The recommended edits in the order they are applied, each with the other requirements it
    also answers (a struck take-back that several findings cite).

    The findings' actions are first made to agree (``suggest.coordinate``: a clause struck for one
    finding is not amended for another; precedence over struck clauses only is dropped). Changes
    to existing text come first and inserts last: an insert's place is found in the amended text."""
    from clausecheck.suggest import coordinate, is_strike

    report = coordinate(report)
    out: list[tuple[Finding, Edit, list[str]]] = []
    for f, edits in _edits_of(report):
        for e in edits:
            also: list[str] = []
            if is_strike(e):
                key = norm(e.anchor or "")
                also = [g.requirement for g in report.findings if g.requirement != f.requirement
                        and _status(g) != "compliant"
                        and any(norm(ev.text) == key for ev in (*g.evidence, *g.related) if ev.role != "commitment")]
            out.append((f, e, also))
    return [x for x in out if x[1].kind != "insert"] + [x for x in out if x[1].kind == "insert"]


def _status(f: Finding) -> str:
    return str(getattr(f.status, "value", f.status))


def redline(source_path: str | Path, report: DocumentReport, out_path: str | Path, *,
            author: str = "clausecheck", date: dt.datetime | str | None = None,
            password: str | None = None) -> RedlineResult:
    """Write ``out_path`` (a .docx): the source with the report's recommended edits as tracked
    changes, each with a comment citing Art. 6 of the Cybersecurity Review Measures."""
    import docx

    from clausecheck.errors import UnreadableDocument
    from clausecheck.read import sniff_format

    source_path = Path(source_path)
    out_path = Path(out_path)
    try:
        with source_path.open("rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise UnreadableDocument(source_path, "not-found", str(exc)) from None
    kind = sniff_format(head, source_path.suffix.lower())
    notes: list[tuple[str, dict]] = []
    layout_lost = False
    if kind in ("zip", "ole2"):
        fmt = "docx"
        data = source_path.read_bytes() if kind == "zip" else _decrypt(source_path, password)
        if kind == "ole2":
            notes.append(("encrypted", {}))
        d = docx.Document(io.BytesIO(data))
    elif kind in ("pdf", "text"):
        fmt = "pdf" if kind == "pdf" else "txt"
        rebuilt = rebuild_docx(source_path, password=password)
        d = rebuilt.document
        notes.extend(rebuilt.notes)
        layout_lost = True
    else:
        raise UnreadableDocument(source_path, "unsupported-type",
                                 "cannot redline this file: give a PDF, DOCX or TXT contract")

    ed = Editor(d, author=author, date=_iso(date), language=report.language or "en")
    steps = plan(report)
    inserts: list[tuple[Finding, list[Edit]]] = []
    for finding, e, also in steps:
        if e.kind == "insert":
            if inserts and inserts[-1][0] is finding and _joins(inserts[-1][1], e):
                inserts[-1][1].append(e)
            else:
                inserts.append((finding, [e]))
            continue
        try:
            ed.apply_inline(finding, e, also)
        except Exception as exc:  # noqa: BLE001 - one bad edit must not lose the others
            ed.skipped.append(SkippedChange(finding.requirement, e.kind, f"internal error: {exc!r}", e))
    for finding, group in inserts:
        try:
            ed.apply_insert(finding, group)
        except Exception as exc:  # noqa: BLE001
            for e in group:
                ed.skipped.append(SkippedChange(finding.requirement, e.kind, f"internal error: {exc!r}", e))
    enable_track_changes(d)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out_path))
    return RedlineResult(output=out_path, source_format=fmt, applied=tuple(ed.applied),
                         skipped=tuple(ed.skipped), warnings=tuple(note_text(n, "en") for n in notes),
                         layout_lost=layout_lost, notes=tuple(notes))


def _lang(e: Edit) -> str:
    return "zh" if (e.language == "zh" or is_cjk(e.new)) else e.language


def _joins(group: list[Edit], e: Edit) -> bool:
    """Language versions of one clause (consecutive inserts in different languages) go in together."""
    return len(group) < 2 and _lang(e) not in {_lang(x) for x in group}


def _decrypt(path: Path, password: str | None) -> bytes:
    """The plain DOCX bytes of a password-protected Word file."""
    from clausecheck.errors import UnreadableDocument

    try:
        import msoffcrypto
    except ImportError:  # pragma: no cover
        raise UnreadableDocument(path, "encrypted", "cannot decrypt: msoffcrypto-tool is not installed") from None
    if password is None:
        raise UnreadableDocument(path, "encrypted", "The document is password-protected (encrypted). "
                                 "Give its password, or save an unprotected copy.")
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(path.read_bytes()))
        office.load_key(password=password)
        buf = io.BytesIO()
        office.decrypt(buf)
    except Exception:  # noqa: BLE001 - msoffcrypto raises many kinds for a wrong key
        raise UnreadableDocument(path, "wrong-password",
                                 "The password given does not open this encrypted document.") from None
    return buf.getvalue()
