"""How a drafter fixes a finding, in the contract's own terms: the pieces ``suggest`` and the
redline share.

- **Where an undertaking belongs.** A new clause goes into the article whose heading is about the
  same thing (security, data, supply and support) and never into an unrelated one; ``home_rank``
  scores an article heading for an undertaking.
- **What the contract already calls just cause.** A contract that defines just cause ("For the
  purposes of clause 9.1, just cause means only: (i) a suspension permitted by clause 10.5 …",
  正当理由是指……) has already answered whether the clauses it names take the commitment back:
  ``just_cause_refs`` finds the clauses such definitions name, ``covered`` tests a section.
- **How the contract cites its clauses** ("clause 9.1", "Section 9.1", 第9.1条), so that added
  words read like the rest of the document (``RefStyle``).
- **The words of a fix**: a take-back made subject to the commitment ("Subject to clause 9.1, …",
  在不违反本合同第9.2条约定的前提下，……) and a commitment made to prevail over named clauses
  ("Notwithstanding clause 18.2, …", 尽管本合同第3.6条另有约定，……).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from clausecheck.library import CompiledCues, shipped_cues

__all__ = [
    "RefStyle", "STRIKE_TAKE_BACKS", "covered", "home_rank", "just_cause_refs",
    "leading_precedence", "normalize_section", "precedence_lead", "subordination_lead",
]

_CJK = re.compile(r"[\u3400-\u9fff]")

# ---------------------------------------------------------------------------------------------
# Where each undertaking belongs: the library's article headings per undertaking (``homes`` in
# clause_library/undertakings.yaml, best first) and the headings that are no home for any
# (``statements.not_a_home`` in language.yaml: "Governing Law").


def home_rank(requirement: str, heading: str, cues: CompiledCues | None = None) -> int | None:
    """How well an article headed ``heading`` fits ``requirement`` (0 best), None when unrelated.
    ``cues``: the judge's library; the shipped one by default."""
    cues = cues if cues is not None else shipped_cues()
    u = cues.undertakings.get(requirement)
    if u is None or (cues.not_a_home is not None and cues.not_a_home.search(heading or "")):
        return None
    for rank, rx in enumerate(u.homes):
        if rx.search(heading or ""):
            return rank
    return None


# ---------------------------------------------------------------------------------------------
# Section numbers

_CN_DIGITS = "零一二三四五六七八九"


def cn_to_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    s = s.replace("〇", "零").replace("两", "二")
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


def int_to_cn(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    h, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + int_to_cn(rest) if rest < 10 else
                                 (("一" if rest < 20 else "") + int_to_cn(rest)))
    return _CN_DIGITS[h] + "百" + tail


def normalize_section(section: str | None) -> str:
    """``第十五条`` -> ``15``; ``Section 9.1`` -> ``9.1``; ``12.2(a)`` stays: comparable numbers."""
    s = (section or "").strip()
    m = re.fullmatch(r"第([一二三四五六七八九十百零〇两\d]+)条(.*)", s)
    if m:
        n = cn_to_int(m.group(1))
        return (str(n) if n is not None else m.group(1)) + m.group(2)
    s = re.sub(r"^(section|clause|article|art\.|sec\.|§|paragraph)\s*", "", s, flags=re.I)
    return s.rstrip(".")


def covered(section: str | None, refs: Iterable[str]) -> bool:
    """True when ``section`` is one of ``refs`` or inside one of them (17.1 is inside clause 17)."""
    sec = normalize_section(section)
    if not sec:
        return False
    return any(sec == r or sec.startswith(r + ".") or sec.startswith(r + "(") for r in refs if r)


# ---------------------------------------------------------------------------------------------
# The contract's own definitions of just cause

_JUST_CAUSE_DEF = re.compile(
    r"\b(just|good|justifiable)\s+(cause|reason)s?\b[\"”']?\s*(,\s*)?(shall\s+)?(means?|include[sd]?|shall\s+include|"
    r"is\s+limited\s+to|consists?\s+of|refers?\s+to|shall\s+be\s+limited\s+to)\b"
    r"|正当理由[”\"」]?\s*(是指|系指|指|包括|仅指|仅限于|限于)", re.I)
_EN_REFS = re.compile(
    r"\b(?:clauses?|sections?|articles?|paragraphs?)\s+"
    r"((?:\d+(?:\.\d+)*(?:\([a-z0-9]+\))?)(?:\s*(?:,|and|or|to|through)\s*\d+(?:\.\d+)*(?:\([a-z0-9]+\))?)*)", re.I)
