"""Blocks -> clauses (with their numbers and headings) -> sentences.

spaCy's rule sentencizer cuts legal text badly (``1.1``, ``Inc.``, ``(a)``, ``U.S.``), so sentence
boundaries come from a tokenizer-free splitter that knows legal abbreviations and numbering, and
Chinese full stops. Semicolons do not end a sentence: an exception after ``；`` belongs to the
commitment before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.document import Block, BlockKind, SourceDocument

_CN_NUM = "〇零一二三四五六七八九十百千两"

# Numbers that open a clause, most specific first. Group 1 is the number as a reader cites it.
_NUMBER_PATTERNS = [
    re.compile(r"^\s*((?:Section|Clause|Article|Art\.|Sec\.|§)\s*[0-9IVXLC]+(?:\.[0-9]+)*[A-Za-z]?)\b[.:]?\s*", re.I),
    re.compile(rf"^\s*(第[{_CN_NUM}0-9]+[条章节款项](?:之[{_CN_NUM}]+)?)\s*"),
    re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,4}[A-Z]?)\.?(?=\s|[\u4e00-\u9fff\"“(（])\s*"),
    re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,4})\.?(?=[A-Za-z])\s*"),
    re.compile(r"^\s*(\d{1,3})[.)、．](?=\s|[A-Za-z\u4e00-\u9fff\"“(（])\s*"),
    re.compile(rf"^\s*([{_CN_NUM}]+)[、.．]\s*"),
    re.compile(rf"^\s*([（(][{_CN_NUM}0-9]+[)）])\s*"),
    re.compile(r"^\s*(\((?:[a-z]{1,2}|[ivxl]{1,5}|[A-Z])\))\s+"),
    re.compile(r"^\s*([a-z][.)])\s+"),
]

_ABBREVIATIONS = {
    "inc", "co", "corp", "ltd", "llc", "l.l.c", "no", "nos", "sec", "secs", "art", "arts", "para",
    "paras", "e.g", "i.e", "etc", "vs", "v", "cf", "mr", "mrs", "ms", "dr", "st", "u.s", "u.k",
    "p.r.c", "prc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "approx", "incl", "excl", "min", "max", "fig", "ex", "exh", "sch", "cl", "pp", "p", "s.a",
    "n.v", "b.v", "plc", "pty", "gmbh", "ag", "al", "et", "seq", "viz", "govt", "dept", "assn",
}

_EN_BOUNDARY = re.compile(r"([.!?])([\"'”’)\]]*)(\s+)(?=[\"“'(\[]?[A-Z0-9\u4e00-\u9fff])")
_ZH_BOUNDARY = re.compile(r"([。！？!?])([”’」』）)]*)")
_BULLET = re.compile(r"(?:^|\s)[•●▪◦■]\s")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def language_of(text: str) -> str:
    """``zh`` or ``en`` for one sentence, by its script."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return "zh" if cjk * 2 >= latin and cjk > 0 else "en"


@dataclass(frozen=True)
class Sentence:
    text: str
    index: int  # position in the document
    clause: int  # index of its clause
    page: int | None
    section: str | None
    language: str


@dataclass(frozen=True)
class Clause:
    index: int
    number: str | None
    section: str | None  # the number a lawyer cites, with its parents (``12.2(a)``)
    heading: str | None
    text: str
    page: int | None
    block_refs: tuple[str | None, ...]


@dataclass(frozen=True)
class Segmented:
    clauses: tuple[Clause, ...]
    sentences: tuple[Sentence, ...]
    language: str  # en | zh | bilingual

    def clause_of(self, s: Sentence) -> Clause:
        return self.clauses[s.clause]


def split_number(text: str) -> tuple[str | None, str]:
    for pat in _NUMBER_PATTERNS:
        m = pat.match(text)
        if m and len(text) > m.end():
            return m.group(1).strip(), text[m.end():]
    return None, text


def _looks_like_heading(block: Block, body: str) -> bool:
    if block.kind == BlockKind.HEADING:
        return True
    s = body.strip()
    if not s or len(s) > 80 or s.endswith((".", "。", ";", "；", ",", "，", ":")):
        return False
    words = s.split()
    if _CJK.search(s):
        return len(s) <= 20 and not re.search(r"[，。；应不得]", s)
    return len(words) <= 8 and (s.isupper() or sum(w[:1].isupper() for w in words) >= max(1, len(words) - 1))


