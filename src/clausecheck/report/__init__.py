"""Output formats behind one interface: ``render(report, fmt) -> str``.

``text`` is for a terminal, ``json`` is the contract other tools read (schema
``clausecheck.report/2``), ``jsonl`` the same document objects one per line (what a batch streams),
``csv`` has one row per document and undertaking, ``html`` is one self-contained file (no external
fonts, scripts or styles). A report of several documents ends with the batch summary
(``clausecheck.report.summary``).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable

from clausecheck.findings import DocumentReport, Edit, Finding, Report
from clausecheck.report.summary import render_summary_html, render_summary_text, short_names, summarize

FORMATS = ("text", "json", "jsonl", "csv", "html")

TITLES = {
    "review-cooperation": "Cooperate with cybersecurity review",
    "no-illegal-data-acquisition": "No illegal acquisition of user data",
    "no-illegal-device-control": "No illegal control of user equipment",
    "no-unjustified-supply-interruption": "No supply interruption without just cause",
}
SOURCE = "Cybersecurity Review Measures (网络安全审查办法) Art. 6"


def render(report: Report, fmt: str) -> str:
    try:
        fn: Callable[[Report], str] = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return fn(report)


def _review_flag(f: Finding) -> str:
    return " [needs review]" if f.needs_review else ""


def _where(page: int | None, section: str | None) -> str:
    parts = []
    if page is not None:
        parts.append(f"p. {page}")
    if section:
        parts.append(f"§ {section}")
    return ", ".join(parts) or "location unknown"


def render_text(report: Report) -> str:
    out: list[str] = []
    for doc in report.documents:
        out.append(f"{doc.file}")
        if doc.error:
            out.append(f"  ERROR [{doc.error.code}] {doc.error.message}")
            out.append("")
            continue
        if _text_batch_entry(doc, out):
            continue
        meta = [f"language: {doc.language}"]
        if doc.pages:
            meta.append(f"pages: {doc.pages}")
        if doc.supplier_term:
            meta.append(f"supplier: {doc.supplier_term}")
        out.append("  " + ", ".join(meta))
        for f in doc.findings:
            codes = ", ".join(r.code for r in f.reasons)
            out.append(f"  {f.status.upper():<9} {f.requirement:<36} conf {f.confidence:.2f}"
                       f"{' (' + codes + ')' if codes else ''}{_review_flag(f)}")
        for f in doc.findings:
            if f.status == "compliant" and not f.needs_review:
                continue
            out.append("")
            out.append(f"  -- {f.requirement}: {f.status}{_review_flag(f)}")
            for e in f.evidence:
                out.append(f"     [{e.role}] ({_where(e.page, e.section)}) \"{_clip(e.text, 400)}\"")
            for e in f.related:
                out.append(f"     [permits, no commitment] ({_where(e.page, e.section)}) \"{_clip(e.text, 300)}\"")
            for r in f.reasons:
                trig = f" — trigger: \"{_clip(r.trigger, 120)}\"" if r.trigger else ""
                out.append(f"     why: {r.code}: {r.explanation}{trig}")
            if f.suggestion:
                for e in f.suggestion.edits:
                    if e.kind == "delete":
                        out.append(f"     fix: strike \"{_clip(e.old, 160)}\"")
                    elif e.kind == "replace" and len(e.old) < 60:
                        out.append(f"     fix: replace \"{e.old}\" with \"{e.new}\"")
                out.append("     suggested wording:")
                for line in f.suggestion.text.splitlines():
                    out.append(f"       {line}")
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
    for w in doc.warnings:
        out.append(f"  WARNING [{w.code}] {w.message}")
    if doc.duplicates:
        out.append(f"  also here as: {', '.join(doc.duplicates)} (the same contract)")
    if not doc.findings and doc.warnings:
        out.append("  not judged")
        out.append("")
        return True
    return False


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def render_json(report: Report) -> str:
    data = report.to_json_dict()
    data["summary"] = summarize(report.documents).model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def document_json_line(doc: DocumentReport) -> str:
    """One JSONL line: the document object exactly as in the JSON report."""
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False) + "\n"


def summary_json_line(summary) -> str:
    return json.dumps({"summary": summary.model_dump(mode="json")}, ensure_ascii=False) + "\n"


def render_jsonl(report: Report) -> str:
    return "".join(document_json_line(d) for d in report.documents) + summary_json_line(summarize(report.documents))


CSV_COLUMNS = ["file", "language", "pages", "supplier_term", "requirement", "status", "confidence",
               "needs_review", "reasons", "evidence_page", "evidence_section", "evidence_text",
               "suggestion", "error_code", "error_message",
               # batch columns (issue 11), after the original ones so that readers by position still work
               "document_status", "evidence_pages", "evidence_sections", "minimal_edit", "warnings",
               "duplicate_of", "duplicates", "skip_code", "skip_reason"]
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
    if not doc.findings and any(w.code == "not-a-contract" for w in doc.warnings):
        return "not-a-contract"
    return "checked"


def describe_edit(e: Edit) -> str:
    if e.kind == "delete":
        return f"strike \"{' '.join(e.old.split())}\""
    if e.kind == "replace":
        return f"replace \"{' '.join(e.old.split())}\" with \"{' '.join(e.new.split())}\""
    where = f" after \"{_clip(e.anchor, 80)}\"" if e.anchor else ""
    return f"insert{where}: \"{' '.join(e.new.split())}\""


def render_csv(report: Report) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()

    def row(values: dict) -> None:
        w.writerow({k: csv_cell(v) for k, v in values.items()})

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
            row({**base, "requirement": f.requirement, "status": f.status,
                 "confidence": f"{f.confidence:.3f}", "needs_review": str(f.needs_review).lower(),
                 "reasons": ";".join(r.code for r in f.reasons),
                 "evidence_page": ev.page if ev and ev.page is not None else "",
                 "evidence_section": (ev.section or "") if ev else "",
                 "evidence_text": " | ".join(" ".join(e.text.split()) for e in f.evidence),
                 # every evidence item, in the order of evidence_text; "" where one has no page
                 "evidence_pages": " | ".join("" if e.page is None else str(e.page) for e in f.evidence),
                 "evidence_sections": " | ".join(e.section or "" for e in f.evidence),
                 "minimal_edit": " | ".join(describe_edit(e) for e in edits),
                 "suggestion": f.suggestion.text if f.suggestion else ""})
    return buf.getvalue()


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#1d1d1f;max-width:1100px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.35em .6em;text-align:left;vertical-align:top}
.compliant{background:#d9f2d9}.weakened{background:#ffe8b3}.missing{background:#f8d0d0}.error{background:#eee}
blockquote{border-left:4px solid #bbb;margin:.4em 0;padding:.2em .8em;background:#fafafa;white-space:pre-wrap}
.take-back{border-left-color:#d9822b}.definition{border-left-color:#6f8fbf}mark{background:#ffef8a}
.flag{color:#a33;font-weight:600}.warning{background:#fff4d6;border-left:4px solid #d9a400;padding:.3em .8em}.muted{color:#666;font-size:.9em}pre{white-space:pre-wrap;background:#f4f4f4;padding:.6em}
"""


