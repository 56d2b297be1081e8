"""The guide's conventions on written clauses, through the real CLI, with the reader and with the
rules alone. Every contract text here was written for this test.

- Exceptions inside a commitment: access "as necessary to provide the services" is permitted, but an
  exception for what the law of any country or any authority requires is a carve-out (it lets the
  supplier hand over or take data on another state's demand).
- Review: cooperating with the customer's own security review or its regulators' audits is not
  cooperation with the cybersecurity review; naming that review is."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "clausecheck"]

HEAD_EN = ('CLOUD TERMS\n\nThese terms are between Acme Cloud, Inc. (the "Provider") and the customer named in the '
           'order (the "Customer").\n\n1. Services\n1.1 The Provider shall provide the hosting services to the '
           'Customer.\n\n2. Customer Data\n')
HEAD_ZH = "云服务协议\n\n甲方：某某电网有限公司（采购人）\n乙方：某某云计算有限公司（供应商）\n\n第一条 服务\n1.1 乙方应向甲方提供云主机服务。\n\n第二条 数据\n"

CASES = [
    ("en", "2.1 The Provider shall not access Customer Data except as necessary to provide the Services.",
     "compliant", set()),
    ("en", "2.1 The Provider shall not access Customer Data except as necessary to provide the Services or as "
           "required by law.", "weakened", {"carve-out"}),
    ("en", "2.1 The Provider shall not access Customer Data, except to respond to a subpoena or court order.",
     "weakened", {"carve-out"}),
    ("zh", "2.1 乙方不得收集、获取或使用甲方及其用户的数据，但履行本合同所必需的除外。", "compliant", set()),
    ("zh", "2.1 乙方不得收集、获取或使用甲方及其用户的数据，但法律法规另有规定的除外。", "weakened", {"carve-out"}),
]


def _finding(path, *flags, requirement: str = "no-illegal-data-acquisition") -> dict:
    out = subprocess.run([*CLI, "check", *flags, "--quiet", "--format", "json", str(path)],
                         capture_output=True, text=True, timeout=180)
    assert out.returncode in (0, 1), out.stderr
    doc = json.loads(out.stdout)["documents"][0]
    return next(f for f in doc["findings"] if f["requirement"] == requirement)


def _judged(tmp_path, text: str, *flags, requirement: str = "no-illegal-data-acquisition") -> dict:
    """The finding on ``requirement`` for a contract made of ``text``, through the real CLI."""
    doc = tmp_path / "terms.txt"
    doc.write_text(text, encoding="utf-8")
    return _finding(doc, *flags, requirement=requirement)


def _reads(f: dict, status: str, reasons: set[str] | None) -> None:
    """The finding has this status and exactly these reason codes (``None``: the status alone
    matters, where a case's reason may fairly be read more than one way)."""
    assert f["status"] == status, f
    if reasons is not None:
        assert {r["code"] for r in f["reasons"]} == reasons, f


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("lang", "clause", "status", "reasons"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_legal_compulsion_is_a_carve_out_and_performance_is_not(tmp_path, flags, lang, clause, status, reasons):
    _reads(_judged(tmp_path, (HEAD_EN if lang == "en" else HEAD_ZH) + clause + "\n", *flags), status, reasons)


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("clause", "status"), [
    ("2.1 The Provider will cooperate with any security review or audit required by the Customer's regulators.",
     "missing"),
    ("2.1 The Provider will cooperate with any cybersecurity review of the Services and provide the materials "
     "the review requires.", "compliant"),
], ids=["audit", "cybersecurity-review"])
def test_only_the_cybersecurity_review_counts_as_the_review(tmp_path, flags, clause, status):
    doc = tmp_path / "terms.txt"
    doc.write_text(HEAD_EN.replace("2. Customer Data", "2. Reviews") + clause + "\n", encoding="utf-8")
    assert _finding(doc, *flags, requirement="review-cooperation")["status"] == status


# A qualifier in the next sentence ("The foregoing ...", "本条仅在……适用", "……的，不适用前述约定")
# belongs to the commitment before it: read alone, that commitment would pass as compliant.
FOLLOW_UPS = [
    ("en", "no-illegal-data-acquisition",
     "2.1 The Provider undertakes that it will not, by virtue of supplying the Services, unlawfully acquire "
     "Customer Data. The foregoing is an obligation of reasonable endeavours only.", "qualified-effort"),
    ("en", "no-illegal-data-acquisition",
     "2.1 The Provider undertakes that it will not, by virtue of supplying the Services, unlawfully acquire "
     "Customer Data. The Customer may invoke this clause only once in any calendar year and at its own cost.",
     "conditional"),
    ("zh", "no-illegal-data-acquisition",
     "2.1 乙方不得利用提供本合同项下产品的便利条件非法获取甲方数据。本条仅在质保期内适用。", "time-limited"),
    ("zh", "no-illegal-data-acquisition",
     "2.1 乙方不得利用提供本合同项下产品的便利条件非法获取甲方数据。乙方为遵守任何国家或地区出口管制法律而采取措施的，"
     "不适用前述约定。", "carve-out"),
    # binding force denied in so many words, whatever the modal
    ("en", "no-unjustified-supply-interruption",
     "2.1 The Provider shall not suspend or interrupt the Services except for force majeure. The foregoing is a "
     "statement of intent only and is not legally binding.", "non-binding"),
    ("zh", "no-unjustified-supply-interruption",
     "2.1 乙方应保障服务的持续供应，除不可抗力外不得中断供应。前述内容仅为意向性表述，不构成具有法律约束力的义务。", "non-binding"),
    ("zh", "no-unjustified-supply-interruption",
     "2.1 乙方应保障服务的持续供应，除不可抗力外不得中断供应。本条在具体情形下如何适用，由乙方酌情决定。", "unilateral-discretion"),
    # the guide: suspension over disputed amounts is not just cause
    ("zh", "no-unjustified-supply-interruption",
     "2.1 乙方应保障服务的持续供应，除不可抗力外不得中断供应，但甲方拒付有争议款项的除外。", "carve-out"),
    ("en", "no-unjustified-supply-interruption",
     "2.1 The Provider shall not suspend the Services, except where the Customer withholds disputed amounts.",
     "carve-out"),
    ("en", "no-illegal-data-acquisition",
     "2.1 The Provider shall not access Customer Data without the Customer's prior written consent. The foregoing "
     "does not apply where the law of any other jurisdiction requires the Provider to disclose data.", "carve-out"),
]


@pytest.mark.parametrize(("lang", "req", "clause", "reason"), FOLLOW_UPS, ids=[f"{c[0]}-{i}" for i, c in enumerate(FOLLOW_UPS)])
def test_a_qualifier_weakens_the_commitment(tmp_path, lang, req, clause, reason):
    doc = tmp_path / "terms.txt"
    doc.write_text((HEAD_EN if lang == "en" else HEAD_ZH) + clause + "\n", encoding="utf-8")
    f = _finding(doc, requirement=req)  # with the reader, which also reads sentences the rules passed over
    assert f["status"] == "weakened" and reason in {r["code"] for r in f["reasons"]}, f
    if "。" in clause[:-1] or ". " in clause:  # two sentences: quoted with the one that qualifies it
        assert len(f["evidence"][0]["text"]) > len(clause.split("。")[0].split(". ")[0]) + 5


# Who is bound when the subject is what a party does: "Any access by the Provider to the data of the
# Customer shall be limited ..." binds the Provider, though "Customer" is named nearest the modal.
@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("lang", "clause", "status"), [
    ("en", "2.1 Any access by the Provider to the data of the Customer and its users shall be limited to what is "
           "strictly necessary to provide the Services, and shall require the Customer's prior authorization.",
     "compliant"),
    ("en", "2.1 Provider's access to and use of the data of the Customer and its users shall be limited to what is "
           "strictly necessary to provide the Services.", "compliant"),
    ("en", "2.1 Customer's use of the Provider's data shall be limited to the purposes of this Agreement.", "missing"),
    ("zh", "2.1 乙方对甲方及其用户的数据的任何访问应以提供维护服务所严格必需为限，且每次均须事先取得甲方授权。", "compliant"),
], ids=["by-provider", "provider-s", "customer-s", "zh"])
def test_the_party_whose_act_is_the_subject_is_bound(tmp_path, flags, lang, clause, status):
    doc = tmp_path / "terms.txt"
    doc.write_text((HEAD_EN if lang == "en" else HEAD_ZH) + clause + "\n", encoding="utf-8")
    assert _finding(doc, *flags)["status"] == status


