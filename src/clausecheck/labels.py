"""The label formats for real text (``training/labels/README.md``), validated.

Sentence labels say, for one sentence of a real contract, who it binds (``party``), what sort of
statement it is (``kind``) and what it says about each undertaking (``role``, and for a commitment
its status and reasons). Training reads them; tests and evaluation resolve their references.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

UNDERTAKINGS = ("review-cooperation", "no-illegal-data-acquisition", "no-illegal-device-control",
                "no-unjustified-supply-interruption")
PARTIES = ("supplier", "customer", "both", "third-party", "none")
KINDS = ("obligation", "prohibition", "right", "warranty", "disclaimer", "acknowledgment", "definition",
         "exception", "other")
ROLES = ("commitment", "take-back", "related")
REASONS = ("qualified-effort", "permissive-modal", "carve-out", "conditional", "narrowed-scope",
           "unilateral-discretion", "non-binding", "time-limited")

Party = Literal["supplier", "customer", "both", "third-party", "none"]
Kind = Literal["obligation", "prohibition", "right", "warranty", "disclaimer", "acknowledgment", "definition",
               "exception", "other"]
Role = Literal["commitment", "take-back", "related"]
ReasonCode = Literal["qualified-effort", "permissive-modal", "carve-out", "conditional", "narrowed-scope",
                     "unilateral-discretion", "non-binding", "time-limited"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReasonLabel(_Strict):
    code: ReasonCode
    trigger: tuple[int, int] | None = None  # offsets into the normalised sentence


class UndertakingLabel(_Strict):
    role: Role
    status: Literal["compliant", "weakened"] | None = None
    reasons: tuple[ReasonLabel, ...] = ()
    ground: tuple[int, int] | None = None
    just_cause: bool | None = None

    @model_validator(mode="after")
    def _consistent(self):
        if self.role == "commitment":
            if self.status is None:
                raise ValueError("a commitment needs a status")
            if (self.status == "weakened") != bool(self.reasons):
                raise ValueError("weakened needs reasons, compliant has none")
        elif self.status is not None or self.reasons:
            raise ValueError(f"a {self.role} has no status or reasons")
        return self


class SentenceLabel(_Strict):
    id: str
    file: str | None = None  # a reference (mined real text) ...
    start: int | None = None
    end: int | None = None
    sha: str | None = None
    text: str | None = None  # ... or the text itself (sentences the project wrote)
    language: Literal["en", "zh"] = "en"
    party: Party
    kind: Kind
    undertakings: dict[str, UndertakingLabel] = {}
    labeler: str = ""

    @field_validator("undertakings")
    @classmethod
    def _known(cls, v):
        bad = set(v) - set(UNDERTAKINGS)
        if bad:
            raise ValueError(f"unknown undertaking(s): {sorted(bad)}")
        return v

    @model_validator(mode="after")
    def _has_text(self):
        if self.text is None and None in (self.file, self.start, self.end, self.sha):
            raise ValueError("a label needs either text or a full reference (file, start, end, sha)")
        return self
