"""What independently written IT agreements showed (session 10's development set,
``training/labels/devdocs2``), through the real CLI, with the reader and with the rules alone.
Every clause here was written for this test.

- The reader reads a long clause through a window of about 300 characters from its first topic
  word; an undertaking whose words come only after that window is read again from its own words
  ("... shall keep an information security management system ..., and shall cooperate with any
  cybersecurity review" reaches the review). "Information security" is no user data.
- Where the window cut off the clause's start and the rules read it as the customer's ("The
  Customer is solely responsible for ... a cybersecurity review"), the reader does not overrule
  them: it did not see whose duty it is.
- A right the reader alone finds must name the undertaking's subject or one of the library's
  take-back wordings: raising prices or amending documents is no stop of supply.
- "Customer Content" is the customer's data (cloud terms call it so); "shall not seek to obtain"
  forbids even the attempt, it is no wish; a promise to keep providing during a dispute with words
  between 继续 and 提供 is still the dispute convention (narrowed to disputes).
- Chinese: a right to push code or deploy patches with no consent, in other verbs, takes the device
  commitment back; so does the customer's 同意并授权 for the supplier's own product work (a grant,
  held by the supplier) for the data commitment; and in 乙方仅为……处理甲方数据，不得…… the subject of
  不得 is 乙方, not the 甲方 of 甲方数据.
- Session 11 (``devdocs5``): a clause that opens with a condition is bound by its main modal
  ("Where the Customer is required to apply ..., the Provider shall", 如甲方须……，乙方应); the
  reader's "permissive" reading of a "may" in that condition does not stand where the rules read a
  binding modal; an exception enclosed in 除……外 ends at 外."""

from __future__ import annotations

import pytest

from test_conventions import HEAD_ZH3, _judged, _reads

HEAD = ('IT SERVICES AGREEMENT\n\nThis Agreement is made between Marlow Regional Water Authority (the "Customer") '
        'and Tessellate Systems, Inc. (the "Provider").\n\n1. Services\n1.1 The Provider shall provide the '
        'Services described in Schedule 1.\n\n')

REVIEW = "review-cooperation"
DEVICE = "no-illegal-device-control"
DATA = "no-illegal-data-acquisition"
SUPPLY = "no-unjustified-supply-interruption"

