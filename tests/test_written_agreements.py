"""What independently written IT agreements showed (session 10's development set,
``training/labels/devdocs2``), through the real CLI, with the reader and with the rules alone.
Every clause here was written for this test.

- "Information security" is no user data: a long clause on keeping an information security
  system that also promises review cooperation is that commitment for the rules. (The reader
  reads a long clause through a window of about 300 characters from its first topic word; setting
  the window on the undertaking the rules read instead cost a held-out verdict, so such a clause
  can still be vetoed by the reader: ``MODEL_CARD.md``.)
- Where the window cut off the clause's start and the rules read it as the customer's ("The
  Customer is solely responsible for ... a cybersecurity review"), the reader does not overrule
  them: it did not see whose duty it is.
- A right the reader alone finds must name the undertaking's subject or one of the library's
  take-back wordings: raising prices or amending documents is no stop of supply.
- "Customer Content" is the customer's data (cloud terms call it so); "shall not seek to obtain"
  forbids even the attempt, it is no wish; a promise to keep providing during a dispute with words
  between 继续 and 提供 is still the dispute convention (narrowed to disputes)."""

from __future__ import annotations

import pytest

from test_conventions import HEAD_ZH3, _judged, _reads

HEAD = ('IT SERVICES AGREEMENT\n\nThis Agreement is made between Marlow Regional Water Authority (the "Customer") '
        'and Tessellate Systems, Inc. (the "Provider").\n\n1. Services\n1.1 The Provider shall provide the '
        'Services described in Schedule 1.\n\n')

REVIEW = "review-cooperation"
DATA = "no-illegal-data-acquisition"
SUPPLY = "no-unjustified-supply-interruption"

RULES_CASES = [
    ("long-review-clause", REVIEW,
     "7.4 The Provider shall keep its information security management system certified against a recognised "
     "standard for all of its hosting and support operations, shall tell the Customer within one business day "
     "of any critical vulnerability that it discovers in the Products, and shall cooperate with any "
     "cybersecurity review of the Products or the Services, furnishing without charge the documents, "
     "explanations and access that the reviewing authority asks for.", "compliant", set()),
]

CASES = [
    ("information-security-is-no-data", DATA,
     "7.4 The Provider shall keep its information security management system certified against a recognised "
     "standard and shall give the Customer's auditors access to its certificates free of charge on request.",
     "missing", set()),
    # (the reader's window starts at "its procurement ...": it does not see "The Customer")
    ("customer-responsible", REVIEW,
     "2.4 The Customer, acting through its chief compliance officer and its legal department and at its own "
     "expense in every case, is solely responsible for deciding on its own account whether its procurement of "
     "the Services under this Agreement makes it subject to a cybersecurity review, and for preparing and "
     "filing every application, declaration and supporting document that such a review requires of it.",
     "missing", set()),
    ("price-rise-is-no-take-back", SUPPLY,
     "1.2 The Provider shall not suspend or interrupt the Services without just cause.\n"
     "8.3 The Provider may increase the Support Charges once a year, with effect from an anniversary of "
     "acceptance, by giving ninety (90) days' written notice, provided that no increase exceeds three per cent "
     "of the charges for the year before.\n8.4 The Provider may amend the Documentation on thirty (30) "
     "days' notice to the Customer.", "compliant", set()),
    ("customer-content", DATA,
     "3.1 The Provider will not access or use Customer Content except as needed to run and support the "
     "Services or as required by the law of any country.", "weakened", {"carve-out"}),
    ("not-seek-to-obtain", DATA,
     "3.1 The Provider shall not seek to obtain any Customer Data from anyone but the Customer, and shall not "
     "use Customer Data for any purpose other than providing the Services.", "compliant", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), CASES, ids=[c[0] for c in CASES])
def test_written_agreement_wording(tmp_path, flags, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD + clause + "\n", *flags, requirement=requirement), status, reasons)


@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), RULES_CASES,
                         ids=[c[0] for c in RULES_CASES])
def test_written_agreement_wording_by_the_rules(tmp_path, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD + clause + "\n", "--no-model", requirement=requirement), status, reasons)


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_keeping_on_during_a_dispute_in_chinese_with_words_between(tmp_path, flags):
    clause = "8.2 争议解决期间，乙方应当继续按本合同的约定提供运维服务，不得以存在争议为由中断运维服务。\n"
    _reads(_judged(tmp_path, HEAD_ZH3 + clause, *flags, requirement=SUPPLY), "weakened", {"narrowed-scope"})
