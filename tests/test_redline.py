"""Redlines: tracked changes that accept to a compliant contract and reject to the original.

"Accept all" and "reject all" are done here independently of ``clausecheck.redline`` (plain lxml
on ``word/document.xml``), the way Word does them, so the tests check the redline's XML rather
than trust it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}
REQS = ("review-cooperation", "no-illegal-data-acquisition", "no-illegal-device-control",
        "no-unjustified-supply-interruption")
CORPUS = Path(os.environ.get("CLAUSECHECK_DEV_CORPUS", "/work/shared/dev-corpus"))  # used by test_fixes
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


# --------------------------------------------------------------------------------------------
# Accept all / reject all, the way a word processor does it


def _rewrite_document_xml(src: Path, dst: Path, fn) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                fn(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)


def _unwrap(el) -> None:
    parent = el.getparent()
    i = parent.index(el)
    for child in list(el):
        parent.insert(i, child)
        i += 1
    parent.remove(el)


def _remove_keep_tail(el) -> None:
    el.getparent().remove(el)


def _merge_into_next(p) -> None:
    """A paragraph whose mark is gone: its content joins the next paragraph (or vanishes when it
    has none left)."""
    content = [c for c in p if c.tag != W + "pPr"]
    nxt = p.getnext()
    if content and nxt is not None and nxt.tag == W + "p":
        ppr = nxt.find(W + "pPr")
        pos = 1 if ppr is not None else 0
        for c in content:
            nxt.insert(pos, c)
            pos += 1
    p.getparent().remove(p)


def accept_all(root) -> None:
    for d in root.xpath("//w:del[not(parent::w:rPr) and not(parent::w:trPr)]", namespaces=NS):
        _remove_keep_tail(d)
    for tr in root.xpath("//w:tr[w:trPr/w:del]", namespaces=NS):
        tr.getparent().remove(tr)
    for p in root.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=NS):
        p.find(f"{W}pPr/{W}rPr/{W}del").getparent().remove(p.find(f"{W}pPr/{W}rPr/{W}del"))
        _merge_into_next(p)
    for ins in root.xpath("//w:ins[not(parent::w:rPr) and not(parent::w:trPr)]", namespaces=NS):
        _unwrap(ins)
    for mark in root.xpath("//w:rPr/w:ins | //w:trPr/w:ins", namespaces=NS):
        mark.getparent().remove(mark)
    for change in root.xpath("//w:pPrChange", namespaces=NS):
        change.getparent().remove(change)


def reject_all(root) -> None:
    for ins in root.xpath("//w:ins[not(parent::w:rPr) and not(parent::w:trPr)]", namespaces=NS):
        _remove_keep_tail(ins)
    for tr in root.xpath("//w:tr[w:trPr/w:ins]", namespaces=NS):
        tr.getparent().remove(tr)
    for p in root.xpath("//w:p[w:pPr/w:rPr/w:ins]", namespaces=NS):
        _merge_into_next(p)
    for d in root.xpath("//w:del[not(parent::w:rPr) and not(parent::w:trPr)]", namespaces=NS):
        for t in d.iter(W + "delText"):
            t.tag = W + "t"
        for t in d.iter(W + "delInstrText"):
            t.tag = W + "instrText"
        _unwrap(d)
    for mark in root.xpath("//w:rPr/w:del | //w:trPr/w:del", namespaces=NS):
        mark.getparent().remove(mark)
    # a paragraph's properties changed with tracking go back to what they were
    for change in root.xpath("//w:pPrChange", namespaces=NS):
        ppr = change.getparent()
        old = change.find(W + "pPr")
        for child in list(ppr):
            if child.tag not in (W + "rPr", W + "sectPr"):
                ppr.remove(child)
        for i, child in enumerate(list(old) if old is not None else []):
            ppr.insert(i, child)


def accepted(path: Path, out: Path) -> Path:
    _rewrite_document_xml(path, out, accept_all)
    return out


def rejected(path: Path, out: Path) -> Path:
    _rewrite_document_xml(path, out, reject_all)
    return out


def docx_paragraph_texts(path: Path) -> list[str]:
    """Paragraph texts in document order (body paragraphs and table-cell paragraphs), as
    python-docx reads them."""
    import docx
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    return [Paragraph(p, d._body).text for p in d.element.body.iter(W + "p")]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# --------------------------------------------------------------------------------------------
# Structural checks every redline must pass


def check_structure(path: Path) -> dict:
    """Comments anchored, revision ids unique, author/date present, relationship and content
    type for the comments part. Returns counts."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        doc = etree.fromstring(z.read("word/document.xml"))
        assert "word/comments.xml" in names, "no comments part"
        comments = etree.fromstring(z.read("word/comments.xml"))
        rels = z.read("word/_rels/document.xml.rels").decode()
        ctypes = z.read("[Content_Types].xml").decode()
    assert "comments.xml" in rels and "/relationships/comments" in rels
    assert "wordprocessingml.comments+xml" in ctypes
    comment_ids = {c.get(W + "id") for c in comments.findall(W + "comment")}
    starts = [e.get(W + "id") for e in doc.iter(W + "commentRangeStart")]
    ends = [e.get(W + "id") for e in doc.iter(W + "commentRangeEnd")]
    refs = [e.get(W + "id") for e in doc.iter(W + "commentReference")]
    assert comment_ids, "no comments"
    assert sorted(starts) == sorted(ends) == sorted(refs) == sorted(comment_ids)
    for c in comments.findall(W + "comment"):
        text = "".join(c.itertext())
        assert "Cybersecurity Review Measures" in text and ("网络安全审查办法" in text)
        assert c.get(W + "author") == "clausecheck"
    revs = doc.xpath("//w:ins | //w:del", namespaces=NS)
    assert revs
    ids = [r.get(W + "id") for r in revs]
    assert len(ids) == len(set(ids)), "revision ids not unique"
    for r in revs:
        assert r.get(W + "author") == "clausecheck"
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", r.get(W + "date") or "")
    # deleted text only as delText, never as w:t inside w:del
    assert not doc.xpath("//w:del//w:t", namespaces=NS)
    assert not doc.xpath("//w:ins//w:delText", namespaces=NS)
    return {"comments": len(comment_ids), "revisions": len(revs)}