_ZH_REFS = re.compile(r"第\s*([一二三四五六七八九十百零〇两\d]+(?:\.\d+)*)\s*条")


def just_cause_refs(sentences: Iterable[str]) -> set[str]:
    """Sections named by the document's own definitions of just cause (normalised numbers)."""
    out: set[str] = set()
    for s in sentences:
        if not _JUST_CAUSE_DEF.search(s):
            continue
        for m in _EN_REFS.finditer(s):
            for num in re.findall(r"\d+(?:\.\d+)*(?:\([a-z0-9]+\))?", m.group(1)):
                out.add(num)
        for m in _ZH_REFS.finditer(s):
            v = m.group(1)
            n = cn_to_int(v) if not re.search(r"\.", v) else None
            out.add(str(n) if n is not None else v)
    return out


def defines_just_cause(sentences: Iterable[str]) -> bool:
    return any(_JUST_CAUSE_DEF.search(s) for s in sentences)


def drop_definitions(text: str, lang: str) -> str:
    """The library wording without its own definition of just cause (for a contract that has one)."""
    parts = re.split(r"(?<=[.。])\s*", text) if lang != "zh" else re.split(r"(?<=。)", text)
    kept = [p for p in parts if p.strip() and not _JUST_CAUSE_DEF.search(p)]
    joined = (" " if lang != "zh" else "").join(p.strip() for p in kept)
    return joined or text


# ---------------------------------------------------------------------------------------------
# Citing clauses the way the contract does


@dataclass(frozen=True)
class RefStyle:
    """How the contract cites its own clauses: the noun ("clause", "Section", "Article") and, for
    Chinese, whether articles are numbered 第九条 or 第9条."""

    noun: str = "Section"
    cn_numerals: bool = True

    @classmethod
    def of(cls, text: str) -> RefStyle:
        counts: dict[str, int] = {}
        for m in re.finditer(r"(?<![A-Za-z])(clause|Clause|section|Section|article|Article|paragraph|Paragraph)\s+\d",
                             text):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        # "Clause 13.1 does not apply" opens a sentence; what the drafter writes mid-sentence is
        # the lower-case form when it is there at all.
        noun = max(counts, key=lambda k: (counts[k], k.islower())) if counts else "Section"
        if noun[0].isupper() and noun.lower() in counts:
            noun = noun.lower()
        arabic = len(re.findall(r"第\d+条", text))
        chinese = len(re.findall(r"第[一二三四五六七八九十百]+条", text))
        return cls(noun=noun, cn_numerals=chinese >= arabic)

    def cite(self, sections: Iterable[str], lang: str) -> str:
        secs = [s for s in dict.fromkeys(sections) if s]
        if lang == "zh":
            return "、".join(self._cite_zh(s) for s in secs)
        names = [normalize_section(s) if not re.match(r"(?i)(section|clause|article)\b", s) else s for s in secs]
        bare = [n for n in names if not re.match(r"(?i)(section|clause|article)\b", n)]
        named = [n for n in names if n not in bare]
        parts = []
        if bare:
            noun = self.noun + ("s" if len(bare) > 1 and not self.noun.endswith("s") else "")
            parts.append(f"{noun} {_join_en(bare)}")
        parts += named
        return _join_en(parts)

    def _cite_zh(self, section: str) -> str:
        if section.startswith("第"):
            return section
        sec = normalize_section(section)
        if re.fullmatch(r"\d+", sec) and self.cn_numerals:
            return f"第{int_to_cn(int(sec))}条"
        return f"第{sec}条"


