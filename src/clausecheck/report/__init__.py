"""Output formats behind one interface: ``render(report, fmt, lang=...) -> str``.

``text`` is for a terminal, ``json`` is the contract other tools read (schema
``clausecheck.report/2``), ``jsonl`` the same document objects one per line (what a batch streams),
``csv`` has one row per document and undertaking, ``html`` is one self-contained file (no external
fonts, scripts or styles). ``render`` takes a ``Report`` or a single ``DocumentReport``. A report
of several documents ends with the batch summary (``clausecheck.report.summary``).

Every label follows ``lang`` (``en`` or ``zh``); quoted evidence and suggested wording stay in the
contract's language. Each finding that needs a fix shows its recommended action (the one
``clausecheck fix`` applies) and, where there is one, the alternative, labelled as such.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable

from clausecheck.findings import Action, DocumentReport, Finding, Report
from clausecheck.i18n import (
    ACTION_LABELS,
    ALTERNATIVE,
    ERROR_CODES,
    EVIDENCE_ROLES,
    LANGUAGE_NAMES,
    MEASURES,
    REASON_SHORT,
    RECOMMENDED,
    REQUIREMENT_SHORT,
    REQUIREMENT_TITLES,
    STATUS_LABELS,
    describe_edit,
    explain,
    pick,
    section_label,
    text_lang,
)
from clausecheck.remedy import normalize_section
from clausecheck.report.summary import render_summary_html, render_summary_text, short_names, summarize

FORMATS = ("text", "json", "jsonl", "csv", "html")

TITLES = {k: v["en"] for k, v in REQUIREMENT_TITLES.items()}
SOURCE = "Cybersecurity Review Measures (网络安全审查办法) Art. 6"

WORDS = {
    "language": {"en": "language", "zh": "语言"},
    "pages": {"en": "pages", "zh": "页数"},
    "supplier": {"en": "supplier", "zh": "供应商称谓"},
    "confidence": {"en": "confidence", "zh": "置信度"},
    "needs_review": {"en": "needs review", "zh": "需人工复核"},
    "error": {"en": "cannot read this file", "zh": "无法读取该文件"},
    "why": {"en": "why", "zh": "理由"},
    "trigger": {"en": "trigger", "zh": "触发词"},
    "wording": {"en": "wording after the change", "zh": "修改后的措辞"},
    "suggested": {"en": "suggested wording", "zh": "建议措辞"},
    "no_evidence": {"en": "no clause of the document makes this undertaking",
                    "zh": "合同中没有作出该承诺的条款"},
    "page": {"en": "p. {n}", "zh": "第 {n} 页"},
    "unknown_place": {"en": "location unknown", "zh": "位置不明"},
    "title": {"en": "clausecheck report", "zh": "clausecheck 审查报告"},
    "checked": {"en": "Checked against {source}. ⚑ = needs review.", "zh": "依据{source}检查。⚑ 表示需人工复核。"},
    "document": {"en": "Document", "zh": "文件"},
    "source": {"en": "Source", "zh": "依据"},
    "evidence": {"en": "Evidence", "zh": "证据"},
    "reasons": {"en": "Reasons", "zh": "理由"},
    "fix": {"en": "What to change", "zh": "修改建议"},
    "summary": {"en": "Summary", "zh": "总览"},
    "findings": {"en": "Findings", "zh": "逐项结论"},
    "struck": {"en": "(the clause is struck)", "zh": "（该条款被删除）"},
}


def w(key: str, lang: str, **fields: object) -> str:
    text = pick(WORDS, key, lang)
    return text.format(**fields) if fields else text


def render(report: Report | DocumentReport, fmt: str, *, lang: str = "en", brief: bool = False) -> str:
    """``report`` (a ``Report`` or one ``DocumentReport``) in ``fmt``, labelled in ``lang``;
    ``brief`` leaves the quoted evidence out of the text format."""
    if isinstance(report, DocumentReport):
        report = Report(documents=(report,))
    try:
        fn: Callable[..., str] = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return fn(report, lang=lang, brief=brief)


def _status(f: Finding) -> str:
    return str(getattr(f.status, "value", f.status))


def _where(page: int | None, section: str | None, lang: str = "en") -> str:
    parts = []
    if section:
        parts.append(section_label(section, lang))
    if page is not None:
        parts.append(w("page", lang, n=page))
    return ", ".join(parts) or w("unknown_place", lang)


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _req_name(req: str, lang: str) -> str:
    return req if lang == "en" else pick(REQUIREMENT_SHORT, req, lang, default=req)


def _take_back_sections(f: Finding) -> tuple[str, ...]:
    return tuple(e.section for e in f.evidence if e.role == "take-back" and e.section)


def _reason_codes(f: Finding, lang: str) -> str:
    codes = list(dict.fromkeys(r.code for r in f.reasons))
    if lang == "en":
        return ", ".join(codes)
    return "、".join(pick(REASON_SHORT, c, lang, default=c) for c in codes)


def actions(f: Finding) -> list[tuple[str, Action]]:
    """("recommended" | "alternative", action) of a finding, recommended first."""
    s = f.suggestion
    if s is None:
        return []
    out = []
    rec = s.recommended or (Action(kind="minimal-edit", edits=s.edits, text=s.text) if s.edits else None)
    if rec is not None:
        out.append(("recommended", rec))
    if s.alternative is not None:
        out.append(("alternative", s.alternative))
    return out


def untouched_take_backs(f: Finding) -> set[str]:
    """Sections of the take-backs the judge cites that neither fix touches: the contract's own
    definition of just cause covers them, so they are left as they are."""
    if f.suggestion is None:
        return set()
    touched: set[str] = set()
    for _, action in actions(f):
        for e in action.edits:
            touched.update(s for s in (e.section, *e.overrides) if s)
    secs = {e.section for e in (*f.evidence, *f.related) if e.role == "take-back" and e.section}
    named = {normalize_section(s) for s in touched}
    return {s for s in secs if s not in touched and normalize_section(s) not in named
            and not any(normalize_section(s).startswith(n + ".") for n in named)} if touched else set()


LEFT_AS_IS = {"en": "left as is: the contract's own definition of just cause covers it",
              "zh": "不作修改：合同自身对正当理由的定义已涵盖该条款"}


def action_title(which: str, action: Action, lang: str) -> str:
    label = (RECOMMENDED if which == "recommended" else ALTERNATIVE)[lang]
    return f"{label}: {pick(ACTION_LABELS, action.kind, lang)}" if lang == "en" else \
        f"{label}：{pick(ACTION_LABELS, action.kind, lang)}"


# --------------------------------------------------------------------------------------------
# text


def render_text(report: Report, *, lang: str = "en", brief: bool = False) -> str:
    out: list[str] = []
    sep = "：" if lang == "zh" else ": "
    for doc in report.documents:
        out.append(f"{doc.file}")
        if doc.error:
            reason = pick(ERROR_CODES, doc.error.code, lang, default=doc.error.code)
            detail = f" — {doc.error.message}" if lang == "en" else ""
            out.append(f"  {w('error', lang)} [{doc.error.code}]{sep}{reason}{detail}")
            out.append("")
            continue
        if _text_batch_entry(doc, out):
            continue
        meta = [f"{w('language', lang)}{sep}{pick(LANGUAGE_NAMES, doc.language or '', lang, default='—')}"]
        if doc.pages:
            meta.append(f"{w('pages', lang)}{sep}{doc.pages}")
        if doc.supplier_term:
            meta.append(f"{w('supplier', lang)}{sep}{doc.supplier_term}")
        out.append("  " + ("，" if lang == "zh" else ", ").join(meta))
        width = max((len(_req_name(f.requirement, lang)) for f in doc.findings), default=10) + 2
        for f in doc.findings:
            st = pick(STATUS_LABELS, _status(f), lang)
            st = st.upper() if lang == "en" else st
            codes = _reason_codes(f, lang)
            flag = f" [{w('needs_review', lang)}]" if f.needs_review else ""
            out.append(f"  {st:<10}{_req_name(f.requirement, lang):<{width}}{w('confidence', lang)} "
                       f"{f.confidence:.2f}{' (' + codes + ')' if codes else ''}{flag}")
        for f in doc.findings:
            out.append("")
            out.extend(_text_finding(f, lang, brief))
        out.append("")
    text = "\n".join(out).rstrip() + "\n"
    if len(report.documents) > 1:
        text += render_summary_text(summarize(report.documents))
    return text


def _text_batch_entry(doc: DocumentReport, out: list[str]) -> bool:
    """Lines for what a batch adds to a document (skipped, duplicate, warnings); True when that
    is all there is to say about it."""
    if doc.skipped:
        out.extend([f"  SKIPPED [{doc.skipped.code}] {doc.skipped.message}", ""])
        return True
    if doc.duplicate_of:
        out.extend([f"  DUPLICATE of {doc.duplicate_of} (the same contract; judged there)", ""])
        return True
    for wn in doc.warnings:
        out.append(f"  WARNING [{wn.code}] {wn.message}")
    if doc.duplicates:
        out.append(f"  also here as: {', '.join(doc.duplicates)} (the same contract)")
    if not doc.findings and doc.warnings:
        out.append("  not judged")
        out.append("")
        return True
    return False


def _text_finding(f: Finding, lang: str, brief: bool) -> list[str]:
    sep = "：" if lang == "zh" else ": "
    title = pick(REQUIREMENT_TITLES, f.requirement, lang, default=f.requirement)
    flag = f" [{w('needs_review', lang)}]" if f.needs_review else ""
    lines = [f"  -- {title}{sep}{pick(STATUS_LABELS, _status(f), lang)}{flag}"]
    if not brief:
        left = untouched_take_backs(f)
        for e in f.evidence:
            role = pick(EVIDENCE_ROLES, e.role, lang)
            note = f" ({LEFT_AS_IS[lang]})" if e.role == "take-back" and e.section in left else ""
            lines.append(f"     [{role}] ({_where(e.page, e.section, lang)}){note} “{_clip(e.text, 400)}”")
        for e in f.related:
            lines.append(f"     [{pick(EVIDENCE_ROLES, 'permits', lang)}] ({_where(e.page, e.section, lang)}) "
                         f"“{_clip(e.text, 300)}”")
        if not f.evidence and not f.related:
            lines.append(f"     ({w('no_evidence', lang)})")
    for r in f.reasons:
        trig = f" — {w('trigger', lang)}{sep}“{_clip(r.trigger, 120)}”" if r.trigger else ""
        lines.append(f"     {w('why', lang)}{sep}{explain(r.code, r.explanation, lang, _take_back_sections(f))}{trig}")
    for which, action in actions(f):
        lines.append(f"     {action_title(which, action, lang)}")
        for e in action.edits:
            lines.append(f"       - {describe_edit(e, lang)}")
        if action.text and which == "recommended":
            lines.append(f"       {w('wording', lang)}{sep}")
            for line in action.text.splitlines():
                lines.append(f"         {line}")
    return lines


# --------------------------------------------------------------------------------------------
# json


def render_json(report: Report, *, lang: str = "en", brief: bool = False) -> str:
    data = report.to_json_dict()
    data["summary"] = summarize(report.documents).model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def document_json_line(doc: DocumentReport) -> str:
    """One JSONL line: the document object exactly as in the JSON report."""
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False) + "\n"


def summary_json_line(summary) -> str:
    return json.dumps({"summary": summary.model_dump(mode="json")}, ensure_ascii=False) + "\n"


def render_jsonl(report: Report, *, lang: str = "en", brief: bool = False) -> str:
    return "".join(document_json_line(d) for d in report.documents) + summary_json_line(summarize(report.documents))


# --------------------------------------------------------------------------------------------
# csv

CSV_COLUMNS = ["file", "language", "pages", "supplier_term", "requirement", "status", "confidence",
               "needs_review", "reasons", "evidence_page", "evidence_section", "evidence_text",
               "suggestion", "error_code", "error_message",
               # batch columns (issue 11), after the original ones so that readers by position still work
               "document_status", "evidence_pages", "evidence_sections", "minimal_edit", "warnings",
               "duplicate_of", "duplicates", "skip_code", "skip_reason",
               # The recommended action (the one the redline applies) and the alternative.
               "recommended_action", "recommended_edits", "recommended_text",
               "alternative_action", "alternative_edits", "alternative_text"]
# A cell a spreadsheet would run as a formula (CSV injection): quoted with a leading apostrophe,
# which Excel, LibreOffice and Google Sheets display as text. File names too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def document_status(doc: DocumentReport) -> str:
    if doc.error:
        return "error"
    if doc.skipped:
        return "skipped"
    if doc.duplicate_of:
        return "duplicate"
    if not doc.findings and any(x.code == "not-a-contract" for x in doc.warnings):
        return "not-a-contract"
    return "checked"


def action_columns(f: Finding, lang: str = "en") -> dict[str, str]:
    """The CSV's recommended/alternative columns for one finding."""
    out = {f"{which}_{col}": "" for which in ("recommended", "alternative") for col in ("action", "edits", "text")}
    for which, action in actions(f):
        out[f"{which}_action"] = action.kind
        out[f"{which}_edits"] = " | ".join(describe_edit(e, lang) for e in action.edits)
        out[f"{which}_text"] = action.text
    return out


