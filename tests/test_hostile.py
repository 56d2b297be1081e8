"""Hostile and careless inputs (issue 9, the readers' side), each through the real ``clausecheck
check`` command: exit code, error code, a message that names the file, and the time and peak
memory of that very process (``os.wait4``). Every fixture is made here, in ``tmp_path``.

What the process guard adds (a worker per document with a memory limit and a timeout) is tested
with the batch layer; these tests show what the readers guarantee on their own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile as h  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
IDS = ["review-cooperation", "no-illegal-data-acquisition", "no-illegal-device-control",
       "no-unjustified-supply-interruption"]
PEAK_MB = 1024  # the bound for any single hostile input
SECONDS = 60


@dataclass
class Run:
    rc: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def doc(self) -> dict:
        return json.loads(self.stdout)["documents"][0]

    def finding(self, rid: str) -> dict:
        return next(f for f in self.doc["findings"] if f["requirement"] == rid)

    def warning(self, code: str) -> dict | None:
        return next((w for w in self.doc["warnings"] if w["code"] == code), None)


_MEASURE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""


def cli(*args: str, timeout: float = SECONDS, env: dict | None = None, stdin=None) -> Run:
    """Run ``clausecheck`` and measure that process alone: wall time and peak resident memory."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "HF_HUB_OFFLINE": "1", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        # Linux carries a process's memory high-water mark across fork and exec: a command started
        # straight from this (large) pytest process would report pytest's size as its own. A small
        # interpreter starts it instead and reports the command's own peak (``os.wait4``).
        peak_file = Path(tempfile.mkstemp(suffix=".peak")[1])
        proc = subprocess.Popen([sys.executable, "-c", _MEASURE, str(peak_file), sys.executable, "-m", "clausecheck",
                                 *args], stdout=out, stderr=err,
                                stdin=stdin if stdin is not None else subprocess.DEVNULL, env=env, cwd=ROOT,
                                start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, 9))
        timer.start()
        try:
            proc.wait()
        finally:
            timer.cancel()
        seconds = time.monotonic() - t0
        out.seek(0)
        err.seek(0)
        peak_kb = int(peak_file.read_text() or 0)
        peak_file.unlink()
        run = Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                  seconds, peak_kb / 1024)
    assert run.seconds < timeout, f"killed after {timeout} s"
    # Shown with `pytest -s`: the figures the issue asks for, per input.
    print(f"\n[measure] {Path(args[1]).name if len(args) > 1 else ''} rc={run.rc} {run.seconds:.1f}s "
          f"{run.peak_mb:.0f}MB")
    return run


def check_error(path: Path, code: str, words: str, *extra: str, peak_mb: float = PEAK_MB) -> Run:
    """The file is refused with ``code``; the message names it and says ``words``; bounded."""
    run = cli("check", str(path), "--format", "json", "--no-embeddings", *extra)
    assert run.rc == 3, run.stderr[-3000:]
    err = run.doc["error"]
    assert err["code"] == code, err
    assert path.name in err["message"] and words.lower() in err["message"].lower(), err["message"]
    assert path.name in run.stderr and f"[{code}]" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.peak_mb < peak_mb, f"peak {run.peak_mb:.0f} MB"
    return run


def judged(path: Path, *extra: str) -> Run:
    run = cli("check", str(path), "--format", "json", "--no-embeddings", *extra)
    assert run.rc in (0, 1), run.stdout[-2000:] + run.stderr[-3000:]
    assert run.doc["error"] is None
    assert [f["requirement"] for f in run.doc["findings"]] == IDS
    return run


EN_CLAUSES = [
    "1. Definitions. In this Agreement the Supplier means Northwind Systems Ltd and the Customer means "
    "Jiangnan Metro Operations Co. Ltd.",
    "2. Cybersecurity review. The Supplier shall cooperate with any cybersecurity review of the products "
    "and shall provide all materials requested by the Customer or the competent authority.",
    "3. User data. The Supplier shall not take advantage of the supply of the products to illegally obtain "
    "user data.",
    "4. User equipment. The Supplier shall not illegally control or manipulate the user equipment.",
    "5. Continuity. The Supplier shall not interrupt the supply of the products or necessary technical "
    "support without just cause.",
]
EN_TAKEBACK = "6. Suspension. The Supplier may suspend the supply of the products and technical support at its sole discretion."
EN_TERM = "7. Term. This Agreement continues for three years after the effective date."