CASES = [
    ("long-review-clause", REVIEW,
     "7.4 The Provider shall keep its information security management system certified against a recognised "
     "standard for all of its hosting and support operations, shall tell the Customer within one business day "
     "of any critical vulnerability that it discovers in the Products, and shall cooperate with any "
     "cybersecurity review of the Products or the Services, furnishing without charge the documents, "
     "explanations and access that the reviewing authority asks for.", "compliant", set()),
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
    # a clause that opens with a condition is bound by its main modal, not by the condition's
    # ("Where the Customer is required to ...": the Provider is bound) ...
    ("condition-lead", REVIEW,
     "7.6 Where the Customer is required to apply for a cybersecurity review of this purchase, the Provider "
     "shall, on the Customer's written request made at least twenty (20) days in advance, provide the "
     "documents and explanations that the review needs.", "weakened", {"conditional"}),
    # ... and the "may" of such a condition is no permission
    ("condition-may", REVIEW,
     "7.6 Without limiting clause 7.5, if the Customer determines, in its capacity as an operator of critical "
     "information infrastructure, that its procurement of the Services or of any Provider Tools is or may be "
     "subject to a Cybersecurity Review, or if the Cybersecurity Review Office or any other competent authority "
     "initiates a Cybersecurity Review of such procurement, the Provider shall cooperate fully with such "
     "Cybersecurity Review, including by promptly providing to the Customer and, where requested, directly to "
     "the reviewing authority, all documents, information and technical materials relating to the Services "
     "that are requested for the review.", "compliant", set()),
    # a promise that runs only for a defined period shorter than the agreement is time-limited ...
    ("minimum-period", SUPPLY,
     "4.2 The Provider shall not suspend, withdraw or discontinue the Support Services at any time during the "
     "Minimum Support Period, which ends two (2) years after acceptance.", "weakened", {"time-limited"}),
    # ... and a right to suspend for unpaid sums, with a limit on it in the next sentence, is a right with
    # its limits, not the promise: the verdict rests on the real promise
    ("right-with-its-limit", SUPPLY,
     "4.2 The Provider shall not suspend, withdraw or discontinue the Support Services at any time during the "
     "Minimum Support Period, which ends two (2) years after acceptance.\n"
     "9.4 If any undisputed invoice remains unpaid for more than sixty (60) days after its due date, the Provider "
     "may give the Customer written notice of the non-payment and, if the invoice is still unpaid thirty (30) "
     "days after that notice, may suspend the provision of non-urgent Support Services until it is paid. The "
     "Provider shall not suspend the resolution of priority one incidents under this clause.",
     "weakened", {"time-limited"}),
    # an exception ends where a new duty is joined to the sentence: the marketing the second duty forbids
    # is no ground of the exception
    ("exception-ends-at-next-duty", DATA,
     "6.2 The Provider shall not collect, access, use or disclose any Customer Data except to the extent strictly "
     "necessary to provide the Services in accordance with the Customer's documented instructions, and shall not "
     "use any Customer Data for its own purposes, including marketing, profiling or product development.",
     "compliant", set()),
    # a right to install updates on the customer's equipment remotely without its approval, the act named
    # first, takes the device commitment back; so does a right to put it into a restricted mode
    ("remote-install-act-first", DEVICE,
     "6.3 The Provider shall not access, reconfigure or disable any Customer Equipment except as the Customer "
     "authorises in writing.\nSchedule 2, paragraph 4. The Provider may install firmware updates on any meter "
     "gateway remotely at any time it considers appropriate, without the Customer's prior approval.",
     "weakened", {"overridden"}),
    ("restricted-mode", DEVICE,
     "6.3 The Provider shall not access, reconfigure or disable any Customer Equipment except as the Customer "
     "authorises in writing.\nSchedule 4, paragraph 2. If an invoice is overdue, the Provider may, without "
     "further notice, place any of the charging units into restricted mode until payment is made.",
     "weakened", {"overridden"}),
    # handing the equipment over to a successor at exit is transition assistance, not a device promise
    ("handover-to-successor", DEVICE,
     "17.2 On exit, the Provider shall reconfigure each gateway to connect to the successor platform designated by "
     "the Customer and shall not leave any gateway locked to its own systems.", "missing", set()),
    # a licence to extract data derived from the customer's data for the supplier's own products takes
    # the data commitment back
    ("licence-to-extract", DATA,
     "6.2 The Provider shall not access, collect or use any Customer Data except to the extent strictly necessary "
     "to perform the Services on the Customer's written instructions.\n20.4 The Customer further grants to the "
     "Provider and its Affiliates a perpetual, royalty-free licence to extract, retain and use aggregated information "
     "derived from the Customer Data for the purposes of developing, improving and benchmarking the Provider's "
     "products.", "weakened", {"overridden"}),
    # buying equipment for the customer is procurement, not control of its equipment
    ("buying-equipment", DEVICE,
     "6.4 The Provider shall not purchase any tooling, hardware or other capital equipment on the Customer's "
     "account without the Customer's prior written approval.", "missing", set()),
    # suspension for an amount "not disputed in good faith", after notice, is just cause
    ("not-disputed-in-good-faith", SUPPLY,
     "4.1 The Provider must not suspend, withhold or interrupt the Services during the Term.\n"
     "11.3 If the Customer has failed to pay an amount that is due and not disputed in good faith, and that "
     "amount remains unpaid thirty days after the Provider has given the Customer a written notice identifying "
     "it, the Provider may suspend the implementation work (but not the support) until the amount is paid.",
     "compliant", set()),
    # how the network is built is a security measure, not a promise about controlling equipment
    ("network-segregation", DEVICE,
     "6.6 The control network shall be segregated from the corporate network by a one-way gateway and shall "
     "not be connected directly to the internet.", "missing", set()),
    # a long clause that opens with its reasons is read from its duty: the reader sees what it forbids
    ("reasons-first", DEVICE,
     "7.3 Recognizing that the Network Elements support the delivery of essential public utility services and that "
     "unauthorized changes to them could endanger public safety and the reliability of supply, the Provider shall "
     "use commercially reasonable efforts to ensure that neither the Provider nor any of its personnel or "
     "subcontractors accesses, configures, controls, disables or otherwise manipulates any Customer System or "
     "Network Element other than as authorized by the Customer under the access protocol.",
     "weakened", {"qualified-effort"}),
    # ... and so is one that opens with what the parties recognise and then, "accordingly", binds
    ("recognise-accordingly", SUPPLY,
     "6.1 The Parties recognise that the Ticketing System is essential to the safe and lawful carriage of "
     "passengers and that any withdrawal of it would cause serious disruption to the travelling public and, "
     "accordingly, the Provider shall not suspend, withhold, interrupt or discontinue the provision of the Services "
     "or the supply of the technical support, spare parts and software updates necessary for the continued operation "
     "of the Ticketing System, save only as permitted by clause 22 (Force Majeure).\n"
     "23.3 The Provider shall continue to perform its obligations in full while any dispute is being resolved.",
     "compliant", set()),
    # a "may" with conditions set off by commas before what it permits is still the permissive commitment
    ("may-with-conditions-between", REVIEW,
     "A8.1 If the Customer notifies the Provider in writing that its procurement of the Services is the subject of a "
     "cybersecurity review, the Provider may, upon the Customer's written request, at the Customer's sole cost and "
     "no more than once in any twelve-month period, provide the Customer with reasonable information about the "
     "Services that it requires for that review.", "weakened", {"permissive-modal", "conditional"}),
    # ", and in no circumstances for ..." forbids more: it is no ground of the exception before it
    ("in-no-circumstances", DATA,
     "7.2 The Provider must not access, collect, use or retain any Customer Data except to the extent strictly "
     "necessary to perform its obligations under this Agreement or as directed by the Customer in writing, and in "
     "no circumstances for marketing, analytics or product improvement.", "compliant", set()),
    # ... and keeping up the service for an exit period after termination is not the supply promise
    ("exit-period", SUPPLY,
     "17.3 On expiry or termination, the Provider shall provide a full export of the Customer Data, support the "
     "Customer's replacement supplier in migrating it, and continue to provide the Support Services at the "
     "prevailing charges for the duration of the exit period.", "missing", set()),
    ("customer-content", DATA,
     "3.1 The Provider will not access or use Customer Content except as needed to run and support the "
     "Services or as required by the law of any country.", "weakened", {"carve-out"}),
    # where data may not go is localisation, not the data undertaking
    ("no-transfer-abroad", DATA,
     "3.4 Logs relating to users in mainland China shall be kept on servers located in mainland China, and "
     "the Provider shall not transfer them abroad except in compliance with PRC law on cross-border transfers.",
     "missing", set()),
    # "only for as long as needed" limits what an exception permits; it does not time-limit the promise
    ("only-as-long-as-needed", DATA,
     "3.1 The Provider shall not obtain, copy or retain any Customer Data, except where the Customer has "
     "authorised it in writing for a particular support ticket and only for as long as needed to resolve it.",
     "compliant", set()),
    # the guide: exceptions for fraud and for requests of any authority are carve-outs
    ("fraud-and-any-authority", DATA,
     "3.1 The Provider will not collect, use or retain Customer Data other than as needed to provide the "
     "Services, except that the Provider may use Customer Data for fraud detection across all of its customers "
     "and may disclose it to any governmental authority that asks for it.", "weakened", {"carve-out"}),
    ("not-seek-to-obtain", DATA,
     "3.1 The Provider shall not seek to obtain any Customer Data from anyone but the Customer, and shall not "
     "use Customer Data for any purpose other than providing the Services.", "compliant", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), CASES, ids=[c[0] for c in CASES])
