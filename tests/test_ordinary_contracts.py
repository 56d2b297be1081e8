"""What ordinary commercial contracts say near the undertakings, through the real CLI, with the
reader and with the rules alone. Every clause here was written for this test, in the manner of the
supply, servicing and co-branding agreements of the real development set (``documents/dev2``).

- A term clause, a survival clause, an assignment clause and a force majeure clause promise no
  continued supply, whoever reads them.
- A right to end the agreement only for good cause is a promise not to end it without one; so is a
  provider that cannot leave before a successor takes over (narrowed, both).
- "To the best of its knowledge ... no virus" covers only what the supplier knows of.
- "Data storage devices", a business's books and records and "policies, systems and controls" name
  neither user data nor anyone's equipment."""

from __future__ import annotations

import pytest

from test_conventions import _judged, _reads

HEAD = ('SERVICES AND SUPPLY AGREEMENT\n\nThis Agreement is made between Harbour Logistics Ltd. (the "Customer") '
        'and Kestrel Systems, Inc. (the "Provider").\n\n1. Services\n1.1 The Provider shall provide the Services '
        'and supply the Products described in Schedule 1.\n\n')

SUPPLY = "no-unjustified-supply-interruption"
DATA = "no-illegal-data-acquisition"
DEVICE = "no-illegal-device-control"

CASES = [
    # Boilerplate that keeps something going, or excuses it, is no promise of continued supply.
    ("term", SUPPLY, "9.1 This Agreement commences on the Effective Date and shall continue for an initial term of "
     "two (2) years and thereafter from year to year until either party gives ninety (90) days' written notice.",
     "missing", set()),
    ("survival", SUPPLY, "9.2 The Provider's obligations under Section 6 (Confidentiality) shall continue after the "
     "termination of this Agreement.", "missing", set()),
    ("assignment", SUPPLY, "12.1 No assignment of this Agreement shall release the assigning party from its duties "
     "and obligations under it.", "missing", set()),
    ("force-majeure", SUPPLY, "14.1 FORCE MAJEURE An event beyond the reasonable control of a party shall not excuse "
     "that party's performance of its obligations but shall suspend such performance while the event lasts.",
     "missing", set()),
    # Ending the agreement only for good cause, or not before a successor takes over.
    ("good-cause", SUPPLY, "9.3 Either party may terminate this Agreement only for good cause.",
     "weakened", {"narrowed-scope"}),
    ("good-cause-customer", SUPPLY, "9.3 The Customer may terminate this Agreement only for good cause.",
     "missing", set()),
    ("successor", SUPPLY, "9.4 No resignation or removal of the Provider shall take effect until a successor "
     "provider has been appointed and has accepted the appointment.", "weakened", {"narrowed-scope"}),
    # What the supplier knows of.
    ("knowledge", DEVICE, "7.1 To the best of its knowledge, the Software does not and will not contain any virus or "
     "other code designed to disable the Customer's systems.", "weakened", {"narrowed-scope"}),
    # Words named after data or systems that are neither.
    ("storage-devices", DATA, "6.3 The Provider shall not copy the Customer's confidential material onto data "
     "storage devices other than its own.", "missing", set()),
    ("books", DATA, "5.2 The Provider shall not have access to any of the Customer's books and records that do not "
     "relate to the Products.", "missing", set()),
    ("controls", DEVICE, "15.1 Each party has in place policies, systems and controls designed to prevent bribery "
     "by its personnel, and shall maintain them throughout the term.", "missing", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), CASES, ids=[c[0] for c in CASES])
def test_ordinary_contract_wording(tmp_path, flags, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD + clause + "\n", *flags, requirement=requirement), status, reasons)