def _wrap(text: str, width: int = 90) -> list[str]:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return [*lines, cur] if cur else lines


def en_lines(clauses: list[str]) -> list[str]:
    out: list[str] = ["SUPPLY AGREEMENT", ""]
    for c in clauses:
        out += [*_wrap(c), ""]
    return out


# ----------------------------------------------------------------------------------------------
# memory: inflation bombs


def test_pdf_content_stream_bomb_is_too_large_in_bounded_memory(tmp_path):
    """1.5 MB on disk, a content stream that inflates to 1.5 GB (PDFium needed 2.6 GB for it)."""
    bomb = h.flate_bomb(1536 << 20, b" ", prefix=b"BT /F1 12 Tf 72 700 Td (Supply agreement) Tj ET\n")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", h.HELVETICA,
            h.stream(bomb, raw_flate=True),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 4 0 R >>"]
    path = tmp_path / "bomb.pdf"
    path.write_bytes(h.pdf(objs))
    assert path.stat().st_size < 2 << 20
    run = check_error(path, "too-large", "inflates to more than 4 MiB", peak_mb=400)
    assert "--max-stream-mb" in run.doc["error"]["message"]
    assert run.seconds < 20


def test_pdf_stream_limit_is_the_users(tmp_path):
    """The same check with the limit lowered: a 1.4 MB drawing is refused at 1 MiB, and read at
    the default."""
    text = h.text_ops(["The Supplier shall cooperate with any cybersecurity review."] * 40)
    filler = b"\n" + b"0 0 m 1 1 l S\n" * 100_000  # 1.4 MB of drawing operators
    path = tmp_path / "heavy.pdf"
    path.write_bytes(h.page_pdf([text + filler], flate=True))
    check_error(path, "too-large", "inflates to more than 1 MiB", "--max-stream-mb", "1")
    judged(path)


@pytest.mark.parametrize("unit", [b" ", b"<w:p/>"], ids=["whitespace", "paragraphs"])
def test_docx_zip_bomb_is_too_large_in_bounded_memory(tmp_path, unit):
    """word/document.xml inflating to 1.1 GB (of whitespace, or of empty paragraphs), from 1-2 MB;
    the ZIP headers tell the truth here, so the streamed cap is tested with a lying header below."""
    path = h.zip_bomb_docx(tmp_path / "bomb.docx", 1100 << 20, unit)
    assert path.stat().st_size < 3 << 20
    run = check_error(path, "too-large", "word/document.xml", peak_mb=300)
    assert "--max-inflate-mb" in run.doc["error"]["message"]
    assert run.seconds < 20


def test_docx_member_whose_header_understates_its_size_is_capped(tmp_path):
    """A ZIP header claiming 1 KB for a part that inflates to 300 MB: read in steps, never trusted."""
    path = h.zip_bomb_docx(tmp_path / "liar.docx", 300 << 20, b" ")
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            if data[i:].find(name) in (30, 46):  # this record's name is the document part
                data[i + size_at:i + size_at + 4] = (1000).to_bytes(4, "little")
            i += 4
    path.write_bytes(bytes(data))
    run = cli("check", str(path), "--format", "json", "--no-embeddings", "--max-inflate-mb", "64")
    assert run.rc == 3 and run.doc["error"]["code"] in ("too-large", "corrupt"), run.stdout
    assert run.peak_mb < 300


def test_docx_paragraph_count_limit(tmp_path):
    """Below the inflate limit, a part with more XML elements than the limit is refused before
    lxml builds them (2 M elements would cost ~900 MB)."""
    body = "<w:p/>" * 300_000
    path = h.docx(tmp_path / "many.docx", body)
    check_error(path, "too-large", "elements", "--max-xml-elements", "100000")