def test_a_sentence_that_only_defers_to_the_commitment_does_not_qualify_it(tmp_path):
    """"Subject to the foregoing, the Provider shall not be liable for ..." names the commitment but
    defers to it: the commitment stays compliant, and is quoted alone."""
    clause = ("2.1 The Provider warrants that it will not collect or use any Customer Data except as necessary to "
              "provide the Services. Subject to the foregoing, the Provider shall not be liable for any loss "
              "arising from the Customer's failure to keep back-up copies of its data.")
    doc = tmp_path / "terms.txt"
    doc.write_text(HEAD_EN + clause + "\n", encoding="utf-8")
    f = _finding(doc)
    assert f["status"] == "compliant", f
    assert "liable" not in f["evidence"][0]["text"]


def test_a_compliant_verdict_the_reader_did_not_read_goes_to_review(tmp_path, monkeypatch):
    """Over the reader's budget a commitment is read by the rules alone: a "compliant" resting on
    it is flagged for review and never reported as sure (a weakened one keeps its confidence)."""
    import clausecheck.judge as J
    from clausecheck.api import Engine
    from clausecheck.read import read_document

    doc = tmp_path / "terms.txt"
    doc.write_text(HEAD_EN + "2.1 The Provider shall not collect, access, use or transfer any data of the Customer "
                   "or its users without the Customer's prior written authorization for each occasion.\n",
                   encoding="utf-8")
    engine = Engine()
    read = J.judge_document(read_document(doc), engine.library)
    f = next(x for x in read.findings if x.requirement == "no-illegal-data-acquisition")
    assert f.status == "compliant" and f.confidence >= 0.9 and not f.needs_review  # read by both
    monkeypatch.setattr(J, "MAX_READ", 0)
    monkeypatch.setattr(J, "MAX_UNREAD_COMMITMENTS", 0)
    unread = J.judge_document(read_document(doc), engine.library)
    g = next(x for x in unread.findings if x.requirement == "no-illegal-data-acquisition")
    assert g.status == "compliant" and g.confidence <= 0.65 and g.needs_review
    assert g.evidence[0].reading.probability is None  # the report shows it was the rules' word alone


