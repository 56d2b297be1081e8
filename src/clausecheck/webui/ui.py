"""The Streamlit pages of the clausecheck web UI. ``app.py`` at the repository root calls ``main()``."""

from __future__ import annotations

import hashlib
import html
from typing import Any

import streamlit as st

from clausecheck.findings import Action, DocumentReport, Finding
from clausecheck.i18n import describe_edit, explain, note_text, source_version, text_lang
from clausecheck.webui import core
from clausecheck.webui.i18n import (
    ACTION_LABELS,
    ALTERNATIVE,
    DEFAULT_LANG,
    ERROR_CODES,
    EVIDENCE_ROLES,
    LANG_LABELS,
    LANGS,
    LANGUAGE_NAMES,
    REASON_LABELS,
    RECOMMENDED,
    pick,
    t,
)
from clausecheck.webui.style import CSS, localizer_script

MAX_CACHED_RESULTS = 200
MAX_CACHED_REDLINES = 20


# --------------------------------------------------------------------------- engine (loaded once)


@st.cache_resource(show_spinner=False)
def _default_engine():
    from clausecheck.api import Engine

    return Engine().preload()


@st.cache_resource(show_spinner=False, max_entries=4)
def _custom_engine(name: str, key: str, _data: bytes):
    from clausecheck.api import Engine

    return core.load_engine_from_bytes(Engine, name, _data)


# --------------------------------------------------------------------------- state


def _lang() -> str:
    return st.session_state.get("lang", DEFAULT_LANG)


def _init_state() -> None:
    if "lang" not in st.session_state:
        qp = st.query_params.get("lang")
        st.session_state["lang"] = qp if qp in LANGS else DEFAULT_LANG
    st.session_state.setdefault("results", {})


def _on_lang_change() -> None:
    st.query_params["lang"] = st.session_state["lang"]


# --------------------------------------------------------------------------- sidebar


def _sidebar() -> tuple[Any, str, str | None, str | None]:
    """Language switch, PDF password, clause library. Returns (engine, engine_key, password,
    library_error)."""
    with st.sidebar:
        st.radio(
            "界面语言 / Language",
            options=list(LANGS),
            format_func=lambda code: LANG_LABELS[code],
            key="lang",
            horizontal=True,
            on_change=_on_lang_change,
        )
        lang = _lang()
        password = (
            st.text_input(
                t("password_label", lang), type="password", key="pdf_password", help=t("password_help", lang)
            )
            or None
        )

        # A label, not a heading: the sidebar comes first in the page, before its H1.
        st.markdown(f"**{t('library_header', lang)}**")
        lib_file = st.file_uploader(
            t("library_upload", lang),
            type=["yaml", "yml"],
            key="library_upload",
            help=t("library_upload_help", lang),
        )

    library_error = None
    engine = None
    engine_key = "builtin"
    if lib_file is not None:
        data = lib_file.getvalue()
        key = core.digest(data)
        try:
            with st.spinner(t("loading_engine", lang)):
                engine = _custom_engine(lib_file.name, key, data)
            engine_key = f"custom:{key}"
        except Exception as exc:
            library_error = t("library_error", lang, name=lib_file.name, message=str(exc))
    if engine is None:
        try:
            with st.spinner(t("loading_engine", lang)):
                engine = _default_engine()
        except Exception as exc:
            st.error(t("engine_failed", lang, message=f"{type(exc).__name__}: {exc}"))
            st.stop()

    with st.sidebar:
        if library_error:
            st.error(library_error, icon="🚫")
            st.caption(t("library_error_fallback", lang))
        elif engine_key != "builtin":
            st.success(t("library_custom", lang, name=lib_file.name))
        else:
            st.caption(t("library_builtin", lang) + f" ({core.library_name(engine.library)})")
    return engine, engine_key, password, library_error


# --------------------------------------------------------------------------- checking


def _pw_key(password: str | None) -> str:
    return hashlib.sha256(password.encode()).hexdigest()[:16] if password else ""


