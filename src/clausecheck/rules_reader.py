"""The rule reading of a clause: cue patterns from ``clause_library/`` applied to one unit.

It answers the reading's questions with words it can point at: the party the modal binds (the
document's own defined terms, "each party", the subject of a Chinese clause part), the sort of
statement (disclaimer, definition, recital, acknowledgment, permission, duty), whether a unit is a
commitment on an undertaking and what in its own words narrows it, and whether a clause elsewhere
is a right of the supplier to do what the undertaking forbids, on a ground that is or is not just
cause. The trained reader (``clausecheck.learned``) reads the same units where words vary beyond
the cues; ``clausecheck.judge`` puts the two together.
"""

from __future__ import annotations

import re
from dataclasses import replace

from clausecheck.library import CompiledCues, CompiledUndertaking, Undertaking
from clausecheck.parties import Parties
from clausecheck.reading import Ground, Kind, Party, Qualifier, Role, Source, UndertakingReading, Unit
from clausecheck.rules_grounds import GroundRules
from clausecheck.rules_match import (
    LIST_ITEM,
    earliest,
    first_match,
    first_match_where,
    is_list_head,
    iter_matches,
    listed_sections,
    split_exception,
    strip_all,
)
from clausecheck.rules_parties import PartyRules
from clausecheck.segment import Segmented, Sentence, language_of

