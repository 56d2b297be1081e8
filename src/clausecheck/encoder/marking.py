"""What the reader is told about who is who: the document's own party terms, marked by role.

Contracts name the parties their own way ("Ehave shall not suspend CHT's access"); read alone, a
sentence does not say which of the two supplies the other, and the reader then guesses the bearer
of a duty from role words it cannot see. Before the reader sees a clause, every mention of the
document's supplier terms becomes "Supplier" and every mention of its customer terms "Customer"
(乙方 / 甲方 for Chinese terms): the same marking in training (the labeled party terms of each
mined document, ``training/labels/sentences/parties.jsonl``) and at run time (the terms
``clausecheck.parties`` finds). A document whose parties are not found is read as written.
"""

from __future__ import annotations

import re

from clausecheck.parties import Parties

_CJK = re.compile(r"[\u4e00-\u9fff]")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
ROLE_WORDS = {("supplier", False): "Supplier", ("customer", False): "Customer",
              ("supplier", True): "乙方", ("customer", True): "甲方"}


def mark_parties(text: str, parties: Parties | None) -> str:
    """``text`` with each mention of a party replaced by its role word (one pass, so a document
    that calls its supplier "Customer Co." is marked right)."""
    if parties is None or not (parties.supplier_terms or parties.customer_terms):
        return text
    spans = parties.spans(text)
    if not spans:
        return text
    out, at = [], 0
    for start, end, role in sorted(spans):
        if start < at:  # overlapping mentions: the first wins
            continue
        mention = text[start:end]
        poss = _POSSESSIVE.search(mention)
        out.append(text[at:start])
        out.append(ROLE_WORDS[(role, bool(_CJK.search(mention)))] + (poss.group(0) if poss else ""))
        at = end
    out.append(text[at:])
    return "".join(out)


def parties_from_terms(supplier: list[str] | tuple[str, ...], customer: list[str] | tuple[str, ...]) -> Parties:
    """A ``Parties`` from labeled terms (training): the same matching as at run time."""
    sup, cus = tuple(t for t in supplier if t), tuple(t for t in customer if t)
    return Parties(supplier_terms=sup, customer_terms=cus, supplier_term=sup[0] if sup else None,
                   customer_term=cus[0] if cus else None)
