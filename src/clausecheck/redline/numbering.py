"""Numbering and placement: the numbers typed in front of clauses ("8.4", "第八条", "(c)"), the
outline of a Word body (articles and their sub-clauses, with Word's own numbering or typed
numbers), the signature block, and the article where a new undertaking belongs.

A new clause goes at the end of the article whose heading fits the undertaking
(``clausecheck.remedy.home_rank``), numbered after that article's last sub-clause ("6.6"; Word's
automatic numbering continues by itself); where no article fits, it becomes a new article after
the last one, before the signature block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from clausecheck.redline.wordxml import in_textbox, is_cjk, is_deleted_para, pstyle, ptext, w
from clausecheck.remedy import cn_to_int, home_rank, int_to_cn

NEW_CLAUSE_TITLE = {"en": "Cybersecurity Review Undertakings", "zh": "网络安全审查相关承诺"}

# --------------------------------------------------------------------------------------------
# Typed numbers

LABEL_RES = [
    ("cn-article", re.compile(r"^(第([一二三四五六七八九十百零〇\d]+)条)[\s\u3000]*")),
    ("article", re.compile(r"^((?:ARTICLE|Article|SECTION|Section|Clause|CLAUSE)\s+(\d+|[IVXLC]+))[.:]?\s+")),
    ("dotted", re.compile(r"^((\d+(?:\.\d+)+)\.?)\s+")),
    ("number", re.compile(r"^((\d{1,3})[.)]?)\s+")),
    ("cn-paren", re.compile(r"^([（(]([一二三四五六七八九十]+)[)）])\s*")),
    ("paren", re.compile(r"^(\(([a-z]{1,2}|\d{1,2}|[ivx]{1,5})\))\s+")),
    ("letter", re.compile(r"^(([a-z])[.)])\s+")),
]


def typed_label(text: str) -> tuple[str, str, re.Match] | None:
    """(label value, kind, match) of a number typed at the start of ``text``."""
    t = text.lstrip()
    for kind, rx in LABEL_RES:
        m = rx.match(t)
        if m:
            return (m.group(2) if kind != "cn-article" else m.group(1)), kind, m
    return None


def strip_label(text: str) -> str:
    lab = typed_label(text)
    return text.lstrip()[lab[2].end():] if lab else text


def toplevel_label(text: str) -> str | None:
    lab = typed_label(text)
    if lab and lab[1] in ("cn-article", "article", "number"):
        return lab[0]
    return None


def roman(n: int) -> str:
    vals = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def from_roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=False):
        v = vals.get(a, 0)
        total += -v if vals.get(b, 0) > v else v
    return total


def next_typed_label(text: str, existing: set[str]) -> str | None:
    """The number for a clause inserted right after the clause numbered in ``text``: the next
    number when it is free, else an inserted-clause number ("8.4A", "第八条之一", "(c-1)")."""
    lab = typed_label(text)
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
        n = cn_to_int(value) or 0
        nxt = int_to_cn(n + 1)
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


def label_after_last(labels: list[str]) -> str | None:
    """The number after the highest of sibling numbers typed in one article ("6.4", "6.5" ->
    "6.6"; "a.", "b." -> "c."; "（一）" -> "（二）"): the new clause is the article's last."""
    parsed = [typed_label(t) for t in labels]
    parsed = [p for p in parsed if p]
    if not parsed:
        return None
    kind = parsed[-1][1]
    same = [p for p in parsed if p[1] == kind]

    def key(p) -> tuple:
        v = p[0]
        if kind == "dotted":
            return tuple(int(x) for x in v.split("."))
        if kind in ("number", "article") and v.isdigit():
            return (int(v),)
        if kind == "cn-paren":
            return (cn_to_int(v) or 0,)
        if kind in ("paren", "letter"):
            return (int(v),) if v.isdigit() else (len(v), v)
        if kind == "cn-article":
            return (cn_to_int(re.sub(r"[第条]", "", v)) or 0,)
        return (v,)

    top = max(same, key=key)
    return next_typed_label(top[2].group(0), set())


def next_toplevel(texts: list[str]) -> dict:
    """The number for a new article after the one whose heading texts are ``texts``, per language
    (plus ``arabic``, the plain number for its sub-clauses)."""
    out: dict = {}
    for t in texts:
        lab = typed_label(t)
        if not lab:
            continue
        value, kind, m = lab
        lang = "zh" if kind == "cn-article" or is_cjk(t) else "en"
        if kind == "cn-article":
            n = cn_to_int(m.group(2)) or 0
            out[lang] = f"第{int_to_cn(n + 1) if not m.group(2).isdigit() else n + 1}条"
            out.setdefault("arabic", str(n + 1))
        elif kind == "article":
            v = m.group(2)
            n = int(v) + 1 if v.isdigit() else from_roman(v) + 1
            out[lang] = m.group(1).replace(v, str(n) if v.isdigit() else roman(n))
            out.setdefault("arabic", str(n))
        elif kind == "number":
            n = int(value) + 1
            out[lang] = m.group(1).replace(value, str(n))
            out.setdefault("arabic", str(n))
    if "arabic" not in out:
        # automatic numbering: the new heading copies the numbering, no typed number
        out = {"arabic": ""}
    return out


