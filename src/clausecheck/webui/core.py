"""What the web UI does, without Streamlit: check uploaded bytes, describe the clause library,
highlight evidence, build the summary table and the downloadable reports.

Kept free of ``streamlit`` imports so it can be unit-tested and reused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clausecheck.findings import DocumentError, DocumentReport, Report
from clausecheck.webui.i18n import (
    REQUIREMENT_SHORT,
    REQUIREMENT_TITLES,
    STATUS_LABELS,
    pick,
    t,
)

DEFAULT_REQUIREMENTS = tuple(REQUIREMENT_TITLES)
SUPPORTED_TYPES = ("pdf", "docx", "txt")
STATUS_ICONS = {"compliant": "✓", "weakened": "⚠", "missing": "✗"}
REVIEW_FLAG = "⚑"


@dataclass(frozen=True)
class Upload:
    """One uploaded file, kept in memory."""

    name: str
    data: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    """A file name safe to create inside a private temp dir (keeps the suffix the reader needs)."""
    base = Path(name.replace("\\", "/")).name.strip() or "upload"
    base = re.sub(r"[\x00-\x1f/]", "_", base)
    if base in (".", ".."):
        base = "upload"
    return base[-200:]


def _scrub(text: str, tmp_path: Path, display: str) -> str:
    """Engine messages name the file they read; show the user's file name, never our temp path."""
    for variant in (str(tmp_path), tmp_path.as_posix(), str(tmp_path.parent)):
        text = text.replace(variant, display)
    return text


def check_upload(engine: Any, upload: Upload, *, password: str | None = None) -> DocumentReport:
    """Check one uploaded file. The bytes go to a private temp dir that is removed afterwards.

    Never raises: an unreadable file, or an unexpected failure, gives a report with ``error``."""
    tmpdir = Path(tempfile.mkdtemp(prefix="clausecheck-upload-"))
    path = tmpdir / safe_name(upload.name)
    try:
        path.write_bytes(upload.data)
        try:
            report = engine.check(path, password=password or None, display_name=upload.name)
        except Exception as exc:  # the engine promises not to raise; be safe in a UI all the same
            return DocumentReport(
                file=upload.name,
                error=DocumentError(
                    code="internal", message=_scrub(f"{type(exc).__name__}: {exc}", path, upload.name)
                ),
            )
        if report.error is not None:
            err = report.error
            report = report.model_copy(
                update={"error": DocumentError(code=err.code, message=_scrub(err.message, path, upload.name))}
            )
        if report.file != upload.name:
            report = report.model_copy(update={"file": upload.name})
        return report
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def check_uploads(
    engine: Any,
    uploads: Sequence[Upload],
    *,
    password: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[DocumentReport]:
    out = []
    for i, up in enumerate(uploads):
        if progress:
            progress(i, len(uploads), up.name)
        out.append(check_upload(engine, up, password=password))
    if progress:
        progress(len(uploads), len(uploads), "")
    return out


def load_engine_from_bytes(engine_cls: Any, name: str, data: bytes) -> Any:
    """Build an ``Engine`` on an uploaded library YAML. Raises what ``Engine`` raises (a
    ``LibraryError`` for a library that does not validate), with the temp path replaced by ``name``."""
    tmpdir = Path(tempfile.mkdtemp(prefix="clausecheck-library-"))
    # A single undertakings file; the shipped language cues fill in (the loader looks for a
    # language.yaml beside it, and there is none in this private dir).
    path = tmpdir / "undertakings.yaml"
    try:
        path.write_bytes(data)
        try:
            return engine_cls(library=path)
        except Exception as exc:
            raise LibraryLoadError(_scrub(str(exc), path, name)) from exc
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


class LibraryLoadError(Exception):
    """A user's clause library that could not be loaded; the message is safe to show."""


# --------------------------------------------------------------------------- the clause library


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def to_plain(obj: Any) -> Any:
    """Library objects (pydantic models, dataclasses, dicts, tuples) as plain JSON-able data."""
    if hasattr(obj, "model_dump"):
        try:
            return to_plain(obj.model_dump(mode="json", by_alias=False))
        except Exception:
            return to_plain(obj.model_dump())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, re.Pattern):
        return obj.pattern
    if isinstance(obj, Path):
        return str(obj)
    if hasattr(obj, "value") and type(obj).__module__ != "builtins" and isinstance(obj.value, str):
        return obj.value
    if isinstance(obj, (str, int, float, bool)) or obj is None:
        return obj
    if hasattr(obj, "__dict__"):
        return {k: to_plain(v) for k, v in vars(obj).items() if not k.startswith("_")}
    return str(obj)


