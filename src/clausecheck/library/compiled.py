"""The clause library compiled for matching: the cue patterns of a validated library as compiled
regular expressions, grouped as the rule reading uses them (``CompiledCues``, one
``CompiledUndertaking`` per undertaking, ``PartyCues``, ``ContractCues``), and the lower-case yes/no
tests of the per-sentence hot loops (``AnyOf``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clausecheck.library.schema import (
    ContractSigns,
    Convention,
    Parties,
    TakeBack,
    _compile,
    _sentence_windows,
)
from clausecheck.prefilter import required_literals

if TYPE_CHECKING:
    from clausecheck.library import ClauseLibrary

def _rx(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(_compile(p) for p in patterns)


def _any(patterns: list[str]) -> re.Pattern[str] | None:
    """One alternation for a yes/no test: a single pass over the text instead of one per pattern."""
    return _compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _lowered(pattern: str) -> str:
    """Upper-case letters lowered except in escapes (\\W, \\S): the same pattern for lower-cased text."""
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group(0).lower(), _sentence_windows(pattern))


def _joined_lower(patterns: list[str]) -> re.Pattern[str] | None:
    """One alternation for text already lower-cased, where every hit counts (``findall``)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{_lowered(p)})" for p in patterns))


@dataclass(frozen=True)
class AnyOf:
    """A yes/no test for text already lower-cased: each pattern searched on its own, the first that
    matches answers. Case-sensitive matching is about 1.7 times faster than re.IGNORECASE here, and
    separate searches 1.2-2 times faster than one alternation of the same patterns (which defeats
    each pattern's own literal scan; measured on cuad-it's 14,547 sentences)."""

    patterns: tuple[re.Pattern[str], ...]
    # Per pattern: it is written in Chinese only, so it cannot match a text without a Chinese
    # character; skipping those on English sentences saves a tenth of the rules' time.
    chinese_only: tuple[bool, ...] = ()
    # Per pattern: strings one of which every match contains (``prefilter.required_literals``), or
    # None; a plain substring test skips the regex where none is in the text.
    literals: tuple[tuple[str, ...] | None, ...] = ()

    def __post_init__(self) -> None:
        # One (pattern, strings it needs, Chinese only) triple per pattern, so the hot loop below
        # does no indexing. Where a pattern needs strings, their test also covers "Chinese only".
        n = len(self.patterns)
        plan = tuple(zip(self.patterns, self.literals or (None,) * n, self.chinese_only or (False,) * n, strict=True))
        object.__setattr__(self, "_plan", plan)

    def search(self, text: str) -> re.Match[str] | None:
        has_cjk: bool | None = None
        for p, needs, chinese_only in self._plan:  # type: ignore[attr-defined]
            if needs is not None:
                for lit in needs:
                    if lit in text:
                        break
                else:
                    continue
            elif chinese_only:
                if has_cjk is None:
                    has_cjk = _CJK.search(text) is not None
                if not has_cjk:
                    continue
            m = p.search(text)
            if m:
                return m
        return None


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# ASCII words in a pattern, once escapes (\b, \s, \w), group syntax (?:, (?<=, (?!) and flags are set aside
_ESCAPES = re.compile(r"\\[A-Za-z]|\(\?[:=!<]+|\(\?-?[a-z]+[:)]")


def _chinese_only(pattern: str) -> bool:
    """Whether a pattern's words are all Chinese: it needs a Chinese character to match."""
    return bool(_CJK.search(pattern)) and not re.search(r"[A-Za-z]", _ESCAPES.sub("", pattern))


def _any_lower(patterns: list[str]) -> AnyOf | None:
    if not patterns:
        return None
    compiled = tuple(re.compile(_lowered(p)) for p in patterns)
    return AnyOf(compiled, tuple(_chinese_only(p) for p in patterns),
                 tuple(required_literals(c) for c in compiled))


