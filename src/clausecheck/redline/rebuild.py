"""A Word document rebuilt from a PDF or TXT contract, good enough to send back as a reply.

The reader's paragraphs (``SourceDocument.blocks``) give the text; the PDF itself gives what a
reply needs beyond it:

- **tables** with rows and cells (ruled tables found by pdfplumber; a table continued on the next
  page stays one table, and a row cut by the page break is joined again);
- **headings**: lines set in bold or in a larger size than the body become Word headings (the
  largest one, on the first page, the title), and a clause number the PDF set on a line of its
  own ("5." under "Service Levels") is put back in front of its heading;
- **numbered clauses** keep their typed numbers, indented by level;
- the **page** size, margins, body font and size of the PDF, so the reply runs to about as many
  pages as the original.

What cannot be kept (images, headers and footers, exact line breaks, borderless tables) is said
in ``Rebuilt.warnings``, in plain words for the CLI and the web UI.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LONE_NUMBER = re.compile(r"^\s*(\d{1,3}\.?|第[一二三四五六七八九十百零〇\d]+条|ARTICLE\s+\w+|Article\s+\w+)\s*$")
_LEVEL2 = re.compile(r"^\s*\d{1,3}\.\d{1,3}[.\s]")
_LEVEL3 = re.compile(r"^\s*(\([a-z]{1,2}\)|\([ivx]{1,5}\)|[（(][一二三四五六七八九十]+[)）]|[a-z][.)])\s")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).casefold()


@dataclass(frozen=True)
class Rebuilt:
    document: object  # docx.Document
    warnings: tuple[str, ...] = ()  # in English (``notes`` in any language: ``i18n.note_text``)
    tables: int = 0
    headings: int = 0
    notes: tuple[tuple[str, dict], ...] = ()


@dataclass
class _Table:
    page: int
    top: float
    rows: list[list[str]]


@dataclass
class _Layout:
    """What the PDF says beyond its text."""

    tables: list[_Table] = field(default_factory=list)
    headings: dict[str, float] = field(default_factory=dict)  # heading line key -> font size
    body_size: float = 10.5
    page_size: tuple[float, float] | None = None  # points
    margins: tuple[float, float, float, float] | None = None  # left, right, top, bottom (points)
    font: str | None = None
    cjk_font: str | None = None
    images: int = 0


def docx_blocks(source) -> list:
    """The blocks of a PDF/TXT ``SourceDocument`` that become paragraphs (page furniture --
    running headers and footers -- is left out)."""
    from clausecheck.document import BlockKind

    return [b for b in source.blocks if b.kind != BlockKind.HEADER_FOOTER and b.kind != "header-footer"]


def build_docx_from_blocks(source) -> object:
    """A plain DOCX with one paragraph per block of a ``SourceDocument`` (headings styled)."""
    return _build(source, _Layout(), []).document


def rebuild_docx(path: str | Path, *, password: str | None = None) -> Rebuilt:
    """The DOCX a redline of the PDF or TXT at ``path`` is written on."""
    from clausecheck.read import read_document

    path = Path(path)
    source = read_document(path, password=password)
    layout = _pdf_layout(path, password) if source.format == "pdf" else _Layout()
    from clausecheck.i18n import note_text

    notes: list[tuple[str, dict]] = []
    rebuilt = _build(source, layout, notes)
    notes.insert(0, ("rebuilt", {"fmt": source.format.upper(), "headings": rebuilt.headings,
                                 "tables": rebuilt.tables}))
    return Rebuilt(document=rebuilt.document, warnings=tuple(note_text(n, "en") for n in notes),
                   tables=rebuilt.tables, headings=rebuilt.headings, notes=tuple(notes))


# --------------------------------------------------------------------------------------------
# Reading the layout


def _family(fontname: str) -> str:
    """"BAAAAA+DejaVuSerif-Bold" -> "DejaVu Serif"; "NotoSerifCJKjp-Regular-VKana" -> "Noto Serif CJK JP"."""
    name = fontname.split("+", 1)[-1].split("-", 1)[0].split(",", 1)[0]
    name = re.sub(r"CJK(jp|sc|tc|kr)", lambda m: "CJK " + m.group(1).upper(), name)
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).strip()


def _bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|demi", fontname, re.I))


def _pdf_layout(path: Path, password: str | None) -> _Layout:
    import pdfplumber

    out = _Layout()
    sizes: dict[float, int] = {}
    fonts: dict[str, int] = {}
    cjk_fonts: dict[str, int] = {}
    lefts, rights, tops, bottoms = [], [], [], []
    candidates: dict[str, tuple[float, bool]] = {}
    try:
        pdf = pdfplumber.open(str(path), password=password or "")
    except Exception:  # noqa: BLE001 - the reader already opened it; a layout is a bonus
        return out
    with pdf:
        for pno, page in enumerate(pdf.pages, start=1):
            if out.page_size is None:
                out.page_size = (float(page.width), float(page.height))
            out.images += len(page.images)
            for c in page.chars:
                if not c["text"].strip():
                    continue
                s = round(float(c["size"]) * 2) / 2
                sizes[s] = sizes.get(s, 0) + 1
                fam = _family(c["fontname"])
                target = cjk_fonts if "\u3400" <= c["text"] <= "\u9fff" else fonts
                target[fam] = target.get(fam, 0) + 1
            try:
                lines = page.extract_text_lines(return_chars=True)
            except Exception:  # noqa: BLE001
                lines = []
            for ln in lines:
                chars = [c for c in ln["chars"] if c["text"].strip()]
                if not chars:
                    continue
                lefts.append(float(ln["x0"]))
                rights.append(float(ln["x1"]))
                tops.append(float(ln["top"]))
                bottoms.append(float(page.height) - float(ln["bottom"]))
                size = statistics.median(float(c["size"]) for c in chars)
                candidates.setdefault(_key(ln["text"]), (size, all(_bold(c["fontname"]) for c in chars)))
            try:
                found = page.find_tables()
            except Exception:  # noqa: BLE001
                found = []
            for t in found:
                rows = [[(cell or "").strip() for cell in row] for row in t.extract()]
                rows = [r for r in rows if any(r)]
                if len(rows) >= 1 and max(len(r) for r in rows) >= 2:
                    out.tables.append(_Table(page=pno, top=float(t.bbox[1]), rows=rows))
    if sizes:
        out.body_size = max(sizes, key=sizes.get)
    # Headings are set larger than the body, or in bold at the body size or above.
    out.headings = {k: size for k, (size, bold) in candidates.items()
                    if size >= 1.15 * out.body_size or (bold and size >= out.body_size - 0.1)}
    if fonts:
        out.font = max(fonts, key=fonts.get)
    if cjk_fonts:
        out.cjk_font = max(cjk_fonts, key=cjk_fonts.get)
    if lefts and out.page_size:
        width, height = out.page_size
        out.margins = (min(lefts), max(0.0, width - max(rights)), min(tops), min(bottoms))
    out.tables = _join_continued(out.tables)
    return out


def _join_continued(tables: list[_Table]) -> list[_Table]:
    """A table that runs over a page break is one table; a row the break cut in two is one row."""
    out: list[_Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if prev is not None and t.page == prev.page + 1 and t.top < 150 and \
                len(t.rows[0]) == len(prev.rows[-1]):
            last, first = prev.rows[-1], t.rows[0]
            cut = any(c and not re.search(r"[.;:。；：!?！？)）]$", c) for c in last) and \
                not any(re.match(r"^\s*(\d+(\.\d+)*|第.+条|\([a-z]\))[\s.]", c) for c in first if c)
            if cut:
                prev.rows[-1] = [_join(a, b) for a, b in zip(last, first, strict=False)]
                prev.rows.extend(t.rows[1:])
            else:
                prev.rows.extend(t.rows)
            continue
        out.append(t)
    return out


def _join(a: str, b: str) -> str:
    if not a or not b:
        return a or b
    cjk = "\u3400" <= a[-1] <= "\u9fff" or "\u3400" <= b[0] <= "\u9fff"
    return a + ("" if cjk else " ") + b


# --------------------------------------------------------------------------------------------
# Building the document


def _tokens(text: str) -> list[str]:
    """Words (a CJK character each) of ``text``, normalised."""
    return re.findall(r"[\u3400-\u9fff]|[^\s\u3400-\u9fff]+", unicodedata.normalize("NFKC", text).casefold())


class _TableText:
    """A table's text as a reader may have read it: row by row, column by column, or as words."""

    def __init__(self, rows: list[list[str]]):
        ncols = max(len(r) for r in rows)
        self.by_row = _key("".join(c for r in rows for c in r))
        self.by_col = _key("".join(r[c] for c in range(ncols) for r in rows if c < len(r)))
        self.words: dict[str, int] = {}
        for r in rows:
            for c in r:
                for t in _tokens(c):
                    self.words[t] = self.words.get(t, 0) + 1

    def holds(self, text: str) -> bool:
        k = _key(text)
        if not k:
            return False
        if k in self.by_row or k in self.by_col:
            return True
        toks = _tokens(text)
        inside = sum(len(t) for t in toks if t in self.words)
        return inside >= 0.9 * sum(len(t) for t in toks)

    def tail(self, text: str) -> int | None:
        """Where the part of ``text`` that belongs to the table starts (a paragraph that runs on
        into the table's first row), or None."""
        words = list(re.finditer(r"\S+", text))
        for i in range(1, len(words)):
            rest = text[words[i].start():]
            if self.holds(rest) and len(_key(rest)) >= 8 and not self.holds(text[:words[i].start()]):
                return words[i].start()
        return None


