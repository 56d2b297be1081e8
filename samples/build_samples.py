#!/usr/bin/env python3
"""Build clausecheck's own sample contracts (DOCX with python-docx, PDF with LibreOffice).

    python samples/build_samples.py            # build everything, then verify
    python samples/build_samples.py --no-pdf   # DOCX and labels only (no LibreOffice needed)
    python samples/build_samples.py --check    # only verify the files already in samples/

Outputs (all in samples/):
  en-cloud-services-agreement.docx / .pdf    English cloud services agreement, Word auto-numbering
  zh-equipment-purchase.docx / .pdf          Chinese 设备采购合同, typed 第一条 numbering
  bi-software-licence.docx                   bilingual licence, all four undertakings compliant
  en-long-30pages.pdf                        the English agreement plus long neutral schedules
  NAME.labels.json                           expected verdicts in the labeling-guide format

The text lives in _content_*.py. DOCX output is byte-for-byte deterministic (fixed core properties
and ZIP timestamps). PDF output has the same text on every run but LibreOffice stamps a creation
date and document ID, so its bytes differ.

Verification: every label evidence string must occur (modulo whitespace) in the text that
python-docx extracts (paragraphs + table cells) and in the text pdfplumber extracts from the PDF;
PDF page counts must fall in the intended ranges.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _content_bi  # noqa: E402
import _content_en  # noqa: E402
import _content_schedules  # noqa: E402
import _content_zh  # noqa: E402
from _docxkit import Builder  # noqa: E402

REQUIREMENTS = ("review-cooperation", "no-illegal-data-acquisition", "no-illegal-device-control",
                "no-unjustified-supply-interruption")

# name -> (content module, builder kwargs, build kwargs, keep docx?, make pdf?, pdf page range)
SAMPLES = {
    "en-cloud-services-agreement": (_content_en, dict(numbered=True, title_meta="Cloud Services Agreement"),
                                    {}, True, True, (6, 10)),
    "zh-equipment-purchase": (_content_zh, dict(numbered=False, latin="Noto Serif CJK SC", size=10.5,
                                                title_meta="设备采购合同", lang="zh-CN"),
                              {}, True, True, (3, 10)),
    "bi-software-licence": (_content_bi, dict(numbered=False, title_meta="Software Licence Agreement",
                                              lang="en-GB"),
                            {}, True, False, None),
    "en-long-30pages": (_content_en, dict(numbered=True, title_meta="Cloud Services Agreement (with schedules)"),
                        {"long_schedules": _content_schedules.schedules}, False, True, (28, 34)),
}


def build_docx(name: str, path: Path) -> None:
    module, bkw, kw, *_ = SAMPLES[name]
    b = Builder(**bkw)
    b.footer_page_numbers()
    module.build(b, **kw)
    b.save(path)


def labels_for(name: str, file_name: str) -> dict:
    module = SAMPLES[name][0]
    lab = module.LABELS
    assert set(lab["requirements"]) == set(REQUIREMENTS)
    return {"file": file_name, "language": lab["language"], "supplier_term": lab["supplier_term"],
            "requirements": {r: lab["requirements"][r] for r in REQUIREMENTS}}


def soffice_to_pdf(docx: Path, outdir: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("LibreOffice (soffice) not found: install it, or run with --no-pdf")
    # a private profile so this never collides with another running LibreOffice
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as prof:
        cmd = [exe, f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(docx)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300,
                       env={**os.environ, "TZ": "UTC"})
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        sys.exit(f"LibreOffice did not produce {pdf}")
    return pdf


# ---- verification --------------------------------------------------------------------------
def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def docx_text(path: Path) -> str:
    from docx import Document

    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def pdf_text(path: Path) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join((p.extract_text() or "") for p in pdf.pages), len(pdf.pages)


def verify(outdir: Path) -> bool:
    ok = True
    for name, (_m, _b, _k, keep_docx, make_pdf, pages) in SAMPLES.items():
        lab_path = outdir / f"{name}.labels.json"
        lab = json.loads(lab_path.read_text(encoding="utf-8"))
        evid = [e for r in lab["requirements"].values() for e in r["evidence"]]
        for st in lab["requirements"].values():
            assert (st["status"] == "weakened") == bool(st["reasons"]), (name, st)
            assert (st["status"] == "missing") == (not st["evidence"]), (name, st)
        files = []
        if keep_docx:
            files.append(("docx", outdir / f"{name}.docx"))
        if make_pdf:
            files.append(("pdf", outdir / f"{name}.pdf"))
        for kind, f in files:
            if not f.exists():
                print(f"  MISSING {f.name}")
                ok = False
                continue
            if kind == "docx":
                text, n = docx_text(f), None
            else:
                text, n = pdf_text(f)
            flat = _squash(text)
            bad = [e for e in evid if _squash(e) not in flat]
            status = "ok"
            if bad:
                ok = False
                status = f"{len(bad)} evidence string(s) not found: " + "; ".join(x[:60] for x in bad)
            if kind == "pdf":
                if len(flat) < 500:
                    ok, status = False, "no text layer"
                if pages and not (pages[0] <= n <= pages[1]):
                    ok = False
                    status += f"; {n} pages, expected {pages[0]}-{pages[1]}"
            size = f.stat().st_size
            print(f"  {f.name:40s} {size / 1024:8.1f} KiB" + (f"  {n:3d} pages" if n else "            ")
                  + f"  {status}")
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--outdir", type=Path, default=HERE)
    ap.add_argument("--no-pdf", action="store_true", help="skip LibreOffice (DOCX and labels only)")
    ap.add_argument("--check", action="store_true", help="only verify existing outputs")
    args = ap.parse_args(argv)
    out = args.outdir
    out.mkdir(parents=True, exist_ok=True)

    if not args.check:
        with tempfile.TemporaryDirectory(prefix="cc-samples-") as tmp:
            tmp = Path(tmp)
            for name, (_m, _b, _k, keep_docx, make_pdf, _p) in SAMPLES.items():
                main_file = f"{name}.docx" if keep_docx else f"{name}.pdf"
                if not keep_docx and args.no_pdf:
                    continue
                docx = (out if keep_docx else tmp) / f"{name}.docx"
                build_docx(name, docx)
                if make_pdf and not args.no_pdf:
                    pdf = soffice_to_pdf(docx, tmp)
                    shutil.move(str(pdf), out / pdf.name)
                (out / f"{name}.labels.json").write_text(
                    json.dumps(labels_for(name, main_file), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
                print(f"built {name}")
        if args.no_pdf:
            return 0
    print("verifying:")
    ok = verify(out)
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
