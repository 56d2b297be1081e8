"""Word (.docx) contracts, read straight from the package XML with lxml (the same XML python-docx
wraps, without its per-paragraph object overhead).

What is read, in document order: body paragraphs, table cells (nested tables too; a vertically
merged cell is read once), content controls (``w:sdt``) and text boxes (after the paragraph that
anchors them; the ``mc:Fallback`` copy is skipped). Section headers/footers, footnotes and comments
are not read.

* **Numbering.** Word's automatic numbering is rendered as the reader sees it
  (:mod:`clausecheck.read.numbering`) into ``Block.label`` (``6.1``, ``(a)``, ``第六条``, ``一、``);
  the label is not part of ``Block.text``. Numbering comes from the paragraph's ``w:numPr`` or,
  failing that, from its style (``w:pStyle``, following ``w:basedOn``).
* **Tracked changes** are read as if all were accepted: ``w:ins``/``w:moveTo`` text is present,
  ``w:del``/``w:delText``/``w:moveFrom`` text is absent, and a paragraph whose mark was deleted is
  joined to the next paragraph.
* **Headings**: style name ``Heading N``/``Title``/``标题`` or an outline level (on the paragraph or
  its style) -> ``BlockKind.HEADING``, but only for a short text with no sentence inside it: many
  contracts style whole clauses as "Heading 2" ("2.1 Access and Use. During the ..."), and those
  stay ``PARAGRAPH`` so they are judged. ``Block.style`` is the style's display name.

``Block.ref`` — a stable locator for a writer that edits the original:

* ``"p:N"`` — a paragraph outside tables: ``N`` is the 0-based index of its ``w:p`` element in
  ``list(body.iter(w:p))`` (every ``w:p`` under ``w:body`` in document order, table and text-box
  paragraphs included in the count). A paragraph joined to the next by a deleted paragraph mark
  has the ref of its first ``w:p``.
* ``"t:T:rR:cC:pP"`` — a paragraph in a table cell: ``T`` is the 0-based index of the ``w:tbl`` in
  ``list(body.iter(w:tbl))`` (nested tables counted in document order), ``R`` the index of the
  ``w:tr`` among that table's rows, ``C`` the index of the ``w:tc`` among that row's cells (a
  ``gridSpan`` cell counts once), ``P`` the index of the ``w:p`` among the cell's direct paragraphs.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from clausecheck.document import Block, BlockKind, ReadWarning, SourceDocument
from clausecheck.errors import UnreadableDocument
from clausecheck.read.limits import DEFAULT_LIMITS, Budget, ReadLimits, read_member, too_large
from clausecheck.read.numbering import Numbering, W

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_R, W_T, W_TBL, W_TR, W_TC = q("p"), q("r"), q("t"), q("tbl"), q("tr"), q("tc")
W_PPR, W_RPR, W_VAL = q("pPr"), q("rPr"), q("val")
W_DEL, W_MOVEFROM, W_INS = q("del"), q("moveFrom"), q("ins")
W_TXBX = q("txbxContent")
MC_FALLBACK, MC_ALT, MC_CHOICE = f"{{{MC}}}Fallback", f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"
_SKIP_SUBTREES = {W_DEL, W_MOVEFROM, q("pPrChange"), q("rPrChange"), q("sectPr"), q("instrText"),
                  q("delText"), q("delInstrText"), MC_FALLBACK, q("footnoteReference"), q("endnoteReference"),
                  q("commentReference"), q("fldData")}
# resolve_entities=False: an entity is never expanded (and a DTD is refused before parsing, below).
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True, remove_comments=True,
                          load_dtd=False)
_HEADING_RE = re.compile(r"^(heading\s*\d|title|subtitle|标题)", re.I)
# Strict Open XML (ISO/IEC 29500 Strict) names the same WordprocessingML elements in another
# namespace; reading it as Transitional is exact for everything this reader looks at.
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
# A DOCTYPE in the prolog (after an optional BOM, XML declaration, comments). Word never writes a
# DTD; entity declarations in one are how "billion laughs" XML bombs are built.
_DTD_RE = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<!DOCTYPE", re.S)
_BOMB = ("Its XML part {name} declares a DTD with entities (Word never writes one; this is how "
         "'billion laughs' XML bombs expand a small file to gigabytes), so it was not read.")


class _Ctx:
    """What one DOCX read carries: the file, its limits and the inflated bytes spent so far."""

    def __init__(self, path: Path, zf: zipfile.ZipFile, limits: ReadLimits):
        self.path = path
        self.zf = zf
        self.limits = limits
        self.budget = Budget(path, limits)
        self.strict = False


def _parse(ctx: _Ctx, name: str | None):
    if not name:
        return None
    try:
        data = read_member(ctx.zf, name, ctx.budget)
    except KeyError:
        return None
    if _DTD_RE.match(data):
        raise UnreadableDocument(ctx.path, "too-large", _BOMB.format(name=name))
    # Every element is a start tag ("<w:p>" or "<w:p/>"): counted at C speed before lxml builds
    # a tree of them (an element costs lxml ~350 bytes; a paragraph bomb is millions of them).
    elements = data.count(b"<") - data.count(b"</")
    if elements > ctx.limits.max_xml_elements:
        raise too_large(ctx.path, f"Its XML part {name} has about {elements:,} elements (the limit is "
                                  f"{ctx.limits.max_xml_elements:,}).", "max_xml_elements")
    if STRICT_W in data:
        ctx.strict = True
        data = data.replace(STRICT_W, W.encode())
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        msg = str(exc).lower()
        if "amplification" in msg or "entity" in msg and "loop" in msg:
            raise UnreadableDocument(ctx.path, "too-large", _BOMB.format(name=name)) from None
        if "excessive depth" in msg:
            raise _too_deep(ctx) from None
        raise


def _too_deep(ctx: _Ctx) -> UnreadableDocument:
    return too_large(ctx.path, f"Its content is nested more than {ctx.limits.max_xml_depth} levels deep "
                               "(tables inside tables, or similar).", "max_xml_depth")


def _find_part(ctx: _Ctx, names: set[str]) -> str:
    """The main document part (normally word/document.xml), from the package relationships."""
    try:
        rels = _parse(ctx, "_rels/.rels")
        if rels is None:
            raise KeyError("_rels/.rels")
        for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    except (KeyError, etree.XMLSyntaxError):
        pass
    for n in names:
        if n.lower() == "word/document.xml":
            return n
    return "word/document.xml"


def _related(ctx: _Ctx, main: str, names: set[str], kind: str) -> str | None:
    base = PurePosixPath(main).parent
    rels_name = str(base / "_rels" / (PurePosixPath(main).name + ".rels"))
    try:
        rels = _parse(ctx, rels_name)
        if rels is None:
            raise KeyError(rels_name)
        for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("Type", "").endswith("/" + kind):
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else str(base / target)
                path = _normpath(path)
                if path in names:
                    return path
    except (KeyError, etree.XMLSyntaxError):
        pass
    guess = str(base / f"{kind}.xml")
    return guess if guess in names else None


def _normpath(p: str) -> str:
    parts: list[str] = []
    for seg in p.split("/"):
        if seg == "..":
            if parts:
                parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts)


class _Styles:
    def __init__(self, root):
        self.name: dict[str, str] = {}
        self.based_on: dict[str, str] = {}
        self.numpr: dict[str, tuple[str | None, int | None]] = {}
        self.outline: dict[str, int] = {}
        self.default_para: str | None = None
        # Run properties that hide text (w:vanish, w:webHidden, w:specVanish) set on a style of
        # any type, True/False where the style says so; and on the document defaults.
        self.hidden: dict[str, bool] = {}
        self.default_hidden = False
        if root is None:
            return
        defaults = root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{W_RPR}")
        self.default_hidden = bool(_hides(defaults))
        for st in root.iter(q("style")):
            sid = st.get(q("styleId"))
            if sid is None:
                continue
            hides = _hides(st.find(W_RPR))
            if hides is not None:
                self.hidden[sid] = hides
            if st.get(q("type")) not in (None, "paragraph"):
                based = st.find(q("basedOn"))
                if based is not None and st.get(q("type")) == "character":
                    self.based_on[sid] = based.get(W_VAL)
                continue
            name_el = st.find(q("name"))
            self.name[sid] = name_el.get(W_VAL) if name_el is not None else sid
            based = st.find(q("basedOn"))
            if based is not None:
                self.based_on[sid] = based.get(W_VAL)
            if st.get(q("default")) in ("1", "true", "on"):
                self.default_para = sid
            ppr = st.find(W_PPR)
            if ppr is not None:
                num = ppr.find(q("numPr"))
                if num is not None:
                    nid = num.find(q("numId"))
                    il = num.find(q("ilvl"))
                    self.numpr[sid] = (nid.get(W_VAL) if nid is not None else None,
                                       _int(il.get(W_VAL)) if il is not None else None)
                ol = ppr.find(q("outlineLvl"))
                if ol is not None and _int(ol.get(W_VAL)) is not None:
                    self.outline[sid] = _int(ol.get(W_VAL))

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based_on.get(sid)

    def numbering(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, the style that carries the numbering) inherited through basedOn."""
        num_id, ilvl, owner = None, None, None
        for s in self.chain(sid):
            n, i = self.numpr.get(s, (None, None))
            if num_id is None and n is not None:
                num_id, owner = n, s
            if ilvl is None and i is not None:
                ilvl = i
            if num_id is not None and ilvl is not None:
                break
        return num_id, ilvl, owner

    def hides(self, sid: str | None) -> bool | None:
        """Does the style (or one it is based on) hide its text? None: it does not say."""
        for s in self.chain(sid):
            if s in self.hidden:
                return self.hidden[s]
        return None

    def outline_level(self, sid: str | None) -> int | None:
        for s in self.chain(sid):
            if s in self.outline:
                return self.outline[s]
        return None


