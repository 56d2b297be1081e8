"""The web UI (``streamlit run app.py``).

Fast tests cover ``clausecheck.webui`` without a browser. The ``browser`` tests start the real app
as a subprocess and drive it in Debian's headless Chromium (``/usr/bin/chromium``) through
Playwright, comparing what the page shows with what the CLI prints for the same files. No mocks.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
sys.path.insert(0, str(TESTS))
try:
    import clausecheck  # noqa: F401
except ImportError:  # a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "src"))

from browser.harness import CHROMIUM, launch_chromium, repo_env, streamlit_server  # noqa: E402
from clausecheck.findings import DocumentError, DocumentReport, Evidence, Finding, Reason  # noqa: E402
from clausecheck.webui import core  # noqa: E402
from clausecheck.webui.i18n import (  # noqa: E402
    CHANGE_LABELS,
    ERROR_CODES,
    EVIDENCE_ROLES,
    LANGS,
    REASON_LABELS,
    REQUIREMENT_SHORT,
    REQUIREMENT_TITLES,
    STATUS_LABELS,
    string_keys,
    t,
)

SAMPLES = REPO / "samples"
EN_PDF = SAMPLES / "en-cloud-services-agreement.pdf"
ZH_DOCX = SAMPLES / "zh-equipment-purchase.docx"
COMPARE_DATA = TESTS / "data" / "compare"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REQUIREMENTS = (
    "review-cooperation",
    "no-illegal-data-acquisition",
    "no-illegal-device-control",
    "no-unjustified-supply-interruption",
)


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


# =========================================================================== without a browser


def test_every_string_exists_in_both_languages():
    assert string_keys("zh") == string_keys("en")
    for table in (
        STATUS_LABELS,
        REASON_LABELS,
        EVIDENCE_ROLES,
        ERROR_CODES,
        CHANGE_LABELS,
        REQUIREMENT_TITLES,
        REQUIREMENT_SHORT,
    ):
        for key, entry in table.items():
            assert set(entry) >= set(LANGS), key
            assert all(entry[lang].strip() for lang in LANGS), key
    assert set(REQUIREMENT_TITLES) == set(REQUIREMENTS)


def test_reason_and_error_codes_cover_the_engine():
    from clausecheck.findings import ReasonCode

    assert {c.value for c in ReasonCode} <= set(REASON_LABELS)
    # The error codes documented on UnreadableDocument.
    from clausecheck.errors import UnreadableDocument

    doc = (UnreadableDocument.__doc__ or "").split("Codes:", 1)[-1]
    documented = set(re.findall(r"``([a-z-]+)``", doc))
    assert documented <= set(ERROR_CODES)


def test_highlight_marks_triggers_and_escapes():
    text = "The Supplier shall use  Reasonable\nefforts <b>not</b> to interrupt supply."
    out = core.highlight(text, [("reasonable efforts", "qualified effort"), ("<b>", "x")])
    assert '<mark class="cc-trigger" title="qualified effort">Reasonable\nefforts</mark>' in out
    assert "<b>" not in out.replace('<mark class="cc-trigger" title="x">&lt;b&gt;</mark>', "")
    assert "&lt;b&gt;" in out
    assert core.highlight("乙方原则上不得中断供应", [("原则上", "permissive")]).count("<mark") == 1
    assert core.highlight("nothing here", [("", "x"), ("absent", "y")]) == "nothing here"


def test_summary_table_shows_status_review_flag_and_errors():
    ok = DocumentReport(
        file="a<b>.pdf",
        findings=(
            Finding(requirement="review-cooperation", status="compliant", confidence=0.9),
            Finding(
                requirement="no-illegal-data-acquisition",
                status="weakened",
                confidence=0.5,
                needs_review=True,
                evidence=(Evidence(text="x"),),
                reasons=(Reason(code="qualified-effort", trigger="x"),),
            ),
            Finding(requirement="no-illegal-device-control", status="missing", confidence=0.8),
        ),
    )
    bad = DocumentReport(file="junk.pdf", error=DocumentError(code="corrupt", message="junk.pdf: broken"))
    html = core.summary_html([ok, bad], None, "zh")
    assert "a&lt;b&gt;.pdf" in html and "<b>" not in html
    assert 'data-req="review-cooperation" class="cc-cell cc-cell-compliant"' in html
    assert 'data-status="weakened" data-review="true"' in html
    assert 'data-status="missing" data-review="false"' in html
    assert 'data-error="corrupt"' in html and "文件已损坏" in html
    assert "合规" in html and "被弱化" in html and "缺失" in html


def test_unreadable_upload_names_the_file_and_leaves_no_temp_files(tmp_path, monkeypatch):
    import tempfile

    from clausecheck.api import Engine

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    engine = Engine()
    for name, data in (("合同-garbage.pdf", b"\x00\x01 not a pdf at all"), ("empty.docx", b"")):
        report = core.check_upload(engine, core.Upload(name=name, data=data))
        assert report.file == name
        assert report.error is not None, report
        assert str(tmp_path) not in report.error.message
        assert "clausecheck-upload-" not in report.error.message
    assert list(tmp_path.iterdir()) == []


def test_uploaded_library_loads_or_reports_its_error(tmp_path, monkeypatch):
    import tempfile

    from clausecheck.api import Engine

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    good = (REPO / "clause_library" / "undertakings.yaml").read_bytes()
    engine = core.load_engine_from_bytes(Engine, "my-library.yaml", good)
    assert core.requirement_ids(engine.library) == REQUIREMENTS
    assert core.requirement_title(engine.library, "review-cooperation", "zh")
    broken = good.replace(b"undertakings:", b"undertakingz:", 1)
    with pytest.raises(core.LibraryLoadError) as exc:
        core.load_engine_from_bytes(Engine, "my-library.yaml", broken)
    assert "my-library.yaml" in str(exc.value) and str(tmp_path) not in str(exc.value)
    assert list(tmp_path.iterdir()) == []


def redline_parts(data: bytes) -> tuple[list[str], bool]:
    """The authors of the ``w:ins`` revisions in a DOCX's body, and whether it has a comments part."""
    import io

    import docx

    d = docx.Document(io.BytesIO(data))
    authors = [el.get(f"{{{W_NS}}}author") for el in d.element.body.iter(f"{{{W_NS}}}ins")]
    has_comments = any(
        part.content_type.endswith("wordprocessingml.comments+xml") for part in d.part.package.iter_parts()
    )
    return authors, has_comments


