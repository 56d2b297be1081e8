"""Literal prefilters for the library's cue patterns.

Most cue patterns open with a word group and a ``\\b`` (``\\b(shall|will|must)\\s+not\\b ...``), so
Python's ``re`` has no literal prefix to scan for and tries the pattern at every position of every
sentence: on cuad-it this was a quarter of the rules' time. Any match of such a pattern must
contain one of a few plain strings (here "shall", "will" or "must"); testing those with ``in``
first, at C speed, skips the regex on the sentences that cannot match. The answer is the same by
construction: a pattern is only skipped when no string it needs is in the text.

Patterns that ignore case get lower-case strings, tested against the lower-cased text. That is
exact for the letters contracts are written in; ``re.IGNORECASE`` also pairs a few rare characters
that ``str.lower`` does not (the long s "ſ" with "s", the Kelvin sign with "k"), which a contract
would have to spell a cue word with for the prefilter to skip a match.
"""

from __future__ import annotations

import re

try:  # Python 3.11+: the parser lives in re._parser; before that in sre_parse
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
if hasattr(_c, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_c.POSSESSIVE_REPEAT)


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` contains at least one (lower-cased where the
    pattern ignores case), or None where it has no such set (it can match without a fixed string)."""
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unusual construct: no prefilter rather than a wrong one
        return None
    fold = ignores_case(pattern)
    found = _needs(tree, fold)
    if not found:
        return None
    return tuple(sorted({x.lower() for x in found} if fold else found))


# (a plain int: ``int & re.IGNORECASE`` goes through the enum's slow __and__, a third of a second
# over cuad-it)
IGNORECASE = int(re.IGNORECASE)
_CACHE: dict[re.Pattern[str], tuple[tuple[str, ...] | None, bool]] = {}


def ignores_case(pattern: re.Pattern[str]) -> bool:
    return bool(pattern.flags & IGNORECASE)


def could_match(pattern: re.Pattern[str], text: str, low: str | None = None) -> bool:
    """False only where ``pattern`` cannot match ``text``: none of the strings it needs is there.
    ``low`` is ``text`` lower-cased, where the caller has it."""
    try:
        needs, fold = _CACHE[pattern]
    except KeyError:
        needs, fold = _CACHE[pattern] = (required_literals(pattern), ignores_case(pattern))
    if needs is None:
        return True
    hay = (text.lower() if low is None else low) if fold else text
    for lit in needs:  # noqa: SIM110 - a plain loop: any() over a generator costs more than the test
        if lit in hay:
            return True
    return False


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective set: its shortest string longest, then the fewest strings."""
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(len(x) for x in s), -len(s)))


def _needs(seq, fold: bool = False) -> frozenset[str] | None:
    """A set of strings one of which any match of the sequence ``seq`` contains."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in seq:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        sub: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            if add_flags & _c.SRE_FLAG_IGNORECASE and not fold:
                continue  # case ignored inside only: its strings would need lower-casing alone
            sub = _needs(body, fold)
        elif op is _c.BRANCH:
            alternatives = [_needs(alt, fold) for alt in av[1]]
            if all(a is not None for a in alternatives):
                sub = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in _REPEATS:
            low, _high, body = av
            if low >= 1:
                sub = _needs(body, fold)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            sub = _needs(av, fold)
        # AT (\b, ^), IN ([...], \s, \w), ANY, NOT_LITERAL, look-arounds and group references
        # need no fixed string: they end a run of literals and add nothing.
        if sub:
            candidates.append(sub)
    flush()
    return _best(candidates)
