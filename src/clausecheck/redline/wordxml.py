"""Word revision primitives: a paragraph's text as the reader sees it, with the runs behind each
character; splitting runs at exact offsets; ``w:ins`` / ``w:del`` marks; and a word-level diff of a
replaced passage that only stays word-level where it reads as an edit a lawyer would make.

Text is matched robustly: whitespace, full/half-width forms, quotes and dashes are normalised, and
matches may span run boundaries.
"""

from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# --------------------------------------------------------------------------------------------
# Text normalisation with a map back to the raw characters

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2015": "-", "\u2212": "-", "\u300c": '"', "\u300d": '"'})
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def norm_with_map(s: str) -> tuple[str, list[int]]:
    """Whitespace-free, NFKC, case-folded form of ``s`` and, for each of its characters, the
    index of the raw character it came from."""
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(s):
        if ch in _INVISIBLE:
            continue
        n = unicodedata.normalize("NFKC", ch).translate(_QUOTES).casefold()
        for c in n:
            if c.isspace():
                continue
            out.append(c)
            idx.append(i)
    return "".join(out), idx


def norm(s: str) -> str:
    return norm_with_map(s)[0]


CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def is_cjk(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if CJK_RE.match(c)) / len(letters) > 0.3


# --------------------------------------------------------------------------------------------
# Paragraph text as the readers see it, with the XML elements behind each character


@dataclass
class Piece:
    run: etree._Element
    elem: etree._Element
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_HIDDEN_ANCESTORS = {w("del"), w("moveFrom")}


def owned_by(run: etree._Element, p: etree._Element) -> bool:
    """True when ``run`` is visible text of ``p`` itself (not of a nested text box and not
    deleted)."""
    anc = run.getparent()
    while anc is not None and anc is not p:
        if anc.tag in _HIDDEN_ANCESTORS or anc.tag == w("p"):
            return False
        anc = anc.getparent()
    return anc is p


def pieces(p: etree._Element) -> list[Piece]:
    pieces: list[Piece] = []
    pos = 0
    for r in p.iter(w("r")):
        if not owned_by(r, p):
            continue
        for child in r:
            tag = child.tag
            if tag == w("t"):
                text = child.text or ""
            elif tag == w("tab") or tag == w("ptab"):
                text = "\t"
            elif tag in (w("br"), w("cr")):
                text = "\n"
            elif tag == w("noBreakHyphen"):
                text = "-"
            else:
                continue
            if text:
                pieces.append(Piece(r, child, pos, text))
                pos += len(text)
    return pieces


def ptext(p: etree._Element) -> str:
    return "".join(pc.text for pc in pieces(p))


def orig_text(p: etree._Element) -> str:
    """The paragraph's text before our revisions: deleted text in, inserted text out."""
    out = []
    for r in p.iter(w("r")):
        anc, skip = r.getparent(), False
        while anc is not None and anc is not p:
            if anc.tag == w("ins") or anc.tag == w("p"):
                skip = True
                break
            anc = anc.getparent()
        if skip:
            continue
        for c in r:
            if c.tag in (w("t"), w("delText")):
                out.append(c.text or "")
            elif c.tag in (w("tab"),):
                out.append("\t")
    return "".join(out)


def set_text(t: etree._Element, text: str) -> None:
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")


def split_run_before(run: etree._Element, elem: etree._Element) -> etree._Element:
    """Move ``elem`` and the run content after it into a new run (same formatting) placed right
    after ``run``; return the new run."""
    new = etree.Element(w("r"), nsmap=run.nsmap)
    for k, v in run.attrib.items():
        new.set(k, v)
    rpr = run.find(w("rPr"))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    moving = []
    seen = False
    for child in run:
        if child is elem:
            seen = True
        if seen:
            moving.append(child)
    for child in moving:
        new.append(child)
    run.addnext(new)
    return new


def split_at(p: etree._Element, pos: int) -> None:
    """Make character offset ``pos`` of the paragraph's visible text fall on a run boundary."""
    for _i, pc in enumerate(pieces(p)):
        if pc.start < pos < pc.end:
            k = pos - pc.start
            t2 = etree.Element(pc.elem.tag)
            set_text(t2, pc.text[k:])
            set_text(pc.elem, pc.text[:k])
            pc.elem.addnext(t2)
            split_run_before(pc.run, t2)
            return
        if pc.start == pos:
            # boundary before this piece: split its run unless the piece starts the run's text
            first_text = next((c for c in pc.run if c.tag not in (w("rPr"),)), None)
            if first_text is not pc.elem:
                split_run_before(pc.run, pc.elem)
            return


