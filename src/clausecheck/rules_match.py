"""Matching the library's compiled cue patterns against a clause's words: the small text helpers the
rule reading (``clausecheck.rules_reader`` and its parts ``rules_parties`` and ``rules_grounds``)
shares."""

from __future__ import annotations

import re

from clausecheck.library import CompiledCues
from clausecheck.prefilter import IGNORECASE, could_match
from clausecheck.segment import Sentence


def first_match(patterns, text: str) -> re.Match[str] | None:
    low: str | None = None
    for p in patterns:
        if low is None and p.flags & IGNORECASE:
            low = text.lower()
        if not could_match(p, text, low):
            continue
        m = p.search(text)
        if m:
            return m
    return None


def first_match_where(patterns, text: str, keep) -> re.Match[str] | None:
    """``first_match``, passing over the matches ``keep`` refuses (the pattern's next match, then the
    next pattern's)."""
    low = text.lower()
    return next((m for p in patterns if could_match(p, text, low) for m in p.finditer(text) if keep(m)), None)


# The number of an item in a list: (a), (ii), (A), a), i., （一）, (1), （1）.
LIST_ITEM = re.compile(r"^\(?([a-z]{1,2}|[ivxl]{1,5}|[A-Z])[).]?$|^[(（]([一二三四五六七八九十]{1,3}|\d{1,2})[)）]$")


# A section number with at least one dot ("2.1", "12.3.4"): in a list of sections, each one counts.
DOTTED_NUMBER = re.compile(r"\b\d+(?:\.\d+)+\b")


def listed_sections(named: set[str], phrase: str, list_words: re.Pattern[str] | None) -> set[str]:
    """The sections a phrase names: those its references name (``named``) and, where it names
    several at once (``list_words``: "Sections 2.1, 3.3 and 3.2"), every dotted number in it."""
    if named and list_words is not None and list_words.search(phrase):
        return named | set(DOTTED_NUMBER.findall(phrase))
    return named


def is_list_head(s: Sentence) -> bool:
    return s.text.rstrip().endswith((":", "："))


def strip_all(patterns, text: str) -> str:
    low: str | None = None
    for p in patterns:
        if low is None and p.flags & IGNORECASE:
            low = text.lower()
        if not could_match(p, text, low):
            continue
        stripped = p.sub(" ", text)
        if stripped != text:
            text, low = stripped, None
    return text


def split_exception(cues: CompiledCues, text: str) -> tuple[str, str, re.Match[str] | None]:
    """A sentence's main part (the promise) and its exception, with the marker's match. An exception
    runs to the sentence's end, unless its marker encloses it (除……外) or a new duty is joined after it
    (", and shall not ..."): then the rest is main."""
    exc = first_match(cues.exception_markers, text)
    if exc is None:
        return text, "", None
    if cues.exception_enclosed is not None and cues.exception_enclosed.search(exc.group(0)):
        return text[:exc.start()] + text[exc.end():], exc.group(0), exc
    end = cues.exception_ends.search(text, exc.end()) if cues.exception_ends is not None else None
    if end is not None:
        return text[:exc.start()] + text[end.start():], text[exc.start():end.start()], exc
    return text[:exc.start()], text[exc.start():], exc


def iter_matches(patterns, text: str):
    low = text.lower()
    ms = [m for p in patterns if could_match(p, text, low) for m in p.finditer(text)]
    return sorted(ms, key=lambda m: m.start())


def earliest(patterns, text: str) -> re.Match[str] | None:
    """The match that starts first, whichever pattern finds it (``first_match`` takes the first pattern
    that matches anywhere)."""
    low = text.lower()
    return min((m for p in patterns if could_match(p, text, low) for m in [p.search(text)] if m),
               key=lambda m: m.start(), default=None)
