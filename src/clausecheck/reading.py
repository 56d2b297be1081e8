"""A reading of one clause: who it binds, what sort of statement it is, and what it says about each
undertaking — the typed, explained record every verdict is computed from.

The labeling guide decides verdicts from exactly these facts: only a duty or restriction *of the
supplier* can be the commitment; a right of the supplier to do what an undertaking forbids is a
take-back (or, with just cause, nothing); disclaimers, definitions and recitals commit to nothing;
hedges in the commitment's own words weaken it. A reading records each fact with where it came
from (the rules in ``clause_library/``, the trained reader in ``models/``, or both) and why, so a
lawyer can follow a verdict back to the words that carry it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

from clausecheck.segment import Sentence


class Party(str, Enum):
    """Whose statement it is: the bearer of the duty, right, warranty or disclaimer."""

    SUPPLIER = "supplier"
    CUSTOMER = "customer"
    BOTH = "both"
    THIRD_PARTY = "third-party"
    NONE = "none"


class Kind(str, Enum):
    OBLIGATION = "obligation"  # a duty to act
    PROHIBITION = "prohibition"  # a duty to refrain
    RIGHT = "right"  # a permission, right or discretion
    WARRANTY = "warranty"  # a representation or guarantee about a state of affairs
    DISCLAIMER = "disclaimer"  # disclaimer, exclusion or limitation of liability/warranty/indemnity
    ACKNOWLEDGMENT = "acknowledgment"  # acknowledgment, recital, statement of intent or policy
    DEFINITION = "definition"
    EXCEPTION = "exception"  # an exception to another duty (confidentiality exceptions ...)
    OTHER = "other"

    @property
    def binds(self) -> bool:
        """Statements that can carry a commitment."""
        return self in (Kind.OBLIGATION, Kind.PROHIBITION, Kind.WARRANTY)


class Role(str, Enum):
    """What a clause is to one undertaking."""

    COMMITMENT = "commitment"  # the supplier addresses it (compliant, or weakened by its own words)
    TAKE_BACK = "take-back"  # the supplier may do what it forbids, on grounds that are not just cause
    RELATED = "related"  # on its subject, but neither (a just-cause right, an SLA, a customer duty ...)
    NONE = "none"


class Source(str, Enum):
    RULES = "rules"  # cue patterns in clause_library/
    MODEL = "model"  # the trained reader in models/
    BOTH = "rules+model"  # the two agree


@dataclass(frozen=True)
class Qualifier:
    """Words that narrow a commitment: one of the guide's reason codes."""

    code: str
    trigger: str = ""  # the words in the clause; empty where only the model saw it
    source: Source = Source.RULES
    probability: float | None = None


@dataclass(frozen=True)
class Ground:
    """Why a right of the supplier may be used, and whether that is just cause under the guide."""

    text: str
    just_cause: bool
    source: Source = Source.RULES


@dataclass(frozen=True)
class Unit:
    """One sentence, or a sentence read together with the one it leans on or qualifies."""

    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        sep = "" if all(s.language == "zh" for s in self.sentences) else " "
        return sep.join(s.text for s in self.sentences)

    @property
    def first(self) -> Sentence:
        return self.sentences[0]

    @property
    def last(self) -> Sentence:
        return self.sentences[-1]

    @property
    def language(self) -> str:
        return self.last.language

    @property
    def indices(self) -> frozenset[int]:
        return frozenset(s.index for s in self.sentences)


