"""Suggested wording, in the contract's language and with its own defined terms, and the one
recommended fix of each finding (``Suggestion.recommended``: what ``clausecheck fix`` applies) with
its alternative (``Suggestion.alternative``):

- a hedge in the commitment: the smallest edit that fixes it (strike "use commercially reasonable
  efforts to", strike a carve-out, "should" -> "shall"), checked by re-judging the edited clause;
  the alternative is the library's full wording. Where no small edit fixes it, the clause is
  replaced by the library's wording.
- a take-back in another clause (``overridden``): the fix goes where the problem is. The clause
  that takes the commitment back is amended (struck, or made subject to the commitment), naming only
  real take-backs: clauses the contract's own definition of just cause names are not touched. A
  precedence clause on the commitment ("Notwithstanding clause 18.2, ...") is recommended only
  where it is the smaller edit; otherwise it is the alternative.
- a missing undertaking: a new clause in the article where it belongs (``clausecheck.remedy``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clausecheck.findings import Action, DocumentReport, Edit, Finding, Status, Suggestion
from clausecheck.library import CompiledCues, Undertaking
from clausecheck.remedy import (
    STRIKE_TAKE_BACKS,
    RefStyle,
    covered,
    defines_just_cause,
    drop_definitions,
    home_rank,
    just_cause_refs,
    leading_precedence,
    lower_first,
    normalize_section,
    operative_start,
    precedence_lead,
    precise_section,
    strike_grounds,
    subordination_lead,
)

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


def _template(req: Undertaking, judge: DocumentJudge, lang: str, doc: _Doc | None = None) -> str:
    sup, cus = _terms(judge, lang)
    tpl = req.suggestion.zh if lang == "zh" else req.suggestion.en
    text = " ".join(tpl.split()) if lang != "zh" else tpl.replace("\n", "").replace(" ", "")
    text = text.replace("{supplier}", sup).replace("{customer}", cus)
    if doc is not None and doc.defines_just_cause:
        # The contract already says what just cause is: a second definition would compete with it.
        text = drop_definitions(text, lang)
    return text[0].upper() + text[1:] if lang != "zh" else text


def _languages(judge: DocumentJudge) -> list[str]:
    lang = judge.seg.language
    return ["en", "zh"] if lang == "bilingual" else [lang]


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
            if cues.exception_enclosed is not None and cues.exception_enclosed.search(m.group(0)):
                # 除……外，乙方不得……: strike the enclosed exception and the comma after it.
                trail = re.match(r"\s*[,，]\s*", text[m.end():])
                old = text[m.start():m.end() + (trail.end() if trail else 0)]
            else:
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
    """The recommended fix of a finding (what the redline applies) and, where there is one, the
    alternative. See ``clausecheck.remedy`` for how a take-back is fixed where it is."""
    if finding.status == Status.COMPLIANT:
        return None
    doc = judge.memo.get("suggest.doc") or judge.memo.setdefault("suggest.doc", _Doc.of(judge))
    langs = _languages(judge)
    texts = {lang: _template(req, judge, lang, doc) for lang in langs}
    language = "en+zh" if len(langs) > 1 else langs[0]
    wording = "\n".join(texts[lang] for lang in langs)
    if finding.status == Status.MISSING:
        rec = _insert_action(finding, texts, langs, doc)
        return Suggestion(language=language, text=wording, edits=rec.edits, recommended=rec)

    codes = {r.code for r in finding.reasons}
    own = codes - {"overridden"}
    commitments = [e for e in finding.evidence if e.role == "commitment"]
    minimal: list[Edit] = []
    rewrite: dict[int, Edit] = {}  # commitment index -> the edit replacing it with the library wording
    for i, ev in enumerate(commitments):
        lang = _evidence_lang(ev.text, texts, langs)
        whole = Edit(kind="replace", anchor=ev.text, old=ev.text, new=texts[lang], language=lang,
                     reason=",".join(sorted(own)) or "overridden", section=ev.section, target="commitment")
        if not own:
            continue
        targeted = _targeted_edits(ev.text, own, lang, judge) if own <= _FIXABLE_BY_EDIT else None
        if targeted is not None and _fixes(targeted, ev.text, req, judge):
            minimal += [e.model_copy(update={"section": ev.section}) for e in targeted]
        else:
            rewrite[i] = whole  # a hedge would remain after a small edit: replace the clause
    own_edits = minimal + list(rewrite.values())
    own_kind = "replace-clause" if rewrite else "minimal-edit"

    if "overridden" not in codes:
        rec = Action(kind=own_kind, edits=tuple(own_edits), text=_result_text(commitments, own_edits))
        alt = None
        if own_kind == "minimal-edit":
            full = [Edit(kind="replace", anchor=ev.text, old=ev.text, new=texts[_evidence_lang(ev.text, texts, langs)],
                         language=_evidence_lang(ev.text, texts, langs), reason=",".join(sorted(own)),
                         section=ev.section, target="commitment") for ev in commitments]
            alt = Action(kind="replace-clause", edits=tuple(full), text=_result_text(commitments, full))
        return Suggestion(language=language, text=wording, edits=rec.edits, recommended=rec, alternative=alt)

    take_backs = [e.model_copy(update={"section": precise_section(e.section, e.text)})
                  for e in (*finding.evidence, *finding.related) if e.role == "take-back"]
    real = [e for e in take_backs if not covered(e.section, doc.just_cause)] or take_backs
    amend = _amend_take_backs(real, commitments, req.id, doc)
    prec = _precedence_edits(real, commitments, rewrite, doc)
    prevailing = sum(1 for e in real if leading_precedence(e.text))
    # The smaller edit wins; on a tie the fix goes where the problem is, the take-back. A
    # take-back can only be made subject to a commitment the contract numbers.
    citable = any(c.section for c in commitments)
    subordinates = [e for e in amend if e.target == "take-back" and e.kind == "replace"]
    cost_amend = len(real) if citable or not subordinates else len(real) + 100
    cost_prec = (0 if len(rewrite) == len(commitments) and commitments else 1) + prevailing
    amend_edits = tuple(minimal + list(rewrite.values()) + amend)
    prec_edits = tuple(minimal + [e for i, e in rewrite.items() if i not in prec[1]] + prec[0])
    amend_action = Action(kind="amend-take-back", edits=amend_edits,
                          text=_result_text(commitments + real, list(amend_edits)))
    prec_action = Action(kind="precedence", edits=prec_edits,
                         text=_result_text(commitments + real, list(prec_edits)))
    rec, alt = (prec_action, amend_action) if cost_prec < cost_amend else (amend_action, prec_action)
    return Suggestion(language=language, text=wording, edits=rec.edits, recommended=rec, alternative=alt)


@dataclass(frozen=True)
class _Doc:
    """What a fix needs to know about the whole document."""

    style: RefStyle
    just_cause: frozenset[str]  # sections the contract's own just-cause definitions name
    defines_just_cause: bool
    clauses: tuple  # segment.Clause
    sentences: tuple  # segment.Sentence
    cues: CompiledCues | None = field(default=None, compare=False)  # the judge's library (where clauses go)
    memo: dict = field(default_factory=dict, compare=False)  # what is derived once per document

    @classmethod
    def of(cls, judge: DocumentJudge) -> _Doc:
        seg = judge.seg
        texts = [s.text for s in seg.sentences]
        return cls(style=RefStyle.of(judge.source.text), just_cause=frozenset(just_cause_refs(texts)),
                   defines_just_cause=defines_just_cause(texts), clauses=seg.clauses, sentences=seg.sentences,
                   cues=judge.cues)

    def partner(self, text: str, section: str | None, lang: str) -> str | None:
        """The other-language version of ``text`` in a bilingual contract: the same sentence of
        the clause with the same number in the other language."""
        if not section:
            return None
        key = _squash(text)
        mine = [c for c in self.clauses if c.section == section and key in _squash(c.text)]
        others = [c for c in self.clauses if c.section == section and lang_of(c.text) != lang and c.text.strip()]
        if not mine or len(others) != 1:
            return None
        from clausecheck.segment import split_sentences

        own_sents = split_sentences(mine[0].text)
        other_sents = split_sentences(others[0].text)
        idx = next((i for i, s in enumerate(own_sents) if key in _squash(s) or _squash(s) in key), None)
        if idx is None or len(own_sents) != len(other_sents):
            return None
        return other_sents[idx]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _evidence_lang(text: str, texts: dict[str, str], langs: list[str]) -> str:
    lang = lang_of(text)
    return lang if lang in texts else langs[0]


def _result_text(clauses: list, edits: list[Edit]) -> str:
    """Each clause the edits change, as it reads afterwards (a struck clause drops out), then any
    new clause: what a reader compares with the contract."""
    lines: list[str] = []
    for ev in clauses:
        mine = [e for e in edits if e.kind != "insert" and e.anchor == ev.text]
        if not mine:
            continue
        after = apply_edits(ev.text, mine).strip()
        if after and after not in lines:
            lines.append(after)
    lines += [e.new for e in edits if e.kind == "insert" and e.new]
    return "\n".join(lines)


def _amend_take_backs(take_backs: list, commitments: list, req_id: str, doc: _Doc) -> list[Edit]:
    """A tracked edit of each clause that takes the commitment back (and of its translation in a
    bilingual contract): struck where the take-back is a right to do the prohibited thing itself,
    otherwise made subject to the commitment."""
    out: list[Edit] = []
    for ev in take_backs:
        lang = lang_of(ev.text)
        versions = [(ev.text, lang)]
        partner = doc.partner(ev.text, ev.section, lang)
        if partner:
            versions.append((partner, "zh" if lang == "en" else "en"))
        for text, lg in versions:
            strike = text if req_id in STRIKE_TAKE_BACKS else strike_grounds(text)
            if strike:
                out.append(Edit(kind="delete", anchor=text, old=strike, language=lg, reason="overridden",
                                section=ev.section, target="take-back"))
                continue
            secs = [c.section for c in commitments if c.section and lang_of(c.text) == lg] or \
                [c.section for c in commitments if c.section]
            lead = subordination_lead(secs, lg, doc.style)
            out.append(_lead_edit(text, lead, lg, section=ev.section, target="take-back",
                                  replace_precedence=True))
    return out


def _precedence_edits(take_backs: list, commitments: list, rewrite: dict[int, Edit],
                      doc: _Doc) -> tuple[list[Edit], set[int]]:
    """The commitment made to prevail over the take-backs it names (folded into a replacement of
    the commitment where there is one), and the take-backs' own "notwithstanding" words struck so
    that only one clause claims to prevail. Returns the edits and the rewrites they absorb."""
    out: list[Edit] = []
    absorbed: set[int] = set()
    secs = [e.section or "" for e in take_backs]
    for i, ev in enumerate(commitments):
        lang = lang_of(ev.text)
        lead = precedence_lead(secs, lang, doc.style)
        if i in rewrite:
            r = rewrite[i]
            out.append(r.model_copy(update={"new": lead + lower_first(r.new, lang), "lead": lead,
                                            "overrides": tuple(s for s in secs if s), "reason": "overridden"}))
            absorbed.add(i)
        else:
            e = _lead_edit(ev.text, lead, lang, section=ev.section, target="commitment", replace_precedence=False)
            out.append(e.model_copy(update={"lead": lead, "overrides": tuple(s for s in secs if s)}))
    for ev in take_backs:
        old = leading_precedence(ev.text)
        if not old:
            continue
        lang = lang_of(ev.text)
        rest = ev.text[len(old):]
        first = rest.split(" ", 1)[0] if lang != "zh" else ""
        if first and first[:1].islower():  # the clause now starts with this word
            out.append(Edit(kind="replace", anchor=ev.text, old=old + first, new=first[:1].upper() + first[1:],
                            language=lang, reason="overridden", section=ev.section, target="take-back"))
        else:
            out.append(Edit(kind="delete", anchor=ev.text, old=old, language=lang, reason="overridden",
                            section=ev.section, target="take-back"))
    return out, absorbed


def _lead_edit(text: str, lead: str, lang: str, *, section: str | None, target: str,
               replace_precedence: bool) -> Edit:
    """Words put at the start of ``text`` (replacing its own precedence words when asked)."""
    old_lead = leading_precedence(text) if replace_precedence else ""
    if old_lead:
        return Edit(kind="replace", anchor=text, old=old_lead, new=lead, language=lang, reason="overridden",
                    section=section, target=target)
    start = operative_start(text)
    rest = text[start:]
    if lang == "zh":
        head = text[:start] + rest[: min(len(rest), 6)]
        return Edit(kind="replace", anchor=text, old=head, new=text[:start] + lead + rest[:6], language=lang,
                    reason="overridden", section=section, target=target)
    first = rest.split(" ", 1)[0]
    return Edit(kind="replace", anchor=text, old=text[:start] + first,
                new=text[:start] + lead + lower_first(first, lang), language=lang,
                reason="overridden", section=section, target=target)


def _insert_action(finding: Finding, texts: dict[str, str], langs: list[str], doc: _Doc) -> Action:
    """A new numbered clause in the article where the undertaking belongs. Where something already
    permits the conduct, the new clause prevails over it, naming only real take-backs."""
    homes = _home_anchor(finding.requirement, doc)
    real = [e for e in finding.related if not covered(e.section, doc.just_cause)]
    secs = [e.section for e in real if e.section]
    edits: list[Edit] = []
    for lang in langs:
        lead = precedence_lead(secs, lang, doc.style) if real else ""
        anchor, section = homes.get(lang, (None, None))
        edits.append(Edit(kind="insert", anchor=anchor, new=lead + lower_first(texts[lang], lang) if lead
                          else texts[lang], language=lang, reason="missing", section=section, target="new",
                          lead=lead, overrides=tuple(secs)))
    return Action(kind="insert-clause", edits=tuple(edits), text="\n".join(e.new for e in edits))


def _articles(doc: _Doc) -> tuple[list[str], dict[str, list], dict[str, set[str]]]:
    """The document's articles in order: their keys, clauses and headings (once per document)."""
    cached = doc.memo.get("articles")
    if cached is not None:
        return cached
    groups: dict[str, list] = {}
    order: list[str] = []
    for c in doc.clauses:
        key = normalize_section((c.section or "").split(".")[0]) or (c.heading or "")
        if not key:
            continue
        if key not in groups:
            order.append(key)
        groups.setdefault(key, []).append(c)
    # The article's heading: what the segmenter took as one, or the short text of a top-level
    # number ("第六条 质量保证与售后服务" read as number + text).
    headings = {key: {c.heading for c in cl if c.heading} | {
        c.text for c in cl if c.number and "." not in c.number.rstrip(".") and len(c.text) <= 40
        and not re.search(r"[.。;；:：，,]$", c.text)} for key, cl in groups.items()}
    doc.memo["articles"] = (order, groups, headings)
    return doc.memo["articles"]


