"""Turn a report's suggested edits into a Word document with tracked changes and comments.

``redline(source, report, out)`` copies a DOCX (or, for PDF and TXT input, builds one from the
reader's blocks) and applies every ``Edit`` of every finding as a revision a lawyer can accept or
reject in Word or LibreOffice:

- ``delete`` strikes ``old`` inside the paragraph that contains ``anchor`` (``w:del`` around the
  runs, split at the exact character offsets, each piece keeping its run formatting);
- ``replace`` does the same and inserts the differing words of ``new`` beside them (``w:ins``);
- ``insert`` adds ``new`` as a clause of its own: after the paragraph that contains ``anchor``
  (after the last paragraph of that section when the anchor is a heading), copying its paragraph
  properties so automatic numbering continues, and continuing typed numbering ("8.4" -> "8.4A",
  "第八条" -> "第八条之一"); with no anchor, as a new numbered clause before the signature block.
  In a two-column bilingual table the clause becomes a new table row, English and Chinese side by
  side. The paragraph mark (and the row) is marked inserted, so "reject all" restores the original.

Every change carries a Word comment citing Art. 6 of the Cybersecurity Review Measures and the
reason, in the document's language (both languages for a bilingual document). Text is matched
robustly: whitespace, full/half-width forms, quotes and dashes are normalised, and matches may
span run boundaries.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from clausecheck.findings import DocumentReport, Edit, Finding

__all__ = ["AppliedChange", "RedlineResult", "SkippedChange", "redline", "ART6_EN", "ART6_ZH"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


ART6_EN = "Cybersecurity Review Measures (网络安全审查办法) Art. 6"
ART6_ZH = "《网络安全审查办法》（Cybersecurity Review Measures）第六条"

REQUIREMENT_NAMES = {
    "review-cooperation": ("cooperate with the cybersecurity review", "配合网络安全审查"),
    "no-illegal-data-acquisition": (
        "not take advantage of providing the product or service to illegally obtain user data",
        "不利用提供产品和服务的便利条件非法获取用户数据"),
    "no-illegal-device-control": (
        "not take advantage of providing the product or service to illegally control or manipulate "
        "user equipment", "不利用提供产品和服务的便利条件非法控制和操纵用户设备"),
    "no-unjustified-supply-interruption": (
        "not interrupt the supply of the product or of necessary technical support services "
        "without just cause", "无正当理由不中断产品供应或者必要的技术支持服务"),
}

REASON_NAMES = {
    "qualified-effort": ("an effort standard instead of a result", "以努力程度代替结果义务"),
    "permissive-modal": ("a permission or wish instead of an obligation", "使用非强制性用语，未设定义务"),
    "carve-out": ("an exception lets the supplier do the prohibited thing", "例外条款允许供应方实施被禁止的行为"),
    "conditional": ("a condition the operator must satisfy first", "附加了运营者须先满足的条件"),
    "narrowed-scope": ("only part of what is required is covered", "仅覆盖了所要求范围的一部分"),
    "unilateral-discretion": ("the supplier keeps a free hand", "供应方保留单方裁量权"),
    "non-binding": ("an acknowledgment or statement of policy only", "仅为确认或政策性表述，无约束力"),
    "overridden": ("another clause takes the commitment back", "其他条款推翻了该承诺"),
    "time-limited": ("the commitment lapses early", "承诺提前失效"),
}

STATUS_NAMES = {"compliant": ("compliant", "符合"), "weakened": ("weakened", "被削弱"),
                "missing": ("missing", "缺失")}

ACTION_NAMES = {
    "delete": ("Strike the wording that narrows the undertaking.", "删除削弱该承诺的表述。"),
    "replace": ("Replace the wording with a binding undertaking.", "将该表述修改为有约束力的承诺。"),
    "insert": ("Add the undertaking the Measures require.", "增加《网络安全审查办法》要求的承诺条款。"),
}

NEW_CLAUSE_TITLE = ("Cybersecurity Review Undertakings", "网络安全审查相关承诺")


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class AppliedChange:
    requirement: str
    kind: str  # delete | replace | insert
    text: str  # the struck text (delete), "old -> new" (replace) or the inserted text
    comment_id: int | None = None


@dataclass(frozen=True)
class SkippedChange:
    requirement: str
    kind: str
    why: str
    edit: Edit | None = None


@dataclass(frozen=True)
class RedlineResult:
    output: Path
    source_format: str
    applied: tuple[AppliedChange, ...] = ()
    skipped: tuple[SkippedChange, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


# --------------------------------------------------------------------------------------------
# Text normalisation with a map back to the raw characters

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2015": "-", "\u2212": "-", "\u300c": '"', "\u300d": '"'})
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def _norm_with_map(s: str) -> tuple[str, list[int]]:
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


def _norm(s: str) -> str:
    return _norm_with_map(s)[0]


_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _is_cjk(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if _CJK_RE.match(c)) / len(letters) > 0.3


# --------------------------------------------------------------------------------------------
# Paragraph text as the readers see it, with the XML elements behind each character


@dataclass
class _Piece:
    run: etree._Element
    elem: etree._Element
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_HIDDEN_ANCESTORS = {_w("del"), _w("moveFrom")}


def _owned_by(run: etree._Element, p: etree._Element) -> bool:
    """True when ``run`` is visible text of ``p`` itself (not of a nested text box and not
    deleted)."""
    anc = run.getparent()
    while anc is not None and anc is not p:
        if anc.tag in _HIDDEN_ANCESTORS or anc.tag == _w("p"):
            return False
        anc = anc.getparent()
    return anc is p


def _pieces(p: etree._Element) -> list[_Piece]:
    pieces: list[_Piece] = []
    pos = 0
    for r in p.iter(_w("r")):
        if not _owned_by(r, p):
            continue
        for child in r:
            tag = child.tag
            if tag == _w("t"):
                text = child.text or ""
            elif tag == _w("tab") or tag == _w("ptab"):
                text = "\t"
            elif tag in (_w("br"), _w("cr")):
                text = "\n"
            elif tag == _w("noBreakHyphen"):
                text = "-"
            else:
                continue
            if text:
                pieces.append(_Piece(r, child, pos, text))
                pos += len(text)
    return pieces


def _ptext(p: etree._Element) -> str:
    return "".join(pc.text for pc in _pieces(p))


def _orig_text(p: etree._Element) -> str:
    """The paragraph's text before our revisions: deleted text in, inserted text out."""
    out = []
    for r in p.iter(_w("r")):
        anc, skip = r.getparent(), False
        while anc is not None and anc is not p:
            if anc.tag == _w("ins") or anc.tag == _w("p"):
                skip = True
                break
            anc = anc.getparent()
        if skip:
            continue
        for c in r:
            if c.tag in (_w("t"), _w("delText")):
                out.append(c.text or "")
            elif c.tag in (_w("tab"),):
                out.append("\t")
    return "".join(out)


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")


