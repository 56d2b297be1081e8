"""Builders for small hostile and careless inputs, made inside the tests (nothing large is
committed): PDFs with chosen content streams, fonts and images; DOCX packages with chosen XML;
flate and ZIP bombs that inflate to gigabytes from a megabyte or two, built in milliseconds."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"

# ----------------------------------------------------------------------------------------------
# PDF


def pdf(objects: list[bytes], *, eof: bool = True) -> bytes:
    """A PDF whose object 1 is the catalog; ``objects`` are numbered from 1."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n" % (len(objects) + 1, xref)
    if eof:
        out += b"%%EOF\n"
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, raw_flate: bool = False, compress: bool = False) -> bytes:
    """A stream object; ``compress`` deflates ``data``, ``raw_flate`` says it already is."""
    if compress:
        data = zlib.compress(data, 9)
    if compress or raw_flate:
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text_ops(lines: list[str], *, x: float = 72, y: float = 720, size: float = 11, font: bytes = b"F1",
             mode: int | None = None) -> bytes:
    out = []
    for i, line in enumerate(lines):
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        tr = b"%d Tr " % mode if mode is not None else b""
        out.append(b"BT %s/%s %g Tf %g %g Td (%s) Tj ET" % (tr, font, size, x, y - i * 1.4 * size, esc))
    return b"\n".join(out)


def page_pdf(pages: list[bytes], *, fonts: bytes = b"<< /F1 3 0 R >>", extra: list[bytes] = (),
             xobjects: bytes = b"", flate: bool = False, eof: bool = True) -> bytes:
    """One page per content stream. Objects: 1 catalog, 2 pages, 3 Helvetica, then ``extra``
    (numbered from 4), then per page its content and page objects."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", HELVETICA, *extra]
    kids = []
    for content in pages:
        objs.append(stream(content, compress=flate))
        c = len(objs)
        res = b"<< /Font %s %s >>" % (fonts, (b"/XObject " + xobjects) if xobjects else b"")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>"
                    % (res, c))
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf(objs, eof=eof)


def gray_image(width: int = 850, height: int = 1100) -> bytes:
    """An image XObject (a flat grey 'scan')."""
    data = zlib.compress(bytes([200]) * (width * height), 9)
    return (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(data))
            + data + b"\nendstream")


def type3_font(first: int = 65, n: int = 26, charproc: int = 5) -> bytes:
    """A Type3 font without ToUnicode whose glyph names mean nothing: PDFium cannot tell which
    characters its glyphs are (object ``charproc`` must be the glyph's drawing stream)."""
    names = b" ".join(b"/g%d" % i for i in range(n))
    procs = b" ".join(b"/g%d %d 0 R" % (i, charproc) for i in range(n))
    return (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 10 10] /FontMatrix [0.1 0 0 0.1 0 0] "
            b"/CharProcs << %s >> /Encoding << /Type /Encoding /Differences [%d %s] >> "
            b"/FirstChar %d /LastChar %d /Widths [%s] >>"
            % (procs, first, names, first, first + n - 1, b" ".join([b"6"] * n)))


def cjk_font() -> bytes:
    """A Type0 font using the predefined UCS-2 CMap for Traditional Chinese (no font file: the
    codes are Unicode, so the text extracts)."""
    return (b"<< /Type /Font /Subtype /Type0 /BaseFont /MingLiU /Encoding /UniCNS-UCS2-H "
            b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MingLiU "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (CNS1) /Supplement 0 >> /DW 1000 >>] >>")


def cjk_ops(lines: list[str], *, x: float = 72, y: float = 720, size: float = 11) -> bytes:
    return b"\n".join(b"BT /F2 %g Tf %g %g Td <%s> Tj ET" % (size, x, y - i * 1.6 * size,
                                                            line.encode("utf-16-be").hex().encode())
                      for i, line in enumerate(lines))