def _home_anchor(requirement: str, doc: _Doc) -> dict[str, tuple[str, str | None]]:
    """Per language, the last clause of the article where ``requirement`` belongs (None when no
    article fits: the redline then adds a new article at the end)."""
    order, groups, headings = _articles(doc)
    best: tuple[int, int] | None = None
    best_key = None
    for pos, key in enumerate(order):
        ranks = [r for r in (home_rank(requirement, h, doc.cues) for h in headings[key]) if r is not None]
        if ranks and (best is None or (min(ranks), pos) < best):
            best, best_key = (min(ranks), pos), key
    out: dict[str, tuple[str, str | None]] = {}
    if best_key is None:
        return out
    for c in reversed(groups[best_key]):
        lang = lang_of(c.text)
        if lang not in out and len(c.text) > 40:
            out[lang] = (c.text, c.section)
    return out


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




def _squash_key(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").casefold()


def is_strike(e: Edit) -> bool:
    """A take-back clause struck as a whole."""
    return e.kind == "delete" and e.target == "take-back" and bool(e.anchor) and \
        _squash_key(e.old) == _squash_key(e.anchor)


def coordinate(report: DocumentReport) -> DocumentReport:
    """Make the findings' recommended actions agree with one another, as one redline applies them:
    a take-back struck for one finding is not also amended for another, and precedence words that
    would name only clauses struck by another finding's fix are dropped (the new clause does not
    prevail over a clause that is gone). ``Suggestion.edits`` stays the recommended action's."""
    recs = [(f, f.suggestion.recommended) for f in report.findings
            if f.suggestion is not None and f.suggestion.recommended is not None]
    struck = {_squash_key(e.anchor): f.requirement for f, a in recs for e in a.edits if is_strike(e)}
    struck_secs = {e.section for _, a in recs for e in a.edits if is_strike(e) and e.section}
    if not struck:
        return report
    findings = []
    for f in report.findings:
        s = f.suggestion
        if s is None or s.recommended is None:
            findings.append(f)
            continue
        edits: list[Edit] = []
        for e in s.recommended.edits:
            owner = struck.get(_squash_key(e.anchor))
            if owner is not None and not is_strike(e) and e.kind != "insert":
                continue  # the clause this edit amends is struck by another finding's fix
            if e.lead and e.overrides and set(e.overrides) <= struck_secs and e.new.startswith(e.lead):
                body = e.new[len(e.lead):]
                if e.language != "zh":
                    body = body[:1].upper() + body[1:]
                if e.kind == "insert" or _squash_key(e.old) == _squash_key(e.anchor):
                    e = e.model_copy(update={"new": body, "lead": "", "overrides": ()})
                else:
                    continue  # only a precedence over struck clauses: nothing left to add
            edits.append(e)
        if tuple(edits) == s.recommended.edits:
            findings.append(f)
            continue
        clauses = [ev for ev in (*f.evidence, *f.related) if ev.role in ("commitment", "take-back")]
        rec = s.recommended.model_copy(update={"edits": tuple(edits), "text": _result_text(clauses, edits)})
        findings.append(f.model_copy(update={"suggestion": s.model_copy(update={"recommended": rec,
                                                                                "edits": rec.edits})}))
    return report.model_copy(update={"findings": tuple(findings)})