def test_redline_and_compare_helpers(tmp_path, monkeypatch):
    import tempfile

    from clausecheck.api import Engine
    from clausecheck.compare import render_json

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    engine = Engine()

    # The redlined DOCX of an uploaded file, made from its report, in memory.
    up = core.Upload(name=ZH_DOCX.name, data=ZH_DOCX.read_bytes())
    report = core.check_upload(engine, up)
    assert core.needs_redline(report)
    made = core.redline_upload(up, report)
    assert made.file_name == "zh-equipment-purchase.redlined.docx" and made.applied > 0
    authors, has_comments = redline_parts(made.data)
    assert authors and set(authors) == {"clausecheck"} and has_comments
    assert core.redline_file_name("dir/合同 v2.pdf") == "合同_v2.redlined.docx"
    assert core.DOCX_MIME == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    # Nothing to redline: every undertaking compliant, or an unreadable file.
    ok = DocumentReport(
        file="ok.txt",
        findings=tuple(Finding(requirement=r, status="compliant", confidence=0.9) for r in REQUIREMENTS),
    )
    assert not core.needs_redline(ok)
    assert not core.needs_redline(DocumentReport(file="x.pdf", error=DocumentError(code="corrupt", message="x")))
    # A file that cannot be redlined: a clear error naming the user's file, not our temp path.
    with pytest.raises(core.RedlineFailed) as exc:
        core.redline_upload(core.Upload(name="坏.pdf", data=b"not a pdf"), report)
    assert "corrupt" in str(exc.value) and str(tmp_path) not in str(exc.value)
    assert list(tmp_path.iterdir()) == []

    # Comparing two drafts.
    a, b = (
        core.check_upload(engine, core.Upload(name=p.name, data=p.read_bytes()))
        for p in (COMPARE_DATA / "mixed-v1.txt", COMPARE_DATA / "mixed-v2.txt")
    )
    cmp = core.compare_reports(a, b)
    assert core.comparison_json(cmp) == render_json(cmp)
    assert core.comparison_file_name(cmp) == "clausecheck-compare-mixed-v1-vs-mixed-v2.json"
    counts = core.comparison_counts(cmp)
    assert sum(counts.values()) == len(cmp.requirements) and counts["regressed"] and counts["improved"]
    for lang in LANGS:
        html = core.comparison_html(cmp, engine.library, lang)
        for r in cmp.requirements:
            assert f'data-req="{r.requirement}" data-change="{r.change}"' in html
            assert f'cc-change-{r.change}" data-change="{r.change}"' in html
        assert CHANGE_LABELS["regressed"][lang] in html
    assert list(tmp_path.iterdir()) == []
    assert core.diff_html("shall <not>", "may <not>") == "<del>shall</del><ins>may</ins> &lt;not&gt;"
    with pytest.raises(ValueError):
        core.compare_reports(a, DocumentReport(file="x.pdf", error=DocumentError(code="corrupt", message="x")))