HEAD_EN3 = ('SUPPLY TERMS\n\nThese terms are between Birch Systems Ltd. (the "Provider") and the customer named in the '
            'order (the "Customer").\n\n1. Services\n1.1 The Provider shall provide the Services described in the '
            'order.\n\n3. Undertakings\n')
HEAD_ZH3 = "运维服务合同\n\n甲方：某某银行股份有限公司（采购人）\n乙方：某某信息技术有限公司（供应商）\n\n第一条 服务\n1.1 乙方应向甲方提供运维服务。\n\n第三条 承诺\n"

# Wording that softens, narrows or conditions a commitment without the guide's stock phrases, and
# wording that only looks like it does. (requirement, language, clause, status, reasons, reader too)
WORDING = [
    ("review-cooperation", "en", "3.1 Should the Customer's procurement be subject to a cybersecurity review, the "
     "Provider shall provide all materials and explanations that the review requires.", "compliant", set(), True),
    ("review-cooperation", "en", "3.1 The Provider may assist the Customer in any cybersecurity review of the "
     "Services.", "weakened", {"permissive-modal"}, True),
    ("review-cooperation", "en", "3.1 The Provider shall cooperate with any cybersecurity review of the Services. "
     "The Provider's cooperation shall not extend to site visits or to the disclosure of source code.",
     "weakened", {"narrowed-scope"}, True),
    ("review-cooperation", "en", "3.1 The Provider shall cooperate with any cybersecurity review of the Services, "
     "but need not support more than two such reviews in any calendar year.", "weakened", {"conditional"}, True),
    ("no-unjustified-supply-interruption", "en", "3.1 The Provider shall not suspend the Services other than for "
     "non-payment of fees, whether or not the fees are disputed.", "weakened", {"carve-out"}, True),
    ("no-unjustified-supply-interruption", "en", "3.1 The Provider shall not interrupt deliveries of the Equipment "
     "without just cause. This clause does not apply to support services.", "weakened", {"narrowed-scope"}, False),
    ("no-illegal-device-control", "en", "3.1 The Provider warrants that the Software contains no disabling code or "
     "back door, and will not remotely disable or access the Customer's systems.", "compliant", set(), True),
    ("review-cooperation", "en", "3.1 Subject to the Provider's prior written consent, the Provider shall support the "
     "Customer in any cybersecurity review of the Services.", "weakened", {"conditional"}, True),
    ("review-cooperation", "en", "3.1 The Provider shall provide the materials and explanations that any cybersecurity "
     "review of the Services requires, save that no source code need be disclosed.", "weakened", {"carve-out"}, True),
    ("no-unjustified-supply-interruption", "en", "3.1 The Provider shall maintain the supply of the Services, subject to "
     "its right to withdraw features as it deems appropriate.", "weakened", {"unilateral-discretion"}, True),
    ("no-unjustified-supply-interruption", "en", "3.1 The Provider shall not interrupt the supply of the Equipment "
     "without just cause; support is provided on an as-available basis.", "weakened", {"narrowed-scope"}, True),
    ("review-cooperation", "zh", "3.1 乙方配合网络安全审查，以甲方承担由此产生的全部费用为前提。", "weakened", {"conditional"}, True),
    ("review-cooperation", "zh", "3.1 乙方配合网络安全审查，费用由乙方承担。", "compliant", set(), True),
    ("review-cooperation", "zh", "3.1 乙方应当配合网络安全审查，但甲方每个合同年度仅可要求一次。", "weakened", {"conditional"}, True),
    ("no-illegal-device-control", "en", "3.1 The Provider's security policy provides that remote access to the "
     "Customer's equipment is granted only with the Customer's approval.", "weakened", {"non-binding"}, True),
    ("no-illegal-device-control", "en", "3.1 The Provider shall not remotely control the Customer's systems without the "
     "Customer's consent. This obligation shall terminate when the support period ends.", "weakened",
     {"time-limited"}, True),
    ("no-illegal-data-acquisition", "zh", "3.1 乙方不得未经授权获取甲方的用户数据，除非乙方认为有必要保护其权益。", "weakened",
     {"unilateral-discretion"}, True),
    ("no-illegal-device-control", "zh", "3.1 乙方不得未经授权远程操作甲方的设备。本承诺于终验合格时失效。", "weakened",
     {"time-limited"}, True),
    ("no-unjustified-supply-interruption", "en", "3.1 The Provider will not suspend the Services unless the Customer is "
     "in material breach, has failed to cure it within thirty (30) days after written notice and has failed to attempt "
     "to resolve the dispute.", "compliant", set(), True),
    ("no-unjustified-supply-interruption", "zh", "3.1 乙方保证持续提供维护服务，不得中途停止；甲方经书面催告后三十日内"
     "仍未支付无争议款项的，乙方可暂停服务。", "compliant", set(), True),
    ("no-unjustified-supply-interruption", "zh", "3.1 在双方争议解决期间，乙方不中断技术支持服务。",
     "weakened", {"narrowed-scope"}, True),
    ("no-unjustified-supply-interruption", "zh", "3.1 乙方不得无正当理由造成运维服务的重大中断。",
     "weakened", {"narrowed-scope"}, True),
    ("review-cooperation", "zh", "3.1 乙方应配合网络安全审查，但其配合义务仅限于提供产品说明书。",
     "weakened", {"narrowed-scope"}, True),
    ("no-illegal-data-acquisition", "zh", "3.1 乙方不得明知而获取甲方的用户数据。", "weakened", {"narrowed-scope"}, True),
    ("no-illegal-device-control", "zh", "3.1 乙方保证软件不含后门或恶意代码，并保证不会擅自远程控制或锁定甲方设备。",
     "compliant", set(), True),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("req", "lang", "clause", "status", "reasons", "reader"), WORDING,
                         ids=[f"{w[1]}-{w[0][:10]}-{i}" for i, w in enumerate(WORDING)])
