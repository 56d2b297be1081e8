"""The document readers (clausecheck.read) on real files: our own fixtures (tests/fixtures, built by
tests/fixtures/make_fixtures.py) and, when present, the shared development corpus."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from pathlib import Path

import pytest

try:
    import clausecheck  # noqa: F401
except ImportError:  # running from a checkout without an installed package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


from clausecheck.document import BlockKind
from clausecheck.errors import UnreadableDocument
from clausecheck.read import read_document
from clausecheck.read.numbering import chinese_counting, format_number

FIX = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(os.environ.get("CLAUSECHECK_DEV_CORPUS", "/work/shared/dev-corpus"))
REAL = Path(os.environ.get("CLAUSECHECK_REAL_CONTRACTS", "/work/shared/real-contracts"))


def _err(path: Path, password: str | None = None) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as info:
        read_document(path, password=password)
    return info.value


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ----------------------------------------------------------------------------------------------
# bad input: exact code, and a message that says what is wrong in plain words


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("does-not-exist.pdf", "not-found", "does not exist"),
        ("empty.txt", "empty", "empty"),
        ("empty.pdf", "empty", "empty"),
        ("blank.txt", "empty", "no text"),
        ("encrypted.pdf", "encrypted", "password"),
        ("encrypted.docx", "encrypted", "password"),
        ("scanned.pdf", "no-text", "scanned"),
        ("truncated.pdf", "corrupt", "damaged"),
        ("not_a_pdf.pdf", "corrupt", "not a PDF"),
        ("corrupt.docx", "corrupt", "damaged"),
        ("truncated.docx", "corrupt", "damaged"),
        ("garbage.txt", "unknown-encoding", "not readable text"),
        ("legacy.doc", "unsupported-type", "Word 97-2003"),
        ("contract.rtf", "unsupported-type", "RTF"),
        ("photo.png", "unsupported-type", "image"),
        ("renamed_png.txt", "unsupported-type", "image"),
        ("sheet.xlsx", "unsupported-type", "Excel"),
    ],
)
def test_bad_input_codes(name, code, words):
    exc = _err(FIX / name)
    assert exc.code == code, exc
    assert words.lower() in exc.message.lower()
    assert exc.path.name == name and name in str(exc)
    # a lawyer-readable sentence, not a library traceback
    assert exc.message[0].isupper() and exc.message.rstrip().endswith(".")
    assert "Error" not in exc.message and "Traceback" not in exc.message


def test_scanned_pdf_message_mentions_ocr():
    assert "OCR" in _err(FIX / "scanned.pdf").message


def test_folder_is_not_a_contract(tmp_path):
    assert _err(tmp_path).code == "not-found"


def test_truncated_pdf_that_pdfium_could_still_open_is_corrupt(tmp_path):
    data = (FIX / "running_headers.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: int(len(data) * 0.95)])
    exc = _err(cut)
    assert exc.code == "corrupt" and "truncated" in exc.message


def test_encrypted_pdf_password():
    assert _err(FIX / "encrypted.pdf", password="nope").code == "wrong-password"
    doc = read_document(FIX / "encrypted.pdf", password="secret")
    assert doc.format == "pdf" and doc.pages == 4
    assert any(b.text.startswith("3. Cybersecurity review.") for b in doc.blocks)


def test_encrypted_docx_password():
    assert _err(FIX / "encrypted.docx", password="nope").code == "wrong-password"
    doc = read_document(FIX / "encrypted.docx", password="secret")
    assert doc.format == "docx"
    assert [b.label for b in doc.blocks][:3] == [None, "1.", "1.1"]


def test_no_raw_exception_for_any_fixture():
    for path in FIX.iterdir():
        if path.suffix == ".py":
            continue
        with contextlib.suppress(UnreadableDocument):
            read_document(path)


# ----------------------------------------------------------------------------------------------
# PDF


def test_pdf_running_headers_footers_and_page_numbers_dropped():
    doc = read_document(FIX / "running_headers.pdf")
    assert doc.format == "pdf" and doc.pages == 4
    text = doc.text
    assert "EQUIPMENT SUPPLY AGREEMENT" not in text
    assert "Page 2 of 4" not in text and "- 2 -" not in text
    starts = [re.match(r"\d+\.", b.text).group() for b in doc.blocks]
    assert starts == [f"{i}." for i in range(1, 17)]  # one block per clause, nothing else
    assert [b.page for b in doc.blocks][:7] == [1, 1, 1, 1, 1, 2, 2]


def test_pdf_wrapped_lines_joined_and_dehyphenated():
    doc = read_document(FIX / "running_headers.pdf")
    first = doc.blocks[0].text
    assert first == ("1. Definitions. In this Agreement the Supplier means Northwind Systems Ltd and the "
                     "Purchaser means Jiangnan Metro Operations Co. Ltd, each a party to this Agreement.")
    survival = next(b.text for b in doc.blocks if b.text.startswith("6. Survival."))
    assert "continuing obligations and survive" in survival


def test_pdf_paragraph_continues_over_page_break():
    doc = read_document(FIX / "running_headers.pdf")
    ten = next(b for b in doc.blocks if b.text.startswith("10. Data."))
    assert ten.page == 2
    assert ten.text.endswith("to interrupt supply without a justified reason.")
    assert "Page" not in ten.text and "NORTHWIND" not in ten.text


def test_pdf_two_columns_read_column_by_column():
    doc = read_document(FIX / "two_column.pdf")
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "TWO COLUMN SUPPLY TERMS"
    assert [t[:3] for t in texts[1:]] == ["1. ", "2. ", "3. ", "4. "]
    assert texts[2] == ("2. Cooperation. The Seller shall cooperate with the cybersecurity review and provide "
                        "all information requested by the Buyer without undue delay.")
    assert texts[3].startswith("3. No remote control.") and texts[3].endswith("prior written consent.")
    assert all(b.page == 1 and b.ref.startswith("pg:1:") for b in doc.blocks)


# ----------------------------------------------------------------------------------------------
# DOCX


def test_docx_auto_numbering_labels():
    doc = read_document(FIX / "numbered.docx")
    got = [(b.label, b.text) for b in doc.blocks if b.kind != BlockKind.TABLE_CELL]
    assert got == [
        (None, "EQUIPMENT SUPPLY AGREEMENT"),
        ("1.", "Definitions"),
        ("1.1", "Goods means the equipment listed in Annex 1."),
        ("1.2", "Services means installation and support."),
        ("2.", "Cybersecurity"),
        ("2.1", "The Supplier shall cooperate with the cybersecurity review and shall provide all materials "
                "requested by the Cybersecurity Review Office in good time."),
        ("(a)", "The Supplier shall not illegally obtain user data."),
        ("(b)", "The Supplier shall not illegally control user equipment."),
        ("(i)", "including remote shutdown;"),
        ("(ii)", "including back doors."),
        ("2.2", "The Supplier shall not interrupt supply without justification."),
        ("3.", "Term"),
        ("3.1", "This Agreement lasts three years."),  # the deleted paragraph took no number
        ("第一条", "总则"),
        ("第二条", "卖方应当配合网络安全审查。"),
        ("（一）", "卖方不得非法获取用户数据。"),
        ("一、", "供货"),
        ("二、", "交付"),
        ("ARTICLE V", "Miscellaneous"),  # startOverride 5, upperRoman
        ("ARTICLE VI", "Notices"),
        (None, "Signed by the parties."),
    ]


def test_docx_tracked_changes_accepted():
    text = read_document(FIX / "numbered.docx").text
    assert "where commercially reasonable" not in text  # w:del
    assert "Deleted clause." not in text
    assert "requested by the Cybersecurity Review Office" in text  # w:ins


def test_docx_headings_styles_refs_tables():
    doc = read_document(FIX / "numbered.docx")
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["Definitions"].kind == BlockKind.HEADING and by_text["Definitions"].style == "heading 1"
    assert by_text["Goods means the equipment listed in Annex 1."].kind == BlockKind.PARAGRAPH
    assert by_text["Goods means the equipment listed in Annex 1."].style == "Clause Text"
    assert by_text["EQUIPMENT SUPPLY AGREEMENT"].ref == "p:0"
    assert by_text["Term"].ref == "p:12"  # p:11 is the deleted paragraph
    assert by_text["This Agreement lasts three years."].ref == "p:13"
    cells = [(b.ref, b.text) for b in doc.blocks if b.kind == BlockKind.TABLE_CELL]
    assert cells == [
        ("t:0:r0:c0:p0", "Party"), ("t:0:r0:c1:p0", "Obligation"),
        ("t:0:r1:c0:p0", "Seller"), ("t:0:r1:c1:p0", "Deliver the Goods."),
        ("t:0:r2:c1:p0", "Support the Goods."),  # r2:c0 continues the merged "Seller" cell: read once
        ("t:1:r0:c0:p0", "Nested cell text."),
    ]
    assert "MUST NOT APPEAR" not in doc.text  # section header not mixed into the body


def test_docx_ref_locates_the_paragraph():
    """The p:N ref is the index into body.iter(w:p), so a writer can find the paragraph again."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(FIX / "numbered.docx").read("word/document.xml"))
    paras = list(root.find(w + "body").iter(w + "p"))
    doc = read_document(FIX / "numbered.docx")
    for b in doc.blocks:
        if b.ref.startswith("p:"):
            p = paras[int(b.ref[2:])]
            assert _squash("".join(t.text or "" for t in p.iter(w + "t"))).startswith(_squash(b.text)[:6])


