"""Compare two drafts of a contract: what changed in the text, and what changed in the verdicts.

``compare(report_a, report_b, source_a, source_b)`` takes the reports of the earlier draft (A) and
the later draft (B) and, when given, the drafts themselves (``SourceDocument``), and reports two
things apart:

- **the text** (``text_changes``): clauses added, removed or amended between the drafts, found by
  aligning the two drafts clause by clause. A clause is only ever called removed when its text is
  no longer in draft B.
- **the verdicts** (``requirements``), per undertaking: both verdicts and the direction
  (``improved`` / ``regressed`` when the status moves, compliant > weakened > missing; for two
  ``weakened`` verdicts more reason codes is a regression and fewer an improvement), and what
  happened to the clauses cited as evidence: reworded (``evidence_changed``), gone from the text
  (``evidence_removed``), new text (``evidence_added``), or still in the draft but no longer cited
  (``evidence_dropped``) / cited now but there before (``evidence_cited``).

Without the drafts' text, evidence that is no longer cited is reported as ``evidence_dropped``:
whether the clause is still there cannot be known, so it is never called removed.

Render with ``render_text``, ``render_json`` (schema ``clausecheck.compare/1``) or ``render_html``,
labelled in ``lang``.
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
from clausecheck.i18n import (
    REASON_SHORT,
    REQUIREMENT_SHORT,
    REQUIREMENT_TITLES,
    STATUS_LABELS,
    pick,
    section_label,
)

__all__ = ["ClauseChange", "Comparison", "EvidenceChange", "RequirementChange", "compare", "render"]

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


class ClauseChange(_Frozen):
    """A clause added to, removed from or amended between the drafts."""

    kind: Literal["added", "removed", "amended"]
    section_a: str | None = None
    section_b: str | None = None
    before: str = ""
    after: str = ""


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
    evidence_removed: tuple[str, ...] = ()  # cited in A, its text gone from B
    evidence_added: tuple[str, ...] = ()  # cited in B, its text new in B
    evidence_changed: tuple[EvidenceChange, ...] = ()
    evidence_dropped: tuple[str, ...] = ()  # cited in A, still in B's text, no longer cited
    evidence_cited: tuple[str, ...] = ()  # cited in B, already in A's text
    summary: str = ""


class Comparison(_Frozen):
    schema_: str = Field(default=SCHEMA, alias="schema")
    file_a: str
    file_b: str
    language_a: str | None = None
    language_b: str | None = None
    requirements: tuple[RequirementChange, ...] = ()
    text_compared: bool = False  # the drafts' text was compared (``text_changes`` is meaningful)
    text_changes: tuple[ClauseChange, ...] = ()

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
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).casefold()


def _evidence(f: Finding | None) -> list[str]:
    if f is None:
        return []
    out: dict[str, str] = {}
    for e in f.evidence:
        out.setdefault(_key(e.text), e.text)
    return list(out.values())


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(_key(a), _key(b)) / 100.0


class _Text:
    """A draft's clauses (section, text), and its whole text for "is this still there?"."""

    def __init__(self, source):
        from clausecheck.segment import segment

        seg = segment(source)
        self.clauses = [(c.section, c.text) for c in seg.clauses if c.text.strip()]
        self.key = _key("".join(t for _, t in self.clauses))

    def holds(self, text: str) -> bool:
        k = _key(text)
        return bool(k) and k in self.key


