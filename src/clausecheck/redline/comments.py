"""The Word comment on each tracked change: the source (Art. 6 of the Measures), the verdict and
what the change does, in plain words in the document's language (both for a bilingual document),
never a bare reason code.
"""

from __future__ import annotations

from lxml import etree

from clausecheck.findings import Edit, Finding
from clausecheck.i18n import ACTION_LABELS, REASON_SHORT, REQUIREMENT_DUTY, STATUS_LABELS, pick
from clausecheck.redline.wordxml import w

ART6_EN = "Cybersecurity Review Measures (网络安全审查办法) Art. 6"
ART6_ZH = "《网络安全审查办法》（Cybersecurity Review Measures）第六条"


def _cite(sections: list[str], lang: str) -> str:
    secs = [s for s in dict.fromkeys(sections) if s]
    if lang == "zh":
        return "、".join(s if s.startswith("第") else f"第{s}条" for s in secs)
    return ", ".join(s if s[:1].isalpha() else f"clause {s}" for s in secs)


def _change(finding: Finding, edit: Edit, lang: str, whole: bool) -> str:
    zh = lang == "zh"
    commitments = [e.section or "" for e in finding.evidence if e.role == "commitment"]
    if edit.kind == "insert":
        return "修改：以新增条款的方式补充《办法》要求的承诺。" if zh else \
            "Change: add the undertaking the Measures require, as a clause of its own."
    if edit.target == "take-back":
        where = _cite(commitments, lang)
        if edit.kind == "delete" and whole:
            return (f"修改：删除本条。本条允许供应方实施{where or '该承诺'}所禁止的行为，收回了该承诺。" if zh else
                    f"Change: strike this clause. It lets the supplier do what {where or 'the undertaking'} "
                    "forbids, and so takes the undertaking back.")
        if edit.kind == "delete":
            return ("修改：删除本条中使其优先于该承诺的表述，使该承诺优先适用。" if zh else
                    "Change: strike the words by which this clause prevails over the undertaking, so the "
                    "undertaking prevails.")
        return (f"修改：使本条受{where or '该承诺'}约束，不再收回该承诺；本条其余内容不变。" if zh else
                f"Change: make this clause subject to {where or 'the undertaking'}, so that it no longer takes "
                "the undertaking back; the rest of the clause is unchanged.")
    if edit.lead and edit.overrides:
        cited = _cite(list(edit.overrides), lang)
        return (f"修改：约定本条承诺优先于{cited}。" if zh else
                f"Change: make this undertaking prevail over {cited}.")
    if edit.kind == "delete":
        return "修改：删除削弱该承诺的表述。" if zh else "Change: strike the words that narrow the undertaking."
    if whole:
        return "修改：以有约束力的承诺替换本条。" if zh else "Change: replace the clause with a binding undertaking."
    return "修改：修改削弱该承诺的表述。" if zh else "Change: change the words that narrow the undertaking."


def _lines(finding: Finding, edit: Edit, lang: str, whole: bool, also: list[str]) -> list[str]:
    zh = lang == "zh"
    duty = pick(REQUIREMENT_DUTY, finding.requirement, lang, default=finding.requirement)
    status = str(getattr(finding.status, "value", finding.status))
    codes = list(dict.fromkeys(r.code for r in finding.reasons))
    why = ("；" if zh else "; ").join(pick(REASON_SHORT, c, lang, default="") for c in codes if
                                     pick(REASON_SHORT, c, lang, default=""))
    verdict = pick(STATUS_LABELS, status, lang).lower() if not zh else pick(STATUS_LABELS, status, lang)
    lines = [f"依据{ART6_ZH}，产品和服务提供者应当承诺{duty}。" if zh else f"{ART6_EN}: the supplier must {duty}.",
             (f"审查结论：{verdict}" + (f"（{why}）" if why else "") + "。") if zh else
             (f"Verdict: {verdict}" + (f" ({why})" if why else "") + "."),
             _change(finding, edit, lang, whole)]
    for req in also:
        other = pick(REQUIREMENT_DUTY, req, lang, default=req)
        lines.append(f"此修改同时针对承诺：{other}。" if zh else f"This change also answers the undertaking to {other}.")
    alt = finding.suggestion.alternative if finding.suggestion is not None else None
    if alt is not None:
        label = pick(ACTION_LABELS, alt.kind, lang)
        lines.append(f"此为建议修改；备选方案（未采用）：{label}。" if zh else
                     f"This is the recommended change; the alternative (not applied): {label[0].lower() + label[1:]}.")
    return lines


def comment_text(finding: Finding, edit: Edit, language: str, *, whole: bool = False,
                 also: list[str] | None = None) -> str:
    """The comment for one change; ``whole`` when it strikes or replaces a whole clause."""
    also = also or []
    if language == "zh":
        return "\n".join(_lines(finding, edit, "zh", whole, also))
    if language == "bilingual":
        return "\n".join(_lines(finding, edit, "en", whole, also) + _lines(finding, edit, "zh", whole, also))
    return "\n".join(_lines(finding, edit, "en", whole, also))


def anchor_comment(cid: int, first: etree._Element, last: etree._Element,
                   ref_parent_ins: etree._Element | None = None) -> None:
    """Put a comment's range around ``first`` .. ``last`` and its reference mark after them (inside
    ``ref_parent_ins`` for an inserted paragraph, so rejecting the insertion takes the mark too)."""
    start = etree.Element(w("commentRangeStart"))
    start.set(w("id"), str(cid))
    end = etree.Element(w("commentRangeEnd"))
    end.set(w("id"), str(cid))
    first.addprevious(start)
    last.addnext(end)
    ref_run = etree.Element(w("r"))
    rpr = etree.SubElement(ref_run, w("rPr"))
    etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
    etree.SubElement(ref_run, w("commentReference")).set(w("id"), str(cid))
    if ref_parent_ins is not None:
        ref_parent_ins.append(ref_run)
    else:
        end.addnext(ref_run)