def _int(v, default=None):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _on(el) -> bool:
    return el is not None and el.get(W_VAL, "1") not in ("0", "false", "off")


_HIDING = ("vanish", "webHidden", "specVanish")


def _hides(rpr) -> bool | None:
    """Run properties: True if they hide the text, False if they explicitly show it, else None."""
    if rpr is None:
        return None
    said = None
    for tag in _HIDING:
        el = rpr.find(q(tag))
        if el is not None:
            if _on(el):
                return True
            said = False
    return said


class _Reader:
    def __init__(self, body, styles: _Styles, numbering: Numbering, ctx: _Ctx | None = None):
        self.body = body
        self.ctx = ctx
        self.max_depth = ctx.limits.max_xml_depth if ctx is not None else DEFAULT_LIMITS.max_xml_depth
        self.max_chars = ctx.limits.max_chars if ctx is not None else DEFAULT_LIMITS.max_chars
        self.chars = 0
        self.hidden_chars = 0  # letters in runs Word does not show (excluded from the text)
        self.hidden_runs = 0
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        # lxml element proxies keep their identity only while referenced: hold the lists.
        self._all_p = list(body.iter(W_P))
        self._all_t = list(body.iter(W_TBL))
        self.p_index = {id(p): i for i, p in enumerate(self._all_p)}
        self.t_index = {id(t): i for i, t in enumerate(self._all_t)}
        self._carry: tuple[str, str] | None = None  # (text, ref) of a paragraph whose mark was deleted

    # -- traversal -------------------------------------------------------------------------------
    def _deeper(self, depth: int) -> int:
        # The walk recurses through nested tables, content controls and text boxes: a hostile
        # file nests them hundreds deep (a RecursionError before this limit existed).
        if depth > self.max_depth:
            if self.ctx is None:
                raise RecursionError("content nested too deeply")
            raise _too_deep(self.ctx)
        return depth

    def walk(self, container, cell_ref: str | None = None, depth: int = 1):
        self._deeper(depth)
        p_in_cell = 0
        for child in container:
            tag = child.tag
            if tag == W_P:
                ref = f"{cell_ref}:p{p_in_cell}" if cell_ref else f"p:{self.p_index.get(id(child), -1)}"
                p_in_cell += 1
                self.paragraph(child, ref, in_cell=cell_ref is not None, depth=depth)
            elif tag == W_TBL:
                self.table(child, depth + 1)
            elif tag in (q("sdt"),):
                content = child.find(q("sdtContent"))
                if content is not None:
                    self.walk(content, cell_ref, depth + 2)
            elif tag in (q("customXml"), q("smartTag"), W_INS, q("moveTo")):
                self.walk(child, cell_ref, depth + 1)
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.walk(choice, cell_ref, depth + 2)
            # w:del / w:moveFrom at block level: deleted content, skipped.

    def table(self, tbl, depth: int):
        self._deeper(depth)
        t = self.t_index.get(id(tbl), -1)
        rows = [c for c in self._expand(tbl, depth) if c.tag == W_TR]
        for r, tr in enumerate(rows):
            if tr.find(f"{q('trPr')}/{q('del')}") is not None:
                continue  # deleted row
            cells = [c for c in self._expand(tr, depth + 1) if c.tag == W_TC]
            for c, tc in enumerate(cells):
                tcpr = tc.find(q("tcPr"))
                if tcpr is not None:
                    vm = tcpr.find(q("vMerge"))
                    if vm is not None and vm.get(W_VAL, "continue") == "continue":
                        continue  # continuation of a vertically merged cell: read once, above
                    hm = tcpr.find(q("hMerge"))
                    if hm is not None and hm.get(W_VAL, "continue") == "continue":
                        continue
                self.walk(tc, f"t:{t}:r{r}:c{c}", depth + 2)

    def _expand(self, el, depth: int):
        """Children, looking through content controls / customXml wrappers around rows and cells."""
        self._deeper(depth)
        for child in el:
            if child.tag == q("sdt"):
                content = child.find(q("sdtContent"))
                if content is not None:
                    yield from self._expand(content, depth + 2)
            elif child.tag == q("customXml"):
                yield from self._expand(child, depth + 1)
            else:
                yield child

    # -- paragraphs ------------------------------------------------------------------------------
    def paragraph(self, p, ref: str, in_cell: bool, depth: int = 1):
        ppr = p.find(W_PPR)
        pstyle = ppr.find(q("pStyle")) if ppr is not None else None
        text, boxes = self._text(p, pstyle.get(W_VAL) if pstyle is not None else self.styles.default_para)
        self.chars += len(text)
        if self.chars > self.max_chars:
            if self.ctx is None:
                raise MemoryError("too many characters")
            raise too_large(self.ctx.path, f"It has more than {self.max_chars:,} characters of text.", "max_chars")
        mark_deleted = False
        if ppr is not None:
            rpr = ppr.find(W_RPR)
            mark_deleted = rpr is not None and (rpr.find(W_DEL) is not None or rpr.find(W_MOVEFROM) is not None)
            hidden = rpr is not None and _on(rpr.find(q("vanish"))) and not text.strip()
        else:
            hidden = False

        if mark_deleted:
            # Accepting the deletion of the paragraph mark joins this paragraph to the next one.
            prev_text, prev_ref = self._carry or ("", ref)
            self._carry = (prev_text + text, prev_ref)
            self._emit_boxes(boxes, depth)
            return
        if self._carry is not None:
            if self._carry[0].strip():
                text = self._carry[0] + text
                ref = self._carry[1]
            self._carry = None

        style_id = ppr.find(q("pStyle")).get(W_VAL) if ppr is not None and ppr.find(q("pStyle")) is not None else None
        style_id = style_id or self.styles.default_para
        style_name = self.styles.name.get(style_id, style_id) if style_id else None

        clean = text.strip()
        # An empty paragraph that only carries a section break shows no number (as LibreOffice
        # renders it); other empty numbered paragraphs do count, as in Word.
        section_only = not clean and ppr is not None and ppr.find(q("sectPr")) is not None
        label = None if hidden or section_only else self._label(ppr, style_id)
        if clean:
            kind = BlockKind.TABLE_CELL if in_cell else BlockKind.PARAGRAPH
            if not in_cell and self._is_heading(ppr, style_id, style_name) and _heading_like(clean):
                kind = BlockKind.HEADING
            self.blocks.append(Block(text=clean, label=label, kind=kind, style=style_name, ref=ref))
        self._emit_boxes(boxes, depth)

    def _emit_boxes(self, boxes, depth: int):
        for box in boxes:
            self.walk(box, None, depth + 8)  # a text box sits ~8 elements below its paragraph

    def _is_heading(self, ppr, style_id, style_name) -> bool:
        if style_name and _HEADING_RE.match(style_name):
            return True
        if style_id and _HEADING_RE.match(style_id):
            return True
        lvl = None
        if ppr is not None and ppr.find(q("outlineLvl")) is not None:
            lvl = _int(ppr.find(q("outlineLvl")).get(W_VAL))
        if lvl is None:
            lvl = self.styles.outline_level(style_id)
        return lvl is not None and 0 <= lvl <= 8

    def _label(self, ppr, style_id) -> str | None:
        num_id, ilvl = None, None
        if ppr is not None:
            numpr = ppr.find(q("numPr"))
            if numpr is not None:
                nid = numpr.find(q("numId"))
                il = numpr.find(q("ilvl"))
                if nid is not None:
                    num_id = nid.get(W_VAL)
                if il is not None:
                    ilvl = _int(il.get(W_VAL), 0)
        s_num, s_ilvl, owner = self.styles.numbering(style_id)
        if num_id is None:
            num_id = s_num
            if ilvl is None and num_id is not None:
                ilvl = s_ilvl
                if ilvl is None and owner:
                    ilvl = self.numbering.ilvl_for_style(num_id, owner)
        if ilvl is None and num_id is not None and style_id:
            ilvl = self.numbering.ilvl_for_style(num_id, style_id)
        if num_id is None or num_id == "0":
            return None
        try:
            return self.numbering.next_label(num_id, ilvl or 0)
        except Exception:
            return None

    def _run_hidden(self, run, pstyle: str | None) -> bool:
        """Word does not show the run: w:vanish (or webHidden/specVanish) on the run, on its
        character style, on the paragraph's style, or on the document defaults."""
        rpr = run.find(W_RPR)
        said = _hides(rpr)
        if said is None and rpr is not None:
            rstyle = rpr.find(q("rStyle"))
            if rstyle is not None:
                said = self.styles.hides(rstyle.get(W_VAL))
        if said is None:
            said = self.styles.hides(pstyle)
        if said is None:
            said = self.styles.default_hidden
        return said

    def _text(self, p, pstyle: str | None = None) -> tuple[str, list]:
        """Text of a paragraph as if all tracked changes were accepted, and its text boxes.
        Text Word hides is left out (and counted): it is not part of the contract a reader sees."""
        out: list[str] = []
        boxes: list = []
        stack = [iter(p)]
        while stack:
            try:
                el = next(stack[-1])
            except StopIteration:
                stack.pop()
                continue
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag in _SKIP_SUBTREES:
                continue
            if tag == W_TXBX:
                boxes.append(el)
                continue
            if tag == W_R and self._run_hidden(el, pstyle):
                hidden = "".join(t.text or "" for t in el.iter(W_T))
                # Only text that reads counts as excluded: tables of contents hide their page
                # numbers from web view (w:webHidden), which is not worth a warning.
                if any(c.isalpha() for c in hidden):
                    self.hidden_chars += len(hidden.strip())
                    self.hidden_runs += 1
                continue
            if tag == W_T:
                out.append(el.text or "")
            elif tag == q("tab") and el.getparent() is not None and el.getparent().tag == W_R:
                out.append("\t")
            elif tag in (q("br"), q("cr")):
                if el.get(q("type")) not in ("page", "column"):
                    out.append("\n")
            elif tag == q("noBreakHyphen"):
                out.append("-")
            elif tag == q("sym"):
                ch = el.get(q("char"))
                try:
                    code = int(ch, 16)
                    if code >= 0xF000:
                        code -= 0xF000
                    out.append(chr(code) if code >= 0x20 else "")
                except (TypeError, ValueError):
                    pass
            elif tag == W_P:
                continue  # a paragraph nested in something odd (handled as a text box)
            if len(el):
                stack.append(iter(el))
        return "".join(out), boxes


