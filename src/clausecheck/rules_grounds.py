"""Whether a supplier's right to stop rests on just cause: the ground named in its clause, in the
items of its list, in the sentences it refers back to, or in a section the contract itself defines
as just cause; which sections the contract switches off for the customer (a right there takes
nothing back); and whether an exception rests only on grounds the guide permits, or a clause can
hold no carve-out at all. A part of ``clausecheck.rules_reader.RuleReader``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clausecheck.library import CompiledCues
from clausecheck.parties import Parties
from clausecheck.rules_match import first_match, is_list_head, listed_sections, split_exception
from clausecheck.segment import Segmented, Sentence


class GroundRules:
    """Grounds of the supplier's rights, read with the library's just-cause cues."""

    seg: Segmented
    cues: CompiledCues
    _jc_sections: frozenset[str] | None
    _off_sections: frozenset[str] | None
    parties: Parties

    if TYPE_CHECKING:  # read by RuleReader, the class these rules are part of
        def list_items(self, head: Sentence) -> list[Sentence]: ...
        def named_sections(self, text: str) -> set[str]: ...

    def just_cause_ground(self, s: Sentence) -> str | None:
        """The words of a just-cause ground in the sentence's clause (uncured material breach,
        undisputed non-payment after notice, insolvency), unless the sentence also names a ground
        that is not just cause; or the section, where the contract itself defines it as just cause."""
        if self._in_just_cause_section(s):
            return f"section {s.section}"
        jc_sections = self.just_cause_sections()
        if jc_sections and not first_match(self.cues.not_just_cause, s.text):
            # a right exercised under a just-cause section ("在依照第7.3条暂停平台服务的同时"), or for a
            # breach of the section just before it where that one is ("6.4 用户违反前款约定的，……")
            under = self.cues.just_cause_under_section
            for m in (under.finditer(s.text) if under is not None else ()):
                if self.named_sections(s.text[m.end():m.end() + 40]) & jc_sections:
                    return s.text[m.start():m.end() + 40].split("，")[0][:80]
            before = self._preceding_section(s)
            pre = self.cues.just_cause_preceding_section
            if before and before in jc_sections and pre is not None and (m := pre.search(s.text)):
                return m.group(0)
        clause = self.seg.clause_of(s).text
        just = first_match(self.cues.just_cause, clause if len(clause) <= 900 else s.text)
        if just and not first_match(self.cues.not_just_cause, s.text):
            return just.group(0)[:160]
        if s.text[:1].islower() and s.index > 0:
            # The tail of a list ("If either party: (a) becomes insolvent; ... (c) defaults ...;
            # this Agreement may be terminated by the other party"): the grounds are the items above.
            items = " ".join(t.text for t in self.seg.sentences[max(0, s.index - 8):s.index])
            just = first_match(self.cues.just_cause, items)
            if just and not first_match(self.cues.not_just_cause, items):
                return just.group(0)[:160]
        if self.cues.just_cause_refers_back is not None and s.index > 0 \
                and self.cues.just_cause_refers_back.search(s.text):
            # A ground named by reference to the sentences just before ("13.1 Neither Party is
            # liable for ... an event that is unforeseeable, unavoidable and insurmountable ...
            # 13.2 If such an event continues for more than sixty days, either Party may
            # terminate"): the ground is theirs, if they name no ground that is not just cause.
            before = " ".join(t.text for t in self.seg.sentences[max(0, s.index - 3):s.index])
            just = first_match(self.cues.just_cause, before)
            if just and not first_match(self.cues.not_just_cause, before + " " + s.text):
                return just.group(0)[:160]
        if is_list_head(s):
            # The head of a list ("Either Party may terminate this Agreement: (a) if the other
            # materially breaches ... and fails to cure ...; (b) upon insolvency"): the grounds are
            # the items below it.
            items = " ".join(t.text for t in self.list_items(s))
            just = first_match(self.cues.just_cause, items)
            if just and not first_match(self.cues.not_just_cause, items):
                return just.group(0)[:160]
        return None

    def no_carve_out(self, text: str) -> bool:
        """Whether the clause can hold no carve-out: it has no exception at all, not even a word that
        may open one (``exceptions.hints``: "but", "unless", 但, 除): the reader's impression of one has
        nothing to rest on ("... including a review conducted by the Office where the Environment is
        located there" names a case, it excepts none); or its exception rests only on grounds the
        guide permits."""
        if split_exception(self.cues, text)[2] is not None:
            return self.benign_exception(text)
        return self.cues.exception_hints is None or not self.cues.exception_hints.search(text)

    def benign_exception(self, text: str) -> bool:
        """The clause's exception rests only on grounds the guide permits ("as necessary to perform",
        "on the Customer's written instructions", 履行本合同所必需): it is no carve-out."""
        _, exception, exc = split_exception(self.cues, text)
        if not exc:
            return False
        return bool(first_match(self.cues.benign, exception)) and not first_match(self.cues.harmful, exception)

    def just_cause_sections(self) -> frozenset[str]:
        """Sections the contract itself defines as just cause ("just cause means only: a suspension
        permitted by clause 10.5; termination under clause 17"): rights there are not take-backs."""
        if self._jc_sections is None:
            found: set[str] = set()
            rx = self.cues.just_cause_definition
            if rx is not None:
                for s in self.seg.sentences:
                    if rx.search(s.text):
                        found |= self.named_sections(s.text)
            self._jc_sections = frozenset(x for x in found if x)
        return self._jc_sections

    @staticmethod
    def _preceding_section(s: Sentence) -> str | None:
        """The number of the section just before the sentence's own ("6.4" -> "6.3"), or None."""
        m = re.fullmatch(r"(.*?)(\d+)", (s.section or "").removeprefix("第").removesuffix("条"))
        if m is None or int(m.group(2)) <= 1:
            return None
        return f"{m.group(1)}{int(m.group(2)) - 1}"

    def _in_just_cause_section(self, s: Sentence) -> bool:
        return self.in_sections(s, self.just_cause_sections())

    @staticmethod
    def in_sections(s: Sentence, names: frozenset[str]) -> bool:
        """Whether the sentence stands in one of the named sections (or in a subsection of one)."""
        sec = (s.section or "").removeprefix("第").removesuffix("条")
        return bool(sec) and any(sec == n or sec.startswith(n + ".") or sec.startswith(n + "(") for n in names)

    def disapplied_sections(self) -> frozenset[str]:
        """Sections the document switches off for the customer ("主条款第9.2条、第9.3条的约定不适用于被许可方";
        "Sections 6.5 and 12.3 of the General Terms shall not apply to the Customer"; a supplement for
        regulated customers often does this to its own main terms): a right there takes nothing back."""
        if self._off_sections is None:
            found: set[str] = set()
            rx = self.cues.disapplies
            if rx is not None:
                for s in self.seg.sentences:
                    for m in rx.finditer(s.text):
                        # nothing after the words, or the customer ("... shall not apply to Beta
                        # Services" switches nothing off for the customer)
                        tail = s.text[m.end():m.end() + 40]
                        if tail.strip(" .;。；") and self.parties.role_at(tail, 0, after=True) != "customer":
                            continue
                        head = s.text[max(0, m.start() - 160):m.start()]
                        # ("Sections 6.5 and 12.3": the numbers listed after the first count too)
                        found |= listed_sections(self.named_sections(head), head,
                                                 self.cues.disapplied_section_list)
            self._off_sections = frozenset(x for x in found if x)
        return self._off_sections