def library_undertakings(library: Any) -> list[Any]:
    items = _get(library, "undertakings")
    if items is None and isinstance(library, (list, tuple)):
        items = library
    if isinstance(items, dict):
        items = list(items.values())
    return list(items or [])


def requirement_ids(library: Any) -> tuple[str, ...]:
    ids = tuple(str(_get(u, "id")) for u in library_undertakings(library) if _get(u, "id"))
    return ids or DEFAULT_REQUIREMENTS


def localized(value: Any, lang: str) -> str:
    """``{"en": ..., "zh": ...}`` (dict or object) -> the text in ``lang`` (or the other one)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for key in (lang, "zh" if lang == "en" else "en"):
        text = _get(value, key)
        if text:
            return str(text)
    return str(value)


def requirement_title(library: Any, req: str, lang: str) -> str:
    for u in library_undertakings(library):
        if _get(u, "id") == req:
            title = localized(_get(u, "title"), lang)
            if title:
                return title
    return pick(REQUIREMENT_TITLES, req, lang, default=req)


def requirement_short(library: Any, req: str, lang: str) -> str:
    if req in REQUIREMENT_SHORT:
        return pick(REQUIREMENT_SHORT, req, lang)
    return requirement_title(library, req, lang)


def source_text(library: Any, req: str, lang: str) -> str:
    """The legal source of an undertaking: "《网络安全审查办法》第6条" or
    "Cybersecurity Review Measures (网络安全审查办法), Art. 6"."""
    for u in library_undertakings(library):
        if _get(u, "id") != req:
            continue
        src = _get(u, "source")
        if isinstance(src, str):
            return src
        instrument = localized(_get(src, "instrument"), lang).strip()
        article = str(_get(src, "article") or "").strip()
        if not instrument:
            break
        if lang == "zh":
            zh = re.search(r"[（(]\s*([^()（）]*[\u4e00-\u9fff][^()（）]*)\s*[)）]", instrument)
            name = zh.group(1).strip("《》 ") if zh else instrument
            if re.search(r"[\u4e00-\u9fff]", name):
                name = f"《{name}》"
            return f"{name}第{article}条" if article else name
        # The English name alone in an English interface (the library writes "… (网络安全审查办法)").
        instrument = re.sub(r"\s*[（(][^()（）]*[\u4e00-\u9fff][^()（）]*[)）]", "", instrument).strip()
        return f"{instrument}, Art. {article}" if article else instrument
    return t("source_default", lang)


def source_versions(library: Any, req: str) -> list[str]:
    for u in library_undertakings(library):
        if _get(u, "id") == req:
            return [str(v) for v in (_get(_get(u, "source"), "versions") or [])]
    return []


def library_name(library: Any) -> str:
    """A short name for the library in use: its own name and version, else its files."""
    name = _get(library, "library") or _get(library, "name")
    version = _get(library, "version")
    if name:
        return f"{name} {version}" if version else str(name)
    paths = _get(library, "paths") or ()
    names = [Path(p).name for p in paths]
    return ", ".join(names) if names else "clause library"


# --------------------------------------------------------------------------- evidence highlighting


def _trigger_pattern(trigger: str) -> str:
    words = [re.escape(w) for w in trigger.split()]
    return r"\s+".join(words)


def highlight(text: str, triggers: Iterable[tuple[str, str]]) -> str:
    """HTML for ``text`` with every occurrence of each trigger (case- and whitespace-insensitive)
    wrapped in ``<mark>``. ``triggers`` are ``(trigger, title)`` pairs; the title becomes the
    mark's tooltip. Everything is escaped."""
    spans: list[tuple[int, int, str]] = []
    for trig, title in sorted(
        {(tr.strip(), ti) for tr, ti in triggers if tr and tr.strip()}, key=lambda p: -len(p[0])
    ):
        for m in re.finditer(_trigger_pattern(trig), text, flags=re.IGNORECASE):
            s, e = m.span()
            if s == e or any(s < oe and e > os_ for os_, oe, _ in spans):
                continue
            spans.append((s, e, title))
    spans.sort()
    out, pos = [], 0
    for s, e, title in spans:
        out.append(html.escape(text[pos:s]))
        out.append(
            f'<mark class="cc-trigger" title="{html.escape(title, quote=True)}">{html.escape(text[s:e])}</mark>'
        )
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


