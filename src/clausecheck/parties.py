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

from clausecheck.library import ClauseLibrary, PartyCues
from clausecheck.segment import Segmented


def _words(name: str) -> str:
    """A defined term as lower-case words: "EffectiveDate" reads as "effective date"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower().removeprefix("the ")

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

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Every mention of a party in ``text``: (start, end, role). Where one name sits inside a
        longer one (许可方 in 被许可方, "Provider" in "Service Provider"), the longer is the party."""
        found = [(m.start(), m.end(), role) for role, rx in self._patterns for m in rx.finditer(text)]
        return [sp for sp in found if not any(o[0] <= sp[0] and sp[1] <= o[1] and (o[1] - o[0]) > (sp[1] - sp[0])
                                              for o in found)]

    def role_at(self, text: str, pos: int, *, after: bool = False, things: re.Pattern[str] | None = None
                ) -> str | None:
        """The party named nearest before ``pos`` (or after it, for a passive "by X"). With
        ``things``, a name that only says whose thing follows ("Customer Data", 甲方数据) is passed
        over: it names what the clause is about, not who acts."""
        best: tuple[int, str] | None = None
        for start, end, role in self.spans(text):
            if things is not None and things.match(text, end):
                continue
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
    if term.islower() and len(term) > 3:
        # a name defined in lower case ("ebix") is written any way later ("eBix", "Ebix")
        body = f"(?i:{body})"
    elif term.islower():
        # a pronoun the terms define as a party ("we", "you"): capitalised at a sentence's start
        forms = dict.fromkeys((term, term.capitalize(), term.upper()))
        body = "(?:" + "|".join(re.escape(f) for f in forms) + ")"
    elif len(term) > 3:
        # "GARMAN" is defined in capitals and then written "Garman", or the other way round.
        forms = dict.fromkeys((term, term.upper(), term.title()))
        body = "(?:" + "|".join(re.escape(f) for f in forms) + ")"
    return r"(?<![A-Za-z])" + body + r"(?:'s|’s)?(?![A-Za-z])"


_PRONOUNS = frozenset({"we", "you", "us"})
_PREAMBLE_CHARS = 4000
_PREAMBLE_SEARCH = 20000  # how far in a cover page and a table of contents may push the preamble


def _acts(term: str, text: str, cues: PartyCues) -> tuple[int, int]:
    """How often the document makes ``term`` provide (supply, perform, license, be retained or
    be paid) and how often it makes it pay or buy: the roles by what each party does."""
    provides = pays = receives = 0
    for m in re.finditer(_term_rx(term), text):
        provides += bool(cues.after_provides.match(text, m.end()))
        pays += bool(cues.after_pays.match(text, m.end()))
        before = text[max(0, m.start() - 60):m.start()]
        provides += bool(cues.retained.search(before))
        pays += bool(cues.paid_by.search(before))
        receives += bool(cues.receives.search(before))
    return provides, pays + receives // 2