@dataclass(frozen=True)
class UndertakingReading:
    """What one clause is to one undertaking, and the words that say so."""

    undertaking: str
    role: Role
    confidence: float  # that the role is right (rules alone: a fixed prior; with the model: its probability)
    qualifiers: tuple[Qualifier, ...] = ()
    ground: Ground | None = None  # for a right of the supplier to do what the undertaking forbids
    prevails: bool = False  # "notwithstanding anything else", 优先适用
    # the sections its "notwithstanding" names ("Notwithstanding Section 8, ..."): it prevails over
    # those only; none named, over everything
    prevails_over: frozenset[str] = frozenset()
    definition: Sentence | None = None  # a definition elsewhere that narrows the commitment's terms
    topic_score: float = 0.5  # how clearly it is about the undertaking (encoder similarity)
    source: Source = Source.RULES
    why: str = ""
    # The trained reader's view where it read the clause too: does it see the same role on this
    # undertaking, and the same status? (None: no model, or not asked.) Disagreement sends the
    # finding to a reviewer.
    model_agrees: bool | None = None
    model_status_agrees: bool | None = None
    # The reader was there but did not read this clause (over its budget): the rules' word alone.
    unread: bool = False
    # Sections a right is made subject to ("Subject to clause 9.1, ..."): it takes back no
    # commitment those sections make.
    subordinate_to: tuple[str, ...] = ()
    # Whose statement and what sort, as read (for the report's explanation).
    party: str | None = None
    kind: str | None = None
    # A commitment by one of the guide's conventions for real contracts (its id in the library):
    # the rules' reading stands whatever the reader says, unless the reader reads the customer.
    convention: str | None = None
    # A right stated before any duty of its sentence ("X may terminate ... on notice, but in such
    # case X will cooperate ..."): the sentence is that right first, so it takes back a commitment
    # read in the same sentence (one stated after a duty, "shall not suspend, except that it may
    # ...", is that duty's exception instead).
    leads: bool = False
    # A right that starts only when a period ends ("after the five-year period", 期限届满后): it takes
    # back no commitment limited in time (its limit already says so).
    after_period: bool = False

    @property
    def reasons(self) -> dict[str, str]:
        """Reason code -> trigger words (first trigger per code)."""
        out: dict[str, str] = {}
        for q in self.qualifiers:
            out.setdefault(q.code, q.trigger)
        return out

    @property
    def weakened(self) -> bool:
        return bool(self.qualifiers)

    @property
    def by_model(self) -> bool:
        return self.source == Source.MODEL


@dataclass(frozen=True)
class ClauseReading:
    """One clause as the judge reads it."""

    unit: Unit
    party: Party
    kind: Kind
    undertakings: Mapping[str, UndertakingReading] = field(default_factory=lambda: MappingProxyType({}))
    party_confidence: float = 0.5
    kind_confidence: float = 0.5
    source: Source = Source.RULES
    notes: tuple[str, ...] = ()  # why party and kind were read as they were

    def about(self, undertaking: str) -> UndertakingReading | None:
        return self.undertakings.get(undertaking)

    @property
    def binds_supplier(self) -> bool:
        return self.party in (Party.SUPPLIER, Party.BOTH)


EXPLANATIONS: dict[str, tuple[str, str]] = {
    "qualified-effort": ("The supplier promises only efforts, not a result.", "供应商仅承诺尽力而为，而非保证结果。"),
    "permissive-modal": ("The wording permits or expresses an intention; it does not oblige.", "措辞仅为允许或意愿，并未设定义务。"),
    "carve-out": ("An exception lets the supplier do the prohibited thing for reasons that are not just cause.",
                  "但书允许供应商基于非正当理由实施被禁止的行为。"),
    "conditional": ("The commitment depends on a condition the operator must satisfy first, or limits the operator's right.",
                    "该承诺附有须由运营者先行满足的条件，或限制了运营者的权利。"),
    "narrowed-scope": ("Only part of what the Measures require is covered.", "仅覆盖《办法》要求的部分内容。"),
    "unilateral-discretion": ("The supplier keeps a free hand to decide.", "供应商保留单方面决定的权利。"),
    "non-binding": ("An acknowledgment or statement of policy, not an obligation.", "仅为知悉、声明或政策表述，并非义务。"),
    "overridden": ("Another clause of the document takes the commitment back.", "本合同其他条款实质上收回了该承诺。"),
    "time-limited": ("The commitment lapses before the supply relationship ends.", "该承诺在供应关系结束前即失效。"),
}


def explain(code: str, lang: str, *, by_model: bool = False) -> str:
    en, zh = EXPLANATIONS[code]
    if by_model:
        en += " (read by the trained model; please confirm)"
        zh += "（由训练模型判断，请复核）"
    return zh if lang == "zh" else en