def test_wording_that_narrows_or_conditions(tmp_path, flags, req, lang, clause, status, reasons, reader):
    """"Should the review ..." is a condition, not a soft "should"; "may assist" is a permission to do
    what is asked; a limit on the obligation itself ("shall not extend to", 仅限于) or on its scope
    (only material interruptions, only disputes, knowingly) narrows it; non-payment "whether or not
    disputed" is no just cause; non-payment after notice of an undisputed sum is (未支付…的 is a
    ground, not a condition); a no-back-door warranty that also binds conduct is compliant."""
    if flags == () and not reader:
        # The reader reads this two-sentence unit as no commitment: the rules alone must narrow it,
        # and with the reader it must at least not pass as compliant.
        assert _judged(tmp_path, (HEAD_EN3 if lang == "en" else HEAD_ZH3) + clause + "\n",
                       requirement=req)["status"] != "compliant"
        return
    _reads(_judged(tmp_path, (HEAD_EN3 if lang == "en" else HEAD_ZH3) + clause + "\n", *flags, requirement=req),
           status, reasons)


SYSTEMS = [
    ("en", "3.1 The Provider shall not access the Customer's network or servers without the Customer's prior "
     "written consent.", "weakened", {"narrowed-scope"}),
    ("en", "3.1 Each party shall access only those systems of the other party that it needs to perform this "
     "Agreement.", "weakened", {"narrowed-scope"}),
    ("en", "3.1 The Provider shall not remotely access, disable or reconfigure the Customer's systems without the "
     "Customer's prior written consent.", "compliant", set()),
    ("en", "3.1 The Customer shall not access the Provider's systems without the Provider's prior written consent.",
     "missing", set()),
    ("zh", "3.1 未经甲方书面同意，乙方不得访问甲方的业务系统。", "weakened", {"narrowed-scope"}),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("lang", "clause", "status", "reasons"), SYSTEMS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(SYSTEMS)])
