"""PDF contracts, read with pypdfium2 (PDFium): fast (several hundred pages/s) and tolerant.

How a page becomes paragraphs:

1. **Lines.** PDFium's own text of the page is split at its line breaks; each line's box is the
   union of PDFium's text rectangles for its characters. A line with a wide horizontal gap inside it
   (two columns, or a table row) is cut into segments at the gap, using the character boxes.
2. **Running headers, footers, page numbers.** A segment near the top or bottom of the page whose
   text (digits ignored) recurs at about the same height on many pages is a running header/footer
   and is dropped; so is a lone page number ("3", "- 3 -", "Page 3 of 12", "第 3 页") in those zones.
3. **Columns.** If an empty vertical gutter runs down the middle of the page with text on both
   sides, the page is read column by column (full-width lines, such as a title above the columns,
   cut the page into bands that are read in turn).
4. **Paragraphs.** Wrapped lines are joined (English with a space, de-hyphenated; Chinese with no
   space). A new paragraph starts at a vertical gap wider than the page's usual line gap, after a
   short line that ends a sentence, and at a line that starts with a clause number (``1.``,
   ``1.1``, ``(a)``, ``Section 5``, ``ARTICLE V``, ``第五条``, ``一、``, ``（一）``). A sentence that
   runs over a page or column break is kept in one paragraph.

``Block.page`` is the 1-based page of the paragraph's first line; ``Block.ref`` is
``"pg:P:l:N"`` - page P, N-th kept line of that page (0-based, in reading order).

What is *not* read, and said so in the document's warnings (:mod:`clausecheck.read.pdfpage`):
invisible text (render mode 3) on a page that is not a scan - an OCR layer over a scanned image
is invisible too, and is read; pages that are only a scanned image (no text layer, or a few
characters stamped on the scan); pages whose text is garbled (glyphs without a Unicode mapping,
such as Type3 fonts without ``ToUnicode``, or private-use characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from clausecheck.document import Block, ReadWarning, SourceDocument
from clausecheck.errors import UnreadableDocument
from clausecheck.read._text import fix_line_hyphens, is_cjk, is_clause_start, is_page_number, join_lines
from clausecheck.read.limits import DEFAULT_LIMITS, ReadLimits, too_large
from clausecheck.read.pdfpage import PageInfo, garbled_share, hidden_char_indices, inspect_page
from clausecheck.read.pdfscan import MappedPDF, check_streams, declares_no_pages, is_truncated

_LINE_RE = re.compile(r"[^\r\n]+")
_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")
_SENTENCE_END = (".", ";", ":", "。", "；", "：", "!", "?", "！", "？")

FPDF_ERR_FILE, FPDF_ERR_FORMAT, FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY = 2, 3, 4, 5


@dataclass
class _Seg:
    page: int  # 1-based
    x0: float
    top: float  # distance from the top of the page
    x1: float
    bottom: float
    text: str
    col: int = 0  # reading-order group on the page (band/column)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


# ----------------------------------------------------------------------------------------------
# opening


def _open(path: Path, password: str | None, no_pages: bool = False):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if no_pages and code in (0, 1, FPDF_ERR_FORMAT):
            raise UnreadableDocument(path, "empty", "The PDF has no pages; there is no contract text in it.") from None
        if code == FPDF_ERR_PASSWORD:
            if password is None:
                raise UnreadableDocument(
                    path, "encrypted",
                    "The PDF is password-protected (encrypted). Give its password, or save an unprotected copy.",
                ) from None
            raise UnreadableDocument(path, "wrong-password",
                                     "The password given does not open this encrypted PDF.") from None
        if code == FPDF_ERR_SECURITY:
            raise UnreadableDocument(
                path, "encrypted",
                "The PDF is protected with an encryption scheme that cannot be opened; save an unprotected copy.",
            ) from None
        if code == FPDF_ERR_FILE:
            raise UnreadableDocument(path, "not-found", "The PDF could not be opened from disk.") from None
        raise UnreadableDocument(
            path, "corrupt", "The PDF is damaged (truncated or malformed) and could not be opened.") from None


# ----------------------------------------------------------------------------------------------
# lines of one page


def _page_segments(page, pno: int, info: PageInfo | None = None) -> tuple[list[_Seg], float, float]:
    """Segments (pieces of text lines) of one page in PDFium order, and the page's width/height.
    ``info`` (from :func:`inspect_page`) is filled in with what was left out and why."""
    left, bottom, right, top = page.get_bbox()
    width, height = right - left, top - bottom
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if info is not None:
            info.chars = max(n, 0)
        if n <= 0:
            return [], width, height
        full = tp.get_text_range(0, n)
        aligned = len(full) == n
        if info is not None:
            if aligned and info.exclude_hidden:
                hidden = hidden_char_indices(tp, n, info.hidden_objects)
                if hidden:
                    info.hidden_chars = sum(1 for i in hidden if not full[i].isspace())
                    chars = list(full)
                    for i in hidden:
                        chars[i] = " "  # keeps PDFium's indices (and so the boxes) aligned
                    full = "".join(chars)
            info.garbled = garbled_share(tp, n, full)
            if info.garbled >= 0.5:
                return [], width, height
        segs: list[_Seg] = []
        if not aligned:
            # Rare (odd ligatures / surrogates): fall back to PDFium's rectangles and bounded text.
            for i in range(tp.count_rects(0, -1)):
                rl, rb, rr, rt = tp.get_rect(i)
                text = tp.get_text_bounded(rl, rb, rr, rt).replace("\r", " ").replace("\n", " ").strip()
                if text:
                    segs.append(_Seg(pno, rl - left, top - rt, rr - left, top - rb, text))
            return segs, width, height
        gap_min = max(0.03 * width, 12.0)
        for m in _LINE_RE.finditer(full):
            s, e = m.span()
            text = m.group()
            if not text.strip():
                continue
            k = tp.count_rects(s, e - s)
            if k <= 0:
                continue
            rects = [tp.get_rect(j) for j in range(k)]
            x0 = min(r[0] for r in rects)
            x1 = max(r[2] for r in rects)
            y0 = min(r[1] for r in rects)
            y1 = max(r[3] for r in rects)
            h = y1 - y0
            split = False
            if k > 1:
                ordered = sorted(rects, key=lambda r: r[0])
                reach = ordered[0][2]
                for r in ordered[1:]:
                    if r[0] - reach > max(gap_min, 2.0 * h):
                        split = True
                        break
                    reach = max(reach, r[2])
            if split:
                segs.extend(_split_line(tp, s, e, full, pno, left, top, max(gap_min, 2.0 * h)))
            else:
                segs.append(_Seg(pno, x0 - left, top - y1, x1 - left, top - y0, text.strip()))
        return segs, width, height
    finally:
        tp.close()


def _split_line(tp, s: int, e: int, full: str, pno: int, left: float, top: float, gap: float) -> list[_Seg]:
    """Cut one PDFium line into segments at wide horizontal gaps, using character boxes."""
    out: list[_Seg] = []
    cur: list[int] = []
    box = None  # x0, y0, x1, y1 of cur
    last_right = None

    def flush():
        if cur and box is not None:
            text = "".join(full[i] for i in range(cur[0], cur[-1] + 1)).strip()
            if text:
                out.append(_Seg(pno, box[0] - left, top - box[3], box[2] - left, top - box[1], text))

    for i in range(s, e):
        ch = full[i]
        if ch.isspace():
            if cur:
                cur.append(i)
            continue
        cl, cb, cr, ct = tp.get_charbox(i)
        if last_right is not None and (cl - last_right > gap or cr < last_right - gap):
            flush()
            cur, box = [], None
        cur.append(i)
        box = (cl, cb, cr, ct) if box is None else (min(box[0], cl), min(box[1], cb), max(box[2], cr), max(box[3], ct))
        last_right = cr
    flush()
    return out


# ----------------------------------------------------------------------------------------------
# running headers and footers


def _edge_key(text: str) -> str:
    return _DIGITS_RE.sub("#", _SPACE_RE.sub("", text.lower()))


def _drop_headers_footers(pages: list[tuple[list[_Seg], float, float]]) -> list[list[_Seg]]:
    n_pages = len(pages)
    candidates: dict[str, list[tuple[int, float]]] = {}
    edge: list[set[int]] = []
    for pi, (segs, _w, h) in enumerate(pages):
        if not segs:
            edge.append(set())
            continue
        # The outermost text rows of the page: the first/last row within 15% of the edge, the
        # second/third only within 8% (where body text does not reach).
        tops = sorted({round(s.top) for s in segs})
        rank_top = {t: i for i, t in enumerate(tops)}
        rank_bottom = {t: i for i, t in enumerate(reversed(tops))}
        idx = set()
        for si, s in enumerate(segs):
            rt = round(s.top)
            in_top = (rank_top[rt] == 0 and s.bottom < 0.15 * h) or (rank_top[rt] < 3 and s.bottom < 0.08 * h)
            in_bottom = (rank_bottom[rt] == 0 and s.top > 0.85 * h) or (rank_bottom[rt] < 3 and s.top > 0.92 * h)
            if in_top or in_bottom:
                idx.add(si)
                candidates.setdefault(_edge_key(s.text), []).append((pi, s.top if in_top else s.top - h))
        edge.append(idx)

    repeated: set[str] = set()
    if n_pages >= 2:
        need = max(2, int(0.5 * n_pages + 0.999)) if n_pages <= 5 else max(3, int(0.3 * n_pages))
        for key, occ in candidates.items():
            if len(key) > 200 or not any(c.isalpha() for c in key):
                continue  # bare numbers are page numbers (handled below) or clause numbers (kept)
            pages_hit = {p for p, _ in occ}
            if len(pages_hit) < need:
                continue
            ys = sorted(y for _, y in occ)
            mid = ys[len(ys) // 2]
            near_pages = {p for p, y in occ if abs(y - mid) <= 12}
            if len(near_pages) >= need:
                repeated.add(key)

    out: list[list[_Seg]] = []
    for pi, (segs, _w, _h) in enumerate(pages):
        kept = []
        for si, s in enumerate(segs):
            if si in edge[pi] and (_edge_key(s.text) in repeated or is_page_number(s.text)):
                continue
            kept.append(s)
        out.append(kept)
    return out


# ----------------------------------------------------------------------------------------------
# reading order (columns) and visual lines


def _order_page(segs: list[_Seg], width: float) -> list[_Seg]:
    """Segments in reading order; a two-column page is read column by column."""
    if not segs:
        return []
    segs = sorted(segs, key=lambda s: (s.top, s.x0))
    gutter = _find_gutter(segs, width)
    if gutter is None:
        for s in segs:
            s.col = 0
        return segs
    ordered: list[_Seg] = []
    band: list[_Seg] = []
    group = 0

    def flush_band():
        nonlocal group
        if not band:
            return
        lefts = [s for s in band if s.x1 <= gutter]
        rights = [s for s in band if s.x1 > gutter]
        for part in (lefts, rights):
            if part:
                group += 1
                for s in part:
                    s.col = group
                ordered.extend(part)
        band.clear()

    for s in segs:
        if s.x0 < gutter - 1 and s.x1 > gutter + 1:  # spans the gutter: full-width line
            flush_band()
            group += 1
            s.col = group
            ordered.append(s)
        else:
            band.append(s)
    flush_band()
    return ordered


def _find_gutter(segs: list[_Seg], width: float) -> float | None:
    if len(segs) < 8:
        return None
    lo, hi = int(0.3 * width), int(0.7 * width)
    # Quick exit for ordinary single-column pages: most lines run across the middle.
    mid = width / 2
    if sum(1 for s in segs if s.x0 < mid < s.x1) > 0.5 * len(segs):
        return None
    size = int(width) + 3
    diff = [0] * (size + 1)
    for s in segs:
        a = max(0, min(size - 1, int(s.x0) + 1))
        b = max(0, min(size - 1, int(s.x1 + 0.999) - 1))
        if b >= a:
            diff[a] += 1
            diff[b + 1] -= 1
    cover = []
    run = 0
    for v in diff:
        run += v
        cover.append(run)
    best = None
    for x in range(lo, hi + 1):
        crossing = cover[x]
        if best is None or crossing < best[0]:
            best = (crossing, x, x)
        elif crossing == best[0] and best[2] == x - 1:
            best = (crossing, best[1], x)  # extend the run of equally empty positions
    if best is None:
        return None
    crossing, a, b = best
    gutter = (a + b) / 2
    if crossing > 0.12 * len(segs):
        return None
    left = [s for s in segs if s.x1 <= gutter]
    right = [s for s in segs if s.x0 >= gutter]
    if len(left) < 4 or len(right) < 4:
        return None
    chars_l = sum(len(s.text) for s in left)
    chars_r = sum(len(s.text) for s in right)
    if min(chars_l, chars_r) < 0.2 * (chars_l + chars_r):
        return None
    # Both columns must run alongside each other down the page.
    l_top, l_bot = min(s.top for s in left), max(s.bottom for s in left)
    r_top, r_bot = min(s.top for s in right), max(s.bottom for s in right)
    overlap = min(l_bot, r_bot) - max(l_top, r_top)
    if overlap < 0.3 * min(l_bot - l_top, r_bot - r_top):
        return None
    # Lines in a column are long relative to the column (real text, not a label/value table).
    if median([s.x1 - s.x0 for s in left]) < 0.35 * gutter:
        return None
    if median([s.x1 - s.x0 for s in right]) < 0.35 * (width - gutter):
        return None
    return gutter


@dataclass
class _Line:
    page: int
    col: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    index: int  # kept line number on its page

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


def _visual_lines(ordered: list[_Seg]) -> list[_Line]:
    """Merge segments of one reading group that sit on the same visual line."""
    lines: list[_Line] = []
    for s in ordered:
        prev = lines[-1] if lines else None
        if (prev is not None and prev.col == s.col and prev.page == s.page
                and min(prev.bottom, s.bottom) - max(prev.top, s.top) > 0.5 * min(prev.height, s.height)
                and s.x0 >= prev.x1 - 1):
            prev.text = prev.text + " " + s.text
            prev.x1 = max(prev.x1, s.x1)
            prev.top, prev.bottom = min(prev.top, s.top), max(prev.bottom, s.bottom)
            continue
        lines.append(_Line(s.page, s.col, s.x0, s.top, s.x1, s.bottom, s.text, 0))
    return lines


# ----------------------------------------------------------------------------------------------
# paragraphs


def _paragraphs(all_lines: list[list[_Line]]) -> list[Block]:
    blocks: list[Block] = []
    cur: list[_Line] = []

    def flush():
        if cur:
            text = fix_line_hyphens(join_lines([ln.text for ln in cur])).strip()
            if text:
                first = cur[0]
                blocks.append(Block(text=text, page=first.page, ref=f"pg:{first.page}:l:{first.index}"))
            cur.clear()

    for lines in all_lines:
        if not lines:
            continue
        for i, ln in enumerate(lines):
            ln.index = i
        heights = [ln.height for ln in lines]
        h_med = median(heights)
        gaps = []
        for a, b in zip(lines, lines[1:], strict=False):
            if a.col == b.col:
                g = b.top - a.bottom
                if -0.5 * h_med < g < 3 * h_med:
                    gaps.append(max(g, 0.0))
        gap_typ = median(gaps) if gaps else 0.3 * h_med
        # column extents, for "short line" detection
        extents: dict[int, tuple[float, float]] = {}
        by_col: dict[int, list[_Line]] = {}
        for ln in lines:
            by_col.setdefault(ln.col, []).append(ln)
        for col, col_lines in by_col.items():
            rights = sorted(ln.x1 for ln in col_lines if len(ln.text) > 15) or sorted(ln.x1 for ln in col_lines)
            hi = rights[min(len(rights) - 1, int(0.9 * len(rights)))]
            extents[col] = (min(ln.x0 for ln in col_lines), hi)
        for ln in lines:
            prev = cur[-1] if cur else None
            new = prev is None or is_clause_start(ln.text, prev.text)
            if not new and prev is not None:
                prev_text = prev.text.rstrip()
                if prev.page != ln.page or prev.col != ln.col:
                    # page or column break: a sentence that runs on continues the paragraph
                    new = prev_text.endswith(_SENTENCE_END) and not ln.text[:1].islower()
                else:
                    gap = ln.top - prev.bottom
                    if gap > gap_typ + 0.6 * h_med or gap < -2 * h_med:
                        new = True
                    else:
                        lo, hi = extents.get(prev.col, (prev.x0, prev.x1))
                        slack = hi - prev.x1
                        if prev.x0 > lo + 0.25 * (hi - lo) and ln.x0 < prev.x0 - 0.2 * (hi - lo):
                            new = True  # previous line was centred or right-aligned (a title, a date)
                        elif slack > 0.15 * max(hi - lo, 1.0) and prev_text.endswith(_SENTENCE_END):
                            new = True
                        elif slack > 0.02 * max(hi - lo, 1.0):
                            # The next line's first word would have fitted on this line: the break
                            # was made by the author, not by wrapping.
                            char_w = (prev.x1 - prev.x0) / max(len(prev_text), 1)
                            first = ln.text.strip()
                            word = 1 if is_cjk(first[:1]) else len(first.split(" ", 1)[0])
                            if slack > (word + 1.5) * char_w * 1.15 + 0.02 * (hi - lo):
                                new = True
            if new:
                flush()
            cur.append(ln)
    flush()
    return blocks


# ----------------------------------------------------------------------------------------------


def read_pdf(path: Path, password: str | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> SourceDocument:
    path = Path(path)
    with MappedPDF(path) as raw:
        check_streams(path, raw.data, limits)
        truncated = is_truncated(raw.data)
        no_pages = declares_no_pages(raw.data)
    doc = _open(path, password, no_pages)
    warnings: list[ReadWarning] = []
    try:
        n_pages = len(doc)
        if n_pages == 0:
            raise UnreadableDocument(path, "empty", "The PDF has no pages; there is no contract text in it.")
        if n_pages > limits.max_pages:
            raise too_large(path, f"It has {n_pages:,} pages (the limit is {limits.max_pages:,}).", "max_pages")
        pages: list[tuple[list[_Seg], float, float]] = []
        infos: list[PageInfo] = []
        failed: list[int] = []
        chars = 0
        for i in range(n_pages):
            try:
                page = doc[i]
            except Exception:
                failed.append(i + 1)
                pages.append(([], 612.0, 792.0))
                infos.append(PageInfo())
                continue
            try:
                info = inspect_page(page)
                pages.append(_page_segments(page, i + 1, info))
            except Exception:
                failed.append(i + 1)
                pages.append(([], 612.0, 792.0))
                info = PageInfo()
            finally:
                page.close()
            infos.append(info)
            chars += info.chars
            if chars > limits.max_chars:
                raise too_large(path, f"It has more than {limits.max_chars:,} characters of text.", "max_chars")
        total_chars = sum(len(s.text.strip()) for segs, _, _ in pages for s in segs)
        if failed and len(failed) == n_pages:
            raise UnreadableDocument(path, "corrupt", "The PDF is damaged: none of its pages could be read.")
        garbled = [i + 1 for i, inf in enumerate(infos) if inf.garbled >= 0.5]
        if total_chars == 0 and garbled:
            raise UnreadableDocument(
                path, "garbled-text",
                "The PDF's text cannot be read: its fonts have no Unicode mapping (glyphs drawn without saying "
                "which characters they are), so what a program extracts is garbage, not the words on the page. "
                "Run it through OCR (text recognition), or use the original Word file.")
        if total_chars == 0 or (total_chars < 5 * n_pages and _has_images(doc)):
            raise UnreadableDocument(
                path, "no-text",
                f"The PDF has {n_pages} page{'s' if n_pages != 1 else ''} but no text layer: it looks like a "
                "scanned image of the contract. Run it through OCR (text recognition) first, or use the "
                "original Word file.")
        warnings.extend(_page_warnings(pages, infos, failed, garbled))
    finally:
        doc.close()
    if truncated:
        # PDFium can often open a cut-off PDF, but whatever came after the cut is silently lost; a
        # compliance check on part of a contract would report clauses as missing that are not.
        raise UnreadableDocument(
            path, "corrupt",
            "The PDF is incomplete: the file was cut off (truncated) before its end, so part of the "
            "contract is missing. Get a complete copy of the file.")

    kept = _drop_headers_footers(pages)
    all_lines = [_visual_lines(_order_page(segs, pages[i][1])) for i, segs in enumerate(kept)]
    blocks = _paragraphs(all_lines)
    if not blocks:
        raise UnreadableDocument(path, "no-text", "The PDF contains no readable text.")
    return SourceDocument(path=path, format="pdf", blocks=tuple(blocks), pages=n_pages, warnings=tuple(warnings))


def _page_warnings(pages, infos: list[PageInfo], failed: list[int], garbled: list[int]) -> list[ReadWarning]:
    out: list[ReadWarning] = []
    if failed:
        out.append(ReadWarning("pages-damaged", f"{_pages(failed)} damaged and could not be read; "
                                                "findings may rest on text that was not read.",
                               pages=tuple(failed), unread=True))
    scanned = [i + 1 for i, ((segs, _, _), inf) in enumerate(zip(pages, infos, strict=True))
               if i + 1 not in failed and i + 1 not in garbled and inf.looks_scanned(bool(segs))]
    if scanned:
        out.append(ReadWarning(
            "pages-without-text",
            f"{_pages(scanned)} only a scanned image with no text layer; {'its' if len(scanned) == 1 else 'their'} "
            "text was not read (run the file through OCR). Findings may rest on text that was not read.",
            pages=tuple(scanned), unread=True))
    if garbled:
        out.append(ReadWarning(
            "garbled-text",
            f"{_pages(garbled, 'has')} text that is not readable (fonts without a Unicode mapping: what is extracted "
            "is not the words on the page); it was left out. Findings may rest on text that was not read.",
            pages=tuple(garbled), unread=True))
    hidden = [(i + 1, inf.hidden_chars) for i, inf in enumerate(infos) if inf.hidden_chars]
    if hidden:
        n = sum(c for _, c in hidden)
        out.append(ReadWarning(
            "hidden-text-excluded",
            f"{n:,} characters of invisible text (PDF text render mode 3, not over a scanned image) on "
            f"{_pages([p for p, _ in hidden], '').lower()} were left out: a commitment only in invisible text "
            "is not one the reader of the contract sees.",
            pages=tuple(p for p, _ in hidden), count=n))
    return out


def _pages(nums: list[int], verb: str = "is") -> str:
    """"Page 3 is" / "Pages 3-5 are" (``verb`` "is" or "has"; "" for none)."""
    plural = {"is": "are", "has": "have", "": ""}[verb]
    head = f"Page {nums[0]}" if len(nums) == 1 else f"Pages {_ranges(nums)}"
    return f"{head} {verb if len(nums) == 1 else plural}".rstrip()


def _has_images(doc) -> bool:
    import pypdfium2.raw as raw

    try:
        for i in range(min(len(doc), 5)):
            page = doc[i]
            try:
                for obj in page.get_objects(max_depth=2):
                    if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
                        return True
            finally:
                page.close()
    except Exception:
        return False
    return False


def _ranges(nums: list[int]) -> str:
    out, start, prev = [], None, None
    for n in nums:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)
