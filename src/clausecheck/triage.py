"""Does a document look like a contract at all? A folder of agreements also holds READMEs, notes
and cover letters; judging those gives four confident "missing" verdicts (or, for a README that
quotes the undertakings, four "compliant") that mean nothing.

A document is flagged ``not-a-contract`` when it has no parties (defined party terms, an "entered
into ... between" preamble, 甲方/乙方, a signature block's "IN WITNESS WHEREOF"), no numbered
clauses and no agreement title; or when it is named like documentation (README, LICENSE,
NOTICE ...) and barely uses binding language. Measured on the 510 CUAD contracts, the dev corpus,
the samples and the Common Paper agreements: the only one flagged is a one-paragraph "joint filing
statement" (not an agreement); the corpus README and this project's READMEs are flagged. The cues
are library data (``language.yaml``: ``contract_signs``).

Found in a folder, a flagged document is reported with the warning and not judged; named on the
command line, it is judged anyway (the user asked for it) and carries the warning.
"""

from __future__ import annotations

from clausecheck.document import SourceDocument
from clausecheck.findings import DocumentWarning
from clausecheck.library import ClauseLibrary
from clausecheck.parties import Parties
from clausecheck.segment import Segmented

MIN_NUMBERED_CLAUSES = 2
DOC_NAME_MAX_BINDING = 0.10  # share of sentences with binding language below which a README is one


def not_a_contract(source: SourceDocument, seg: Segmented, parties: Parties, library: ClauseLibrary,
                   name: str) -> DocumentWarning | None:
    """The warning for a document that does not look like a contract; None for one that does."""
    signs = library.contract_signs
    numbered = sum(1 for c in seg.clauses if c.number)
    head = source.text[:20000]
    has_parties = bool(parties.supplier_terms or parties.customer_terms) or bool(signs.preamble.search(head))
    titled = bool(signs.title_word.search(head[:300])) or any(
        len(m.group(0).split()) <= 15 for m in signs.title.finditer(head[:3000]))
    if not has_parties and numbered < MIN_NUMBERED_CLAUSES and not titled:
        return DocumentWarning(
            code="not-a-contract",
            message="This does not look like a contract: no parties, no numbered clauses and no "
                    "agreement title were found.")
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if signs.doc_name.search(stem) and seg.sentences:
        obligation = library.compiled.obligation_low
        binding = sum(1 for s in seg.sentences if obligation is not None and obligation.search(s.text.lower()))
        if binding / len(seg.sentences) < DOC_NAME_MAX_BINDING:
            return DocumentWarning(
                code="not-a-contract",
                message=f"This looks like documentation, not a contract (named like a README or licence, "
                        f"and only {binding} of its {len(seg.sentences)} sentences bind anyone).")
    return None