def test_streamlit_config_is_offline_and_safe():
    import tomllib

    cfg = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["headless"] is True
    assert 0 < cfg["server"]["maxUploadSize"] <= 200


# =========================================================================== in the browser

browser = pytest.mark.browser
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"Debian chromium not installed at {CHROMIUM} (apt-get install chromium)",
)
STARTUP_TIMEOUT_MS = 300_000  # the first check loads the sentence encoder


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium not installed at {CHROMIUM} (apt-get install chromium)")
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    with streamlit_server("app.py", log_path=log) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def page(chromium):
    ctx = chromium.new_context(
        viewport={"width": 1400, "height": 1600}, accept_downloads=True, locale="en-US"
    )
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


def cli_json(path: Path) -> dict:
    """What ``clausecheck check FILE --format json`` prints (falls back to ``python -m``)."""
    proc = subprocess.run(
        [sys.executable, "-m", "clausecheck", "check", str(path), "--format", "json"],
        cwd=REPO,
        env=repo_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in (0, 1, 3), proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    (doc,) = data["documents"]
    return doc


def statuses(doc: dict) -> dict[str, str]:
    return {f["requirement"]: f["status"] for f in doc["findings"]}


def open_app(page, url: str, lang: str) -> None:
    page.goto(f"{url}/?lang={lang}")
    page.locator(".st-key-uploads [data-testid='stFileUploaderDropzoneInput']").wait_for(
        state="attached", timeout=STARTUP_TIMEOUT_MS
    )


def upload(page, files) -> None:
    page.locator(".st-key-uploads [data-testid='stFileUploaderDropzoneInput']").set_input_files(files)


def payload(path: Path) -> dict:
    mime = {
        ".pdf": "application/pdf",
        ".txt": "text/plain",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[path.suffix]
    return {"name": path.name, "mimeType": mime, "buffer": path.read_bytes()}


def wait_for_rows(page, names) -> None:
    for name in names:
        page.locator(f'.cc-summary tr[data-file="{name}"]').wait_for(timeout=STARTUP_TIMEOUT_MS)
    page.locator("[data-testid='stProgress']").wait_for(state="detached", timeout=STARTUP_TIMEOUT_MS)


def select_document(page, name: str) -> None:
    box = page.locator(".st-key-doc_select [role='combobox']")
    if box.input_value() == name:
        return
    box.click()
    page.get_by_role("option", name=name, exact=True).click()
    page.wait_for_function(
        "n => document.querySelector(\".st-key-doc_select [role='combobox']\").value === n", arg=name
    )
    # The review cards of the newly selected document are rendered (not the stale ones).
    page.locator(f'.cc-finding[data-file="{name}"]').first.wait_for()
    page.wait_for_timeout(300)


@browser
@needs_chromium
def test_verdicts_evidence_and_json_download_match_the_cli(app_url, page, tmp_path):
    expected = {p.name: cli_json(p) for p in (EN_PDF, ZH_DOCX)}
    open_app(page, app_url, "en")
    upload(page, [str(EN_PDF), str(ZH_DOCX)])
    wait_for_rows(page, expected)

    for name, doc in expected.items():
        assert doc.get("error") is None, doc
        row = page.locator(f'.cc-summary tr[data-file="{name}"]')
        shown = {
            req: row.locator(f'td[data-req="{req}"] .cc-badge').get_attribute("data-status")
            for req in REQUIREMENTS
        }
        assert shown == statuses(doc), name
        flags = {
            req: row.locator(f'td[data-req="{req}"] .cc-badge').get_attribute("data-review") == "true"
            for req in REQUIREMENTS
        }
        assert flags == {f["requirement"]: f["needs_review"] for f in doc["findings"]}, name

        # The review screen of this document: verdicts, evidence quotes, suggested wording.
        select_document(page, name)
        index = list(expected).index(name)  # the upload order is the selectbox order
        for f in doc["findings"]:
            req = f["requirement"]
            card = page.locator(f".st-key-finding-{index}-{req}")
            head = card.locator(f'.cc-finding[data-file="{name}"][data-req="{req}"]')
            assert head.get_attribute("data-status") == f["status"], (name, req)
            quotes = card.locator("blockquote.cc-evidence")
            if f["evidence"]:
                shown_quotes = [norm(q) for q in quotes.all_inner_texts()]
                assert norm(f["evidence"][0]["text"]) in shown_quotes, (name, req)
                triggers = [r["trigger"] for r in f["reasons"] if r.get("trigger")]
                ev_text = norm(" ".join(e["text"] for e in f["evidence"])).lower()
                if any(norm(tr).lower() in ev_text for tr in triggers):
                    assert quotes.locator("mark.cc-trigger").count() > 0, (name, req)
            rec = (f.get("suggestion") or {}).get("recommended")
            if rec:
                # The recommended action is the one the redline applies, labelled as such; the
                # alternative (if any) is labelled as not applied.
                box = card.locator('.cc-action[data-action="recommended"]')
                assert box.get_attribute("data-kind") == rec["kind"], (name, req)
                if rec.get("text"):
                    assert norm(box.locator("pre.cc-copy-src").inner_text()) == norm(rec["text"]), (name, req)
                alt = f["suggestion"].get("alternative")
                assert card.locator('.cc-action[data-action="alternative"]').count() == (1 if alt else 0)

    # The JSON report of all documents, as downloaded.
    with page.expect_download() as dl:
        page.locator(".st-key-dl-all-json button").click()
    path = tmp_path / "report.json"
    dl.value.save_as(path)
    report = json.loads(path.read_text(encoding="utf-8"))
    got = {Path(d["file"]).name: statuses(d) for d in report["documents"]}
    assert got == {name: statuses(doc) for name, doc in expected.items()}

    # One document's CSV and HTML reports download too.
    select_document(page, EN_PDF.name)
    for fmt in ("csv", "html"):
        with page.expect_download() as dl:
            page.locator(f".st-key-dl-doc-{fmt} button").click()
        assert dl.value.suggested_filename.endswith("." + fmt)
        assert EN_PDF.stem in Path(dl.value.path()).read_text(encoding="utf-8")


@browser
@needs_chromium
def test_language_switch_and_unreadable_upload(app_url, page):
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith(app_url) and not r.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    open_app(page, app_url, "en")
    assert page.locator("h1").first.inner_text().strip() == t("app_title", "en")

    page.locator("[data-testid='stSidebar']").get_by_text("中文", exact=True).click()
    page.locator("h1", has_text=t("app_title", "zh")).wait_for()
    tabs = page.locator("[data-testid='stTab']").all_inner_texts()
    assert [x.strip() for x in tabs] == [
        t("tab_review", "zh"),
        t("tab_compare", "zh"),
        t("tab_library", "zh"),
        t("tab_about", "zh"),
    ]
    assert t("upload_label", "zh") in page.locator(".st-key-uploads").inner_text()
    assert "lang=zh" in page.url

    upload(
        page,
        [
            payload(ZH_DOCX),
            {
                "name": "损坏的合同.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.7\n\x00garbage\x01\x02 not a pdf",
            },
        ],
    )
    wait_for_rows(page, [ZH_DOCX.name, "损坏的合同.pdf"])
    alert = page.locator("[data-testid='stAlert']", has_text="损坏的合同.pdf")
    alert.wait_for()
    assert "无法读取" in alert.inner_text()
    assert page.locator('.cc-summary tr[data-file="损坏的合同.pdf"] td[data-error]').count() == 1
    good = page.locator(f'.cc-summary tr[data-file="{ZH_DOCX.name}"] .cc-badge')
    assert good.count() == 4
    assert {good.nth(i).get_attribute("data-status") for i in range(4)} <= {
        "compliant",
        "weakened",
        "missing",
    }
    assert page.locator(".cc-finding").count() == 4  # the good document's review is on screen

    # A clause library that does not validate shows its error, naming the file.
    page.locator(".st-key-library_upload [data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {
            "name": "我的条款库.yaml",
            "mimeType": "application/x-yaml",
            "buffer": b"library: x\nversion: '1'\nundertakings: 3\n",
        }
    )
    err = page.locator("[data-testid='stSidebar'] [data-testid='stAlert']", has_text="我的条款库.yaml")
    err.wait_for()
    assert "无法使用" in err.inner_text()
    assert page.locator(".cc-finding").count() == 4  # still checked against the built-in library

    page.get_by_role("tab", name=t("tab_library", "zh")).click()
    assert page.locator("[data-testid='stExpander']").count() == 4

    assert outside == [], f"the page contacted outside hosts: {outside}"


@browser
@needs_chromium
def test_redlined_docx_download(app_url, page, tmp_path):
    open_app(page, app_url, "zh")
    upload(page, [str(ZH_DOCX)])
    wait_for_rows(page, [ZH_DOCX.name])
    # (Streamlit also renders a hidden sizing copy of a button with a tooltip: take the real one.)
    button = page.locator(".st-key-dl-doc-redline").get_by_role("button")
    assert t("redline_download", "zh") in button.inner_text()
    with page.expect_download(timeout=STARTUP_TIMEOUT_MS) as dl:
        button.click()
    assert dl.value.suggested_filename == "zh-equipment-purchase.redlined.docx"
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    authors, has_comments = redline_parts(path.read_bytes())
    assert authors and "clausecheck" in authors
    assert has_comments


# The text of a reworded clause without its label and without the <del> (or <ins>) parts.
WITHOUT = """(li, tag) => { const c = li.cloneNode(true);
  c.querySelectorAll(tag + ', .cc-meta').forEach(e => e.remove()); return c.textContent; }"""


def cli_compare_json(v1: Path, v2: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "clausecheck", "compare", str(v1), str(v2), "--format", "json"],
        cwd=REPO,
        env=repo_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return json.loads(proc.stdout)


@browser
@needs_chromium
def test_compare_drafts_matches_the_cli(app_url, page, tmp_path):
    v1, v2 = COMPARE_DATA / "mixed-v1.txt", COMPARE_DATA / "mixed-v2.txt"
    expected = cli_compare_json(v1, v2)
    changes = {r["requirement"]: r["change"] for r in expected["requirements"]}
    assert "regressed" in changes.values() and "improved" in changes.values()

    open_app(page, app_url, "en")
    page.get_by_role("tab", name=t("tab_compare", "en")).click()
    page.locator(".st-key-cmp_v1 [data-testid='stFileUploaderDropzoneInput']").set_input_files(str(v1))
    page.locator(".st-key-cmp_v2 [data-testid='stFileUploaderDropzoneInput']").set_input_files(str(v2))
    table = page.locator("table.cc-compare")
    table.wait_for(timeout=STARTUP_TIMEOUT_MS)
    assert table.get_attribute("data-file-a") == v1.name and table.get_attribute("data-file-b") == v2.name

    for r in expected["requirements"]:
        row = table.locator(f'tr[data-req="{r["requirement"]}"]')
        assert row.get_attribute("data-change") == r["change"], r["requirement"]
        assert row.locator(".cc-change").get_attribute("data-change") == r["change"]
        assert row.locator('td[data-draft="a"]').get_attribute("data-status") == (r["status_a"] or "")
        assert row.locator('td[data-draft="b"]').get_attribute("data-status") == (r["status_b"] or "")
        # The changed clause text is shown: reworded, removed and added clauses.
        assert row.locator("li.cc-ev-changed").count() == len(r["evidence_changed"])
        assert row.locator("li.cc-ev-removed").count() == len(r["evidence_removed"])
        assert row.locator("li.cc-ev-added").count() == len(r["evidence_added"])
        for li, ec in zip(row.locator("li.cc-ev-changed").all(), r["evidence_changed"], strict=True):
            assert norm(li.evaluate(WITHOUT, "del")) == norm(ec["after"]), r["requirement"]
            assert norm(li.evaluate(WITHOUT, "ins")) == norm(ec["before"]), r["requirement"]
        for text in r["evidence_added"]:
            assert norm(text) in [norm(x) for x in row.locator("li.cc-ev-added ins").all_inner_texts()]
    regressed_color = table.locator(".cc-change-regressed").first.evaluate("e => getComputedStyle(e).color")
    improved_color = table.locator(".cc-change-improved").first.evaluate("e => getComputedStyle(e).color")
    assert regressed_color != improved_color

    with page.expect_download() as dl:
        page.locator(".st-key-dl-compare-json button").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    got = json.loads(path.read_text(encoding="utf-8"))
    assert got["schema"] == expected["schema"]
    assert (got["file_a"], got["file_b"]) == (v1.name, v2.name)
    assert got["requirements"] == expected["requirements"]

    # An unreadable draft: its clear error, naming the file, and no comparison.
    page.locator(".st-key-cmp_v2 [data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": "草稿-v2.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n\x00garbage"}
    )
    alert = page.locator("[data-testid='stAlert']", has_text="草稿-v2.pdf")
    alert.wait_for(timeout=STARTUP_TIMEOUT_MS)
    assert "could not be read" in alert.inner_text()
    page.locator("table.cc-compare").wait_for(state="detached")


