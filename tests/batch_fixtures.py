"""Inputs generated for the batch tests (never committed binaries): hostile files that expand
in memory, and many small distinct contracts."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

CHUNK = 1 << 24  # 16 MiB


def _deflate_spaces(inflated: int, *, raw: bool) -> bytes:
    """A deflate stream of ``inflated`` spaces (a multiple of 16 MiB), fast: with Z_FULL_FLUSH every
    16 MiB block compresses independently of the ones before it, so one compressed block is
    repeated. zlib-wrapped (PDF's FlateDecode) or raw (ZIP)."""
    chunk = b" " * CHUNK
    n = inflated // CHUNK
    c = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush()  # final empty block (+ the zlib trailer for two chunks, replaced below)
    if raw:
        return first + block * (n - 1) + tail
    return first + block * (n - 1) + tail[:-4] + _adler32_spaces(n * CHUNK).to_bytes(4, "big")


def _adler32_spaces(length: int) -> int:
    """Adler-32 of ``length`` spaces in closed form (A = 1 + 32 L, B = L + 32 L (L + 1) / 2)."""
    mod = 65521
    a = (1 + 32 * length) % mod
    b = (length + 32 * length * (length + 1) // 2) % mod
    return (b << 16) | a


def pdf_bomb(path: Path, inflated: int = 1536 << 20) -> Path:
    """A ~1.5 MB one-page PDF whose content stream inflates to ``inflated`` bytes (1.5 GiB)."""
    stream = _deflate_spaces(inflated, raw=False)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


_CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
       b'"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
       b'document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def docx_bomb(path: Path, inflated: int = 1280 << 20) -> Path:
    """A ~1.3 MB DOCX whose word/document.xml inflates to ``inflated`` bytes (1.25 GiB; a ZIP
    bomb): the XML is valid, with one paragraph followed by spaces."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>The Supplier shall supply.</w:t></w:r></w:p>')
    tail = b"</w:body></w:document>"
    # head and tail ride in the deflate stream too: compressed separately, joined with full flushes
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    pre = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    body = _deflate_spaces(inflated, raw=True)
    body = body[:-2] if body.endswith(b"\x03\x00") else body  # drop the final empty block
    c2 = zlib.compressobj(9, zlib.DEFLATED, -15)
    post = c2.compress(tail) + c2.flush()
    crc = zlib.crc32(head)
    chunk = b" " * CHUNK
    for _ in range(inflated // CHUNK):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + (inflated // CHUNK) * CHUNK + len(tail)
    entries = [("[Content_Types].xml", _CT, None), ("_rels/.rels", _RELS, None),
               ("word/document.xml", pre + body + post, (crc, size))]
    out = bytearray()
    central = bytearray()
    for name, data, known in entries:
        bname = name.encode()
        if known is None:
            crc_i, usize = zlib.crc32(data), len(data)
            comp = data
            method = 0
        else:
            crc_i, usize = known
            comp = data
            method = 8
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc_i, len(comp), usize,
                           len(bname), 0) + bname + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc_i, len(comp),
                               usize, len(bname), 0, 0, 0, 0, 0, off) + bname
    cd_off = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_off, 0)
    path.write_bytes(bytes(out))
    return path


CONTRACT = """SERVICES AGREEMENT No. {i}

This Services Agreement is entered into between Customer Co. {i} ("Customer") and Supplier Ltd. ("Supplier").

1. Services
1.1 Supplier shall provide the hosting services described in Schedule {i}.

2. Cybersecurity review
2.1 Supplier shall cooperate with any cybersecurity review of the services conducted by the competent authorities.

3. User data
3.1 Supplier shall not use its position to illegally obtain user data.
3.2 Supplier shall use commercially reasonable efforts not to illegally control or manipulate user devices.

4. Supply
4.1 Supplier may suspend the services at its sole discretion.

5. Fees
5.1 Customer shall pay EUR {fee} per month.

IN WITNESS WHEREOF the parties have signed this Agreement.
"""


def contracts(folder: Path, n: int) -> list[Path]:
    """``n`` small, distinct English TXT contracts (no two with the same text)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"contract-{i:03d}.txt"
        p.write_text(CONTRACT.format(i=i, fee=1000 + 37 * i), encoding="utf-8")
        out.append(p)
    return out