def test_docx_billion_laughs(tmp_path):
    entities = '<!ENTITY lol "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
    document = (f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><w:document xmlns:w="{h.W_NS}"><w:body>'
                "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    path = h.docx(tmp_path / "laughs.docx", document=document)
    check_error(path, "too-large", "billion laughs")


def test_docx_600_level_nested_table(tmp_path):
    inner = h.para("The Supplier shall cooperate with the cybersecurity review.")
    body = "<w:tbl><w:tr><w:tc>" * 600 + inner + "</w:tc></w:tr></w:tbl>" * 600
    path = h.docx(tmp_path / "nested.docx", body)
    run = check_error(path, "too-large", "nested more than 100 levels")
    assert "RecursionError" not in run.stdout + run.stderr
    assert "--max-xml-depth" in run.doc["error"]["message"]


def test_docx_modest_nesting_is_read(tmp_path):
    inner = h.para(EN_CLAUSES[1])
    body = "<w:tbl><w:tr><w:tc>" * 10 + inner + "</w:tc></w:tr></w:tbl>" * 10
    run = judged(h.docx(tmp_path / "nested10.docx", body))
    assert run.finding("review-cooperation")["status"] == "compliant"


# ----------------------------------------------------------------------------------------------
# misleading errors


def test_zipcrypto_docx_is_encrypted(tmp_path):
    path = h.zipcrypto_docx(tmp_path / "zipcrypto.docx", h.para(EN_CLAUSES[1]))
    check_error(path, "encrypted", "password-protected ZIP")


def test_strict_open_xml_docx_is_read(tmp_path):
    styles = ('<w:style w:type="paragraph" w:styleId="Normal" w:default="true"><w:name w:val="Normal"/>'
              "</w:style>")
    body = "".join(h.para(c) for c in EN_CLAUSES)
    path = h.docx(tmp_path / "strict.docx", body, styles=styles, strict=True)
    run = judged(path)
    assert all(run.finding(r)["status"] == "compliant" for r in IDS), run.doc["findings"]


def test_zero_page_pdf_is_empty(tmp_path):
    path = tmp_path / "zero.pdf"
    path.write_bytes(h.pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    check_error(path, "empty", "no pages")


@pytest.mark.parametrize("how", ["padding", "no-eof", "cr-padding"])
def test_complete_pdf_with_odd_ending_is_read(tmp_path, how):
    data = h.page_pdf([h.text_ops(en_lines(EN_CLAUSES))], eof=how != "no-eof")
    if how == "padding":
        data += b"\x00" * 200_000
    elif how == "cr-padding":
        data += b"\r\n" * 40_000
    path = tmp_path / f"{how}.pdf"
    path.write_bytes(data)
    run = judged(path)
    assert run.finding("review-cooperation")["status"] == "compliant"


def test_cut_off_pdf_is_still_truncated(tmp_path):
    data = h.page_pdf([h.text_ops(en_lines(EN_CLAUSES))] * 3)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * 0.93)])
    check_error(path, "corrupt", "truncated")


def test_unreadable_file_is_permission_denied(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("\n".join(en_lines(EN_CLAUSES)), encoding="utf-8")
    path.chmod(0)
    args = ["check", str(path), "--format", "json", "--no-embeddings"]
    if os.geteuid() != 0:
        run = cli(*args)
    else:
        # Root reads any file whatever its mode, and this machine's Python may not be runnable by
        # another user: the real command runs with the kernel's answer for an unprivileged user
        # (EACCES from open) put in its place for this one path.
        shim = ("import errno, os, runpy, sys\n"
                "real = os.open\n"
                "def fake(p, *a, **k):\n"
                f"    if os.fspath(p) == {str(path)!r}: raise PermissionError(errno.EACCES, 'Permission denied', p)\n"
                "    return real(p, *a, **k)\n"
                "os.open = fake\n"
                # Batch workers start with spawn and import this script again (as __mp_main__):
                # they get the same os.open, and must not run the command themselves.
                "if __name__ == '__main__':\n"
                "    sys.argv = ['clausecheck', *sys.argv[1:]]\n"
                "    runpy.run_module('clausecheck', run_name='__main__')\n")
        (tmp_path / "shim.py").write_text(shim, encoding="utf-8")
        run = cli_script(tmp_path / "shim.py", *args)
    assert run.rc == 3, run.stderr[-2000:]
    err = run.doc["error"]
    assert err["code"] == "permission-denied" and "Permission denied" in err["message"]
    assert "locked.txt" in err["message"] and "not-found" not in run.stderr


def cli_script(script: Path, *args: str) -> Run:
    proc = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=SECONDS)
    return Run(proc.returncode, proc.stdout, proc.stderr, 0.0, 0.0)