def test_access_to_the_other_partys_systems(tmp_path, flags, lang, clause, status, reasons):
    """The guide: a binding restriction on the supplier's access to, or changes of, the operator's
    systems without its authorization is a device commitment, narrowed where it covers only some
    acts (access, changes: not control or disabling, which the undertaking's own words cover). The
    supplier's own systems, and the customer's duty, are not."""
    _reads(_judged(tmp_path, (HEAD_EN3 if lang == "en" else HEAD_ZH3) + clause + "\n", *flags,
                   requirement="no-illegal-device-control"), status, reasons)


def test_changes_to_the_suppliers_own_systems_are_no_device_commitment_by_rule(tmp_path):
    """The convention is about the operator's systems: a change-control duty on the supplier's own
    systems is not one (rules alone; the reader r5 reads this clause as a device commitment at
    Pc >= 0.7 by itself, a known error of the reader noted in MODEL_CARD)."""
    doc = tmp_path / "terms.txt"
    doc.write_text(HEAD_EN3 + "3.1 The Provider shall not make any change to its own quality system without the "
                   "Customer's approval.\n", encoding="utf-8")
    assert _finding(doc, "--no-model", requirement="no-illegal-device-control")["status"] == "missing"


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("second", "status"), [
    ("Customer hereby grants the Provider a worldwide, royalty-free licence to use and analyse Customer Data "
     "to develop and improve the Provider's products.", "weakened"),
    ("The Customer grants, with effect from the date of each order, to the Provider a non-exclusive right to copy "
     "Customer Data solely to perform that order; and a perpetual, royalty-free licence to use Customer Data in "
     "aggregated form for research and benchmarking.", "weakened"),
    ("The Provider shall not have any right to use Customer Data for any other purpose.", "compliant"),
])
def test_a_licence_to_use_data_for_the_suppliers_own_purposes_takes_the_commitment_back(tmp_path, flags, second,
                                                                                       status):
    """The guide: a licence in which the customer lets the supplier use data for its own purposes is a
    take-back, though the contract itself authorizes it, however the grant is phrased; a denial of
    any such right is not one."""
    doc = tmp_path / "terms.txt"
    doc.write_text(HEAD_EN + "2.1 The Provider shall not access or use Customer Data except as necessary to provide "
                   "the Services.\n2.2 " + second + "\n", encoding="utf-8")
    f = _finding(doc, *flags)
    assert f["status"] == status, f
    if status == "weakened":
        assert "overridden" in {r["code"] for r in f["reasons"]}, f