def _join_en(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------------------------
# The words of a fix

# "Notwithstanding any other provision of this Agreement, " / 尽管本合同其他条款另有约定， at the
# start of a take-back: the words that make it prevail over the commitment.
_LEADING_PRECEDENCE = re.compile(
    r"^\s*(notwithstanding\s+(anything|any(\s+other)?\s+(provision|term|clause|section)s?|the\s+foregoing|"
    r"clauses?\s+[\d.]+|sections?\s+[\d.]+)[^,;]{0,120},\s*"
    r"|notwithstanding\s+any(thing|\s+(other\s+)?provisions?)(\s+(herein|hereof|of\s+this\s+agreement|contained|"
    r"to\s+the\s+contrary|in\s+this\s+agreement|elsewhere))+\s*"
    r"|尽管[^，,。；]{0,40}(另有约定|约定|规定)[，,]\s*|无论[^，,。；]{0,40}如何(约定|规定)[，,]\s*"
    r"|不论[^，,。；]{0,40}如何(约定|规定)[，,]\s*)", re.I)

# A take-back of these undertakings is a right to do the prohibited thing itself (a kill switch, a
# licence to use the customer's data for the supplier's purposes): no wording rescues it, it is
# struck. A right to stop supply can stand where there is just cause: it is made subject to the
# commitment.
STRIKE_TAKE_BACKS = frozenset({"no-illegal-data-acquisition", "no-illegal-device-control"})


# Grounds the labeling guide holds are never just cause for stopping supply.
NOT_JUST_CAUSE = re.compile(
    r"export\s+(control|restriction)|sanction|embargo|export\s+licen[cs]e|for\s+(any|no)\s+reason|convenience|sole\s+discretion|"
    r"at\s+any\s+time|出口管制|出口许可|制裁|禁运|任何理由|随时|单方决定", re.I)
_DEFINES = re.compile(r"\b(include[sd]?|shall\s+include|means|shall\s+mean|shall\s+be\s+deemed\s+to\s+include)\b"
                      r"|包括|是指|系指|视为", re.I)
_ITEM_SPLIT = re.compile(r"(,\s*(?:and\s+|or\s+)?|;\s*(?:and\s+|or\s+)?|、|，(?:以及)?|；)")


def strike_grounds(text: str) -> str | None:
    """For a definition that stretches just cause or force majeure to grounds that are not just
    cause ("Force Majeure includes export controls, sanctions ..."), the words to strike: the
    offending items of its list, or the whole sentence when every item offends. None when the
    sentence is not such a definition."""
    m = _DEFINES.search(text)
    if not m or not NOT_JUST_CAUSE.search(text[m.end():]):
        return None
    tail = text[m.end():]
    parts = _ITEM_SPLIT.split(tail)
    items = parts[0::2]
    bad = [i for i in items if i.strip() and NOT_JUST_CAUSE.search(i)]
    good = [i for i in items if i.strip(" .。") and not NOT_JUST_CAUSE.search(i)]
    if not good or len(bad) == 1 and len(items) == 1:
        return text
    return None  # mixed lists are struck whole by the caller's fallback (subordination) instead


def operative_start(text: str) -> int:
    """Where the operative words of a clause start, after a number and a run-in heading
    ("Termination 11.1 TERMINATION WITHOUT CAUSE Either Party may ..." -> "Either")."""
    m = re.match(r"^\s*(?:[A-Z][\w&/-]*(?:\s+[A-Z][\w&/-]*){0,4}\s+(?=\d))?(?:\d+(?:\.\d+)*\.?\s+)?"
                 r"(?:[A-Z][A-Z&/,'-]+(?:\s+[A-Z][A-Z&/,'-]+)*\.?\s+(?=[A-Z][a-z]))?", text)
    return m.end() if m else 0


def precise_section(section: str | None, text: str) -> str | None:
    """The number the evidence text itself carries when it is more precise than ``section``
    ("11" for a sentence that starts "Termination 11.1 ..." -> "11.1")."""
    if not section:
        return section
    m = re.search(r"(?<![\d.])(\d+(?:\.\d+)+)(?=\s)", text[:80])
    if m and m.group(1).startswith(normalize_section(section) + "."):
        return m.group(1)
    return section


def leading_precedence(text: str) -> str:
    """The precedence words at the start of ``text`` ("Notwithstanding any other provision of this
    Agreement, "), or ""."""
    m = _LEADING_PRECEDENCE.match(text)
    return m.group(0) if m else ""


def subordination_lead(commitment_sections: Iterable[str], lang: str, style: RefStyle) -> str:
    cited = style.cite(commitment_sections, lang)
    if lang == "zh":
        return f"在不违反本合同{cited}约定的前提下，" if cited else "在不违反本合同关于持续供应约定的前提下，"
    return f"Subject to {cited}, " if cited else "Subject to the other provisions of this Agreement, "


def precedence_lead(sections: Iterable[str], lang: str, style: RefStyle) -> str:
    cited = style.cite(sections, lang)
    if lang == "zh":
        return f"尽管本合同{cited}另有约定，" if cited else "无论本合同其他条款如何约定，"
    return f"Notwithstanding {cited}, " if cited else "Notwithstanding any other provision of this Agreement, "


def lower_first(text: str, lang: str) -> str:
    """"The Supplier shall" -> "the Supplier shall" after lead-in words; names and Chinese stay."""
    if lang == "zh" or not text:
        return text
    first = text.split(" ", 1)[0]
    if first in ("The", "If", "Where", "In", "Each", "Either", "Neither", "Any", "All", "Upon", "On", "After",
                 "Without", "Should", "When", "Unless", "Nothing", "This", "Such", "A", "An"):
        return text[0].lower() + text[1:]
    return text


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))
