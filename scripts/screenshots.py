"""Regenerate the pictures in docs/: each sample's redline as LibreOffice renders it (tracked changes
and comments in the margin), and the web UI's review screen in Chinese and in English.

    python scripts/screenshots.py            # all of them
    python scripts/screenshots.py redline    # only the redlines
    python scripts/screenshots.py ui         # only the web UI

Runs the real ``clausecheck fix``, LibreOffice (``soffice``) and the Streamlit app in Debian's
headless Chromium (``tests/browser/harness.py``). Pages are rasterised with pypdfium2.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SAMPLES = REPO / "samples"
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

# (output, sample, text that marks each part of a page to show)
REDLINES = [
    ("redline-en.png", SAMPLES / "en-cloud-services-agreement.pdf",
     ["Subject to clause 9.1", "Provider shall cooperate with any cybersecurity review"]),
    ("redline-zh.png", SAMPLES / "zh-equipment-purchase.docx", ["乙方有权通过设备管理平台远程锁定", "乙方无正当理由不得中断"]),
]
UI = [
    ("ui-review-zh.png", "zh", SAMPLES / "zh-equipment-purchase.docx", "no-illegal-device-control"),
    ("ui-review-en.png", "en", SAMPLES / "en-cloud-services-agreement.pdf", "no-unjustified-supply-interruption"),
]
SCALE = 1.6  # 115 dpi: readable, and small enough for a README


def _soffice_pdf(docx: Path, workdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to render the redlines")
    export = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
    subprocess.run([soffice, f"-env:UserInstallation=file://{workdir / 'lo-profile'}", "--headless",
                    "--convert-to", export, "--outdir", str(workdir), str(docx)],
                   check=True, capture_output=True, timeout=300)
    return workdir / (docx.stem + ".pdf")


def _crop_around(pdf: Path, markers: list[str]):
    """For each marker, the part of its page from a little above it to a little below it."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(str(pdf))
    crops = []
    try:
        for marker in markers:
            for i in range(len(doc)):
                page = doc[i]
                tp = page.get_textpage()
                found = tp.search(marker).get_next()
                if not found:
                    continue
                box = tp.get_charbox(found[0])  # (left, bottom, right, top) in points
                height = page.get_height()
                top = max(0.0, height - box[3] - 110)
                bottom = min(height, height - box[1] + 170)
                img = page.render(scale=SCALE).to_pil()
                crops.append(img.crop((0, int(top * SCALE), img.width, int(bottom * SCALE))))
                break
    finally:
        doc.close()
    if not crops:
        raise SystemExit(f"{pdf.name}: none of {markers} found")
    out = Image.new("RGB", (max(c.width for c in crops), sum(c.height for c in crops) + 8 * (len(crops) - 1)),
                    "white")
    y = 0
    for c in crops:
        out.paste(c, (0, y))
        y += c.height + 8
    return out


def redlines(workdir: Path) -> None:
    for name, sample, markers in REDLINES:
        red = workdir / (sample.stem + ".redlined.docx")
        proc = subprocess.run([sys.executable, "-m", "clausecheck", "fix", str(sample), "-o", str(red)],
                              capture_output=True, text=True, cwd=REPO, timeout=600)
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stderr)
        _crop_around(_soffice_pdf(red, workdir), markers).save(DOCS / name, optimize=True)
        print(f"wrote docs/{name}")


def ui(workdir: Path) -> None:
    from playwright.sync_api import sync_playwright

    from browser.harness import launch_chromium, streamlit_server

    with streamlit_server("app.py", log_path=workdir / "streamlit.log") as url, sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            for name, lang, sample, req in UI:
                ctx = browser.new_context(viewport={"width": 1440, "height": 1300}, device_scale_factor=1,
                                          locale="zh-CN" if lang == "zh" else "en-US")
                page = ctx.new_page()
                page.set_default_timeout(300_000)
                page.goto(f"{url}/?lang={lang}")
                dropzone = page.locator(".st-key-uploads [data-testid='stFileUploaderDropzoneInput']")
                dropzone.wait_for(state="attached")
                dropzone.set_input_files(str(sample))
                card = page.locator(f".st-key-finding-0-{req}")
                card.wait_for()
                page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
                page.wait_for_timeout(1000)
                card.scroll_into_view_if_needed()
                box = card.bounding_box()
                page.screenshot(path=str(DOCS / name), clip={"x": 180, "y": max(0, box["y"] - 160), "width": 1260,
                                                            "height": min(1250, box["height"] + 200)})
                print(f"wrote docs/{name}")
                ctx.close()
        finally:
            browser.close()


def main(argv: list[str]) -> int:
    which = set(argv) or {"redline", "ui"}
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="clausecheck-shots-") as tmp:
        if "redline" in which:
            redlines(Path(tmp))
        if "ui" in which:
            ui(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