def _check_cached(
    engine: Any, engine_key: str, uploads: list[core.Upload], password: str | None
) -> list[DocumentReport]:
    """Check uploads through the session's result cache, with a progress bar for the new ones."""
    lang = _lang()
    cache: dict = st.session_state["results"]
    keys = [(engine_key, up.digest, up.name, _pw_key(password)) for up in uploads]
    todo = [(k, up) for k, up in zip(keys, uploads, strict=True) if k not in cache]
    if todo:
        bar = st.progress(0.0, text=t("progress_reading", lang, name=todo[0][1].name, i=1, n=len(todo)))
        for i, (k, up) in enumerate(todo):
            bar.progress(i / len(todo), text=t("progress_reading", lang, name=up.name, i=i + 1, n=len(todo)))
            cache[k] = core.check_upload(engine, up, password=password)
        bar.empty()
        while len(cache) > MAX_CACHED_RESULTS:
            cache.pop(next(iter(cache)))
    return [cache[k] for k in keys]


def _run_checks(
    engine: Any, engine_key: str, uploads: list[core.Upload], password: str | None
) -> list[DocumentReport]:
    docs = _check_cached(engine, engine_key, uploads, password)
    st.caption(t("progress_done", _lang(), n=len(uploads)))
    return docs


# --------------------------------------------------------------------------- rendering


def _file_errors(docs: list[DocumentReport]) -> None:
    lang = _lang()
    for d in docs:
        if d.error is not None:
            st.error(
                t("file_error", lang, name=d.file, reason=core.error_reason(d.error, lang))
                + "\n\n"
                + t("file_error_detail", lang, message=d.error.message, code=d.error.code),
                icon="⚠️",
            )


def _downloads(docs: list[DocumentReport], scope: str, label: str) -> None:
    """JSON/CSV/HTML downloads. Each button says what it downloads ("this document's report",
    "all documents"), so the two sets are told apart by name, not only by where they are."""
    lang = _lang()
    rendered: dict[str, str] = {}
    try:
        for fmt in core.REPORT_FORMATS:
            rendered[fmt] = core.render_report(docs, fmt, lang=lang)
    except Exception as exc:  # clausecheck.report failing must not take the review screen down
        st.caption(f"**{label}** — " + t("report_unavailable", lang, message=f"{type(exc).__name__}: {exc}"))
        return
    cols = st.columns([1.1, 1.3, 1.3, 1.3], vertical_alignment="center")
    cols[0].markdown(f"**{label}**")
    for col, fmt in zip(cols[1:], core.REPORT_FORMATS, strict=True):
        data = rendered[fmt]
        col.download_button(
            t("download_fmt_doc" if scope == "doc" else "download_fmt_all", lang, fmt=t(f"download_{fmt}", lang)),
            icon=":material/download:",
            data=data.encode("utf-8"),
            file_name=core.report_file_name(docs, fmt),
            mime=core.REPORT_FORMATS[fmt] + "; charset=utf-8",
            key=f"dl-{scope}-{fmt}",
            on_click="ignore",
            width="stretch",
        )


def _evidence_html(ev: Any, triggers: list[tuple[str, str]], req: str, lang: str,
                   left: set[str] | None = None) -> str:
    body = core.highlight(ev.text, triggers)
    meta = [pick(EVIDENCE_ROLES, ev.role, lang)]
    if ev.page is not None:
        meta.append(t("page", lang, page=ev.page))
    if ev.section:
        meta.append(t("section", lang, section=ev.section))
    if ev.role == "take-back" and left and ev.section in left:
        from clausecheck.report import LEFT_AS_IS

        meta.append(LEFT_AS_IS[lang])
    return (
        f'<blockquote class="cc-evidence cc-role-{html.escape(ev.role)}" data-req="{html.escape(req)}"'
        f' data-role="{html.escape(ev.role)}" lang="{text_lang(ev.text)}">{body}</blockquote>'
        f'<div class="cc-evidence-meta">{html.escape(" · ".join(meta))}</div>'
    )