DEVICE_WORDING = [
    # A warranty's list runs over semicolons; undocumented features are back doors in other words.
    ("3.1 The Provider warrants that (a) the Software will perform substantially in accordance with the "
     "Documentation; (b) it will correct reproducible errors; and (c) the Software will not contain any "
     "undocumented feature.", "weakened", {"narrowed-scope"}),
    # A duty to follow the operator's own access policies is no restriction the contract itself sets
    # (two independent labelings of the real development contracts, adjudicated, session 8).
    ("3.1 The Provider shall ensure that its staff comply with the Customer's security rules and the Customer's "
     "policies governing access to the Customer's computer systems.", "missing", set()),
    # A heading glued to the clause below it disclaims nothing ...
    ("3.1 WARRANTIES AND DISCLAIMERS. The Provider warrants that the Software is free of viruses and disabling "
     "code.", "weakened", {"narrowed-scope"}),
    # A period inside a name does not end the warranty's sentence.
    ("3.1 The Provider warrants that during the Warranty Period the Software and the Birch.net Portal are free of "
     "any virus or disabling code.", "weakened", {"narrowed-scope", "time-limited"}),
    # ... but "makes no representation that ... free of viruses" does.
    ("3.1 NO PARTY MAKES ANY REPRESENTATION THAT ITS SERVICES WILL BE UNINTERRUPTED OR THAT THE SOFTWARE IS FREE "
     "OF VIRUSES.", "missing", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("clause", "status", "reasons"), DEVICE_WORDING,
                         ids=[f"device-{i}" for i in range(len(DEVICE_WORDING))])
def test_device_commitments_in_real_contract_wording(tmp_path, flags, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD_EN3 + clause + "\n", *flags, requirement="no-illegal-device-control"),
           status, reasons)


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_a_section_number_inside_a_clause_does_not_end_its_sentence(tmp_path, flags):
    """Cue windows stay within a sentence, but "Section 4.2" is no sentence end: a right to suspend
    for convenience that cites a section is still found and takes the commitment back."""
    doc = tmp_path / "terms.txt"
    doc.write_text(HEAD_EN3 + "3.1 The Provider shall not suspend the Services without just cause.\n3.2 The Provider "
                   "may, as set out in Section 4.2, suspend the Services for convenience.\n", encoding="utf-8")
    f = _finding(doc, *flags, requirement="no-unjustified-supply-interruption")
    assert f["status"] == "weakened", f
    assert "overridden" in {r["code"] for r in f["reasons"]}, f


def test_patterns_skipped_on_english_text_could_not_match_it():
    """The library skips its Chinese-only patterns on text without a Chinese character (speed): on
    English, Chinese and mixed clauses every yes/no test answers as trying each pattern would."""
    from clausecheck.library import AnyOf, load_library

    texts = [
        "the provider shall not access customer data except as necessary to perform the services.",
        "either party may terminate this agreement for convenience on ninety (90) days' notice.",
        "the software does not contain any virus, back door or time bomb.",
        "乙方不得非法获取甲方的用户数据，不得利用提供产品的便利条件非法控制用户设备。",
        "乙方配合网络安全审查，无正当理由不中断产品供应。",
        "the supplier (乙方) shall cooperate with the cybersecurity review 网络安全审查.",
    ]
    compiled = load_library().compiled
    tests = [v for u in compiled.undertakings.values() for v in vars(u).values() if isinstance(v, AnyOf)]
    tests += [v for v in vars(compiled).values() if isinstance(v, AnyOf)]
    skipped = sum(sum(t.chinese_only) for t in tests)
    assert skipped > 0
    for t in tests:
        for text in texts:
            plain = next((m for p in t.patterns if (m := p.search(text))), None)
            got = t.search(text)
            assert (got and got.group(0)) == (plain and plain.group(0)), (t.patterns, text)
