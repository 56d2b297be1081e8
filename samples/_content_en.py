"""Text of the English sample: a cloud services agreement between a water utility (a critical
information infrastructure operator, "the Customer") and a cloud provider ("Provider").

Written for clausecheck's samples; the parties, numbers and addresses are invented.

Intended verdicts (see samples/README.md):
  review-cooperation                  missing   (only a financial-audit duty, a comply-with-laws
                                                 clause naming the Cybersecurity Law, and a duty on
                                                 the Customer alone)
  no-illegal-data-acquisition         weakened  qualified-effort (clause 7.2)
  no-illegal-device-control           compliant (clause 8.3)
  no-unjustified-supply-interruption  weakened  overridden (commitment in 9.1, taken back by 18.2)
"""

from __future__ import annotations

# ---- the clauses that carry (or take back) an undertaking: used verbatim as label evidence ----
DA_QE = ("Provider shall use commercially reasonable efforts not to take advantage of its provision of "
         "the Services to obtain any User Data unlawfully or beyond what Customer has authorised in "
         "writing for the performance of this Agreement.")
DC_OK = ("Provider shall not use its provision of the Services, or any access it has to Customer Systems, "
         "to control, manipulate, disable or alter any equipment, system or software of Customer without "
         "Customer's prior written authorisation, and shall not build into the Services or any Deliverable "
         "any remote-disablement function, time lock or similar mechanism designed for that purpose.")
SI_COMMIT = ("Provider shall not, without just cause, stop or suspend providing the Services or the "
             "technical support on which their operation depends.")
SI_TAKEBACK = ("Notwithstanding any other provision of this Agreement, Provider may suspend or discontinue "
               "the supply of all or any part of the Services or of the support services, without liability, "
               "where Provider determines that doing so is necessary or advisable to comply with the export "
               "control or economic sanctions laws of any jurisdiction that apply to Provider or to its "
               "suppliers.")

CUSTOMER = "Eastmere Municipal Water Group Co., Ltd."
PROVIDER = "Quillfeather Cloud Systems Limited"

KEY_TERMS = [
    ("Item", "Particulars"),
    ("Agreement No.", "EMW-IT-2024-017"),
    ("Customer", f"{CUSTOMER}, 88 Lakeshore Avenue, Eastmere, registered number 91330100-EMW-0042"),
    ("Provider", f"{PROVIDER}, Unit 1203, Harbourview Tower, 9 Quay Road, registered number 91310000-QCS-7716"),
    ("Effective Date", "1 March 2024"),
    ("Initial Term", "Three (3) years from the Effective Date"),
    ("Services", "Managed private-cloud hosting of Customer's billing, asset-management and telemetry "
                 "historian platforms, with 24x7 technical support"),
    ("Annual Fees", "RMB 4,860,000 (exclusive of VAT), payable quarterly in arrears"),
    ("Service Level", "99.9% Monthly Availability for Production Environments"),
    ("Governing Law", "Laws of the People's Republic of China"),
]