@browser
@needs_chromium
def test_screenshot_of_the_review_screen(app_url, chromium, tmp_path):
    ctx = chromium.new_context(
        viewport={"width": 1440, "height": 2400}, device_scale_factor=1, locale="zh-CN"
    )
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, app_url, "zh")
        upload(page, [str(ZH_DOCX), str(EN_PDF)])
        wait_for_rows(page, [ZH_DOCX.name, EN_PDF.name])
        page.locator(".cc-finding").first.wait_for()
        page.wait_for_timeout(1000)
        # (the pictures in docs/ are made by scripts/screenshots.py, not by the tests)
        out = tmp_path / "screenshot-review.png"
        started = time.monotonic()
        page.screenshot(path=str(out), full_page=False)
        assert out.stat().st_size > 20_000 and time.monotonic() - started < 60
    finally:
        ctx.close()


# =========================================================================== language and accessibility

AXE = REPO / ".cache" / "axe-core" / "axe.min.js"

# Words of the other script that the interface may show whatever its language: file formats and
# units, product names, the bilingual label of the language switch itself.
LATIN_OK = {"PDF", "DOCX", "TXT", "JSON", "CSV", "HTML", "YAML", "YML", "MB", "KB", "Word", "LibreOffice",
            "OCR", "Tab", "clausecheck", "core", "Language", "English"}