def test_written_agreement_wording(tmp_path, flags, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD + clause + "\n", *flags, requirement=requirement), status, reasons)


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_keeping_on_during_a_dispute_in_chinese_with_words_between(tmp_path, flags):
    clause = "8.2 争议解决期间，乙方应当继续按本合同的约定提供运维服务，不得以存在争议为由中断运维服务。\n"
    _reads(_judged(tmp_path, HEAD_ZH3 + clause, *flags, requirement=SUPPLY), "weakened", {"narrowed-scope"})


ZH_DEVICE = "5.1 乙方不得在未经甲方授权的情况下远程控制、操纵甲方的服务器及其他设备。\n"
ZH_DATA = "5.2 乙方仅为提供运维服务处理甲方数据，不得将甲方数据用于其他目的。\n"

ZH_CASES = [
    # a right to push code with no consent, in other verbs (下发, 部署) and further apart
    ("hot-update", DEVICE, ZH_DEVICE + "7.3 为修复缺陷或适应业务调整，乙方有权通过系统内置的热更新机制向甲方的服务器下发配置变更和功能代码，"
     "该等更新自动生效，无需另行取得甲方的事先确认。", "weakened", {"overridden"}),
    ("direct-deploy", DEVICE, ZH_DEVICE + "7.3 对于乙方认定为重要的安全补丁，乙方有权通过远程维护通道直接部署至甲方的生产环境，"
     "无需另行取得甲方同意。", "weakened", {"overridden"}),
    # a licence the customer grants for the supplier's own product work
    ("comma-subject", DATA, ZH_DATA, "compliant", set()),
    # help with the handover after the end is transition assistance, not a promise to keep supplying
    ("handover-after-end", SUPPLY, "10.3 本合同因任何原因终止的，乙方应在甲方指定的期限内配合甲方完成运维工作交接，交接期间按原标准继续提供运维服务。",
     "missing", set()),
    # an exception enclosed in 除……外 ends at 外: a dispute about fees later in the sentence is no
    # ground of it (force majeure and a just-cause clause are), so the promise stands ...
    ("enclosed-exception", SUPPLY, "7.5 除本合同第9.2条约定的情形及不可抗力外，在维保期内乙方不得以任何理由停止或中断提供维保服务；"
     "双方就维保费用存在争议的，乙方亦应在争议期间照常提供维保服务。\n9.2 甲方逾期支付无争议的维保费用，经乙方书面催告后"
     "三十日内仍未支付的，乙方可以暂停提供维保服务，直至甲方付清欠款。", "compliant", set()),
    # ... while one that is a carve-out inside 除……外 still is one
    ("enclosed-carve-out", SUPPLY, "7.5 除乙方为遵守任何国家的出口管制法律而需暂停服务的情形外，在维保期内乙方不得停止或中断提供维保服务。",
     "weakened", {"carve-out"}),
    ("condition-lead", "review-cooperation", "9.4 如甲方须就本项目申报网络安全审查，乙方应当在收到甲方书面请求后十日内提供审查所需的产品资料和书面说明，"
     "相关费用由甲方承担。", "weakened", {"conditional"}),
    # a security zone design of the system is no device commitment
    ("security-zones", DEVICE, "6.2 监控系统应划分生产控制区与管理信息区，两区之间部署单向隔离装置，生产控制区不得与互联网直接连接。",
     "missing", set()),
    # a lead-in that mentions personal information does not narrow a promise about all the customer's data
    ("lead-in-personal-information", DATA, "8.2 考虑到平台所涉患者个人信息数量巨大，乙方承诺，不利用提供服务的便利条件非法获取甲方数据，"
     "未经甲方事先书面同意，不得收集、复制、留存或者使用甲方数据，亦不得将甲方数据用于本合同约定以外的任何目的。", "compliant", set()),
    # 有权机关 (a competent authority) holds no right; a right of 甲方 stated after 通知乙方 is 甲方's;
    # late payment of undisputed fees (逾期支付无争议的服务费用) after a demand is just cause
    ("competent-authority-no-right", SUPPLY, "9.1 乙方不得无正当理由中断或者暂停运维服务。\n9.2 有下列情形之一的，乙方可以暂停"
     "部分服务：（一）甲方逾期支付无争议的服务费用，经乙方书面催告后三十日内仍未支付的；（二）因不可抗力导致服务无法提供的。\n"
     "9.3 中华人民共和国法律法规规定或者有权机关依法要求暂停服务的，按其要求执行。\n"
     "15.2 甲方提前三十日书面通知乙方，可以解除本合同，但应当支付已发生的服务费用。", "compliant", set()),
    # a right to disclose the data on the request of 有权机关 (any competent authority) is a take-back
    ("authority-disclosure", DATA, ZH_DATA + "9.5 乙方可以披露甲方数据，以配合有权机关的调查。", "weakened", {"overridden"}),
    # a kill switch through the licence is a take-back of the device commitment whatever its ground, late
    # payment after a demand included (the guide: just cause excuses a stop of supply, not a kill switch)
    ("licence-kill-switch", DEVICE, ZH_DEVICE + "15.3 甲方逾期支付合同价款超过九十日，经乙方书面催告后十五日内仍未支付的，乙方有权通过软件"
     "授权管理功能，将甲方工作站上监控软件的高级应用模块设置为受限运行状态，直至甲方付清全部欠款。", "weakened", {"overridden"}),
    ("granted-licence", DATA, ZH_DATA + "9.4 甲方同意并授权乙方，将运维过程中获取的设备日志数据在去标识化处理后，用于乙方自身产品的研发与优化，"
     "并可在乙方的关联公司范围内共享使用。", "weakened", {"overridden"}),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), ZH_CASES,
                         ids=[c[0] for c in ZH_CASES])
