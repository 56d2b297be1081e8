"""How sure a verdict says it is: the confidence the report shows and the review flag follow from the
readings the verdict rests on (clausecheck.verdict), whatever produced them."""

from __future__ import annotations

import pytest

from clausecheck.findings import Status
from clausecheck.reading import Role, Source, UndertakingReading
from clausecheck.verdict import COMPLIANT_READING, REVIEW_BELOW, _confidence


def _reading(pc: float, source: Source = Source.BOTH, **kw) -> UndertakingReading:
    return UndertakingReading(undertaking="no-illegal-data-acquisition", role=Role.COMMITMENT, confidence=pc,
                              topic_score=pc, source=source, model_agrees=pc >= 0.5, model_status_agrees=True, **kw)


@pytest.mark.parametrize("pc", [0.55, 0.7, COMPLIANT_READING - 0.01])
def test_a_compliant_resting_on_a_weak_reading_goes_to_review(pc):
    """The reader only half believes the clause is a commitment: "compliant" must not pass silently."""
    assert _confidence(_reading(pc), Status.COMPLIANT) < REVIEW_BELOW


@pytest.mark.parametrize("pc", [COMPLIANT_READING, 0.95])
def test_a_compliant_resting_on_a_sure_reading_is_not_flagged(pc):
    assert _confidence(_reading(pc), Status.COMPLIANT) >= REVIEW_BELOW


def test_weakened_and_rules_only_verdicts_keep_their_confidence():
    """The cap is about passing a clause: a weakened verdict on the same reading is not capped by it,
    and the rules alone (no reader) keep their fixed prior."""
    assert _confidence(_reading(0.6), Status.WEAKENED) >= REVIEW_BELOW
    assert _confidence(_reading(0.8, source=Source.RULES), Status.COMPLIANT) >= REVIEW_BELOW
    assert _confidence(_reading(0.95, unread=True), Status.COMPLIANT) < REVIEW_BELOW
