"""What ordinary commercial contracts say near the undertakings, through the real CLI, with the
reader and with the rules alone. Every clause here was written for this test, in the manner of the
supply, servicing and co-branding agreements of the real development set (``documents/dev2``).

- A term clause, a survival clause (or a list of the sections that survive), an assignment clause and a force majeure clause promise no
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
    # A right denied is a promise: licences that "may not be terminated for any reason" cannot be ended
    # without just cause (narrowed to ending them). A duty to stop, or to keep sending a report, is no
    # promise of continued supply; an end by both parties' agreement takes nothing back.
    ("no-termination", SUPPLY, "9.5 Each party agrees that the licences granted under this Agreement are irrevocable "
     "and may not be terminated for any reason, even for a material breach.", "weakened", {"narrowed-scope"}),
    ("duty-to-stop", SUPPLY, "11.2 Upon receipt of a recall notice, the Provider shall immediately suspend all "
     "shipments of the affected Products.", "missing", set()),
    ("report-continues", SUPPLY, "4.5 The Provider shall continue to provide a weekly report of open purchase orders "
     "until the parties agree that none remain.", "missing", set()),
    ("ended-by-agreement", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products without "
     "just cause.\n9.1 This Agreement may be terminated at any time by written agreement of both parties.",
     "compliant", set()),
    # A right held by someone the contract does not call the supplier (a lender, the customer's parent,
    # named but never defined as a party) takes nothing back; one held by a supplier's role word does.
    ("other-named-holder", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products "
     "without just cause.\n9.1 Calloway may terminate this Agreement for convenience on thirty (30) days' notice.",
     "compliant", set()),
    ("other-named-agent", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products "
     "without just cause.\n9.1 This Agreement may be terminated by Calloway for convenience on thirty (30) days' "
     "notice.", "compliant", set()),
    ("other-named-after-provider", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products "
     "without just cause.\n9.1 If the Provider's licence from its own vendor ends, Calloway may terminate this "
     "Agreement at any time.", "compliant", set()),
    ("other-named-second-modal", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products "
     "without just cause.\n9.1 Following the initial term, Calloway may, without prejudice to any other rights "
     "Calloway may have, in its sole discretion terminate this Agreement.", "compliant", set()),
    ("role-word-holder", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products "
     "without just cause.\n9.1 The Supplier may terminate this Agreement for convenience on thirty (30) days' "
     "notice.", "weakened", {"overridden"}),
    # Two parties named together before the modal bind both; who owns the data is no data commitment.
    ("joint-subject", SUPPLY, "16.5 The Provider and the Customer will continue to provide all Services and honour all "
     "other commitments under this Agreement during the resolution of disputes.", "weakened", {"narrowed-scope"}),
    ("joint-ownership", DATA, "6.5 The Customer and the Provider shall jointly own all customer lists and related "
     "customer data gathered through the Site.", "missing", set()),
    # A passive with an irregular participle binds its agent: "may not be made by the Provider".
    ("passive-made-by", DEVICE, "7.3 Alterations to the Customer's network equipment may not be made by the Provider "
     "without the Customer's written consent.", "weakened", {"narrowed-scope"}),
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
    ("with-respect-to", DEVICE, "15.2 There are no third-party licences with respect to any firmware required to "
     "operate the Equipment.", "missing", set()),
    ("records-kept", SUPPLY, "8.4 The Provider shall maintain books of account and records which support each "
     "invoice for at least three (3) years after the expiration of this Agreement.", "missing", set()),
    ("orders", SUPPLY, "4.2 The Provider will not unreasonably reject any purchase order for the Products.",
     "missing", set()),
    ("confidentiality", DATA, "6.1 The parties shall not use, nor allow their Affiliates to use, any Confidential "
     "Information for any purpose except as this Agreement provides.", "missing", set()),
    ("passive-by", DATA, "6.2 Customer Data shall not be accessed by the Provider except as necessary to perform the "
     "Services.", "compliant", set()),
    ("dispute", SUPPLY, "16.2 When any dispute arises and while it is in arbitration, the parties shall continue to "
     "fulfil their other obligations under this Agreement.", "weakened", {"narrowed-scope"}),
    ("dispute-meet", SUPPLY, "16.3 Throughout any negotiation or arbitration of a disagreement, each party shall "
     "continue to meet its obligations under this Agreement.", "weakened", {"narrowed-scope"}),
    ("dispute-performance", SUPPLY, "16.4 Performance of this Agreement by both parties shall continue during the "
     "resolution of any dispute.", "weakened", {"narrowed-scope"}),
    # A list of what survives termination commits to nothing, whatever its sections are called.
    ("survival-list", DATA, "12.4 Survival. Sections 3 (Fees), 6.2 (No Use of Customer Data for Other Purposes) and "
     "9 (Confidentiality) shall survive any expiration or termination of this Agreement.", "missing", set()),
    ("paragraph-survives", SUPPLY, "10.6 For the avoidance of doubt, the obligations under this paragraph 10 shall "
     "continue notwithstanding the termination of this Agreement.", "missing", set()),
    # The no-malicious-code convention in a content clause. The other party's machinery kept at the
    # supplier's site is custody of plant, not the users' equipment the Measures mean (adjudicated after two
    # independent labelings, session 8).
    ("content-virus", DEVICE, "5.4 The Provider shall not deliver any material that (a) infringes the rights of a "
     "third party, (b) is defamatory, or (c) contains a virus, worm or other harmful code.", "weakened",
     {"narrowed-scope"}),
    ("equipment-use", DEVICE, "5.5 The Provider shall not use the Harbour Equipment at its site for any purpose "
     "other than making the Products for the Customer.", "missing", set()),
    # Following the operator's access policies is no restriction; one set in the same sentence still is.
    ("policies-then-restriction", DEVICE, "5.6 The Provider shall comply with the Customer's security policies and "
     "shall not access the Customer's systems without the Customer's authorization.", "weakened", {"narrowed-scope"}),
    # A mutual limit on the use of personal or end-user data to the agreement's purposes is the data
    # undertaking (the guide), though the reader under-reads it where it binds "each party".
    ("mutual-personal-data", DATA, "8.3 Each party shall collect, use and disclose Personal Data received under this "
     "Agreement solely for the purpose of carrying out the adverse event reporting described in Schedule 4.",
     "weakened", {"narrowed-scope"}),
    ("mutual-end-user-data", DATA, "8.4 Neither party shall use any End User Information for any purpose other than "
     "performing its obligations under this Agreement.", "compliant", set()),
    ("confidential-use-only", DATA, "8.5 Each party shall use the Confidential Information of the other party solely "
     "to perform this Agreement.", "missing", set()),
    # Transition assistance after termination is no continued supply (the guide). A promise not to
    # cancel accepted orders is a promise not to terminate, narrowed to orders; the customer's is not the
    # supplier's, and what a termination does to other orders is no promise at all.
    ("transition-assistance", SUPPLY, "10.4 Upon termination, the Provider shall continue to provide transition "
     "assistance for thirty (30) days.", "missing", set()),
    ("no-cancel-orders", SUPPLY, "4.6 The Provider shall not unilaterally cancel any order it has accepted.",
     "weakened", {"narrowed-scope"}),
    ("customer-no-cancel", SUPPLY, "4.7 The Customer shall not cancel any order it has placed.", "missing", set()),
    ("termination-effect", SUPPLY, "4.8 Termination of an order shall not terminate any other order or this "
     "Agreement.", "missing", set()),
    # A right stated first and then a prohibition ("... and otherwise shall not ...") is a commitment with
    # that right as its exception.
    ("right-then-prohibition", DEVICE, "7.8 The Provider may upgrade and reconfigure the Equipment remotely at any "
     "time at its discretion, and otherwise shall not remotely operate the Customer's servers, terminals or "
     "networks.", "weakened", {"unilateral-discretion"}),
    # A right to stop stated first, with duties on how it is used, is a right (it takes the commitment
    # back), not a commitment.
    ("right-first", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products without just "
     "cause.\n9.2 After the initial term, the Provider may terminate this Agreement on twelve (12) months' written "
     "notice, but in such case the Provider will cooperate with the Customer to find another source for the "
     "Products.", "weakened", {"overridden"}),
    # A continuation only as long as something else takes is limited in time; a right in the next
    # sentence that claims to prevail over the commitment takes it back.
    ("as-long-as-necessary", SUPPLY, "10.5 The Provider shall continue to supply the Products on the terms then in "
     "force for as long as is necessary to let the Customer qualify another source.", "weakened", {"time-limited"}),
    ("notwithstanding-follow-up", DATA, "6.2 The Provider shall use Customer Data solely to perform the Services. "
     "Notwithstanding the foregoing, the Provider may use and exchange Customer Data for marketing its other "
     "products.", "weakened", {"overridden"}),
    # A duty of someone the contract does not call the supplier (a shipper named by what it does) is not
    # the supplier's commitment; the same duty of the supplier is.
    ("sender-duty", DEVICE, "7.4 The Sender shall not modify the Customer's network equipment or its way of "
     "operation without the Customer's authorization.", "missing", set()),
    ("provider-duty", DEVICE, "7.4 The Provider shall not modify the Customer's network equipment or its way of "
     "operation without the Customer's authorization.", "compliant", set()),
    # A reservation of freedom binds no one; a warranty's own exclusions commit to nothing; an end by both
    # parties' written consent is just cause.
    ("nothing-prevents", SUPPLY, "16.6 Nothing in this Agreement shall prevent either party from offering "
     "similar services to third parties.", "missing", set()),
    ("warranty-exclusions", DEVICE, "7.7 The warranty given in this Section shall not apply to materials, tooling "
     "or equipment of the Customer, or to Products the Customer has modified.", "missing", set()),
    ("both-consent", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products without "
     "just cause.\n9.6 This Agreement may be cancelled only with both parties' consent in writing.", "compliant", set()),
    # Keeping the other party's plant where it is installed is custody, not the users' equipment.
    ("plant-custody", DEVICE, "5.7 Without the Customer's prior written consent, the Provider shall not "
     "relocate any of the Transferred Equipment from the sites where it stands.", "missing", set()),
    # An indemnity promises no conduct (the guide); a representation that a party is not debarred or
    # suspended by a regulator is about its standing, not about supply.
    ("indemnity", DEVICE, "7.6 The Provider shall reimburse the Customer and hold the Customer harmless from any "
     "liabilities resulting from the Provider's activities on the Customer's computer systems.", "missing", set()),
    ("debarred", SUPPLY, "8.6 The Provider represents that no regulator has debarred, suspended or excluded it, "
     "under any federal law, from supplying the Products.", "missing", set()),
    # A material breach that cannot be cured is just cause, as one left uncured is.
    ("incurable-breach", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products "
     "without just cause.\n9.1 Each party may, by written notice, terminate this Agreement where the other commits "
     "a material breach that cannot be cured.", "compliant", set()),
    # A right denied to both ("neither party may ...") is a restriction, no take-back.
    ("neither-may", SUPPLY, "1.2 The Provider shall not suspend or interrupt the supply of the Products without "
     "just cause.\n9.3 During the term, neither party may suspend or terminate performance under this "
     "Agreement unless this Agreement expressly allows it.", "compliant", set()),
    # A right that starts when a time-limited commitment's period ends is that limit, no take-back.
    ("after-the-period", SUPPLY, "1.2 For five (5) years after acceptance, the Provider shall not suspend or "
     "interrupt the supply of the Products without just cause.\n9.4 After the expiry of that five-year period, the "
     "Provider may discontinue support for the Products on six (6) months' notice.", "weakened", {"time-limited"}),
    # What something does not amount to in law restricts no one.
    ("legal-effect", DATA, "9.2 Entering into this Agreement will not constitute the Customer's consent to the "
     "processing of its personal data by the Provider.", "missing", set()),
]

# How the rules read these; the reader (r5) reads the first as no binding statement, the second as
# narrowed and the third as none at all, and its reading prevails (see the model card).
RULES_CASES = [
    # Whose data is named is not who acts: the one who must act is bound.
    ("access-limited", DATA, "6.2 Access to Customer Data shall be limited to the Provider's personnel who need it "
     "to perform the Services.", "compliant", set()),
    ("databases", DATA, "6.2 The Provider shall use the Customer Databases for the exclusive purpose of performing "
     "its obligations under this Agreement and for no other purpose.", "compliant", set()),
    ("remain-available", SUPPLY, "3.1 The Products listed in Schedule 1 will remain available to the Customer "
     "throughout the term.", "compliant", set()),
    ("npi", DATA, "6.4 Access to NPI must be restricted to the Provider's personnel with a need to know it for the "
     "Services.", "weakened", {"narrowed-scope"}),
    # "continue the provision of" is a continuity wording like "continue to provide".
    ("continue-the-provision", SUPPLY, "9.2 The Provider shall continue the provision of the Maintenance Services to "
     "the Customer in accordance with this Agreement.", "compliant", set()),
    # ... but keeping a plant "available" to handle production describes the service, not a promise not
    # to stop it (adjudicated after two independent labelings, session 8).
    ("continue-to-make-available", SUPPLY, "3.2 The Provider will continue to make its plants (as they may be changed "
     "or upgraded from time to time) available to handle the Customer's production.", "missing", set()),
    # A duty to plan against an interruption is no promise of none: narrowed by the rules (the reader
    # reads no commitment at all).
    ("interruption-plan", SUPPLY, "4.9 Before changing the plant where the Products are made, the Provider shall "
     "give the Customer ninety (90) days' notice and provide it a written plan for avoiding any interruption of "
     "supply.", "weakened", {"narrowed-scope"}),
    ("prohibited-from", DEVICE, "7.2 The Provider is prohibited from installing spyware on the Customer's computers.",
     "compliant", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), CASES, ids=[c[0] for c in CASES])
def test_ordinary_contract_wording(tmp_path, flags, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD + clause + "\n", *flags, requirement=requirement), status, reasons)


@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), RULES_CASES,
                         ids=[c[0] for c in RULES_CASES])
def test_ordinary_contract_wording_by_the_rules(tmp_path, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD + clause + "\n", "--no-model", requirement=requirement), status, reasons)


LIST_HEAD = ("1.2 The Provider shall not suspend or interrupt the supply of the Products without just cause.\n\n"
             "9. Termination\n9.1 Either party may terminate this Agreement:\n(a) if the other party commits a material "
             "breach and fails to cure it within thirty (30) days after written notice; or\n(b) {b}\n")


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("b", "status", "reasons"), [
    ("if the other party becomes insolvent.", "compliant", set()),
    ("for convenience on ninety (90) days' notice.", "weakened", {"overridden"}),
], ids=["just-cause-items", "convenience-item"])
def test_a_list_head_right_is_judged_by_its_items(tmp_path, flags, b, status, reasons):
    """"Either party may terminate this Agreement:" takes nothing back when every item below it is
    just cause, and takes the supply commitment back when one item is convenience."""
    _reads(_judged(tmp_path, HEAD + LIST_HEAD.format(b=b), *flags, requirement=SUPPLY), status, reasons)


# A contract that defines neither party by a role, between two names: a right held by the one the
# commitment does not bind (the feed's recipient) cannot take that commitment back; the same right
# held by the one it binds does.
UNDEFINED = ("CONTENT LICENCE\n\n1. Nordlicht shall use its best endeavours not to suspend or interrupt the "
             "supply of the Feed to Ostrava.\n2. Ostrava shall pay the fees in Schedule "
             "2.\n3. {holder} may terminate this Agreement on notice of thirty (30) days in writing to {other}.\n")


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("holder", "other", "reasons"), [
    ("Ostrava", "Nordlicht", {"qualified-effort"}),
    ("Nordlicht", "Ostrava", {"qualified-effort", "overridden"}),
], ids=["recipient-right", "committed-party-right"])
def test_a_right_takes_back_only_the_holder_s_own_commitment(tmp_path, flags, holder, other, reasons):
    text = UNDEFINED.format(holder=holder, other=other)
    _reads(_judged(tmp_path, text, *flags, requirement=SUPPLY), "weakened", reasons)


class _EagerReader:
    """A reader that reads every clause as the supplier's binding device commitment: what the trained
    reader does with some clauses that merely mention the customer's systems (seen on unlabeled real
    contracts). It isolates the judge's own gate from the model's weights."""

    def read(self, texts):
        import numpy as np

        from clausecheck.encoder.reader import SentenceReading
        from clausecheck.library import REQUIREMENT_IDS

        role = {r: {"none": 0.9, "commitment": 0.05, "take-back": 0.03, "related": 0.02} for r in REQUIREMENT_IDS}
        role[DEVICE] = {"none": 0.02, "commitment": 0.95, "take-back": 0.01, "related": 0.02}
        return [SentenceReading(party={"supplier": 0.97, "customer": 0.01, "both": 0.01, "third-party": 0.005,
                                       "none": 0.005},
                                kind={"obligation": 0.95, "other": 0.05}, role=role, weakened=0.1, reasons={},
                                just_cause=0.5, embedding=np.zeros(4, dtype=np.float32)) for _ in texts]


def test_the_reader_adds_no_commitment_where_nothing_binds():
    """A clause that binds no one ("may be conditioned upon") or only says where another clause does
    not apply commits to nothing, even where the reader reads it as the device commitment; a clause
    that restricts the supplier still counts."""
    from pathlib import Path

    from clausecheck.document import Block, SourceDocument
    from clausecheck.judge import DocumentJudge
    from clausecheck.library import load_library

    text = HEAD + (
        "4.4 Our consideration of any proposed outsourcing vendor may be conditioned upon, among other things, that "
        "vendor's agreement to pay for all costs related to interfaces with the Customer's computer systems.\n"
        "4.5 However, this paragraph shall not apply to any invention the Provider conceives outside working "
        "hours and without the Customer's tools, devices, equipment or information.\n"
        "4.6 The Provider shall not access the Customer's computer systems without the Customer's consent.\n")
    lib = load_library()
    doc = SourceDocument(path=Path("t.txt"), format="txt", blocks=tuple(Block(p) for p in text.split("\n") if p.strip()))
    judge = DocumentJudge(doc, lib, reader=_EagerReader(), screen=None)
    judge.judge(lib.get(DEVICE))
    read = [c.unit.text for c in judge.commitments[DEVICE]]
    assert any("shall not access" in t for t in read), read
    assert not any("conditioned" in t or "invention" in t for t in read), read


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_a_right_then_a_prohibition_is_a_commitment_in_chinese(tmp_path, flags):
    """乙方有权……远程升级，除此之外不得……: the right comes first, the prohibition after it; the sentence
    is a device commitment with that right as its exception, not a take-back alone."""
    from test_conventions import HEAD_ZH3

    text = HEAD_ZH3 + "3.1 乙方可以根据需要随时对所供设备进行远程升级和配置变更，其他情况下未经许可不得远程操作甲方的主机、终端及网络设备。\n"
    f = _judged(tmp_path, text, *flags, requirement=DEVICE)
    assert f["status"] == "weakened", f
