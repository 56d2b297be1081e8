"""What session 17's development round showed (``documents/dev12`` and the earlier real splits'
misses), through the real CLI, with the reader and with the rules alone. Every clause here was
written for this test.

- A duty to finish, after termination, the work already accepted is supply that survives
  termination, narrowed to that work, whatever the work is called (orders, project plans,
  statements of work) and whether or not a phrase stands between the modal and the verb ("shall,
  at the Customer's request and notwithstanding the termination, complete ...").
- It stays a permission where it only permits ("may complete"), and work that is still to be
  ordered after termination is no survival of accepted work."""

from __future__ import annotations

import pytest

from test_conventions import _judged, _reads
from test_session13_wording import HEAD

SUPPLY = "no-unjustified-supply-interruption"

CASES = [
    ("project-plans-accepted-before-termination", HEAD, SUPPLY,
     "12.4 Upon any termination or expiry of this Agreement, the Provider shall, at the Customer's written "
     "request and notwithstanding the effective date of the termination, complete every Project Plan that the "
     "Provider accepted before the termination date, and the Customer shall pay for the work so completed.",
     "weakened", {"narrowed-scope", "conditional"}),  # (the guide: "upon written request" is conditional)
    ("statements-of-work-then-in-progress", HEAD, SUPPLY,
     "12.4 Following the expiry or termination of this Agreement for any reason, the Provider will complete all "
     "Statements of Work that are then in progress in accordance with their terms, unless the Customer asks it "
     "to stop.", "weakened", None),  # (status only: "for any reason" is also read as the supplier's discretion)
    ("orders-accepted-before-the-termination-date", HEAD, SUPPLY,
     "12.4 The Provider shall, notwithstanding any notice of termination, fulfil each purchase order it has "
     "accepted prior to the termination date.", "weakened", {"narrowed-scope"}),
    # guards: a permission, and a duty that only concerns the customer's payment
    ("may-complete-is-no-duty", HEAD, SUPPLY,
     "12.4 Upon any termination of this Agreement, the Provider may complete any Statement of Work then in "
     "progress, and the Customer shall pay for that work.", "missing", set()),
    ("the-customer-pays-for-accepted-orders", HEAD, SUPPLY,
     "12.4 Upon any termination of this Agreement, the Customer shall pay for all purchase orders that the "
     "Provider accepted before the termination date.", "missing", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "head", "requirement", "clause", "status", "reasons"), CASES,
                         ids=[c[0] for c in CASES])
def test_session17_wording(tmp_path, flags, name, head, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, head + clause + "\n", *flags, requirement=requirement), status, reasons)