_SENTENCE_INSIDE = re.compile(r"[.;:。；!?！？]\s*\S")


def _heading_like(text: str) -> bool:
    """Heading styles are often used for whole clauses ("2.1 Access and Use. During the ...");
    only a short line with no sentence inside it is treated as a heading."""
    if len(text) > 150 or "\n" in text or _SENTENCE_INSIDE.search(text):
        return False
    # A full sentence ("Use of the Product must comply with ...") is a clause, not a heading.
    return not (text.rstrip().endswith((".", "。", ";", "；")) and len(text.split()) > 8)


def read_docx(path: Path, zf: zipfile.ZipFile, limits: ReadLimits = DEFAULT_LIMITS) -> SourceDocument:
    path = Path(path)
    names = set(zf.namelist())
    ctx = _Ctx(path, zf, limits)
    try:
        main = _find_part(ctx, names)
        root = _parse(ctx, main)
        if root is None:
            raise UnreadableDocument(path, "corrupt",
                                     "The Word document is damaged: it has no main document part.")
        styles = _Styles(_parse(ctx, _related(ctx, main, names, "styles")))
        numbering = Numbering.parse(_parse(ctx, _related(ctx, main, names, "numbering")))
    except etree.XMLSyntaxError:
        raise UnreadableDocument(path, "corrupt",
                                 "The Word document is damaged: its XML content is malformed or truncated.") from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise UnreadableDocument(path, "corrupt",
                                 "The Word document is damaged: a part of it cannot be unpacked (truncated file?).") from None
    numbering.style_num = {sid: (n, i) for sid, (n, i) in styles.numpr.items()}
    body = root.find(q("body"))
    if body is None:
        raise UnreadableDocument(path, "corrupt", "The Word document is damaged: it has no body.")
    reader = _Reader(body, styles, numbering, ctx)
    reader.walk(body)
    if reader._carry is not None and reader._carry[0].strip():
        text, ref = reader._carry
        reader.blocks.append(Block(text=text.strip(), ref=ref))
    warnings: list[ReadWarning] = []
    if reader.hidden_chars:
        warnings.append(ReadWarning(
            "hidden-text-excluded",
            f"{reader.hidden_chars:,} characters of hidden text ({reader.hidden_runs} run"
            f"{'s' if reader.hidden_runs != 1 else ''} formatted as hidden, which Word does not show or "
            "print) were left out: a commitment only in hidden text is not one the reader of the contract sees.",
            count=reader.hidden_chars))
    if not reader.blocks:
        if reader.hidden_chars:
            raise UnreadableDocument(path, "empty", "The Word document has no visible text: all of its text is "
                                                    "formatted as hidden.")
        raise UnreadableDocument(path, "empty", "The Word document contains no text.")
    return SourceDocument(path=path, format="docx", blocks=tuple(reader.blocks), warnings=tuple(warnings))