def _split_run_before(run: etree._Element, elem: etree._Element) -> etree._Element:
    """Move ``elem`` and the run content after it into a new run (same formatting) placed right
    after ``run``; return the new run."""
    new = etree.Element(_w("r"), nsmap=run.nsmap)
    for k, v in run.attrib.items():
        new.set(k, v)
    rpr = run.find(_w("rPr"))
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


def _split_at(p: etree._Element, pos: int) -> None:
    """Make character offset ``pos`` of the paragraph's visible text fall on a run boundary."""
    for _i, pc in enumerate(_pieces(p)):
        if pc.start < pos < pc.end:
            k = pos - pc.start
            t2 = etree.Element(pc.elem.tag)
            _set_text(t2, pc.text[k:])
            _set_text(pc.elem, pc.text[:k])
            pc.elem.addnext(t2)
            _split_run_before(pc.run, t2)
            return
        if pc.start == pos:
            # boundary before this piece: split its run unless the piece starts the run's text
            first_text = next((c for c in pc.run if c.tag not in (_w("rPr"),)), None)
            if first_text is not pc.elem:
                _split_run_before(pc.run, pc.elem)
            return


def _isolate(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    """Split runs so that [start, end) is made of whole runs; return those runs in order."""
    _split_at(p, end)
    _split_at(p, start)
    runs: list[etree._Element] = []
    for pc in _pieces(p):
        if pc.start >= start and pc.end <= end and (not runs or runs[-1] is not pc.run):
            runs.append(pc.run)
    return runs


# --------------------------------------------------------------------------------------------
# The revision writer


class _Revisions:
    def __init__(self, body: etree._Element, author: str, date: str):
        self.author = author
        self.date = date
        ids = [int(v) for v in (el.get(_w("id")) for el in body.iter()) if v and v.lstrip("-").isdigit()]
        self._next = max(ids + [0]) + 1000

    def next_id(self) -> str:
        self._next += 1
        return str(self._next)

    def mark(self, tag: str) -> etree._Element:
        el = etree.Element(_w(tag))
        el.set(_w("id"), self.next_id())
        el.set(_w("author"), self.author)
        el.set(_w("date"), self.date)
        return el


def _clean_rpr(rpr: etree._Element | None) -> etree._Element | None:
    if rpr is None:
        return None
    rpr = copy.deepcopy(rpr)
    for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange"):
        for el in rpr.findall(_w(tag)):
            rpr.remove(el)
    return rpr


def _make_run(text: str, rpr: etree._Element | None) -> etree._Element:
    r = etree.Element(_w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    parts = re.split(r"(\t|\n)", text)
    for part in parts:
        if part == "\t":
            r.append(etree.Element(_w("tab")))
        elif part == "\n":
            r.append(etree.Element(_w("br")))
        elif part:
            t = etree.SubElement(r, _w("t"))
            _set_text(t, part)
    return r


def _wrap_deleted(runs: list[etree._Element], rev: _Revisions) -> list[etree._Element]:
    """Wrap runs in ``w:del`` (grouping adjacent siblings), turning their text into delText."""
    wrappers: list[etree._Element] = []
    group: list[etree._Element] = []

    def flush():
        if not group:
            return
        d = rev.mark("del")
        group[0].addprevious(d)
        for r in group:
            for t in r.findall(_w("t")):
                t.tag = _w("delText")
            for t in r.findall(_w("instrText")):
                t.tag = _w("delInstrText")
            d.append(r)
        wrappers.append(d)
        group.clear()

    for r in runs:
        parent = r.getparent()
        if parent is not None and parent.tag == _w("ins"):  # our own inserted text: just drop it
            flush()
            parent.remove(r)
            continue
        if group and group[-1].getnext() is not r:
            flush()
        group.append(r)
    flush()
    return wrappers


def _rpr_at(p: etree._Element, pos: int) -> etree._Element | None:
    pcs = _pieces(p)
    for pc in pcs:
        if pc.start <= pos < pc.end:
            return _clean_rpr(pc.run.find(_w("rPr")))
    if pcs:
        return _clean_rpr(pcs[-1].run.find(_w("rPr")))
    return None


def _body_rpr(p: etree._Element) -> etree._Element | None:
    """The formatting of most of the paragraph's text (not of a bold lead-in heading)."""
    weight: dict[int, tuple[int, etree._Element]] = {}
    for pc in _pieces(p):
        n, _ = weight.get(id(pc.run), (0, pc.run))
        weight[id(pc.run)] = (n + len(pc.text), pc.run)
    if not weight:
        return None
    best: dict[bytes, int] = {}
    rprs: dict[bytes, etree._Element] = {}
    for n, run in weight.values():
        rpr = _clean_rpr(run.find(_w("rPr")))
        key = etree.tostring(rpr) if rpr is not None else b""
        best[key] = best.get(key, 0) + n
        rprs[key] = rpr
    key = max(best, key=best.get)
    return rprs[key]


class _Editor:
    """Applies edits to one ``word/document.xml`` body."""

    def __init__(self, doc, *, author: str, date: str, language: str, supplier: str | None):
        self.doc = doc
        self.body = doc.element.body
        self.rev = _Revisions(doc.element, author, date)
        self.author = author
        self.date = date
        self.language = language or "en"
        self.supplier = supplier
        self.applied: list[AppliedChange] = []
        self.skipped: list[SkippedChange] = []
        self._after: dict[etree._Element, etree._Element] = {}  # anchor paragraph -> last inserted element
        self._new_clause: dict | None = None
        self._style_cache: dict[str, tuple[bool, int | None]] = {}

    # ---- paragraphs ------------------------------------------------------------------------

    def paragraphs(self) -> list[etree._Element]:
        return [p for p in self.body.iter(_w("p")) if not _in_textbox(p)]

    def _find_anchor(self, anchor: str | None, old: str = "") -> etree._Element | None:
        paras = [p for p in self.paragraphs() if not _is_inserted_para(p)]
        texts = [_norm(_ptext(p)) for p in paras]
        nold = _norm(old)

        def pick(cands):
            if not cands:
                return None
            if nold:
                with_old = [i for i in cands if nold in texts[i]]
                if with_old:
                    cands = with_old
                else:
                    return None
            return paras[cands[0]]

        if anchor:
            na = _norm(anchor)
            hit = pick([i for i, t in enumerate(texts) if t == na])
            if hit is not None:
                return hit
            for variant in (na, _norm(_strip_label(anchor))):
                if not variant:
                    continue
                hit = pick([i for i, t in enumerate(texts) if variant in t])
                if hit is not None:
                    return hit
            # the anchor may span a paragraph and its label, or several paragraphs
            hit = pick([i for i, t in enumerate(texts) if len(t) >= 12 and t in na])
            if hit is not None:
                return hit
            hit = self._fuzzy(paras, texts, na, nold)
            if hit is not None:
                return hit
        if nold:
            cands = [i for i, t in enumerate(texts) if nold in t]
            if len(cands) == 1 or (cands and not anchor):
                return paras[cands[0]]
        return None

    @staticmethod
    def _fuzzy(paras, texts, na: str, nold: str):
        try:
            from rapidfuzz import fuzz
        except ImportError:  # pragma: no cover
            return None
        best, best_score = None, 0.0
        for p, t in zip(paras, texts, strict=False):
            if not t or (nold and nold not in t):
                continue
            score = fuzz.partial_ratio(na, t) if len(na) <= len(t) else fuzz.partial_ratio(t, na) * min(1.0, len(t) / max(1, len(na)) * 1.5)
            if score > best_score:
                best, best_score = p, score
        return best if best_score >= 88 else None

    def _locate(self, p: etree._Element, old: str) -> tuple[int, int] | None:
        raw = _ptext(p)
        norm, idx = _norm_with_map(raw)
        nold = _norm(old)
        if not nold:
            return None
        k = norm.find(nold)
        if k < 0:
            return None
        start, end = idx[k], idx[k + len(nold) - 1] + 1
        if old[:1].isspace():
            while start > 0 and raw[start - 1].isspace():
                start -= 1
        if old[-1:].isspace():
            while end < len(raw) and raw[end].isspace():
                end += 1
        return start, end

    # ---- comments --------------------------------------------------------------------------

    def comment(self, finding: Finding, edit: Edit) -> int:
        text = _comment_text(finding, edit, self.language)
        c = self.doc.comments.add_comment(text=text, author=self.author, initials="CC")
        c._comment_elm.set(_w("date"), self.date)
        return c.comment_id

    @staticmethod
    def anchor_comment(cid: int, first: etree._Element, last: etree._Element,
                       ref_parent_ins: etree._Element | None = None) -> None:
        start = etree.Element(_w("commentRangeStart"))
        start.set(_w("id"), str(cid))
        end = etree.Element(_w("commentRangeEnd"))
        end.set(_w("id"), str(cid))
        first.addprevious(start)
        last.addnext(end)
        ref_run = etree.Element(_w("r"))
        rpr = etree.SubElement(ref_run, _w("rPr"))
        etree.SubElement(rpr, _w("rStyle")).set(_w("val"), "CommentReference")
        etree.SubElement(ref_run, _w("commentReference")).set(_w("id"), str(cid))
        if ref_parent_ins is not None:
            ref_parent_ins.append(ref_run)
        else:
            end.addnext(ref_run)

    # ---- delete / replace ------------------------------------------------------------------

    def apply_inline(self, finding: Finding, edit: Edit) -> None:
        p = self._find_anchor(edit.anchor, edit.old)
        if p is None and edit.kind == "replace" and edit.new:
            p = self._find_anchor_original(edit.anchor, edit.old)
            if p is not None:
                self.apply_insert(finding, [edit.model_copy(update={"kind": "insert"})], target_para=p)
                return
        if p is None:
            why = "text to change not found in the document" if edit.old else "edit has no text to change"
            self.skipped.append(SkippedChange(finding.requirement, edit.kind, why, edit))
            return
        loc = self._locate(p, edit.old)
        if loc is None and edit.kind == "replace" and edit.new and _norm(edit.old) in _norm(_orig_text(p)):
            # an earlier edit already rewrote this text (two findings citing the same clause):
            # the replacement wording still goes in, as a clause of its own after it
            self.apply_insert(finding, [edit.model_copy(update={"kind": "insert"})], target_para=p)
            return
        if loc is None:
            self.skipped.append(SkippedChange(finding.requirement, edit.kind,
                                              "text to change not found in its paragraph "
                                              "(already changed by an earlier edit?)", edit))
            return
        start, end = loc
        raw = _ptext(p)
        if edit.kind == "delete":
            new = ""
            # do not leave a double space behind
            if (start > 0 and end < len(raw) and raw[start - 1] == " " and raw[end] == " "):
                end += 1
        else:
            new = edit.new
        old_raw = raw[start:end]
        ops = _diff_ops(old_raw, new)
        if not ops:
            self.skipped.append(SkippedChange(finding.requirement, edit.kind,
                                              "the suggested text is already in the document", edit))
            return
        marks: list[etree._Element] = []
        # right to left so earlier offsets stay valid
        for a0, a1, ins_text in reversed(ops):
            s, e = start + a0, start + a1
            rpr = _rpr_at(p, s if s < e else max(0, s - 1))
            made: list[etree._Element] = []
            ref: etree._Element | None = None
            if e > s:
                runs = _isolate(p, s, e)
                dels = _wrap_deleted(runs, self.rev)
                made.extend(dels)
                ref = dels[-1] if dels else None
            if ins_text:
                ins = self.rev.mark("ins")
                ins.append(_make_run(ins_text, rpr))
                if ref is not None:
                    ref.addnext(ins)
                else:
                    self._insert_at(p, s, ins)
                made.append(ins)
            marks = made + marks
        if not marks:
            self.skipped.append(SkippedChange(finding.requirement, edit.kind, "nothing to mark", edit))
            return
        ordered = sorted(marks, key=_doc_order_key(p))
        cid = self.comment(finding, edit)
        self.anchor_comment(cid, ordered[0], ordered[-1])
        shown = old_raw if edit.kind == "delete" else f"{old_raw} -> {new}"
        self.applied.append(AppliedChange(finding.requirement, edit.kind, shown, cid))

    def _insert_at(self, p: etree._Element, pos: int, el: etree._Element) -> None:
        if pos > 0:
            _split_at(p, pos)
            prev = [pc for pc in _pieces(p) if pc.end <= pos]
            if prev:
                prev[-1].run.addnext(el)
                return
        pcs = _pieces(p)
        if pcs:
            pcs[0].run.addprevious(el)
            return
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            ppr.addnext(el)
        else:
            p.insert(0, el)

    # ---- insert ----------------------------------------------------------------------------

    def _find_anchor_original(self, anchor: str | None, old: str) -> etree._Element | None:
        """The paragraph whose original text (before our changes) holds ``old``."""
        nold = _norm(old)
        for p in self.paragraphs():
            if not _is_inserted_para(p) and nold and nold in _norm(_orig_text(p)):
                return p
        return None

    def apply_insert(self, finding: Finding, edits: Sequence[Edit],
                     target_para: etree._Element | None = None) -> None:
        """Insert one clause; ``edits`` are its language versions (one, or en + zh), each with the
        anchor of its own language where the engine found one."""
        texts = _split_languages(edits)
        if not texts:
            for e in edits:
                self.skipped.append(SkippedChange(finding.requirement, e.kind, "insert edit has no text", e))
            return
        targets: dict[str, etree._Element] = {}
        if target_para is not None:
            for lang in texts:
                targets[lang] = target_para
        for e in edits:
            if not e.anchor or target_para is not None:
                continue
            p = self._find_anchor(e.anchor)
            if p is None:
                continue
            t = self._section_end(p)
            for lang in _split_languages([e]):
                targets.setdefault(lang, t)
        groups: list[list[etree._Element]] = []
        if not targets:
            groups.append(self._insert_new_clause(texts))
        else:
            first = next(iter(targets.values()))
            seq = _sequence(first)
            if _bilingual_row(first) is not None or all(t in seq for t in targets.values()):
                # one place for all languages: after the last of the anchors (keeps EN/ZH pairs)
                target = max(targets.values(), key=lambda t: seq.index(t)) if _bilingual_row(first) is None else first
                groups.append(self._insert_after(target, texts))
            else:
                prev = first
                for lang, text in texts.items():
                    target = targets.get(lang, prev)
                    groups.append(self._insert_after(target, {lang: text}))
                    prev = target
        groups = [g for g in groups if g]
        if not groups:
            for e in edits:
                self.skipped.append(SkippedChange(finding.requirement, e.kind, "no place to insert", e))
            return
        for made in groups:
            cid = self.comment(finding, edits[0] if len(edits) == 1 else _merge_edits(edits))
            # anchor the comment on the first inserted paragraph's text
            first_ins = next((q.find(_w("ins")) for q in made[0].iter(_w("p")) if q.find(_w("ins")) is not None),
                             None)
            if first_ins is not None:
                self.anchor_comment(cid, first_ins, first_ins, ref_parent_ins=first_ins)
            self.applied.append(AppliedChange(finding.requirement, "insert", " / ".join(texts.values()), cid))

    def _section_end(self, p: etree._Element) -> etree._Element:
        """The paragraph after which a new clause of the section headed or containing ``p`` goes."""
        if not self._is_heading(p):
            return p
        level = self._heading_level(p)
        seq = _sequence(p)
        i = seq.index(p)
        last = p
        for q in seq[i + 1:]:
            if _is_inserted_para(q):
                last = q
                continue
            if not _ptext(q).strip():
                continue
            if self._is_heading(q) and self._heading_level(q) <= level:
                break
            if _toplevel_label(_ptext(q)) is not None and _toplevel_label(_ptext(p)) is not None:
                break
            last = q
        return last

    def _style_info(self, style_id: str | None) -> tuple[bool, int | None]:
        """(is a heading style, outline level) for a paragraph style id, following basedOn."""
        if not style_id:
            return False, None
        if style_id in self._style_cache:
            return self._style_cache[style_id]
        styles = self.doc.styles.element
        heading, level = False, None
        sid, seen = style_id, set()
        while sid and sid not in seen:
            seen.add(sid)
            st = styles.find(f"{_w('style')}[@{_w('styleId')}='{sid}']")
            if st is None:
                break
            name = st.find(_w("name"))
            nm = (name.get(_w("val")) if name is not None else sid) or ""
            m = re.match(r"(?i)(heading|标题)\s*(\d)", nm) or re.match(r"(?i)(heading)(\d)", sid)
            if m:
                heading, level = True, int(m.group(2))
                break
            ol = st.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            if ol is not None and ol.get(_w("val"), "9").isdigit() and int(ol.get(_w("val"))) < 9:
                heading, level = True, int(ol.get(_w("val"))) + 1
                break
            based = st.find(_w("basedOn"))
            sid = based.get(_w("val")) if based is not None else None
        self._style_cache[style_id] = (heading, level)
        return heading, level

    def _is_heading(self, p: etree._Element) -> bool:
        text = _ptext(p).strip()
        if not text or len(text) > 60 or text[-1:] in ".;。；:：," and len(text) > 25:
            return False
        heading, _ = self._style_info(_pstyle(p))
        if heading:
            return True
        ol = p.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        if ol is not None:
            return True
        return bool(re.match(r"^(第[一二三四五六七八九十百零〇\d]+条|(ARTICLE|Article|SECTION|Section)\s+\w+|\d+\.?)(\s|[　.])*\S", text)
                    and not re.search(r"(shall|will|must|应|须|不得)", text)
                    and (len(text) <= 40))

    def _heading_level(self, p: etree._Element) -> int:
        _, level = self._style_info(_pstyle(p))
        if level:
            return level
        lab = _typed_label(_ptext(p))
        if lab and re.match(r"\d+(\.\d+)+", lab[0]):
            return lab[0].count(".") + 1
        return 1

    def _new_para(self, template: etree._Element, text: str, rpr_from: etree._Element | None = None) -> etree._Element:
        p = etree.Element(_w("p"))
        ppr = template.find(_w("pPr"))
        ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(_w("pPr"))
        old_mark = _clean_rpr(ppr.find(_w("rPr")))
        for tag in ("sectPr", "pPrChange", "rPr"):
            for el in ppr.findall(_w(tag)):
                ppr.remove(el)
        mark_rpr = old_mark if old_mark is not None else etree.Element(_w("rPr"))
        mark_rpr.insert(0, self.rev.mark("ins"))
        ppr.append(mark_rpr)
        p.append(ppr)
        ins = self.rev.mark("ins")
        ins.append(_make_run(text, _body_rpr(rpr_from if rpr_from is not None else template)))
        p.append(ins)
        return p

    def _insert_after(self, target: etree._Element, texts: dict[str, str]) -> list[etree._Element]:
        row = _bilingual_row(target)
        key = row if row is not None else target
        after = self._after.get(key, row if row is not None else target)
        if row is not None:
            new_row = self._new_row(row, texts)
            after.addnext(new_row)
            self._after[key] = new_row
            return [new_row]
        made = []
        for lang, text in texts.items():
            template = target
            if len(texts) > 1:  # bilingual paragraphs: follow the paragraph of the same language
                template = _first_not_none(_nearest_same_language(target, lang), target)
            label = _next_typed_label(_ptext(template), self._following_labels(target))
            body = text if (label is None or _typed_label(text)) else f"{label} {text}"
            p = self._new_para(template, body)
            after.addnext(p)
            after = p
            made.append(p)
        self._after[key] = after
        return made

    def _first_body_after(self, head: etree._Element) -> etree._Element | None:
        seq = _sequence(head)
        for q in seq[seq.index(head) + 1:]:
            if not _ptext(q).strip():
                continue
            if self._is_heading(q):
                return None
            return q
        return None

    def _following_labels(self, p: etree._Element) -> set[str]:
        labels = set()
        for q in _sequence(p):
            lab = _typed_label(_ptext(q))
            if lab:
                labels.add(lab[0])
        return labels

    def _new_row(self, row: etree._Element, texts: dict[str, str], numbered: bool = True) -> etree._Element:
        new = copy.deepcopy(row)
        for tag in ("commentRangeStart", "commentRangeEnd", "bookmarkStart", "bookmarkEnd"):
            for el in list(new.iter(_w(tag))):
                el.getparent().remove(el)
        trpr = new.find(_w("trPr"))
        if trpr is None:
            trpr = etree.Element(_w("trPr"))
            tblpr_ex = new.find(_w("tblPrEx"))
            if tblpr_ex is not None:
                tblpr_ex.addnext(trpr)
            else:
                new.insert(0, trpr)
        for tag in ("ins", "del", "trPrChange"):
            for el in trpr.findall(_w(tag)):
                trpr.remove(el)
        trpr.append(self.rev.mark("ins"))
        cells = new.findall(_w("tc"))
        orig_cells = row.findall(_w("tc"))
        langs = ["zh" if _is_cjk(" ".join(_ptext(q) for q in c.iter(_w("p")))) else "en" for c in orig_cells]
        placed: set[str] = set()
        for cell, orig, lang in zip(cells, orig_cells, langs, strict=False):
            paras = cell.findall(_w("p"))
            template = _first_not_none(next((q for q in orig.findall(_w("p")) if _ptext(q).strip()), None),
                                       orig.find(_w("p")))
            for el in list(cell):
                if el.tag != _w("tcPr"):
                    cell.remove(el)
            text = texts.get(lang) if lang not in placed else None
            if text is not None:
                placed.add(lang)
                label = (_next_typed_label(_ptext(template), self._following_labels(template))
                         if template is not None and numbered else None)
                if label and not _typed_label(text):
                    text = f"{label} {text}"
            p = self._new_para(template if template is not None else (paras[0] if paras else etree.Element(_w("p"))), text or "")
            if not text:
                p.remove(p.find(_w("ins")))
            cell.append(p)
        missing = [lang for lang in texts if lang not in placed]
        if missing and cells:  # a language with no column of its own goes into the first cell
            cell = cells[0]
            tmpl = cell.findall(_w("p"))[-1]
            for lang in missing:
                cell.append(self._new_para(tmpl, texts[lang]))
        return new

    def _insert_new_clause(self, texts: dict[str, str]) -> list[etree._Element]:
        """A new numbered clause before the signature block (one per document; later clauses
        join it as sub-clauses)."""
        if self._new_clause is not None:
            st = self._new_clause
            st["n"] += 1
            return self._add_subclause(st, texts)
        stop = self._signature_start()
        paras = [p for p in self.paragraphs() if stop is None or _before(p, stop)]
        paras = [p for p in paras if _ptext(p).strip()]
        head = None
        for p in reversed(paras):
            lab = _toplevel_label(_ptext(p))
            if lab is not None or (self._is_heading(p) and self._heading_level(p) == 1):
                head = p
                break
        last_body = paras[-1] if paras else None
        if head is not None and _bilingual_row(head) is not None:
            row = _bilingual_row(head)
            tbl = row.getparent()
            last_row = tbl.findall(_w("tr"))[-1]
            num = _next_toplevel(head, self)
            title_row = self._new_row(row, _titles(texts, num), numbered=False)
            last_row.addnext(title_row)
            first_sub = self._first_body_after(head)
            st = {"kind": "rows", "after": title_row,
                  "template_row": _first_not_none(_bilingual_row(first_sub), _bilingual_row(last_body), row),
                  "num": num, "n": 1}
            self._new_clause = st
            return [title_row] + self._add_subclause(st, texts)
        anchor_el = stop
        if head is None:
            # no numbering found: plain paragraphs styled like the last body paragraph
            template = last_body if last_body is not None else etree.Element(_w("p"))
            st = {"kind": "plain", "template": template, "after": None, "before": anchor_el, "n": 1,
                  "num": None}
            self._new_clause = st
            return self._add_subclause(st, texts)
        num = _next_toplevel(head, self)
        heading_like = self._is_heading(head)
        made = []
        st = {"kind": "paras", "before": anchor_el, "after": None, "num": num, "n": 1,
              "head": head, "template": _first_not_none(self._first_body_after(head), last_body) if heading_like else head,
              "heading_like": heading_like}
        if heading_like:
            hp = self._new_para(head, " / ".join(_titles(texts, num).values()) if len(texts) > 1
                                else next(iter(_titles(texts, num).values())))
            self._place(st, hp)
            made.append(hp)
        self._new_clause = st
        return made + self._add_subclause(st, texts)

    def _place(self, st: dict, el: etree._Element) -> None:
        if st.get("after") is not None:
            st["after"].addnext(el)
        elif st.get("before") is not None:
            st["before"].addprevious(el)
        else:
            sect = self.body.find(_w("sectPr"))
            if sect is not None:
                sect.addprevious(el)
            else:
                self.body.append(el)
        st["after"] = el

    def _add_subclause(self, st: dict, texts: dict[str, str]) -> list[etree._Element]:
        if st["kind"] == "rows":
            arabic = st["num"].get("arabic")
            new = self._new_row(st["template_row"], {
                lang: (f"{arabic}.{st['n']} {t}" if arabic and not _typed_label(t) else t)
                for lang, t in texts.items()}, numbered=False)
            st["after"].addnext(new)
            st["after"] = new
            return [new]
        made = []
        for lang, text in texts.items():
            template = st["template"]
            label = None
            if st["kind"] == "paras":
                tl = _typed_label(_ptext(template))
                if st["heading_like"]:
                    if tl and tl[1] == "dotted" and st["num"].get("arabic"):
                        label = f"{st['num']['arabic']}.{st['n']}"
                else:
                    prev = st.setdefault("last_label", {}).get(lang)
                    label = (_next_typed_label(prev, set()) if prev
                             else st["num"].get(lang) or st["num"].get("en") or st["num"].get("zh"))
                    if label:
                        st["last_label"][lang] = f"{label} x"
            body = f"{label} {text}" if label and not _typed_label(text) else text
            p = self._new_para(template, body)
            self._place(st, p)
            made.append(p)
        return made

    def _signature_start(self) -> etree._Element | None:
        """The first body-level element of the signature block, or None."""
        items = [el for el in self.body if el.tag in (_w("p"), _w("tbl"))]
        if not items:
            return None
        strong = re.compile(r"IN WITNESS WHEREOF|以下无正文|以下为签署页|签署页|Signature Page|"
                            r"\(seal\)|（盖章）|（签章）|签字盖章|签字或盖章|签章：|盖章：|Signed for and on behalf|"
                            r"Authori[sz]ed (Signatory|Representative|Signature)\s*:|^\s*By:\s*_*", re.I)
        n = len(items)
        for i, el in enumerate(items):
            if i < n * 0.4:
                continue
            text = "\n".join(_ptext(p) for p in (el.iter(_w("p")) if el.tag == _w("tbl") else [el]))
            if strong.search(text):
                # walk back over the lead-in lines (blank paragraphs, "Party A:" lines) of the block
                j = i
                while j > 0:
                    prev = items[j - 1]
                    pt = "\n".join(_ptext(p) for p in (prev.iter(_w("p")) if prev.tag == _w("tbl") else [prev])).strip()
                    if not pt or (len(pt) < 40 and re.search(r"(甲方|乙方|Party [AB]|签订|日期|Date)[:：]?", pt)):
                        j -= 1
                        continue
                    break
                return items[j]
        return None


def _first_not_none(*items):
    return next((x for x in items if x is not None), None)


def _before(p: etree._Element, stop: etree._Element) -> bool:
    # document order check via the body-level ancestor
    anc = p
    while anc.getparent() is not None and anc.getparent().tag != _w("body"):
        anc = anc.getparent()
    body = anc.getparent()
    if body is None:
        return True
    return body.index(anc) < body.index(stop)


def _doc_order_key(p: etree._Element):
    order = {id(el): i for i, el in enumerate(p.iter())}
    return lambda el: order.get(id(el), 0)


def _in_textbox(p: etree._Element) -> bool:
    anc = p.getparent()
    while anc is not None:
        if anc.tag == _w("txbxContent"):
            return True
        anc = anc.getparent()
    return False


def _is_inserted_para(p: etree._Element) -> bool:
    return p.find(f"{_w('pPr')}/{_w('rPr')}/{_w('ins')}") is not None


def _pstyle(p: etree._Element) -> str | None:
    ps = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    return ps.get(_w("val")) if ps is not None else None


def _sequence(p: etree._Element) -> list[etree._Element]:
    """The paragraphs ``p`` is read among: the body's paragraphs, or the same column of its table."""
    parent = p.getparent()
    if parent.tag == _w("tc"):
        row = parent.getparent()
        col = row.findall(_w("tc")).index(parent)
        tbl = row.getparent()
        out = []
        for tr in tbl.findall(_w("tr")):
            tcs = tr.findall(_w("tc"))
            if col < len(tcs):
                out.extend(tcs[col].findall(_w("p")))
        return out
    return [q for q in parent if q.tag == _w("p")]


def _bilingual_row(p: etree._Element | None) -> etree._Element | None:
    """The table row of ``p`` when it sits in a row with an English and a Chinese column."""
    if p is None:
        return None
    parent = p.getparent()
    if parent is None or parent.tag != _w("tc"):
        return None
    row = parent.getparent()
    cells = row.findall(_w("tc"))
    if len(cells) < 2:
        return None
    langs = {("zh" if _is_cjk(t) else "en") for t in
             (" ".join(_ptext(q) for q in c.iter(_w("p"))) for c in cells) if t.strip()}
    return row if langs == {"en", "zh"} else None


def _nearest_same_language(p: etree._Element, lang: str) -> etree._Element | None:
    seq = _sequence(p)
    i = seq.index(p)
    for q in [p] + seq[i - 1::-1][:3] + seq[i + 1:i + 3]:
        t = _ptext(q)
        if t.strip() and ("zh" if _is_cjk(t) else "en") == lang:
            return q
    return None


def _split_languages(edits: Sequence[Edit]) -> dict[str, str]:
    """{language: text} for an insert, splitting a bilingual text into its English and Chinese
    lines."""
    out: dict[str, str] = {}
    for e in edits:
        text = (e.new or "").strip()
        if not text:
            continue
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        langs = {("zh" if _is_cjk(ln) else "en") for ln in lines}
        if e.language in ("bilingual", "en+zh", "zh+en") or len(langs) > 1:
            for ln in lines:
                lang = "zh" if _is_cjk(ln) else "en"
                out[lang] = (out[lang] + " " + ln) if lang in out else ln
        else:
            lang = "zh" if (e.language == "zh" or _is_cjk(text)) else "en"
            out[lang] = (out[lang] + " " + " ".join(lines)) if lang in out else " ".join(lines)
    return out


def _merge_edits(edits: Sequence[Edit]) -> Edit:
    reasons = [e.reason for e in edits if e.reason]
    return edits[0].model_copy(update={"reason": "\n".join(dict.fromkeys(reasons))})


# --------------------------------------------------------------------------------------------
# Typed numbering

_CN_DIGITS = "零一二三四五六七八九"


def _cn_to_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    s = s.replace("〇", "零")
    if not s or any(c not in _CN_DIGITS + "十百" for c in s):
        return None
    total, num = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            num = _CN_DIGITS.index(c)
        elif c == "十":
            total += (num or 1) * 10
            num = 0
        elif c == "百":
            total += (num or 1) * 100
            num = 0
    return total + num


def _int_to_cn(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    h, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + _int_to_cn(rest) if rest < 10 else
                                 (("一" if rest < 20 else "") + _int_to_cn(rest)))
    return _CN_DIGITS[h] + "百" + tail


_LABEL_RES = [
    ("cn-article", re.compile(r"^(第([一二三四五六七八九十百零〇\d]+)条)[\s\u3000]*")),
    ("article", re.compile(r"^((?:ARTICLE|Article|SECTION|Section|Clause|CLAUSE)\s+(\d+|[IVXLC]+))[.:]?\s+")),
    ("dotted", re.compile(r"^((\d+(?:\.\d+)+)\.?)\s+")),
    ("number", re.compile(r"^((\d{1,3})[.)]?)\s+")),
    ("cn-paren", re.compile(r"^([（(]([一二三四五六七八九十]+)[)）])\s*")),
    ("paren", re.compile(r"^(\(([a-z]{1,2}|\d{1,2}|[ivx]{1,5})\))\s+")),
    ("letter", re.compile(r"^(([a-z])[.)])\s+")),
]


def _typed_label(text: str) -> tuple[str, str, re.Match] | None:
    """(label value, kind, match) of a number typed at the start of ``text``."""
    t = text.lstrip()
    for kind, rx in _LABEL_RES:
        m = rx.match(t)
        if m:
            return m.group(2) if kind != "cn-article" else m.group(1), kind, m
    return None


def _strip_label(text: str) -> str:
    lab = _typed_label(text)
    return text.lstrip()[lab[2].end():] if lab else text


def _toplevel_label(text: str) -> str | None:
    lab = _typed_label(text)
    if lab and lab[1] in ("cn-article", "article", "number"):
        return lab[0]
    return None


def _roman(n: int) -> str:
    vals = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _from_roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=False):
        v = vals.get(a, 0)
        total += -v if vals.get(b, 0) > v else v
    return total


def _next_typed_label(text: str, existing: set[str]) -> str | None:
    """The number for a clause inserted right after the clause numbered in ``text``: the next
    number when it is free, else an inserted-clause number ("8.4A", "第八条之一", "(c-1)")."""
    lab = _typed_label(text)
    if not lab:
        return None
    value, kind, m = lab
    full = m.group(1)
    if kind == "dotted":
        head, last = value.rsplit(".", 1)
        nxt = f"{head}.{int(last) + 1}"
        trail = "." if full.endswith(".") else ""
        return (nxt if nxt not in existing else f"{value}A") + trail
    if kind == "number":
        nxt = str(int(value) + 1)
        return full.replace(value, nxt if nxt not in existing else f"{value}A", 1)
    if kind == "cn-article":
        return f"{value}之一"
    if kind == "article":
        if value.isdigit():
            nxt = str(int(value) + 1)
            return full.replace(value, nxt if nxt not in existing else f"{value}A")
        return full + "A"
    if kind == "cn-paren":
        n = _cn_to_int(value) or 0
        nxt = _int_to_cn(n + 1)
        return full.replace(value, nxt if nxt not in existing else f"{value}之一")
    if kind == "paren":
        if value.isdigit():
            nxt = str(int(value) + 1)
        elif len(value) == 1 and value not in "ivx":
            nxt = chr(ord(value) + 1)
        else:
            nxt = value + "-1"
        return full.replace(value, nxt if nxt not in existing else f"{value}-1")
    if kind == "letter":
        nxt = chr(ord(value) + 1)
        return full.replace(value, nxt if nxt not in existing else f"{value}-1")
    return None


def _next_toplevel(head: etree._Element, editor: _Editor) -> dict:
    """The number for a new top-level clause after the one headed by ``head``, per language."""
    row = _bilingual_row(head)
    texts = [_ptext(p) for p in (row.iter(_w("p")) if row is not None else [head])]
    out: dict = {}
    for t in texts:
        lab = _typed_label(t)
        if not lab:
            continue
        value, kind, m = lab
        lang = "zh" if kind == "cn-article" or _is_cjk(t) else "en"
        if kind == "cn-article":
            n = _cn_to_int(m.group(2)) or 0
            out[lang] = f"第{_int_to_cn(n + 1) if not m.group(2).isdigit() else n + 1}条"
            out.setdefault("arabic", str(n + 1))
        elif kind == "article":
            v = m.group(2)
            n = int(v) + 1 if v.isdigit() else _from_roman(v) + 1
            out[lang] = m.group(1).replace(v, str(n) if v.isdigit() else _roman(n))
            out.setdefault("arabic", str(n))
        elif kind == "number":
            n = int(value) + 1
            out[lang] = m.group(1).replace(value, str(n))
            out.setdefault("arabic", str(n))
        out["dotted"] = True
    if "arabic" not in out:
        # automatic numbering: the new heading copies the numbering, no typed number
        out = {"arabic": "", "dotted": False}
    return out


def _titles(texts: dict[str, str], num: dict) -> dict[str, str]:
    out = {}
    for lang in texts:
        title = NEW_CLAUSE_TITLE[1] if lang == "zh" else NEW_CLAUSE_TITLE[0]
        label = num.get(lang) or num.get("en") or num.get("zh")
        sep = "\u3000" if lang == "zh" else " "
        out[lang] = f"{label}{sep}{title}" if label else title
    return out


# --------------------------------------------------------------------------------------------
# Diff of a replaced passage, word by word (CJK character by character)

_TOKEN_RE = re.compile(r"\s+|[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")


def _diff_ops(old: str, new: str) -> list[tuple[int, int, str]]:
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


# --------------------------------------------------------------------------------------------
# Comments


def _comment_text(finding: Finding, edit: Edit, language: str) -> str:
    req = REQUIREMENT_NAMES.get(finding.requirement, (finding.requirement, finding.requirement))
    status = str(getattr(finding.status, "value", finding.status))
    st = STATUS_NAMES.get(status, (status, status))
    codes = [r.code for r in finding.reasons]
    act = ACTION_NAMES.get(edit.kind, ("", ""))
    reason = (edit.reason or "").strip()
    reason_is_zh = _is_cjk(reason)
    en_lines = [f"{ART6_EN}: the supplier must {req[0]}.",
                f"Verdict: {st[0]}" + (f" ({', '.join(codes)}: "
                                         + "; ".join(REASON_NAMES.get(c, (c, c))[0] for c in codes) + ")"
                                         if codes else "") + ".",
                act[0]]
    zh_lines = [f"依据{ART6_ZH}，产品和服务提供者应当承诺{req[1]}。",
                f"审查结论：{st[1]}" + ("（" + "；".join(REASON_NAMES.get(c, (c, c))[1] for c in codes) + "）"
                                   if codes else "") + "。",
                act[1]]
    if reason:
        (zh_lines if reason_is_zh else en_lines).append(reason)
    if language == "zh":
        return "\n".join(zh_lines)
    if language == "bilingual":
        return "\n".join(en_lines + zh_lines)
    return "\n".join(en_lines)


# --------------------------------------------------------------------------------------------
# Building a DOCX from PDF / TXT blocks


def build_docx_from_blocks(source) -> object:
    """A plain DOCX with one paragraph per block of a ``SourceDocument`` (headings styled)."""
    import docx
    from docx.oxml.ns import qn

    from clausecheck.document import BlockKind

    d = docx.Document()
    normal = d.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), "SimSun")
    for block in docx_blocks(source):
        text = block.text if not block.label else f"{block.label} {block.text}"
        style = "Heading 1" if block.kind == BlockKind.HEADING or str(block.kind) == "heading" else None
        d.add_paragraph(_xml_safe(text), style=style)
    return d