def detect_parties(seg: Segmented, library: ClauseLibrary) -> Parties:
    """The supplier's and the customer's own terms.

    The parties are the terms the document defines for the persons it is made between (in its
    preamble, or with a corporate name before them) and the role words it uses for them (Supplier,
    Licensee, 乙方). A role word decides; otherwise what the document makes each party do (provide,
    perform, license, be paid, versus pay and buy). In a two-party agreement, once one side's role
    is known the other side has the other role."""
    cues = library.cues.parties
    pc = library.party_cues
    sup_words = {w.lower() for w in cues.supplier_words}
    cus_words = {w.lower() for w in cues.customer_words}
    text = "\n".join(c.text for c in seg.clauses)
    # The preamble names the parties: it ends where the recitals or the first clause begin. A
    # contract with a cover page and a table of contents ("ARTICLE 1 DEFINITIONS 1") starts its
    # preamble after them, at the sentence that says between whom it is made (when the text before
    # the table of contents defines no one).
    start = 0
    first = pc.preamble_end.search(text, 80, _PREAMBLE_CHARS)
    opening = pc.preamble_start.search(text, 0, _PREAMBLE_SEARCH)
    if opening is not None and first is not None and opening.start() > first.start() \
            and not pc.defined_term.search(text, 0, first.start()):
        start = text.rfind("\n", 0, opening.start()) + 1
    end = pc.preamble_end.search(text, start + 80, start + _PREAMBLE_CHARS)
    preamble_end = end.start() if end else start + _PREAMBLE_CHARS
    preamble = text[start:preamble_end]

    # 1. The parties' terms: defined in the preamble, or defined after a corporate name.
    terms: list[str] = []
    aliases: dict[str, str] = {}  # a second name of the same party -> its first term
    strength: dict[str, tuple[int, int]] = {}  # (how surely a person, -position): the main parties first
    pronoun_of: list[tuple[str, str]] = []  # ("you", "Franchisee"): a pronoun defined after a name
    defined_pronouns: list[str] = []  # ("you" or "your") defined after no party's name
    for m in pc.defined_term.finditer(text):
        ctx = text[max(0, m.start() - 160):m.start()]
        # ("Client," which shall include ...): the comma is the sentence's, not the name's;
        # ("*****") marks omitted text and names nobody.
        names = [g.strip().rstrip(",;").strip() for g in (m.group("name"), m.group("also")) if g]
        names = [n for n in names if len(n.split()) <= 4 and not re.search(r"\d{2,}|[.;:]", n)
                 and re.search(r"[^\W\d_]", n)]
        if not names:
            continue
        lowered = names[0].lower().removeprefix("the ")
        in_preamble = start <= m.start() < preamble_end
        roleword = lowered in sup_words or lowered in cus_words
        if (lowered in pc.not_party_terms or pc.thing_terms.search(_words(names[0]))) and not roleword:
            continue  # ("Services"), ("Effective Date"): defined terms, but not parties
        near = ctx[-90:]
        if pc.clause_start is not None:
            # (a page footer "Source: INMODE LTD., F-1/A" and then "6.2 Economic Order Quantity
            # ("EOQ")": the company named before the clause does not make its defined term a party;
            # a preamble's party may be defined on the line after its name, so only this test is cut)
            near = near[max((c.end() for c in pc.clause_start.finditer(near)), default=0):]
        corporate = bool(pc.corporate.search(near))
        if not (roleword or corporate or (in_preamble and _party_context(ctx, pc))):
            if lowered in _PRONOUNS:
                # 'the franchisee ("you")' outside the preamble: a pronoun defined after a party's
                # name or role word is that party's second name (settled below, once the role words
                # are known)
                defined_pronouns.append(lowered)
                words = re.findall(r"[A-Za-z][\w-]*", ctx[-40:])
                pronoun_of += [(lowered, " ".join(words[-k:])) for k in (2, 1) if len(words) >= k]
            continue
        for n in names:
            if n not in terms and n.lower() not in pc.not_party_terms | {"party", "parties"}:
                same = next((t for t in terms if t.lower() == n.lower()), None)
                terms.append(n)
                if same is not None:  # ("LEADER") ... ("Leader"): one party
                    aliases[n] = aliases.get(same, same)
                    continue
                strength[n] = (2 * in_preamble + corporate + roleword, -m.start())
                if n != names[0]:
                    aliases[n] = names[0]
        if len(terms) >= 12:
            break
    # Parties defined in the definitions as an entity ('"Norvance" means the Norvance group entity
    # that signs the Order Form'): published terms name the vendor so, with no preamble.
    if pc.party_definition is not None and len(terms) < 12:
        for m in pc.party_definition.finditer(text):
            n = m.group("name").strip()
            lowered = n.lower().removeprefix("the ")
            roleword = lowered in sup_words or lowered in cus_words
            if (lowered in pc.not_party_terms or pc.thing_terms.search(_words(n))) and not roleword:
                continue
            if n in terms:
                if n in strength:  # (named after a company later, in a supplement): defined here first
                    strength[n] = max(strength[n], (1 + roleword, -m.start()))
                continue
            same = next((t for t in terms if t.lower() == n.lower()), None)
            terms.append(n)
            if same is not None:
                aliases[n] = aliases.get(same, same)
            else:
                strength[n] = (1 + roleword, -m.start())
    # Parties named in the preamble but never defined: their first name word, where the document
    # goes on to use it ("Lucid, Inc." -> "Lucid").
    defined_at = [(d.start(), (d.group("name") or "").strip()) for d in pc.defined_term.finditer(preamble)]
    for m in pc.named_party.finditer(preamble):
        w = m.group("name")
        lw = w.lower()
        if lw in pc.not_party_terms or len(w) <= 2 or lw in ("the", "this") \
                or len(re.findall(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", text)) < 3 \
                or any(lw in t.lower() or t.lower() in lw for t in terms):
            continue
        # "ACME, Inc., a Delaware corporation ("Supplier")": the same party as its defined term.
        after = [name for pos, name in defined_at if m.end() <= pos <= m.end() + 200
                 and not re.search(r"\band\b|\bbetween\b", preamble[m.end():pos], re.I)]
        if after and after[0] in terms:
            aliases[w] = after[0]
            terms.append(w)
            continue
        terms.append(w)
        strength[w] = (2, -(start + m.start()))
    # Role words the document uses without defining them (乙方, Supplier).
    mentions = _count(list(dict.fromkeys(cues.supplier_words + cues.customer_words)), text)
    # Role words too vague to name a party when the document does not define them as one.
    vague = pc.vague_role_words
    undefined_words: set[str] = set()
    for w in cues.supplier_words + cues.customer_words:
        if w not in terms and mentions[w] >= 2 and w.lower() not in vague:
            terms.append(w)
            undefined_words.add(w)

    # Pronouns defined as a party's second name before the name: "we" and "you" take the role of
    # the term the definition names.
    if pc.pronoun_names is not None:
        for m in pc.pronoun_names.finditer(text, 0, min(len(text), preamble_end + _PREAMBLE_CHARS)):
            pron, target = m.group("pron").lower(), m.group("target")
            hits = [(i, t) for t in terms if t.lower() not in (pron, "we", "you")
                    and (i := target.lower().find(t.lower())) >= 0]
            if not hits:
                # ... or a name defined with it, where what they mean is a description ('In these
                # Terms, "you", "your" and the "Subscriber" mean the company that accepts ...'): that
                # name is a party, defined here, and the pronoun its second name
                head = text[m.start():m.start("target")]
                for n in re.findall(r'["“]([A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2}|[\u4e00-\u9fff]{1,8})[,]?["”]', head):
                    if n.lower() in _PRONOUNS | {"our", "your", "您", "你", "我们"} or n.lower() in pc.not_party_terms:
                        continue
                    if n not in terms:
                        terms.append(n)
                        strength[n] = (2 if m.start() < preamble_end + _PREAMBLE_CHARS else 1, -m.start())
                    hits = [(0, n)]
                    break
            if hits and pron not in terms:
                named = min(hits)[1]
                terms.append(pron)
                aliases[pron] = aliases.get(named, named)
                undefined_words.discard(pron)

    for pron, name in pronoun_of:
        named = next((x for x in terms if x.lower() == name.lower().removeprefix("the ")), None)
        if named is not None and pron not in terms:
            terms.append(pron)
            aliases[pron] = aliases.get(named, named)

    # 2. Each party's role. The persons the agreement is made between (the first two parties
    # defined, with their second names) are weighed against each other: a role word counts most,
    # then what the document makes each do. Other terms take a role only from a role word.
    role: dict[str, str] = {}
    score: Counter[str] = Counter()

    weak_words = {w.lower() for w in cues.weak_role_words}
    sup_pronouns = {w.lower() for w in cues.weak_supplier_pronouns}
    cus_pronouns = {w.lower() for w in cues.weak_customer_pronouns}

    def word_role(t: str) -> int:
        low = t.lower().removeprefix("the ")
        return 1 if low in sup_words else -1 if low in cus_words else 0

    def pronoun_lean(t: str) -> int:
        low = t.lower()
        return 3 if low in sup_pronouns else -3 if low in cus_pronouns else 0

    def word_weight(t: str) -> int:
        """A role word decides (1000); a weak one ("Party A") only leans (3), so that clear acts
        the other way (a "Party A" that provides and a "Party B" that pays) overrule it."""
        return word_role(t) * (3 if t.lower().removeprefix("the ") in weak_words else 1000)

    # The persons: defined (or named) parties, not role words the document merely uses; two role
    # words of the same kind (Licensor, 许可方) are one side, not the two parties.
    persons = sorted((t for t in terms if t not in aliases and t not in undefined_words),
                     key=lambda t: strength.get(t, (0, 0)), reverse=True)
    latin_defined = [t for t in persons if t in strength and not re.search(r"[\u4e00-\u9fff]", t)]
    if len(latin_defined) >= 2 and sum(1 for t in persons if t in strength) - len(latin_defined) >= 2:
        # a bilingual preamble that defines each party in both languages, line by line ("(the
        # "Bank")" then （「銀行」）): the persons are the two English names; the Chinese ones take
        # their roles below
        persons = latin_defined
    # ... and the two weighed against each other are two sides: a role word of the same kind as the
    # first person's, in the other script, is that person again in the other language (("Customer",
    # "you") then （"客户"或"您"）); two names in one script are two persons ("Carrier", "Provider").
    main = persons[:1]
    for t in persons[1:]:
        if len(main) == 2:
            break
        same_side = bool(word_role(t)) and word_role(t) == word_role(main[0])
        other_script = bool(re.search(r"[\u4e00-\u9fff]", t)) != bool(re.search(r"[\u4e00-\u9fff]", main[0]))
        if not (same_side and other_script):
            main.append(t)
    names = {m: [m] + [al for al, first in aliases.items() if first == m] for m in main}
    weight: dict[str, float] = {}
    for m, group in names.items():
        words = sum(word_weight(t) + pronoun_lean(t) for t in group)
        provides = pays = 0
        for t in group:
            p, q = _acts(t, text, pc)
            provides, pays = provides + p, pays + q
        # A role word decides; what the party does only breaks ties (a distributor distributes,
        # markets and promotes, and still buys).
        weight[m] = words + (provides - pays)
        score[m] = provides + pays
    if len(main) == 2:
        a, b = main
        # (one act each way is enough when they point opposite ways: "We will provide", "You will pay")
        if weight[a] != weight[b] and (max(abs(weight[a]), abs(weight[b])) >= 2 or weight[a] * weight[b] < 0):
            sup_m, cus_m = (a, b) if weight[a] > weight[b] else (b, a)
            for t in names[sup_m]:
                role[t] = "supplier"
            for t in names[cus_m]:
                role[t] = "customer"
    elif len(main) == 1 and abs(weight[main[0]]) >= 2:
        for t in names[main[0]]:
            role[t] = "supplier" if weight[main[0]] > 0 else "customer"
    # The two weak role words used as the parties' names ("Party A:", "Party B:"), neither decided
    # above: the one the document makes provide is the supplier, unless the acts do not outweigh the
    # words' lean.
    weak = [t for t in terms if t.lower() in weak_words and t not in role and word_role(t)]
    if len(weak) == 2 and word_role(weak[0]) != word_role(weak[1]):
        lean = {}
        for t in weak:
            provides, pays = _acts(t, text, pc)
            lean[t] = word_weight(t) + provides - pays
        if lean[weak[0]] != lean[weak[1]]:
            sup_t, cus_t = sorted(weak, key=lean.__getitem__, reverse=True)
            role[sup_t], role[cus_t] = "supplier", "customer"
    for t in terms:
        if t not in role and word_role(t):
            role[t] = "supplier" if word_role(t) > 0 else "customer"
    # A second name takes its party's role, however that role was found ("Customer", "you": the
    # role word decides for both, where "Customer" is not one of the two persons weighed above).
    for al, first in aliases.items():
        if al not in role and first in role:
            role[al] = role[first]
    # Published terms define "you" after a description, not a name ('... and the individual or
    # entity that accepts these terms ("you")'): where "we" is one side, "you" is the other.
    for pron, other in (("you", "we"), ("we", "you")):
        if pron in defined_pronouns and pron not in role and role.get(other) in ("supplier", "customer"):
            terms.append(pron)
            role[pron] = "customer" if role[other] == "supplier" else "supplier"
    # A bilingual preamble defines each party twice, in each language in the same order ("... (the
    # "Operator"); ... （“运营商”）"): the Chinese names take the roles of the English ones.
    defined = sorted((t for t in strength if t not in aliases), key=lambda t: -strength[t][1])
    latin = [t for t in defined if not re.search(r"[\u4e00-\u9fff]", t)][:2]
    han = [t for t in defined if re.search(r"[\u4e00-\u9fff]", t)][:2]
    if len(latin) == 2 and len(han) == 2 and all(t in role for t in latin) and role[latin[0]] != role[latin[1]] \
            and all(role.get(h, role[e]) == role[e] for e, h in zip(latin, han, strict=True)):
        for e, h in zip(latin, han, strict=True):
            role[h] = role[e]
    # One person defined ("腾讯云", "Acme") and the other side only by role words (您, "you"):
    # the person is the other side.
    if len(main) == 1 and main[0] not in role and len(set(role.values())) == 1:
        other = "customer" if next(iter(role.values())) == "supplier" else "supplier"
        for t in names[main[0]]:
            role[t] = other
    counts = _count(terms, text)
    for t in terms:
        score[t] += counts[t]
    sup = sorted((t for t, r in role.items() if r == "supplier"), key=lambda t: -score[t])
    cus = sorted((t for t, r in role.items() if r == "customer" and t not in sup), key=lambda t: -score[t])

    def pick(ts: list[str], zh: bool) -> str | None:
        cands = [t for t in ts if bool(re.search(r"[\u4e00-\u9fff]", t)) == zh]
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


def _party_context(ctx: str, pc: PartyCues) -> bool:
    """A definition in the preamble that names a party: after "between", "and", a comma or an
    address, not after "this" (this "Agreement")."""
    tail = ctx[-120:].lower()
    near = any(c is not None and c.search(tail) for c in (pc.party_lead, pc.address))
    return near and not (pc.not_party_lead is not None and pc.not_party_lead.search(tail))