def test_number_formats():
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"]
    assert format_number(4, "lowerRoman") == "iv" and format_number(27, "lowerLetter") == "aa"
    assert format_number(3, "ideographTraditional") == "丙" and format_number(12, "decimalFullWidth") == "１２"
    assert format_number(2, "chineseLegalSimplified") == "贰" and format_number(7, "decimalZero") == "07"


# ----------------------------------------------------------------------------------------------
# TXT


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("gb18030.txt", "gb18030"), ("utf16le_bom.txt", "utf-16-le (BOM)"), ("utf16be_nobom.txt", "utf-16-be"),
     ("utf8_bom.txt", "utf-8 (BOM)"), ("hardwrap.txt", "utf-8")],
)
def test_txt_encodings(name, encoding):
    doc = read_document(FIX / name)
    assert doc.format == "txt" and doc.encoding == encoding
    assert not doc.text.startswith("\ufeff")


def test_txt_chinese_paragraphs():
    doc = read_document(FIX / "gb18030.txt")
    assert [b.text for b in doc.blocks] == [
        "设备采购合同", "第一条 总则", "1.1 卖方应当配合网络安全审查，并按照买方的要求及时提供所需的全部材料。",
        "1.2 卖方不得利用提供产品的便利条件非法获取用户数据。", "第二条 供货",
        "2.1 除不可抗力外，卖方不得中断产品供应或者必要的技术支持服务。"]
    assert [b.ref for b in doc.blocks][:3] == ["l:1", "l:3", "l:5"]


