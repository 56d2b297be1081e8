"""Suggested wording, in the contract's language and with its own defined terms.

For a weakened clause the smallest edit that fixes it where one fits (strike "use commercially
reasonable efforts to", strike a carve-out, "should" -> "shall"); otherwise the clause is
replaced by the library's wording. A take-back elsewhere is met with a precedence clause
("Notwithstanding Section 17 ..."), which is how a drafter would fix it without rewriting the
other clause. A missing undertaking is inserted where the document's other such undertakings live.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clausecheck.findings import Edit, Finding, Status, Suggestion
from clausecheck.library import Undertaking

if TYPE_CHECKING:
    from clausecheck.judge import DocumentJudge

_STRIKE_EFFORT_EN = re.compile(
    r"\b(use|make|exercise|employ)\s+(all\s+)?(its\s+|their\s+)?(commercially\s+)?(reasonable|best|diligent|good[\s-]faith)\s+(commercial\s+)?(efforts?|endeavou?rs?)\s+(not\s+)?to\s+", re.I)
_STRIKE_EFFORT_ZH = re.compile(r"(尽(一切)?(合理|最大)?努力|尽力|尽量)(?=[\u4e00-\u9fff])")
_MODAL_FIXES_EN = [
    (re.compile(r"\b(does|do)\s+not\s+(intend|plan|expect|aim)\s+to\b", re.I), "shall not"),
    (re.compile(r"\b(should|intends\s+to|aims\s+to|seeks\s+to|plans\s+to|is\s+expected\s+to|expects\s+to)\b", re.I), "shall"),
]
_MODAL_FIXES_ZH = [(re.compile(r"原则上不"), "不得"), (re.compile(r"原则上"), "应当"),
                   (re.compile(r"可以视情况|视情况|可以"), "应当")]
_FIXABLE_BY_EDIT = {"qualified-effort", "permissive-modal", "carve-out"}


def _terms(judge: DocumentJudge, lang: str) -> tuple[str, str]:
    p = judge.parties
    if lang == "zh":
        return (p.supplier_term_zh or "乙方", p.customer_term_zh or "甲方")
    sup = p.supplier_term or "the Supplier"
    cus = p.customer_term or "the Customer"
    text = judge.source.text
    return _article(sup, text), _article(cus, text)


def _article(term: str, text: str) -> str:
    """Use "the Supplier" where the document does; "VOTOCAST" and "Provider" go bare."""
    if term.lower().startswith("the ") or re.search(r"[\u4e00-\u9fff]", term):
        return term
    with_the = text.count("the " + term) + text.count("The " + term)
    bare = text.count(term) - with_the
    return f"the {term}" if with_the > bare else term


def _template(req: Undertaking, judge: DocumentJudge, lang: str) -> str:
    sup, cus = _terms(judge, lang)
    tpl = req.suggestion.zh if lang == "zh" else req.suggestion.en
    text = " ".join(tpl.split()) if lang != "zh" else tpl.replace("\n", "").replace(" ", "")
    text = text.replace("{supplier}", sup).replace("{customer}", cus)
    return text[0].upper() + text[1:] if lang != "zh" else text


def _languages(judge: DocumentJudge) -> list[str]:
    lang = judge.seg.language
    return ["en", "zh"] if lang == "bilingual" else [lang]


def _precedence(take_back_sections: list[str], lang: str) -> str:
    secs = [s for s in dict.fromkeys(take_back_sections) if s]
    if lang == "zh":
        named = "、".join(s if s.startswith("第") else f"第{s}条" for s in secs)
        return f"无论本合同其他条款（包括{named}）如何约定，" if named else "无论本合同其他条款如何约定，"
    named = ", ".join(f"Section {s}" for s in secs if not s.startswith("第"))
    return (f"Notwithstanding {named} or any other provision of this Agreement, " if named
            else "Notwithstanding any other provision of this Agreement, ")


def _targeted_edits(text: str, codes: set[str], lang: str, judge: DocumentJudge) -> list[Edit] | None:
    """Strike or swap words inside the commitment; None when no clean small edit exists."""
    edits: list[Edit] = []
    cues = judge.cues
    for code in codes:
        if code == "qualified-effort":
            m = (_STRIKE_EFFORT_ZH if lang == "zh" else _STRIKE_EFFORT_EN).search(text)
            if not m:
                return None
            if lang == "zh" and text[:m.start()].endswith("将"):
                # 乙方将尽最大努力保障 -> 乙方应当保障: 将 alone is not an obligation in Chinese drafting.
                edits.append(Edit(kind="replace", anchor=text, old="将" + m.group(0), new="应当", language=lang,
                                  reason=code))
            elif lang != "zh" and m.group(8):
                # "shall use reasonable efforts not to obtain" -> "shall not obtain"
                edits.append(Edit(kind="replace", anchor=text, old=m.group(0), new="not ", language=lang, reason=code))
            else:
                edits.append(Edit(kind="delete", anchor=text, old=m.group(0), language=lang, reason=code))
        elif code == "permissive-modal":
            fixes = _MODAL_FIXES_ZH if lang == "zh" else _MODAL_FIXES_EN
            found = []
            for rx, new in fixes:
                for m in rx.finditer(text):
                    if not any(m.start() < e and s < m.end() for s, e, _ in found):
                        found.append((m.start(), m.end(), new))
            if not found:
                return None
            for start, end, new in sorted(found):
                edits.append(Edit(kind="replace", anchor=text, old=text[start:end], new=new, language=lang, reason=code))
        elif code == "carve-out":
            m = None
            for p in cues.exception_markers:
                m = p.search(text)
                if m:
                    break
            if not m:
                return None
            end = len(text.rstrip("。.;；")) if lang != "zh" else len(text.rstrip("。"))
            old = text[m.start():end]
            # Keep the sentence's own full stop; drop the comma or semicolon that led in.
            lead = re.search(r"[,;，；]\s*$", text[:m.start()])
            if lead:
                old = text[lead.start():end]
            edits.append(Edit(kind="delete", anchor=text, old=old, language=lang, reason=code))
        else:
            return None
    return edits


def suggest(finding: Finding, req: Undertaking, judge: DocumentJudge) -> Suggestion | None:
    if finding.status == Status.COMPLIANT:
        return None
    langs = _languages(judge)
    texts = {lang: _template(req, judge, lang) for lang in langs}
    edits: list[Edit] = []
    if finding.status == Status.MISSING:
        anchor = _home_section_anchor(judge, finding)
        if finding.related:
            # Something already permits the conduct: the new undertaking must expressly prevail.
            secs = [e.section or "" for e in finding.related]
            texts = {lang: _precedence(secs, lang) + _lower_first(texts[lang], lang) for lang in langs}
        for lang in langs:
            edits.append(Edit(kind="insert", anchor=anchor.get(lang), new=texts[lang], language=lang,
                              reason="missing"))
    else:
        codes = {r.code for r in finding.reasons}
        own = codes - {"overridden"}
        take_back_secs = [e.section or "" for e in finding.evidence if e.role == "take-back"]
        for ev in (e for e in finding.evidence if e.role == "commitment"):
            lang = "zh" if re.search(r"[\u4e00-\u9fff]", ev.text) and lang_of(ev.text) == "zh" else "en"
            if lang not in texts:
                lang = langs[0]
            targeted = _targeted_edits(ev.text, own, lang, judge) if own <= _FIXABLE_BY_EDIT else None
            if targeted is not None and not _fixes(targeted, ev.text, req, judge):
                targeted = None  # a hedge would remain: replace the clause instead
            if "overridden" in codes:
                # Replace with a clause that expressly prevails over the take-back.
                new = _precedence(take_back_secs, lang) + _lower_first(texts[lang], lang)
                edits.append(Edit(kind="replace", anchor=ev.text, old=ev.text, new=new, language=lang,
                                  reason="overridden"))
                texts[lang] = new
            elif targeted is not None:
                edits.extend(targeted)
            else:
                edits.append(Edit(kind="replace", anchor=ev.text, old=ev.text, new=texts[lang],
                                  language=lang, reason=",".join(sorted(own))))
    language = "bilingual" if len(langs) > 1 else langs[0]
    text = "\n".join(texts[lang] for lang in langs)
    return Suggestion(language=language if language != "bilingual" else "en+zh", text=text, edits=tuple(edits))


def apply_edits(text: str, edits: list[Edit]) -> str:
    for e in edits:
        if e.kind in ("delete", "replace") and e.old in text:
            text = text.replace(e.old, e.new if e.kind == "replace" else "", 1)
    return re.sub(r"\s+([,.;])", r"\1", re.sub(r"  +", " ", text))


def _fixes(edits: list[Edit], text: str, req: Undertaking, judge: DocumentJudge) -> bool:
    """Re-judge the edited sentence: the edit counts only if nothing narrows it any more."""
    from clausecheck.segment import Sentence

    like = Sentence(text=text, index=-1, clause=0, page=None, section=None, language=lang_of(text))
    remaining = judge.reasons_for(req, apply_edits(text, edits), like)
    return remaining is not None and not remaining


def lang_of(text: str) -> str:
    from clausecheck.segment import language_of

    return language_of(text)


def _lower_first(text: str, lang: str) -> str:
    if lang == "zh" or not text:
        return text
    # "The Supplier shall" -> "the Supplier shall" after "Notwithstanding ..., "; names stay.
    return text[0].lower() + text[1:] if text.startswith("The ") else text


def _home_section_anchor(judge: DocumentJudge, finding: Finding) -> dict[str, str]:
    """Where a missing undertaking belongs: after the other Art. 6 undertakings the document has."""
    from clausecheck.segment import language_of

    out: dict[str, str] = {}
    for req_id, commitments in judge.commitments.items():
        if req_id == finding.requirement:
            continue
        for c in commitments:
            out.setdefault(language_of(c.unit.text), c.unit.last.text)
    return out