def _reasons_html(f: Finding, lang: str) -> str:
    """Each reason in plain words in the interface language (the judge writes its explanation in
    the contract's language; ``explain`` gives the reader's own when they differ)."""
    take_backs = tuple(e.section for e in f.evidence if e.role == "take-back" and e.section)
    items = []
    for r in f.reasons:
        label = pick(REASON_LABELS, r.code, lang, default=r.code)
        parts = [f"<strong>{html.escape(label)}</strong>"]
        if r.trigger:
            parts.append(
                f'{html.escape(t("trigger", lang))}<mark class="cc-trigger" lang="{text_lang(r.trigger)}">'
                f"{html.escape(r.trigger)}</mark>"
            )
        explanation = explain(r.code, r.explanation, lang, take_backs)
        if explanation:
            parts.append(html.escape(explanation))
        items.append(f'<li data-reason="{html.escape(r.code)}">' + "<br>".join(parts) + "</li>")
    if not items:
        key = "missing_reason" if f.status == "missing" else "no_reasons"
        return f'<p class="cc-meta">{html.escape(t(key, lang))}</p>'
    return f'<ul class="cc-reasons">{"".join(items)}</ul>'


def _action_html(f: Finding, which: str, action: Action, title: str, lang: str, uid: str) -> str:
    """One way to fix the finding: what it is, its edits (each in plain words, quotes in the
    contract's language), and the wording after it with a Copy button that the keyboard reaches
    and whose name says what it copies."""
    label = (RECOMMENDED if which == "recommended" else ALTERNATIVE)[lang]
    head = f"{label}{'：' if lang == 'zh' else ': '}{pick(ACTION_LABELS, action.kind, lang)}"
    edits = "".join(f"<li>{describe_edit(e, lang, html=True)}</li>" for e in action.edits)
    if not action.edits:
        edits = f'<li class="cc-meta">{html.escape(t("covered_elsewhere", lang))}</li>'
    wording = ""
    if action.text:
        copy_name = t("copy_label", lang, which=t(f"which_{which}", lang), title=title)
        wording = (
            f'<div class="cc-section-label">{html.escape(t("wording_after", lang))}</div>'
            f'<div class="cc-wording"><pre class="cc-copy-src" id="{uid}" lang="{text_lang(action.text)}">'
            f"{html.escape(action.text)}</pre>"
            f'<button type="button" class="cc-copy" data-copy="{uid}" aria-label="{html.escape(copy_name, quote=True)}"'
            f' data-copied="{html.escape(t("copied", lang), quote=True)}">{html.escape(t("copy", lang))}</button>'
            f'<span class="cc-copy-status" role="status" aria-live="polite"></span></div>'
        )
    return (
        f'<div class="cc-action cc-action-{which}" data-action="{which}" data-kind="{html.escape(action.kind)}"'
        f' data-req="{html.escape(f.requirement)}"><div class="cc-action-head">{html.escape(head)}</div>'
        f'<ul class="cc-edits">{edits}</ul>{wording}</div>'
    )


def _fix_html(f: Finding, title: str, lang: str, index: int) -> str:
    from clausecheck.report import actions

    parts = [
        _action_html(f, which, action, title, lang, f"cc-w-{index}-{f.requirement}-{which}")
        for which, action in actions(f)
    ]
    return "".join(parts)


def _finding(doc: DocumentReport, req: str, library: Any, index: int) -> None:
    lang = _lang()
    f = doc.finding(req)
    title = core.requirement_title(library, req, lang)
    with st.container(border=True, key=f"finding-{index}-{req}"):
        if f is None:
            st.html(f'<h3 class="cc-h3">{html.escape(title)}</h3>')
            st.caption("–")
            return
        review = (
            f'<div class="cc-review-note">⚑ {html.escape(t("needs_review_long", lang))}</div>'
            if f.needs_review
            else ""
        )
        st.html(
            f'<div class="cc-finding" data-file="{html.escape(doc.file, quote=True)}" data-req="{html.escape(req)}"'
            f' data-status="{html.escape(f.status)}">'
            f'<div class="cc-finding-head"><h3>{html.escape(title)}</h3>'
            f"{core.status_badge(f.status, lang, needs_review=f.needs_review)}"
            f'<span class="cc-meta">{html.escape(t("confidence", lang))} {f.confidence:.0%}</span></div>{review}</div>'
        )
        left, right = st.columns([3, 2], gap="large")
        triggers = [
            (r.trigger, pick(REASON_LABELS, r.code, lang, default=r.code)) for r in f.reasons if r.trigger
        ]
        with left:
            st.markdown(f"**{t('evidence', lang)}**")
            if f.evidence:
                from clausecheck.report import untouched_take_backs

                left = untouched_take_backs(f)
                st.html("".join(_evidence_html(ev, triggers, req, lang, left) for ev in f.evidence))
            else:
                st.caption(t("no_evidence", lang))
            if f.related:
                # Beside a commitment they are further take-backs; without one, only what permits it.
                header = "related_header" if f.status == "missing" else "related_header_also"
                st.markdown(f"**{t(header, lang)}**")
                st.html("".join(_evidence_html(ev, triggers, req, lang) for ev in f.related))
            st.markdown(f"**{t('reasons', lang)}**")
            st.html(_reasons_html(f, lang))
        with right:
            st.markdown(f"**{t('source', lang)}**")
            src = core.source_text(library, req, lang)
            versions = [v for v in (source_version(x, lang) for x in core.source_versions(library, req)) if v]
            st.caption(src + ("  \n" + "  \n".join(versions) if versions else ""))
            st.markdown(f"**{t('fix_header', lang)}**")
            fix = _fix_html(f, title, lang, index)
            if fix:
                st.html(fix)
                st.caption(t("suggestion_help", lang))
            else:
                st.caption(t("no_suggestion", lang))


