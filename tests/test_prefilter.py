"""The literal prefilter (``clausecheck.prefilter``) skips a cue pattern only where it cannot match:
the strings it derives are ones every match contains, and over every cue pattern of the shipped
library and every clause the wording tests were written with, a skipped pattern never matches."""

from __future__ import annotations

import dataclasses
import re

import pytest

from clausecheck.library import AnyOf, load_library
from clausecheck.prefilter import could_match, required_literals


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(shall|will|must)\s+not\b", ("must", "shall", "will")),
    # the longest shortest string wins: "only" is needed, the optional "and use" is not
    (r"\b(access\w*|use)\s+(and\s+use\s+)?only\b", ("only",)),
    (r"\bno\s+(\w+\s+){0,3}(termination|resignation)\b", ("resignation", "termination")),
    # a look-ahead needs nothing; the words after it do
    (r"^(?!.*(不会|不得)).*(保证|承诺|确保)[^。；]{0,60}(不含|没有|无)", ("保证", "承诺", "确保")),
    (r"(仅|只|仅限于?)(为|用于)[^。]{0,4}(用户|客户)(数据|信息)", ("客户", "用户")),
    (r"[ab]cd", ("cd",)),
    # case ignored: strings lower-cased, to be looked for in lower-cased text
    (r"(?i)Customer\s+Data", ("customer",)),
    # case ignored in one group only: that group gives no string
    (r"x(?i:Abc)", ("x",)),
    # nothing any match must contain
    (r"a?b*", None),
    (r"(ab|)c?", None),
    (r"\d+\.\d+", (".",)),
    (r"\d+\s\w+", None),
])
def test_required_literals(pattern, expected):
    assert required_literals(re.compile(pattern)) == expected


def test_could_match_tests_the_lower_cased_text_where_case_is_ignored():
    p = re.compile(r"\bshall\s+not\b", re.IGNORECASE)
    assert could_match(p, "The Supplier SHALL NOT suspend")
    assert not could_match(p, "The Supplier may suspend")
    strict = re.compile(r"\bshall\s+not\b")
    assert not could_match(strict, "The Supplier SHALL NOT suspend")


def _library_patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern the shipped library's cues and undertakings hold."""
    found: dict[int, re.Pattern[str]] = {}

    def walk(obj, depth=0):
        if depth > 6:
            return
        if isinstance(obj, re.Pattern):
            found[id(obj)] = obj
        elif isinstance(obj, AnyOf):
            for p in obj.patterns:
                found[id(p)] = p
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name), depth + 1)
        elif isinstance(obj, dict):
            for v in obj.values():
                walk(v, depth + 1)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                walk(v, depth + 1)

    walk(load_library().compiled)
    return list(found.values())


def _wording_clauses() -> list[str]:
    """The clauses of the wording tests (written for them), whole and in sentences, as written and
    lower-cased."""
    import importlib

    texts: list[str] = []
    for mod in ("test_session13_wording", "test_session14_wording", "test_session15_wording",
                "test_session16_wording"):
        m = importlib.import_module(mod)
        for case in m.CASES:
            values = case.values if hasattr(case, "values") else case
            texts += [v for v in values if isinstance(v, str) and len(v) > 20]
    out: list[str] = []
    for t in texts:
        for piece in [t, *re.split(r"(?<=[.;。；])\s*", t)]:
            out += [piece, piece.lower()]
    return out


def test_a_skipped_pattern_never_matches():
    patterns = _library_patterns()
    clauses = _wording_clauses()
    assert len(patterns) > 300 and len(clauses) > 300
    with_strings = [p for p in patterns if required_literals(p) is not None]
    # most cue patterns can be prefiltered: that is where the time went
    assert len(with_strings) > 0.8 * len(patterns)
    skipped = 0
    for p in with_strings:
        for t in clauses:
            if not could_match(p, t):
                skipped += 1
                assert p.search(t) is None, (p.pattern, t)
    assert skipped > 0