def _highlight(text: str, triggers: list[str]) -> str:
    out = html.escape(text)
    for t in sorted({t for t in triggers if t and len(t) < 200}, key=len, reverse=True):
        esc = html.escape(t)
        if esc in out:
            out = out.replace(esc, f"<mark>{esc}</mark>", 1)
    return out


def _html_doc(doc: DocumentReport, anchor: str = "", anchors: dict[str, str] | None = None) -> str:
    h = [f"<h2 id='{anchor}'>{html.escape(doc.file)}</h2>" if anchor else f"<h2>{html.escape(doc.file)}</h2>"]
    if doc.error:
        h.append(f"<p class='error'>Could not read this file [{html.escape(doc.error.code)}]: "
                 f"{html.escape(doc.error.message)}</p>")
        return "\n".join(h)
    if doc.skipped:
        h.append(f"<p class='error'>Skipped [{html.escape(doc.skipped.code)}]: {html.escape(doc.skipped.message)}</p>")
        return "\n".join(h)
    if doc.duplicate_of:
        target = (anchors or {}).get(doc.duplicate_of)
        name = html.escape(doc.duplicate_of)
        link = f"<a href='#{target}'>{name}</a>" if target else name
        h.append(f"<p class='muted'>The same contract as {link}; judged there.</p>")
        return "\n".join(h)
    for w in doc.warnings:
        h.append(f"<p class='flag'>{html.escape(w.code)}: {html.escape(w.message)}</p>")
    if doc.duplicates:
        h.append(f"<p class='muted'>Also in this batch as: {html.escape(', '.join(doc.duplicates))} (the same contract).</p>")
    h.append(f"<p class='muted'>language: {doc.language} · pages: {doc.pages or '—'} · supplier: "
             f"{html.escape(doc.supplier_term or '—')}</p>")
    for f in doc.findings:
        flag = " <span class='flag'>needs review</span>" if f.needs_review else ""
        h.append(f"<h3 class='{f.status}'>{html.escape(TITLES.get(f.requirement, f.requirement))}: "
                 f"{f.status}{flag} <span class='muted'>({f.requirement}, confidence {f.confidence:.2f})</span></h3>")
        h.append(f"<p class='muted'>Source: {html.escape(SOURCE)}</p>")
        triggers = [r.trigger for r in f.reasons]
        for e in f.evidence:
            h.append(f"<blockquote class='{e.role}'><span class='muted'>{e.role} · "
                     f"{html.escape(_where(e.page, e.section))}</span><br>{_highlight(e.text, triggers)}</blockquote>")
        for e in f.related:
            h.append(f"<blockquote class='take-back'><span class='muted'>permits the conduct, no commitment · "
                     f"{html.escape(_where(e.page, e.section))}</span><br>{html.escape(e.text)}</blockquote>")
        if f.reasons:
            h.append("<ul>" + "".join(f"<li><b>{html.escape(r.code)}</b>: {html.escape(r.explanation)}</li>"
                                      for r in f.reasons) + "</ul>")
        if f.suggestion:
            h.append(f"<p>Suggested wording:</p><pre>{html.escape(f.suggestion.text)}</pre>")
    return "\n".join(h)


