"""Unicode normalization of what the readers extracted, so that text written to look like one
thing to a person and another to a program is judged as the person reads it.

Three steps, each counted (the report says how many characters each changed):

1. **Invisible characters removed**: zero-width spaces and joiners, soft hyphens, direction
   marks and overrides (which can reorder what is shown), the byte-order mark, tag characters and
   variation selectors. "may sus\u200bpend" is "may suspend".
2. **Compatibility forms** read as their plain form (Unicode NFKC): full-width Latin letters,
   ligatures, mathematical letters, Kangxi radicals and compatibility ideographs ("⽤户" is
   "用户"). Chinese full-width punctuation and digits, the ideographic space, circled numbers
   and superscripts are left as written: they are ordinary in contracts, the clause patterns
   expect them, and NFKC would change their meaning (① is a list marker, not "1").
3. **Look-alike letters** from the Cyrillic and Greek alphabets inside a Latin word ("mаy" with
   a Cyrillic а) are read as the Latin letters they imitate, using the Unicode confusables data
   (``confusable-homoglyphs``). Only words that mix alphabets are touched (and, in a document
   that is not itself Cyrillic or Greek, words made only of look-alikes), so Greek in a formula
   or a Russian name is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f\U000e0100-\U000e01ef]")
# Characters NFKC may change, less those kept as written (see the module docstring): ASCII, CJK
# ideographs, Chinese punctuation and full-width punctuation/digits, general punctuation,
# circled numbers, super- and subscripts, Latin-1 letters (which NFKC leaves alone anyway).
_NFKC_CANDIDATE = re.compile(
    "[^\x00-\x7f\u00c0-\u00ff\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff01-\uff20\uff3b-\uff40"
    "\uff5b-\uff65\uffe0-\uffef\u2010-\u205e\u2460-\u24ff\u00b2\u00b3\u00b9\u2070-\u209f\u00a0-\u00bf]")
# Greek and Cyrillic *letters* (not U+037E, the Greek question mark, which some PDFs emit for every
# semicolon and NFC turns into one).
_FOREIGN_LOOKALIKE = re.compile(
    "[\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f\u0386\u0388-\u03ff\u0400-\u04ff\u0500-\u052f"
    "\u1d00-\u1d7f\ua640-\ua69f]")
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass
class NormalizeStats:
    invisible: int = 0
    compatibility: int = 0
    lookalike: int = 0

    @property
    def total(self) -> int:
        return self.invisible + self.compatibility + self.lookalike

    def message(self) -> str:
        parts = []
        if self.invisible:
            parts.append(f"{self.invisible:,} invisible character{'s' if self.invisible != 1 else ''} "
                         "(zero-width spaces, soft hyphens, direction marks) removed")
        if self.lookalike:
            parts.append(f"{self.lookalike:,} look-alike letter{'s' if self.lookalike != 1 else ''} from the "
                         "Cyrillic or Greek alphabet inside Latin words read as the Latin letter "
                         f"{'they imitate' if self.lookalike != 1 else 'it imitates'}")
        if self.compatibility:
            parts.append(f"{self.compatibility:,} compatibility form{'s' if self.compatibility != 1 else ''} "
                         "(full-width letters, ligatures, radicals) read as plain characters")
        return (f"{self.total:,} characters were normalized before judging: " + "; ".join(parts)
                + ". Text written this way looks ordinary but hides words from a search; quotes show the "
                  "normalized text.")


@lru_cache(maxsize=1)
def _lookalike_table() -> dict[str, str]:
    """Cyrillic/Greek letter -> the ASCII letter it is confusable with (Unicode confusables)."""
    from confusable_homoglyphs import confusables  # loads its JSON: only when a document needs it

    table: dict[str, str] = {}
    for ch, entries in confusables.confusables_data.items():
        if len(ch) != 1 or not _FOREIGN_LOOKALIKE.match(ch):
            continue
        for h in entries:
            c = h.get("c", "")
            if len(c) == 1 and c.isascii() and c.isalpha():
                table[ch] = c
                break
    return table


def _nfkc_char(m: re.Match, stats: NormalizeStats) -> str:
    ch = m.group()
    if unicodedata.category(ch) == "Mn":
        return ch  # combining marks: handled with the letter they sit on (NFC below)
    out = unicodedata.normalize("NFKC", ch)
    if out != ch:
        stats.compatibility += 1
    return out


def normalize_text(text: str, stats: NormalizeStats, *, foreign_document: bool = False) -> str:
    """Normalize one block of text, adding what changed to ``stats``."""
    if text.isascii():
        return text
    n = len(text)
    text = _INVISIBLE.sub("", text)
    stats.invisible += n - len(text)
    text = unicodedata.normalize("NFC", text)
    if _NFKC_CANDIDATE.search(text):
        text = _NFKC_CANDIDATE.sub(lambda m: _nfkc_char(m, stats), text)
        # A combining mark that did not compose with an ASCII letter (a strike-through overlay on
        # "sole") is decoration that hides the word from a search.
        stripped = re.sub(r"(?<=[A-Za-z])[\u0300-\u036f\u20d0-\u20ff]+", "", text)
        stats.invisible += len(text) - len(stripped)
        text = stripped
    if _FOREIGN_LOOKALIKE.search(text):
        table = _lookalike_table()

        def fix(m: re.Match) -> str:
            word = m.group()
            if not _FOREIGN_LOOKALIKE.search(word):
                return word
            mixed = bool(_ASCII_LETTER.search(word))
            # A word wholly of look-alikes is one only at two letters or more (a lone α is a symbol).
            if not mixed and (foreign_document or len(word) < 2
                              or any(c not in table for c in word if not c.isascii())):
                return word
            out = "".join(table.get(c, c) for c in word)
            stats.lookalike += sum(1 for a, b in zip(word, out, strict=True) if a != b)
            return out

        text = _WORD.sub(fix, text)
    return text


def foreign_script_share(text: str) -> float:
    """Share of letters that are Cyrillic or Greek: above a few percent the document is written in
    that alphabet and its words are not look-alikes."""
    sample = text[:200_000]
    if not _FOREIGN_LOOKALIKE.search(sample):
        return 0.0
    from clausecheck.read.language import script_counts

    counts = script_counts(sample)
    total = sum(counts.values())
    return (counts["cyrillic"] + counts["greek"]) / total if total else 0.0