RULE_CONFIDENCE = 0.8  # a prior for readings that rest on the rules alone
class RuleReader(PartyRules, GroundRules):
    """Reads the units of one segmented document with the library's cues. Who is bound
    (``PartyRules``) and whether a ground is just cause (``GroundRules``) are read in their own
    modules."""

    def __init__(self, seg: Segmented, parties: Parties, cues: CompiledCues):
        self.seg = seg
        self.parties = parties
        self.cues = cues
        self._low = [s.text.lower() for s in seg.sentences]
        self._nb_cache: dict[int, bool] = {}
        self._units: dict[str, list[tuple[Unit, bool]]] = {}
        self._jc_sections: frozenset[str] | None = None
        self._off_sections: frozenset[str] | None = None
        self._take_backs: dict[str, list[tuple[Unit, UndertakingReading]]] = {}
        self._commitments: dict[tuple[str, frozenset[int]], UndertakingReading | None] = {}
        self._definitions: list[tuple[str, Sentence]] | None = None
        self._heads: dict[frozenset[int], str] = {}
        self.subject_hits: dict[str, list[bool]] = {}

    def low(self, s: Sentence) -> str:
        """The sentence lower-cased, once: the library's yes/no tests run on it."""
        return self._low[s.index]

    def with_list_head(self, u: CompiledUndertaking, unit: Unit, quals: tuple[Qualifier, ...]) -> tuple[Qualifier, ...]:
        """An item of a list ("Seller warrants that, during the Warranty Period, each Product will: ...
        (e) not contain any back door") is limited as its head is: the head's time limit, condition
        or efforts standard are the item's too."""
        head = self.list_head(unit.first)
        if head is None or self.commits_to_nothing(head.text):
            return tuple(quals)
        have = {q.code for q in quals}
        return tuple(quals) + tuple(q for q in self.qualifiers(u, head.text) if q.code in
                                    ("time-limited", "conditional", "qualified-effort") and q.code not in have)

    # A list is a head sentence ending in a colon and the items below it, each numbered (a), (ii),
    # (B)...; the two walks below read it from either end, at most eight sentences away.
    def _is_item(self, s: Sentence) -> bool:
        return bool(LIST_ITEM.match(self.seg.clause_of(s).number or ""))

    def list_head(self, s: Sentence) -> Sentence | None:
        """The head of the list ("... each Product will:") whose item ``s`` is ("(e) not contain ..."),
        if it is one: the nearest sentence above ending in a colon, with only list items between."""
        if not self._is_item(s):
            return None
        for t in reversed(self.seg.sentences[max(0, s.index - 8):s.index]):
            if is_list_head(t):
                return t
            if not self._is_item(t):
                return None
        return None

    def list_items(self, head: Sentence) -> list[Sentence]:
        """The sentences below a list head that belong to its list: its own clause's, and the
        numbered items after it, up to the first numbered clause that is no list item."""
        below = []
        for t in self.seg.sentences[head.index + 1:head.index + 9]:
            if t.clause != head.clause and self.seg.clause_of(t).number and not self._is_item(t):
                break
            below.append(t)
        return below

    # ------------------------------------------------------------------ statement kind
    def is_disclaimer(self, text: str) -> bool:
        return bool(self.cues.disclaimer.search(text))

    def commits_to_nothing(self, text: str) -> bool:
        """A disclaimer, a definition, a list of the sections that survive termination or a table of
        contents: whatever its words are about, it is no commitment."""
        return bool(self.is_disclaimer(text) or self.definition(text)
                    or (self.cues.survival_list is not None and self.cues.survival_list.search(text))
                    or (self.cues.table_of_contents is not None and self.cues.table_of_contents.search(text))
                    or self._only_legal_effect(text) or self._only_indemnity(text))

    def _only_indemnity(self, text: str) -> bool:
        """An indemnity that is the clause's only duty, with nothing in it that restricts: whatever
        losses it covers, it promises no conduct (the guide)."""
        m = self.cues.indemnity.search(text) if self.cues.indemnity is not None else None
        if m is None:
            return False
        rest = text[:m.start()] + " " + text[m.end():]
        return not (self.cues.restriction.search(rest) or first_match(self.cues.obligation, rest))

    def _only_legal_effect(self, text: str) -> bool:
        """A statement of what something does not amount to in law ("Agreeing to these terms will not
        constitute consent to ..."), with no other restriction or duty in it."""
        if self.cues.legal_effect is None or not self.cues.legal_effect.search(text):
            return False
        rest = self.cues.legal_effect.sub(" ", text)
        return not (self.cues.restriction.search(rest) or first_match(self.cues.obligation, rest))

    def binds_at_all(self, text: str) -> bool:
        """Whether a clause has any word that binds, restricts, softens a duty or acknowledges.
        (Chinese binds without one as often as not, 乙方配合…: a Chinese clause always may.)"""
        c = self.cues
        if language_of(text) == "zh":
            # ... except a heading: a short line with no punctuation ("四、网络安全审查的配合")
            return len(text.strip()) > 24 or bool(re.search(r"[。；;，,：:！？]", text))
        return bool(first_match(c.obligation, text) or c.restriction.search(text) or first_match(c.non_binding, text)
                    or first_match(c.reasons.get("permissive-modal", ()), text))

    def definition(self, text: str) -> re.Match[str] | None:
        return first_match(self.cues.definition, text)

    def kind(self, text: str, party: Party) -> Kind:
        """The sort of statement, from its cues (the first that applies, most telling first)."""
        c = self.cues
        if self.definition(text):
            return Kind.DEFINITION
        if self.is_disclaimer(text):
            return Kind.DISCLAIMER
        if c.recital.search(text) and not c.recital_binds.search(text):
            return Kind.ACKNOWLEDGMENT
        obligation = first_match(c.obligation, text)
        if first_match(c.non_binding, text) and not obligation:
            return Kind.ACKNOWLEDGMENT
        modal = c.right_modal.search(text)
        if modal and (not obligation or modal.start() < obligation.start()) \
                and not re.search(r"\bmay\s+not\b", text[modal.start():modal.end() + 5], re.I):
            return Kind.RIGHT
        if first_match(c.reasons.get("permissive-modal", ()), text) and not obligation:
            return Kind.RIGHT
        if obligation:
            if re.search(r"\b(warrant|represent|guarantee)\w*\b|保证", obligation.group(0), re.I):
                return Kind.WARRANTY
            return Kind.PROHIBITION if c.restriction.search(text) else Kind.OBLIGATION
        return Kind.OTHER if party == Party.NONE else Kind.OBLIGATION

    # ------------------------------------------------------------------ candidate units
    def topic(self, u: CompiledUndertaking, text: str, low: str | None = None) -> bool:
        low = text.lower() if low is None else low
        # A continuity wording counts unless it is in what the topic excludes ("shall continue to
        # provide a weekly report" keeps up a report, not the supply).
        if u.positive_low is not None and u.positive_low.search(low) \
                and (not u.exclude or u.positive_low.search(strip_all(u.exclude, low))):
            return True
        if not u.required_low.search(low):
            return False
        if u.exclude:
            # (set aside in the clause as written: some of what is set aside is told by capitals,
            # "Customer Data outside Singapore")
            low = strip_all(u.exclude, text).lower()
            if not u.required_low.search(low):
                return False
        return bool(u.action_low.search(low))

    def _non_binding(self, s: Sentence) -> bool:
        if s.index not in self._nb_cache:
            self._nb_cache[s.index] = bool(self.cues.non_binding_low.search(self._low[s.index]))
        return self._nb_cache[s.index]

    def units(self, req_id: str, u: CompiledUndertaking) -> list[tuple[Unit, bool]]:
        """Sentences about the undertaking (with the sentence they lean on or that qualifies them),
        and whether each was found only as an acknowledgment that names the subject."""
        if req_id not in self._units:
            self._units[req_id] = self._find_units(req_id, u)
        return self._units[req_id]

    def _find_units(self, req_id: str, u: CompiledUndertaking) -> list[tuple[Unit, bool]]:
        units: list[tuple[Unit, bool]] = []
        sents = self.seg.sentences
        low = self._low
        # One search per sentence for the undertaking's subject; everything else only runs where
        # that (or a continuity wording) hits.
        named = [bool(u.required_low.search(t)) for t in low]
        self.subject_hits[req_id] = named
        for i, s in enumerate(sents):
            positive = u.positive_low is not None and u.positive_low.search(low[i])
            on_topic = positive or (named[i] and self.topic(u, s.text, low[i])) or (
                u.convention_low is not None and u.convention_low.search(low[i]))
            if not on_topic and u.convention_low is not None and self._is_item(s):
                # a list item bound by its head falls under a convention with the head's words
                # ("Company warrants that: ... (b) no Software will contain any Harmful Code")
                head = self.binding_head(Unit((s,)))
                on_topic = bool(head) and bool(u.convention_low.search(head.lower() + " " + low[i]))
            acknowledgment = named[i] and self._non_binding(s) and (
                not u.exclude or u.required_low.search(strip_all(u.exclude, low[i])))
            if on_topic or acknowledgment:
                nxt = sents[i + 1] if i + 1 < len(sents) else None
                if on_topic and nxt is not None and self.cues.follow_up.search(nxt.text) and (
                        nxt.clause == s.clause or self._names_section_of(nxt.text, s)):
                    # "The foregoing does not apply to ...", "前述义务仅限于……": read as one; so is the
                    # next clause where it names this one ("11.2 The obligations in Clause 11.1 apply
                    # until the expiry of the Warranty Period").
                    units.append((Unit((s, nxt)), not on_topic))
                else:
                    units.append((Unit((s,)), not on_topic))
            elif i and named[i - 1] and sents[i - 1].clause == s.clause and self.cues.anaphor.search(s.text) \
                    and u.action_low.search(low[i]) and self.topic(u, sents[i - 1].text + " " + s.text):
                units.append((Unit((sents[i - 1], s)), False))
        return units

    # ------------------------------------------------------------------ commitments
    def commitment(self, req: Undertaking, u: CompiledUndertaking, unit: Unit,
                   acknowledgment_only: bool = False) -> UndertakingReading | None:
        """The unit read as a commitment on the undertaking, with what narrows it in its own words;
        None where it is not one (a disclaimer, a definition, the customer's duty, off topic)."""
        if unit.first.index < 0:  # a sentence made up to test an edit: nothing to remember
            return self._commitment(req, u, unit)
        key = (req.id, unit.indices)
        if key not in self._commitments:
            self._commitments[key] = self._commitment(req, u, unit)
        return self._commitments[key]

    def with_head(self, unit: Unit) -> str:
        """The unit's text as it binds: its binding head (``binding_head``) and then its own words."""
        head = self.binding_head(unit)
        return head + " " + unit.text if head else unit.text

    def binding_head(self, unit: Unit) -> str:
        """The head that says who a list item is bound by, or "": an item with no modal or no subject
        of its own ("(e) not contain any back door", "(c) ensure that any file it uploads ...", "(e) on
        the date ..., that release will not contain ...") binds as its head does ("Seller warrants
        that ... each Product will:", "The Company shall:"). Worked out once per unit."""
        if unit.indices not in self._heads:
            self._heads[unit.indices] = self._binding_head(unit)
        return self._heads[unit.indices]

    def _binding_head(self, unit: Unit) -> str:
        cues = self.cues
        text = unit.text
        head = self.list_head(unit.first)
        if head is None:
            return ""
        own = earliest(cues.obligation, text)
        # (its subject: the words right before its modal, after any opening phrase)
        subject = re.split(r"[,;:，；：]", text[:own.start()])[-1] if own is not None else ""
        if (own is None or not subject.strip() or not self.parties.spans(subject)) \
                and not first_match(cues.non_binding, text) \
                and not re.match(r"\W{0,3}[\"“]", text) and not self.commits_to_nothing(head.text):
            return head.text
        return ""

    def after_reasons(self, text: str) -> str:
        """A clause that opens with its reasons ("The Parties acknowledge that patients will rely on
        the Products ...; accordingly, the Supplier shall not suspend ..."), from where its own words
        begin, where they bind someone; otherwise the whole clause."""
        cues = self.cues
        if cues.lead_in is None or cues.lead_in_end is None or not cues.lead_in.search(text):
            return text
        end = cues.lead_in_end.search(text)
        if end is None or first_match(cues.obligation, text[end.end():]) is None:
            return text
        return text[end.end():]

    def _commitment(self, req: Undertaking, u: CompiledUndertaking, unit: Unit) -> UndertakingReading | None:
        cues = self.cues
        text = self.with_head(unit)
        # The unit's first sentence says what sort of statement it is; a follow-up read with it
        # ("This clause does not apply to technical support") only qualifies it.
        if self.commits_to_nothing(unit.first.text):
            return None  # disclaims, defines, or lists what survives: commits to nothing
        if len(unit.sentences) > 1 and self._supplier_right_only(unit.first.text) \
                and not first_match(cues.non_binding, unit.first.text):
            # "X may suspend non-urgent support for unpaid sums after notice. X shall not suspend
            # Severity 1 fixes under this clause.": a right with its limits, not a promise
            return None
        if cues.recital.search(text) and not cues.recital_binds.search(text):
            return None  # a recital sets the scene; one that also binds is read as a commitment
        text = self.after_reasons(text)
        party = self.bound_party(text)
        if party == Party.CUSTOMER or (party == Party.NONE and self.binds_another(text)):
            return None
        # The main part of the sentence, before any exception, carries the promise.
        main, exception, _ = split_exception(cues, text)
        if exception and len(exception.strip()) <= 40 and is_list_head(unit.sentences[-1]):
            # "... shall not suspend the Services, except: (a) ...; (c) where sanctions laws of any
            # jurisdiction ...": the exception is the list below
            exception = exception + " " + " ".join(t.text for t in self.list_items(unit.sentences[-1]))
        # "may push updates at its discretion, but shall not otherwise access": the promise can sit
        # after the exception marker.
        obligation = first_match(cues.obligation, main) or first_match(cues.obligation, text)
        permissive = self._permission(u, text, main, obligation)
        non_binding = first_match(cues.non_binding, text)
        if non_binding and obligation and party == Party.SUPPLIER and non_binding.start() < earliest(cues.obligation, text).start() \
                and self.bound_party(text[non_binding.end():]) == Party.CUSTOMER \
                and not self._names_supplier_duty(text[non_binding.end():]):
            # "乙方知悉，甲方……应当申报网络安全审查……，乙方对此表示理解": the supplier acknowledges a duty of
            # the operator; the modals it reports bind the operator, the supplier only acknowledges
            # (unless it also promises in its own name: "acknowledges that ... information of Company
            # ..., and agrees that Service Provider shall not ...")
            obligation = permissive = None
        convention = self.convention(u, text)
        if convention is not None and not self.topic(u, text):
            return self._by_convention(req, u, text, convention, party, obligation, main, exception)
        if u.form == "restrictive" and not (cues.restriction.search(text) or first_match(u.positive_forms, text)
                                            or non_binding or permissive):
            return None  # "Supplier shall process data" is a duty to act, not a promise to refrain
        on_topic = self.topic(u, text)
        quals: list[Qualifier] = []
        if non_binding and not obligation and not permissive:
            low = text.lower()
            if not on_topic and u.exclude and u.action_low.search(low) and not u.action_low.search(strip_all(u.exclude, low)):
                return None  # its only words of the act are what the topic sets aside ("networks that neither Party controls")
            return UndertakingReading(
                undertaking=req.id, role=Role.COMMITMENT, confidence=RULE_CONFIDENCE,
                party=party.value, kind=Kind.ACKNOWLEDGMENT.value,
                qualifiers=(Qualifier("non-binding", non_binding.group(0)),),
                why="an acknowledgment that names the undertaking's subject" + ("" if on_topic else " only"),
                topic_score=0.0 if not on_topic else 0.5)
        if not on_topic or not (obligation or permissive):
            return None
        if u.form == "restrictive" and self._supplier_right_only(text):
            return None  # "Licensor may install updates remotely; Licensee shall not switch them off"
        quals = self.with_list_head(u, unit, self.qualifiers(u, text, main=main, exception=exception))
        if convention is not None:
            conv, m = convention
            # A whole promise made before the convention's words, which come in a duty joined after it
            # ("shall not suspend ... without just cause, and shall continue to perform them in full
            # during any dispute"): they add to it, they do not narrow it. Words that scope the promise
            # ("While any dispute is being resolved, ... shall not suspend"; "will continue to supply
            # ... and provide support for at least 36 months") narrow it: the convention's reasons too.
            joins = list(cues.joined_duty.finditer(text, 0, m.start())) if cues.joined_duty is not None else []
            if not (joins and self.topic(u, text[:joins[-1].start()])):
                have = {q.code for q in quals}
                quals = tuple(quals) + tuple(Qualifier(c, m.group(0)) for c in conv.reasons if c not in have)
        definition = self.narrowing_definition(text)
        kind = Kind.PROHIBITION if cues.restriction.search(main) else Kind.OBLIGATION
        return UndertakingReading(
            undertaking=req.id, role=Role.COMMITMENT, confidence=RULE_CONFIDENCE, qualifiers=quals,
            party=party.value, kind=(Kind.RIGHT if permissive and not obligation else kind).value,
            prevails=bool(first_match(cues.prevails, text)), prevails_over=self._prevails_over(text),
            definition=definition,
            convention=convention[0].id if convention is not None else None,
            why=f"a {'permission' if permissive and not obligation else kind.value} of the "
                f"{party.value if party != Party.NONE else 'supplier'} on the undertaking's subject")

    def _permission(self, u: CompiledUndertaking, text: str, main: str, obligation) -> re.Match[str] | None:
        """The words that make a clause a permission or wish rather than a duty: a permissive modal
        ("should", "aims to", 可以), or, for an undertaking that asks the supplier to act, the
        supplier's "may" (the guide: "Supplier may provide information for the review" is the
        weakened, permissive commitment; for one that forbids, "may" is a take-back instead)."""
        permissive = first_match(self.cues.reasons.get("permissive-modal", ()), main)
        if permissive or obligation or u.form != "positive":
            return permissive
        right = self.cues.right_modal.search(main)
        if right is None or self.cues.soft_right is None or not self.cues.soft_right.search(right.group(0)) \
                or self._party_at(text, right.start()) not in (Party.SUPPLIER, Party.BOTH):
            return None  # (有权, "is entitled to": a right the supplier holds, not a duty softened)
        # The permission must be to do the asked thing itself ("may assist"), not a right about it
        # ("有权就其参与审查所发生的费用报销").
        # (conditions set off by commas between them do not count: "Geodelta may, upon your written
        # request, at your sole cost, provide information for the review")
        rest = main[right.end():right.end() + 400]
        while True:
            act = first_match(u.action, rest[:40])
            if act is not None and act.start() <= 12:
                return right
            cond = re.match(r"\s*,[^,.;]{0,160}(?=,)", rest)  # the next condition set off by commas
            if cond is None:
                return None
            rest = rest[cond.end():]

    def convention(self, u: CompiledUndertaking, text: str):
        """The guide's convention the clause falls under (``clause_library``: ``topic.conventions``)
        and the words that show it, or None. What the topic sets aside is set aside here too: "shall
        not store or process Customer Data outside Singapore without consent" says where data is kept."""
        for conv, pats in u.conventions:
            m = first_match(pats, text)
            if m and u.exclude and not first_match(pats, strip_all(u.exclude, text)):
                continue
            if m:
                return conv, m
        return None

    def _by_convention(self, req: Undertaking, u: CompiledUndertaking, text: str, convention, party: Party,
                       obligation, main: str, exception: str) -> UndertakingReading | None:
        """A clause that counts as a commitment by one of the guide's conventions (keep performing
        during a dispute; no disabling code): binding on the supplier, qualified as the convention
        says, plus whatever hedges its own words carry."""
        conv, m = convention
        if conv.binds_itself and not obligation:
            party = self._party_at(text, m.start())  # the right's holder is the one it restricts
        if not (obligation or conv.binds_itself) or party == Party.CUSTOMER \
                or first_match(self.cues.reasons.get("permissive-modal", ()), main):
            return None
        if conv.others_only and self._own_only(m.group(0)):
            return None  # about the bound party's own systems, not the other party's
        quals = [Qualifier(code, m.group(0)) for code in conv.reasons]
        have = {q.code for q in quals}
        quals += [q for q in self.qualifiers(u, text, main=main, exception=exception) if q.code not in have]
        kind = Kind.WARRANTY if re.search(r"(?i)\bwarrant|保证", text) else Kind.OBLIGATION
        return UndertakingReading(
            undertaking=req.id, role=Role.COMMITMENT, confidence=RULE_CONFIDENCE, qualifiers=tuple(quals),
            party=party.value, kind=kind.value, convention=conv.id,
            why=conv.why)

    def _supplier_pays(self, words: str) -> bool:
        """A cost condition whose payer is the supplier ("at Supplier's cost", 费用由乙方承担): the party
        named nearest before the paying words (承担, 支付, "cost"), not the last one in the clause
        (以甲方承担全部费用并取得乙方同意为前提: the customer pays)."""
        if self.cues.pays_own_way is not None and self.cues.pays_own_way.search(words):
            return True  # "由我方自行承担": the one bound pays its own way
        pay = self.cues.pays.search(words) if self.cues.pays is not None else None
        if pay is None:
            return False
        return self.parties.role_at(words, pay.start()) == "supplier"

    def _own_only(self, text: str) -> bool:
        """The words name the supplier's things in the possessive ("Medica's Quality System") and
        none of the customer's."""
        owners = {role for _start, end, role in self.parties.spans(text) if text[end:end + 1] in ("'", "’")}
        return "supplier" in owners and "customer" not in owners

    def _supplier_right_only(self, text: str) -> bool:
        """A right of the supplier (may, 可以, 有权) where every binding word binds someone else: for
        an undertaking that forbids something, that is a take-back, never the commitment (the
        guide: a right to do what an undertaking forbids is never the commitment)."""
        if self.cues.consequence is not None:
            text = self.cues.consequence.sub("", text)  # (what using the right leads to binds no one)
        right = self.cues.right_modal.search(text)
        if right is None or re.match(r"may\s+not", text[right.start():right.start() + 7], re.I):
            return False
        holder = self._party_at(text, right.start())
        if holder not in (Party.SUPPLIER, Party.BOTH) or self.cues.restriction.search(text[:right.start()]):
            return False  # not the supplier's right, or it restricts itself first (原则上不中断…，可以…)
        for m in iter_matches(self.cues.obligation, text):
            if m.start() < right.start() or self._subject_right_before(text, m.start()) in (
                    None, Party.SUPPLIER, Party.BOTH):
                return False
        return True

    def qualifiers(self, u: CompiledUndertaking, text: str, *, main: str | None = None,
                   exception: str | None = None) -> tuple[Qualifier, ...]:
        """What narrows a commitment in its own words: the guide's reason codes with their trigger
        words (permission, efforts, conditions, time limits, discretion, a carve-out in an
        exception on grounds that are not just cause, narrowed scope or a narrowing definition)."""
        cues = self.cues
        if main is None or exception is None:
            main, exception, _ = split_exception(cues, text)
        quals: list[Qualifier] = []
        obligation = first_match(cues.obligation, main) or first_match(cues.obligation, text)
        permissive = self._permission(u, text, main, obligation)
        denied = cues.binding_denied.search(text) if cues.binding_denied is not None else None
        if denied:  # binding force denied in so many words, whatever the modal
            quals.append(Qualifier("non-binding", denied.group(0)))
        elif permissive:
            quals.append(Qualifier("permissive-modal", permissive.group(0)))
        elif not obligation:
            nb = first_match(cues.non_binding, text)
            if nb:
                quals.append(Qualifier("non-binding", nb.group(0)))
        for code in ("qualified-effort", "conditional", "time-limited"):
            for m in iter_matches(cues.reasons.get(code, ()), text):
                if code == "time-limited" and cues.minimum.search(text[max(0, m.start() - 30):m.end() + 10]):
                    continue
                if code == "time-limited" and cues.extends_term is not None \
                        and cues.extends_term.search(text[max(0, m.start() - 140):m.start()]):
                    continue  # a period after the whole term extends the commitment, it does not limit it
                if code == "conditional" and self._supplier_pays(m.group(0)):
                    continue  # "at Supplier's cost": the supplier pays, nothing is asked of the operator
                quals.append(Qualifier(code, m.group(0)))
                break
        # (not discretion that a prohibition just before it forbids: "不得以任何理由单方面停止")
        forbids = cues.forbids_discretion
        ud = first_match_where(cues.reasons.get("unilateral-discretion", ()), text,
                               lambda m: forbids is None or not forbids.search(text[max(0, m.start() - 60):m.start()]))
        if ud:
            quals.append(Qualifier("unilateral-discretion", ud.group(0)))
        elif exception:
            for p in u.lawful_grounds:  # just cause for this undertaking (see library.Topic)
                exception = p.sub(" ", exception)
            harmful = first_match(cues.harmful, exception) or first_match(u.unlawful_grounds, exception)
            if harmful:
                # the words that make it a carve-out, where a long exception lists permitted grounds first
                at = 0 if harmful.end() <= 160 else exception.rfind(" ", 0, harmful.start() - 60) + 1
                quals.append(Qualifier("carve-out", exception[at:at + 160].strip()))
        narrow = first_match(u.narrow_scope, text) or first_match(u.narrow_action, text)
        if narrow is None and not self.benign_exception(text):
            narrow = first_match(cues.reasons.get("narrowed-scope", ()), text)
        if narrow:
            quals.append(Qualifier("narrowed-scope", narrow.group(0)[-80:]))
        else:
            definition = self.narrowing_definition(text)
            if definition is not None:
                quals.append(Qualifier("narrowed-scope", definition.text[:80]))
        return tuple(quals)

    def names_whole_term(self, text: str) -> bool:
        """Whether the only period a clause names is the agreement's own ("at any time during the
        Lease Period", 服务期内): no time limit in the guide's sense (one that lapses early)."""
        c = self.cues
        return bool(c.whole_term is not None and c.whole_term.search(text)
                    and not first_match(c.reasons.get("time-limited", ()), text))

    def reasons_for(self, req: Undertaking, u: CompiledUndertaking, text: str, like: Sentence) -> set[str] | None:
        """The reason codes a commitment worded ``text`` would get here (None: not a commitment)."""
        r = self.commitment(req, u, Unit((replace(like, text=text),)))
        return None if r is None else {q.code for q in r.qualifiers}

    def narrowing_definition(self, text: str) -> Sentence | None:
        """A definition that cuts down a defined term the commitment relies on ("User Data" means
        only names and phone numbers; "用户数据"不包括日志; "Bank Systems" do not include branch
        equipment)."""
        terms = {m.group(0) for p in self.cues.narrowable_term for m in p.finditer(text)}
        if not terms:
            return None
        if self._definitions is None:  # the document's narrowing definitions, found once
            benign = self.cues.not_narrowing_definition
            self._definitions = [(m.group("term").strip(), s) for s in self.seg.sentences
                                 for m in [self.definition(s.text)] if m and self.cues.narrowing_definition.search(s.text)
                                 and not (benign is not None and benign.search(s.text))]
        return next((s for term, s in self._definitions if term in terms), None)

    # ------------------------------------------------------------------ take-backs

    def take_backs(self, req: Undertaking, u: CompiledUndertaking) -> list[tuple[Unit, UndertakingReading]]:
        """Rights of the supplier, anywhere in the document, to do what the undertaking forbids,
        the clearest first (one that claims to prevail, one that names a ground that is not just
        cause). A right to stop supply for just cause only, or one in a section the contract itself
        defines as just cause, is read as ``related`` (not a take-back)."""
        if req.id not in self._take_backs:
            self._take_backs[req.id] = self._find_take_backs(req, u)
        return self._take_backs[req.id]

    def _find_take_backs(self, req: Undertaking, u: CompiledUndertaking) -> list[tuple[Unit, UndertakingReading]]:
        cues = self.cues
        out = []
        lang_zh = {"en": 0, "zh": 1}
        for s in self.seg.sentences:
            low = self._low[s.index]
            if (u.screen_low is not None and not u.screen_low.search(low)) \
                    or u.take_back_low is None or not u.take_back_low.search(low):
                continue
            for tb, patterns in u.take_backs:
                m = earliest(patterns, s.text)  # (the first right in the sentence, whichever wording finds it)
                if not m:
                    continue
                text = s.text
                if self.definition(text):
                    continue
                stripped = strip_all(u.exclude, text) if u.exclude else text
                if (tb.needs_topic or (u.exclude and first_match(u.exclude, text))) \
                        and not first_match(u.required, stripped) \
                        and (tb.needs_topic or m.group(0) not in stripped):
                    # about confidential information or money, not about the undertaking (unless the
                    # right itself stands outside what the topic sets aside: "...'s obligations will
                    # continue until ..., provided that ... Halcyon may, for any reason, terminate")
                    continue
                grant = cues.grant.search(text)
                if grant is not None and grant.end() <= m.start() \
                        and cues.right_modal.search(text, grant.end(), m.end()):
                    # (a right of its own after the grant, "shall grant ... access, and may withdraw
                    # it": the grant does not make it the grantee's)
                    grant = None
                holder = self._holder_at(text, m.start() + 1) if not grant else "supplier"
                # "This Agreement may be terminated by WYZZ": the right is the one named after "by"
                passive = self._passive_holder(text, m.start()) if not grant else None
                holder = passive or holder
                granted = grant is not None and self.parties.role_at(text, grant.end(), after=True) == "supplier"
                if holder != "customer" and not granted and self._held_by_another(text, m.start()):
                    # "Calloway may terminate": a right of someone the document does not call the
                    # supplier (a licence granted to the supplier is the supplier's, whoever grants it)
                    continue
                head = text[max(0, m.start() - 60):m.start() + 20]
                if self._denied_at(text, m.start()):
                    continue  # "neither Party may suspend", "nor may it terminate": a right denied
                conv = self.convention(u, text)
                if conv is not None and conv[0].binds_itself:
                    # the right is limited by its own words ("may withdraw only for serious reasons",
                    # 提供替代服务商接替后方可提前终止): the convention's commitment, not a take-back
                    continue
                if holder == "customer" and not first_match(cues.mutual, head):
                    # Checking who holds the right at the modal itself, not at the start of the match.
                    modal = cues.right_modal.search(text[m.start():])
                    pos = m.start() + (modal.start() if modal else 0)
                    if passive == "customer" or self._holder_at(text, pos + 1) == "customer":
                        continue
                explanation = (tb.explanation.en, tb.explanation.zh)[lang_zh.get(s.language, 0)]
                # The ground may sit earlier in the same clause, or in the list items above a
                # list's tail ("If either party: ... (7) defaults ...; this Agreement may be
                # terminated by the other party"); or the contract defines the section as just cause.
                if req.id == "no-unjustified-supply-interruption":
                    just = self.just_cause_ground(s)
                    if just is not None:
                        # A right to stop for just cause only (uncured material breach, undisputed
                        # non-payment after notice, insolvency) is not a take-back. One that names no
                        # ground at all ("may terminate upon notice") is a convenience right and stays.
                        out.append((Unit((s,)), UndertakingReading(
                            undertaking=req.id, role=Role.RELATED, confidence=RULE_CONFIDENCE,
                            ground=Ground(just, just_cause=True),
                            why="a right the contract itself defines as just cause" if just.startswith("section ")
                            else "a right to stop supply for just cause only")))
                        continue
                quals = []
                qe = first_match(cues.reasons.get("qualified-effort", ()), text)
                prevails = bool(first_match(cues.prevails, text))
                if qe and prevails:
                    quals.append(Qualifier("qualified-effort", qe.group(0)))
                sub = cues.subordination.search(text) if cues.subordination is not None else None
                # (what using the right leads to, "in which case the devices will not accept
                # commands", binds no one: it makes the right no commitment's exception)
                own = (text[:m.end()] + cues.consequence.sub("", text[m.end():])) if cues.consequence is not None else text
                duty = first_match(cues.obligation, own)
                out.append((Unit((s,)), UndertakingReading(
                    undertaking=req.id, role=Role.TAKE_BACK, confidence=RULE_CONFIDENCE, qualifiers=tuple(quals),
                    party=Party.SUPPLIER.value, kind=Kind.RIGHT.value,
                    subordinate_to=tuple(g for g in (sub.groups() if sub else ()) if g),
                    ground=Ground(m.group(0)[:160], just_cause=False),
                    prevails=prevails, why=explanation,
                    # (nothing binds or restricts before it: "In no case may X use" forbids; and
                    # nothing forbids after it: "may upgrade remotely, but otherwise shall not ..." is
                    # a commitment with that right as its exception)
                    leads=(duty is None or duty.start() > m.start())
                    and not cues.restriction.search(text[:m.start()])
                    and not (cues.prohibition is not None and cues.prohibition.search(own, m.end())),
                    after_period=bool(cues.after_period is not None and cues.after_period.search(text[:m.end()])))))
                break
        # The clearest take-back first: the verdict's reason names it.
        return sorted(out, key=lambda ur: (ur[1].role != Role.TAKE_BACK, not ur[1].prevails,
                                           not first_match(cues.not_just_cause, ur[0].first.text)))

    def _prevails_over(self, text: str) -> frozenset[str]:
        """The sections a commitment's "notwithstanding" names, up to the phrase's end (the first
        comma): "Notwithstanding Section 8 of the Developer Terms, ..." prevails over Section 8, not
        over the suspension rights of Section 9."""
        m = first_match(self.cues.prevails, text)
        if m is None:
            return frozenset()
        phrase = text[m.start():m.start() + 240]
        goes_on = self.cues.section_list_continues
        for c in re.finditer(r"[,，;；:：]", phrase):
            # (a list of sections runs on past its commas: "Notwithstanding Sections 2.1, 3.2 and 3.3, ...")
            if goes_on is None or not goes_on.match(phrase, c.end()):
                phrase = phrase[:c.start()]
                break
        return frozenset(listed_sections(self.named_sections(phrase), phrase, self.cues.section_list))

    def _names_section_of(self, text: str, s: Sentence) -> bool:
        own = (s.section or "").split("(")[0]
        return bool(own) and own in self.named_sections(text)

    def named_sections(self, text: str) -> set[str]:
        return {m.group(1) or m.group(2) for m in self.cues.section_reference.finditer(text)}


def trigger_of(reading: UndertakingReading) -> str:
    """The words a take-back is reported by: the ground where the rules found one."""
    return reading.ground.text if reading.ground else ""


__all__ = ["RuleReader", "RULE_CONFIDENCE", "iter_matches", "trigger_of", "Source"]