def render_html(report: Report) -> str:
    ids = list(TITLES)
    anchors = {d.file: f"doc-{i + 1}" for i, d in enumerate(report.documents)}
    short = short_names(d.file for d in report.documents)
    rows = []
    for doc in report.documents:
        name = (f"<a href='#{anchors[doc.file]}' title='{html.escape(doc.file, quote=True)}'>"
                f"{html.escape(short[doc.file])}</a>")
        status = document_status(doc)
        if status != "checked":
            what = {"error": doc.error.code if doc.error else "",
                    "skipped": f"skipped: {doc.skipped.code}" if doc.skipped else "",
                    "duplicate": f"same as {short.get(doc.duplicate_of or '', doc.duplicate_of)}",
                    "not-a-contract": "not a contract: not judged"}[status]
            rows.append(f"<tr><td>{name}</td><td class='error' colspan='{len(ids)}'>{html.escape(str(what))}</td></tr>")
            continue
        cells = []
        for rid in ids:
            f = doc.finding(rid)
            st = f.status if f else "missing"
            flag = " ⚑" if f and f.needs_review else ""
            cells.append(f"<td class='{st}'>{st}{flag}</td>")
        rows.append(f"<tr><td>{name}</td>{''.join(cells)}</tr>")
    head = "".join(f"<th>{html.escape(TITLES[i])}</th>" for i in ids)
    body = "\n".join(_html_doc(d, anchors[d.file], anchors) for d in report.documents)
    summary = render_summary_html(summarize(report.documents), anchors, short) if len(report.documents) > 1 else ""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>clausecheck report</title>"
        f"<style>{_CSS}</style></head><body><h1>clausecheck report</h1>"
        f"<p class='muted'>Checked against {html.escape(SOURCE)}. ⚑ = needs review."
        f"{' <a href=#summary>Summary</a> at the end.' if summary else ''}</p>"
        f"<table><tr><th>document</th>{head}</tr>{''.join(rows)}</table>{body}{summary}</body></html>\n"
    )


_RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_text, "json": render_json, "jsonl": render_jsonl, "csv": render_csv, "html": render_html,
}