def test_txt_hard_wrapped_lines_joined():
    doc = read_document(FIX / "hardwrap.txt")
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "MASTER SERVICES AGREEMENT"
    assert texts[2] == ("2. Security review. The Supplier shall cooperate with any cybersecurity review of the "
                        "services and shall provide all materials and explanations reasonably requested by the "
                        "Customer or by the competent authority.")
    assert texts[3] == "(a) The Supplier shall not use the services to obtain user data illegally."
    # a cross-reference wrapped to the start of a line does not start a new paragraph
    assert texts[4].endswith("except as provided in Section 9 of this Agreement.")
    assert texts[5] == "3. Term. This Agreement continues for three years."


def test_content_sniffing_beats_the_suffix(tmp_path):
    pdf_named_txt = tmp_path / "contract.txt"
    pdf_named_txt.write_bytes((FIX / "two_column.pdf").read_bytes())
    assert read_document(pdf_named_txt).format == "pdf"
    docx_named_pdf = tmp_path / "contract.pdf"
    docx_named_pdf.write_bytes((FIX / "numbered.docx").read_bytes())
    assert read_document(docx_named_pdf).format == "docx"


# ----------------------------------------------------------------------------------------------
# the shared corpus (skipped where it is absent)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="dev corpus not available")
@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_dev_corpus_evidence_found(fmt):
    total = found = 0
    misses = []
    for lab in sorted(CORPUS.glob("*.labels.json")):
        labels = json.loads(lab.read_text(encoding="utf-8"))
        path = CORPUS / labels["file"]
        if path.suffix.lstrip(".") != fmt:
            continue
        text = _squash(read_document(path).text).replace("-", "")
        for req in labels["requirements"].values():
            for ev in req["evidence"]:
                total += 1
                if _squash(ev).replace("-", "") in text:
                    found += 1
                else:
                    misses.append((path.name, ev[:80]))
    assert total > 0
    assert found / total >= 0.98, misses