@dataclass(frozen=True)
class CompiledUndertaking:
    form: str
    required: tuple[re.Pattern[str], ...]
    action: tuple[re.Pattern[str], ...]
    positive_forms: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    narrow_action: tuple[re.Pattern[str], ...]
    narrow_scope: tuple[re.Pattern[str], ...]
    take_backs: tuple[tuple[TakeBack, tuple[re.Pattern[str], ...]], ...]
    required_any: re.Pattern[str] | None = None
    action_any: re.Pattern[str] | None = None
    positive_any: re.Pattern[str] | None = None
    take_back_screen: re.Pattern[str] | None = None
    # Lower-case twins of the yes/no tests above, for the per-sentence hot loops.
    required_low: AnyOf | None = None
    action_low: AnyOf | None = None
    positive_low: AnyOf | None = None
    screen_low: AnyOf | None = None
    take_back_low: AnyOf | None = None
    take_back_any: re.Pattern[str] | None = None
    recall_low: re.Pattern[str] | None = None  # counted (findall)
    conventions: tuple[tuple[Convention, tuple[re.Pattern[str], ...]], ...] = ()
    convention_low: AnyOf | None = None
    homes: tuple[re.Pattern[str], ...] = ()
    named_only: bool = False
    lawful_grounds: tuple[re.Pattern[str], ...] = ()
    unlawful_grounds: tuple[re.Pattern[str], ...] = ()

    def points_at(self, low: str) -> bool:
        """Whether the library's words point at this undertaking in a lower-cased clause: its
        subject, a continuity wording, a convention or one of the wider recall cues, once what the
        topic excludes is set aside ("Confidential Information" is no user data)."""
        for p in self.exclude:
            low = p.sub(" ", low)
        return any(t is not None and t.search(low) for t in (
            self.required_low, self.positive_low, self.convention_low, self.recall_low))


@dataclass(frozen=True)
class PartyCues:
    """The library's cues for finding the parties, compiled once (``clausecheck.parties``). Only
    the party's name changes per document: the cues around it are compiled here."""

    defined_term: re.Pattern[str]
    named_party: re.Pattern[str]
    corporate: re.Pattern[str]
    not_party_terms: frozenset[str]
    thing_terms: re.Pattern[str]
    vague_role_words: frozenset[str]
    address: re.Pattern[str] | None
    party_definition: re.Pattern[str] | None
    clause_start: re.Pattern[str] | None
    party_lead: re.Pattern[str] | None  # searched in the lower-cased text before a definition
    not_party_lead: re.Pattern[str] | None
    pronoun_names: re.Pattern[str] | None
    preamble_start: re.Pattern[str]
    preamble_end: re.Pattern[str]
    after_provides: re.Pattern[str]  # matched right after a name: it provides, or is paid
    after_pays: re.Pattern[str]  # ... it pays or buys
    retained: re.Pattern[str]  # searched in the text right before a name: it is retained or paid
    paid_by: re.Pattern[str]  # ... it is the one who pays
    receives: re.Pattern[str]  # ... something is provided to it

    @classmethod
    def build(cls, p: Parties) -> PartyCues:
        def one(patterns: list[str]) -> re.Pattern[str]:
            return _compile("|".join(f"(?:{x})" for x in patterns))

        def cased(pattern: str) -> re.Pattern[str]:
            # What a party is made to do is matched as written: "SHALL PROVIDE" in a heading in
            # capitals is no act.
            return re.compile(_sentence_windows(pattern))
        provide = "|".join(p.provide_verbs)
        pay = "|".join(p.pay_verbs)
        modal = "(?:" + "|".join(f"(?:{x})" for x in p.act_modals) + ")"
        return cls(
            defined_term=one(p.defined_term), named_party=one(p.named_party), corporate=one(p.corporate),
            not_party_terms=frozenset(t.lower() for t in p.not_party_terms),
            thing_terms=cased("|".join(f"(?:{x})" for x in p.thing_terms)),  # matched on lower-cased words
            vague_role_words=frozenset(w.lower() for w in p.vague_role_words),
            address=one(p.address) if p.address else None,
            clause_start=one(p.clause_start) if p.clause_start else None,
            party_definition=one(p.party_definition) if p.party_definition else None,
            party_lead=one(p.party_lead) if p.party_lead else None,
            not_party_lead=one(p.not_party_lead) if p.not_party_lead else None,
            pronoun_names=one(p.pronoun_names) if p.pronoun_names else None,
            preamble_start=one(p.preamble_start), preamble_end=one(p.preamble_end),
            # "X shall provide", "X supplies the", "X is paid" / "X shall pay"
            after_provides=cased(
                rf"\s+(?:{modal}\s+(?:\w+\s+){{0,2}}?(?:{provide})\w*|(?:{provide})\w*\s+(?:the|its|all|any|such)\b"
                rf"|(?:was|is|shall\s+be|will\s+be)\s+(?:\w+\s+)?paid\b)"),
            after_pays=cased(rf"\s+{modal}\s+(?:\w+\s+){{0,2}}?(?:{pay})\w*"),
            retained=cased("|".join(f"(?:{x})" for x in p.retained)),
            paid_by=cased("|".join(f"(?:{x})" for x in p.paid_by)),
            # "... provide the Services to X"
            receives=cased(rf"(?:{provide})\w*\s+(?:\w+\s+){{0,3}}?to\s+$"),
        )