def _pair(removed: list[tuple], added: list[tuple], threshold: float = 0.6):
    """Pair each removed item with its most similar added one (a reworded clause)."""
    pairs = sorted(((_similarity(a[-1], b[-1]), i, j) for i, a in enumerate(removed) for j, b in enumerate(added)),
                   reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for score, i, j in pairs:
        if score < threshold or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((removed[i], added[j]))
    rest_a = [x for i, x in enumerate(removed) if i not in used_a]
    rest_b = [x for j, x in enumerate(added) if j not in used_b]
    return out, rest_a, rest_b


def text_changes(a: _Text, b: _Text) -> tuple[ClauseChange, ...]:
    """Clauses added, removed and amended, aligned in document order. A clause whose text appears
    unchanged elsewhere in the other draft (moved or renumbered) is not a change."""
    ka = [_key(t) for _, t in a.clauses]
    kb = [_key(t) for _, t in b.clauses]
    in_a, in_b = set(ka), set(kb)
    out: list[ClauseChange] = []
    sm = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        gone = [a.clauses[i] for i in range(i1, i2) if ka[i] not in in_b]
        new = [b.clauses[j] for j in range(j1, j2) if kb[j] not in in_a]
        pairs, rest_a, rest_b = _pair(gone, new, threshold=0.5)
        for (sa, ta), (sb, tb) in pairs:
            out.append(ClauseChange(kind="amended", section_a=sa, section_b=sb, before=ta, after=tb))
        for sa, ta in rest_a:
            # a clause merged into a longer one (text kept inside it) is amended, not removed
            host = next(((sb, tb) for sb, tb in b.clauses if _key(ta) in _key(tb)), None)
            if host is not None:
                out.append(ClauseChange(kind="amended", section_a=sa, section_b=host[0], before=ta, after=host[1]))
            else:
                out.append(ClauseChange(kind="removed", section_a=sa, before=ta))
        for sb, tb in rest_b:
            out.append(ClauseChange(kind="added", section_b=sb, after=tb))
    return tuple(out)


def _diff_evidence(ev_a: list[str], ev_b: list[str], ta: _Text | None, tb: _Text | None,
                   clause_changes: tuple[ClauseChange, ...]):
    keys_b = {_key(t) for t in ev_b}
    keys_a = {_key(t) for t in ev_a}
    only_a = [t for t in ev_a if _key(t) not in keys_b]
    only_b = [t for t in ev_b if _key(t) not in keys_a]
    if ta is None or tb is None:
        # Without the text, say only what the verdicts cite: reworded pairs, and the rest as no
        # longer cited / newly cited.
        pairs, rest_a, rest_b = _pair([(t,) for t in only_a], [(t,) for t in only_b])
        changed = tuple(EvidenceChange(before=x[0], after=y[0]) for x, y in pairs)
        return (), (), changed, tuple(x[0] for x in rest_a), tuple(y[0] for y in rest_b)
    still = [t for t in only_a if tb.holds(t)]
    gone = [t for t in only_a if not tb.holds(t)]
    old = [t for t in only_b if ta.holds(t)]
    new = [t for t in only_b if not ta.holds(t)]
    changed: list[EvidenceChange] = []
    removed: list[str] = []
    for t in gone:
        cc = next((c for c in clause_changes if c.kind == "amended" and (_key(t) in _key(c.before)
                                                                          or _key(c.before) in _key(t))), None)
        if cc is not None:
            after = next((n for n in new if _key(n) in _key(cc.after) or _key(cc.after) in _key(n)), cc.after)
            if after in new:
                new.remove(after)
            changed.append(EvidenceChange(before=t, after=after))
        else:
            removed.append(t)
    pairs, removed_rest, new_rest = _pair([(t,) for t in removed], [(t,) for t in new])
    changed += [EvidenceChange(before=x[0], after=y[0]) for x, y in pairs]
    return (tuple(x[0] for x in removed_rest), tuple(y[0] for y in new_rest), tuple(changed), tuple(still),
            tuple(old))


def compare_finding(requirement: str, fa: Finding | None, fb: Finding | None, ta: _Text | None = None,
                    tb: _Text | None = None, clause_changes: tuple[ClauseChange, ...] = ()) -> RequirementChange:
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
    ev_removed, ev_added, ev_changed, ev_dropped, ev_cited = _diff_evidence(
        _evidence(fa), _evidence(fb), ta, tb, clause_changes)

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
        evidence_dropped=ev_dropped, evidence_cited=ev_cited, summary=summary)


def compare(report_a: DocumentReport, report_b: DocumentReport, source_a=None, source_b=None) -> Comparison:
    """Per undertaking, how draft B's verdict compares with draft A's; with the drafts
    (``SourceDocument``), also what changed in their text."""
    for rep in (report_a, report_b):
        if rep.error is not None:
            raise ValueError(f"{rep.file}: cannot compare an unreadable document ({rep.error.code})")
    ta = _Text(source_a) if source_a is not None else None
    tb = _Text(source_b) if source_b is not None else None
    changes = text_changes(ta, tb) if ta is not None and tb is not None else ()
    reqs = list(REQUIREMENTS)
    for rep in (report_a, report_b):
        for f in rep.findings:
            if f.requirement not in reqs:
                reqs.append(f.requirement)
    items = tuple(compare_finding(r, report_a.finding(r), report_b.finding(r), ta, tb, changes) for r in reqs
                  if report_a.finding(r) is not None or report_b.finding(r) is not None)
    return Comparison(file_a=report_a.file, file_b=report_b.file, language_a=report_a.language,
                      language_b=report_b.language, requirements=items, text_compared=ta is not None
                      and tb is not None, text_changes=changes)