def isolate(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    """Split runs so that [start, end) is made of whole runs; return those runs in order."""
    split_at(p, end)
    split_at(p, start)
    runs: list[etree._Element] = []
    for pc in pieces(p):
        if pc.start >= start and pc.end <= end and (not runs or runs[-1] is not pc.run):
            runs.append(pc.run)
    return runs


# --------------------------------------------------------------------------------------------
# The revision writer


class Revisions:
    def __init__(self, body: etree._Element, author: str, date: str):
        self.author = author
        self.date = date
        ids = [int(v) for v in (el.get(w("id")) for el in body.iter()) if v and v.lstrip("-").isdigit()]
        self._next = max(ids + [0]) + 1000

    def next_id(self) -> str:
        self._next += 1
        return str(self._next)

    def mark(self, tag: str) -> etree._Element:
        el = etree.Element(w(tag))
        el.set(w("id"), self.next_id())
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        return el


def clean_rpr(rpr: etree._Element | None) -> etree._Element | None:
    if rpr is None:
        return None
    rpr = copy.deepcopy(rpr)
    for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange"):
        for el in rpr.findall(w(tag)):
            rpr.remove(el)
    return rpr


def make_run(text: str, rpr: etree._Element | None) -> etree._Element:
    r = etree.Element(w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    parts = re.split(r"(\t|\n)", text)
    for part in parts:
        if part == "\t":
            r.append(etree.Element(w("tab")))
        elif part == "\n":
            r.append(etree.Element(w("br")))
        elif part:
            t = etree.SubElement(r, w("t"))
            set_text(t, part)
    return r


def wrap_deleted(runs: list[etree._Element], rev: Revisions) -> list[etree._Element]:
    """Wrap runs in ``w:del`` (grouping adjacent siblings), turning their text into delText."""
    wrappers: list[etree._Element] = []
    group: list[etree._Element] = []

    def flush():
        if not group:
            return
        d = rev.mark("del")
        group[0].addprevious(d)
        for r in group:
            for t in r.findall(w("t")):
                t.tag = w("delText")
            for t in r.findall(w("instrText")):
                t.tag = w("delInstrText")
            d.append(r)
        wrappers.append(d)
        group.clear()

    for r in runs:
        parent = r.getparent()
        if parent is not None and parent.tag == w("ins"):  # our own inserted text: just drop it
            flush()
            parent.remove(r)
            continue
        if group and group[-1].getnext() is not r:
            flush()
        group.append(r)
    flush()
    return wrappers


def rpr_at(p: etree._Element, pos: int) -> etree._Element | None:
    pcs = pieces(p)
    for pc in pcs:
        if pc.start <= pos < pc.end:
            return clean_rpr(pc.run.find(w("rPr")))
    if pcs:
        return clean_rpr(pcs[-1].run.find(w("rPr")))
    return None


def body_rpr(p: etree._Element) -> etree._Element | None:
    """The formatting of most of the paragraph's text (not of a bold lead-in heading)."""
    weight: dict[int, tuple[int, etree._Element]] = {}
    for pc in pieces(p):
        n, _ = weight.get(id(pc.run), (0, pc.run))
        weight[id(pc.run)] = (n + len(pc.text), pc.run)
    if not weight:
        return None
    best: dict[bytes, int] = {}
    rprs: dict[bytes, etree._Element] = {}
    for n, run in weight.values():
        rpr = clean_rpr(run.find(w("rPr")))
        key = etree.tostring(rpr) if rpr is not None else b""
        best[key] = best.get(key, 0) + n
        rprs[key] = rpr
    key = max(best, key=best.get)
    return rprs[key]


# --------------------------------------------------------------------------------------------
# Diff of a replaced passage, word by word (CJK character by character)

_TOKEN_RE = re.compile(r"\s+|[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")


def diff_ops(old: str, new: str) -> list[tuple[int, int, str]]:
    """Changes turning ``old`` into ``new``: (start, end, inserted text) in ``old`` offsets,
    coalesced so the redline reads as whole phrases."""
    if old == new:
        return []
    if not old:
        return [(0, 0, new)]
    if not new:
        return [(0, len(old), "")]
    a = _TOKEN_RE.findall(old)
    b = _TOKEN_RE.findall(new)
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    apos = [0]
    for tok in a:
        apos.append(apos[-1] + len(tok))
    ops: list[list] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            # a short run of common words between two changes reads better struck and re-typed
            between = a[i1:i2]
            if ops and i2 < len(a) and sum(1 for t in between if not t.isspace()) < 2:
                ops[-1][1] = apos[i2]
                ops[-1][2] += "".join(b[j1:j2])
                ops[-1][3] = True
            continue
        if ops and ops[-1][3] and ops[-1][1] == apos[i1]:
            ops[-1][1] = apos[i2]
            ops[-1][2] += "".join(b[j1:j2])
        else:
            ops.append([apos[i1], apos[i2], "".join(b[j1:j2]), True])
        ops[-1][3] = True
    # an op that only absorbed trailing common words must still end in a real change; fine as is
    # for accept/reject, which is what matters
    return [(s, e, t) for s, e, t, _ in ops if not (s == e and not t)]




def edit_ops(old: str, new: str) -> list[tuple[int, int, str]]:
    """``diff_ops`` where the changes read as an edit a lawyer would make (a few phrases struck or
    added); otherwise one change that replaces the whole passage, rather than a strike-and-insert
    of every other word or character."""
    ops = diff_ops(old, new)
    if len(ops) <= 1:
        return ops
    changed = sum(e - s for s, e, _ in ops)
    if len(ops) <= 3 and changed <= 0.35 * len(old):
        return ops
    return [(0, len(old), new)]


def in_textbox(p: etree._Element) -> bool:
    anc = p.getparent()
    while anc is not None:
        if anc.tag == w("txbxContent"):
            return True
        anc = anc.getparent()
    return False


def is_inserted_para(p: etree._Element) -> bool:
    """A paragraph this redline added: all its text is inserted. (Its own paragraph mark may be
    the original one: Word's way of adding a paragraph after X marks X's mark as inserted.)"""
    runs = [r for r in p.iter(w("r")) if owned_by_any(r, p)]
    if not runs:
        return p.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}") is not None
    return all(any(a.tag == w("ins") for a in r.iterancestors()) for r in runs)


def owned_by_any(run: etree._Element, p: etree._Element) -> bool:
    """``run`` is text of ``p`` itself (inserted or deleted, but not in a nested paragraph)."""
    anc = run.getparent()
    while anc is not None and anc is not p:
        if anc.tag == w("p"):
            return False
        anc = anc.getparent()
    return anc is p and run.find(w("commentReference")) is None


def mark_inserted(p: etree._Element) -> bool:
    return p.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}") is not None