def flate_bomb(total: int, unit: bytes = b" ", prefix: bytes = b"", suffix: bytes = b"",
               raw: bool = False) -> bytes:
    """A deflate stream of ``prefix + unit * (total // len(unit)) + suffix``, built without
    compressing the whole: after a full flush the compressor restarts, so every 1 MiB block of
    the repeated unit compresses to the same bytes, which are repeated. ``raw``: no zlib header
    and checksum (as inside a ZIP)."""
    block = unit * max(1, (1 << 20) // len(unit))
    n_blocks, rest = divmod(total // len(unit) * len(unit), len(block))
    c = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    body = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    body2 = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    assert body == body2 or n_blocks <= 1
    tail = c.compress(block[:rest] + suffix) + c.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15)
    final = end.flush()  # an empty final block
    out = head + body * n_blocks + tail + final
    if not raw:
        adler = zlib.adler32(prefix)
        for _ in range(n_blocks):
            adler = zlib.adler32(block, adler)
        adler = zlib.adler32(block[:rest] + suffix, adler)
        out += struct.pack(">I", adler)
    return out


def bomb_crc(total: int, unit: bytes, prefix: bytes, suffix: bytes) -> tuple[int, int]:
    block = unit * max(1, (1 << 20) // len(unit))
    n_blocks, rest = divmod(total // len(unit) * len(unit), len(block))
    crc = zlib.crc32(prefix)
    for _ in range(n_blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(block[:rest] + suffix, crc)
    return crc, len(prefix) + n_blocks * len(block) + rest + len(suffix)


# ----------------------------------------------------------------------------------------------
# DOCX

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
      'wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/></Relationships>')
REL_TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def para(text: str, *, rpr: str = "", ppr: str = "") -> str:
    t = text.replace("&", "&amp;").replace("<", "&lt;")
    return (f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}"
            f'<w:t xml:space="preserve">{t}</w:t></w:r></w:p>')


def document_xml(body: str, ns: str = W_NS) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{ns}">'
            f"<w:body>{body}</w:body></w:document>")


def docx(path: Path, body: str | None = None, *, document: str | bytes | None = None, styles: str | None = None,
         strict: bool = False) -> Path:
    ns = STRICT_W_NS if strict else W_NS
    rel = REL_STRICT if strict else REL_TRANSITIONAL
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS.format(rel=rel))
        if styles is not None:
            z.writestr("word/_rels/document.xml.rels", DOC_RELS.format(rel=rel))
            z.writestr("word/styles.xml", f'<?xml version="1.0"?><w:styles xmlns:w="{ns}">{styles}</w:styles>')
        z.writestr("word/document.xml", document if document is not None else document_xml(body or "", ns))
    return path


def zip_bomb_docx(path: Path, total: int, unit: bytes) -> Path:
    """A DOCX whose word/document.xml inflates to ``total`` bytes of ``unit`` inside a body; the
    ZIP is written by hand around a deflate stream made by :func:`flate_bomb`."""
    prefix = f'<w:document xmlns:w="{W_NS}"><w:body>'.encode()
    suffix = b"</w:body></w:document>"
    data = flate_bomb(total, unit, prefix, suffix, raw=True)
    crc, size = bomb_crc(total, unit, prefix, suffix)
    small = {"[Content_Types].xml": CT.encode(), "_rels/.rels": RELS.format(rel=REL_TRANSITIONAL).encode()}
    entries = [(name, zlib.compressobj(9, zlib.DEFLATED, -15), body) for name, body in small.items()]
    out = bytearray()
    central = bytearray()
    records = [(n, c.compress(b) + c.flush(), zlib.crc32(b), len(b)) for n, c, b in entries]
    records.append(("word/document.xml", data, crc, size))
    for name, comp, crc_, usize in records:
        off = len(out)
        nm = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc_, len(comp), usize, len(nm), 0) + nm + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc_, len(comp), usize,
                               len(nm), 0, 0, 0, 0, 0, off) + nm
    cd_off = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(records), len(records), len(central), cd_off, 0)
    path.write_bytes(bytes(out))
    return path


def zipcrypto_docx(path: Path, body: str) -> Path:
    """A DOCX whose members are marked encrypted with a ZIP password (general-purpose flag bit 0),
    as ``zip -e`` writes; the bytes behind the flag are not real ZipCrypto (the reader must refuse
    on the flag, without trying a password)."""
    docx(path, body)
    data = bytearray(path.read_bytes())
    i = 0
    while (i := data.find(b"PK\x03\x04", i)) >= 0:
        data[i + 6] |= 1
        i += 4
    i = 0
    while (i := data.find(b"PK\x01\x02", i)) >= 0:
        data[i + 8] |= 1
        i += 4
    path.write_bytes(bytes(data))
    return path