def render_csv(report: Report, *, lang: str = "en", brief: bool = False) -> str:
    buf = io.StringIO()
    wr = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    wr.writeheader()

    def row(values: dict) -> None:
        wr.writerow({k: csv_cell(v) for k, v in values.items()})

    for doc in report.documents:
        base = {"file": doc.file, "language": doc.language or "", "pages": doc.pages or "",
                "supplier_term": doc.supplier_term or "", "document_status": document_status(doc),
                "warnings": "; ".join(f"{x.code}: {x.message}" for x in doc.warnings),
                "duplicate_of": doc.duplicate_of or "", "duplicates": "; ".join(doc.duplicates)}
        if doc.error:
            row({**base, "error_code": doc.error.code, "error_message": doc.error.message})
            continue
        if doc.skipped:
            row({**base, "skip_code": doc.skipped.code, "skip_reason": doc.skipped.message})
            continue
        if not doc.findings:
            row(base)
            continue
        for f in doc.findings:
            ev = f.evidence[0] if f.evidence else None
            edits = f.suggestion.edits if f.suggestion else ()
            row({**base, "requirement": f.requirement, "status": _status(f),
                 "confidence": f"{f.confidence:.3f}", "needs_review": str(f.needs_review).lower(),
                 "reasons": ";".join(r.code for r in f.reasons),
                 "evidence_page": ev.page if ev and ev.page is not None else "",
                 "evidence_section": (ev.section or "") if ev else "",
                 "evidence_text": " | ".join(" ".join(e.text.split()) for e in f.evidence),
                 # every evidence item, in the order of evidence_text; "" where one has no page
                 "evidence_pages": " | ".join("" if e.page is None else str(e.page) for e in f.evidence),
                 "evidence_sections": " | ".join(e.section or "" for e in f.evidence),
                 "minimal_edit": " | ".join(describe_edit(e, lang) for e in edits),
                 "suggestion": f.suggestion.text if f.suggestion else "",
                 **action_columns(f, lang)})
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# html

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#1d1d1f;max-width:1100px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.35em .6em;text-align:left;vertical-align:top}
.compliant{background:#d9f2d9}.weakened{background:#ffe8b3}.missing{background:#f8d0d0}.error{background:#eee}
blockquote{border-left:4px solid #bbb;margin:.4em 0;padding:.2em .8em;background:#fafafa;white-space:pre-wrap}
.take-back{border-left-color:#d9822b}.definition{border-left-color:#6f8fbf}mark{background:#ffef8a}
.flag{color:#a33;font-weight:600}.warning{background:#fff4d6;border-left:4px solid #d9a400;padding:.3em .8em}.muted{color:#555;font-size:.9em}pre{white-space:pre-wrap;background:#f4f4f4;padding:.6em;font-family:inherit}
.action{border:1px solid #ccc;border-radius:6px;padding:.4em .8em;margin:.5em 0}.action.recommended{border-color:#1f4e9c;border-width:2px}
.action h4{margin:.2em 0}del{color:#b00020}ins{color:#0a7d2c}q{quotes:none}
"""


def _highlight(text: str, triggers: list[str]) -> str:
    out = html.escape(text)
    for t in sorted({t for t in triggers if t and len(t) < 200}, key=len, reverse=True):
        esc = html.escape(t)
        if esc in out:
            out = out.replace(esc, f"<mark>{esc}</mark>", 1)
    return out


def _html_action(which: str, action: Action, lang: str) -> str:
    e = html.escape
    items = "".join(f"<li>{describe_edit(ed, lang, html=True)}</li>" for ed in action.edits)
    wording = ""
    if action.text:
        wording = (f"<p class='muted'>{e(w('wording', lang))}</p>"
                   f"<pre lang='{text_lang(action.text)}'>{e(action.text)}</pre>")
    return (f"<div class='action {which}' data-action='{which}' data-kind='{e(action.kind)}'>"
            f"<h4>{e(action_title(which, action, lang))}</h4><ul>{items}</ul>{wording}</div>")


def _html_doc(doc: DocumentReport, lang: str, anchor: str = "", anchors: dict[str, str] | None = None) -> str:
    e = html.escape
    h = [f"<h2 id='{anchor}'>{e(doc.file)}</h2>" if anchor else f"<h2>{e(doc.file)}</h2>"]
    if doc.error:
        reason = pick(ERROR_CODES, doc.error.code, lang, default=doc.error.code)
        detail = f": {e(doc.error.message)}" if lang == "en" else ""
        h.append(f"<p class='error'>{e(w('error', lang))} [{e(doc.error.code)}] {e(reason)}{detail}</p>")
        return "\n".join(h)
    if doc.skipped:
        h.append(f"<p class='error'>Skipped [{e(doc.skipped.code)}]: {e(doc.skipped.message)}</p>")
        return "\n".join(h)
    if doc.duplicate_of:
        target = (anchors or {}).get(doc.duplicate_of)
        name = e(doc.duplicate_of)
        link = f"<a href='#{target}'>{name}</a>" if target else name
        h.append(f"<p class='muted'>The same contract as {link}; judged there.</p>")
        return "\n".join(h)
    for wn in doc.warnings:
        h.append(f"<p class='warning'>{e(wn.code)}: {e(wn.message)}</p>")
    if doc.duplicates:
        h.append(f"<p class='muted'>Also in this batch as: {e(', '.join(doc.duplicates))} (the same contract).</p>")
    sep = "：" if lang == "zh" else ": "
    h.append(f"<p class='muted'>{e(w('language', lang))}{sep}{e(pick(LANGUAGE_NAMES, doc.language or '', lang))} · "
             f"{e(w('pages', lang))}{sep}{doc.pages or '—'} · {e(w('supplier', lang))}{sep}"
             f"<span lang='{text_lang(doc.supplier_term or '')}'>{e(doc.supplier_term or '—')}</span></p>")
    for f in doc.findings:
        st = _status(f)
        flag = f" <span class='flag'>{e(w('needs_review', lang))}</span>" if f.needs_review else ""
        title = pick(REQUIREMENT_TITLES, f.requirement, lang, default=f.requirement)
        h.append(f"<h3 class='{st}' data-req='{e(f.requirement)}'>{e(title)}{sep}{e(pick(STATUS_LABELS, st, lang))}"
                 f"{flag} <span class='muted'>({e(w('confidence', lang))} {f.confidence:.2f})</span></h3>")
        h.append(f"<p class='muted'>{e(w('source', lang))}{sep}{e(MEASURES[lang])}</p>")
        triggers = [r.trigger for r in f.reasons]
        left = untouched_take_backs(f)
        for ev in f.evidence:
            note = f" · {e(LEFT_AS_IS[lang])}" if ev.role == "take-back" and ev.section in left else ""
            h.append(f"<blockquote class='{ev.role}'><span class='muted'>{e(pick(EVIDENCE_ROLES, ev.role, lang))} · "
                     f"{e(_where(ev.page, ev.section, lang))}{note}</span><br><span lang='{text_lang(ev.text)}'>"
                     f"{_highlight(ev.text, triggers)}</span></blockquote>")
        for ev in f.related:
            h.append(f"<blockquote class='take-back'><span class='muted'>{e(pick(EVIDENCE_ROLES, 'permits', lang))} · "
                     f"{e(_where(ev.page, ev.section, lang))}</span><br><span lang='{text_lang(ev.text)}'>"
                     f"{e(ev.text)}</span></blockquote>")
        if f.reasons:
            h.append("<ul>" + "".join(
                f"<li>{e(explain(r.code, r.explanation, lang, _take_back_sections(f)))}"
                + (f" — {e(w('trigger', lang))}{sep}<mark lang='{text_lang(r.trigger)}'>{e(r.trigger)}</mark>"
                   if r.trigger else "") + "</li>" for r in f.reasons) + "</ul>")
        for which, action in actions(f):
            h.append(_html_action(which, action, lang))
    return "\n".join(h)


def render_html(report: Report, *, lang: str = "en", brief: bool = False) -> str:
    e = html.escape
    ids = list(REQUIREMENT_TITLES)
    anchors = {d.file: f"doc-{i + 1}" for i, d in enumerate(report.documents)}
    short = short_names(d.file for d in report.documents)
    rows = []
    for doc in report.documents:
        name = f"<a href='#{anchors[doc.file]}' title='{e(doc.file, quote=True)}'>{e(short[doc.file])}</a>"
        status = document_status(doc)
        if status != "checked":
            what = {"error": pick(ERROR_CODES, doc.error.code, lang, default=doc.error.code) if doc.error else "",
                    "skipped": f"skipped: {doc.skipped.code}" if doc.skipped else "",
                    "duplicate": f"same as {short.get(doc.duplicate_of or '', doc.duplicate_of)}",
                    "not-a-contract": "not a contract: not judged"}[status]
            rows.append(f"<tr><th scope='row'>{name}</th><td class='error' colspan='{len(ids)}'>"
                        f"{e(str(what))}</td></tr>")
            continue
        cells = []
        for rid in ids:
            f = doc.finding(rid)
            st = _status(f) if f else "missing"
            flag = " ⚑" if f and f.needs_review else ""
            cells.append(f"<td class='{st}'>{e(pick(STATUS_LABELS, st, lang))}{flag}</td>")
        rows.append(f"<tr><th scope='row'>{name}</th>{''.join(cells)}</tr>")
    head = "".join(f"<th scope='col'>{e(pick(REQUIREMENT_SHORT, i, lang))}</th>" for i in ids)
    body = "\n".join(_html_doc(d, lang, anchors[d.file], anchors) for d in report.documents)
    summary = render_summary_html(summarize(report.documents), anchors, short) if len(report.documents) > 1 else ""
    return (
        f"<!DOCTYPE html><html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
        f"<title>{e(w('title', lang))}</title><style>{_CSS}</style></head><body><main>"
        f"<h1>{e(w('title', lang))}</h1>"
        f"<p class='muted'>{e(w('checked', lang, source=MEASURES[lang]))}"
        f"{' <a href=#summary>Summary</a> at the end.' if summary else ''}</p>"
        f"<table><caption>{e(w('summary', lang))}</caption><tr><th scope='col'>{e(w('document', lang))}</th>{head}</tr>"
        f"{''.join(rows)}</table>{body}{summary}</main></body></html>\n"
    )


_RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text, "json": render_json, "jsonl": render_jsonl, "csv": render_csv, "html": render_html,
}
