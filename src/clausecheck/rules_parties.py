"""Who a clause binds or whose right it states, in the document's own defined terms: the party a
modal binds (a name before it, "each party", two parties joined, a party's act as the subject, the
shared subject of a Chinese clause's parts, the holder after "by" in a passive), and whether a
right belongs to the customer or to someone the document does not make a party. A part of
``clausecheck.rules_reader.RuleReader``."""

from __future__ import annotations

import re

from clausecheck.library import CompiledCues, CompiledUndertaking
from clausecheck.parties import Parties
from clausecheck.reading import Party
from clausecheck.rules_match import earliest, first_match, iter_matches
from clausecheck.segment import language_of

# How far (characters) a party's name may stand before a modal and still be its subject ("the
# Integrator shall", "Service Provider will promptly"): room for an adverb or two, not a clause.
NAME_BEFORE_MODAL = 12


class PartyRules:
    """Who is bound: read with the document's parties and the library's cues."""

    parties: Parties
    cues: CompiledCues

    def bound_party(self, text: str) -> Party:
        """The party the first binding, permissive or acknowledging cue of a sentence binds."""
        cues = self.cues
        matches = iter_matches(cues.obligation + cues.reasons.get("permissive-modal", ()) + cues.non_binding, text)
        # (an opening condition, "Where the Purchaser ...", or opening reasons, "鉴于采购人……应当……，服务商应当")
        lead = (cues.condition_lead.search(text) if cues.condition_lead is not None else None) \
            or (cues.lead_in.search(text) if cues.lead_in is not None else None)
        comma = re.search(r"[,，]", text[lead.end():]) if lead else None
        if comma is not None:
            # the opening condition's own modal ("Where the Purchaser is required to ...,") says
            # nothing of who is bound, where the clause has a modal after it; nor do its reasons' own
            # modals (鉴于采购人……应当预判……风险，……服务商应当配合: the 服务商's duty)
            end = lead.end() + comma.start()
            matches = [m for m in matches if m.start() >= end] or matches
            # ... and a condition that runs over several commas ("Where the Hospital declares ..., or
            # is required to do so, or where the Office initiates a review, the Integrator shall"):
            # the main clause's modal is the one a party's name stands right before
            named = [m for m in matches if any(0 <= m.start() - e <= NAME_BEFORE_MODAL
                                                   for _s, e, _r in self.parties.spans(text[:m.start()]))]
            if named and named[0] is not matches[0]:
                matches = named
        for m in matches:
            head = text[:m.start()]
            if first_match(cues.mutual, head[-60:]):
                return Party.BOTH
            if self._joint_subject(head):
                return Party.BOTH  # "the Provider and the Customer will continue to provide ..."
            role = self._actor(head)
            if role is None and language_of(text) == "zh":
                role = self._subject_zh(text, m.start())
            role = role or self.parties.role_at(text, m.start(), things=cues.thing_of_party)
            tail = text[m.end():m.end() + 80]
            if (cues.passive_by is not None and cues.passive_by.match(tail)) or re.match(r"\s*由", tail):
                role = self.parties.role_at(text, m.end(), after=True) or role
            if role:
                return Party(role)
            if self._third_party_before(head):
                return Party.NONE  # "..., Landlord will cooperate ...": someone else's duty
        if first_match(cues.mutual, text):
            return Party.BOTH
        return Party.NONE

    def _names_supplier_duty(self, text: str) -> bool:
        """Whether a binding modal stands right after one of the supplier's names ("Service Provider
        shall not", 乙方应当)."""
        spans = [(e, role) for _s, e, role in self.parties.spans(text) if role == "supplier"]
        return any(0 <= m.start() - e <= NAME_BEFORE_MODAL for m in iter_matches(self.cues.obligation, text) for e, _r in spans)

    def _third_party_before(self, head: str) -> bool:
        """Whether the name right before a modal is a person the document does not make a party
        ("Landlord", "the Sender"), in a document whose supplier is known."""
        if not self.parties.supplier_terms or self.cues.person_like is None:
            return False
        m = next((n for p in self.cues.holder_before_modal if (n := p.search(head.rstrip()))), None)
        name = self._named(m.group("name")) if m is not None else None
        if name is None or self.parties.spans(name) or self._role_word(name):
            return False
        return self._bare(name) in self.cues.customer_words or bool(self.cues.person_like.search(name))

    def _joint_subject(self, head: str) -> bool:
        """Whether the words right before a modal name the supplier and the customer together ("the
        Provider and the Customer will", 甲方与乙方应): a statement of both."""
        spans = sorted(self.parties.spans(head[-120:]))
        if len(spans) < 2:
            return False
        (_, e1, r1), (s2, e2, r2) = spans[-2], spans[-1]
        tail = head[-120:]
        joined = self.cues.joined_parties
        return r1 != r2 and not tail[e2:].strip() and joined is not None and bool(joined.fullmatch(tail[e1:s2]))

    def _actor(self, head: str) -> str | None:
        """Where the subject before the modal is a party's act ("any access by the Supplier to the
        Customer's data", "Supplier's use of Customer Data", 乙方对甲方数据的任何访问): that party."""
        cues = self.cues
        if not (cues.actor_before or cues.actor_after):
            return None
        for start, end, role in sorted(self.parties.spans(head)):
            if any(p.match(head, end) for p in cues.actor_before) or \
                    any(p.search(head[:start]) for p in cues.actor_after):
                return role
        return None

    def _holder_at(self, text: str, pos: int) -> str | None:
        """Who holds the right whose modal is at ``pos``: the nearest party before it, except in
        Chinese, where comma-separated parts share the clause's subject (医院提前三十日书面通知服务商，
        可以解除本协议: the 医院's right, not the 服务商's)."""
        if language_of(text) == "zh":
            role = self._subject_zh(text, pos)
            if role:
                return role
        elif self.cues.elided_subject is not None and self.cues.elided_subject.search(text, 0, max(0, pos - 1)):
            # ("X shall grant ... to Y, and may withdraw it"): the subject of the sentence's first modal
            modals = (*self.cues.obligation, *((self.cues.right_modal,) if self.cues.right_modal is not None else ()))
            first = earliest(modals, text[:pos - 1])
            if first is not None:
                role = self.parties.role_at(text, first.start())
                if role:
                    return role
        return self.parties.role_at(text, pos)

    def _subject_zh(self, text: str, pos: int) -> str | None:
        """Chinese clauses share one subject across comma-separated parts (乙方仅得……处理甲方数据，
        不得……获取): the subject is the nearest party in the modal's own part, else the first
        party of the nearest earlier part that names one."""
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^，,；;：:]+", text[:pos])]
        # A modal right after a comma (乙方仅为提供服务处理甲方数据，不得……) has no words of its own
        # part: the part before it is an earlier one, whose first party is the subject.
        own = not re.search(r"[，,；;：:]\s*$", text[:pos])
        for i, (a, b) in enumerate(reversed(parts)):
            seg = text[a:pos] if i == 0 and own else text[a:b]
            if i == 0 and own:
                role = self.parties.role_at(seg, len(seg))
                if role:
                    return role
                continue
            if self.cues.condition_part_zh is not None and self.cues.condition_part_zh.match(seg):
                continue  # a condition or circumstance, not the subject
            consent = self.cues.consents_zh.search(seg) if self.cues.consents_zh is not None else None
            if consent is not None:
                # (采购方同意供方……，可以提取: the party consented to, named right after the verb, acts;
                # not 在被许可方授权的范围内, a scope)
                named = [role for start, _end, role in self.parties.spans(seg) if 0 <= start - consent.end() <= 1]
                if named:
                    return named[0]
            # (its first party: in 服务商仅为向客户提供……之目的处理客户数据 the customer is only an object,
            # and 客户数据 names a thing, not who acts)
            first = self.parties.role_at(seg, 0, after=True, things=self.cues.thing_of_party) \
                or self.parties.role_at(seg, 0, after=True)
            if first:
                return first
        return None

    def _subject_right_before(self, text: str, pos: int) -> Party | None:
        """The party named immediately before a modal ("Licensee shall not", 被许可方不得), or
        None where the modal's subject is left out ("..., but shall not otherwise access")."""
        head = text[max(0, pos - 60):pos]
        spans = [sp for sp in self.parties.spans(head) if len(head) - sp[1] <= 3]
        return Party(spans[-1][2]) if spans else None

    def _party_at(self, text: str, pos: int) -> Party:
        if first_match(self.cues.mutual, text[max(0, pos - 60):pos]):
            return Party.BOTH
        role = self._subject_zh(text, pos) if language_of(text) == "zh" else None
        role = role or self.parties.role_at(text, pos)
        return Party(role) if role else Party.NONE

    def _denied_at(self, text: str, pos: int) -> bool:
        """Whether the right at ``pos`` is denied to its holders: the library's ``denied_right``
        words ("neither", "nor", "the only circumstances in which") close the 60 characters before
        it; or it is granted only as other clauses say (``right_elsewhere``, "may terminate only in
        accordance with Clause 22.4"), where those clauses are read on their own."""
        rx, elsewhere = self.cues.denied_right, self.cues.right_elsewhere
        return (rx is not None and rx.search(text[max(0, pos - 60):pos]) is not None) \
            or (elsewhere is not None and elsewhere.match(text, pos) is not None)

    def right_denied(self, text: str) -> bool:
        """Whether the clause's first right is denied to its holders ("neither party may suspend")."""
        modal = self.cues.right_modal.search(text)
        return modal is not None and self._denied_at(text, modal.start())

    def right_held_by_customer(self, u: CompiledUndertaking, text: str) -> bool:
        """Whether the right the library's take-back words find in ``text`` is the customer's alone
        ("承批公司可随时……终止任何作业", "This Agreement may be terminated by the Customer"): no take-back
        of the supplier's commitment, whatever the reader's impression."""
        if u.take_back_low is None:
            return False
        m = earliest([p for tb in u.take_backs for p in tb[1]], text)
        if m is None:
            # no right the library knows for the undertaking: the reader's impression of one stands
            # only if some right in the clause may be the supplier's ("……我们将按照第5.3条处理相关数据；
            # ……您可以下载攻击日志": the only right is the customer's)
            rights = list(self.cues.right_modal.finditer(text))
            return bool(rights) and all(
                not first_match(self.cues.mutual, text[max(0, r.start() - 60):r.start() + 20])
                and (self._passive_holder(text, r.start()) or self._holder_at(text, r.start() + 1)) == "customer"
                for r in rights)
        if first_match(self.cues.mutual, text[max(0, m.start() - 60):m.start() + 20]):
            return False
        return (self._passive_holder(text, m.start()) or self._holder_at(text, m.start() + 1)) == "customer"

    def right_held_by_another(self, text: str) -> bool:
        """Whether the first right in ``text`` is held by someone the document does not call the
        supplier (see ``_held_by_another``)."""
        return self._held_by_another(text, 0)

    def _held_by_another(self, text: str, start: int) -> bool:
        """Whether the right found at ``start`` is held by a name that is none of the document's party
        terms, no role word of a supplier and no generic subject ("Calloway may terminate", "may be
        terminated by Calloway"), in a document whose supplier is known: then it is another's right."""
        if not self.parties.supplier_terms:
            return False
        words = self.right_holder(text, start)
        if words is None or self._role_word(words):
            return False
        return not self.parties.spans(words)

    def _passive_holder(self, text: str, start: int) -> str | None:
        """The role of the party named after "by" in a passive right found at ``start`` ("may be
        terminated by the Customer"); None where the right is not passive or names no party."""
        modal = self.cues.right_modal.search(text, start)
        if modal is None or modal.start() - start > 80:
            return None
        name = next((m for p in self.cues.holder_after_passive if (m := p.match(text, modal.end()))), None)
        return self.parties.role_at(text, name.start("name"), after=True) if name is not None else None

    def right_holder(self, text: str, start: int = 0) -> str | None:
        """The name that holds the right found at ``start``: the one right before its modal, or after
        "by" in a passive; else (a second modal deep in the clause, "Vericel may, without prejudice
        to any rights Vericel may have, terminate") the holder of the clause's first right. None
        where no name holds it or the holder is a generic subject ("Either Party", "This Agreement")."""
        for at in dict.fromkeys((start, 0)):
            # (a right with no modal of its own, "terminable at any time", is held by the name before it)
            modal = self.cues.right_modal.search(text, at)
            if at < start and modal is not None and modal.start() >= start:
                break  # the clause's first right is the one at ``start``
            head = text[:modal.start() if modal else at].rstrip()
            name = (next((m for p in self.cues.holder_after_passive if (m := p.match(text, modal.end()))), None)
                    if modal else None) or next((m for p in self.cues.holder_before_modal if (m := p.search(head))), None)
            if name is not None:
                return self._named(name.group("name"))
        return None

    def bound_name(self, text: str) -> str | None:
        """The name right before the first binding modal of a clause ("CEIS shall use its best
        endeavours"): who the commitment binds, in the document's words; None for a generic subject."""
        m = first_match(self.cues.obligation, text)
        if m is None:
            return None
        head = text[:m.start()].rstrip()
        name = next((n for p in self.cues.holder_before_modal if (n := p.search(head))), None)
        return self._named(name.group("name")) if name is not None else None

    def binds_another(self, text: str) -> bool:
        """Whether a clause binds a person the document does not call the supplier: its subject, right
        before the binding modal, names someone by what they do ("the Sender shall not alter the
        pipeline") or by a customer's role word, and is none of the document's party terms and no
        supplier's role word, in a document whose supplier is known (the guide: a duty of a third
        party is not the commitment)."""
        if not self.parties.supplier_terms or self.cues.person_like is None:
            return False
        name = self.bound_name(text)
        if name is None or self.parties.spans(name) or self._role_word(name):
            return False
        return self._bare(name) in self.cues.customer_words or bool(self.cues.person_like.search(name))

    @staticmethod
    def _bare(name: str) -> str:
        """A name lower-cased without its article ("The Sender" -> "sender")."""
        return re.sub(r"^(the|this)\s+", "", name.lower())

    def _named(self, words: str) -> str | None:
        words = words.strip()
        low = self._bare(words)
        if low in self.cues.generic_subjects or words.lower() in self.cues.generic_subjects:
            return None
        return words

    def _role_word(self, words: str) -> bool:
        low = self._bare(words)
        return any(low == w or low.endswith(" " + w) for w in self.cues.supplier_words)

    def held_by_other_than(self, commitment: str, take_back: str) -> bool:
        """Whether the right in ``take_back`` is held by someone other than the one ``commitment``
        binds: two different names, neither a role word of a supplier nor one of the document's party
        terms ("CEIS shall use its best endeavours to make the Content available to XFN" is not taken
        back by "XFN may terminate"). Where the document's parties are known, ``_held_by_another`` and
        the holder's role already decide; this covers the documents whose parties were not found."""
        bound, holder = self.bound_name(commitment), self.right_holder(take_back)
        if bound is None or holder is None or self._role_word(holder) or self._role_word(bound):
            return False
        if self.parties.spans(holder) or self.parties.spans(bound):
            return False
        a, b = self._bare(bound), self._bare(holder)
        return a != b and not a.startswith(b) and not b.startswith(a)
