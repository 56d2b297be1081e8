"""What is on a PDF page besides its text layer: invisible text, scanned images, garbled glyphs.

* **Invisible text** (text render mode 3) is not seen by a reader of the contract, so a
  commitment written in it is not one; it is left out. The exception is a scanned page: OCR
  software puts its recognised text invisibly over the scan, and that text is the page.
* **Scanned pages**: a page covered by an image with no text layer (or a few characters stamped
  on it, a page number, a Bates number) has text no one extracted.
* **Garbled text**: glyphs PDFium cannot map to Unicode (a Type3 or symbolic font without a
  ``ToUnicode`` map; PDFium says so per character), private-use and replacement characters.

Only the page objects are walked (about 0.1 ms for an ordinary page); characters are looked at
one by one only on a page that has invisible text, and then only to find which they are.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

_MAX_OBJECTS = 200_000  # objects walked per page (a pathological page is left to the time limit)
_FORM_DEPTH = 6
_INVISIBLE = 3  # FPDF_TEXTRENDERMODE_INVISIBLE
# Private use, replacement character, control characters (less PDFium's own markers: U+0002
# and U+FFFE stand for a hyphen at a line end).
_SPACES = (" ", "\n", "\r", "\t", "\f", "\xa0", "\u3000")  # counted with str.count: C speed
_UNREADABLE = re.compile("[\ue000-\uf8ff\ufffd\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\U000f0000-\U0010ffff]")


@dataclass
class PageInfo:
    hidden_objects: set[int] = field(default_factory=set)  # addresses of invisible text objects
    image_cover: float = 0.0  # share of the page's area under images (roughly: areas added up)
    paths: int = 0
    chars: int = 0  # PDFium's character count for the page
    hidden_chars: int = 0  # invisible characters left out
    garbled: float = 0.0  # share of the page's characters that are not readable

    @property
    def exclude_hidden(self) -> bool:
        # Invisible text over a page-sized scan is an OCR layer: the page's text, not hidden text.
        return bool(self.hidden_objects) and self.image_cover < 0.5

    def looks_scanned(self, has_text: bool) -> bool:
        """A page whose words are in an image: no text layer, or only a stamp on the scan."""
        if has_text and self.chars >= 200:
            return False
        if not has_text:
            return self.image_cover >= 0.3 or self.paths >= 200
        return self.image_cover >= 0.5


def _addr(obj) -> int | None:
    return ctypes.cast(obj, ctypes.c_void_p).value


def inspect_page(page) -> PageInfo:
    import pypdfium2.raw as raw

    info = PageInfo()
    left, bottom, right, top = page.get_bbox()
    area = max((right - left) * (top - bottom), 1.0)
    lb, bb, rb, tb = (ctypes.c_float() for _ in range(4))
    seen = 0
    # (object count, getter) for the page, then for each form XObject within it
    stack = [(raw.FPDFPage_CountObjects(page.raw), lambda i: raw.FPDFPage_GetObject(page.raw, i), 0)]
    covered = 0.0
    while stack:
        count, get, depth = stack.pop()
        for i in range(max(count, 0)):
            seen += 1
            if seen > _MAX_OBJECTS:
                break
            obj = get(i)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                if raw.FPDFTextObj_GetTextRenderMode(obj) == _INVISIBLE:
                    info.hidden_objects.add(_addr(obj))
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                if raw.FPDFPageObj_GetBounds(obj, lb, bb, rb, tb):
                    w = min(rb.value, right) - max(lb.value, left)
                    h = min(tb.value, top) - max(bb.value, bottom)
                    if w > 0 and h > 0:
                        covered += w * h
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                info.paths += 1
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
                stack.append((raw.FPDFFormObj_CountObjects(obj),
                              (lambda form: lambda j: raw.FPDFFormObj_GetObject(form, j))(obj), depth + 1))
    info.image_cover = min(covered / area, 1.0)
    return info


def hidden_char_indices(textpage, n: int, hidden_objects: set[int]) -> list[int]:
    """Indices of the page's characters that belong to invisible text objects."""
    import pypdfium2.raw as raw

    out = []
    for i in range(n):
        obj = raw.FPDFText_GetTextObject(textpage.raw, i)
        if obj and _addr(obj) in hidden_objects:
            out.append(i)
    return out


def garbled_share(textpage, n: int, text: str) -> float:
    """Share of the page's (non-space) characters that are not readable text: the larger of the
    private-use/replacement/control characters in ``text`` and, on a sample of up to 64
    characters, those PDFium could not map to Unicode."""
    import pypdfium2.raw as raw

    visible = len(text) - sum(map(text.count, _SPACES))
    if visible < 20:
        return 0.0
    share = len(_UNREADABLE.findall(text)) / visible
    if len(text) == n:
        step = max(1, n // 64)
        sample = [i for i in range(0, n, step) if not text[i].isspace()]
        if sample:
            errors = sum(1 for i in sample if raw.FPDFText_HasUnicodeMapError(textpage.raw, i) == 1)
            share = max(share, errors / len(sample))
    return share
