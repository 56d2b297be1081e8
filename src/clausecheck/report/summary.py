"""The batch summary a person reads at the end of a report: how many documents were checked, per
undertaking how many are compliant / weakened / missing, what needs review, and which files were
not judged and why (unreadable, skipped, not a contract, a duplicate of another).

``SummaryBuilder`` takes documents one at a time in any order (a JSONL run adds them as they
complete, and those of an earlier run it resumes), so the summary never needs the whole report in
memory. It appears as ``summary`` in JSON, as the last line of JSONL, and at the end of text and
HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict

from clausecheck.findings import DocumentReport

STATUSES = ("compliant", "weakened", "missing")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class FileNote(_Frozen):
    file: str
    code: str
    message: str


class BatchSummary(_Frozen):
    files: int  # every entry of the report: checked, unreadable, skipped, duplicate
    checked: int  # judged documents (each text once)
    by_undertaking: dict[str, dict[str, int]]  # requirement -> {compliant, weakened, missing}
    needs_review: int  # findings flagged for a person to review
    needs_review_documents: int
    not_contracts: tuple[FileNote, ...] = ()
    unreadable: tuple[FileNote, ...] = ()
    skipped: tuple[FileNote, ...] = ()
    # Each group is one contract under several names; the first is the one judged.
    duplicates: tuple[tuple[str, ...], ...] = ()


class SummaryBuilder:
    def __init__(self, order: Mapping[str, int] | None = None):
        self._order = order or {}
        self.files = 0
        self.checked = 0
        self.counts: dict[str, dict[str, int]] = {}
        self.review = 0
        self.review_docs = 0
        self.not_contracts: list[FileNote] = []
        self.unreadable: list[FileNote] = []
        self.skipped: list[FileNote] = []
        self._groups: dict[str, list[str]] = {}  # judged name (or text hash) -> all names
        self._by_text: dict[str, str] = {}  # text hash -> group key

    def add(self, doc: DocumentReport) -> None:
        self.files += 1
        if doc.skipped is not None:
            self.skipped.append(FileNote(file=doc.file, code=doc.skipped.code, message=doc.skipped.message))
            return
        if doc.error is not None:
            self.unreadable.append(FileNote(file=doc.file, code=doc.error.code, message=doc.error.message))
            return
        if doc.duplicate_of is not None:
            self._group(doc.duplicate_of, doc.file)
            return
        if doc.text_sha256:  # a JSONL run keeps both documents of the same text: count one
            key = self._by_text.get(doc.text_sha256)
            if key is not None:
                self._group(key, doc.file)
                return
            self._by_text[doc.text_sha256] = doc.file
        for name in doc.duplicates:
            self._group(doc.file, name)
        not_contract = next((w for w in doc.warnings if w.code == "not-a-contract"), None)
        if not_contract is not None and not doc.findings:
            self.not_contracts.append(FileNote(file=doc.file, code=not_contract.code, message=not_contract.message))
            return
        self.checked += 1
        flagged = 0
        for f in doc.findings:
            c = self.counts.setdefault(f.requirement, dict.fromkeys(STATUSES, 0))
            c[str(f.status)] = c.get(str(f.status), 0) + 1
            flagged += bool(f.needs_review)
        self.review += flagged
        self.review_docs += bool(flagged)

    def _group(self, primary: str, other: str) -> None:
        names = self._groups.setdefault(primary, [primary])
        if other not in names:
            names.append(other)

    def build(self) -> BatchSummary:
        def pos(name: str) -> tuple[int, str]:
            return self._order.get(name, len(self._order)), name

        groups = []
        for names in self._groups.values():
            groups.append(tuple(sorted(names, key=pos)))
        return BatchSummary(
            files=self.files, checked=self.checked, by_undertaking=self.counts, needs_review=self.review,
            needs_review_documents=self.review_docs,
            not_contracts=tuple(sorted(self.not_contracts, key=lambda n: pos(n.file))),
            unreadable=tuple(sorted(self.unreadable, key=lambda n: pos(n.file))),
            skipped=tuple(sorted(self.skipped, key=lambda n: pos(n.file))),
            duplicates=tuple(sorted(groups, key=lambda g: pos(g[0]))))


def summarize(docs: Iterable[DocumentReport], order: Mapping[str, int] | None = None) -> BatchSummary:
    b = SummaryBuilder(order)
    for d in docs:
        b.add(d)
    return b.build()


def _note_message(n: FileNote) -> str:
    # Error messages start with the file's name (the API's convention); do not say it twice.
    msg = n.message
    return msg[len(n.file) + 2:] if msg.startswith(n.file + ": ") else msg


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def headline(s: BatchSummary) -> str:
    parts = [f"{s.checked} checked"]
    dups = sum(len(g) - 1 for g in s.duplicates)
    for n, what in ((len(s.not_contracts), "not a contract"), (len(s.unreadable), "could not be read"),
                    (len(s.skipped), "skipped"), (dups, "duplicate" if dups == 1 else "duplicates")):
        if n:
            parts.append(f"{n} {what}")
    return f"{_plural(s.files, 'file')}: " + ", ".join(parts)


def render_summary_text(s: BatchSummary) -> str:
    out = ["", "=" * 78, f"SUMMARY  {headline(s)}"]
    if s.by_undertaking:
        out.append(f"  {'undertaking':<36} {'compliant':>9} {'weakened':>9} {'missing':>9}")
        for rid, c in s.by_undertaking.items():
            out.append(f"  {rid:<36} {c.get('compliant', 0):>9} {c.get('weakened', 0):>9} {c.get('missing', 0):>9}")
    out.append(f"  needs review: {_plural(s.needs_review, 'finding')} in {_plural(s.needs_review_documents, 'document')}")
    if s.duplicates:
        out.append("  duplicates (same contract; judged once, under the first name):")
        out.extend("    " + " = ".join(g) for g in s.duplicates)
    for title, notes in (("not judged, not a contract", s.not_contracts), ("could not be read", s.unreadable),
                         ("skipped", s.skipped)):
        if notes:
            out.append(f"  {title}:")
            out.extend(f"    {n.file} [{n.code}] {_note_message(n)}" for n in notes)
    return "\n".join(out) + "\n"


def render_summary_html(s: BatchSummary, anchors: Mapping[str, str], short: Mapping[str, str]) -> str:
    def link(name: str) -> str:
        label = html.escape(short.get(name, name))
        a = anchors.get(name)
        title = html.escape(name, quote=True)
        return f"<a href='#{a}' title='{title}'>{label}</a>" if a else f"<span title='{title}'>{label}</span>"

    h = [f"<h2 id='summary'>Summary</h2><p>{html.escape(headline(s))}</p>"]
    if s.by_undertaking:
        h.append("<table><tr><th>undertaking</th><th class='compliant'>compliant</th>"
                 "<th class='weakened'>weakened</th><th class='missing'>missing</th></tr>")
        for rid, c in s.by_undertaking.items():
            h.append(f"<tr><td>{html.escape(rid)}</td>" + "".join(f"<td>{c.get(st, 0)}</td>" for st in STATUSES) + "</tr>")
        h.append("</table>")
    h.append(f"<p>Needs review: {_plural(s.needs_review, 'finding')} in "
             f"{_plural(s.needs_review_documents, 'document')}.</p>")
    if s.duplicates:
        h.append("<h3>Duplicates</h3><p class='muted'>The same contract under several names, judged once "
                 "under the first.</p><ul>")
        h.extend("<li>" + " = ".join(link(n) for n in g) + "</li>" for g in s.duplicates)
        h.append("</ul>")
    for title, notes in (("Not judged: not a contract", s.not_contracts), ("Could not be read", s.unreadable),
                         ("Skipped", s.skipped)):
        if notes:
            h.append(f"<h3>{title}</h3><table><tr><th>file</th><th>why</th></tr>")
            h.extend(f"<tr><td>{link(n.file)}</td><td><b>{html.escape(n.code)}</b>: "
                     f"{html.escape(_note_message(n))}</td></tr>" for n in notes)
            h.append("</table>")
    return "\n".join(h)


def short_names(files: Iterable[str]) -> dict[str, str]:
    """The shortest trailing part of each path that tells it apart from the others (the file's
    name, with as many parent folders as it takes)."""
    files = list(dict.fromkeys(files))
    parts = {f: f.replace("\\", "/").split("/") for f in files}
    depth = dict.fromkeys(files, 1)
    while True:
        seen: dict[str, list[str]] = {}
        for f in files:
            seen.setdefault("/".join(parts[f][-depth[f]:]), []).append(f)
        clash = [f for names in seen.values() if len(names) > 1 for f in names if depth[f] < len(parts[f])]
        if not clash:
            return {f: "/".join(parts[f][-depth[f]:]) for f in files}
        for f in clash:
            depth[f] += 1