def test_written_agreement_wording_in_chinese(tmp_path, flags, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD_ZH3 + clause + "\n", *flags, requirement=requirement), status, reasons)


# Session 11, devdocs6: where data is kept is localisation however it is worded; who the parties are
# in bilingual preambles, in "(together and severally, the "Licensor")", in 发包人/承包人 and in
# published terms that name the parties "we" and "you".
LOCALISATION = [
    ("en", "6.4 Customer Data shall be stored only on servers and systems located within the People's Republic of "
           "China, and the Provider shall not transfer any Customer Data outside the People's Republic of China."),
    ("en", "6.4 The Provider shall store Customer Data only in data centers located in the United States and shall "
           "not permit any personnel located outside the United States to access Customer Data."),
    ("zh", "6.4 甲方数据仅能存储于位于中华人民共和国境内的服务器，乙方不得将任何甲方数据传输至中华人民共和国境外。"),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("lang", "clause"), LOCALISATION, ids=["en-stored-within", "en-accessed-from-abroad", "zh"])
def test_where_data_is_kept_is_not_the_data_undertaking(tmp_path, flags, lang, clause):
    _reads(_judged(tmp_path, (HEAD if lang == "en" else HEAD_ZH3) + clause + "\n", *flags, requirement=DATA),
           "missing", set())


def _parties(tmp_path, text: str):
    from clausecheck.library import load_library
    from clausecheck.parties import detect_parties
    from clausecheck.read import read_document
    from clausecheck.segment import segment

    doc = tmp_path / "agreement.txt"
    doc.write_text(text, encoding="utf-8")
    return detect_parties(segment(read_document(doc)), load_library())


def test_a_bilingual_preamble_names_each_party_twice(tmp_path):
    p = _parties(tmp_path, (
        'NETWORK EQUIPMENT SUPPLY AGREEMENT\n网络设备供货合同\n\n'
        'This Agreement is made between:\n本合同由以下双方签订：\n\n'
        'LANTERN MOBILE CO., LTD., a company established in Hangzhou, with its registered address at 8 Lake '
        'Road (the "Operator"); and\n灯塔移动有限公司，一家在杭州设立的公司，注册地址为湖滨路8号（“运营商”）；以及\n\n'
        'BRIGHTPATH NETWORKS CO., LTD., a company established in Shenzhen, with its registered address at 3 '
        'Science Road (the "Vendor").\n光径网络有限公司，一家在深圳设立的公司，注册地址为科技路3号（“供应商”）。\n\n'
        '1. The Vendor shall supply the Products and the Operator shall pay the Price.\n'
        '1. 供应商应供应产品，运营商应支付价款。\n'
        '2. 运营商可以提前三十日书面通知供应商，解除本合同。\n'))
    assert "运营商" in p.customer_terms and p.supplier_term_zh == "供应商"