def test_dev_stdin_is_a_special_file_not_empty():
    r, w = os.pipe()
    os.write(w, b"The Supplier shall cooperate.\n")
    os.close(w)
    try:
        run = cli("check", "/dev/stdin", "--format", "json", "--no-embeddings", stdin=r, timeout=30)
    finally:
        os.close(r)
    assert run.rc == 3
    err = run.doc["error"]
    assert err["code"] == "special-file" and "standard input" in err["message"], err


def test_named_pipe_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "contract.txt"
    os.mkfifo(fifo)
    run = check_error(fifo, "special-file", "named pipe")
    assert run.seconds < 15  # no writer ever comes: opening it would block forever


def test_file_name_starting_with_dash(tmp_path):
    path = tmp_path / "-rf.txt"
    path.write_text("\n".join(en_lines(EN_CLAUSES)), encoding="utf-8")
    env = {"PWD": str(tmp_path)}
    bad = subprocess.run([sys.executable, "-m", "clausecheck", "check", "-rf.txt"], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}, timeout=60)
    assert bad.returncode == 2
    assert "clausecheck check -- -rf.txt" in bad.stderr, bad.stderr
    good = subprocess.run([sys.executable, "-m", "clausecheck", "check", "--no-embeddings", "--format", "json",
                           "--", "-rf.txt"], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}, timeout=60)
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["documents"][0]["file"] == "-rf.txt"


# ----------------------------------------------------------------------------------------------
# silent wrong answers: text that is not what the page shows


def _type3_pdf(pages: list[bytes]) -> bytes:
    charproc = h.stream(b"0 0 m 5 0 l 5 5 l f")
    return h.page_pdf(pages, fonts=b"<< /F1 3 0 R /F3 4 0 R >>", extra=[h.type3_font(charproc=5), charproc])


def _type3_ops(n_lines: int = 20) -> bytes:
    line = "ABCDEFGHIJ KLMNOP QRSTUVWXYZ ABCABBCA CABBA ACB"
    return h.text_ops([line] * n_lines, font=b"F3")


def test_type3_font_without_tounicode_is_garbled_not_four_missing(tmp_path):
    path = tmp_path / "type3.pdf"
    path.write_bytes(_type3_pdf([_type3_ops(), _type3_ops()]))
    check_error(path, "garbled-text", "no Unicode mapping")


def test_garbled_page_among_readable_ones_is_left_out_and_flagged(tmp_path):
    path = tmp_path / "partly.pdf"
    path.write_bytes(_type3_pdf([h.text_ops(en_lines(EN_CLAUSES[:4])), _type3_ops()]))
    run = judged(path)
    w = run.warning("garbled-text")
    assert w and w["pages"] == [2], run.doc["warnings"]
    assert all(f["needs_review"] for f in run.doc["findings"])
    supply = run.finding("no-unjustified-supply-interruption")
    assert supply["status"] == "missing" and supply["confidence"] <= 0.5


def test_scanned_page_inside_text_pdf_is_reported(tmp_path):
    """Page 2 is only a scan (an image and a stamped page number): its clause was not read, so a
    'missing' there is not a confident answer."""
    text = h.text_ops(en_lines(EN_CLAUSES[:4]))
    scan = b"q 612 0 0 792 0 0 cm /Im1 Do Q\n" + h.text_ops(["2"], x=300, y=30, size=9)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(h.page_pdf([text, scan], extra=[h.gray_image()], xobjects=b"<< /Im1 4 0 R >>"))
    run = judged(path)
    w = run.warning("pages-without-text")
    assert w and w["pages"] == [2], run.doc["warnings"]
    supply = run.finding("no-unjustified-supply-interruption")
    assert supply["status"] == "missing" and supply["needs_review"] and supply["confidence"] <= 0.5
    assert run.finding("review-cooperation")["needs_review"]
    # without the scanned page nothing is flagged
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(h.page_pdf([text]))
    run2 = judged(clean)
    assert run2.doc["warnings"] == [] and not any(f["needs_review"] for f in run2.doc["findings"]
                                                  if f["status"] == "compliant")