def read_drafts(path_a, path_b, password: str | None = None):
    """The two drafts' text for ``compare``. Where one draft is a Word document and the other a PDF
    or TXT (a redline of a PDF, say), the PDF/TXT is read as the Word document clausecheck rebuilds
    from it, so that the two are read alike (tables as tables, headings as headings) and only real
    changes show."""
    import tempfile
    from pathlib import Path

    from clausecheck.read import read_document

    paths = [Path(path_a), Path(path_b)]
    kinds = [p.suffix.lower() == ".docx" for p in paths]
    out = []
    for p, is_docx in zip(paths, kinds, strict=True):
        if any(kinds) and not is_docx:
            from clausecheck.redline import rebuild_docx

            with tempfile.TemporaryDirectory(prefix="clausecheck-compare-") as tmp:
                docx_path = Path(tmp) / (p.stem + ".docx")
                rebuild_docx(p, password=password).document.save(str(docx_path))
                src = read_document(docx_path)
            out.append(src)
        else:
            out.append(read_document(p, password=password))
    return out[0], out[1]


# --------------------------------------------------------------------------------------------
# Rendering

WORDS = {
    "title": {"en": "clausecheck compare", "zh": "clausecheck 草稿对比"},
    "verdicts": {"en": "Verdicts", "zh": "结论变化"},
    "text": {"en": "Clause text", "zh": "条款文字变化"},
    "improved": {"en": "IMPROVED", "zh": "改进"},
    "regressed": {"en": "REGRESSED", "zh": "退步"},
    "unchanged": {"en": "unchanged", "zh": "不变"},
    "not_judged": {"en": "not judged", "zh": "未判断"},
    "added": {"en": "added", "zh": "新增"},
    "removed": {"en": "removed", "zh": "删除"},
    "amended": {"en": "amended", "zh": "修改"},
    "was": {"en": "was", "zh": "原为"},
    "now": {"en": "now", "zh": "现为"},
    "reworded": {"en": "reworded", "zh": "措辞修改"},
    "dropped": {"en": "no longer cited (still in the draft)", "zh": "不再作为证据（条款仍在草稿中）"},
    "cited": {"en": "now cited (already in the earlier draft)", "zh": "新作为证据（条款在原草稿中已有）"},
    "no_text": {"en": "The drafts' text was not compared.", "zh": "未对比草稿文字。"},
    "no_change": {"en": "No clause was added, removed or amended.", "zh": "没有条款被新增、删除或修改。"},
    "counts": {"en": "{i} improved, {r} regressed, {u} unchanged", "zh": "{i} 项改进，{r} 项退步，{u} 项不变"},
    "text_counts": {"en": "{added} clause(s) added, {removed} removed, {amended} amended",
                    "zh": "新增 {added} 条，删除 {removed} 条，修改 {amended} 条"},
    "undertaking": {"en": "undertaking", "zh": "承诺"},
    "draft_a": {"en": "draft A", "zh": "草稿 A"},
    "draft_b": {"en": "draft B", "zh": "草稿 B"},
    "change": {"en": "change", "zh": "变化"},
    "what": {"en": "cited clauses", "zh": "相关条款"},
    "reasons": {"en": "reasons", "zh": "理由"},
}


def _w(key: str, lang: str, **fields) -> str:
    text = pick(WORDS, key, lang)
    return text.format(**fields) if fields else text


def _short(text: str, n: int = 160) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def _verdict(s: str | None, codes: tuple[str, ...], lang: str) -> str:
    if s is None:
        return _w("not_judged", lang)
    label = s if lang == "en" else pick(STATUS_LABELS, s, lang)
    if not codes:
        return label
    names = ", ".join(codes) if lang == "en" else "、".join(pick(REASON_SHORT, c, lang, default=c) for c in codes)
    return f"{label} ({names})" if lang == "en" else f"{label}（{names}）"