def test_party_terms_in_other_preamble_wordings(tmp_path):
    # ("together and severally, the "Licensor"") defines the licensor; 发包人 and 承包人 are role words
    p = _parties(tmp_path, (
        'SWITCH LICENCE AGREEMENT\n\nBETWEEN:\n(1) NORTHGATE CLEARING CORPORATION, a company incorporated in '
        'China, whose registered office is at 1 Finance Street, Beijing (the "Network Operator"); and\n'
        '(2) ORBITAL SWITCH PTE. LTD., a company incorporated in Singapore, acting together with its subsidiary '
        '(together and severally, the "Licensor").\n\n1. The Licensor shall license the Software to the Network '
        'Operator.\n2. The Network Operator shall pay the Licence Fee.\n'))
    assert p.supplier_term == "Licensor" and "Network Operator" in p.customer_terms
    p = _parties(tmp_path, "监控系统改造合同\n\n发包人：青岚水电开发有限责任公司（以下简称“发包人”）\n"
                           "承包人：北辰智控工程有限公司（以下简称“承包人”）\n\n1. 承包人应完成改造工程，发包人应支付合同价款。\n")
    assert p.supplier_term_zh == "承包人" and "发包人" in p.customer_terms


def test_published_terms_that_call_the_parties_we_and_you(tmp_path):
    # "Developer" leans supplier as a word, but here it is the customer: "we" and "you" decide
    p = _parties(tmp_path, (
        'MAPS PLATFORM DEVELOPER TERMS\n\nThese Developer Terms form an agreement between Orrin Technologies '
        'Limited, a company incorporated in Hong Kong (together, "Orrin", "we", "us" or "our"), and the '
        'organisation on whose behalf you accept them (the "Developer", "you" or "your").\n\n'
        '1. We will provide the Services to you.\n2. You will pay the fees.\n'))
    assert p.supplier_term == "Orrin" and "Developer" in p.customer_terms


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_a_chinese_cost_condition_with_words_between(tmp_path, flags):
    clause = ("9.4 甲方书面通知乙方其采购正在接受网络安全审查的，乙方应在不超过每个合同年度一次的范围内，提供审查所需的文件和说明，"
              "费用全部由甲方承担。\n")
    _reads(_judged(tmp_path, HEAD_ZH3 + clause, *flags, requirement=REVIEW), "weakened", {"conditional"})


def test_at_no_additional_charge_restricts_nothing():
    # a duty to act "at no additional charge" (不另收费) is no restriction: a restrictive undertaking
    # (device, data) needs one, and these words must not supply it
    from clausecheck.library import load_library

    restriction = load_library().compiled.restriction
    for free in ("shall adapt the interfaces at no additional charge", "并应对接口进行调整，不另收费"):
        assert restriction.search(free) is None, free
    for restricts in ("shall not access the systems", "no access to the systems", "不得访问甲方系统"):
        assert restriction.search(restricts) is not None, restricts


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_a_list_item_is_limited_as_its_head_is(tmp_path, flags):
    # "(e) not contain any back door" read alone would be a promise for ever; its head limits it to
    # the warranty period
    clause = ("9.1 Product Warranty.\n9.2 The Provider warrants to the Customer that, during the Warranty Period, each "
              "Unit will:\n(a) conform to the Specifications;\n(b) be free from defects in materials and workmanship; and\n"
              "(c) not contain, in its firmware as delivered, any virus, back door, time bomb or other code designed to "
              "permit unauthorized access to the Unit or to disable it.\n")
    f = _judged(tmp_path, HEAD + clause, *flags, requirement=DEVICE)
    assert f["status"] == "weakened" and "time-limited" in {r["code"] for r in f["reasons"]}, f