CJK_OK = ("界面语言 / Language", "中文")

VISIBLE_STRINGS = """() => {
  const out = [];
  const other = el => el.closest('[data-testid="stIconMaterial"], body [lang], script, style, noscript');
  const shown = el => { const cs = getComputedStyle(el); const r = el.getBoundingClientRect();
                         return cs.visibility !== 'hidden' && cs.display !== 'none' && (r.width > 0 || r.height > 0); };
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    const p = n.parentElement;
    if (!p || other(p) || !shown(p) || p.closest('[hidden]')) continue;
    const t = n.nodeValue.trim();
    if (t) out.push(t);
  }
  document.querySelectorAll('[aria-label], [title], [placeholder], [alt]').forEach(e => {
    if (e.closest('body [lang]')) return;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = e.getAttribute(a);
      if (v && v.trim()) out.push(v.trim());
    }
  });
  return out;
}"""


def settled(page) -> None:
    """Wait until the app has finished its run (no stale elements, no running indicator)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]') && "
        "!document.querySelector('[data-testid=\"stStatusWidget\"] button')",
        timeout=STARTUP_TIMEOUT_MS,
    )
    page.wait_for_timeout(500)


def contract_strings(doc: dict) -> list[str]:
    """Everything on the page that comes from the contract (names, quotes), longest first."""
    out = [doc["file"], Path(doc["file"]).name, doc.get("supplier_term") or ""]
    for f in doc["findings"]:
        out += [e["text"] for e in f["evidence"] + f.get("related", [])]
        out += [r["trigger"] for r in f["reasons"]]
    return sorted({s for s in out if s}, key=len, reverse=True)


def other_language_leaks(strings: list[str], lang: str, contract: list[str]) -> list[str]:
    leaks = []
    names = [c for c in contract if re.search(r"\.(pdf|docx|txt)$", c, re.I)]
    for s in strings:
        for c in contract:
            s = s.replace(c, " ")
        # the uploader shortens a long file name ("en-clou...eement.pdf")
        m = re.fullmatch(r"(.+)\.\.\.(.+)", s.strip())
        if m and any(n.startswith(m.group(1)) and n.endswith(m.group(2)) for n in names):
            continue
        if lang == "zh":
            words = [w for w in re.findall(r"[A-Za-z]{2,}", s) if w not in LATIN_OK]
            if words:
                leaks.append(f"{s!r} ({', '.join(words)})")
        else:
            for ok in CJK_OK:
                s = s.replace(ok, " ")
            if re.search(r"[\u3400-\u9fff]", s):
                leaks.append(repr(s))
    return leaks


@browser
@needs_chromium
@pytest.mark.parametrize("lang,contract", [("zh", EN_PDF), ("en", ZH_DOCX)], ids=["zh-ui-en-contract", "en-ui-zh-contract"])
def test_every_visible_string_follows_the_interface_language(app_url, chromium, lang, contract):
    """Chinese interface, English contract (and the other way round): no label, explanation,
    button, Streamlit string or accessible name in the other language; quotes from the contract
    are marked with their own ``lang``. The page's ``lang`` attribute follows the switch."""
    doc = cli_json(contract)
    ctx = chromium.new_context(viewport={"width": 1400, "height": 2000}, locale="en-US")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, app_url, lang)
        upload(page, [str(contract)])
        wait_for_rows(page, [contract.name])
        page.locator(".cc-finding").first.wait_for()
        settled(page)
        assert page.evaluate("document.documentElement.lang") == ("zh-CN" if lang == "zh" else "en")
        leaks = other_language_leaks(page.evaluate(VISIBLE_STRINGS), lang, contract_strings(doc))
        assert leaks == [], leaks
        # the quoted contract text is there, marked as the contract's language
        other = "en" if lang == "zh" else "zh"
        assert page.locator(f'blockquote.cc-evidence[lang="{other}"]').count() > 0
        # the About tab too
        page.get_by_role("tab", name=t("tab_about", lang)).click()
        settled(page)
        leaks = other_language_leaks(page.evaluate(VISIBLE_STRINGS), lang, contract_strings(doc))
        assert leaks == [], leaks
        # switching the interface language switches the page's lang attribute
        page.locator("[data-testid='stSidebar']").get_by_text(LANG_LABELS_OTHER[lang], exact=True).click()
        page.wait_for_function("l => document.documentElement.lang === l", arg="en" if lang == "zh" else "zh-CN")
    finally:
        ctx.close()