def inserted_texts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    out = []
    for ins in doc.xpath("//w:ins[not(parent::w:rPr) and not(parent::w:trPr)]", namespaces=NS):
        t = "".join(ins.xpath(".//w:t/text()", namespaces=NS))
        if t.strip():
            out.append(t)
    return out


def rendered(inserted: str, pdf_text: str) -> bool:
    """Inserted wording shows in the PDF. PDF text extraction interleaves side-by-side table
    columns and page footers, so look for the wording's 12-character pieces (3 in 4 must be there)."""
    s = _squash(inserted)
    pieces = [s[i:i + 12] for i in range(0, max(1, len(s) - 11), 12)]
    return sum(1 for piece in pieces if piece in pdf_text) >= 0.75 * len(pieces)


def soffice_pdf_text(docx_path: Path, workdir: Path) -> str:
    """Convert with LibreOffice (headless) and return the PDF's text."""
    import pypdfium2 as pdfium

    outdir = workdir / "pdf"
    outdir.mkdir(exist_ok=True)
    profile = workdir / "lo-profile"
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(docx_path)],
        capture_output=True, text=True, timeout=240)
    pdf = outdir / (docx_path.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice could not open {docx_path.name}: {proc.stdout} {proc.stderr}"
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


# --------------------------------------------------------------------------------------------
# A self-contained redline on a small DOCX built here


def _build_small_docx(path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE  # noqa: F401

    d = docx.Document()
    d.add_paragraph("SUPPLY AGREEMENT", style="Title")
    d.add_paragraph("1. Services", style="Heading 1")
    p = d.add_paragraph("1.1 The ")
    r = p.add_run("Supplier")
    r.bold = True
    p.add_run(" shall use commercially ")
    r = p.add_run("reasonable")
    r.italic = True
    p.add_run(" efforts to cooperate with any cybersecurity review of the Customer.")
    d.add_paragraph("1.2 The Supplier may suspend the Services at its sole discretion.")
    d.add_paragraph("2. Data", style="Heading 1")
    d.add_paragraph("2.1 The Supplier shall keep Customer data confidential.")
    d.add_paragraph("2.2 Nothing in this clause limits the Customer.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Key term"
    t.cell(0, 1).text = "The Supplier may, at its option, access Customer systems remotely."
    d.add_paragraph("3. Governing Law", style="Heading 1")
    d.add_paragraph("3.1 This Agreement is governed by the laws of the People's Republic of China.")
    d.add_paragraph("IN WITNESS WHEREOF the parties have signed this Agreement.")
    d.add_paragraph("Supplier: ____________   Customer: ____________")
    d.save(str(path))


def _small_report():
    from clausecheck.findings import DocumentReport, Edit, Finding, Reason, Suggestion

    def f(req, status, edits, reasons=()):
        return Finding(requirement=req, status=status, confidence=0.9,
                       reasons=tuple(Reason(code=c) for c in reasons),
                       suggestion=Suggestion(language="en", text="", edits=tuple(edits)))

    return DocumentReport(file="small.docx", language="en", supplier_term="Supplier", findings=(
        f("review-cooperation", "weakened", [Edit(
            kind="delete", anchor="1.1 The Supplier shall use commercially reasonable efforts to cooperate",
            old="use commercially  reasonable efforts to ", reason="An effort standard is not a result.")],
          ["qualified-effort"]),
        f("no-unjustified-supply-interruption", "weakened", [Edit(
            kind="replace", anchor="The Supplier may suspend the Services",
            old="may suspend the Services at its sole discretion",
            new="shall not suspend the Services without just cause")], ["unilateral-discretion"]),
        f("no-illegal-data-acquisition", "missing", [Edit(
            kind="insert", anchor="2. Data",
            new="The Supplier shall not take advantage of providing the Services to illegally obtain user data.")]),
        f("no-illegal-device-control", "weakened", [
            Edit(kind="replace", anchor="access Customer systems remotely", old="may, at its option,",
                 new="shall not, without the Customer's prior written authorisation,"),
            Edit(kind="insert", anchor=None,
                 new="The Supplier shall not take advantage of providing the Services to illegally "
                     "control or manipulate user equipment.")], ["unilateral-discretion"]),
    ))


def test_small_docx_redline_accept_reject_and_comments(tmp_path):
    from clausecheck.redline import redline

    src = tmp_path / "small.docx"
    _build_small_docx(src)
    out = tmp_path / "small.redline.docx"
    res = redline(src, _small_report(), out, date="2025-03-01T08:00:00Z")
    assert not res.skipped, res.skipped
    assert len(res.applied) == 5
    counts = check_structure(out)
    assert counts["comments"] == 5

    acc = docx_paragraph_texts(accepted(out, tmp_path / "acc.docx"))
    joined = "\n".join(acc)
    assert "1.1 The Supplier shall cooperate with any cybersecurity review of the Customer." in acc
    assert "1.2 The Supplier shall not suspend the Services without just cause." in acc
    assert "2.3 The Supplier shall not take advantage of providing the Services to illegally obtain user data." in acc
    assert ("The Supplier shall not, without the Customer's prior written authorisation, access Customer "
            "systems remotely.") in acc
    assert "4. Cybersecurity Review Undertakings" in acc
    assert "4.1 The Supplier shall not take advantage of providing the Services to illegally control or manipulate user equipment." in acc
    # the new clause goes before the signature block, after clause 3
    assert joined.index("3.1 This Agreement") < joined.index("4.1 The Supplier") < joined.index("IN WITNESS")

    orig = docx_paragraph_texts(src)
    assert docx_paragraph_texts(rejected(out, tmp_path / "rej.docx")) == orig

    # formatting of the split runs is kept: "Supplier" still bold, the struck "reasonable" italic
    with zipfile.ZipFile(out) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    bold = doc.xpath("//w:r[w:rPr/w:b]/w:t/text()", namespaces=NS)
    assert "Supplier" in bold
    italic_del = doc.xpath("//w:del/w:r[w:rPr/w:i]/w:delText/text()", namespaces=NS)
    assert italic_del == ["reasonable"]
    # track changes stays on for the reviewer
    with zipfile.ZipFile(out) as z:
        assert b"trackRevisions" in z.read("word/settings.xml")


def test_chinese_docx_inserts_use_numbering_and_chinese_comment(tmp_path):
    import docx

    from clausecheck.findings import DocumentReport, Edit, Finding, Suggestion
    from clausecheck.redline import redline

    d = docx.Document()
    d.add_paragraph("技术服务合同", style="Title")
    d.add_paragraph("第八条　网络安全", style="Heading 1")
    d.add_paragraph("8.1 乙方应当遵守网络安全相关法律法规。")
    d.add_paragraph("8.2 乙方原则上应当配合网络安全审查。")
    d.add_paragraph("第九条　争议解决", style="Heading 1")
    d.add_paragraph("9.1 双方应当友好协商解决争议。")
    d.add_paragraph("（以下无正文）")
    d.add_paragraph("甲方（盖章）：　　　　乙方（盖章）：")
    src = tmp_path / "zh.docx"
    d.save(str(src))
    rep = DocumentReport(file="zh.docx", language="zh", supplier_term="乙方", findings=(
        Finding(requirement="review-cooperation", status="weakened", confidence=0.8,
                suggestion=Suggestion(language="zh", text="", edits=(
                    Edit(kind="delete", anchor="8.2 乙方原则上应当配合网络安全审查。", old="原则上", language="zh"),))),
        Finding(requirement="no-illegal-data-acquisition", status="missing", confidence=0.8,
                suggestion=Suggestion(language="zh", text="", edits=(
                    Edit(kind="insert", anchor="第八条　网络安全", language="zh",
                         new="乙方不得利用提供产品和服务的便利条件非法获取用户数据。"),))),
        Finding(requirement="no-unjustified-supply-interruption", status="missing", confidence=0.8,
                suggestion=Suggestion(language="zh", text="", edits=(
                    Edit(kind="insert", anchor=None, language="zh",
                         new="乙方无正当理由不得中断产品供应或者必要的技术支持服务。"),))),
    ))
    out = tmp_path / "zh.redline.docx"
    res = redline(src, rep, out)
    assert len(res.applied) == 3 and not res.skipped
    check_structure(out)
    acc = docx_paragraph_texts(accepted(out, tmp_path / "acc.docx"))
    assert "8.2 乙方应当配合网络安全审查。" in acc
    assert "8.3 乙方不得利用提供产品和服务的便利条件非法获取用户数据。" in acc
    assert "第十条\u3000网络安全审查相关承诺" in acc
    assert "10.1 乙方无正当理由不得中断产品供应或者必要的技术支持服务。" in acc
    assert acc.index("10.1 乙方无正当理由不得中断产品供应或者必要的技术支持服务。") < acc.index("（以下无正文）")
    assert docx_paragraph_texts(rejected(out, tmp_path / "rej.docx")) == docx_paragraph_texts(src)
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode()
    assert "《网络安全审查办法》" in comments and "第六条" in comments


def _bilingual_table_docx(path: Path, rows) -> None:
    import docx

    d = docx.Document()
    t = d.add_table(rows=len(rows), cols=2)
    for i, (en, zh) in enumerate(rows):
        t.cell(i, 0).text = en
        t.cell(i, 1).text = zh
    d.save(str(path))


def _device_insert_report(anchor: str | None):
    from clausecheck.findings import DocumentReport, Edit, Finding, Suggestion

    return DocumentReport(file="bi.docx", language="bilingual", supplier_term="Party B / 乙方", findings=(
        Finding(requirement="no-illegal-device-control", status="missing", confidence=0.8,
                suggestion=Suggestion(language="bilingual", text="", edits=(
                    Edit(kind="insert", anchor=anchor, language="en",
                         new="Party B shall not illegally control or manipulate user equipment."),
                    Edit(kind="insert", anchor=anchor, language="zh", new="乙方不得非法控制和操纵用户设备。"),
                ))),))


def test_bilingual_table_insert_adds_a_row_in_the_fitting_article(tmp_path):
    import docx

    from clausecheck.redline import redline

    src = tmp_path / "bi.docx"
    _bilingual_table_docx(src, [("1. Services", "第一条 服务"),
                                ("1.1 Party B shall provide the Services.", "1.1 乙方应当提供服务。"),
                                ("2. Equipment Security", "第二条 设备安全"),
                                ("2.1 Party B shall keep records.", "2.1 乙方应当保存记录。"),
                                ("2.2 Party B shall patch the equipment.", "2.2 乙方应当为设备安装补丁。"),
                                ("3. Term", "第三条 期限"),
                                ("3.1 This Agreement runs for one year.", "3.1 本协议有效期一年。")])
    # The engine's anchor (in the Services article) is not where device control belongs.
    out = tmp_path / "bi.redline.docx"
    res = redline(src, _device_insert_report("1.1 Party B shall provide the Services."), out)
    assert len(res.applied) == 1 and not res.skipped
    check_structure(out)
    table = docx.Document(str(accepted(out, tmp_path / "acc.docx"))).tables[0]
    assert len(table.rows) == 8
    assert table.cell(5, 0).text == "2.3 Party B shall not illegally control or manipulate user equipment."
    assert table.cell(5, 1).text == "2.3 乙方不得非法控制和操纵用户设备。"
    assert len(docx.Document(str(rejected(out, tmp_path / "rej.docx"))).tables[0].rows) == 7


def test_bilingual_table_insert_in_no_unrelated_article(tmp_path):
    """No article fits device control: the clause becomes a new article, not "1.3" of Services."""
    import docx

    from clausecheck.redline import redline

    src = tmp_path / "bi.docx"
    _bilingual_table_docx(src, [("1. Services", "第一条 服务"),
                                ("1.1 Party B shall provide the Services.", "1.1 乙方应当提供服务。"),
                                ("1.2 Party B shall keep records.", "1.2 乙方应当保存记录。")])
    out = tmp_path / "bi.redline.docx"
    res = redline(src, _device_insert_report("1.2 Party B shall keep records."), out)
    assert len(res.applied) == 1 and not res.skipped
    check_structure(out)
    table = docx.Document(str(accepted(out, tmp_path / "acc.docx"))).tables[0]
    assert [c.text for c in table.rows[3].cells] == ["2. Cybersecurity Review Undertakings", "第二条\u3000网络安全审查相关承诺"]
    assert table.cell(4, 0).text == "2.1 Party B shall not illegally control or manipulate user equipment."
    assert table.cell(4, 1).text == "2.1 乙方不得非法控制和操纵用户设备。"
    rej = rejected(out, tmp_path / "rej.docx")
    assert len(docx.Document(str(rej)).tables[0].rows) == 3
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode()
    assert "Cybersecurity Review Measures" in comments and "第六条" in comments


def test_txt_input_builds_docx(tmp_path):
    from clausecheck.findings import DocumentReport, Edit, Finding, Suggestion
    from clausecheck.redline import rebuild_docx, redline

    src = tmp_path / "c.txt"
    src.write_text("SERVICES AGREEMENT\n\n1. Support\n\nThe Vendor will use best efforts to cooperate "
                   "with any cybersecurity review.\n\n2. Term\n\nThis Agreement runs for one year.\n",
                   encoding="utf-8")
    rep = DocumentReport(file="c.txt", language="en", supplier_term="Vendor", findings=(
        Finding(requirement="review-cooperation", status="weakened", confidence=0.8,
                suggestion=Suggestion(language="en", text="", edits=(
                    Edit(kind="replace", anchor="The Vendor will use best efforts to cooperate",
                         old="will use best efforts to cooperate", new="shall cooperate"),))),))
    out = tmp_path / "c.redline.docx"
    res = redline(src, rep, out)
    assert res.source_format == "txt" and len(res.applied) == 1
    check_structure(out)
    base = tmp_path / "base.docx"
    rebuild_docx(src).document.save(str(base))
    assert docx_paragraph_texts(rejected(out, tmp_path / "rej.docx")) == docx_paragraph_texts(base)
    acc = docx_paragraph_texts(accepted(out, tmp_path / "acc.docx"))
    assert any("The Vendor shall cooperate with any cybersecurity review." in t for t in acc)
    # the typed article numbers with short titles became headings
    import docx

    styles = {p.text: p.style.name for p in docx.Document(str(base)).paragraphs}
    assert styles["1. Support"] == "Heading 1" and styles["2. Term"] == "Heading 1"
    assert styles["This Agreement runs for one year."] == "Normal"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_small_redline_opens_in_libreoffice(tmp_path):
    from clausecheck.redline import redline

    src = tmp_path / "small.docx"
    _build_small_docx(src)
    out = tmp_path / "small.redline.docx"
    redline(src, _small_report(), out)
    text = _squash(soffice_pdf_text(out, tmp_path))
    for ins in inserted_texts(out):
        assert rendered(ins, text), ins


# --------------------------------------------------------------------------------------------
# A redline of a PDF is a reply document: headings, numbered clauses, tables, about as many pages


def test_pdf_rebuilt_keeps_headings_clauses_and_tables(tmp_path):
    import docx

    from clausecheck.redline import rebuild_docx

    pdf = Path(__file__).resolve().parents[1] / "samples" / "en-cloud-services-agreement.pdf"
    rebuilt = rebuild_docx(pdf)
    out = tmp_path / "rebuilt.docx"
    rebuilt.document.save(str(out))
    d = docx.Document(str(out))
    styles = {p.text: p.style.name for p in d.paragraphs}
    assert styles["CLOUD SERVICES AGREEMENT"] == "Title"
    assert styles["1. Definitions and Interpretation"] == "Heading 1"
    assert styles["5. Service Levels"] == "Heading 1"  # the PDF set "5." on a line of its own
    assert styles["9. Continuity of Supply"] == "Heading 1"
    assert any(t.startswith("9.1 Provider shall not, without just cause") for t in styles)
    assert styles[next(t for t in styles if t.startswith("9.1 "))] == "Normal"
    key_terms, signatures = d.tables
    assert (len(key_terms.rows), len(key_terms.columns)) == (10, 2)
    assert [c.text for c in key_terms.rows[1].cells] == ["Agreement No.", "EMW-IT-2024-017"]
    assert key_terms.cell(6, 1).text.startswith("Managed private-cloud hosting of Customer's billing, asset-")
    assert (len(signatures.rows), len(signatures.columns)) == (7, 2)
    assert [c.text for c in signatures.rows[3].cells] == ["Name: Lin Ruoxi", "Name: Daniel Okafor-Wen"]
    # the sentence that ran on into the signature table stays a paragraph of its own
    assert any(t.startswith("IN WITNESS WHEREOF") and "Customer" not in t[-20:] for t in styles)
    assert rebuilt.warnings and "layout is not kept" in rebuilt.warnings[0]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_pdf_redline_runs_to_about_as_many_pages(tmp_path):
    import pypdfium2 as pdfium

    from clausecheck.api import Engine
    from clausecheck.redline import redline

    pdf = Path(__file__).resolve().parents[1] / "samples" / "en-cloud-services-agreement.pdf"
    out = tmp_path / "en.redline.docx"
    redline(pdf, Engine().check(pdf), out)
    soffice_pdf_text(out, tmp_path)
    pages = len(pdfium.PdfDocument(str(tmp_path / "pdf" / "en.redline.pdf")))
    assert abs(pages - 8) <= 1, pages


def test_fix_says_plainly_when_the_layout_is_not_kept(tmp_path):
    import subprocess
    import sys

    pdf = Path(__file__).resolve().parents[1] / "samples" / "zh-equipment-purchase.pdf"
    for lang, words in (("en", "layout is not kept"), ("zh", "原文件的版式未保留")):
        proc = subprocess.run([sys.executable, "-m", "clausecheck", "fix", str(pdf), "-o", str(tmp_path / "o.docx"),
                               "--lang", lang], capture_output=True, text=True, timeout=600)
        assert proc.returncode == 1, proc.stderr
        note = [ln for ln in proc.stdout.splitlines() if ln.startswith(("NOTE:", "注意："))]
        assert note and words in note[0], proc.stdout