def _counts(cmp: Comparison) -> dict[str, int]:
    return {k: sum(1 for c in cmp.text_changes if c.kind == k) for k in ("added", "removed", "amended")}


def render_text(cmp: Comparison, *, lang: str = "en") -> str:
    sep = "：" if lang == "zh" else ": "
    lines = [f"{_w('title', lang)}{sep}{cmp.file_a}  ->  {cmp.file_b}", "", _w("verdicts", lang)]
    names = {r.requirement: (r.requirement if lang == "en" else pick(REQUIREMENT_SHORT, r.requirement, lang))
             for r in cmp.requirements}
    width = max((len(n) for n in names.values()), default=10)
    for r in cmp.requirements:
        a, b = _verdict(r.status_a, r.reasons_a, lang), _verdict(r.status_b, r.reasons_b, lang)
        note = ""
        if r.change == "unchanged" and r.reasons_changed:
            codes = ", ".join([f"+{c}" for c in r.reasons_added] + [f"-{c}" for c in r.reasons_removed])
            note = f" (reasons changed: {codes})" if lang == "en" else "（理由有变化：" + "、".join(
                [f"+{pick(REASON_SHORT, c, lang)}" for c in r.reasons_added]
                + [f"-{pick(REASON_SHORT, c, lang)}" for c in r.reasons_removed]) + "）"
        lines.append(f"{_w(r.change, lang):<10} {names[r.requirement]:<{width}}  {a}"
                     + (f" -> {b}" if (a != b) else "") + note)
        for ec in r.evidence_changed:
            lines.append(f"{'':<11}  ~ {_w('was', lang)}{sep}{_short(ec.before)}")
            lines.append(f"{'':<11}    {_w('now', lang)}{sep}{_short(ec.after)}")
        for t in r.evidence_removed:
            lines.append(f"{'':<11}  - {_w('removed', lang)}{sep}{_short(t)}")
        for t in r.evidence_added:
            lines.append(f"{'':<11}  + {_w('added', lang)}{sep}{_short(t)}")
        for t in r.evidence_dropped:
            lines.append(f"{'':<11}  · {_w('dropped', lang)}{sep}{_short(t)}")
        for t in r.evidence_cited:
            lines.append(f"{'':<11}  · {_w('cited', lang)}{sep}{_short(t)}")
    n_i, n_r = len(cmp.improved), len(cmp.regressed)
    lines += ["", _w("counts", lang, i=n_i, r=n_r, u=len(cmp.requirements) - n_i - n_r)]
    lines += ["", _w("text", lang)]
    if not cmp.text_compared:
        lines.append("  " + _w("no_text", lang))
    elif not cmp.text_changes:
        lines.append("  " + _w("no_change", lang))
    for c in cmp.text_changes:
        where = section_label(c.section_b or c.section_a, lang)
        head = f"  {'~' if c.kind == 'amended' else '+' if c.kind == 'added' else '-'} {_w(c.kind, lang)}" + \
            (f" {where}" if where else "")
        if c.kind == "amended":
            lines += [head, f"      {_w('was', lang)}{sep}{_short(c.before)}", f"      {_w('now', lang)}{sep}{_short(c.after)}"]
        else:
            lines.append(f"{head}{sep}{_short(c.after or c.before)}")
    if cmp.text_compared:
        lines += ["", _w("text_counts", lang, **_counts(cmp))]
    return "\n".join(lines) + "\n"


def render_json(cmp: Comparison, *, lang: str = "en") -> str:
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


def evidence_items_html(r: RequirementChange, lang: str) -> list[str]:
    """The cited clauses of one undertaking that changed, as ``<li>`` items (shared with the web UI)."""
    e = html.escape
    out = []
    # (kind, label word, the item's HTML): one <li> shape for every kind of change.
    items = [("changed", "reworded", html_diff(ec.before, ec.after)) for ec in r.evidence_changed]
    items += [("removed", "removed", f"<del>{e(t)}</del>") for t in r.evidence_removed]
    items += [("added", "added", f"<ins>{e(t)}</ins>") for t in r.evidence_added]
    items += [("dropped", "dropped", e(t)) for t in r.evidence_dropped]
    items += [("cited", "cited", e(t)) for t in r.evidence_cited]
    for kind, word, body in items:
        out.append(f"<li class='cc-ev-{kind} {kind}' data-kind='{kind}'><span class='cc-meta'>"
                   f"{e(_w(word, lang))}</span><br>{body}</li>")
    return out


