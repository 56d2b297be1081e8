"""Checks on a PDF's raw bytes, made before PDFium parses it.

* **Streams that inflate too far.** PDFium inflates a page's content stream whole and builds an
  object per text operator (~60 bytes of memory per byte of dense operators); a 1.5 MB file whose
  content stream inflates to 1.5 GB took 2.6 GB of memory, and under a memory limit PDFium aborts
  the whole process. Every Flate stream PDFium would decode to read text (page contents, forms,
  fonts, object and cross-reference streams; not images or attachments, which text extraction
  never decodes) is inflated here in 1 MiB steps and abandoned at the limit. A stream is only
  inflated when it could pass the limit (zlib inflates at most ~1032:1), so an ordinary PDF
  costs a regex scan of its bytes.
* **Truncation.** A complete PDF ends with ``startxref`` and the offset of its cross-reference
  section; a truncated one has lost them, or has objects after them (an incremental update cut
  off). Padding after the end, or a missing final ``%%EOF``, is not truncation.
* **No pages.** PDFium refuses a document whose page tree is empty; that PDF is ``empty``, not
  damaged.

Not covered (the process guard's timeout and memory limit are the backstop): streams whose first
filter is not Flate (LZW, ASCII85 ...), and encrypted PDFs (their streams are ciphertext here).
"""

from __future__ import annotations

import mmap
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from clausecheck.read.limits import ReadLimits, size_text, too_large

_OBJ_NUM = re.compile(rb"(\d{1,10})\s+\d{1,5}\s*$")
_OBJ_HEAD = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?!\s+\d+\s+R)")
_SKIP = re.compile(rb"/Subtype\s*/Image\b|/Type\s*/(?:EmbeddedFile|Metadata)\b")
_BIG = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b|/Type\s*/(?:XRef|ObjStm)\b")
_ZLIB_MAX_RATIO = 1032


@dataclass
class _Stream:
    obj: str  # object number, for the message
    start: int
    length: int  # compressed bytes
    flate: bool
    cap: int


def _streams(data, limits: ReadLimits) -> list[_Stream]:
    out: list[_Stream] = []
    for kw, start in _stream_keywords(data):
        # The dictionary runs back to "N 0 obj" (found with rfind: a regex with a leading
        # number would be tried at every digit of the file).
        lo = max(0, kw - 65536)
        at = data.rfind(b"obj", lo, kw)
        while at > 0 and not _OBJ_NUM.search(bytes(data[max(lo, at - 24):at])):
            at = data.rfind(b"obj", lo, at)
        head = _OBJ_NUM.search(bytes(data[max(lo, at - 24):at])) if at > 0 else None
        obj = head.group(1).decode() if head else "?"
        dictionary = bytes(data[at + 3 if at > 0 else max(lo, kw - 4096):kw])
        if _SKIP.search(dictionary):
            continue
        filt = _FILTER.search(dictionary)
        first = re.findall(rb"/([A-Za-z0-9]+)", filt.group(1))[:1] if filt else []
        if first and first[0] not in (b"FlateDecode", b"Fl"):
            continue  # another codec first: not checked here
        length_m = _LENGTH.search(dictionary)
        if length_m:
            length = int(length_m.group(1))
        else:
            end = data.find(b"endstream", start)
            length = (end if end >= 0 else len(data)) - start
        length = max(0, min(length, len(data) - start))
        cap = limits.max_stream_bytes * (8 if _BIG.search(dictionary) else 1)
        out.append(_Stream(obj, start, length, bool(first), cap))
    return out


def _stream_keywords(data):
    """(position of the keyword, start of the data) of each ``stream`` keyword: found with
    ``find`` (a regex with a look-behind scans a PDF at a tenth of the speed); "endstream" and
    a "stream" not followed by an end of line are not the keyword."""
    pos = data.find(b"stream")
    while pos >= 0:
        if not (pos and data[pos - 1:pos].isalpha()):
            nxt = data[pos + 6:pos + 8]
            if nxt[:2] == b"\r\n":
                yield pos, pos + 8
            elif nxt[:1] in (b"\n", b"\r"):
                yield pos, pos + 7
        pos = data.find(b"stream", pos + 6)


def _inflated(data, s: _Stream, cap: int) -> int:
    """Bytes the stream inflates to, stopping as soon as that passes ``cap``."""
    if not s.flate:
        return s.length
    d = zlib.decompressobj()
    total = 0
    # Feed the compressed bytes in slices so neither side of zlib ever holds much at once.
    pos, end = s.start, s.start + s.length
    try:
        while pos < end and not d.eof:
            chunk = bytes(data[pos:min(end, pos + (1 << 20))])
            pos += len(chunk)
            while chunk and not d.eof:
                out = d.decompress(chunk, 1 << 20)
                total += len(out)
                if total > cap:
                    return total
                chunk = d.unconsumed_tail
    except zlib.error:
        pass  # damaged or encrypted: PDFium will make of it what it can; what inflated is counted
    return total


def check_streams(path: Path, data, limits: ReadLimits) -> None:
    """Raise ``too-large`` if a stream PDFium would decode inflates past the limits."""
    streams = _streams(data, limits)
    total = 0
    unchecked: list[_Stream] = []
    for s in streams:
        if s.flate and s.length * _ZLIB_MAX_RATIO <= s.cap:
            unchecked.append(s)  # cannot pass its own cap; counted below only if the total could
            continue
        n = _inflated(data, s, s.cap)
        if n > s.cap:
            raise too_large(path, f"Its stream object {s.obj} inflates to more than {size_text(s.cap)} "
                                  f"(from {size_text(s.length)} in the file).", "max_stream_bytes")
        total += n
    budget = limits.max_decompressed_bytes
    bound = sum(s.length * _ZLIB_MAX_RATIO for s in unchecked)
    for s in sorted(unchecked, key=lambda s: s.length, reverse=True):
        if total + bound <= budget:
            break
        bound -= s.length * _ZLIB_MAX_RATIO
        total += _inflated(data, s, s.cap)
        if total > budget:
            break
    if total > budget:
        raise too_large(path, f"Its compressed streams inflate to more than {size_text(budget)} together.",
                        "max_decompressed_bytes")


def is_truncated(data) -> bool:
    """True when the file was cut off before its end (see the module docstring)."""
    pos = data.rfind(b"startxref")
    if pos < 0:
        return True
    m = re.match(rb"startxref\s+(\d{1,12})", bytes(data[pos:pos + 40]))
    if not m:
        return True
    # Objects after the last startxref: an incremental update that was cut off.
    return bool(_OBJ_HEAD.search(bytes(data[pos:pos + (1 << 20)])))


def declares_no_pages(data) -> bool:
    """A page tree with /Count 0 and no page object at all."""
    head = bytes(data[: 1 << 24])
    return bool(re.search(rb"/Type\s*/Pages\b", head)) and bool(re.search(rb"/Count\s+0\b", head)) and \
        not re.search(rb"/Type\s*/Page(?![A-Za-z])", head)


class MappedPDF:
    """The file's bytes, memory-mapped (a large scanned PDF is not copied into memory)."""

    def __init__(self, path: Path):
        self._fh = Path(path).open("rb")  # noqa: SIM115 - closed by close()/__exit__
        try:
            self.data = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            self.data = self._fh.read()

    def close(self) -> None:
        if isinstance(self.data, mmap.mmap):
            self.data.close()
        self._fh.close()

    def __enter__(self) -> MappedPDF:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