def build(b, *, long_schedules=None):
    b.title("CLOUD SERVICES AGREEMENT")
    b.center("Agreement No. EMW-IT-2024-017")
    b.para("KEY TERMS", bold=True, justify=False)
    b.table(KEY_TERMS, widths_cm=[4.0, 12.0])
    b.para("THIS AGREEMENT is made on the Effective Date stated in the Key Terms BETWEEN:")
    b.para(f"(1) {CUSTOMER}, a company incorporated in the People's Republic of China whose registered "
           "office is at 88 Lakeshore Avenue, Eastmere (\"Customer\"); and", indent_cm=0.6)
    b.para(f"(2) {PROVIDER}, a company incorporated in the People's Republic of China whose registered "
           "office is at Unit 1203, Harbourview Tower, 9 Quay Road (\"Provider\"),", indent_cm=0.6)
    b.para("each a \"party\" and together the \"parties\".")
    b.para("BACKGROUND", bold=True, justify=False)
    b.para("(A) Customer supplies drinking water and waste-water services to approximately 2.3 million "
           "residents and operates networks and information systems that support those services.",
           indent_cm=0.6)
    b.para("(B) Customer ran a competitive tender (reference EMW-T-2023-118) for the hosting of its "
           "billing, asset-management and telemetry historian platforms and selected Provider's bid.",
           indent_cm=0.6)
    b.para("(C) The parties wish to record the terms on which Provider will supply the Services.",
           indent_cm=0.6)
    b.para("IT IS AGREED as follows:")

    # 1
    b.heading("Definitions and Interpretation")
    b.clause("In this Agreement the following words have the following meanings:")
    b.item("\"Affiliate\" means, in relation to a party, any entity that controls, is controlled by or is "
           "under common control with that party, where \"control\" means ownership of more than fifty "
           "per cent of the voting rights;")
    b.item("\"Business Day\" means a day other than a Saturday, Sunday or public holiday in the People's "
           "Republic of China, taking into account officially adjusted working days;")
    b.item("\"Customer Data\" means all data, records and information, in any form, that Customer or its "
           "users load into, generate in or transmit through the Services, including User Data;")
    b.item("\"Customer Systems\" means the networks, servers, operational technology, terminals, "
           "software and other equipment owned, leased or operated by Customer, whether or not "
           "connected to the Services;")
    b.item("\"Cybersecurity Review Measures\" means the Cybersecurity Review Measures issued by the "
           "Cyberspace Administration of China and other authorities, as amended from time to time;")
    b.item("\"Deliverables\" means all software, configurations, scripts, documents and other materials "
           "that Provider supplies to Customer under this Agreement;")
    b.item("\"Documentation\" means Provider's technical and operating manuals for the Services, as "
           "updated from time to time in accordance with clause 3.4;")
    b.item("\"Fees\" means the charges for the Services set out in the Key Terms and in the price "
           "schedule agreed by the parties;")
    b.item("\"Production Environment\" means each hosted environment that Customer designates as "
           "serving live operations;")
    b.item("\"Services\" means the managed private-cloud hosting services, the associated technical "
           "support services and the other services described in this Agreement;")
    b.item("\"User Data\" means Customer Data relating to Customer's customers, employees, contractors "
           "and other users, including account, meter-reading, billing and contact information.")
    b.clause("Clause headings do not affect interpretation. A reference to a clause is to a clause of this "
             "Agreement. Words such as \"including\" and \"in particular\" are illustrative and do not limit "
             "the sense of the words that precede them. A reference to a law includes that law as amended "
             "or re-enacted.")
    b.clause("If there is a conflict between the body of this Agreement and any schedule, order form or "
             "Documentation, the body of this Agreement prevails.")

    # 2
    b.heading("Term")
    b.clause("This Agreement starts on the Effective Date and continues for the Initial Term, unless "
             "terminated earlier in accordance with clause 17.")
    b.clause("Customer may extend this Agreement for up to two further periods of twelve months each by "
             "giving Provider written notice at least ninety days before the end of the then-current term. "
             "The Fees for any extension period shall not exceed the Fees for the preceding year increased "
             "by three per cent.")

    # 3
    b.heading("The Services")
    b.clause("Provider shall provide the Services to Customer from the Effective Date in accordance with "
             "this Agreement, the Documentation and good industry practice for the hosting of systems "
             "that support public utilities.")
    b.clause("The Services include:")
    b.item("provisioning and operation of dedicated compute, storage and network resources in two data "
           "centres located in the People's Republic of China, at least 300 kilometres apart;")
    b.item("operating-system, database and middleware administration for each hosted environment;")
    b.item("daily incremental and weekly full backups, retained for ninety days, with a quarterly "
           "restoration test witnessed by Customer;")
    b.item("network perimeter protection, intrusion detection and log retention for at least six months; and")
    b.item("the technical support services described in clause 6.")
    b.clause("Provider shall assign a named service manager who is responsible for the day-to-day "
             "relationship with Customer and who attends the monthly service review meeting.")
    b.clause("Provider may update the Documentation from time to time, provided that no update reduces "
             "the functionality, security or performance of the Services. Provider shall give Customer at "
             "least thirty days' notice of any material update.")
    b.clause("Provider shall not subcontract any part of the Services without Customer's prior written "
             "consent. Provider remains responsible for the acts and omissions of its subcontractors as if "
             "they were its own.")

    # 4
    b.heading("Implementation and Acceptance")
    b.clause("Provider shall migrate Customer's platforms to the Services in accordance with the "
             "implementation plan agreed at the kick-off meeting. Each migration wave ends with an "
             "acceptance test run jointly by the parties.")
    b.clause("Customer shall notify Provider within ten Business Days after an acceptance test whether it "
             "accepts the migrated environment or, if not, which test criteria were not met. Provider shall "
             "remedy any failure and repeat the test at its own cost.")
    b.clause("Customer's use of an environment in live operations before acceptance does not amount to "
             "acceptance of that environment.")

    # 5
    b.heading("Service Levels")
    b.clause("Provider shall make each Production Environment available at least 99.9% of the minutes in "
             "each calendar month (\"Monthly Availability\"), excluding planned maintenance that Provider "
             "has notified at least five Business Days in advance and that takes place between 01:00 and "
             "05:00 local time.")
    b.clause("If Monthly Availability falls below the target, Customer is entitled to service credits as "
             "follows:")
    b.item("below 99.9% but at least 99.5%: five per cent of the monthly Fees for the affected environment;")
    b.item("below 99.5% but at least 99.0%: ten per cent of those Fees; and")
    b.item("below 99.0%: twenty per cent of those Fees.")
    b.clause("Service credits are deducted from the next invoice. They are a price adjustment reflecting the "
             "reduced value of the Services and do not limit Customer's other rights and remedies.")
    b.clause("Provider shall deliver a service report within five Business Days after the end of each month, "
             "showing availability, incidents, response times and capacity trends.")

    # 6
    b.heading("Technical Support and Maintenance")
    b.clause("Provider shall provide technical support twenty-four hours a day, seven days a week, through a "
             "telephone hotline and a ticketing portal, and shall respond to incidents within the following "
             "times: Priority 1 within fifteen minutes; Priority 2 within one hour; Priority 3 within four "
             "business hours.")
    b.clause("Where Provider needs remote access to Customer Systems to diagnose or resolve an incident, it "
             "shall request that access through Customer's access-management process for each session, use "
             "only the accounts Customer issues for that purpose and keep a log of all actions taken, which it "
             "shall give to Customer on request.")
    b.clause("Provider shall apply security patches to the hosted environments within the time frames "
             "agreed in the change-management procedure, after Customer has approved the relevant change "
             "request.")

    # 7
    b.heading("Customer Data")
    b.clause("As between the parties, Customer owns all Customer Data. Provider acquires no right in "
             "Customer Data other than the limited right to process it as needed to provide the Services.")
    b.clause(DA_QE)
    b.clause("Provider shall store and process Customer Data only in data centres located in the People's "
             "Republic of China and shall not transfer Customer Data outside that territory.")
    b.clause("Within thirty days after termination or expiry of this Agreement, Provider shall return all "
             "Customer Data to Customer in a commonly used machine-readable format and then securely delete "
             "all copies, and shall certify the deletion in writing.")

    # 8
    b.heading("Security")
    b.clause("Provider shall maintain an information security management system certified to ISO/IEC 27001 "
             "and shall keep the Services in compliance with the requirements for Level 3 of the "
             "multi-level protection scheme.")
    b.clause("Provider shall notify Customer without undue delay, and in any event within two hours, after "
             "becoming aware of any security incident affecting the Services or Customer Data, and shall "
             "provide a written incident report within five Business Days.")
    b.clause(DC_OK)
    b.clause("Provider shall ensure that its personnel with privileged access to the Services are vetted, "
             "trained in information security at least once a year and bound by written confidentiality "
             "obligations.")

    # 9
    b.heading("Continuity of Supply")
    b.clause(SI_COMMIT)
    b.clause("For the purposes of clause 9.1, just cause means only: (i) a suspension permitted by clause 10.5; "
             "(ii) termination under clause 17; or (iii) an event of Force Majeure under clause 19, for as long "
             "as it continues.")
    b.clause("If Provider intends to withdraw any product or version used in the Services from general "
             "availability, it shall give Customer at least eighteen months' notice and shall offer a "
             "replacement of equivalent functionality at no additional charge.")

    # 10
    b.heading("Fees and Payment")
    b.clause("Customer shall pay the Fees set out in the Key Terms. The Fees cover all Services, and Provider "
             "shall not charge any other amount unless Customer has agreed to it in writing.")
    b.clause("Provider shall invoice the Fees quarterly in arrears. Each invoice shall be accompanied by a "
             "valid special VAT invoice (fapiao) and the monthly service reports for the period invoiced.")
    b.clause("Customer shall pay each correctly issued invoice within thirty days after receipt.")
    b.clause("If Customer disputes any part of an invoice in good faith, it shall notify Provider of the "
             "disputed amount and the reasons within fifteen days after receipt, pay the undisputed part, and "
             "the parties shall seek to resolve the dispute through the service review meeting.")
    b.clause("If an undisputed amount remains unpaid thirty days after its due date, and Customer fails to pay "
             "it within fifteen Business Days after receiving written notice from Provider that identifies the "
             "overdue amount and refers to this clause, Provider may suspend the non-production environments "
             "until the amount is paid. Provider shall not suspend any Services on account of an amount that "
             "Customer disputes in good faith.")

    # 11
    b.heading("Records and Audit")
    b.clause("Provider shall keep complete and accurate books and records relating to the Fees and to the "
             "resources consumed under this Agreement for at least five years after the year to which they "
             "relate.")
    b.clause("On reasonable notice, and not more than once in any financial year unless a previous audit has "
             "revealed an overcharge, Provider shall cooperate with Customer's internal auditors and external "
             "accounting firm in auditing those records, including by giving them access to the relevant "
             "invoices, timesheets and consumption reports.")
    b.clause("If an audit reveals an overcharge, Provider shall refund the overcharged amount within thirty "
             "days, and if the overcharge exceeds five per cent of the Fees for the period audited, Provider "
             "shall also reimburse the reasonable cost of the audit.")

    # 12
    b.heading("Compliance with Laws")
    b.clause("In performing this Agreement, each party shall observe every law and regulation that applies to "
             "it, including the Cybersecurity Law, the Data Security Law and the Personal Information "
             "Protection Law of the People's Republic of China.")
    b.clause("Customer is responsible for determining whether its procurement of the Services is subject to "
             "the Cybersecurity Review Measures and for making any application for review that those measures "
             "require of it.")
    b.clause("Each party shall maintain all licences, permits and filings it requires to perform this "
             "Agreement, including, in Provider's case, the value-added telecommunications business licence "
             "for internet data centre services.")

    # 13
    b.heading("Confidentiality")
    b.clause("Each party shall keep confidential all information of a confidential nature that it receives "
             "from the other party in connection with this Agreement, and shall not disclose it to any third "
             "party except to its employees, professional advisers and permitted subcontractors who need to "
             "know it and are bound by equivalent duties.")
    b.clause("Clause 13.1 does not apply to information that is or becomes public other than through a "
             "breach of this Agreement, that the recipient already lawfully held, or that the recipient must "
             "disclose by law or at the request of a competent authority, provided that, where lawful, it "
             "gives the other party prompt notice.")
    b.clause("The obligations in this clause 13 survive termination or expiry of this Agreement for five years, "
             "and indefinitely in respect of Customer Data.")

    # 14
    b.heading("Intellectual Property")
    b.clause("Each party retains the intellectual property rights it owned before the Effective Date. "
             "Provider grants Customer a non-exclusive, royalty-free licence to use the Deliverables for "
             "Customer's own purposes for as long as Customer needs them, including after termination.")
    b.clause("Provider shall defend Customer against any claim that the Services or Deliverables infringe "
             "the intellectual property rights of a third party, and shall indemnify Customer against the "
             "losses, damages and costs arising from such a claim.")

    # 15
    b.heading("Warranties")
    b.clause("Provider warrants that the Services will be performed with reasonable skill and care by "
             "suitably qualified personnel, and that the Deliverables will conform to the Documentation.")
    b.clause("Provider warrants that the Deliverables will not contain any virus, worm, trojan or other "
             "malicious code when delivered, and that it has scanned them with up-to-date detection tools.")

    # 16
    b.heading("Limitation of Liability")
    b.clause("Neither party is liable for any indirect or consequential loss, or for loss of profit, "
             "revenue or goodwill, arising under or in connection with this Agreement.")
    b.clause("Each party's total liability arising under or in connection with this Agreement in any contract "
             "year is limited to one hundred and fifty per cent of the Fees payable in that contract year.")
    b.clause("Clauses 16.1 and 16.2 do not limit liability for breach of clause 7, clause 8 or clause 13, for "
             "the indemnity in clause 14.2, or for fraud or wilful misconduct.")

    # 17
    b.heading("Termination")
    b.clause("Either party may terminate this Agreement by written notice if the other party commits a "
             "material breach of this Agreement and, where the breach can be remedied, fails to remedy it "
             "within thirty days after receiving written notice describing the breach.")
    b.clause("Either party may terminate this Agreement by written notice if the other party becomes "
             "insolvent, enters liquidation or has a receiver or administrator appointed over all or a "
             "substantial part of its assets.")
    b.clause("Customer may terminate this Agreement for convenience by giving Provider at least ninety days' "
             "written notice, in which case Customer shall pay the Fees for the Services provided up to the "
             "date of termination.")
    b.clause("On termination or expiry, Provider shall, for up to six months at Customer's request, continue "
             "to host the affected environments and give Customer and any replacement provider the "
             "assistance reasonably needed for an orderly migration, at the rates then applying.")

    # 18
    b.heading("Export Control and Sanctions")
    b.clause("Each party shall comply with the export control laws of the People's Republic of China that "
             "apply to the hardware, software and technology used in the Services.")
    b.clause(SI_TAKEBACK)
    b.clause("Provider shall notify Customer as soon as practicable of any suspension or discontinuation under "
             "clause 18.2.")

    # 19
    b.heading("Force Majeure")
    b.clause("Neither party is liable for any failure or delay in performing its obligations to the extent "
             "caused by an event beyond its reasonable control, such as natural disaster, war, epidemic, or "
             "acts of government, that could not have been prevented by reasonable precautions "
             "(\"Force Majeure\"). Failures of Provider's subcontractors are not Force Majeure unless they are "
             "themselves caused by Force Majeure.")
    b.clause("The affected party shall notify the other party promptly, take all reasonable steps to mitigate "
             "the effects and resume performance as soon as possible. If Force Majeure continues for more than "
             "sixty days, either party may terminate this Agreement by written notice.")

    # 20
    b.heading("General")
    b.clause("Notices under this Agreement shall be in writing and delivered by hand, by courier or by email to "
             "the addresses set out in the Key Terms or any other address a party notifies. A notice sent by "
             "email takes effect when the sender receives no error message, if sent on a Business Day before "
             "17:00, and otherwise on the next Business Day.")
    b.clause("Neither party may assign or transfer this Agreement without the prior written consent of the other "
             "party, except that Customer may assign it to an Affiliate or to any successor to its water "
             "supply operations.")
    b.clause("This Agreement is the entire agreement between the parties about its subject matter and "
             "supersedes all previous proposals and understandings. Any variation must be in writing and "
             "signed by both parties.")
    b.clause("This Agreement is governed by the laws of the People's Republic of China. Any dispute that the "
             "parties cannot resolve by negotiation within thirty days shall be submitted to the Shanghai "
             "International Arbitration Center for arbitration in accordance with its rules then in force. "
             "The award is final and binding on both parties.")
    b.clause("This Agreement is made in four originals, two for each party, each of equal effect.")

    b.para("")
    b.para("IN WITNESS WHEREOF the parties have signed this Agreement by their authorised representatives "
           "on the Effective Date.")
    b.table([
        ("For and on behalf of Customer", "For and on behalf of Provider"),
        (CUSTOMER, PROVIDER),
        ("Signature: ______________________", "Signature: ______________________"),
        ("Name: Lin Ruoxi", "Name: Daniel Okafor-Wen"),
        ("Title: Chief Information Officer", "Title: Managing Director"),
        ("Date: 1 March 2024", "Date: 1 March 2024"),
        ("Company seal:", "Company seal:"),
    ], header=True, widths_cm=[8.0, 8.0])
    if long_schedules:
        long_schedules(b)


LABELS = {
    "language": "en",
    "supplier_term": "Provider",
    "requirements": {
        "review-cooperation": {"status": "missing", "reasons": [], "evidence": []},
        "no-illegal-data-acquisition": {"status": "weakened", "reasons": ["qualified-effort"], "evidence": [DA_QE]},
        "no-illegal-device-control": {"status": "compliant", "reasons": [], "evidence": [DC_OK]},
        "no-unjustified-supply-interruption": {"status": "weakened", "reasons": ["overridden"],
                                               "evidence": [SI_COMMIT, SI_TAKEBACK]},
    },
}