def _redline_button(doc: DocumentReport, upload: core.Upload, engine_key: str, password: str | None) -> None:
    """The redlined DOCX of one document, made only when the button is clicked (a deferred
    download), then kept in this session so a second click is instant."""
    lang = _lang()
    if not core.needs_redline(doc):
        st.caption(t("redline_not_needed", lang))
        return
    store: dict = st.session_state.setdefault("redlines", {})
    key = (engine_key, upload.digest, upload.name, _pw_key(password))

    def make() -> bytes:  # runs in a worker thread when the button is clicked: no st.* calls here
        hit = store.get(key)
        if isinstance(hit, core.Redlined):
            return hit.data
        try:
            made = core.redline_upload(upload, doc, password=password)
        except core.RedlineFailed as exc:
            store[key] = str(exc)
            raise
        store[key] = made
        while len(store) > MAX_CACHED_REDLINES:
            store.pop(next(iter(store)))
        return made.data

    help_text = t("redline_help", lang)
    if not upload.name.lower().endswith(".docx"):
        help_text += " " + t("redline_from_text", lang)
        # Said on the page, not only in the button's tooltip: this is not the original's layout.
        st.warning(t("redline_layout", lang), icon="📄")
    cols = st.columns([2, 3], vertical_alignment="center")
    cols[0].download_button(
        "⬇ " + t("redline_download", lang),
        data=make,
        file_name=core.redline_file_name(upload.name),
        mime=core.DOCX_MIME,
        key="dl-doc-redline",
        help=help_text,
        on_click="ignore",
        type="primary",
        width="stretch",
    )
    done = store.get(key)
    if isinstance(done, core.Redlined):
        cols[1].caption(t("redline_done", lang, applied=done.applied, skipped=done.skipped))
        for note in done.notes:
            st.caption(note_text(note, lang))
    elif isinstance(done, str):
        cols[1].warning(t("redline_failed", lang, message=done), icon="⚠️")


def _detail(
    docs: list[DocumentReport],
    library: Any,
    uploads: list[core.Upload],
    engine_key: str,
    password: str | None,
) -> None:
    lang = _lang()
    st.header(t("detail_header", lang))
    idx = st.selectbox(
        t("select_document", lang),
        options=list(range(len(docs))),
        format_func=lambda i: docs[i].file,
        key="doc_select",
        placeholder=t("select_placeholder", lang),
    )
    if idx is None or idx >= len(docs):
        idx = 0
    doc = docs[idx]
    if doc.error is not None:
        st.error(
            t("file_error", lang, name=doc.file, reason=core.error_reason(doc.error, lang))
            + "\n\n"
            + t("file_error_detail", lang, message=doc.error.message, code=doc.error.code),
            icon="⚠️",
        )
        return
    language = pick(LANGUAGE_NAMES, doc.language, lang) if doc.language else t("unknown", lang)
    st.caption(
        t(
            "doc_meta",
            lang,
            language=language,
            pages=doc.pages if doc.pages is not None else t("unknown", lang),
            supplier=doc.supplier_term or t("unknown", lang),
        )
    )
    _downloads([doc], "doc", t("download_doc", lang))
    _redline_button(doc, uploads[idx], engine_key, password)
    for req in core.requirement_ids(library):
        _finding(doc, req, library, idx)