def titles(langs: list[str], num: dict) -> dict[str, str]:
    out = {}
    for lang in langs:
        label = num.get(lang) or num.get("en") or num.get("zh")
        sep = "\u3000" if lang == "zh" else " "
        out[lang] = f"{label}{sep}{NEW_CLAUSE_TITLE[lang]}" if label else NEW_CLAUSE_TITLE[lang]
    return out


# --------------------------------------------------------------------------------------------
# Word styles and automatic numbering


class Styles:
    """Heading styles of a document (following ``basedOn``), cached."""

    def __init__(self, doc):
        self._styles = doc.styles.element
        self._cache: dict[str, tuple[bool, int | None]] = {}

    def info(self, style_id: str | None) -> tuple[bool, int | None]:
        """(is a heading style, outline level 1..9) of a paragraph style id."""
        if not style_id:
            return False, None
        if style_id in self._cache:
            return self._cache[style_id]
        heading, level = False, None
        sid, seen = style_id, set()
        while sid and sid not in seen:
            seen.add(sid)
            st = self._styles.find(f"{w('style')}[@{w('styleId')}='{sid}']")
            if st is None:
                break
            name = st.find(w("name"))
            nm = (name.get(w("val")) if name is not None else sid) or ""
            m = re.match(r"(?i)(heading|标题)\s*(\d)", nm) or re.match(r"(?i)(heading)(\d)", sid)
            if m:
                heading, level = True, int(m.group(2))
                break
            ol = st.find(f"{w('pPr')}/{w('outlineLvl')}")
            if ol is not None and ol.get(w("val"), "9").isdigit() and int(ol.get(w("val"))) < 9:
                heading, level = True, int(ol.get(w("val"))) + 1
                break
            based = st.find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None
        self._cache[style_id] = (heading, level)
        return heading, level

    def level(self, p: etree._Element) -> int | None:
        ol = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        if ol is not None and (ol.get(w("val")) or "").isdigit() and int(ol.get(w("val"))) < 9:
            return int(ol.get(w("val"))) + 1
        heading, level = self.info(pstyle(p))
        return level if heading else None


def num_pr(p: etree._Element) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph with Word's automatic numbering set on it directly."""
    np_ = p.find(f"{w('pPr')}/{w('numPr')}")
    if np_ is None:
        return None
    nid = np_.find(w("numId"))
    lvl = np_.find(w("ilvl"))
    if nid is None or nid.get(w("val")) in (None, "0"):
        return None
    return nid.get(w("val")), int(lvl.get(w("val"), "0")) if lvl is not None else 0


# --------------------------------------------------------------------------------------------
# The outline: articles and their members


def row_cells_text(row: etree._Element) -> list[str]:
    return [" ".join(ptext(p) for p in c.iter(w("p"))) for c in row.findall(w("tc"))]


def bilingual_row(p: etree._Element | None) -> etree._Element | None:
    """The table row of ``p`` (a paragraph or a row) when it has an English and a Chinese column."""
    if p is None:
        return None
    if p.tag == w("tr"):
        row = p
    else:
        parent = p.getparent()
        if parent is None or parent.tag != w("tc"):
            return None
        row = parent.getparent()
    cells = row.findall(w("tc"))
    if len(cells) < 2:
        return None
    langs = {("zh" if is_cjk(t) else "en") for t in row_cells_text(row) if t.strip()}
    return row if langs == {"en", "zh"} else None


def _bilingual_table(tbl: etree._Element) -> bool:
    rows = tbl.findall(w("tr"))
    return len(rows) >= 3 and sum(1 for r in rows if bilingual_row(r) is not None) >= 0.6 * len(rows)


@dataclass
class Article:
    head: etree._Element  # its heading paragraph or table row
    title: str
    members: list[etree._Element] = field(default_factory=list)  # paragraphs or rows after the head

    def texts(self, unit: etree._Element) -> list[str]:
        return row_cells_text(unit) if unit.tag == w("tr") else [ptext(unit)]


def unit_lang(unit: etree._Element) -> str:
    return "zh" if is_cjk(ptext(unit)) else "en"


def _title_of(text: str) -> str:
    """An article's heading without its number; for a run-in heading ("3. HOSTING SERVICES.
    TrueLink will ...") the heading part only."""
    body = strip_label(text).strip()
    if len(body) > 60:
        m = re.match(r"^(.{2,60}?)(\.\s|。|：|:)", body)
        body = m.group(1) if m else body[:60]
    return body


