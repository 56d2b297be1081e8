"""Limits every reader works under, so a hostile or careless file fails with ``too-large`` instead
of taking the machine's memory or the run with it.

The limits are checked *inside* the readers, before the costly step: a ZIP member is inflated in
chunks and abandoned at the cap (its header's declared size is never trusted), PDF streams are
inflated with a cap before PDFium parses a page, page and character counts are checked as they are
read. Wall time and the process's memory are bounded by the process that runs the reader (see
``clausecheck check``'s worker guard); these limits are what a reader can check itself.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from clausecheck.errors import UnreadableDocument

MiB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """What one document may cost to read. The defaults are far above any real contract (a
    1,000-page agreement has ~3 M characters, a 5 MB ``document.xml``, page content streams of
    ~100 KB) and far below what would exhaust a 2 GB machine.

    * ``max_decompressed_bytes`` — all the parts of a DOCX, or all the streams of a PDF, once
      inflated, together.
    * ``max_part_bytes`` — one DOCX XML part once inflated (``word/document.xml``).
    * ``max_xml_elements`` — XML elements in one DOCX part (lxml holds each in memory; 1 M
      elements cost ~350 MB).
    * ``max_xml_depth`` — how deep DOCX content may nest (tables in tables, text boxes).
    * ``max_stream_bytes`` — one PDF page-content stream (or form) once inflated. PDFium needs
      up to ~200 bytes of memory per byte of dense text operators (measured: 4 MiB of one-letter
      ``Tj`` operators or of one long string peak at 580-860 MB, in 4-10 s); an ordinary page
      has 20-100 KB. Fonts and cross-reference streams get eight times this.
    * ``max_pages`` — pages of a PDF.
    * ``max_chars`` — characters of text in the document (all formats).
    """

    max_decompressed_bytes: int = 256 * MiB
    max_part_bytes: int = 64 * MiB
    max_xml_elements: int = 1_000_000
    max_xml_depth: int = 100
    max_stream_bytes: int = 4 * MiB
    max_pages: int = 5_000
    max_chars: int = 10_000_000

    def __post_init__(self) -> None:
        for name, value in self.__dict__.items():
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"ReadLimits.{name} must be a positive integer, not {value!r}")


DEFAULT_LIMITS = ReadLimits()

# The CLI flag that raises each limit, named in every too-large message so the user can act on it.
FLAGS = {
    "max_decompressed_bytes": "--max-inflate-mb", "max_part_bytes": "--max-inflate-mb",
    "max_stream_bytes": "--max-stream-mb", "max_pages": "--max-pages", "max_chars": "--max-chars",
    "max_xml_depth": "--max-xml-depth", "max_xml_elements": "--max-xml-elements",
}


def size_text(n: int) -> str:
    if n >= 1024 * MiB:
        return f"{n / (1024 * MiB):.1f} GiB"
    if n >= MiB:
        return f"{n / MiB:.0f} MiB" if n % MiB == 0 else f"{n / MiB:.1f} MiB"
    return f"{n:,} bytes"


def too_large(path: Path, what: str, limit_name: str) -> UnreadableDocument:
    """A ``too-large`` error: ``what`` says what was over the limit, in plain words."""
    return UnreadableDocument(
        path, "too-large",
        f"{what} This is over clausecheck's reading limit, so the file was not read (a file built to "
        f"exhaust memory looks like this). If the file is genuine, raise the limit with "
        f"{FLAGS[limit_name]}.")


class Budget:
    """Inflated bytes spent so far on one file, against ``max_decompressed_bytes``."""

    def __init__(self, path: Path, limits: ReadLimits):
        self.path = path
        self.limits = limits
        self.spent = 0

    def spend(self, n: int) -> None:
        self.spent += n
        if self.spent > self.limits.max_decompressed_bytes:
            raise too_large(self.path, f"Its compressed content inflates to more than "
                                       f"{size_text(self.limits.max_decompressed_bytes)}.",
                            "max_decompressed_bytes")


def is_encrypted_member(info: zipfile.ZipInfo) -> bool:
    # Bit 0 of the general-purpose flags: ZipCrypto or AES (WinZip AES also uses method 99).
    return bool(info.flag_bits & 0x1) or info.compress_type == 99


def read_member(zf: zipfile.ZipFile, name: str, budget: Budget, *, chunk: int = 1 << 20) -> bytes:
    """One ZIP member, inflated in chunks and abandoned as soon as it passes ``max_part_bytes``:
    the sizes in a ZIP's headers are written by whoever made the file and may lie, so the
    declared size only serves to refuse early."""
    limits = budget.limits
    info = zf.getinfo(name)
    what = f"Its part {name} inflates to more than {size_text(limits.max_part_bytes)}."
    if info.file_size > limits.max_part_bytes:
        raise too_large(budget.path, what.replace("inflates to", "declares"), "max_part_bytes")
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            block = fh.read(chunk)
            if not block:
                break
            out += block
            budget.spend(len(block))
            if len(out) > limits.max_part_bytes:
                raise too_large(budget.path, what, "max_part_bytes")
    return bytes(out)