def docx_blocks(source) -> list:
    """The blocks of a PDF/TXT ``SourceDocument`` that become paragraphs (page furniture --
    running headers and footers -- is left out)."""
    from clausecheck.document import BlockKind

    return [b for b in source.blocks if b.kind != BlockKind.HEADER_FOOTER and b.kind != "header-footer"]


_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)


# --------------------------------------------------------------------------------------------
# Entry point


def _iso(date: dt.datetime | str | None) -> str:
    if date is None:
        date = dt.datetime.now(dt.timezone.utc)
    if isinstance(date, str):
        return date
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.timezone.utc)
    return date.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _edits_of(report: DocumentReport) -> Iterable[tuple[Finding, list[Edit]]]:
    for f in report.findings:
        status = str(getattr(f.status, "value", f.status))
        if status == "compliant" or f.suggestion is None or not f.suggestion.edits:
            continue
        yield f, list(f.suggestion.edits)


def redline(source_path: str | Path, report: DocumentReport, out_path: str | Path, *,
            author: str = "clausecheck", date: dt.datetime | str | None = None,
            password: str | None = None) -> RedlineResult:
    """Write ``out_path`` (a .docx): the source with the report's suggested edits as tracked
    changes, each with a comment citing Art. 6 of the Cybersecurity Review Measures."""
    import docx

    source_path = Path(source_path)
    out_path = Path(out_path)
    from clausecheck.errors import UnreadableDocument
    from clausecheck.read import sniff_format

    try:
        with source_path.open("rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise UnreadableDocument(source_path, "not-found", str(exc)) from None
    kind = sniff_format(head, source_path.suffix.lower())
    warnings: list[str] = []
    if kind == "zip" or kind == "ole2":
        fmt = "docx"
        data = source_path.read_bytes() if kind == "zip" else _decrypt(source_path, password)
        if kind == "ole2":
            warnings.append("the input is encrypted; the redline is written without a password")
        import io

        d = docx.Document(io.BytesIO(data))
    elif kind in ("pdf", "text"):
        fmt = "pdf" if kind == "pdf" else "txt"
        from clausecheck.read import read_document

        src = read_document(source_path, password=password)
        d = build_docx_from_blocks(src)
        warnings.append(f"{fmt.upper()} input: the redline is a new DOCX built from the extracted text; "
                        "the original layout is not kept")
    else:
        raise UnreadableDocument(source_path, "unsupported-type",
                                 "cannot redline this file: give a PDF, DOCX or TXT contract")

    language = report.language or "en"
    ed = _Editor(d, author=author, date=_iso(date), language=language, supplier=report.supplier_term)
    for finding, edits in _edits_of(report):
        inline = [e for e in edits if e.kind in ("delete", "replace")]
        inserts = [e for e in edits if e.kind == "insert"]
        for e in inline:
            try:
                ed.apply_inline(finding, e)
            except Exception as exc:  # noqa: BLE001 - one bad edit must not lose the others
                ed.skipped.append(SkippedChange(finding.requirement, e.kind, f"internal error: {exc!r}", e))
        for group in _group_inserts(inserts):
            try:
                ed.apply_insert(finding, group)
            except Exception as exc:  # noqa: BLE001
                for e in group:
                    ed.skipped.append(SkippedChange(finding.requirement, e.kind, f"internal error: {exc!r}", e))
    _enable_track_changes(d)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out_path))
    return RedlineResult(output=out_path, source_format=fmt, applied=tuple(ed.applied),
                         skipped=tuple(ed.skipped), warnings=tuple(warnings))