def _table_runs(blocks: list, tables: list[_Table]) -> dict[int, tuple[int, _Table, int | None]]:
    """For each table, the run of consecutive blocks it replaces: start -> (end, table, split),
    where ``split`` is the offset in the first block at which its text runs into the table."""
    runs: dict[int, tuple[int, _Table, int | None]] = {}
    used: set[int] = set()
    for t in tables:
        tt = _TableText(t.rows)
        total = len(tt.by_row)
        if not total:
            continue
        best: tuple[int, int, int, int | None] | None = None
        n = len(blocks)
        for i in range(n):
            b = blocks[i]
            if i in used or b.page is None or abs(b.page - t.page) > 1:
                continue
            split = None if tt.holds(b.text) else tt.tail(b.text)
            if split is None and not tt.holds(b.text):
                continue
            j = i + 1
            covered = len(_key(b.text[split or 0:]))
            while j < n and j not in used and blocks[j].page is not None and abs(blocks[j].page - t.page) <= 1 \
                    and tt.holds(blocks[j].text):
                covered += len(_key(blocks[j].text))
                j += 1
            if best is None or covered > best[2]:
                best = (i, j, covered, split)
        if best and best[2] >= 0.6 * total:
            runs[best[0]] = (best[1], t, best[3])
            used.update(range(best[0], best[1]))
    return runs


