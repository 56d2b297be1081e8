"""Applies a report's edits to one Word body as tracked changes.

- ``delete`` strikes ``old`` inside the paragraph that contains ``anchor``; where that leaves the
  paragraph with nothing but its number, the whole clause goes (number and paragraph mark), or,
  when later clauses of the same article follow, it reads "[Intentionally omitted.]" so that their
  numbers and the contract's cross-references stay right;
- ``replace`` strikes ``old`` and inserts ``new`` beside it, word by word where that reads as an
  edit a lawyer would make, else as a replaced passage;
- ``insert`` adds ``new`` as a numbered clause at the end of the article where the undertaking
  belongs (``numbering.Outline``), or as a new article before the signature block.

Paragraph marks and table rows that are added are marked inserted, so "reject all" restores the
original exactly.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from clausecheck.findings import Edit, Finding
from clausecheck.redline.comments import anchor_comment, comment_text
from clausecheck.redline.numbering import (
    NEW_CLAUSE_TITLE,
    Outline,
    Styles,
    bilingual_row,
    label_after_last,
    next_toplevel,
    next_typed_label,
    num_pr,
    signature_start,
    strip_label,
    sub_clauses,
    titles,
    typed_label,
    unit_lang,
)
from clausecheck.redline.wordxml import (
    Revisions,
    body_rpr,
    clean_rpr,
    doc_order_key,
    edit_ops,
    first_not_none,
    in_textbox,
    is_cjk,
    is_deleted_para,
    is_inserted_para,
    isolate,
    make_run,
    mark_inserted,
    norm,
    norm_with_map,
    orig_text,
    pieces,
    ptext,
    rpr_at,
    split_at,
    w,
    wrap_deleted,
)

OMITTED = {"en": "[Intentionally omitted.]", "zh": "[本条删除]"}


@dataclass(frozen=True)
class AppliedChange:
    requirement: str
    kind: str  # delete | replace | insert
    text: str  # the struck text (delete), "old -> new" (replace) or the inserted text
    comment_id: int | None = None
    section: str | None = None  # the clause changed (or, for an insert, the new clause's number)


@dataclass(frozen=True)
class SkippedChange:
    requirement: str
    kind: str
    why: str
    edit: Edit | None = None


@dataclass
class _NewArticle:
    """The article this redline adds before the signature block (one per document; later
    undertakings join it as sub-clauses)."""

    template: etree._Element | None
    number: dict
    heading_like: bool
    after: etree._Element | None = None
    before: etree._Element | None = None
    n: int = 0
    last_label: dict = field(default_factory=dict)
    rows: etree._Element | None = None  # template row (bilingual table layout)


class Editor:
    """Applies edits to one ``word/document.xml`` body."""

    def __init__(self, doc, *, author: str, date: str, language: str):
        self.doc = doc
        self.body = doc.element.body
        self.rev = Revisions(doc.element, author, date)
        self.author = author
        self.date = date
        self.language = language or "en"
        self.styles = Styles(doc)
        self.applied: list[AppliedChange] = []
        self.skipped: list[SkippedChange] = []
        self._after: dict[etree._Element, etree._Element] = {}
        self._new: _NewArticle | None = None

    # ---- finding paragraphs ----------------------------------------------------------------

    def paragraphs(self) -> list[etree._Element]:
        return [p for p in self.body.iter(w("p")) if not in_textbox(p)]

    def find_anchor(self, anchor: str | None, old: str = "") -> etree._Element | None:
        paras = [p for p in self.paragraphs() if not is_inserted_para(p) and not is_deleted_para(p)]
        texts = [norm(ptext(p)) for p in paras]
        nold = norm(old)

        def pick(cands):
            if not cands:
                return None
            if nold:
                with_old = [i for i in cands if nold in texts[i]]
                if not with_old:
                    return None
                cands = with_old
            return paras[cands[0]]

        if anchor:
            na = norm(anchor)
            hit = pick([i for i, t in enumerate(texts) if t == na])
            if hit is not None:
                return hit
            for variant in (na, norm(strip_label(anchor))):
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
        from rapidfuzz import fuzz

        best, best_score = None, 0.0
        for p, t in zip(paras, texts, strict=False):
            if not t or (nold and nold not in t):
                continue
            score = fuzz.partial_ratio(na, t) if len(na) <= len(t) else \
                fuzz.partial_ratio(t, na) * min(1.0, len(t) / max(1, len(na)) * 1.5)
            if score > best_score:
                best, best_score = p, score
        return best if best_score >= 88 else None

    def _find_original(self, old: str) -> etree._Element | None:
        """The paragraph whose original text (before our changes) holds ``old``."""
        nold = norm(old)
        for p in self.paragraphs():
            if not is_inserted_para(p) and nold and nold in norm(orig_text(p)):
                return p
        return None

    @staticmethod
    def locate(p: etree._Element, old: str, anchor: str | None = None) -> tuple[int, int] | None:
        """Where ``old`` is in the paragraph: inside ``anchor`` (the sentence the edit is about)
        where the paragraph holds it, since the same words may come earlier in the paragraph."""
        raw = ptext(p)
        n, idx = norm_with_map(raw)
        nold = norm(old)
        if not nold:
            return None
        at = n.find(norm(anchor)) if anchor else -1
        k = n.find(nold, at) if at >= 0 else -1
        if k < 0:
            k = n.find(nold)
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

    def comment(self, finding: Finding, edit: Edit, *, whole: bool = False, also: list[str] | None = None) -> int:
        text = comment_text(finding, edit, self.language, whole=whole, also=also)
        c = self.doc.comments.add_comment(text=text, author=self.author, initials="CC")
        c._comment_elm.set(w("date"), self.date)
        return c.comment_id

    # ---- delete / replace ------------------------------------------------------------------

    def apply_inline(self, finding: Finding, edit: Edit, also: list[str] | None = None) -> None:
        p = self.find_anchor(edit.anchor, edit.old)
        if p is None and edit.kind == "replace" and edit.new and edit.target == "commitment":
            p = self._find_original(edit.old)
            if p is not None:  # an earlier edit rewrote it: the wording goes in as a clause after it
                self.insert_after_paragraph(finding, edit, p)
                return
        if p is None:
            why = "text to change not found in the document" if edit.old else "edit has no text to change"
            self.skipped.append(SkippedChange(finding.requirement, edit.kind, why, edit))
            return
        loc = self.locate(p, edit.old, edit.anchor)
        if loc is None:
            self.skipped.append(SkippedChange(finding.requirement, edit.kind,
                                              "text to change not found in its paragraph "
                                              "(already changed by an earlier edit?)", edit))
            return
        start, end = loc
        raw = ptext(p)
        rest = raw[:start] + raw[end:]
        whole_clause = edit.kind == "delete" and not strip_label(rest).strip(" \t\u3000.;；。")
        if whole_clause:
            self._strike_clause(finding, edit, p, start, end, also)
            return
        if edit.kind == "delete":
            new = ""
            if start > 0 and end < len(raw) and raw[start - 1] == " " and raw[end] == " ":
                end += 1  # do not leave a double space behind
        else:
            new = edit.new
        old_raw = raw[start:end]
        ops = edit_ops(old_raw, new)
        if not ops:
            self.skipped.append(SkippedChange(finding.requirement, edit.kind,
                                              "the suggested text is already in the document", edit))
            return
        marks = self._mark_ops(p, start, ops)
        ordered = sorted(marks, key=doc_order_key(p))
        whole = edit.kind == "replace" and norm(old_raw) == norm(strip_label(raw))
        cid = self.comment(finding, edit, whole=whole, also=also)
        anchor_comment(cid, ordered[0], ordered[-1])
        shown = old_raw if edit.kind == "delete" else f"{old_raw} -> {new}"
        self.applied.append(AppliedChange(finding.requirement, edit.kind, shown, cid, edit.section))

    def _mark_ops(self, p: etree._Element, start: int, ops: list[tuple[int, int, str]]) -> list[etree._Element]:
        marks: list[etree._Element] = []
        for a0, a1, ins_text in reversed(ops):  # right to left so earlier offsets stay valid
            s, e = start + a0, start + a1
            rpr = rpr_at(p, s if s < e else max(0, s - 1))
            made: list[etree._Element] = []
            ref: etree._Element | None = None
            if e > s:
                dels = wrap_deleted(isolate(p, s, e), self.rev)
                made.extend(dels)
                ref = dels[-1] if dels else None
            if ins_text:
                ins = self.rev.mark("ins")
                ins.append(make_run(ins_text, rpr))
                if ref is not None:
                    ref.addnext(ins)
                else:
                    self._insert_at(p, s, ins)
                made.append(ins)
            marks = made + marks
        return marks

    def _strike_clause(self, finding: Finding, edit: Edit, p: etree._Element, start: int, end: int,
                       also: list[str] | None) -> None:
        """Strike a whole clause: its text, its typed number and its paragraph mark; or, when
        later clauses of the article follow it, leave "[Intentionally omitted.]" under its number."""
        raw = ptext(p)
        lang = "zh" if is_cjk(raw) else "en"
        if self._followed_by_sibling(p):
            lab = typed_label(raw)
            s = (len(raw) - len(raw.lstrip())) + lab[2].end() if lab else 0
            marks = self._mark_ops(p, s, [(0, len(raw) - s, OMITTED[lang])])
            shown = f"{raw[s:]} -> {OMITTED[lang]}"
        else:
            marks = self._mark_ops(p, 0, [(0, len(raw), "")])
            ppr = p.find(w("pPr"))
            if ppr is None:
                ppr = etree.Element(w("pPr"))
                p.insert(0, ppr)
            rpr = ppr.find(w("rPr"))
            if rpr is None:
                rpr = etree.SubElement(ppr, w("rPr"))
            rpr.insert(0, self.rev.mark("del"))
            shown = raw
        ordered = sorted(marks, key=doc_order_key(p))
        cid = self.comment(finding, edit, whole=True, also=also)
        anchor_comment(cid, ordered[0], ordered[-1])
        self.applied.append(AppliedChange(finding.requirement, "delete", shown, cid, edit.section))

    def _followed_by_sibling(self, p: etree._Element) -> bool:
        """A later clause at the same level follows ``p`` in its article (its number would shift)."""
        parent = p.getparent()
        seq = [q for q in parent if q.tag == w("p") and ptext(q).strip() and not is_deleted_para(q)]
        if p not in seq:
            return False
        nxt = seq[seq.index(p) + 1] if seq.index(p) + 1 < len(seq) else None
        if nxt is None:
            return False
        mine, theirs = num_pr(p), num_pr(nxt)
        if mine and theirs:
            return mine == theirs
        a, b = typed_label(ptext(p)), typed_label(ptext(nxt))
        if a and b and a[1] == b[1]:
            if a[1] == "dotted":
                return a[0].rsplit(".", 1)[0] == b[0].rsplit(".", 1)[0]
            return True
        return False

    def _insert_at(self, p: etree._Element, pos: int, el: etree._Element) -> None:
        if pos > 0:
            split_at(p, pos)
            prev = [pc for pc in pieces(p) if pc.end <= pos]
            if prev:
                prev[-1].run.addnext(el)
                return
        pcs = pieces(p)
        if pcs:
            pcs[0].run.addprevious(el)
            return
        ppr = p.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(el)
        else:
            p.insert(0, el)

    # ---- insert ----------------------------------------------------------------------------

    def apply_insert(self, finding: Finding, edits: Sequence[Edit]) -> None:
        """Insert one clause; ``edits`` are its language versions (one, or en + zh)."""
        texts = split_languages(edits)
        if not texts:
            for e in edits:
                self.skipped.append(SkippedChange(finding.requirement, e.kind, "insert edit has no text", e))
            return
        prefer = next((p for e in edits if e.anchor for p in [self.find_anchor(e.anchor)] if p is not None), None)
        outline = Outline(self.body, self.styles, signature_start(self.body))
        article = outline.fitting(finding.requirement, prefer)
        if article is not None and self._new is not None and any(
                t in ptext(article.head) for t in NEW_CLAUSE_TITLE.values()):
            article = None  # the article this redline added: its own numbering goes on (11.1, 11.2, 11.3)
        made = self._append_to_article(article, texts) if article is not None else self._new_clause(texts)
        self.word_marks(made)
        if not made:
            for e in edits:
                self.skipped.append(SkippedChange(finding.requirement, e.kind, "no place to insert", e))
            return
        self._comment_insert(finding, edits, made, texts)

    def insert_after_paragraph(self, finding: Finding, edit: Edit, p: etree._Element) -> None:
        texts = split_languages([edit.model_copy(update={"kind": "insert"})])
        made = self._insert_after(p, texts)
        self.word_marks(made)
        self._comment_insert(finding, [edit], made, texts)

    def word_marks(self, made: list[etree._Element]) -> None:
        """Mark new paragraphs the way Word itself does: adding paragraphs after X marks X's
        paragraph mark as inserted, and the last new paragraph ends with X's original mark (with
        the change of its properties recorded in ``w:pPrChange``). Rejected, X's text joins the
        following paragraph and gets its own properties back, in Word and in LibreOffice alike;
        marking only the new paragraphs' own marks makes LibreOffice give the next clause the new
        paragraph's numbering in its view of the original."""
        paras = [m for m in made if m.tag == w("p")]
        if not paras:
            return
        prev = paras[0].getprevious()
        chain = [prev] + paras
        if prev is None or prev.tag != w("p") or is_deleted_para(prev) or mark_inserted(prev) \
                or prev.find(f"{w('pPr')}/{w('sectPr')}") is not None \
                or any(a.getnext() is not b for a, b in zip(chain, chain[1:], strict=False)):
            return
        ppr = prev.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            prev.insert(0, ppr)
        change = ppr.find(w("pPrChange"))
        if change is not None:  # prev was itself the end of an earlier insertion
            original = change.find(w("pPr"))
            ppr.remove(change)
        else:
            original = _props(ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        rpr.insert(0, self.rev.mark("ins"))
        last = paras[-1]
        last_ppr = last.find(w("pPr"))
        for mark in last_ppr.findall(f"{w('rPr')}/{w('ins')}"):
            mark.getparent().remove(mark)
        if etree.tostring(_props(last_ppr)) != etree.tostring(original):
            ch = self.rev.mark("pPrChange")
            ch.append(original)
            last_ppr.append(ch)

    def _comment_insert(self, finding: Finding, edits: Sequence[Edit], made: list[etree._Element],
                        texts: dict[str, str]) -> None:
        edit = edits[0] if len(edits) == 1 else merge_edits(edits)
        cid = self.comment(finding, edit.model_copy(update={"kind": "insert"}))
        first_ins = next((q.find(w("ins")) for q in made[-1].iter(w("p")) if q.find(w("ins")) is not None), None)
        if first_ins is None:
            return
        if first_ins is not None:
            anchor_comment(cid, first_ins, first_ins, ref_parent_ins=first_ins)
        labels = [typed_label(ptext(q)) for el in made for q in el.iter(w("p"))]
        number = next((lab[0] for lab in labels if lab), None)
        self.applied.append(AppliedChange(finding.requirement, "insert", " / ".join(texts.values()), cid, number))

    def _append_to_article(self, article, texts: dict[str, str]) -> list[etree._Element]:
        """The new clause as the last sub-clause of ``article``, numbered after its last one."""
        if article.head.tag == w("tr"):
            rows = [article.head] + [m for m in article.members if m.tag == w("tr")]
            last = self._after.get(article.head, rows[-1])
            template = next((r for r in reversed(rows[1:]) if bilingual_row(r) is not None), article.head)
            labels = {}
            for lang in texts:
                cell_texts = [t for r in rows[1:] for t in _row_texts(r) if (("zh" if is_cjk(t) else "en") == lang)]
                labels[lang] = label_after_last(cell_texts)
            new_row = self.new_row(template, texts, labels=labels)
            last.addnext(new_row)
            self._after[article.head] = new_row
            return [new_row]
        members = [m for m in article.members if m.tag == w("p") and ptext(m).strip()]
        after = self._after.get(article.head, members[-1] if members else article.head)
        made = []
        for lang, text in texts.items():
            subs = sub_clauses(article, lang, self.styles)
            same_lang = [m for m in members if unit_lang(m) == lang]
            template = subs[-1] if subs else (same_lang[-1] if same_lang else (members[-1] if members else None))
            label = label_after_last([ptext(s) for s in subs]) if subs and typed_label(ptext(subs[-1])) else None
            body = f"{label}{_separator(subs[-1])}{text}" if label and not typed_label(text) else text
            p = self.new_para(template if template is not None else article.head, body,
                              plain=template is None)
            after.addnext(p)
            after = p
            made.append(p)
        self._after[article.head] = after
        return made

    def new_para(self, template: etree._Element, text: str, *, plain: bool = False) -> etree._Element:
        """A paragraph formatted like ``template`` (its numbering continues), marked inserted."""
        p = etree.Element(w("p"))
        ppr = template.find(w("pPr"))
        ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(w("pPr"))
        old_mark = clean_rpr(ppr.find(w("rPr")))
        drop = ("sectPr", "pPrChange", "rPr") + (("pStyle", "numPr", "outlineLvl") if plain else ())
        for tag in drop:
            for el in ppr.findall(w(tag)):
                ppr.remove(el)
        mark_rpr = old_mark if old_mark is not None and not plain else etree.Element(w("rPr"))
        mark_rpr.insert(0, self.rev.mark("ins"))
        ppr.append(mark_rpr)
        p.append(ppr)
        ins = self.rev.mark("ins")
        ins.append(make_run(text, None if plain else body_rpr(template)))
        p.append(ins)
        return p

    def _insert_after(self, target: etree._Element, texts: dict[str, str]) -> list[etree._Element]:
        """The clause right after ``target`` (numbered after it), for a rewrite that could not go
        in place because an earlier change already rewrote that clause."""
        row = bilingual_row(target)
        key = row if row is not None else target
        after = self._after.get(key, row if row is not None else target)
        if row is not None:
            new_row = self.new_row(row, texts)
            after.addnext(new_row)
            self._after[key] = new_row
            return [new_row]
        made = []
        for _lang, text in texts.items():
            label = next_typed_label(ptext(target), self._labels_near(target))
            body = text if (label is None or typed_label(text)) else f"{label} {text}"
            p = self.new_para(target, body)
            after.addnext(p)
            after = p
            made.append(p)
        self._after[key] = after
        return made

    def _labels_near(self, p: etree._Element) -> set[str]:
        return {lab[0] for q in p.getparent() if q.tag == w("p") for lab in [typed_label(ptext(q))] if lab}

    def new_row(self, row: etree._Element, texts: dict[str, str], *, labels: dict | None = None,
                numbered: bool = True) -> etree._Element:
        """A copy of ``row`` holding ``texts`` (English and Chinese in their own columns), marked
        inserted."""
        new = copy.deepcopy(row)
        for tag in ("commentRangeStart", "commentRangeEnd", "bookmarkStart", "bookmarkEnd"):
            for el in list(new.iter(w(tag))):
                el.getparent().remove(el)
        trpr = new.find(w("trPr"))
        if trpr is None:
            trpr = etree.Element(w("trPr"))
            tblpr_ex = new.find(w("tblPrEx"))
            if tblpr_ex is not None:
                tblpr_ex.addnext(trpr)
            else:
                new.insert(0, trpr)
        for tag in ("ins", "del", "trPrChange"):
            for el in trpr.findall(w(tag)):
                trpr.remove(el)
        trpr.append(self.rev.mark("ins"))
        cells = new.findall(w("tc"))
        orig_cells = row.findall(w("tc"))
        langs = ["zh" if is_cjk(" ".join(ptext(q) for q in c.iter(w("p")))) else "en" for c in orig_cells]
        placed: set[str] = set()
        for cell, orig, lang in zip(cells, orig_cells, langs, strict=False):
            template = first_not_none(next((q for q in orig.findall(w("p")) if ptext(q).strip()), None),
                                      orig.find(w("p")))
            for el in list(cell):
                if el.tag != w("tcPr"):
                    cell.remove(el)
            text = texts.get(lang) if lang not in placed else None
            if text is not None:
                placed.add(lang)
                label = (labels or {}).get(lang)
                if label is None and labels is None and numbered and template is not None:
                    label = next_typed_label(ptext(template), set())
                if label and not typed_label(text):
                    text = f"{label} {text}"
            p = self.new_para(template if template is not None else etree.Element(w("p")), text or "")
            if not text:
                p.remove(p.find(w("ins")))
            cell.append(p)
        missing = [lang for lang in texts if lang not in placed]
        if missing and cells:  # a language with no column of its own goes into the first cell
            tmpl = cells[0].findall(w("p"))[-1]
            for lang in missing:
                cells[0].append(self.new_para(tmpl, texts[lang]))
        return new

    # ---- a new article before the signature block ------------------------------------------

    def _new_clause(self, texts: dict[str, str]) -> list[etree._Element]:
        """A new article after the last one, before the signature block (one per document; later
        undertakings join it as sub-clauses)."""
        if self._new is not None:
            return self._add_subclause(self._new, texts)
        stop = signature_start(self.body)
        outline = Outline(self.body, self.styles, stop)
        head = outline.articles[-1].head if outline.articles else None
        units = [u for u in outline.units if u.tag == w("p") and ptext(u).strip()]
        last_body = units[-1] if units else None
        row = bilingual_row(head)
        if row is not None:
            last_row = row.getparent().findall(w("tr"))[-1]
            num = next_toplevel(_row_texts(row))
            title_row = self.new_row(row, titles(list(texts), num), numbered=False)
            last_row.addnext(title_row)
            art = outline.articles[-1]
            template_row = next((m for m in art.members if m.tag == w("tr") and bilingual_row(m) is not None), row)
            self._new = _NewArticle(template=None, number=num, heading_like=True, after=title_row, rows=template_row)
            return [title_row] + self._add_subclause(self._new, texts)
        if head is None:
            # no articles: plain paragraphs styled like the last body paragraph
            self._new = _NewArticle(template=last_body, number={}, heading_like=False, before=stop)
            return self._add_subclause(self._new, texts)
        num = next_toplevel([ptext(head)])
        heading_like = self.styles.level(head) is not None or len(strip_label(ptext(head))) <= 60
        art = outline.articles[-1]
        body_members = [m for m in art.members if m.tag == w("p") and ptext(m).strip()]
        template = (sub_clauses(art, unit_lang(body_members[0]), self.styles) or body_members or [head])[-1] \
            if body_members else last_body
        self._new = _NewArticle(template=template, number=num, heading_like=heading_like, before=stop)
        made = []
        if heading_like:
            names = titles(list(texts), num)
            hp = self.new_para(head, " / ".join(names.values()) if len(names) > 1 else next(iter(names.values())))
            self._place(self._new, hp)
            made.append(hp)
        return made + self._add_subclause(self._new, texts)

    def _place(self, st: _NewArticle, el: etree._Element) -> None:
        if st.after is not None:
            st.after.addnext(el)
        elif st.before is not None:
            st.before.addprevious(el)
        else:
            sect = self.body.find(w("sectPr"))
            if sect is not None:
                sect.addprevious(el)
            else:
                self.body.append(el)
        st.after = el

    def _add_subclause(self, st: _NewArticle, texts: dict[str, str]) -> list[etree._Element]:
        st.n += 1
        arabic = st.number.get("arabic")
        if st.rows is not None:
            new = self.new_row(st.rows, {lang: (f"{arabic}.{st.n} {t}" if arabic and not typed_label(t) else t)
                                         for lang, t in texts.items()}, labels={})
            st.after.addnext(new)
            st.after = new
            return [new]
        made = []
        for lang, text in texts.items():
            template = st.template if st.template is not None else etree.Element(w("p"))
            label = None
            tl = typed_label(ptext(template))
            auto = num_pr(template) is not None
            if st.heading_like and arabic and not auto and tl is not None and tl[1] == "dotted":
                label = f"{arabic}.{st.n}"
            elif not st.heading_like and st.number:
                prev = st.last_label.get(lang)
                label = next_typed_label(prev, set()) if prev else (st.number.get(lang) or st.number.get("en"))
                if label:
                    st.last_label[lang] = f"{label} x"
            body = f"{label} {text}" if label and not typed_label(text) else text
            p = self.new_para(template, body)
            self._place(st, p)
            made.append(p)
        return made


def _props(ppr: etree._Element) -> etree._Element:
    """A paragraph's own properties, as ``w:pPrChange`` records them (no mark, no section)."""
    out = etree.Element(w("pPr"))
    for child in ppr:
        if child.tag not in (w("rPr"), w("sectPr"), w("pPrChange")):
            out.append(copy.deepcopy(child))
    return out


def _row_texts(row: etree._Element) -> list[str]:
    return [" ".join(ptext(p) for p in c.iter(w("p"))) for c in row.findall(w("tc"))]


def _separator(p: etree._Element) -> str:
    """What follows the typed number in ``p`` ("6.4 " or "6.4\t")."""
    lab = typed_label(ptext(p))
    if not lab:
        return " "
    m = lab[2]
    sep = m.group(0)[len(m.group(1)):]
    return sep or " "


def split_languages(edits: Sequence[Edit]) -> dict[str, str]:
    """{language: text} for an insert, splitting a bilingual text into its English and Chinese
    lines."""
    out: dict[str, str] = {}
    for e in edits:
        text = (e.new or "").strip()
        if not text:
            continue
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        langs = {("zh" if is_cjk(ln) else "en") for ln in lines}
        if e.language in ("bilingual", "en+zh", "zh+en") or len(langs) > 1:
            for ln in lines:
                lang = "zh" if is_cjk(ln) else "en"
                out[lang] = (out[lang] + " " + ln) if lang in out else ln
        else:
            lang = "zh" if (e.language == "zh" or is_cjk(text)) else "en"
            out[lang] = (out[lang] + " " + " ".join(lines)) if lang in out else " ".join(lines)
    return out


def merge_edits(edits: Sequence[Edit]) -> Edit:
    reasons = [e.reason for e in edits if e.reason]
    return edits[0].model_copy(update={"reason": ",".join(dict.fromkeys(reasons))})