@dataclass(frozen=True)
class ContractCues:
    """``ContractSigns`` compiled (``clausecheck.triage``); a title is matched line by line."""

    preamble: re.Pattern[str]
    title: re.Pattern[str]
    title_word: re.Pattern[str]
    doc_name: re.Pattern[str]

    @classmethod
    def build(cls, c: ContractSigns) -> ContractCues:
        def one(patterns: list[str], flags: int = 0) -> re.Pattern[str]:
            return re.compile("|".join(f"(?:{_sentence_windows(x)})" for x in patterns), re.IGNORECASE | flags)
        return cls(preamble=one(c.preamble), title=one(c.title, re.MULTILINE), title_word=one(c.title_word),
                   doc_name=one(c.doc_name))


@dataclass(frozen=True)
class CompiledCues:
    obligation: tuple[re.Pattern[str], ...]
    non_binding: tuple[re.Pattern[str], ...]
    mutual: tuple[re.Pattern[str], ...]
    reasons: dict[str, tuple[re.Pattern[str], ...]]
    exception_markers: tuple[re.Pattern[str], ...]
    exception_enclosed: re.Pattern[str] | None
    exception_ends: re.Pattern[str] | None
    benign: tuple[re.Pattern[str], ...]
    harmful: tuple[re.Pattern[str], ...]
    prevails: tuple[re.Pattern[str], ...]
    just_cause: tuple[re.Pattern[str], ...]
    not_just_cause: tuple[re.Pattern[str], ...]
    undertakings: dict[str, CompiledUndertaking]
    just_cause_refers_back: re.Pattern[str] | None = None
    just_cause_under_section: re.Pattern[str] | None = None
    just_cause_preceding_section: re.Pattern[str] | None = None
    exception_hints: re.Pattern[str] | None = None
    restriction: re.Pattern[str] | None = None
    disclaimer: re.Pattern[str] | None = None
    survival_list: re.Pattern[str] | None = None
    table_of_contents: re.Pattern[str] | None = None
    legal_effect: re.Pattern[str] | None = None
    recital: re.Pattern[str] | None = None
    recital_binds: re.Pattern[str] | None = None
    lead_in: re.Pattern[str] | None = None
    lead_in_end: re.Pattern[str] | None = None
    definition: tuple[re.Pattern[str], ...] = ()
    narrowing_definition: re.Pattern[str] | None = None
    not_narrowing_definition: re.Pattern[str] | None = None
    narrowable_term: tuple[re.Pattern[str], ...] = ()
    minimum: re.Pattern[str] | None = None
    extends_term: re.Pattern[str] | None = None
    whole_term: re.Pattern[str] | None = None
    follow_up: re.Pattern[str] | None = None
    anaphor: re.Pattern[str] | None = None
    actor_before: tuple[re.Pattern[str], ...] = ()
    actor_after: tuple[re.Pattern[str], ...] = ()
    section_reference: re.Pattern[str] | None = None
    section_list: re.Pattern[str] | None = None
    disapplied_section_list: re.Pattern[str] | None = None
    section_list_continues: re.Pattern[str] | None = None
    right_modal: re.Pattern[str] | None = None
    grant: re.Pattern[str] | None = None
    just_cause_definition: re.Pattern[str] | None = None
    subordination: re.Pattern[str] | None = None
    after_period: re.Pattern[str] | None = None
    prohibition: re.Pattern[str] | None = None
    condition_lead: re.Pattern[str] | None = None
    denied_right: re.Pattern[str] | None = None
    right_elsewhere: re.Pattern[str] | None = None
    indemnity: re.Pattern[str] | None = None
    non_binding_any: re.Pattern[str] | None = None
    binding_denied: re.Pattern[str] | None = None
    non_binding_low: AnyOf | None = None
    obligation_low: AnyOf | None = None
    not_a_home: re.Pattern[str] | None = None
    pays: re.Pattern[str] | None = None
    pays_own_way: re.Pattern[str] | None = None
    condition_part_zh: re.Pattern[str] | None = None
    consents_zh: re.Pattern[str] | None = None
    soft_right: re.Pattern[str] | None = None
    thing_of_party: re.Pattern[str] | None = None
    supplier_words: frozenset[str] = frozenset()
    customer_words: frozenset[str] = frozenset()
    person_like: re.Pattern[str] | None = None
    generic_subjects: frozenset[str] = frozenset()
    passive_by: re.Pattern[str] | None = None
    joined_parties: re.Pattern[str] | None = None
    joined_duty: re.Pattern[str] | None = None
    forbids_discretion: re.Pattern[str] | None = None
    consequence: re.Pattern[str] | None = None
    elided_subject: re.Pattern[str] | None = None
    disapplies: re.Pattern[str] | None = None
    holder_before_modal: tuple[re.Pattern[str], ...] = ()
    holder_after_passive: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def build(cls, lib: ClauseLibrary) -> CompiledCues:
        c = lib.cues
        st = c.statements
        return cls(
            restriction=_any(st.restriction), disclaimer=_any(st.disclaimer), recital=_any(st.recital),
            survival_list=_any(st.survival_list), table_of_contents=_any(st.table_of_contents), legal_effect=_any(st.legal_effect),
            recital_binds=_any(st.recital_binds), lead_in=_any(st.lead_in), lead_in_end=_any(st.lead_in_end), definition=_rx(st.definition),
            narrowing_definition=_any(st.narrowing_definition),
            not_narrowing_definition=_any(st.not_narrowing_definition), narrowable_term=_rx(st.narrowable_term),
            minimum=_any(st.minimum),
            extends_term=_any(st.extends_term), whole_term=_any(st.whole_term), follow_up=_any(st.follow_up), anaphor=_any(st.anaphor),
            actor_before=_rx(st.actor_before), actor_after=_rx(st.actor_after),
            section_reference=_any(st.section_reference), section_list=_any(st.section_list),
            disapplied_section_list=_any(st.disapplied_section_list),
            section_list_continues=_any(st.section_list_continues), right_modal=_any(st.right_modal),
            grant=_any(st.grant), just_cause_definition=_any(st.just_cause_definition),
            subordination=_any(st.subordination), after_period=_any(st.after_period), prohibition=_any(st.prohibition),
            condition_lead=_any(st.condition_lead), denied_right=_any(st.denied_right), right_elsewhere=_any(st.right_elsewhere),
            indemnity=_any(st.indemnity), not_a_home=_any(st.not_a_home),
            pays=_any(st.pays), pays_own_way=_any(st.pays_own_way), condition_part_zh=_any(st.condition_part_zh), consents_zh=_any(st.consents_zh), soft_right=_any(st.soft_right), thing_of_party=_any(st.thing_of_party),
            passive_by=_any(st.passive_by), joined_parties=_any(st.joined_parties), joined_duty=_any(st.joined_duty),
            forbids_discretion=_any(st.forbids_discretion), consequence=_any(st.consequence), elided_subject=_any(st.elided_subject), disapplies=_any(st.disapplies),
            holder_before_modal=_rx(st.holder_before_modal), holder_after_passive=_rx(st.holder_after_passive),
            obligation=_rx(c.binding.obligation),
            non_binding=_rx(c.binding.non_binding),
            binding_denied=_any(c.binding.denied),
            non_binding_any=_any(c.binding.non_binding),
            non_binding_low=_any_lower(c.binding.non_binding),
            obligation_low=_any_lower(c.binding.obligation),
            mutual=_rx(c.parties.mutual),
            supplier_words=frozenset(w.lower() for w in c.parties.supplier_words),
            customer_words=frozenset(w.lower() for w in c.parties.customer_words),
            person_like=_any(c.parties.person_like),
            generic_subjects=frozenset(w.lower() for w in c.parties.generic_subjects),
            reasons={k: _rx(v) for k, v in c.reasons.items()},
            exception_markers=_rx(c.exceptions.markers), exception_enclosed=_any(c.exceptions.enclosed),
            exception_ends=_any(c.exceptions.ends), exception_hints=_any(c.exceptions.hints),
            benign=_rx(c.exceptions.benign),
            harmful=_rx(c.exceptions.harmful),
            prevails=_rx(c.precedence.prevails),
            just_cause=_rx(c.just_cause.grounds),
            not_just_cause=_rx(c.just_cause.not_just_cause),
            just_cause_refers_back=_any(c.just_cause.refers_back),
            just_cause_under_section=_any(c.just_cause.under_section),
            just_cause_preceding_section=_any(c.just_cause.preceding_section),
            undertakings={
                u.id: CompiledUndertaking(
                    form=u.topic.form,
                    positive_forms=_rx(u.topic.positive_forms),
                    exclude=_rx(u.topic.exclude),
                    required=_rx(u.topic.required),
                    action=_rx(u.topic.action),
                    narrow_action=_rx(u.topic.narrow_action),
                    narrow_scope=_rx(u.topic.narrow_scope),
                    take_backs=tuple((t, _rx(t.when)) for t in u.take_backs),
                    required_any=_any(u.topic.required),
                    action_any=_any(u.topic.action + u.topic.positive_forms),
                    positive_any=_any(u.topic.positive_forms),
                    take_back_screen=_compile(u.take_back_screen) if u.take_back_screen else None,
                    required_low=_any_lower(u.topic.required),
                    action_low=_any_lower(u.topic.action + u.topic.positive_forms),
                    positive_low=_any_lower(u.topic.positive_forms),
                    screen_low=_any_lower([u.take_back_screen]) if u.take_back_screen else None,
                    take_back_low=_any_lower([p for t in u.take_backs for p in t.when]),
                    take_back_any=_any([p for t in u.take_backs for p in t.when]),
                    recall_low=_joined_lower(u.topic.recall + u.topic.required),
                    conventions=tuple((c, _rx(c.when)) for c in u.topic.conventions),
                    convention_low=_any_lower([p for c in u.topic.conventions for p in c.when]),
                    homes=_rx(u.homes), named_only=u.topic.named_only, lawful_grounds=_rx(u.topic.lawful_grounds),
                    unlawful_grounds=_rx(u.topic.unlawful_grounds),
                )
                for u in lib.undertakings
            },
        )