def _build(source, layout: _Layout, notes: list[tuple[str, dict]]) -> Rebuilt:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt


    d = docx.Document()
    _page_setup(d, layout)
    normal = d.styles["Normal"]
    normal.font.size = Pt(layout.body_size)
    if layout.font:
        normal.font.name = layout.font
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), layout.cjk_font or "SimSun")
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(round(layout.body_size * 0.5))
    pf.line_spacing = 1.0
    for name, size in (("Title", layout.body_size * 1.5), ("Heading 1", layout.body_size * 1.12),
                       ("Heading 2", layout.body_size)):
        st = d.styles[name]
        st.font.size = Pt(round(size * 2) / 2)
        st.font.color.rgb = None
        st.font.bold = True
        st.font.name = layout.font or st.font.name
        st.paragraph_format.space_before = Pt(round(layout.body_size * 0.8))
        st.paragraph_format.space_after = Pt(round(layout.body_size * 0.4))
        st_rpr = st.element.get_or_add_rPr()
        f2 = st_rpr.find(qn("w:rFonts"))
        if f2 is None:
            f2 = etree.SubElement(st_rpr, qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            f2.attrib.pop(qn(attr), None)
        f2.set(qn("w:eastAsia"), layout.cjk_font or "SimSun")

    blocks = list(docx_blocks(source))
    runs = _table_runs(blocks, layout.tables)
    n_tables = n_heads = 0
    title_done = False
    i = 0
    while i < len(blocks):
        if i in runs:
            end, table, split = runs[i]
            if split:
                d.add_paragraph(_xml_safe(blocks[i].text[:split].strip()))
            _add_table(d, table.rows)
            n_tables += 1
            i = end
            continue
        b = blocks[i]
        text = b.text if not b.label else f"{b.label} {b.text}"
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        is_head = _is_heading(b, text, layout)
        if nxt is not None and i + 1 not in runs and _LONE_NUMBER.match(nxt.text) and not _LONE_NUMBER.match(text) \
                and (is_head or _is_heading(b, f"{nxt.text.strip()} {text}", layout)):
            text = f"{nxt.text.strip()} {text}"  # "Service Levels" + "5." -> "5. Service Levels"
            i += 1
            is_head = True
        elif _LONE_NUMBER.match(text) and nxt is not None and i + 1 not in runs \
                and (_is_heading(nxt, nxt.text, layout) or _is_heading(nxt, f"{text.strip()} {nxt.text}", layout)):
            text = f"{text.strip()} {nxt.text}"
            i += 1
            is_head = True
        style = None
        if is_head:
            size = layout.headings.get(_key(text), layout.headings.get(_key(b.text), layout.body_size))
            if not title_done and b.page in (None, 1) and size >= layout.body_size * 1.3:
                style = "Title"
                title_done = True
            else:
                style = "Heading 1"
            n_heads += 1
        p = d.add_paragraph(_xml_safe(text), style=style)
        if style is None:
            _indent(p, text, layout)
        i += 1
    if layout.images:
        notes.append(("images", {"n": layout.images}))
    return Rebuilt(document=d, tables=n_tables, headings=n_heads)


def _is_heading(block, text: str, layout: _Layout) -> bool:
    from clausecheck.document import BlockKind

    if block.kind == BlockKind.HEADING or str(block.kind) == "heading":
        return True
    t = text.strip()
    if not t or len(t) > 100 or re.search(r"[.;。；,，]$", t) and not _LONE_NUMBER.match(t):
        return False
    if layout.headings:
        return _key(t) in layout.headings
    # TXT: a typed article number with a short title ("9. Continuity of Supply", "第九条 设备安全")
    m = re.match(r"^\s*(\d{1,3}\.|第[一二三四五六七八九十百零〇\d]+条|ARTICLE\s+\w+|Article\s+\w+)\s*(.+)$", t)
    return bool(m) and len(m.group(2)) <= 40 and not re.search(r"\b(shall|will|must|may)\b|应|不得", t)


def _indent(p, text: str, layout: _Layout) -> None:
    from docx.shared import Pt

    step = layout.body_size * 2.2
    if _LEVEL3.match(text):
        p.paragraph_format.left_indent = Pt(step * 1.6)
        p.paragraph_format.first_line_indent = Pt(-step * 0.8)
    elif _LEVEL2.match(text):
        p.paragraph_format.left_indent = Pt(step)
        p.paragraph_format.first_line_indent = Pt(-step)


def _add_table(d, rows: list[list[str]]) -> None:
    ncols = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=ncols)
    table.style = d.styles["Table Grid"]  # in python-docx's default template
    for r, row in enumerate(rows):
        for c in range(ncols):
            cell = table.cell(r, c)
            text = row[c] if c < len(row) else ""
            # A cell's line breaks in the PDF are wrapping, not paragraphs.
            cell.text = _xml_safe(_unwrap(text))


def _unwrap(text: str) -> str:
    parts = [p.strip() for p in text.splitlines() if p.strip()]
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out.endswith("-") and part[:1].islower():
            out = out + part
        else:
            out = _join(out, part)
    return out


def _page_setup(d, layout: _Layout) -> None:
    from docx.shared import Pt

    sec = d.sections[0]
    if layout.page_size:
        sec.page_width = Pt(layout.page_size[0])
        sec.page_height = Pt(layout.page_size[1])
    if layout.margins:
        left, right, top, bottom = (min(max(m, 36.0), 108.0) for m in layout.margins)
        sec.left_margin, sec.right_margin = Pt(left), Pt(right)
        sec.top_margin, sec.bottom_margin = Pt(top), Pt(bottom)
