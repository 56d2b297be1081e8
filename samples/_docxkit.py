"""Small python-docx helpers for build_samples.py: real Word multi-level numbering, fonts, tables,
and a deterministic save (fixed core properties and fixed ZIP timestamps)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FIXED_DATE = datetime(2024, 3, 1, 9, 0, 0)


def _set_fonts(style, latin: str, east_asian: str, size: float | None = None, bold=None, color_black=True):
    font = style.font
    font.name = latin
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if color_black:
        font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


class Builder:
    """Builds one agreement. ``numbered=True`` gives clause headings (level 0: ``1.``), clauses
    (level 1: ``1.1``) and items (level 2: ``(a)``) real Word auto-numbering via numbering.xml."""

    def __init__(self, *, latin="DejaVu Serif", east_asian="Noto Serif CJK SC", size=10.0,
                 numbered=True, title_meta="Agreement", lang="en-GB"):
        self.doc = Document()
        sec = self.doc.sections[0]
        sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
        sec.left_margin = sec.right_margin = Cm(2.5)
        sec.top_margin = sec.bottom_margin = Cm(2.5)
        styles = self.doc.styles
        _set_fonts(styles["Normal"], latin, east_asian, size)
        pf = styles["Normal"].paragraph_format
        pf.space_after = Pt(5)
        pf.line_spacing = 1.12
        for name, sz in (("Title", 16), ("Heading 1", 11.5), ("Heading 2", 10.5), ("Subtitle", 11)):
            _set_fonts(styles[name], latin, east_asian, sz, bold=True)
        styles["Heading 1"].paragraph_format.space_before = Pt(12)
        styles["Heading 1"].paragraph_format.space_after = Pt(4)
        styles["Heading 1"].paragraph_format.keep_with_next = True
        styles["Heading 2"].paragraph_format.space_before = Pt(8)
        t = styles["Title"]
        t.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # the default template draws a rule under the title; drop it
        ppr = t.element.get_or_add_pPr()
        for b in ppr.findall(qn("w:pBdr")):
            ppr.remove(b)
        self.num_id = self._add_legal_numbering() if numbered else None
        cp = self.doc.core_properties
        cp.author = "clausecheck samples"
        cp.last_modified_by = "clausecheck samples"
        cp.title = title_meta
        cp.created = FIXED_DATE
        cp.modified = FIXED_DATE
        cp.last_printed = FIXED_DATE
        cp.revision = 1
        cp.language = lang
        self.lang = lang

    # -- numbering -------------------------------------------------------------------------
    def _add_legal_numbering(self) -> int:
        numbering = self.doc.part.numbering_part.element
        abs_id, num_id = 90, 90
        absn = OxmlElement("w:abstractNum")
        absn.set(qn("w:abstractNumId"), str(abs_id))
        mlt = OxmlElement("w:multiLevelType")
        mlt.set(qn("w:val"), "multilevel")
        absn.append(mlt)
        levels = [
            (0, "decimal", "%1.", 567, 567),
            (1, "decimal", "%1.%2", 567, 567),
            (2, "lowerLetter", "(%3)", 1134, 567),
            (3, "lowerRoman", "(%4)", 1701, 567),
        ]
        for ilvl, fmt, text, left, hanging in levels:
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(ilvl))
            for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:lvlJc", "left")):
                el = OxmlElement(tag)
                el.set(qn("w:val"), val)
                lvl.append(el)
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(left))
            ind.set(qn("w:hanging"), str(hanging))
            ppr.append(ind)
            lvl.append(ppr)
            absn.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            numbering.append(absn)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abs_id))
        num.append(ref)
        numbering.append(num)
        return num_id

    def _num(self, paragraph, ilvl: int):
        ppr = paragraph._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        lvl = OxmlElement("w:ilvl")
        lvl.set(qn("w:val"), str(ilvl))
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), str(self.num_id))
        numpr.append(lvl)
        numpr.append(nid)
        ppr.insert(0, numpr) if ppr.find(qn("w:pStyle")) is None else ppr.find(qn("w:pStyle")).addnext(numpr)

    # -- content ---------------------------------------------------------------------------
    def title(self, text):
        return self.doc.add_paragraph(text, style="Title")

    def center(self, text, bold=False):
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = bold
        return p

    def heading(self, text, *, numbered=True, level=1):
        p = self.doc.add_paragraph(text, style=f"Heading {level}")
        if numbered and self.num_id is not None:
            self._num(p, 0)
        return p

    def clause(self, text, *, bold_lead: str | None = None):
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if bold_lead:
            p.add_run(bold_lead).bold = True
            p.add_run(" ")
        p.add_run(text)
        if self.num_id is not None:
            self._num(p, 1)
        return p

    def item(self, text):
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.add_run(text)
        if self.num_id is not None:
            self._num(p, 2)
        return p

    def para(self, text, *, bold=False, justify=True, indent_cm: float | None = None):
        p = self.doc.add_paragraph()
        if justify:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent_cm:
            p.paragraph_format.left_indent = Cm(indent_cm)
        p.add_run(text).bold = bold
        return p

    def table(self, rows, *, header=True, widths_cm=None, size=None):
        t = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        if widths_cm:
            t.autofit = False
            for c, w in enumerate(widths_cm):
                t.columns[c].width = Cm(w)
        for r, row in enumerate(rows):
            for c, val in enumerate(row):
                cell = t.cell(r, c)
                cell.text = ""
                run = cell.paragraphs[0].add_run(str(val))
                if header and r == 0:
                    run.bold = True
                if size:
                    run.font.size = Pt(size)
                if widths_cm:
                    cell.width = Cm(widths_cm[c])
        if header:  # repeat the header row on each page
            trpr = t.rows[0]._tr.get_or_add_trPr()
            th = OxmlElement("w:tblHeader")
            th.set(qn("w:val"), "true")
            trpr.append(th)
        self.doc.add_paragraph()
        return t

    def page_break(self):
        self.doc.add_page_break()

    def footer_page_numbers(self, prefix=""):
        p = self.doc.sections[0].footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if prefix:
            p.add_run(prefix)
        run = p.add_run()
        for kind, txt in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                fc = OxmlElement("w:fldChar")
                fc.set(qn("w:fldCharType"), kind)
                run._r.append(fc)
            else:
                it = OxmlElement("w:instrText")
                it.set(qn("xml:space"), "preserve")
                it.text = txt
                run._r.append(it)

    def save(self, path: Path):
        """Save with fixed ZIP entry timestamps and order, so the same input gives the same bytes."""
        buf = io.BytesIO()
        self.doc.save(buf)
        buf.seek(0)
        out = io.BytesIO()
        with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o644 << 16
                zout.writestr(zi, data)
        Path(path).write_bytes(out.getvalue())