@pytest.mark.parametrize("hidden", [True, False], ids=["invisible", "visible-control"])
def test_invisible_pdf_text_is_not_a_commitment(tmp_path, hidden):
    visible = h.text_ops(en_lines(EN_CLAUSES[:4]))
    supply = h.text_ops(_wrap(EN_CLAUSES[4]), y=300, mode=3 if hidden else None)
    path = tmp_path / "hidden.pdf"
    path.write_bytes(h.page_pdf([visible + b"\n" + supply]))
    run = judged(path)
    status = run.finding("no-unjustified-supply-interruption")["status"]
    if hidden:
        assert status == "missing"
        w = run.warning("hidden-text-excluded")
        assert w and w["pages"] == [1] and w["count"] > 50, run.doc["warnings"]
    else:
        assert status == "compliant" and run.warning("hidden-text-excluded") is None


def test_ocr_layer_over_a_scan_is_read(tmp_path):
    """OCR software writes its text invisibly over the scanned image: that text is the page."""
    ocr = b"q 612 0 0 792 0 0 cm /Im1 Do Q\n" + h.text_ops(en_lines(EN_CLAUSES), mode=3)
    path = tmp_path / "ocr.pdf"
    path.write_bytes(h.page_pdf([ocr], extra=[h.gray_image()], xobjects=b"<< /Im1 4 0 R >>"))
    run = judged(path)
    assert run.warning("hidden-text-excluded") is None and run.warning("pages-without-text") is None
    assert all(run.finding(r)["status"] == "compliant" for r in IDS)


HIDDEN_STYLES = ('<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
                 '<w:rPr><w:vanish/></w:rPr></w:style>'
                 '<w:style w:type="paragraph" w:styleId="HiddenPara"><w:name w:val="Hidden Para"/>'
                 '<w:rPr><w:vanish/></w:rPr></w:style>')


@pytest.mark.parametrize("how", ["vanish", "webHidden", "char-style", "para-style", "shown"])
def test_word_hidden_text_is_not_a_commitment(tmp_path, how):
    rpr = {"vanish": "<w:vanish/>", "webHidden": "<w:webHidden/>", "char-style": '<w:rStyle w:val="Secret"/>',
           "para-style": "", "shown": ""}[how]
    ppr = '<w:pStyle w:val="HiddenPara"/>' if how == "para-style" else ""
    body = "".join(h.para(c) for c in EN_CLAUSES[:4]) + h.para(EN_CLAUSES[4], rpr=rpr, ppr=ppr)
    run = judged(h.docx(tmp_path / f"{how}.docx", body, styles=HIDDEN_STYLES))
    status = run.finding("no-unjustified-supply-interruption")["status"]
    if how == "shown":
        assert status == "compliant" and run.doc["warnings"] == []
    else:
        assert status == "missing"
        w = run.warning("hidden-text-excluded")
        assert w and w["count"] >= 100 and "hidden" in w["message"]


@pytest.mark.parametrize("evasion", ["zero-width", "cyrillic", "fullwidth"])
def test_lookalike_and_invisible_characters_do_not_hide_a_take_back(tmp_path, evasion):
    takeback = {
        "zero-width": EN_TAKEBACK.replace("may suspend", "m\u200bay sus\u200bpend").replace("sole", "so\u200dle"),
        "cyrillic": EN_TAKEBACK.replace("may", "m\u0430y").replace("sole discretion", "s\u043ele discreti\u043en"),
        "fullwidth": EN_TAKEBACK.replace("may suspend", "\uff4d\uff41\uff59 suspend"),
    }[evasion]
    path = tmp_path / f"{evasion}.txt"
    path.write_text("\n\n".join([*EN_CLAUSES, takeback, EN_TERM]), encoding="utf-8")
    run = judged(path)
    supply = run.finding("no-unjustified-supply-interruption")
    assert supply["status"] == "weakened", supply
    w = run.warning("characters-normalized")
    assert w and w["count"] >= 2


# ----------------------------------------------------------------------------------------------
# languages