def _review_tab(engine: Any, engine_key: str, password: str | None, library_error: str | None) -> None:
    lang = _lang()
    files = st.file_uploader(
        t("upload_label", lang),
        type=list(core.SUPPORTED_TYPES),
        accept_multiple_files=True,
        key="uploads",
        help=t("upload_help", lang),
    )
    if library_error:
        st.error(library_error, icon="🚫")
    if not files:
        st.info(t("no_files", lang))
        return
    uploads = [core.Upload(name=f.name, data=f.getvalue()) for f in files]
    docs = _run_checks(engine, engine_key, uploads, password)
    _file_errors(docs)

    st.header(t("summary_header", lang))
    st.caption(t("summary_caption", lang))
    st.html(core.summary_html(docs, engine.library, lang))
    _downloads(docs, "all", t("download_all", lang))
    st.divider()
    _detail(docs, engine.library, uploads, engine_key, password)


def _compare_tab(engine: Any, engine_key: str, password: str | None) -> None:
    lang = _lang()
    st.caption(t("cmp_intro", lang))
    left, right = st.columns(2)
    files = [
        left.file_uploader(t("cmp_upload_v1", lang), type=list(core.SUPPORTED_TYPES), key="cmp_v1"),
        right.file_uploader(t("cmp_upload_v2", lang), type=list(core.SUPPORTED_TYPES), key="cmp_v2"),
    ]
    present = [f for f in files if f is not None]
    if not present:
        st.info(t("cmp_need_both", lang))
        return
    uploads = [core.Upload(name=f.name, data=f.getvalue()) for f in present]
    reports = _check_cached(engine, engine_key, uploads, password)
    unreadable = [r for r in reports if r.error is not None]
    for r in unreadable:
        st.error(
            t("cmp_unreadable", lang, name=r.file, reason=core.error_reason(r.error, lang))
            + "\n\n"
            + t("file_error_detail", lang, message=r.error.message, code=r.error.code),
            icon="⚠️",
        )
    if len(present) < 2:
        st.info(t("cmp_need_both", lang))
        return
    if unreadable:
        return
    try:
        cmp = core.compare_reports(reports[0], reports[1], uploads, password=password)
        data = core.comparison_json(cmp)
    except Exception as exc:
        st.error(t("cmp_failed", lang, message=f"{type(exc).__name__}: {exc}"))
        return
    st.header(t("cmp_header", lang))
    counts = core.comparison_counts(cmp)
    st.caption(t("cmp_counts", lang, **counts))
    if counts["regressed"]:
        st.warning(t("cmp_regressed_warning", lang, n=counts["regressed"]), icon="⚠️")
    st.html(core.comparison_html(cmp, engine.library, lang))
    st.download_button(
        "⬇ " + t("cmp_download_json", lang),
        data=data.encode("utf-8"),
        file_name=core.comparison_file_name(cmp, "json"),
        mime="application/json; charset=utf-8",
        key="dl-compare-json",
        on_click="ignore",
    )


