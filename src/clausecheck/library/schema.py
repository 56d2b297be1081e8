"""The clause library's schema: the pydantic models its YAML files are validated against, and
how a library pattern is compiled (``_compile``: "within the sentence" windows, case ignored)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

REQUIREMENT_IDS = (
    "review-cooperation",
    "no-illegal-data-acquisition",
    "no-illegal-device-control",
    "no-unjustified-supply-interruption",
)
REASON_CODES = (
    "qualified-effort", "permissive-modal", "carve-out", "conditional", "narrowed-scope",
    "unilateral-discretion", "non-binding", "overridden", "time-limited",
)


# In the library's patterns "[^.;]" and "[^.]" mean "within the sentence". A period between word
# characters does not end one ("Section 10.2", "MarketSite.net", "U.S"): it is let through.
_WITHIN = {"[^.;]": r"(?:[^.;]|\.(?=\w))", "[^.]": r"(?:[^.]|\.(?=\w))"}


def _sentence_windows(pattern: str) -> str:
    for k, v in _WITHIN.items():
        pattern = pattern.replace(k, v)
    return pattern


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_sentence_windows(pattern), re.IGNORECASE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Patterns = list[str]


def _check_patterns(v: list[str]) -> list[str]:
    for p in v:
        try:
            _compile(p)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {p!r}: {exc}") from exc
    return v


class Bilingual(_Strict):
    en: str
    zh: str


class BilingualList(_Strict):
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class Source(_Strict):
    instrument: str
    article: str
    versions: list[str] = Field(default_factory=list)


class Convention(_Strict):
    """A convention of the guide: a clause that ``when`` matches and that binds the supplier is a
    commitment on the undertaking, qualified by ``reasons`` (the trigger is the matched words)."""

    id: str
    when: Patterns
    reasons: list[str] = Field(default_factory=list)
    why: str
    # The convention is about the other party's things (the operator's systems): where the party it
    # binds names its own ("Medica shall not change Medica's Quality System"), it does not apply.
    others_only: bool = False
    # The matched words bind by themselves: a right limited to just cause ("may withdraw only for
    # serious reasons") restricts the party that holds it, though no "shall" is there.
    binds_itself: bool = False

    _v = field_validator("when")(_check_patterns)


class Topic(_Strict):
    # "positive": the supplier must do something (cooperate); "restrictive": it must not do
    # something (obtain data, control equipment, interrupt supply).
    form: Literal["positive", "restrictive"]
    required: Patterns
    action: Patterns
    # Wording that commits without a negation (e.g. "shall ensure continuity of supply").
    positive_forms: Patterns = Field(default_factory=list)
    # Phrases removed before the topic is looked for ("Confidential Information" is not user data).
    exclude: Patterns = Field(default_factory=list)
    narrow_action: Patterns = Field(default_factory=list)
    narrow_scope: Patterns = Field(default_factory=list)
    # Wider than ``required``: sentences the trained reader is asked about although the rules do not
    # read them as on topic (a promise to keep performing during a dispute, support for ten years).
    # Used without the screen model to choose what the reader reads; never a verdict on their own.
    recall: Patterns = Field(default_factory=list)
    # The guide's conventions for real contracts: clauses that count as a (narrowed) commitment on
    # the undertaking although they do not use its words (keep performing during a dispute; a
    # warranty that the product has no disabling code).
    conventions: list[Convention] = Field(default_factory=list)
    # Only a clause that names the subject (``required``) can be the commitment: the trained reader
    # cannot add one in other words (the guide: review cooperation counts only where the clause
    # names the cybersecurity review or the review office).
    named_only: bool = False
    # Grounds that are just cause for this undertaking though elsewhere an exception on them is a
    # carve-out: compulsion by the PRC's own law for continued supply ("中华人民共和国法律、行政法规规定
    # 或者有权主管部门依法要求暂停"), where the data undertaking's guide counts "requests of any
    # authority" as carve-outs. Set aside from an exception before its grounds are weighed.
    lawful_grounds: Patterns = Field(default_factory=list)
    # ... and the reverse: grounds that are just cause elsewhere but never for this undertaking. The
    # guide: a "kill switch" for non-payment or licence breach weakens the device undertaking, though
    # suspending supply for the same non-payment after notice is just cause.
    unlawful_grounds: Patterns = Field(default_factory=list)

    _v = field_validator("required", "action", "positive_forms", "exclude", "narrow_action",
                         "narrow_scope", "recall", "lawful_grounds", "unlawful_grounds")(_check_patterns)


class TakeBack(_Strict):
    id: str
    when: Patterns
    explanation: Bilingual
    # The take-back must itself name the undertaking's subject (data, for the data undertaking):
    # "entitled to retain the first $250,000 ... to develop" is about money.
    needs_topic: bool = False

    _v = field_validator("when")(_check_patterns)


class Undertaking(_Strict):
    id: str
    title: Bilingual
    source: Source
    canonical: Bilingual
    topic: Topic
    examples: BilingualList = Field(default_factory=BilingualList)
    take_backs: list[TakeBack] = Field(default_factory=list)
    # Optional, for speed: words without which no take-back pattern of this undertaking can match.
    # A sentence without any of them is not tried against the (costly) take-back patterns.
    take_back_screen: str | None = None
    # Where a new clause on this undertaking belongs in a contract: article headings, the best
    # fitting first (the redline and the suggestions place added wording by them). An article whose
    # heading matches none is unrelated to the undertaking.
    homes: Patterns = Field(default_factory=list)

    _homes = field_validator("homes")(_check_patterns)

    @field_validator("take_back_screen")
    @classmethod
    def _screen(cls, v: str | None) -> str | None:
        if v is not None:
            _check_patterns([v])
        return v
    suggestion: Bilingual

    @field_validator("suggestion")
    @classmethod
    def _placeholders(cls, v: Bilingual) -> Bilingual:
        for text in (v.en, v.zh):
            for name in re.findall(r"\{(\w*)\}", text):
                if name not in ("supplier", "customer"):
                    raise ValueError(f"unknown placeholder {{{name}}}; use {{supplier}} or {{customer}}")
        return v


class Parties(_Strict):
    supplier_words: list[str]
    customer_words: list[str]
    mutual: Patterns
    # Subjects that name no one in particular ("Either party may", "It may", "The Company may"): a
    # right they hold is not shown to be someone else's.
    generic_subjects: list[str] = Field(default_factory=list)
    # Role words that only lean one way ("Party A" in an English translation of a Chinese contract is the
    # customer by habit, not by meaning): what the document makes each party do can overrule them.
    weak_role_words: list[str] = Field(default_factory=list)
    weak_supplier_pronouns: list[str] = Field(default_factory=list)
    weak_customer_pronouns: list[str] = Field(default_factory=list)
    # A subject that names a person by what it does ("the Sender", "the Consignor"), not a thing ("the
    # Software"): where the document does not call it the supplier, a duty it bears is someone else's.
    person_like: Patterns = Field(default_factory=list)
    # How the parties are found (``clausecheck.parties``): a defined term (groups ``name`` and
    # ``also``), a party named but not defined (group ``name``), the corporate words that make a
    # defined term a party, the defined terms that name things, where the preamble starts and ends,
    # and what a party is made to do (the stems of providing and paying verbs, the modals before
    # them, the words before a name that make it the one retained or the one who pays).
    defined_term: Patterns
    named_party: Patterns
    corporate: Patterns
    not_party_terms: list[str]
    thing_terms: Patterns
    vague_role_words: list[str] = Field(default_factory=list)
    address: Patterns = Field(default_factory=list)
    party_definition: Patterns = Field(default_factory=list)
    # Where a new clause starts ("6.2 Economic Order ..."): a corporate name before it is not the
    # one a definition after it names.
    clause_start: Patterns = Field(default_factory=list)
    # The words right before a definition in the preamble that make it a party's ("between", "and",
    # a comma, a long number), and those that make it the document's own ("this" Agreement).
    party_lead: Patterns = Field(default_factory=list)
    not_party_lead: Patterns = Field(default_factory=list)
    # A pronoun defined as a party's second name before the name ('"we," "us" and "our" refers to
    # ACME, Inc.; "you" refers to the Franchisee'). Groups ``pron`` and ``target``.
    pronoun_names: Patterns = Field(default_factory=list)
    preamble_start: Patterns
    preamble_end: Patterns
    provide_verbs: list[str]
    pay_verbs: list[str]
    act_modals: Patterns
    retained: Patterns
    paid_by: Patterns

    _v = field_validator("mutual", "person_like", "corporate", "thing_terms", "address", "party_lead",
                         "not_party_lead", "pronoun_names", "preamble_start", "preamble_end", "act_modals", "retained",
                         "paid_by")(_check_patterns)

    @field_validator("defined_term", "named_party")
    @classmethod
    def _named_groups(cls, v: list[str], info: ValidationInfo) -> list[str]:
        _check_patterns(v)
        for p in v:
            if "name" not in _compile(p).groupindex:
                raise ValueError(f"a {info.field_name} pattern needs a group named 'name': {p!r}")
        return v

    @field_validator("provide_verbs", "pay_verbs")
    @classmethod
    def _stems(cls, v: list[str]) -> list[str]:
        for w in v:
            if not re.fullmatch(r"[a-z]+", w):
                raise ValueError(f"a verb stem is lower-case letters only: {w!r}")
        return v


class ContractSigns(_Strict):
    """What makes a document look like a contract at all (``clausecheck.triage``): a preamble or
    signature block that names parties, an agreement title (a short line; ``title_word`` near the very
    top), and the file names of documentation (README, LICENSE ...)."""

    preamble: Patterns
    title: Patterns
    title_word: Patterns
    doc_name: Patterns

    _v = field_validator("preamble", "title", "title_word", "doc_name")(_check_patterns)


class Binding(_Strict):
    obligation: Patterns
    non_binding: Patterns
    denied: Patterns = Field(default_factory=list)  # "not legally binding", 意向性表述

    _v = field_validator("obligation", "non_binding", "denied")(_check_patterns)


class Exceptions(_Strict):
    markers: Patterns
    benign: Patterns
    harmful: Patterns
    enclosed: Patterns = Field(default_factory=list)
    ends: Patterns = Field(default_factory=list)
    hints: Patterns = Field(default_factory=list)  # words that may open an exception the markers miss

    _v = field_validator("markers", "benign", "harmful", "enclosed", "ends", "hints")(_check_patterns)


class Precedence(_Strict):
    prevails: Patterns

    _v = field_validator("prevails")(_check_patterns)


class JustCause(_Strict):
    grounds: Patterns
    not_just_cause: Patterns
    # A right whose ground is named only by reference to what came just before ("If such an event
    # continues for more than sixty days, either Party may terminate"): the ground is read there.
    refers_back: Patterns = Field(default_factory=list)
    # A right exercised under a section ("依照第7.3条暂停", "pursuant to Section 7.3"), the section
    # named right after these words: where that section is the contract's just cause, so is the right.
    under_section: Patterns = Field(default_factory=list)
    # A right whose ground is a breach of the section just before it ("用户违反前款约定的"): group-free
    # words that point at the previous section.
    preceding_section: Patterns = Field(default_factory=list)

    _v = field_validator("grounds", "not_just_cause", "refers_back", "under_section",
                         "preceding_section")(_check_patterns)


class Statements(_Strict):
    """What sort of statement a clause is, and how clauses lean on each other."""

    # Words that restrict: a restrictive undertaking needs one ("shall process data" is a duty to act).
    restriction: Patterns
    # Statements that commit to nothing about their subject matter.
    disclaimer: Patterns
    # A list of the sections that survive termination: commits to nothing itself.
    survival_list: Patterns = Field(default_factory=list)
    table_of_contents: Patterns = Field(default_factory=list)  # "6.1 Our Representations 17 6.2 ..."
    # What something does not amount to in law ("will not constitute consent"): restricts no one.
    legal_effect: Patterns = Field(default_factory=list)
    recital: Patterns
    recital_binds: Patterns  # a recital that also binds is read as a commitment
    lead_in: Patterns = Field(default_factory=list)  # a clause that opens with its reasons
    lead_in_end: Patterns = Field(default_factory=list)  # ... and where its reasons end ("; accordingly,")
    # A definition; group ``term`` is the defined term.
    definition: Patterns
    narrowing_definition: Patterns
    not_narrowing_definition: Patterns = Field(default_factory=list)
    # The defined terms a commitment may rely on whose definition can cut it down ("Customer Data",
    # "Bank Systems", 用户信息): the whole match is the term.
    narrowable_term: Patterns = Field(default_factory=list)
    # A minimum period ("for at least five years") is not a time limit.
    minimum: Patterns
    # A period that follows the whole term ("during the Term and ... for seven years after"): it
    # extends a commitment, it does not limit it (searched just before a time limit).
    extends_term: Patterns = Field(default_factory=list)
    # The agreement's own period ("at any time during the Lease Period", 服务期内): no time limit.
    whole_term: Patterns = Field(default_factory=list)
    # A sentence that qualifies the one before it ("The foregoing does not apply ...", 前述义务仅限于).
    follow_up: Patterns
    # A sentence that leans on the one before ("such review", 该等审查).
    anaphor: Patterns
    # A subject that is a party's act ("any access by the Supplier", 乙方对……的访问): that party is bound.
    actor_before: Patterns = Field(default_factory=list)
    actor_after: Patterns = Field(default_factory=list)
    # Cross-references a "notwithstanding" clause names; group 1 or 2 is the number.
    section_reference: Patterns
    # A list of several sections, each of whose numbers counts ("Notwithstanding Sections 2.1, 3.3
    # and 3.2"); ``disapplied_section_list`` for the sections a supplement switches off ("Sections
    # 6.5 and 12.3 ... shall not apply", where the singular also opens one).
    section_list: Patterns = Field(default_factory=list)
    disapplied_section_list: Patterns = Field(default_factory=list)
    # After a comma in a "notwithstanding" phrase: the list of sections goes on (matched at the
    # comma's end), so the phrase does not end there.
    section_list_continues: Patterns = Field(default_factory=list)
    # Who holds a right: the modal of a permission ("may", "is entitled to", 有权).
    right_modal: Patterns
    # A licence or grant: the grantee (the supplier, in a take-back) holds the right.
    grant: Patterns
    just_cause_definition: Patterns = Field(default_factory=list)
    # A right made subject to another clause ("Subject to clause 9.1, Provider may suspend"): it cannot
    # take back the commitment that clause makes. Group 1 or 2 is the number.
    subordination: Patterns = Field(default_factory=list)
    # A right that starts only when a period ends ("After the five-year period, Licensor may stop
    # supporting ...", 上述五年期限届满后): it does not take back a commitment limited to that period.
    after_period: Patterns = Field(default_factory=list)
    # A prohibition: after a right in the same sentence, the sentence is a commitment with an exception.
    prohibition: Patterns = Field(default_factory=list)
    # A clause that opens with a condition: its modal does not say who is bound (``bound_party``).
    condition_lead: Patterns = Field(default_factory=list)
    # Words that deny a right to its holders, closing the text just before its modal ("neither party may").
    denied_right: Patterns = Field(default_factory=list)
    # A right granted only as other clauses say ("may terminate this Agreement only in accordance with
    # Clause 22.4"): matched at the right's modal.
    right_elsewhere: Patterns = Field(default_factory=list)
    # An indemnity: no commitment where it is a clause's only duty (see rules_reader.commits_to_nothing).
    indemnity: Patterns = Field(default_factory=list)
    # Article headings that are no home for any new undertaking clause, though they name "law"
    # ("Governing Law", 适用法律与争议解决): see each undertaking's ``homes``.
    not_a_home: Patterns = Field(default_factory=list)
    # The words that say who pays ("at Supplier's cost", 费用由乙方承担): the payer is the party named
    # just before them.
    pays: Patterns = Field(default_factory=list)
    # ... and the words by which the one bound pays its own way ("由我方自行承担", "at its own cost"):
    # a cost the supplier bears, whoever is named.
    pays_own_way: Patterns = Field(default_factory=list)
    # A comma-separated part of a Chinese clause that states a condition or circumstance, not who
    # acts (未经……, 如……, 提前三十日书面通知甲方后): its party is not the clause's subject.
    condition_part_zh: Patterns = Field(default_factory=list)
    # A party's consent that the other may act (采购方同意供方……可以提取): the one consented to holds the right.
    consents_zh: Patterns = Field(default_factory=list)
    # Of the right modals, those that soften a duty to act into a permission ("Supplier may assist");
    # the others (有权, "is entitled to") state a right the supplier holds.
    soft_right: Patterns = Field(default_factory=list)
    # What follows a party's name when the name only says whose thing it is ("Customer Data shall be
    # deleted", 甲方数据应当): matched right after the name.
    thing_of_party: Patterns = Field(default_factory=list)
    # Who acts in a passive ("... be accessed by X"): matched right after the modal.
    passive_by: Patterns = Field(default_factory=list)
    # What joins two party names into one subject ("the Provider and the Customer"): matched whole between them.
    joined_parties: Patterns = Field(default_factory=list)
    joined_duty: Patterns = Field(default_factory=list)  # a second duty joined to a sentence
    # A prohibition just before words of discretion: they are part of what is forbidden (matched at
    # the end of the text before them).
    forbids_discretion: Patterns = Field(default_factory=list)
    # What exercising a right leads to ("..., in which case those devices will cease to transmit"):
    # no duty of anyone, set aside where a right's holder and its limits are read.
    consequence: Patterns = Field(default_factory=list)
    # A modal whose subject is left out, the predicate joined to the one before ("shall grant ..., and
    # may withdraw"): matched at the end of the text before the modal.
    elided_subject: Patterns = Field(default_factory=list)
    disapplies: Patterns = Field(default_factory=list)  # words that switch named sections off
    # Who holds a right: the name right before its modal, or after "by" in a passive (group ``name``).
    holder_before_modal: Patterns = Field(default_factory=list)
    holder_after_passive: Patterns = Field(default_factory=list)

    _v = field_validator("restriction", "disclaimer", "survival_list", "table_of_contents", "legal_effect", "recital", "recital_binds", "lead_in", "lead_in_end", "definition",
                         "narrowing_definition", "not_narrowing_definition", "narrowable_term", "minimum", "extends_term", "whole_term", "follow_up", "anaphor", "actor_before", "actor_after",
                         "section_reference", "section_list", "disapplied_section_list", "section_list_continues",
                         "right_modal", "grant", "just_cause_definition", "subordination", "after_period", "indemnity", "prohibition",
                         "denied_right", "right_elsewhere", "condition_lead",
                         "not_a_home", "pays", "pays_own_way", "condition_part_zh", "consents_zh", "soft_right", "thing_of_party", "passive_by", "joined_parties", "joined_duty", "forbids_discretion", "consequence", "elided_subject", "disapplies", "holder_before_modal",
                         "holder_after_passive")(_check_patterns)

    @field_validator("definition")
    @classmethod
    def _term_group(cls, v: list[str]) -> list[str]:
        for p in v:
            if "term" not in _compile(p).groupindex:
                raise ValueError(f"a definition pattern needs a group named 'term': {p!r}")
        return v


class LanguageCues(_Strict):
    library: str
    version: str
    parties: Parties
    binding: Binding
    reasons: dict[str, Patterns]
    exceptions: Exceptions
    precedence: Precedence
    just_cause: JustCause
    statements: Statements
    contract_signs: ContractSigns
    # Pieces of patterns used in many cues, written once: ``<<name>>`` in any pattern of either
    # library file stands for ``macros[name]`` (expanded when the files are loaded).
    macros: dict[str, str] = Field(default_factory=dict)

    @field_validator("reasons")
    @classmethod
    def _reason_codes(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for code, patterns in v.items():
            if code not in REASON_CODES:
                raise ValueError(f"unknown reason code {code!r}; known: {', '.join(REASON_CODES)}")
            _check_patterns(patterns)
        return v


class UndertakingsFile(_Strict):
    library: str
    version: str
    undertakings: list[Undertaking]

    @field_validator("undertakings")
    @classmethod
    def _unique(cls, v: list[Undertaking]) -> list[Undertaking]:
        ids = [u.id for u in v]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate undertaking ids: {', '.join(sorted(dup))}")
        return v