def is_deleted_para(p: etree._Element) -> bool:
    return p.find(f"{w('pPr')}/{w('rPr')}/{w('del')}") is not None


def pstyle(p: etree._Element) -> str | None:
    ps = p.find(f"{w('pPr')}/{w('pStyle')}")
    return ps.get(w("val")) if ps is not None else None


def doc_order_key(p: etree._Element):
    order = {id(el): i for i, el in enumerate(p.iter())}
    return lambda el: order.get(id(el), 0)


def first_not_none(*items):
    return next((x for x in items if x is not None), None)


def enable_track_changes(d) -> None:
    """Keep tracking on, so the reviewer's own edits are tracked too."""
    settings = d.settings.element
    if settings.find(w("trackRevisions")) is None:
        el = etree.Element(w("trackRevisions"))
        # CT_Settings order: writeProtection, view, zoom, removePersonalInformation,
        # removeDateAndTime, doNotDisplayPageBoundaries, displayBackgroundShape, printPostScriptOverText,
        # printFractionalCharacterWidth, printFormsData, embedTrueTypeFonts, embedSystemFonts,
        # saveSubsetFonts, saveFormsData, mirrorMargins, alignBordersAndEdges,
        # bordersDoNotSurroundHeader, bordersDoNotSurroundFooter, gutterAtTop, hideSpellingErrors,
        # hideGrammaticalErrors, activeWritingStyle, proofState, formsDesign, attachedTemplate,
        # linkStyles, stylePaneFormatFilter, stylePaneSortMethod, documentType, mailMerge,
        # revisionView, trackRevisions, ...
        before = {"writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                  "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                  "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
                  "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
                  "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
                  "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
                  "proofState", "formsDesign", "attachedTemplate", "linkStyles",
                  "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
                  "revisionView"}
        last = None
        for child in settings:
            if etree.QName(child).localname in before:
                last = child
        if last is not None:
            last.addnext(el)
        else:
            settings.insert(0, el)