# --------------------------------------------------------------------------- summary


def status_badge(status: str, lang: str, *, needs_review: bool = False) -> str:
    label = pick(STATUS_LABELS, status, lang)
    flag = (
        f' <span class="cc-flag" title="{html.escape(t("needs_review", lang))}">{REVIEW_FLAG}</span>'
        if needs_review
        else ""
    )
    return (
        f'<span class="cc-badge cc-{html.escape(status)}" data-status="{html.escape(status)}"'
        f' data-review="{str(needs_review).lower()}">{STATUS_ICONS.get(status, "")} {html.escape(label)}{flag}</span>'
    )


def summary_html(docs: Sequence[DocumentReport], library: Any, lang: str) -> str:
    reqs = requirement_ids(library)
    head = "".join(
        f'<th title="{html.escape(requirement_title(library, r, lang), quote=True)}">{html.escape(requirement_short(library, r, lang))}</th>'
        for r in reqs
    )
    rows = []
    for i, d in enumerate(docs):
        name = html.escape(d.file)
        if d.error is not None:
            cells = (
                f'<td colspan="{len(reqs)}" class="cc-error-cell" data-error="{html.escape(d.error.code)}">'
                f"{html.escape(t('unreadable_cell', lang))}: {html.escape(error_reason(d.error, lang))}</td>"
            )
        else:
            cells = ""
            for r in reqs:
                f = d.finding(r)
                if f is None:
                    cells += f'<td data-req="{html.escape(r)}">–</td>'
                else:
                    cells += (
                        f'<td data-req="{html.escape(r)}" class="cc-cell cc-cell-{html.escape(f.status)}">'
                        f"{status_badge(f.status, lang, needs_review=f.needs_review)}</td>"
                    )
        rows.append(
            f'<tr data-doc-index="{i}" data-file="{name}"><th scope="row" class="cc-doc">{name}</th>{cells}</tr>'
        )
    return (
        f'<table class="cc-summary"><thead><tr><th>{html.escape(t("col_document", lang))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def error_reason(err: DocumentError, lang: str) -> str:
    from clausecheck.webui.i18n import ERROR_CODES

    return pick(ERROR_CODES, err.code, lang, default=err.message)


# --------------------------------------------------------------------------- reports


REPORT_FORMATS = {"json": "application/json", "csv": "text/csv", "html": "text/html"}


def render_report(docs: Sequence[DocumentReport], fmt: str, *, lang: str = "en") -> str:
    from clausecheck.report import render

    return render(Report(documents=tuple(docs)), fmt, lang=lang)


def report_file_name(docs: Sequence[DocumentReport], fmt: str) -> str:
    if len(docs) == 1:
        stem = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", Path(docs[0].file).stem) or "document"
        return f"clausecheck-{stem}.{fmt}"
    return f"clausecheck-report.{fmt}"


# --------------------------------------------------------------------------- redlined DOCX


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class RedlineFailed(Exception):
    """A redline that could not be written; the message is safe to show (no temp paths)."""


@dataclass(frozen=True)
class Redlined:
    """A redlined DOCX, in memory."""

    file_name: str
    data: bytes
    applied: int = 0
    skipped: int = 0
    warnings: tuple[str, ...] = ()
    notes: tuple[tuple[str, dict], ...] = ()  # ``clausecheck.i18n.note_text`` in the UI's language


def needs_redline(doc: DocumentReport) -> bool:
    """A readable document with at least one weakened or missing undertaking."""
    if doc.error is not None:
        return False
    return any(str(getattr(f.status, "value", f.status)) in ("weakened", "missing") for f in doc.findings)


def _stem(name: str) -> str:
    return re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", Path(safe_name(name)).stem).strip("._") or "document"


def redline_file_name(name: str) -> str:
    """``合同.docx`` -> ``合同.redlined.docx`` (also for PDF and TXT input: the redline is a DOCX)."""
    return f"{_stem(name)}.redlined.docx"


def redline_upload(
    upload: Upload,
    report: DocumentReport,
    *,
    password: str | None = None,
    author: str = "clausecheck",
    date: Any = None,
) -> Redlined:
    """Run :func:`clausecheck.redline.redline` on an uploaded file with its report and return the
    DOCX bytes. The upload and the output live in a private temp dir that is removed afterwards.

    Raises :class:`RedlineFailed` (message safe to show) when the file cannot be redlined."""
    from clausecheck.redline import redline

    tmpdir = Path(tempfile.mkdtemp(prefix="clausecheck-redline-"))
    src = tmpdir / safe_name(upload.name)
    out = tmpdir / "out" / redline_file_name(upload.name)
    try:
        src.write_bytes(upload.data)
        try:
            result = redline(src, report, out, author=author, date=date, password=password or None)
            data = out.read_bytes()
        except Exception as exc:
            message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            code = getattr(exc, "code", None)
            text = str(message).replace(str(out), redline_file_name(upload.name))
            text = _scrub(text, src, upload.name)
            raise RedlineFailed(f"{text} [{code}]" if code else text) from exc
        return Redlined(
            file_name=redline_file_name(upload.name),
            data=data,
            applied=len(result.applied),
            skipped=len(result.skipped),
            warnings=tuple(_scrub(w, src, upload.name) for w in result.warnings),
            notes=tuple(result.notes),
        )
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


# --------------------------------------------------------------------------- comparing two drafts


CHANGES = ("improved", "regressed", "unchanged")
CHANGE_ICONS = {"improved": "▲", "regressed": "▼", "unchanged": "="}


def compare_reports(report_a: DocumentReport, report_b: DocumentReport,
                    uploads: Sequence[Upload] | None = None, *, password: str | None = None) -> Any:
    """``clausecheck.compare.compare`` on two readable reports (raises ``ValueError`` otherwise),
    with the drafts' text when their uploads are given: then the clause text that changed is
    reported apart from the verdicts, and nothing still in the later draft is called removed."""
    from clausecheck.compare import compare, read_drafts

    if uploads is None:
        return compare(report_a, report_b)
    tmpdir = Path(tempfile.mkdtemp(prefix="clausecheck-compare-"))
    try:
        paths = []
        for i, up in enumerate(uploads):
            (tmpdir / str(i)).mkdir()
            path = tmpdir / str(i) / safe_name(up.name)
            path.write_bytes(up.data)
            paths.append(path)
        try:
            src_a, src_b = read_drafts(paths[0], paths[1], password)
        except Exception:  # the reports are there; the text comparison is what is lost
            return compare(report_a, report_b)
        return compare(report_a, report_b, src_a, src_b)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def comparison_json(cmp: Any) -> str:
    """The comparison as ``clausecheck compare --format json`` prints it."""
    from clausecheck.compare import render_json

    return render_json(cmp)


def comparison_file_name(cmp: Any, fmt: str = "json") -> str:
    return f"clausecheck-compare-{_stem(cmp.file_a)}-vs-{_stem(cmp.file_b)}.{fmt}"


def diff_html(before: str, after: str) -> str:
    """Word-level (character-level for Chinese) diff, as the compare report shows it."""
    from clausecheck.compare import html_diff

    return html_diff(before, after)


def change_badge(change: str, lang: str) -> str:
    from clausecheck.webui.i18n import CHANGE_LABELS

    return (
        f'<span class="cc-change cc-change-{html.escape(change)}" data-change="{html.escape(change)}">'
        f"{CHANGE_ICONS.get(change, '')} {html.escape(pick(CHANGE_LABELS, change, lang))}</span>"
    )


def _verdict_cell(status: str | None, codes: Sequence[str], lang: str, draft: str) -> str:
    if status is None:
        return f'<td class="cc-cmp-verdict" data-draft="{draft}" data-status="">–</td>'
    reasons = ""
    if codes:
        from clausecheck.i18n import REASON_SHORT

        items = "".join(
            f'<li data-reason="{html.escape(c)}">{html.escape(pick(REASON_SHORT, c, lang, default=c))}</li>'
            for c in codes
        )
        reasons = f'<ul class="cc-cmp-reasons">{items}</ul>'
    return (
        f'<td class="cc-cmp-verdict cc-cell-{html.escape(status)}" data-draft="{draft}"'
        f' data-status="{html.escape(status)}">{status_badge(status, lang)}{reasons}</td>'
    )


def comparison_html(cmp: Any, library: Any, lang: str) -> str:
    """The verdict table (per undertaking, the verdict in each draft, the change, coloured, and
    what happened to the clauses it cites) and, apart from it, the clause text that changed.
    Every value is escaped."""
    from clausecheck.compare import evidence_items_html, text_changes_html

    rows = []
    for r in cmp.requirements:
        changed = evidence_items_html(r, lang)
        if r.reasons_changed:
            from clausecheck.webui.i18n import REASON_LABELS

            codes = [f"<ins>+{html.escape(pick(REASON_LABELS, c, lang, default=c))}</ins>" for c in r.reasons_added] + [
                f"<del>−{html.escape(pick(REASON_LABELS, c, lang, default=c))}</del>" for c in r.reasons_removed
            ]
            changed.append(
                f'<li class="cc-reasons-changed" data-kind="reasons"><span class="cc-meta">'
                f"{html.escape(t('cmp_reasons_changed', lang))}</span> {' '.join(codes)}</li>"
            )
        what = (
            f'<ul class="cc-cmp-changes">{"".join(changed)}</ul>'
            if changed
            else f'<span class="cc-meta">{html.escape(t("cmp_no_text_change", lang))}</span>'
        )
        title = html.escape(requirement_title(library, r.requirement, lang))
        rows.append(
            f'<tr class="cc-cmp-row cc-cmp-{html.escape(r.change)}" data-req="{html.escape(r.requirement)}"'
            f' data-change="{html.escape(r.change)}"><th scope="row">{title}</th>'
            f"{_verdict_cell(r.status_a, r.reasons_a, lang, 'a')}"
            f"{_verdict_cell(r.status_b, r.reasons_b, lang, 'b')}"
            f'<td class="cc-cmp-change">{change_badge(r.change, lang)}</td><td>{what}</td></tr>'
        )
    head = "".join(
        f'<th scope="col">{html.escape(x)}</th>'
        for x in (
            t("cmp_col_undertaking", lang),
            t("cmp_col_v1", lang, name=cmp.file_a),
            t("cmp_col_v2", lang, name=cmp.file_b),
            t("cmp_col_change", lang),
            t("cmp_col_text", lang),
        )
    )
    counts = {k: sum(1 for c in cmp.text_changes if c.kind == k) for k in ("added", "removed", "amended")}
    return (
        f'<table class="cc-summary cc-compare" data-file-a="{html.escape(cmp.file_a, quote=True)}"'
        f' data-file-b="{html.escape(cmp.file_b, quote=True)}"><caption>{html.escape(t("cmp_verdicts_header", lang))}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<section class="cc-text-section" aria-label="{html.escape(t("cmp_text_header", lang), quote=True)}">'
        f'<h3>{html.escape(t("cmp_text_header", lang))}</h3>'
        + (f'<p class="cc-meta">{html.escape(t("cmp_text_counts", lang, **counts))}</p>' if cmp.text_compared else "")
        + f"{text_changes_html(cmp, lang)}</section>"
    )


def comparison_counts(cmp: Any) -> dict[str, int]:
    counts = dict.fromkeys(CHANGES, 0)
    for r in cmp.requirements:
        counts[r.change] = counts.get(r.change, 0) + 1
    return counts