# Session 12, devdocs7: exceptions introduced by "save (a) ...", or listed under "except:"; a forced
# update in the passive; a take-back on the supplier's own security judgement (自行决定 ... 强制安装);
# control as a fact that no one exercises; a warranty that also forbids using a disabling facility;
# a list item with no subject of its own; warranty-type periods and Chinese notice and cost conditions.
SESSION12 = [
    ("save-list-carve-out", SUPPLY,
     "9.1 The Provider shall not suspend or discontinue the Services or any necessary technical support, save (a) "
     "during a Force Majeure Event, (b) as permitted by clause 12.3 for undisputed invoices unpaid after notice, or "
     "(c) where the Provider concludes that further supply would breach the trade sanctions or export control "
     "regulations of any country to which the Provider or its suppliers are subject.", "weakened", {"carve-out"}),
    ("except-colon-list", SUPPLY,
     "9.1 The Provider will not suspend or interrupt the Services during the Term, except:\n"
     "(a) where undisputed charges are more than forty-five days overdue after written notice to the Customer;\n"
     "(b) for planned maintenance announced at least five days ahead; or\n"
     "(c) where the Provider decides that continuing would expose it to penalties under the export control or "
     "sanctions laws of any jurisdiction.\n", "weakened", {"carve-out"}),
    ("passive-forced-update", DEVICE,
     "8.1 The Provider shall not access, reconfigure or otherwise control the Customer's network equipment without "
     "the Customer's written authorisation for each occasion.\n"
     "8.6 Emergency Patches shall be applied to the gateways automatically by the Provider's patch service as soon as "
     "they are published, and the Provider shall not be required to obtain any further consent of the Customer for "
     "their installation.", "weakened", {"overridden"}),
    ("control-as-a-fact", DEVICE,
     "4.2 The Parties acknowledge that the Services depend on public telecommunications networks that neither Party "
     "controls.", "missing", set()),
    ("warranty-and-no-use-of-facility", DEVICE,
     "10.5 The Provider warrants that the Software contains no back door, time-lock or other mechanism capable of "
     "disabling the Customer's systems, and shall not exercise any such mechanism at any time.", "compliant", set()),
    ("parties-do-not-anticipate", DATA,
     "6.1 The Parties do not anticipate that the Provider will process any personal data of the Customer's "
     "employees in the course of the Services, other than their business contact details.", "missing", set()),
    ("stored-within-the-eea", DATA,
     "6.3 The Provider shall ensure that all Customer Data held by it is stored on equipment located within the "
     "European Economic Area and is not transferred outside the European Economic Area without the Customer's consent.",
     "missing", set()),
    ("promptly-upon-request-of-the-reviewer", REVIEW,
     "12.4 The Provider shall, at its own cost and promptly upon the request of the Customer or of the authority "
     "conducting any cybersecurity review of the Services, provide the documents and explanations that the review "
     "requires.", "compliant", set()),
    # the next clause names this one and limits it in time
    ("next-clause-limits-it", SUPPLY,
     "11.1 The Provider shall not suspend, interrupt or withdraw the supply of the Equipment, spare parts or the "
     "Maintenance Services, except in the case of Force Majeure.\n11.2 The obligations in Clause 11.1 apply from "
     "the date of this Agreement until the end of the Warranty Period.", "weakened", {"time-limited"}),
    # an item whose subject is a thing, after an opening phrase naming the customer, is bound by its head
    ("list-item-with-thing-subject", DEVICE,
     "9.2 The Provider warrants that:\n(a) the Software will perform materially in accordance with the Documentation; and\n"
     "(b) for sixty days after each release is first made available to the Customer, that release will not contain "
     "any virus, back door, time bomb or other code designed to disable the Customer's devices.\n",
     "weakened", {"narrowed-scope", "time-limited"}),
    ("agree-to-agree-on-continued-support", SUPPLY,
     "10.4 If the Customer wishes the Provider to continue supporting the System after the Support Period, the "
     "parties will negotiate in good faith a separate agreement for that support.", "missing", set()),
    # a forced update in other words: "by remote distribution", "without first obtaining ... approval";
    # and a sentence with two rights is read at its first (the second "may" follows the customer's name)
    ("remote-distribution-without-first-obtaining", DEVICE,
     "8.1 The Provider shall not access, reconfigure or otherwise control the Customer's terminals without the "
     "Customer's written authorisation for each occasion.\n8.4 Notwithstanding Clause 8.1, the Provider may deploy any "
     "Mandatory Release to all or any of the terminals by remote distribution without first obtaining the Customer's "
     "approval, and may for that purpose remotely restart the terminals.", "weakened", {"overridden"}),
    ("over-the-air-without-any-consent", DEVICE,
     "8.1 The Provider shall not access, reconfigure or otherwise control the Customer's terminals without the "
     "Customer's written authorisation for each occasion.\n8.4 The Provider may deploy any security release to the "
     "terminals and to any other Customer equipment on which its software is installed, by over-the-air or other "
     "remote means, without any change authorisation or further consent of the Customer being required.",
     "weakened", {"overridden"}),
    # a condition running over several commas, naming the customer: the main clause binds the provider
    ("long-condition-naming-the-customer", REVIEW,
     "12.3 Where the Customer declares its procurement of the Services for cybersecurity review, or is required to do "
     "so, or where the Cybersecurity Review Office initiates a review of it, the Provider shall cooperate fully with "
     "the review and provide all documents and explanations that are requested.", "compliant", set()),
    ("days-written-request-and-one-request-a-year", REVIEW,
     "7.2 If the procurement of the Services must undergo a cybersecurity review, the Provider shall, upon at least "
     "fifteen Business Days' written request of the Customer, provide the documents the review reasonably requires, "
     "and the Provider need not answer more than one such request in any Contract Year.", "weakened", {"conditional"}),
    ("store-data-only-within-the-prc", DATA,
     "6.5 The Provider shall store any Customer Data that it is permitted to hold only on encrypted systems located "
     "within the People's Republic of China, and shall not move the Customer Data to any other location without the "
     "Customer's consent.", "missing", set()),
    # an exception that is itself a forced update or a kill switch is a carve-out, whatever its ground
    ("exception-that-is-a-kill-switch", DEVICE,
     "9.3 The Provider shall not access, control or modify any device of the Customer without the Customer's prior "
     "written authorisation, save that the Provider may push mandatory updates to the mobile application and remotely "
     "disable any installation of it that runs an unsupported version.", "weakened", {"carve-out"}),
    ("list-item-of-the-customer", DEVICE,
     "5.1 The Customer shall:\n(a) pay the charges when due;\n(b) name a contract manager; and\n"
     "(c) ensure that every file it sends to the Provider's portal is free from viruses and other malicious code.\n",
     "missing", set()),
]