TW = """設備採購合約

第一條 定義
本合約中，乙方指供應商北風系統有限公司，甲方指江南捷運營運股份有限公司。

第二條 網路安全審查
乙方應當配合網路安全審查，並按照甲方的要求及時提供所需的全部資料。

第三條 使用者資料
乙方不得利用提供產品的便利條件非法獲取使用者資料。

第四條 使用者設備
乙方不得非法控制和操縱使用者設備。

第五條 供應
乙方不得無正當理由中斷產品供應或者必要的技術支援服務。
"""


@pytest.mark.parametrize("fmt", ["utf8.txt", "big5.txt", "docx", "pdf"])
def test_traditional_chinese_is_judged_as_chinese(tmp_path, fmt):
    paras = [p for p in TW.split("\n") if p.strip()]
    path = tmp_path / f"tw-{fmt}"
    if fmt == "utf8.txt":
        path.write_text(TW, encoding="utf-8")
    elif fmt == "big5.txt":
        path.write_bytes(TW.encode("big5"))
    elif fmt == "docx":
        path = h.docx(tmp_path / "tw.docx", "".join(h.para(p) for p in paras))
    else:
        lines = []
        for p in paras:
            lines += [p, ""]
        path = tmp_path / "tw.pdf"
        path.write_bytes(h.page_pdf([h.cjk_ops(lines, size=10)], fonts=b"<< /F1 3 0 R /F2 4 0 R >>",
                                    extra=[h.cjk_font()]))
    run = judged(path)
    assert run.doc["language"] == "zh"
    assert [run.finding(r)["status"] for r in IDS] == ["compliant"] * 4, run.doc["findings"]
    assert run.warning("converted-traditional-chinese")
    quote = run.finding("no-illegal-data-acquisition")["evidence"][0]["text"]
    assert "獲取使用者資料" in quote  # the contract's own words, not the conversion


def test_traditional_suggestion_is_in_traditional(tmp_path):
    path = tmp_path / "tw-weak.txt"
    path.write_text(TW.replace("乙方不得非法控制和操縱使用者設備。", "乙方應盡力避免非法控制使用者設備。"), encoding="utf-8")
    run = judged(path)
    f = run.finding("no-illegal-device-control")
    assert f["status"] != "compliant"
    text = f["suggestion"]["text"]
    assert "網路" in text and "网" not in text and "设" not in text, text


UNSUPPORTED = {
    "Japanese": "第1条 供給者は、サイバーセキュリティ審査に協力するものとし、利用者のデータを不正に取得してはならない。"
                "供給者は、正当な理由なく製品の供給を中断してはならないものとする。" * 3,
    "Korean": "제1조 공급자는 사이버보안 심사에 협조하여야 하며, 사용자 데이터를 불법적으로 취득하여서는 아니 된다. " * 3,
    "Russian": "1. Поставщик обязуется сотрудничать при проверке кибербезопасности и не получать незаконно данные "
               "пользователей. Поставщик не вправе прекращать поставку продукции без уважительной причины. " * 3,
    "French": "1. Le fournisseur doit coopérer à l'examen de cybersécurité et ne doit pas obtenir illégalement les "
              "données des utilisateurs. Le fournisseur ne peut pas interrompre la fourniture des produits sans "
              "motif légitime, et il est tenu de respecter les obligations de ce contrat. " * 3,
}


@pytest.mark.parametrize("language", list(UNSUPPORTED))
def test_unsupported_language_is_said(tmp_path, language):
    path = tmp_path / f"{language.lower()}.txt"
    path.write_text(UNSUPPORTED[language], encoding="utf-8")
    check_error(path, "unsupported-language", language)


def test_chinese_with_a_few_kana_is_still_chinese(tmp_path):
    zh = ("第一条 乙方应当配合网络安全审查，并及时提供所需的全部材料。\n\n第二条 乙方不得利用提供产品的便利条件非法获取用户数据。\n\n"
          "第三条 本合同所称设备包括ソニー株式会社（Sony）生产的摄像机。\n")
    path = tmp_path / "zh-kana.txt"
    path.write_text(zh, encoding="utf-8")
    run = judged(path)
    assert run.doc["language"] == "zh"


# ----------------------------------------------------------------------------------------------
# user-set limits and the report