def _library_tab(library: Any) -> None:
    lang = _lang()
    st.caption(t("library_intro", lang))
    try:
        st.markdown(f"**{t('library_version', lang, name=core.library_name(library))}**")
        for u in core.library_undertakings(library):
            plain = core.to_plain(u)
            uid = str(plain.get("id", ""))
            with st.expander(core.localized(plain.get("title"), lang) or uid, expanded=False):
                st.html(f'<p class="cc-meta">{html.escape(t("lib_id", lang))}: <code lang="en">{html.escape(uid)}</code></p>')
                st.markdown(f"**{t('lib_source', lang)}**: {core.source_text(library, uid, lang)}")
                for v in core.source_versions(library, uid):
                    shown = source_version(v, lang)
                    if shown:
                        st.caption(shown)
                canon = plain.get("canonical")
                if canon:
                    st.markdown(f"**{t('lib_canonical', lang)}**")
                    # both languages' wording is library data, each marked with its own language
                    st.html("".join(
                        f'<blockquote class="cc-evidence" lang="{code}">{html.escape(str(canon.get(code)))}</blockquote>'
                        for code in (lang, "en" if lang == "zh" else "zh")
                        if isinstance(canon, dict) and canon.get(code)))
                sugg = plain.get("suggestion") or plain.get("suggestions") or plain.get("templates")
                if sugg:
                    st.markdown(f"**{t('lib_templates', lang)}**")
                    if isinstance(sugg, dict):
                        for code, text in sugg.items():
                            label = pick(LANGUAGE_NAMES, code, lang, default=code)
                            st.caption(label)
                            body = text if isinstance(text, str) else str(text)
                            uid_code = f"cc-lib-{uid}-{code}"
                            name = f"{t('copy', lang)}: {t('lib_templates', lang)} ({label})"
                            st.html(
                                f'<div class="cc-wording"><pre class="cc-copy-src" id="{uid_code}" lang="{code}">'
                                f"{html.escape(body)}</pre><button type=\"button\" class=\"cc-copy\" data-copy=\"{uid_code}\""
                                f' aria-label="{html.escape(name + " — " + (core.localized(plain.get("title"), lang) or uid), quote=True)}"'
                                f' data-copied="{html.escape(t("copied", lang), quote=True)}">{html.escape(t("copy", lang))}</button>'
                                f'<span class="cc-copy-status" role="status" aria-live="polite"></span></div>'
                            )
                    else:
                        st.json(sugg, expanded=False)
                examples = plain.get("examples")
                if isinstance(examples, dict) and any(examples.values()):
                    st.markdown(f"**{t('lib_examples', lang)}**")
                    st.html("<ul>" + "".join(
                        f'<li lang="{code}">{html.escape(str(x))}</li>'
                        for code in (lang, "en" if lang == "zh" else "zh")
                        for x in (examples.get(code) or [])) + "</ul>")
                take_backs = plain.get("take_backs") or []
                if take_backs:
                    st.markdown(f"**{t('lib_take_backs', lang)}**")
                    st.markdown(
                        "\n".join(
                            f"- `{tb.get('id', '')}` {core.localized(tb.get('explanation'), lang)}"
                            for tb in take_backs
                            if isinstance(tb, dict)
                        )
                    )
                patterns = {k: plain[k] for k in ("topic",) if plain.get(k)}
                if take_backs:
                    patterns["take_backs"] = {
                        tb.get("id", str(i)): tb.get("when")
                        for i, tb in enumerate(take_backs)
                        if isinstance(tb, dict)
                    }
                if patterns:
                    st.markdown(f"**{t('lib_patterns', lang)}**")
                    st.json(patterns, expanded=False)
                shown = {
                    "id",
                    "title",
                    "source",
                    "canonical",
                    "suggestion",
                    "suggestions",
                    "templates",
                    "examples",
                    "take_backs",
                    "topic",
                }
                other = {k: v for k, v in plain.items() if k not in shown and v not in (None, [], {}, "")}
                if other:
                    st.markdown(f"**{t('lib_other', lang)}**")
                    st.json(other, expanded=False)
    except Exception as exc:
        st.error(t("lib_unavailable", lang, message=f"{type(exc).__name__}: {exc}"))


def main() -> None:
    _init_state()
    st.set_page_config(
        page_title=t("page_title", _lang()), page_icon="📑", layout="wide", initial_sidebar_state="expanded"
    )
    st.html(CSS)
    engine, engine_key, password, library_error = _sidebar()
    lang = _lang()
    # The page's lang attribute, Streamlit's own words in the interface language, and the Copy
    # buttons: one small script (Streamlit runs it in the page; no network).
    st.html(localizer_script(lang), unsafe_allow_javascript=True)
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    review, compare, library, about = st.tabs(
        [t("tab_review", lang), t("tab_compare", lang), t("tab_library", lang), t("tab_about", lang)]
    )
    with review:
        _review_tab(engine, engine_key, password, library_error)
    with compare:
        _compare_tab(engine, engine_key, password)
    with library:
        _library_tab(engine.library)
    with about:
        st.markdown(t("about_md", lang))


__all__ = ["main", "ERROR_CODES"]