@pytest.mark.skipif(not (REAL / "common-paper").is_dir(), reason="real contracts not available")
def test_common_paper_numbering():
    doc = read_document(REAL / "common-paper" / "common-paper-software-license-agreement.docx")
    labels = [b.label for b in doc.blocks if b.label]
    assert labels[:4] == ["1.", "1.1", "1.2", "1.3"]
    assert "(a)" in labels and "2.1" in labels
    first = next(b for b in doc.blocks if b.label == "1.1")
    assert first.text.startswith("License.") and first.kind == BlockKind.PARAGRAPH


@pytest.mark.slow
@pytest.mark.skipif(not (REAL / "cuad-it").is_dir(), reason="real contracts not available")
def test_cuad_pdfs_all_read():
    # Speed is measured by benchmarks/bench.py, not asserted here.
    files = sorted((REAL / "cuad-it").glob("*.pdf"))
    pages = 0
    for f in files:
        doc = read_document(f)
        pages += doc.pages
        assert doc.blocks
    assert pages == 724


# ----------------------------------------------------------------------------------------------
# limits, normalization, language (issue 9; the hostile files themselves: tests/test_hostile.py)


def test_read_limits_are_validated_and_passed_through(tmp_path):
    from clausecheck.read.limits import ReadLimits

    with pytest.raises(ValueError):
        ReadLimits(max_pages=0)
    exc = _err_limits(FIX / "running_headers.pdf", ReadLimits(max_pages=3))
    assert exc.code == "too-large" and "4 pages" in exc.message and "--max-pages" in exc.message
    assert read_document(FIX / "running_headers.pdf", limits=ReadLimits(max_pages=4)).pages == 4


def _err_limits(path: Path, limits) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as info:
        read_document(path, limits=limits)
    return info.value


def test_zip_member_is_read_in_steps_whatever_its_header_says(tmp_path):
    """zipfile trusts a member's declared size; the reader must not: a part that inflates past
    the cap is abandoned after the cap, in 1 MiB steps."""
    import zipfile

    from clausecheck.read.limits import Budget, ReadLimits, read_member

    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (5 << 20))
    limits = ReadLimits(max_part_bytes=2 << 20)
    with zipfile.ZipFile(path) as z, pytest.raises(UnreadableDocument) as info:
        read_member(z, "word/document.xml", Budget(path, limits))
    assert info.value.code == "too-large" and "declares" in info.value.message
    with zipfile.ZipFile(path) as z:
        z.getinfo("word/document.xml").file_size = 100  # a lying header
        with pytest.raises(Exception) as info2:
            read_member(z, "word/document.xml", Budget(path, limits))
    # zipfile stops at the declared size and then fails its CRC: never more than the cap in memory
    assert isinstance(info2.value, (UnreadableDocument, zipfile.BadZipFile))


def test_normalization_counts_what_it_changed():
    from clausecheck.read.normalize import NormalizeStats, normalize_text

    stats = NormalizeStats()
    text = "The Supplier m\u0430y sus\u200bpend supply at its s\u043ele discretion; ｆｉｎａｌ ﬁle."
    assert normalize_text(text, stats) == "The Supplier may suspend supply at its sole discretion; final file."
    assert (stats.invisible, stats.lookalike, stats.compatibility) == (1, 2, 6)
    # Chinese punctuation, full-width digits and circled numbers stay as written
    zh = "第１条 ①乙方应当配合网络安全审查，并提供材料；"
    assert normalize_text(zh, NormalizeStats()) == zh
    # a Kangxi radical and a compatibility ideograph read as the ordinary characters
    assert normalize_text("⽤户数据", NormalizeStats()) == "用户数据"
    # a Russian word is left alone; a Greek letter in a formula too
    assert normalize_text("Поставщик", NormalizeStats()) == "Поставщик"
    assert normalize_text("where α = 0.5", NormalizeStats()) == "where α = 0.5"