def test_page_limit_is_the_users(tmp_path):
    run = check_error(FIXTURES / "running_headers.pdf", "too-large", "4 pages", "--max-pages", "2")
    assert "--max-pages" in run.doc["error"]["message"]


def test_character_limit_is_the_users(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(EN_CLAUSES * 40), encoding="utf-8")
    check_error(path, "too-large", "characters", "--max-chars", "5000")
    assert cli("check", str(path), "--max-chars", "0").rc == 2  # a bad limit is a usage error


def test_warnings_in_text_and_html_reports(tmp_path):
    path = tmp_path / "zw.txt"
    path.write_text("\n\n".join([*EN_CLAUSES[:2], "3. Data. The Supplier shall not ille\u200bgally obtain user data."]),
                    encoding="utf-8")
    text = cli("check", str(path), "--no-embeddings")
    assert "WARNING [characters-normalized]" in text.stdout
    out = tmp_path / "r.html"
    cli("check", str(path), "--no-embeddings", "--format", "html", "--out", str(out))
    assert "characters-normalized" in out.read_text(encoding="utf-8")
    csv_run = cli("check", str(path), "--no-embeddings", "--format", "csv")
    assert "characters-normalized" in csv_run.stdout.splitlines()[1]


def test_report_schema_2_has_warnings_for_every_document(tmp_path):
    shutil.copy(FIXTURES / "hardwrap.txt", tmp_path / "a.txt")
    run = judged(tmp_path / "a.txt")
    assert json.loads(run.stdout)["schema"] == "clausecheck.report/2"
    assert run.doc["warnings"] == []


def test_flate_bomb_builder_is_what_it_says():
    """The bomb tests are only as good as their bombs: 64 MiB from a few KB, inflating exactly."""
    data = h.flate_bomb(64 << 20, b"0 0 m ", prefix=b"BT ", suffix=b" ET")
    assert len(data) < 100_000
    d = zlib.decompressobj()
    n, chunk = 0, data
    while chunk:
        n += len(d.decompress(chunk, 16 << 20))
        chunk = d.unconsumed_tail
    assert d.eof and n == 3 + (64 << 20) // 6 * 6 + 3


def test_zip_with_a_huge_central_directory_is_too_large(tmp_path):
    """Millions of parts: zipfile would hold the whole directory in memory before any check."""
    path = h.docx(tmp_path / "parts.docx", h.para(EN_CLAUSES[1]))
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x05\x06")
    data[at + 8:at + 12] = (0xFFFF).to_bytes(2, "little") * 2  # declared entry counts
    path.write_bytes(bytes(data))
    check_error(path, "too-large", "65,535 parts")


def test_good_bad_special_and_linked_paths_each_reported_once(tmp_path):
    """Paths given by hand (the folder walk is the batch layer's): each gets exactly one entry,
    the good ones are judged, and nothing stops the run."""
    good = tmp_path / "good.txt"
    good.write_text("\n\n".join(EN_CLAUSES), encoding="utf-8")
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    (tmp_path / "loop-a.pdf").symlink_to(tmp_path / "loop-b.pdf")
    (tmp_path / "loop-b.pdf").symlink_to(tmp_path / "loop-a.pdf")
    (tmp_path / "link.txt").symlink_to(good)
    laughs = h.docx(tmp_path / "laughs.docx", document='<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x/>')
    names = ["good.txt", "pipe.pdf", "dangling.pdf", "loop-a.pdf", "link.txt", "laughs.docx"]
    run = cli("check", *[str(tmp_path / n) for n in names], "--format", "json", "--no-embeddings", "--quiet")
    assert run.rc == 3
    docs = json.loads(run.stdout)["documents"]
    assert [Path(d["file"]).name for d in docs] == names
    codes = {Path(d["file"]).name: (d["error"] or {}).get("code") for d in docs}
    assert codes == {"good.txt": None, "pipe.pdf": "special-file", "dangling.pdf": "broken-link",
                     "loop-a.pdf": "symlink-loop", "link.txt": None, "laughs.docx": "too-large"}
    assert "broken link" in docs[2]["error"]["message"] and "loops" in docs[3]["error"]["message"]
    assert all(f["status"] == "compliant" for f in docs[0]["findings"])
    assert laughs.exists()
