"""Property-based fuzzing of the readers (hypothesis). Not part of the default run (pytest
collects ``test_*.py`` only, and the tests carry the ``fuzz`` marker); run it by name:

    FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/fuzz_readers.py -q -p no:cacheprovider

The property, for every reader: given any bytes, ``read_document`` either returns a document
with text, or raises ``UnreadableDocument`` with a known code and a sentence for a person; it
never raises anything else, never hangs (each example has a deadline) and never returns a
document without blocks. Inputs are real fixtures mutated (bytes flipped, cut, spliced, XML
elements and odd characters inserted) and documents built from random text.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile as h  # noqa: E402
from clausecheck.errors import UnreadableDocument  # noqa: E402
from clausecheck.read import read_document  # noqa: E402

pytestmark = pytest.mark.fuzz

FIX = Path(__file__).resolve().parent / "fixtures"
CODES = {"not-found", "permission-denied", "special-file", "empty", "encrypted", "wrong-password", "no-text",
         "garbled-text", "unsupported-language", "too-large", "corrupt", "unknown-encoding", "unsupported-type"}
SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")), deadline=timedelta(seconds=20),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large], derandomize=False)

# Text with the characters readers and normalizers trip on: CJK, kana, look-alikes, zero-width,
# direction marks, surrogates-adjacent, private use, combining marks, controls.
ODD = st.sampled_from(list("aZ 0.;:()\n\t网络審查ソ한Пαａﬁ⽤\u200b\u200d\u202e\u00ad\ufeff\ue000\ufffd\u0301\x00\x07\x1b€"))
TEXT = st.text(alphabet=st.one_of(ODD, st.characters(codec="utf-8")), max_size=400)


def _check(tmp: Path, name: str, data: bytes) -> None:
    path = tmp / name
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except UnreadableDocument as exc:
        assert exc.code in CODES, exc.code
        assert exc.message and exc.message[0].isupper() and exc.message.rstrip().endswith((".", ")")), exc.message
        assert "Traceback" not in exc.message
        return
    assert doc.blocks and all(isinstance(b.text, str) and b.text for b in doc.blocks)
    for w in doc.warnings:
        assert w.code and w.message


def _mutate(data: bytes, ops: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, pos, blob in ops:
        if not out:
            break
        i = pos % len(out)
        if kind == 0:  # flip
            out[i] ^= (blob[:1] or b"\xff")[0] or 1
        elif kind == 1:  # cut
            del out[i:]
        elif kind == 2:  # insert
            out[i:i] = blob
        else:  # overwrite
            out[i:i + len(blob)] = blob
    return bytes(out)


OPS = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 1 << 30), st.binary(max_size=64)), max_size=6)
PDF_SEEDS = [(FIX / "running_headers.pdf").read_bytes(), (FIX / "two_column.pdf").read_bytes(),
             h.page_pdf([h.text_ops(["The Supplier shall cooperate with the review."])], flate=True)]


@SETTINGS
@given(seed=st.sampled_from(PDF_SEEDS), ops=OPS)
def test_fuzz_pdf_bytes(tmp_path_factory, seed, ops):
    _check(tmp_path_factory.mktemp("pdf"), "f.pdf", _mutate(seed, ops))


@SETTINGS
@given(lines=st.lists(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=80),
                      min_size=1, max_size=30),
       mode=st.sampled_from([None, 0, 1, 3, 7]), size=st.floats(0.1, 80), flate=st.booleans())
def test_fuzz_pdf_content(tmp_path_factory, lines, mode, size, flate):
    ops = h.text_ops(lines, size=size, mode=mode)
    _check(tmp_path_factory.mktemp("pdfc"), "c.pdf", h.page_pdf([ops, ops], flate=flate))


def _docx_bytes(document: str | bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", h.CT)
        z.writestr("_rels/.rels", h.RELS.format(rel=h.REL_TRANSITIONAL))
        z.writestr("word/document.xml", document)
    return buf.getvalue()


ELEMENTS = st.sampled_from([
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>",
    "<w:rPr><w:vanish/></w:rPr>", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:del>", "</w:del>",
    "<w:ins>", "</w:ins>", '<w:numPr><w:ilvl w:val="9"/><w:numId w:val="1"/></w:numPr>', "<w:br/>",
    '<w:sym w:char="F0FF"/>', "&amp;", "&#0;", "&#xD800;", "<!-- c -->", "<?pi x?>", "<![CDATA[x]]>",
])


@SETTINGS
@given(parts=st.lists(st.one_of(ELEMENTS, TEXT.map(lambda t: t.replace("<", "").replace("&", ""))), max_size=60))
def test_fuzz_docx_xml(tmp_path_factory, parts):
    body = "".join(parts)
    document = h.document_xml(h.para("The Supplier shall cooperate with the review.") + body)
    _check(tmp_path_factory.mktemp("docx"), "d.docx", _docx_bytes(document.encode("utf-8", "surrogatepass")))


DOCX_SEEDS = [(FIX / "numbered.docx").read_bytes()]


@SETTINGS
@given(seed=st.sampled_from(DOCX_SEEDS), ops=OPS)
def test_fuzz_docx_bytes(tmp_path_factory, seed, ops):
    _check(tmp_path_factory.mktemp("docxb"), "b.docx", _mutate(seed, ops))


@SETTINGS
@given(text=TEXT, encoding=st.sampled_from(["utf-8", "utf-16", "gb18030", "big5", "utf-8-sig", "latin-1"]))
def test_fuzz_txt_text(tmp_path_factory, text, encoding):
    data = text.encode(encoding, "ignore") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")
    _check(tmp_path_factory.mktemp("txt"), "t.txt", data)


@SETTINGS
@given(data=st.binary(max_size=4096))
def test_fuzz_any_bytes(tmp_path_factory, data):
    _check(tmp_path_factory.mktemp("bin"), "x.txt", data)


def _docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


NUMBERED = _docx_parts((FIX / "numbered.docx").read_bytes())


@SETTINGS
@given(part=st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml", "_rels/.rels",
                             "word/_rels/document.xml.rels"]), ops=OPS)
def test_fuzz_docx_parts(tmp_path_factory, part, ops):
    """One XML part of a real numbered, tracked-changes DOCX mutated inside an intact ZIP."""
    parts = dict(NUMBERED)
    parts[part] = _mutate(parts[part], ops)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    _check(tmp_path_factory.mktemp("parts"), "p.docx", buf.getvalue())


_ENGINE = None


@SETTINGS
@given(paras=st.lists(st.one_of(TEXT, st.sampled_from([
    "The Supplier shall cooperate with the cybersecurity review.", "乙方不得非法获取用户数据。",
    "乙方應當配合網路安全審查。", "The Supplier m\u0430y suspend supply at its sole discretion.",
    "第五条 除不可抗力外，乙方不得中断供应。", "(a) except as required by law;"])), min_size=1, max_size=12))
def test_fuzz_pipeline_txt(tmp_path_factory, paras):
    """Read and judge (rules only): odd characters must not break normalization, segmentation or
    the judge either."""
    global _ENGINE
    from clausecheck.api import Engine

    if _ENGINE is None:
        _ENGINE = Engine(use_model=False)
    path = tmp_path_factory.mktemp("pipe") / "p.txt"
    path.write_text("\n\n".join(paras), encoding="utf-8", errors="surrogatepass")
    report = _ENGINE.check(path)
    assert report.error is None or report.error.code in CODES, report.error
    if report.error is None:
        assert len(report.findings) == 4