@pytest.mark.parametrize(("text", "code", "supported"), [
    ("The Supplier shall cooperate with the review and shall not obtain user data. " * 10, "en", True),
    ("乙方应当配合网络安全审查，不得非法获取用户数据。" * 10, "zh", True),
    ("乙方應當配合網路安全審查，不得非法獲取使用者資料。" * 10, "zh-Hant", True),
    ("The Supplier shall cooperate with the review. 乙方应当配合网络安全审查，不得非法获取用户数据。" * 10,
     "bilingual", True),
    ("供給者は、審査に協力するものとし、データを不正に取得してはならない。" * 10, "ja", False),
    ("공급자는 사이버보안 심사에 협조하여야 한다. " * 10, "ko", False),
    ("Поставщик обязуется сотрудничать при проверке. " * 10, "ru", False),
    ("Der Lieferant ist verpflichtet, an der Prüfung mitzuwirken, und die Daten der Nutzer nicht zu "
     "erheben. Der Vertrag gilt für die Dauer von drei Jahren. " * 5, "de", False),
    ("Xqzv brtlk pwmnx qrst vbnm, zxcv lkjh gfdsa poiuy trewq mnbv cxz lkjhg fdsap oiuyt rewqm. " * 6,
     "und", False),
])
def test_language_detection(text, code, supported):
    from clausecheck.read.language import detect

    v = detect(text)
    assert (v.code, v.supported) == (code, supported), v


def test_a_few_kana_in_chinese_are_not_japanese():
    from clausecheck.read.language import detect

    assert detect("乙方应当配合网络安全审查，不得非法获取用户数据。" * 10 + "ソニー株式会社").code == "zh"


def test_pdf_truncation_is_judged_by_its_cross_reference_not_by_eof(tmp_path):
    from clausecheck.read.pdfscan import is_truncated

    data = (FIX / "running_headers.pdf").read_bytes()
    assert not is_truncated(data)
    assert not is_truncated(data + b"\0" * 100_000)  # padding after the end
    assert not is_truncated(data.replace(b"%%EOF", b""))  # no final %%EOF
    assert is_truncated(data[: len(data) - 60])  # the cross-reference offset is cut off
    assert is_truncated(data + b"12 0 obj\n<< /Type /Page")  # an incremental update cut off


def test_a_page_break_inside_a_sentence_is_joined(tmp_path):
    """A text contract cut mid-sentence by a page break (page number on its own line between blank
    lines) reads as one sentence; a page number after a finished sentence stays apart."""
    from clausecheck.segment import segment

    body = ("7. WARRANTIES\n\n7.1 The Provider warrants that the Software does not and will not contain any\n\n"
            "     12\n\nvirus, worm or disabling code, and that it will not alter the Customer's systems.\n\n"
            "7.2 The Customer shall pay each invoice.\n\n     13\n\n8. TERM\n")
    path = tmp_path / "paged.txt"
    path.write_text(body, encoding="utf-8")
    sentences = [s.text for s in segment(read_document(path)).sentences]
    joined = [s for s in sentences if s.startswith("The Provider warrants")]
    assert joined and joined[0].endswith("will not alter the Customer's systems."), sentences
    assert "12" not in " ".join(sentences).split()
    assert "The Customer shall pay each invoice." in sentences  # a finished sentence is not joined


def test_bullets_inside_a_paragraph_are_separate_statements():
    from clausecheck.segment import split_sentences

    got = split_sentences("2. Responsibilities: • The Reseller may not resell to consumers • The Provider shall "
                          "not harvest personal information without consent • Each party shall keep records.")
    assert got == ["2. Responsibilities:", "The Reseller may not resell to consumers",
                   "The Provider shall not harvest personal information without consent",
                   "Each party shall keep records."]