LANG_LABELS_OTHER = {"zh": "English", "en": "中文"}


def _focusables(page) -> list[dict]:
    """The controls a keyboard user must be able to reach: visible, enabled buttons, links,
    inputs and tabs (one per radio group / tab list), each tagged so the Tab walk can find it."""
    return page.evaluate("""() => {
      const shown = el => { const cs = getComputedStyle(el); const r = el.getBoundingClientRect();
        return cs.visibility !== 'hidden' && cs.display !== 'none' && r.width > 0 && r.height > 0
               && !el.closest('[hidden], [aria-hidden="true"]'); };
      const els = [...document.querySelectorAll('button, a[href], input, select, textarea, [role="tab"], [role="radio"]')]
        .filter(e => shown(e) && !e.disabled && e.type !== 'file' && e.type !== 'hidden');
      const seen = new Set(); const out = [];
      els.forEach((e, i) => {
        // one stop per radio group, tab list, and select (its arrow button opens the same list
        // the combobox opens from the keyboard)
        const group = e.getAttribute('role') === 'tab' ? e.closest('[role="tablist"]')
          : (e.type === 'radio' || e.getAttribute('role') === 'radio') ? e.closest('[role="radiogroup"]')
          : e.closest('[data-testid="stSelectbox"]');
        const key = group ? 'group-' + [...document.querySelectorAll('*')].indexOf(group) : 'el-' + i;
        if (seen.has(key)) return;
        seen.add(key);
        e.dataset.ccKey = key;
        if (group) group.querySelectorAll('button, input, [role="tab"], [role="radio"], [role="combobox"]').forEach(x => x.dataset.ccKey = key);
        out.push({key, name: (e.getAttribute('aria-label') || e.innerText || e.value || e.tagName).trim().slice(0, 60)});
      });
      return out;
    }""")


