"""What the reader could not read, or changed, carried into the report.

* Each ``ReadWarning`` of the document becomes a ``DocumentWarning`` in the report.
* Where part of the contract was not read (scanned or damaged pages, garbled text), every finding
  is flagged ``needs_review``: a commitment, or a clause that takes one back, may be in the part
  no one read. A ``missing`` verdict there is a guess, and its confidence says so (at most 0.5).
* A Traditional Chinese contract is judged in Simplified Chinese; its evidence (and the anchors
  and text a redline looks for) are mapped back to the contract's own Traditional words, and
  suggested wording is converted to Traditional.

This is a step after the judge, not inside it, so the judge stays about judging.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from clausecheck.document import SourceDocument
from clausecheck.findings import DocumentReport, DocumentWarning, Finding, Status

UNREAD_MISSING_CONFIDENCE = 0.5


def apply_read_notes(report: DocumentReport, source: SourceDocument) -> DocumentReport:
    # The reader's warnings first, then any the report already carries (not-a-contract).
    warnings = tuple(DocumentWarning(code=w.code, message=w.message, pages=w.pages, count=w.count)
                     for w in source.warnings) + tuple(report.warnings)
    findings = report.findings
    if any(w.unread for w in source.warnings):
        findings = tuple(_unread(f) for f in findings)
    pairs = [(b.text, o) for b, o in zip(source.blocks, source.original_texts, strict=False) if o]
    if pairs:
        findings = tuple(_to_original(f, pairs) for f in findings)
    return report.model_copy(update={"warnings": warnings, "findings": findings})


def _unread(f: Finding) -> Finding:
    update: dict = {"needs_review": True}
    if f.status == Status.MISSING:
        update["confidence"] = min(f.confidence, UNREAD_MISSING_CONFIDENCE)
    return f.model_copy(update=update)


def _to_original(f: Finding, pairs: list[tuple[str, str]]) -> Finding:
    def orig(text: str | None) -> str | None:
        return _original(text, pairs) if text else text

    update: dict = {
        "evidence": tuple(e.model_copy(update={"text": orig(e.text)}) for e in f.evidence),
        "related": tuple(e.model_copy(update={"text": orig(e.text)}) for e in f.related),
        "reasons": tuple(r.model_copy(update={"trigger": orig(r.trigger)}) for r in f.reasons),
    }
    if f.suggestion is not None:
        from clausecheck.read.language import to_traditional

        edits = tuple(e.model_copy(update={"anchor": orig(e.anchor), "old": orig(e.old),
                                           "new": to_traditional(e.new) if e.language == "zh" else e.new})
                      for e in f.suggestion.edits)
        text = to_traditional(f.suggestion.text) if f.suggestion.language == "zh" else f.suggestion.text
        update["suggestion"] = f.suggestion.model_copy(update={"text": text, "edits": edits})
    return f.model_copy(update=update)


def _original(text: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` (a quote from the converted contract) in the contract's own words, when it lies
    within one converted paragraph; else as it is."""
    for converted, original in pairs:
        start = converted.find(text)
        if start < 0:
            continue
        if len(converted) > 20_000:
            return text
        ops = SequenceMatcher(None, converted, original, autojunk=False).get_opcodes()
        a, b = _map(ops, start), _map(ops, start + len(text))
        return original[a:b] if b > a else text
    return text


def _map(ops, pos: int) -> int:
    """A position in the converted text -> the position in the original (inside a replaced
    stretch, proportionally: OpenCC replaces a phrase by one of about the same length)."""
    if not ops or pos >= ops[-1][2]:
        return ops[-1][4] if ops else pos
    for tag, i1, i2, j1, j2 in ops:
        if i1 <= pos < i2:  # insertions (i1 == i2) hold no position of the converted text
            if tag == "equal":
                return j1 + pos - i1
            if tag == "delete":
                return j1
            return j1 + round((pos - i1) * (j2 - j1) / (i2 - i1))
    return pos