def _decrypt(path: Path, password: str | None) -> bytes:
    """The plain DOCX bytes of a password-protected Word file."""
    import io

    from clausecheck.errors import UnreadableDocument

    try:
        import msoffcrypto
    except ImportError:  # pragma: no cover
        raise UnreadableDocument(path, "encrypted", "cannot decrypt: msoffcrypto-tool is not installed") from None
    if password is None:
        raise UnreadableDocument(path, "encrypted", "The document is password-protected (encrypted). "
                                 "Give its password, or save an unprotected copy.")
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(path.read_bytes()))
        office.load_key(password=password)
        buf = io.BytesIO()
        office.decrypt(buf)
    except Exception:  # noqa: BLE001 - msoffcrypto raises many kinds for a wrong key
        raise UnreadableDocument(path, "wrong-password",
                                 "The password given does not open this encrypted document.") from None
    return buf.getvalue()


def _group_inserts(inserts: list[Edit]) -> list[list[Edit]]:
    """Language versions of one clause (consecutive inserts in different languages) go in
    together."""
    groups: list[list[Edit]] = []
    for e in inserts:
        lang = "zh" if (e.language == "zh" or _is_cjk(e.new)) else e.language
        if groups:
            g = groups[-1]
            glangs = {("zh" if (x.language == "zh" or _is_cjk(x.new)) else x.language) for x in g}
            if lang not in glangs and len(g) < 2:
                g.append(e)
                continue
        groups.append([e])
    return groups


def _enable_track_changes(d) -> None:
    """Keep tracking on, so the reviewer's own edits are tracked too."""
    settings = d.settings.element
    if settings.find(_w("trackRevisions")) is None:
        el = etree.Element(_w("trackRevisions"))
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
