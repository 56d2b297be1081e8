"""The report a user reads: one finding per undertaking per document.

These models are the JSON contract (schema ``clausecheck.report/2``); other tools read it, so
field names only ever get added, never renamed. ``/2`` added ``warnings`` to each document.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "clausecheck.report/2"


class Status(str, Enum):
    COMPLIANT = "compliant"
    WEAKENED = "weakened"
    MISSING = "missing"


class ReasonCode(str, Enum):
    QUALIFIED_EFFORT = "qualified-effort"
    PERMISSIVE_MODAL = "permissive-modal"
    CARVE_OUT = "carve-out"
    CONDITIONAL = "conditional"
    NARROWED_SCOPE = "narrowed-scope"
    UNILATERAL_DISCRETION = "unilateral-discretion"
    NON_BINDING = "non-binding"
    OVERRIDDEN = "overridden"
    TIME_LIMITED = "time-limited"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, use_enum_values=True)


EvidenceRole = Literal["commitment", "take-back", "definition", "related"]


class ReadingNote(_Frozen):
    """How a quoted clause was read (``clausecheck.reading``): whose statement it is, what sort,
    by what (``rules``, ``model``, ``rules+model``), how sure, and why, in a sentence."""

    party: str | None = None  # supplier / customer / both / third-party / none
    kind: str | None = None  # obligation / prohibition / right / warranty / disclaimer / ...
    source: str = "rules"
    probability: float | None = None  # the trained reader's probability of this role, where it read it
    why: str = ""


class Evidence(_Frozen):
    text: str
    page: int | None = None
    section: str | None = None
    role: EvidenceRole = "commitment"
    reading: ReadingNote | None = None


class Reason(_Frozen):
    code: str
    trigger: str = ""
    explanation: str = ""


class Edit(_Frozen):
    """The smallest change to the document that fixes a finding.

    ``delete``: strike ``old`` inside ``anchor``; ``replace``: ``old`` becomes ``new`` inside
    ``anchor``; ``insert``: add ``new`` as a clause of its own, after ``anchor`` when given (the
    clause where such undertakings live), else before the signature block.
    """

    kind: Literal["delete", "replace", "insert"]
    anchor: str | None = None
    old: str = ""
    new: str = ""
    language: str = "en"
    reason: str = ""
    # The clause the edit changes, as the contract numbers it ("18.2", "3.6"); for an insert, the
    # clause it goes after. Shown to the reader ("§18.2: replace ..."); the redline finds text, not numbers.
    section: str | None = None
    # What the edited text is to the finding: the commitment itself, the clause that takes it back,
    # or a new clause.
    target: Literal["commitment", "take-back", "new"] = "commitment"
    # Precedence words at the start of ``new`` ("Notwithstanding clause 3.6, "), naming ``overrides``.
    # The redline drops them when another change strikes every clause they name.
    lead: str = ""
    overrides: tuple[str, ...] = ()


# The ways to fix a finding. ``minimal-edit``: strike or swap the words that narrow the commitment;
# ``replace-clause``: the commitment is replaced by the library's wording; ``amend-take-back``: the
# clause that takes the commitment back is struck or made subject to it; ``precedence``: the
# commitment is made to prevail over the clauses that take it back; ``insert-clause``: a new
# numbered clause.
ActionKind = Literal["minimal-edit", "replace-clause", "amend-take-back", "precedence", "insert-clause"]


class Action(_Frozen):
    """One way to fix a finding: its edits (what a redline applies) and the wording that results
    (each changed or new clause as it would read, one per line; empty for a struck clause)."""

    kind: ActionKind
    edits: tuple[Edit, ...] = ()
    text: str = ""


class Suggestion(_Frozen):
    language: str
    # The library's wording of the undertaking, in the contract's terms (the full rewrite).
    text: str
    # The recommended action's edits: what ``clausecheck fix`` applies.
    edits: tuple[Edit, ...] = ()
    recommended: Action | None = None
    alternative: Action | None = None


class Finding(_Frozen):
    requirement: str
    status: Status
    confidence: float = Field(ge=0.0, le=1.0)
    needs_review: bool = False
    evidence: tuple[Evidence, ...] = ()
    reasons: tuple[Reason, ...] = ()
    suggestion: Suggestion | None = None
    # Where the document has no commitment but something permits the prohibited conduct, the
    # verdict stays missing and this points at it (labeling guide, "Take-backs", last bullet).
    related: tuple[Evidence, ...] = ()


class DocumentError(_Frozen):
    code: str
    message: str


class DocumentWarning(_Frozen):
    """Something the reader of the report should know about a document that was still reported:
    what the reader could not read or changed (``pages-without-text``, ``pages-damaged``,
    ``garbled-text``, ``hidden-text-excluded``, ``characters-normalized``,
    ``converted-traditional-chinese``), or that it does not look like a contract
    (``not-a-contract``: no parties and no numbered clauses). ``pages`` are 1-based; ``count`` is
    characters (or paragraphs, for the conversion) where that is useful."""

    code: str
    message: str
    pages: tuple[int, ...] = ()
    count: int | None = None


class DocumentReport(_Frozen):
    file: str
    language: str | None = None
    pages: int | None = None
    supplier_term: str | None = None
    error: DocumentError | None = None
    findings: tuple[Finding, ...] = ()
    # Batch fields (issue 11), all optional so a single-document report reads as before.
    warnings: tuple[DocumentWarning, ...] = ()
    # A file a folder walk found but clausecheck does not read (``unsupported-type``, a hidden
    # file): listed so that nothing is dropped silently, and not an error (exit code unaffected).
    skipped: DocumentError | None = None
    sha256: str | None = None  # of the file's bytes: the --resume key, with the file name
    text_sha256: str | None = None  # of the normalized text: finds the same contract twice
    # The same contract under another name (same text, or the same file in another format next to
    # it): judged once, under the first name in input order; this entry points there.
    duplicate_of: str | None = None
    duplicates: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    def finding(self, requirement: str) -> Finding | None:
        return next((f for f in self.findings if f.requirement == requirement), None)


class Report(_Frozen):
    schema_: str = Field(default=SCHEMA, alias="schema")
    documents: tuple[DocumentReport, ...] = ()

    model_config = ConfigDict(frozen=True, populate_by_name=True, use_enum_values=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)