@browser
@needs_chromium
def test_keyboard_reaches_every_control_and_copies_the_wording(app_url, chromium):
    ctx = chromium.new_context(viewport={"width": 1400, "height": 2000}, locale="zh-CN",
                               permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, app_url, "zh")
        upload(page, [str(ZH_DOCX)])
        wait_for_rows(page, [ZH_DOCX.name])
        page.locator(".cc-finding").first.wait_for()
        settled(page)
        wanted = _focusables(page)
        copy_buttons = page.locator("button.cc-copy")
        assert copy_buttons.count() >= 4
        reached: set[str] = set()
        page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.focus(); }")
        for _ in range(600):
            page.keyboard.press("Tab")
            key = page.evaluate("() => document.activeElement && document.activeElement.dataset.ccKey || ''")
            if key:
                reached.add(key)
            if reached >= {w["key"] for w in wanted}:
                break
        missing = [w["name"] for w in wanted if w["key"] not in reached]
        assert missing == [], f"not reachable by keyboard: {missing}"

        # A Copy button, reached and pressed from the keyboard, copies its wording.
        first = copy_buttons.first
        first.focus()
        page.keyboard.press("Enter")
        target = first.get_attribute("data-copy")
        page.wait_for_function("id => document.querySelector('#' + CSS.escape(id) + ' ~ .cc-copy-status').textContent !== ''",
                               arg=target)
        copied = page.evaluate("navigator.clipboard.readText()")
        assert norm(copied) == norm(page.locator(f"#{target}").inner_text())
    finally:
        ctx.close()