def _is_top_level(number: str) -> bool:
    return bool(re.match(r"^(Section|Clause|Article|Art\.|Sec\.|§|第.+[条章])", number, re.I)) or \
        bool(re.fullmatch(r"\d{1,3}(\.\d{1,3})*", number)) or bool(re.fullmatch(rf"[{_CN_NUM}]+", number))


def split_sentences(text: str) -> list[str]:
    text = re.sub(r"[ \t\r\f\v]+", " ", text.replace("\u00a0", " ")).strip()
    if not text:
        return []
    pieces: list[str] = []
    # Chinese full stops always end a sentence; so does a bullet inside a paragraph ("• Affiliates
    # may not harvest ... • If Affiliate manages ..."): each item is a statement of its own.
    for item in _BULLET.split(text):
        start = 0
        for m in _ZH_BOUNDARY.finditer(item):
            pieces.append(item[start:m.end()])
            start = m.end()
        pieces.append(item[start:])
    out: list[str] = []
    for piece in pieces:
        start = 0
        for m in _EN_BOUNDARY.finditer(piece):
            before = piece[start:m.start(1)]
            last = re.findall(r"([A-Za-z.]+)$", before)
            word = last[0].lower().rstrip(".") if last else ""
            if m.group(1) == "." and (
                word in _ABBREVIATIONS
                or re.fullmatch(r"[a-z]", word)  # initials, (a). list letters
                or re.search(r"(^|\s)(\d+(\.\d+)*|[ivxl]+|[A-Z])$", before)  # "1.1." "Section 5." "A."
            ):
                continue
            out.append(piece[start:m.end(2)].strip())
            start = m.end(2)
        out.append(piece[start:].strip())
    return [s for s in out if s and re.search(r"\w", s)]


def segment(doc: SourceDocument) -> Segmented:
    clauses: list[Clause] = []
    sentences: list[Sentence] = []
    top: str | None = None  # the current top-level number (Article / 1. / 第一条)
    sub: str | None = None
    heading: str | None = None
    for block in doc.blocks:
        if block.kind == BlockKind.HEADER_FOOTER or not block.text.strip():
            continue
        number, body = (block.label, block.text) if block.label else split_number(block.text)
        if block.label:
            # Word numbering may also be typed; drop a duplicate.
            n2, b2 = split_number(body)
            if n2 == block.label:
                body = b2
        if number:
            number = number.rstrip(".、．")
            if _is_top_level(number) and not re.fullmatch(r"\d{1,3}(\.\d{1,3})+[A-Z]?", number):
                top, sub = number, None
            elif re.fullmatch(r"\d{1,3}(\.\d{1,3})+[A-Z]?", number):
                sub = number
                top = number.split(".")[0]
            else:
                # (a), (i), （一）: a sub-item of the last numbered clause, not of the previous item.
                base = re.sub(r"(\([^)]*\)|（[^）]*）)+$", "", sub or top or "")
                sub = (base + number) if base else number
        if _looks_like_heading(block, body) and len(split_sentences(body)) <= 1:
            heading = body.strip()
            if number and not re.search(r"[.。;；]$", body.strip()):
                pass
            # A heading is context, not a clause to judge; keep it anyway for evidence lookup.
        section = sub or top
        idx = len(clauses)
        clauses.append(Clause(index=idx, number=number, section=section, heading=heading,
                              text=body.strip(), page=block.page, block_refs=(block.ref,)))
        for s in split_sentences(body):
            sentences.append(Sentence(text=s, index=len(sentences), clause=idx, page=block.page,
                                      section=section, language=language_of(s)))
    return Segmented(clauses=tuple(clauses), sentences=tuple(sentences),
                     language=document_language(sentences))


def document_language(sentences: list[Sentence] | tuple[Sentence, ...]) -> str:
    en = sum(len(s.text) for s in sentences if s.language == "en")
    zh = sum(len(s.text) * 2 for s in sentences if s.language == "zh")  # a Chinese char ~ 2 letters of content
    if not en and not zh:
        return "en"
    share = zh / (en + zh)
    if share >= 0.85:
        return "zh"
    if share <= 0.12:
        return "en"
    return "bilingual"