ZH12 = [
    ("defects-liability-period", SUPPLY,
     "9.4 在缺陷责任期内，乙方不得无正当理由中断设备、备品备件或者必要技术支持的供应。", "weakened", {"time-limited"}),
    ("notice-and-cost-condition", REVIEW,
     "11.1 甲方依法申报网络安全审查的，经甲方提前二十个工作日书面提出，乙方应当提供审查所需的产品说明，由甲方承担乙方因此支出的合理费用。",
     "weakened", {"conditional"}),
    ("own-judgement-shutdown", DEVICE,
     ZH_DEVICE + "10.3 乙方认为甲方的主机存在安全隐患的，乙方有权在不事先通知甲方的情况下，自行决定对该主机采取关机、隔离或者强制安装补丁等措施。",
     "weakened", {"overridden"}),
    ("zh-localisation-verb-after-place", DATA,
     "6.3 为故障诊断目的提供给乙方的任何网络数据不得向中华人民共和国境外传输；甲方数据应当存储于甲方机房内的存储设备，乙方不得将甲方数据存放于其自有的云平台。",
     "missing", set()),
    ("zh-own-tools-not-on-internet", DEVICE,
     "7.6 乙方用于运维的终端应当安装甲方认可的防病毒软件和终端管理软件，不得安装与运维无关的软件，不得连接互联网。", "missing", set()),
    # (in an undertaking letter the promisor writes 我方: "at its own cost" is no condition)
    ("zh-own-cost", REVIEW,
     "11.3 贵方就本项目申报网络安全审查的，我方应当全力配合，如实提供审查所需的材料，由此产生的我方费用由我方自行承担。",
     "compliant", set()),
    ("zh-agree-to-agree", SUPPLY,
     "12.5 质量保证期届满后，甲方需要乙方继续提供运行维护服务的，双方可另行签订运维服务合同。\n"
     "18.2 不可抗力事件持续超过九十日的，双方应协商决定是否继续履行本合同。", "missing", set()),
    # 但……不受前述限制: what follows 但 is freed from the promise, on grounds beyond just cause
    ("zh-but-not-subject-to-the-foregoing", DATA,
     "8.4 乙方承诺不利用提供服务的便利条件非法获取甲方数据，乙方对甲方数据的访问和使用应以履行本合同所必需为限；但乙方为算法模型训练及自有产品改进之目的，"
     "对经脱敏处理的运行数据进行收集和使用的，不受前述限制。", "weakened", {"carve-out"}),
    # 仅可 is "may only": a session opened only after approval is no right to operate remotely
    ("zh-may-only-after-approval", DEVICE,
     ZH_DEVICE + "5.3 远程会话仅可在请求依据第5.2条获得批准后，由站点值守工程师转动远程访问网关的钥匙开关开启，值守工程师可随时关闭该会话。", "compliant", set()),
    # a right to terminate whose grounds are listed as Chinese-numbered items below it: just cause
    ("zh-numbered-just-cause-list", SUPPLY,
     "9.1 除甲方逾期支付无争议款项经乙方书面催告后仍未支付或者发生不可抗力外，乙方不得中断或者暂停提供技术支持与维护服务。\n"
     "15.2 有下列情形之一的，乙方有权书面通知甲方解除本合同：\n（一）甲方逾期支付到期且无争议的款项超过六十日，经乙方书面催告后三十日内仍未支付；\n"
     "（二）甲方进入破产、清算程序。\n15.3 本合同解除后，乙方应当配合甲方完成交接工作。", "compliant", set()),
    ("zh-until-the-warranty-period-ends", SUPPLY,
     "9.2 自本合同生效之日起至质量保修期届满之日止，乙方不得无正当理由中断本合同项下设备及软件的供应或者中断技术支持服务。", "weakened", {"time-limited"}),
    ("zh-cost-shall-be-borne-by-the-customer", REVIEW,
     "10.2 如本项目须接受网络安全审查，乙方应当根据甲方的书面请求提供审查所需的文件和说明；但乙方为此发生的全部费用应由甲方承担。",
     "weakened", {"conditional"}),
    ("zh-rules-on-media-and-wireless", DEVICE,
     "6.4 严禁在系统设备上使用未经检测的移动存储介质，严禁私自连接无线网络设备。", "missing", set()),
    # the supplier acknowledges a duty of the operator: the modal it reports binds the operator, the
    # supplier only acknowledges (the guide: non-binding)
    ("supplier-acknowledges-operator-duty", REVIEW,
     "11.2 乙方知悉，甲方作为关键信息基础设施运营者，其采购本项目网络产品时应当按规定评估是否申报网络安全审查，乙方对此予以理解。",
     "weakened", {"non-binding"}),
    # 不会含有 is a no-back-door warranty too: narrowed to the product
    ("warranty-will-not-contain", DEVICE,
     "8.3 乙方保证，其交付的系统软件不会含有任何病毒、后门、逻辑炸弹或者其他恶意代码。", "weakened", {"narrowed-scope"}),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), SESSION12, ids=[c[0] for c in SESSION12])
