"""Who is who: the document's own terms for the supplier and the customer.

Contracts name parties their own way ("VOTOCAST", "Licensor", 乙方). The judge needs to know
whether a sentence binds the supplier (an obligation on the customer is not the undertaking), and
suggestions must use the document's own term.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from clausecheck.library import ClauseLibrary
from clausecheck.segment import Segmented

# ("Provider"), (the "Supplier"), (hereinafter "X"), （以下简称“乙方”）
_DEFINED = re.compile(
    r"[(（]\s*(?:the\s+|each\s+a\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?|以下简称[:：]?\s*|下称[:：]?\s*)?"
    r"[\"“”']([^\"“”'()（）]{1,40})[\"“”']"
    r"(?:\s*(?:or|and|,)\s*(?:the\s+)?[\"“”']([^\"“”'()（）]{1,40})[\"“”'])?", re.I)
_CORPORATE = re.compile(
    r"\b(Inc|Corp|Corporation|LLC|L\.L\.C|Ltd|Limited|GmbH|plc|S\.A|N\.V|B\.V|AG|Co|Company|LLP|LP|"
    r"corporation|company|partnership)\b\.?|有限公司|股份公司|公司|研究院|中心|局|委员会")
_NOT_PARTIES = {
    "agreement", "services", "service", "software", "product", "products", "effective date", "term",
    "territory", "documentation", "confidential information", "recipient", "disclosing party",
    "receiving party", "party", "parties", "deliverables", "system", "equipment", "goods", "fees",
    "license", "licence", "work", "site", "content", "data", "user data", "customer data", "sow",
    "order form", "statement of work", "hardware", "platform", "option", "exhibit", "schedule",
}
_PAY_VERBS = {"pay", "remit", "reimburse"}
_ACTOR = re.compile(
    r"((?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})\s+(?:shall|will|agrees\s+to|must)\s+(?:\w+\s+){0,3}?"
    r"(provide|deliver|perform|host|develop|maintain|supply|support|license|grant|install|design|pay|remit|reimburse)\b")


def _same(who: str, term: str) -> bool:
    """``who`` is the capitalised run before "shall"; it may start with the previous sentence's
    last word ("Software. Sparkling shall pay"), so the term must end it."""
    w, t = who.lower(), term.lower()
    return w == t or (w.endswith(t) and not w[-len(t) - 1].isalnum())


def _count(terms: list[str], text: str) -> Counter[str]:
    """Mentions of each term, for ranking them: a substring count is enough and costs a
    fraction of a regular-expression pass over a 60-page contract."""
    out: Counter[str] = Counter()
    for t in terms:
        n = text.count(t)
        if t.isupper() and len(t) > 3:
            n += text.count(t.title())
        out[t] = n
    return out




@dataclass(frozen=True)
class Parties:
    supplier_terms: tuple[str, ...]
    customer_terms: tuple[str, ...]
    supplier_term: str | None  # the one a suggestion uses (English or Chinese)
    customer_term: str | None
    supplier_term_zh: str | None = None
    customer_term_zh: str | None = None

    @cached_property
    def _patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((role, re.compile("|".join(_term_rx(t) for t in terms)))
                     for role, terms in (("supplier", self.supplier_terms), ("customer", self.customer_terms))
                     if terms)

    def role_at(self, text: str, pos: int, *, after: bool = False) -> str | None:
        """The party named nearest before ``pos`` (or after it, for a passive "by X")."""
        best: tuple[int, str] | None = None
        spans = []
        for role, rx in self._patterns:
            for m in rx.finditer(text):
                spans.append((m.start(), m.end(), role))
        for start, end, role in spans:
            if after:
                if start >= pos and (best is None or start < best[0]):
                    best = (start, role)
            elif end <= pos and (best is None or end > best[0]):
                best = (end, role)
        return best[1] if best else None


def _term_rx(term: str) -> str:
    if re.search(r"[\u4e00-\u9fff]", term):
        return re.escape(term)
    body = re.escape(term)
    if term.isupper() and len(term) > 3:
        # "GARMAN" is defined in capitals and then written "Garman".
        body = f"(?:{body}|{re.escape(term.title())})"
    return r"(?<![A-Za-z])" + body + r"(?:'s|’s)?(?![A-Za-z])"


def detect_parties(seg: Segmented, library: ClauseLibrary) -> Parties:
    cues = library.cues.parties
    sup_words = {w.lower() for w in cues.supplier_words}
    cus_words = {w.lower() for w in cues.customer_words}
    text = "\n".join(c.text for c in seg.clauses)
    defined: list[tuple[str, str]] = []  # (term, context before the definition)
    for m in _DEFINED.finditer(text):
        ctx = text[max(0, m.start() - 160):m.start()]
        for g in (m.group(1), m.group(2)):
            if g and len(g.split()) <= 4 and not re.search(r"\d{2,}|[.;:]", g):
                defined.append((g.strip(), ctx + " " + m.group(0)))
    score: Counter[str] = Counter()
    role: dict[str, str] = {}
    for term, ctx in defined:
        lowered = term.lower()
        if lowered in _NOT_PARTIES or (lowered not in sup_words and lowered not in cus_words
                                       and not _CORPORATE.search(ctx[-90:])):
            continue  # ("Services"), ("Agreement"): defined terms, but not parties
        if lowered in sup_words:
            score[term] += 3
            role[term] = "supplier"
            continue
        if lowered in cus_words and lowered not in ("company", "user", "operator"):
            score[term] += 3
            role[term] = "customer"
            continue
        # `VOTOCAST ("VOTOCAST" or "Provider")`: a role word inside the same definition.
        ctx_words = {w.lower() for w in re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]{2,4}", ctx[-80:])}
        if ctx_words & sup_words - {"host"}:
            role.setdefault(term, "supplier")
        elif ctx_words & cus_words - {"company", "user", "operator"}:
            role.setdefault(term, "customer")
    # One pass each over the text (not one per term): who is mentioned, who provides, who pays.
    candidates = list(dict.fromkeys([t for t, _ in defined] + list(role)))[:40]
    words = [w for w in cues.supplier_words + cues.customer_words if w not in role]
    mentions = _count(candidates + words, text)
    acts = Counter()
    for m in _ACTOR.finditer(text):
        acts[(m.group(1), "pays" if m.group(2).lower() in _PAY_VERBS else "provides")] += 1
    # Defined terms with no role word: decide by what the document makes them do.
    for term in [t for t in candidates if t not in role][:25]:
        provides = sum(n for (who, what), n in acts.items() if what == "provides" and _same(who, term))
        pays = sum(n for (who, what), n in acts.items() if what == "pays" and _same(who, term))
        if mentions[term] < 3:
            continue
        if provides > pays:
            role[term] = "supplier"
        elif pays > provides:
            role[term] = "customer"
    # Plain role words used without a definition (乙方, Supplier).
    for word in words:
        n = mentions[word]
        if n >= 2 and word not in role and word.lower() not in ("company", "user", "operator", "host"):
            role[word] = "supplier" if word in cues.supplier_words else "customer"
    for t in role:
        score[t] += mentions[t] if t in mentions else len(re.findall(_term_rx(t), text))
    sup = sorted((t for t, r in role.items() if r == "supplier"), key=lambda t: -score[t])
    cus = sorted((t for t, r in role.items() if r == "customer"), key=lambda t: -score[t])
    # A term cannot be both; and generic words that the document never uses for a party are dropped.
    cus = [t for t in cus if t not in sup]

    def pick(terms: list[str], zh: bool) -> str | None:
        cands = [t for t in terms if bool(re.search(r"[\u4e00-\u9fff]", t)) == zh]
        if not cands:
            return None
        t = cands[0]
        # Defined as "GARMAN", written "Garman": use it as the document writes it.
        if t.isupper() and len(t) > 3 and len(re.findall(re.escape(t.title()), text)) > len(re.findall(re.escape(t), text)):
            return t.title()
        return t

    return Parties(
        supplier_terms=tuple(sup), customer_terms=tuple(cus),
        supplier_term=pick(sup, False) or pick(sup, True), customer_term=pick(cus, False) or pick(cus, True),
        supplier_term_zh=pick(sup, True), customer_term_zh=pick(cus, True),
    )