def text_changes_html(cmp: Comparison, lang: str) -> str:
    """The clause-level text changes as a list (shared with the web UI)."""
    e = html.escape
    if not cmp.text_compared:
        return f"<p class='cc-meta'>{e(_w('no_text', lang))}</p>"
    if not cmp.text_changes:
        return f"<p class='cc-meta'>{e(_w('no_change', lang))}</p>"
    items = []
    for c in cmp.text_changes:
        where = section_label(c.section_b or c.section_a, lang)
        label = f"<span class='cc-meta'>{e(_w(c.kind, lang))}{(' ' + e(where)) if where else ''}</span><br>"
        body = html_diff(c.before, c.after) if c.kind == "amended" else \
            (f"<ins>{e(c.after)}</ins>" if c.kind == "added" else f"<del>{e(c.before)}</del>")
        items.append(f"<li class='cc-clause-{c.kind}' data-kind='{c.kind}'>{label}{body}</li>")
    return f"<ul class='cc-text-changes'>{''.join(items)}</ul>"


def render_html(cmp: Comparison, *, lang: str = "en") -> str:
    e = html.escape
    rows = []
    for r in cmp.requirements:
        ev = evidence_items_html(r, lang)
        reasons_note = ""
        if r.reasons_changed:
            reasons_note = f"<div class='reasons'>{e(_w('reasons', lang))}: " + " ".join(
                [f"<ins>+{e(c)}</ins>" for c in r.reasons_added]
                + [f"<del>-{e(c)}</del>" for c in r.reasons_removed]) + "</div>"

        def verdict(s, codes):
            if s is None:
                return f"<span class='status none'>{e(_w('not_judged', lang))}</span>"
            return f"<span class='status {e(s)}'>{e(_verdict(s, codes, lang))}</span>"

        title = pick(REQUIREMENT_TITLES, r.requirement, lang, default=r.requirement)
        rows.append(
            f"<tr class='{r.change}'><th scope='row'>{e(title)}</th>"
            f"<td>{verdict(r.status_a, r.reasons_a)}</td><td>{verdict(r.status_b, r.reasons_b)}</td>"
            f"<td class='change'>{e(_w(r.change, lang))}</td>"
            f"<td>{reasons_note}{'<ul>' + ''.join(ev) + '</ul>' if ev else ''}</td></tr>")
    n_i, n_r = len(cmp.improved), len(cmp.regressed)
    head = "".join(f"<th scope='col'>{e(_w(k, lang))}</th>" for k in ("undertaking", "draft_a", "draft_b",
                                                                     "change", "what"))
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<title>{e(_w('title', lang))}: {e(cmp.file_a)} → {e(cmp.file_b)}</title>
<style>
body{{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2em;color:#222}}
table{{border-collapse:collapse;width:100%}} td,th{{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}}
tr.improved td.change{{color:#0a7d2c;font-weight:bold}} tr.regressed td.change{{color:#b00020;font-weight:bold}}
tr.regressed{{background:#fff3f3}} tr.improved{{background:#f3fff5}}
.status.compliant{{color:#0a7d2c}} .status.weakened{{color:#8a5a00}} .status.missing{{color:#b00020}}
del{{color:#b00020;text-decoration:line-through}} ins{{color:#0a7d2c;text-decoration:underline}}
ul{{margin:0;padding-left:1.2em}} .cc-meta{{color:#555;font-size:.9em}}
</style></head><body><main>
<h1>{e(_w('title', lang))}</h1>
<p><b>A</b>: {e(cmp.file_a)} &rarr; <b>B</b>: {e(cmp.file_b)}</p>
<h2>{e(_w('verdicts', lang))}</h2>
<p class="summary">{e(_w('counts', lang, i=n_i, r=n_r, u=len(cmp.requirements) - n_i - n_r))}</p>
<table><thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<h2>{e(_w('text', lang))}</h2>
{text_changes_html(cmp, lang)}
</main></body></html>
"""


def render(cmp: Comparison, fmt: str = "text", *, lang: str = "en") -> str:
    if fmt == "json":
        return render_json(cmp, lang=lang)
    if fmt == "html":
        return render_html(cmp, lang=lang)
    return render_text(cmp, lang=lang)