def test_session12_wording(tmp_path, flags, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD + clause + "\n", *flags, requirement=requirement), status, reasons)


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "requirement", "clause", "status", "reasons"), ZH12, ids=[c[0] for c in ZH12])
def test_session12_wording_in_chinese(tmp_path, flags, name, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, HEAD_ZH3 + clause + "\n", *flags, requirement=requirement), status, reasons)


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_only_then_may_deploy_is_no_forced_update(tmp_path, flags):
    # 方可 is "only then may": a patch deployed only after the customer's test, and a ban on automatic
    # installation, take nothing back (许可方's own 可 is no right either)
    head = ("软件许可及维保合同\n\n许可方：某某软件有限公司（以下简称“许可方”）\n被许可方：某某医院（以下简称“被许可方”）\n\n"
            "1.1 许可方应向被许可方提供许可软件及维保服务。\n")
    clause = ("7.1 许可方不得在未经被许可方授权的情况下远程控制、操纵被许可方的服务器及其他设备。\n"
              "7.4 许可方提供的补丁和升级版本须经被许可方测试确认后方可部署，许可方不得自动或者强制安装。\n")
    _reads(_judged(tmp_path, head + clause, *flags, requirement=DEVICE), "compliant", set())


def test_a_chinese_heading_is_no_commitment(tmp_path):
    # the reader reads "网络安全审查的配合" as a duty; a short line with no punctuation is a heading
    clause = ("四、网络安全审查的配合\n"
              "甲方作为关键信息基础设施运营者，在采购网络产品和服务时可能需要申报网络安全审查，甲方应当自行评估并依法申报。\n")
    f = _judged(tmp_path, HEAD_ZH3 + clause, requirement=REVIEW)
    assert f["status"] == "missing", f


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_a_licence_granted_to_the_supplier_by_a_long_named_customer(tmp_path, flags):
    # the customer is defined after a long address ("whose principal address is at ...") and the
    # licence it grants the supplier takes the data commitment back, whoever is named as granting it
    doc = ("SUPPLY AND SUPPORT CONTRACT\n\n(1) WESTLAKE COUNTY GENERAL HOSPITAL, a public hospital established under the "
           "laws of the People's Republic of China, whose principal address is at 12 Lakeside Road, Xihu District, "
           "Hangzhou, Zhejiang Province (the \"Trust\"); and\n(2) ORCHID CLINICAL SYSTEMS CO., LTD., a company "
           "incorporated in the People's Republic of China (the \"Contractor\").\n\n"
           "1.1 The Contractor shall supply and support the System.\n"
           "7.2 The Contractor shall not access, collect, copy, retain or use any Trust Data other than as strictly "
           "necessary to perform this Contract.\n"
           "14.5 To support the continuing development of the Contractor's products, the Trust grants to the Contractor a "
           "perpetual, royalty-free licence to extract telemetry and alarm data from the System and to use and disclose "
           "it to the Contractor's affiliates for product development.\n")
    _reads(_judged(tmp_path, doc, *flags, requirement=DATA), "weakened", {"overridden"})


def test_a_chinese_collective_name_is_no_party(tmp_path):
    # （合称“供应商”） defines a party; 合称“双方” names both of them, which is no party
    from clausecheck.library import load_library
    from clausecheck.parties import detect_parties
    from clausecheck.read import read_document
    from clausecheck.segment import segment

    doc = tmp_path / "bi.txt"
    doc.write_text(
        "SERVICES AGREEMENT\n服务协议\n\n(1) NORTHSTAR AIRLINES CO., LTD., a company incorporated in the People's "
        "Republic of China, with its registered address at 9 Runway Avenue, Shuangliu District, Chengdu, Sichuan Province "
        "(the \"Airline\"); and\n（1）北星航空股份有限公司，注册地址为四川省成都市双流区跑道大道9号（“航空公司”）；以及\n\n"
        "(2) SKYTRACE SYSTEMS PTE. LTD., acting together with its subsidiary SkyTrace (Shanghai) Co., Ltd. (together, "
        "the \"Vendor\").\n（2）天迹系统私人有限公司，与其子公司天迹（上海）有限公司共同行事（合称“供应商”）。\n\n"
        "The Airline and the Vendor are each a \"Party\" and together the \"Parties\".\n航空公司与供应商单称“一方”，合称“双方”。\n\n"
        "1. The Vendor shall provide the Services.\n1. 供应商应提供服务。\n2. The Airline shall pay the Fees.\n2. 航空公司应支付费用。\n",
        encoding="utf-8")
    p = detect_parties(segment(read_document(doc)), load_library())
    assert set(p.supplier_terms) >= {"Vendor", "供应商"} and set(p.customer_terms) >= {"Airline", "航空公司"}, p
    assert "双方" not in p.supplier_terms + p.customer_terms


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_gong_ying_fang_is_the_supplier(tmp_path, flags):
    # 采购方 / 供应方 named in a cover block without defining brackets: 供应方 is a supplier role word
    doc = ("设备采购合同\n\n采购方：某某通信技术有限公司\n住所：上海市浦东新区某路1号\n\n供应方：某某设备有限公司\n住所：深圳市南山区某路2号\n\n"
           "第一条 供应方应按本合同约定向采购方交付设备并提供技术支持。\n"
           "第九条 采购方就本项目申报网络安全审查的，供应方应当积极配合，如实提供审查所需的材料和说明，相关费用由供应方自行承担。\n")
    _reads(_judged(tmp_path, doc, *flags, requirement=REVIEW), "compliant", set())
