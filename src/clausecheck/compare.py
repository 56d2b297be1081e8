"""Compare two drafts of a contract: did each Art. 6 undertaking get better or worse?

``compare(report_a, report_b)`` takes the reports of the earlier draft (A) and the later draft (B)
and, per undertaking, gives both verdicts and the direction of the change:

- ``improved`` / ``regressed`` when the status moves (compliant > weakened > missing);
- for two ``weakened`` verdicts, more reason codes is a regression and fewer an improvement;
  the same number of different codes is ``unchanged`` with ``reasons_changed`` set;
- the evidence text that changed between the drafts (removed, added, or reworded pairs).

Render with ``render_text``, ``render_json`` (schema ``clausecheck.compare/1``) or ``render_html``.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from clausecheck.findings import DocumentReport, Finding

__all__ = ["Comparison", "EvidenceChange", "RequirementChange", "compare", "render"]

SCHEMA = "clausecheck.compare/1"
REQUIREMENTS = ("review-cooperation", "no-illegal-data-acquisition", "no-illegal-device-control",
                "no-unjustified-supply-interruption")
RANK = {"compliant": 2, "weakened": 1, "missing": 0}

Change = Literal["improved", "regressed", "unchanged"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, use_enum_values=True, populate_by_name=True)


class EvidenceChange(_Frozen):
    """A clause of draft A reworded in draft B (``before`` -> ``after``)."""

    before: str
    after: str


class RequirementChange(_Frozen):
    requirement: str
    status_a: str | None
    status_b: str | None
    reasons_a: tuple[str, ...] = ()
    reasons_b: tuple[str, ...] = ()
    change: Change = "unchanged"
    reasons_added: tuple[str, ...] = ()
    reasons_removed: tuple[str, ...] = ()
    reasons_changed: bool = False
    evidence_removed: tuple[str, ...] = ()  # in A, gone from B
    evidence_added: tuple[str, ...] = ()  # new in B
    evidence_changed: tuple[EvidenceChange, ...] = ()
    summary: str = ""


class Comparison(_Frozen):
    schema_: str = Field(default=SCHEMA, alias="schema")
    file_a: str
    file_b: str
    language_a: str | None = None
    language_b: str | None = None
    requirements: tuple[RequirementChange, ...] = ()

    @property
    def regressed(self) -> tuple[RequirementChange, ...]:
        return tuple(r for r in self.requirements if r.change == "regressed")

    @property
    def improved(self) -> tuple[RequirementChange, ...]:
        return tuple(r for r in self.requirements if r.change == "improved")

    @property
    def has_regression(self) -> bool:
        return bool(self.regressed)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


# --------------------------------------------------------------------------------------------


def _status(f: Finding | None) -> str | None:
    if f is None:
        return None
    return str(getattr(f.status, "value", f.status))


def _codes(f: Finding | None) -> tuple[str, ...]:
    if f is None:
        return ()
    return tuple(dict.fromkeys(r.code for r in f.reasons))


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _evidence(f: Finding | None) -> list[str]:
    if f is None:
        return []
    out: dict[str, str] = {}
    for e in f.evidence:
        out.setdefault(_key(e.text), e.text)
    return list(out.values())


def _similarity(a: str, b: str) -> float:
    try:
        from rapidfuzz import fuzz

        return fuzz.ratio(_key(a), _key(b)) / 100.0
    except ImportError:  # pragma: no cover
        return difflib.SequenceMatcher(a=_key(a), b=_key(b)).ratio()


def _diff_evidence(ev_a: list[str], ev_b: list[str]):
    keys_b = {_key(t) for t in ev_b}
    keys_a = {_key(t) for t in ev_a}
    removed = [t for t in ev_a if _key(t) not in keys_b]
    added = [t for t in ev_b if _key(t) not in keys_a]
    changed: list[EvidenceChange] = []
    # pair each removed clause with its most similar added one: a reworded clause
    pairs = sorted(((_similarity(a, b), i, j) for i, a in enumerate(removed) for j, b in enumerate(added)),
                   reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, i, j in pairs:
        if score < 0.6 or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        changed.append(EvidenceChange(before=removed[i], after=added[j]))
    removed = [t for i, t in enumerate(removed) if i not in used_a]
    added = [t for j, t in enumerate(added) if j not in used_b]
    return tuple(removed), tuple(added), tuple(changed)


def compare_finding(requirement: str, fa: Finding | None, fb: Finding | None) -> RequirementChange:
    sa, sb = _status(fa), _status(fb)
    ra, rb = _codes(fa), _codes(fb)
    added = tuple(c for c in rb if c not in ra)
    removed = tuple(c for c in ra if c not in rb)
    change: Change = "unchanged"
    if sa is not None and sb is not None and RANK.get(sa, 0) != RANK.get(sb, 0):
        change = "improved" if RANK.get(sb, 0) > RANK.get(sa, 0) else "regressed"
    elif sa == sb == "weakened" and len(rb) != len(ra):
        change = "regressed" if len(rb) > len(ra) else "improved"
    reasons_changed = set(ra) != set(rb)
    ev_removed, ev_added, ev_changed = _diff_evidence(_evidence(fa), _evidence(fb))

    def fmt(s, r):
        if s is None:
            return "not judged"
        return f"{s} ({', '.join(r)})" if r else s

    summary = f"{fmt(sa, ra)} -> {fmt(sb, rb)}" if (sa, ra) != (sb, rb) else fmt(sa, ra)
    if change == "unchanged" and reasons_changed:
        summary += " (reasons changed: " + ", ".join(
            [f"+{c}" for c in added] + [f"-{c}" for c in removed]) + ")"
    return RequirementChange(
        requirement=requirement, status_a=sa, status_b=sb, reasons_a=ra, reasons_b=rb, change=change,
        reasons_added=added, reasons_removed=removed, reasons_changed=reasons_changed,
        evidence_removed=ev_removed, evidence_added=ev_added, evidence_changed=ev_changed,
        summary=summary)


def compare(report_a: DocumentReport, report_b: DocumentReport) -> Comparison:
    """Per undertaking, how draft B's verdict compares with draft A's."""
    for rep in (report_a, report_b):
        if rep.error is not None:
            raise ValueError(f"{rep.file}: cannot compare an unreadable document ({rep.error.code})")
    reqs = list(REQUIREMENTS)
    for rep in (report_a, report_b):
        for f in rep.findings:
            if f.requirement not in reqs:
                reqs.append(f.requirement)
    items = tuple(compare_finding(r, report_a.finding(r), report_b.finding(r)) for r in reqs
                  if report_a.finding(r) is not None or report_b.finding(r) is not None)
    return Comparison(file_a=report_a.file, file_b=report_b.file, language_a=report_a.language,
                      language_b=report_b.language, requirements=items)


# --------------------------------------------------------------------------------------------
# Rendering

_MARK = {"improved": "IMPROVED", "regressed": "REGRESSED", "unchanged": "unchanged"}


def _short(text: str, n: int = 160) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def render_text(cmp: Comparison) -> str:
    lines = [f"clausecheck compare: {cmp.file_a}  ->  {cmp.file_b}", ""]
    width = max((len(r.requirement) for r in cmp.requirements), default=10)
    for r in cmp.requirements:
        lines.append(f"{_MARK[r.change]:<10} {r.requirement:<{width}}  {r.summary}")
        for ec in r.evidence_changed:
            lines.append(f"{'':<11}  ~ was: {_short(ec.before)}")
            lines.append(f"{'':<11}    now: {_short(ec.after)}")
        for t in r.evidence_removed:
            lines.append(f"{'':<11}  - removed: {_short(t)}")
        for t in r.evidence_added:
            lines.append(f"{'':<11}  + added:   {_short(t)}")
    n_i, n_r = len(cmp.improved), len(cmp.regressed)
    n_u = len(cmp.requirements) - n_i - n_r
    lines += ["", f"{n_i} improved, {n_r} regressed, {n_u} unchanged"]
    return "\n".join(lines) + "\n"


def render_json(cmp: Comparison) -> str:
    return json.dumps(cmp.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


_TOKEN_RE = re.compile(r"\s+|[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")


def html_diff(before: str, after: str) -> str:
    """Word-level (character-level for Chinese) diff: ``<del>`` what went, ``<ins>`` what came."""
    a, b = _TOKEN_RE.findall(before), _TOKEN_RE.findall(after)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def render_html(cmp: Comparison) -> str:
    e = html.escape
    rows = []
    for r in cmp.requirements:
        ev = []
        for ec in r.evidence_changed:
            ev.append(f"<li class='changed'>{html_diff(ec.before, ec.after)}</li>")
        for t in r.evidence_removed:
            ev.append(f"<li class='removed'><del>{e(t)}</del></li>")
        for t in r.evidence_added:
            ev.append(f"<li class='added'><ins>{e(t)}</ins></li>")
        reasons_note = ""
        if r.reasons_changed:
            reasons_note = "<div class='reasons'>reasons: " + " ".join(
                [f"<ins>+{e(c)}</ins>" for c in r.reasons_added]
                + [f"<del>-{e(c)}</del>" for c in r.reasons_removed]) + "</div>"
        def verdict(s, codes):
            if s is None:
                return "<span class='status none'>not judged</span>"
            extra = f" <small>({e(', '.join(codes))})</small>" if codes else ""
            return f"<span class='status {e(s)}'>{e(s)}</span>{extra}"
        rows.append(
            f"<tr class='{r.change}'><td><code>{e(r.requirement)}</code></td>"
            f"<td>{verdict(r.status_a, r.reasons_a)}</td><td>{verdict(r.status_b, r.reasons_b)}</td>"
            f"<td class='change'>{e(r.change)}</td>"
            f"<td>{reasons_note}{'<ul>' + ''.join(ev) + '</ul>' if ev else ''}</td></tr>")
    n_i, n_r = len(cmp.improved), len(cmp.regressed)
    n_u = len(cmp.requirements) - n_i - n_r
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>clausecheck compare: {e(cmp.file_a)} → {e(cmp.file_b)}</title>
<style>
body{{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2em;color:#222}}
table{{border-collapse:collapse;width:100%}} td,th{{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}}
tr.improved td.change{{color:#0a7d2c;font-weight:bold}} tr.regressed td.change{{color:#b00020;font-weight:bold}}
tr.regressed{{background:#fff3f3}} tr.improved{{background:#f3fff5}}
.status.compliant{{color:#0a7d2c}} .status.weakened{{color:#a86b00}} .status.missing{{color:#b00020}}
del{{color:#b00020;text-decoration:line-through}} ins{{color:#0a7d2c;text-decoration:underline}}
ul{{margin:0;padding-left:1.2em}}
</style></head><body>
<h1>Draft comparison</h1>
<p>Cybersecurity Review Measures (网络安全审查办法) Art. 6 &mdash; <b>A</b>: {e(cmp.file_a)} &rarr; <b>B</b>: {e(cmp.file_b)}</p>
<p class="summary">{n_i} improved, {n_r} regressed, {n_u} unchanged</p>
<table><thead><tr><th>undertaking</th><th>draft A</th><th>draft B</th><th>change</th><th>what changed</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""


def render(cmp: Comparison, fmt: str = "text") -> str:
    if fmt == "json":
        return render_json(cmp)
    if fmt == "html":
        return render_html(cmp)
    return render_text(cmp)