HEADINGS_AND_NAMES = """() => {
  const shown = el => { const cs = getComputedStyle(el); const r = el.getBoundingClientRect();
    return cs.visibility !== 'hidden' && cs.display !== 'none' && r.width > 0 && r.height > 0 && !el.closest('[hidden]'); };
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(shown)
    .map(h => [Number(h.tagName[1]), h.innerText.trim().slice(0, 40)]);
  const buttons = [...document.querySelectorAll('button')].filter(shown)
    .map(b => (b.getAttribute('aria-label') || b.innerText).replace(/\\s+/g, ' ').trim());
  return {headings, buttons};
}"""


def check_headings_and_names(page) -> None:
    got = page.evaluate(HEADINGS_AND_NAMES)
    levels = [lv for lv, _ in got["headings"]]
    assert levels and levels[0] == 1, got["headings"]
    for (a, ta), (b, tb) in zip(got["headings"], got["headings"][1:], strict=False):
        assert b <= a + 1, f"heading jumps from h{a} ({ta}) to h{b} ({tb})"
    names = [n for n in got["buttons"] if n]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert dupes == [], f"buttons that share a name: {dupes}"


@browser
@needs_chromium
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_accessibility_audit(app_url, chromium, lang):
    """axe-core (vendored from npm by scripts/setup.sh) finds no WCAG 2.1 A/AA or best-practice
    violation on the review, compare, library and about tabs; headings go down one level at a
    time and no two buttons share a name."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not vendored at {AXE}: run scripts/setup.sh where npm can reach its registry")
    ctx = chromium.new_context(viewport={"width": 1400, "height": 2000}, locale="en-US")
    page = ctx.new_page()
    page.set_default_timeout(60_000)

    def audit(where: str) -> None:
        settled(page)
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => {
          const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
          return r.violations.map(v => v.id + ': ' + v.help + ' -> ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }""")
        assert violations == [], f"{where}: {violations}"
        check_headings_and_names(page)

    try:
        open_app(page, app_url, lang)
        upload(page, [str(ZH_DOCX), str(EN_PDF)])
        wait_for_rows(page, [ZH_DOCX.name, EN_PDF.name])
        page.locator(".cc-finding").first.wait_for()
        audit("review")
        page.get_by_role("tab", name=t("tab_compare", lang)).click()
        page.locator(".st-key-cmp_v1 [data-testid='stFileUploaderDropzoneInput']").set_input_files(
            str(COMPARE_DATA / "mixed-v1.txt"))
        page.locator(".st-key-cmp_v2 [data-testid='stFileUploaderDropzoneInput']").set_input_files(
            str(COMPARE_DATA / "mixed-v2.txt"))
        page.locator("table.cc-compare").wait_for(timeout=STARTUP_TIMEOUT_MS)
        audit("compare")
        for tab in ("tab_library", "tab_about"):
            page.get_by_role("tab", name=t(tab, lang)).click()
            audit(tab)
    finally:
        ctx.close()