class Outline:
    """The articles of a body, in order. An article starts at a level-1 heading (style or outline
    level), at a typed top-level number ("9.", "第九条", "Article 5"), or at such a row of a
    bilingual two-column table."""

    def __init__(self, body: etree._Element, styles: Styles, stop: etree._Element | None):
        self.styles = styles
        units: list[etree._Element] = []
        for el in body:
            if stop is not None and el is stop:
                break
            if el.tag == w("p") and not in_textbox(el):
                units.append(el)
            elif el.tag == w("tbl") and _bilingual_table(el):
                units.extend(el.findall(w("tr")))
        self.units = [u for u in units if not (u.tag == w("p") and is_deleted_para(u))]
        head_level = self._head_level()
        self.articles: list[Article] = []
        for u in self.units:
            if self._is_head(u, head_level):
                texts = row_cells_text(u) if u.tag == w("tr") else [ptext(u)]
                self.articles.append(Article(head=u, title=" / ".join(_title_of(t) for t in texts if t.strip())))
            elif self.articles:
                self.articles[-1].members.append(u)

    def _head_level(self) -> int:
        levels = [lv for u in self.units if u.tag == w("p") and ptext(u).strip()
                  for lv in [self.styles.level(u)] if lv]
        return min(levels) if levels else 1

    def _is_head(self, u: etree._Element, head_level: int) -> bool:
        texts = [t for t in (row_cells_text(u) if u.tag == w("tr") else [ptext(u)]) if t.strip()]
        if not texts:
            return False
        first = texts[0].strip()
        if u.tag == w("p"):
            lv = self.styles.level(u)
            if lv is not None:
                return lv == head_level and len(first) <= 200
        lab = typed_label(first)
        if lab and lab[1] in ("cn-article", "article"):
            return True
        if lab and lab[1] == "number":
            rest = strip_label(first)
            # "3. HOSTING SERVICES. TrueLink will ..." and "9. Continuity of Supply" are articles;
            # "1. the first item of a list;" is not.
            return bool(rest) and (rest[:1].isupper() or is_cjk(rest[:2])) and (
                len(rest) <= 60 or bool(re.match(r"^[A-Z][A-Z &,'-]{2,60}[.:]", rest)))
        return False

    def fitting(self, requirement: str, prefer: etree._Element | None = None) -> Article | None:
        """The article where ``requirement`` belongs; among equally good ones the one holding
        ``prefer`` (the engine's anchor), else the first."""
        best: tuple[int, int, int] | None = None
        found = None
        for i, a in enumerate(self.articles):
            rank = home_rank(requirement, a.title)
            if rank is None:
                continue
            holds = 0 if prefer is not None and (prefer is a.head or prefer in a.members
                                                  or bilingual_row(prefer) in a.members) else 1
            key = (rank, holds, i)
            if best is None or key < best:
                best, found = key, a
        return found


def sub_clauses(article: Article, lang: str, styles: Styles) -> list[etree._Element]:
    """The article's sub-clauses in ``lang`` (its second level: "6.1", "a.", Word numbering one
    level below the heading, or the next heading style), in order."""
    paras = [m for m in article.members if m.tag == w("p") and ptext(m).strip() and unit_lang(m) == lang]
    if not paras:
        return []
    head_lab = typed_label(ptext(article.head)) if article.head.tag == w("p") else None
    head_num = None
    if head_lab is not None:
        head_num = head_lab[0] if head_lab[1] != "cn-article" else str(cn_to_int(head_lab[2].group(2)) or "")
    dotted = [p for p in paras if (lab := typed_label(ptext(p))) and lab[1] == "dotted"
              and lab[0].count(".") == 1 and (head_num is None or lab[0].split(".")[0] == head_num)]
    if dotted:
        return dotted
    numbered = [(p, num_pr(p)) for p in paras]
    levels = [n[1] for _, n in numbered if n]
    if levels:
        top = min(levels)
        ids = {n[0] for _, n in numbered if n and n[1] == top}
        return [p for p, n in numbered if n and n[1] == top and n[0] in ids]
    first = typed_label(ptext(paras[0]))
    if first:
        return [p for p in paras if (lab := typed_label(ptext(p))) and lab[1] == first[1]]
    head_lv = styles.level(article.head) if article.head.tag == w("p") else None
    if head_lv:
        styled = [p for p in paras if styles.level(p) == head_lv + 1]
        if styled:
            return styled
    return []


def signature_start(body: etree._Element) -> etree._Element | None:
    """The first body-level element of the signature block, or None."""
    items = [el for el in body if el.tag in (w("p"), w("tbl"))]
    if not items:
        return None
    strong = re.compile(r"IN WITNESS WHEREOF|以下无正文|以下为签署页|签署页|Signature Page|"
                        r"\(seal\)|（盖章）|（签章）|签字盖章|签字或盖章|签章：|盖章：|Signed for and on behalf|"
                        r"Authori[sz]ed (Signatory|Representative|Signature)\s*:|^\s*By:\s*_*", re.I)
    n = len(items)

    def text_of(el: etree._Element) -> str:
        return "\n".join(ptext(p) for p in (el.iter(w("p")) if el.tag == w("tbl") else [el]))

    for i, el in enumerate(items):
        if i < n * 0.4:
            continue
        if strong.search(text_of(el)):
            # walk back over the lead-in lines (blank paragraphs, "Party A:" lines) of the block
            j = i
            while j > 0:
                pt = text_of(items[j - 1]).strip()
                if not pt or (len(pt) < 40 and re.search(r"(甲方|乙方|Party [AB]|签订|日期|Date)[:：]?", pt)):
                    j -= 1
                    continue
                break
            return items[j]
    return None
