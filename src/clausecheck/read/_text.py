"""Text helpers shared by the PDF and TXT readers: clause-number detection and line joining."""

from __future__ import annotations

import re

# A line that starts a clause: "1.", "1.1", "1.1.2", "(a)", "(iv)", "a)", "Section 5", "ARTICLE V",
# "Clause 3", "第五条", "第 5 条", "一、", "（一）", "(一)", "1、", "Schedule 2", "Exhibit A".
_ROMAN = r"(?:[ivxlcdm]{1,6}|[IVXLCDM]{1,6})"
CLAUSE_START_RE = re.compile(
    r"""^\s*(?:
        \d{1,3}\.(?:\d{1,3}\.?){0,4}\s*(?=[A-Z\u4e00-\u9fff(（"“\[])   # 1. Term  1.1 Grant  1.1.2
      | \d{1,3}\.\s+(?=[a-z])                            # 1. the ...
      | \d{1,3}[、．]                                   # 1、  1．
      | [(（]\s*(?:\d{1,3}|[a-zA-Z]{1,2}|""" + _ROMAN + r"""|[一二三四五六七八九十百]{1,4})\s*[)）]  # (a) (iv) （一）
      | (?:[a-z]|""" + _ROMAN + r""")[.)](?=\s)              # a)  iv.  b.
      | [A-Z]\.(?=\s)                                   # A.
      | (?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE|Schedule|SCHEDULE|Exhibit|EXHIBIT|Annex|ANNEX|Appendix|APPENDIX)
          \s+(?:\d{1,3}(?:\.\d{1,3})*|[IVXLCDM]{1,6}|[A-Z])(?:[.:]?\s+(?=[A-Z\u4e00-\u9fff(“"\[])|[.:]?\s*[-–—]\s|\s*$)
      | 第\s*[0-9０-９一二三四五六七八九十百千零〇两]{1,6}\s*[条章节款部分]
      | [一二三四五六七八九十百]{1,4}\s*[、．.]            # 一、
      | [0-9]{1,3}\s*[)）]                               # 1)
      | [•·▪■●◦\-–—*]\s                                  # bullets
    )""",
    re.VERBOSE,
)

CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_PUNCT = "，。；：、！？）」』】》“”‘’（「『【《…—·"

# Prefixes after which a line-final hyphen is a real hyphen ("non-\nexclusive" -> "non-exclusive").
_KEEP_HYPHEN_PREFIXES = {
    "non", "self", "co", "multi", "anti", "cross", "third", "semi", "quasi", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "ninety",
    "well", "long", "short", "full", "first",
}

SENTENCE_END = tuple(".;:!?。；：！？）)\"”’")


_KEYWORD_START = re.compile(r"^\s*(?:Section|Article|Clause|Schedule|Exhibit|Annex|Appendix)\b", re.I)


def is_clause_start(line: str, prev: str | None = None) -> bool:
    """Does ``line`` start a clause? ``prev`` (the line before) vetoes a cross-reference that was
    merely wrapped to the start of a line: "... as set out in / Section 5 of ..."."""
    if not CLAUSE_START_RE.match(line):
        return False
    if prev:
        p = prev.rstrip()
        if p and (p[-1].islower() or p[-1] == ",") and _KEYWORD_START.match(line):
            return False
    return True


def is_cjk(ch: str) -> bool:
    return bool(ch) and (bool(_CJK_CHAR.match(ch)) or ch in _CJK_PUNCT or "\u3000" <= ch <= "\u303f"
                         or "\uff00" <= ch <= "\uffef")


_PDFIUM_HYPHEN = re.compile(r"([A-Za-z]*)[\ufffe\u00ad\u0002]\s*(?=(\S?))")


def fix_line_hyphens(text: str) -> str:
    """PDFium marks a hyphen that ends a line (the word runs on) as U+FFFE: remove it, or keep it
    as a real hyphen after a prefix such as "non" ("non-exclusive")."""
    if "\ufffe" not in text and "\u00ad" not in text and "\u0002" not in text:
        return text

    def repl(m: re.Match) -> str:
        word, nxt = m.group(1), m.group(2)
        if word.lower() in _KEEP_HYPHEN_PREFIXES or (nxt and not nxt.islower()):
            return word + "-"
        return word

    return _PDFIUM_HYPHEN.sub(repl, text)


def join_lines(lines: list[str]) -> str:
    """Join the wrapped lines of one paragraph: de-hyphenate English, no space between CJK lines."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        last, first = out[-1], line[0]
        if last in "-\u00ad" and len(out) >= 2 and out[-2].isalpha() and first.isalpha():
            word = re.search(r"([A-Za-z]+)[-\u00ad]$", out)
            prefix = word.group(1).lower() if word else ""
            if last == "\u00ad" or (first.islower() and prefix not in _KEEP_HYPHEN_PREFIXES):
                out = out[:-1] + line
            else:
                out = out + line  # keep the real hyphen: "non-exclusive"
        elif is_cjk(last) and (is_cjk(first) or first.isdigit() or first in "（(") or is_cjk(first) and (last.isdigit() or last in ")）") or last in "/":
            out = out + line
        else:
            out = out + " " + line
    return out


_PAGE_NUMBER_RES = [
    re.compile(r"^\s*[-–—~]?\s*\d{1,4}\s*[-–—~]?\s*$"),
    re.compile(r"^\s*(?:page|pg\.?|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I),
    re.compile(r"^\s*\d{1,4}\s*(?:of|/)\s*\d{1,4}\s*$", re.I),
    re.compile(r"^\s*第\s*[0-9一二三四五六七八九十百]{1,5}\s*页(?:\s*[,，/]?\s*共\s*[0-9一二三四五六七八九十百]{1,5}\s*页)?\s*$"),
    re.compile(r"^\s*共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页\s*$"),
    re.compile(r"^\s*[-–—]?\s*[ivxlc]{1,6}\s*[-–—]?\s*$", re.I),
    re.compile(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"),
]


def is_page_number(line: str) -> bool:
    return any(r.match(line) for r in _PAGE_NUMBER_RES)
