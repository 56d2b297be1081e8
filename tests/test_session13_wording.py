"""What session 13's development sets showed: ``devdocs11`` (written agreements) and
``documents/dev6`` (real cuad-all contracts), through the real CLI, with the reader and with the
rules alone. Every clause here was written for this test.

- Words that contain a cue without being it: 所有权 (ownership) holds 有权, 可用性 (availability)
  holds 可; "Developer" (a party's name) holds "develop".
- An exception that runs on ends at a new duty joined to it by the party's bare name (", and
  Tessellate shall not ..."); "for any reason other than ..." lists grounds, it leaves nothing to
  discretion.
- A right held by the party named after "by" in a passive ("may be terminated by the Customer") is
  that party's; in Chinese, a notice given to the customer before a right (提前……书面通知甲方后，
  可以解除) does not make the customer the right's holder.
- Parties: 承建方 and 中标人 are the supplier's role words; a pronoun defined before the name it
  stands for ('"we," "us" and "our" refers to ...; "You" refers to the Franchisee') is that party's
  second name; a name defined in lower case ("riverbend") is the same party however it is written
  later."""

from __future__ import annotations

import pytest

from test_conventions import _judged, _reads
from test_written_agreements import _parties

REVIEW = "review-cooperation"
DEVICE = "no-illegal-device-control"
DATA = "no-illegal-data-acquisition"
SUPPLY = "no-unjustified-supply-interruption"

HEAD = ('IT SERVICES AGREEMENT\n\nThis Agreement is made between Marlow Regional Water Authority (the "Customer") '
        'and Tessellate Systems, Inc. (the "Provider").\n\n1. Services\n1.1 The Provider shall provide the '
        'Services described in Schedule 1.\n\n')
HEAD_NAMED = ('SOFTWARE SUPPORT AGREEMENT\n\nThis Agreement is made between Ashford Clinics, Inc. ("Ashford") and '
              'Tessellate Systems, Inc. ("Tessellate").\n\n1. Support\n1.1 Tessellate shall provide the Support '
              'Services to Ashford and Ashford shall pay the fees.\n\n')
HEAD_DEVELOPER = ('SOFTWARE LICENCE AGREEMENT\n\nThis Agreement is made between Ashford Clinics, Inc. (the "Clinic") '
                  'and Quillon Software, Inc. (the "Developer").\n\n1. Licence\n1.1 The Developer shall license the '
                  'Software and provide the Support Services to the Clinic.\n\n')
HEAD_ZH = ("运维服务合同\n\n甲方：某某银行股份有限公司（采购人）\n乙方：某某信息技术有限公司（供应商）\n\n第一条 服务\n"
           "1.1 乙方应向甲方提供运维服务。\n\n")
HEAD_ZH_LICENCE = ("软件许可及支持协议\n\n被许可方：某某娱乐股份有限公司\n许可方：某某系统有限公司\n\n第一条 许可\n"
                   "1.1 许可方应向被许可方许可使用本系统并提供支持服务，被许可方应支付许可费。\n\n")
ZH_SUPPLY = "6.1 服务期内，乙方不得无正当理由中断或者停止运维服务及必要的技术支持。\n"
EN_SUPPLY = "6.1 The Provider shall not suspend or discontinue the Services without just cause.\n"

CASES = [
    # 所有权 is ownership, not a right (有权) to stop anything
    ("zh-ownership-is-no-right", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "16.3 本合同的终止不影响甲方对已交付设备的所有权及对软件的永久使用许可，亦不影响终止前已产生的权利。",
     "compliant", set()),
    # 可用性 is availability, not a permission (可)
    ("zh-availability-is-no-permission", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "附件二 服务水平：系统可用性每月不低于99.9%，主备线路同时中断的时间计入不可用时间。", "compliant", set()),
    # a right whose holder is told in a condition first is still the clause subject's right
    ("zh-notice-to-customer-before-a-right", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "17.4 乙方因经营战略调整不再从事运维业务的，提前六十日书面通知甲方后，可以单方解除本合同。",
     "weakened", {"overridden"}),
    # "Developer" is the party, not product development
    ("developer-is-a-name", HEAD_DEVELOPER, DATA,
     "5.1 The Developer shall not access, use or disclose any Clinic Data except as strictly necessary to provide "
     "the Support Services.\n5.2 If the Clinic gives the Developer suggestions for improving the Software "
     '("Feedback"), the Developer may use such Feedback in its products, provided that nothing in this clause '
     "permits the Developer to use any Clinic Data.", "compliant", set()),
    # the exception ends where a new duty begins with the party's bare name
    ("exception-ends-at-a-bare-name", HEAD_NAMED, DATA,
     "5.2 Tessellate shall not access, copy or use any Ashford Data except to the extent strictly necessary to "
     "perform the Support Services, and Tessellate shall not, in any event, sell or use Ashford Data for "
     "benchmarking, product development or marketing.", "compliant", set()),
    # a list of grounds, not a discretion
    ("for-any-reason-other-than", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend, reduce or discontinue the Services for any reason other than (a) a Force "
     "Majeure Event or (b) undisputed fees left unpaid thirty days after written notice.", "compliant", set()),
    # a warranty list item in the form "no Software ... will contain any Harmful Code", bound by its head
    ("no-harmful-code-list-item", HEAD, DEVICE,
     "8.2 The Provider represents and warrants to the Customer that:\n(a) it has the right to grant the licences "
     "in this Agreement;\n(b) as delivered by the Provider, no Software or Update does or will, at any time during "
     "the Term, contain any Harmful Code; and\n(c) the Services will conform to the Documentation.",
     "weakened", {"narrowed-scope"}),
    # the customer's right in a passive is no take-back of the supplier's commitment
    ("passive-right-of-the-customer", HEAD, SUPPLY,
     EN_SUPPLY + "14.2 This Agreement may be terminated by the Customer at any time upon ninety (90) days' prior "
     "written notice to the Provider.", "compliant", set()),
    # a mutual confidentiality clause that names the customer's user data is not the data undertaking
    ("zh-mutual-confidentiality-names-user-data", HEAD_ZH, DATA,
     "13.1 各方应对因本合同而从另一方获得的一切具保密性质的资料保密，包括甲方的客户数据及交易数据，以及乙方的源代码，"
     "不得向任何第三方披露，亦不得为履行本合同以外的目的使用该等资料。", "missing", set()),
    # 许可方 is a party's name, not a grant: the customer's right stays the customer's
    ("zh-licensor-name-is-no-grant", HEAD_ZH_LICENCE, SUPPLY,
     "6.1 许可期内，许可方不得无正当理由中断或者停止提供支持服务及必要的技术支持。\n"
     "6.5 远程支持作业应通过被许可方控制的安全网关进行，使用被许可方发给许可方工程师的个人凭证，被许可方可随时监察、记录及终止任何作业。",
     "compliant", set()),
    # a forced update "at such times as it determines", with no approval needed, takes the device promise back
    ("update-at-such-times-as-it-determines", HEAD, DEVICE,
     "10.3 The Provider must not access, reconfigure or disable any of the Customer's systems or devices without the "
     "Customer's prior written approval.\nSchedule 2, item 4. The Provider may deploy firmware releases and "
     "configuration profiles to any Device through its management tool at such times as the Provider determines, and "
     "no Approved Change is required for any deployment under this item.", "weakened", {"overridden"}),
    # a licence "to compile, analyze and use" data derived from the customer's data for the supplier's own products
    ("licence-to-compile-derived-data", HEAD, DATA,
     "9.1 The Provider shall access and use Customer Data solely to the extent necessary to perform the Services.\n"
     "12.3 Notwithstanding Section 9.1, the Customer hereby grants the Provider a perpetual, royalty-free license to "
     "compile, analyze and use Aggregated Data derived from Customer Data for benchmarking and the development of the "
     "Provider's products.", "weakened", {"overridden"}),
    # the exception ends at ", and in particular shall not ..."
    ("exception-ends-at-in-particular", HEAD, DATA,
     "11.2 The Provider shall not access, copy or use any Customer Data, whether identifiable or aggregated, save to the "
     "extent strictly necessary to perform the Services, and in particular shall not use any Customer Data for "
     "developing, benchmarking or marketing any product of the Provider.", "compliant", set()),
    # "shall be entitled, where ..., to deactivate any Licence Key remotely": a kill switch
    ("entitled-far-from-the-kill-switch", HEAD, DEVICE,
     "12.2 The Provider shall not access or change any of the Customer's systems without the Customer's prior "
     "authorisation for each session.\n5.3 The Provider shall be entitled, where the licence has terminated under "
     "clause 19, or where any undisputed part of the charges remains unpaid for more than thirty (30) days after "
     "the Provider has served written notice, to deactivate any Licence Key remotely through the licence validation "
     "mechanism.", "weakened", {"narrowed-scope", "overridden"}),
    # "for the period of five (5) years commencing on the Acceptance Date" lapses early
    ("period-commencing-on-acceptance", HEAD, SUPPLY,
     "7.1 The Provider undertakes that, for the period of five (5) years commencing on the Acceptance Date, it shall "
     "not withdraw, suspend or discontinue the Services or the supply of updates.", "weakened", {"time-limited"}),
    # reasons first, then "; accordingly," the supplier's own promise: bound as that promise says
    ("acknowledged-reasons-then-accordingly", HEAD, SUPPLY,
     "8.4 The Parties acknowledge that the Customer's treatment plants will rely on the Services and that an "
     "interruption could harm public health; accordingly, during the Term the Provider shall not suspend, withhold or "
     "discontinue the Services, except during a Force Majeure Event or where the Customer has failed to pay an "
     "undisputed amount within thirty (30) days after written notice.", "compliant", set()),
    # data the supplier hands over to the customer is no limit on what it takes from the customer
    ("data-handed-to-the-customer", HEAD, DATA,
     "5.4 The Provider shall provide complete batch records for all production runs, will provide to the Customer all "
     "data reasonably necessary from its process development and manufacturing activities to enable the Customer's "
     "regulatory filings, and shall not unreasonably reject supplying data results the Customer requests.",
     "missing", set()),
    # "for any reason, including ..., other than (a) ... (b) ...": grounds listed, no discretion
    ("for-any-reason-including-other-than", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend or discontinue any of the Services for any reason, including during the "
     "pendency of any dispute between the Parties, other than (a) a suspension for undisputed fees left unpaid thirty "
     "(30) days after written notice or (b) a termination of this Agreement under clause 13.", "compliant", set()),
    # a right to end supply in a clause that opens with how long the supply lasts
    ("exit-after-the-supply-term-words", HEAD, SUPPLY,
     EN_SUPPLY + "14.4 The Provider's obligations under clause 6 will continue until this Agreement expires or is terminated, "
     "provided that at any time after the fifth anniversary of the Effective Date the Provider may, for any reason, "
     "terminate its supply obligations upon twenty-four months' prior written notice.", "weakened", {"overridden"}),
    # a data licence whose purposes come long after the data it covers
    ("long-data-licence", HEAD, DATA,
     "8.1 The Provider shall not access, use or disclose Customer Data except to the extent strictly necessary to "
     "perform the Services.\n10.4 Notwithstanding clause 8.1, the Customer grants the Provider a perpetual, "
     "irrevocable, worldwide, royalty-free license to collect, retain and use (a) technical and usage information "
     "about the operation of the Platform, including transaction volumes, performance metrics, configuration "
     "settings and error logs that may contain fragments of customer records, and (b) Customer Data that has been "
     "aggregated with data of other customers of the Provider and de-identified by the Provider, in each case for the "
     "purposes of benchmarking and improving the Provider's products.", "weakened", {"overridden"}),
    # where data is kept, by a place's name, is no limit on the supplier's use of it
    ("localisation-by-place-name", HEAD, DATA,
     "7.2 The Provider shall host the Services in data centres located in Singapore and shall not store or process "
     "Customer Data outside Singapore without the Customer's prior written consent.", "missing", set()),
    # an archival copy "for its records" of returned materials is no user data kept back
    ("archival-copy-for-its-records", HEAD, DATA,
     "8.1 The Provider shall not access, collect, retain or use any Customer Data other than to the extent strictly "
     "necessary to perform the Services.\n12.5 On termination each Party shall return the other's confidential "
     "materials, save that the Provider may retain one archival copy of that material for its records.",
     "compliant", set()),
    # an exception for the supplier's own engineering and product development is a carve-out
    ("zh-exception-for-own-product-development", HEAD_ZH, DATA,
     "7.2 乙方仅得为履行本合同而采集和使用监测数据，且不得从甲方网络或系统获取任何其他数据，但乙方可以保留监测数据副本，"
     "并在删除甲方名称后，将其用于乙方自身的可靠性工程及产品开发。", "weakened", {"carve-out"}),
    # 本公司将 in a signed undertaking is its modal
    ("zh-undertaking-letter-ben-gongsi-jiang", HEAD_ZH, REVIEW,
     "9.6 乙方应当履行附件三《供应商网络安全承诺书》所列各项承诺。\n附件三 供应商网络安全承诺书\n一、甲方就本项目申报网络安全审查的，"
     "本公司将配合网络安全审查，如实提供产品和服务的安全性、开放性、透明性等方面的材料和情况说明，所发生的本公司自身费用由本公司承担。",
     "compliant", set()),
    # a landlord's duty in the supplier's agreement is no one's commitment the guide counts
    ("landlords-duty", HEAD, DEVICE,
     "16.4 Upon the expiration or termination of the Lease, Landlord will cooperate with the Provider and allow the "
     "Provider to enter the premises and remove any equipment, without altering or disabling the Customer's "
     "systems.", "missing", set()),
    # "may retain ... after termination" names a time: it is no right to terminate
    ("retain-after-termination-is-no-exit", HEAD, SUPPLY,
     EN_SUPPLY + "9.4 The Provider may retain and continue to use de-identified performance statistics after any "
     "expiration or termination of this Agreement.", "compliant", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "head", "requirement", "clause", "status", "reasons"), CASES,
                         ids=[c[0] for c in CASES])
def test_session13_wording(tmp_path, flags, name, head, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, head + clause + "\n", *flags, requirement=requirement), status, reasons)


def test_a_government_contract_calls_its_contractor_chengjianfang(tmp_path):
    p = _parties(tmp_path, (
        "政府采购合同\n\n采购人：某市公安局交通警察支队\n地址：某市建设大道1号\n\n承建方：某智能交通科技股份有限公司\n"
        "地址：某市光谷大道2号\n\n某市公共资源交易中心受采购人委托，就“智慧交通信号控制平台项目”（以下简称“本项目”）进行公开招标。"
        "采购人与承建方（以下合称“双方”）订立本合同。\n\n1. 承建方应完成本项目的建设及运维，采购人应支付合同价款。\n"
        "2. 承建方应按期交付本项目的全部设备。\n"))
    assert p.supplier_term_zh == "承建方" and "采购人" in p.customer_terms


def test_pronouns_defined_before_the_names_they_stand_for(tmp_path):
    text = ('RESTAURANT FRANCHISE AGREEMENT\n\nThis Franchise Agreement is made between Halden Foods, Inc., a Texas '
            'corporation, and the person named on the cover page ("Franchisee"). In this Agreement, "we," "us" and '
            '"our" refers to Halden Foods, Inc., the franchisor. "You" and "your" refers to the Franchisee.\n\n'
            '1. We will license the Marks to you and you will pay the royalties.\n'
            '2. You may not sell or use Customer Data for any purpose other than operating the Restaurant.\n')
    p = _parties(tmp_path, text)
    assert "you" in p.customer_terms and "Franchisee" in p.customer_terms
    f = _judged(tmp_path, text, requirement=DATA)
    assert f["status"] == "missing", f  # the franchisee's duty, not the franchisor's


def test_a_pronoun_defined_after_a_role_word_far_from_the_preamble(tmp_path):
    # the preamble names the franchisee by a blank; a later article says 'The franchisee ("you")'
    p = _parties(tmp_path, (
        'FRANCHISE AGREEMENT\n\nThis Agreement is made between Halden Wings, Inc., a Minnesota corporation ("we" '
        'or "us"), and ______________ ("Franchisee").\n\n1. We grant the Franchisee a licence to operate the '
        'Restaurant.\n2. The Franchisee shall pay the royalty.\n\n26. OWNERS\nThe franchisee ("you") includes '
        'every person who succeeds to its interest.\n27. You will maintain the Restaurant.\n'))
    assert "you" in p.customer_terms and "we" in p.supplier_terms


def test_a_name_defined_in_lower_case_is_the_same_party_in_any_case(tmp_path):
    p = _parties(tmp_path, (
        'CO-BRANDING AGREEMENT\n\nThis Agreement is made between Calder Media, LLC, a New York limited liability '
        'company ("Calder"), and riverbend.com, Inc., a Delaware corporation ("riverbend").\n\n'
        '1. Calder shall provide the Content to riverbend, and riverbend shall pay the fees.\n'))
    assert "riverbend" in p.customer_terms
    assert p.role_at("Under clause 4, RiverBend shall not disclose", 26) == "customer"


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_continuing_to_supply_the_customer_with_words_between(tmp_path, flags):
    # 继续向甲方提供: the continuity wording with the one supplied between; an effort only
    f = _judged(tmp_path, HEAD_ZH + "6.2 乙方应尽商业上合理的努力，在本合同期限内继续向甲方提供运维服务及备品备件。\n", *flags,
                requirement=SUPPLY)
    assert f["status"] == "weakened" and "qualified-effort" in {r["code"] for r in f["reasons"]}, f


def test_a_table_of_contents_commits_to_nothing():
    # a contents page read as one run of text ("9.1 Our Obligation to Continue Services to You 17 ...")
    # is no clause, whatever its headings say; a clause with numbers in it is still a clause
    from clausecheck.library import load_library

    toc = load_library().compiled.table_of_contents
    assert toc.search("TABLE OF CONTENTS 8. FEES 15 8.1 Fees 15 8.2 Late Payment 15 9. CONTINUITY 17 9.1 Our "
                      "Obligation to Continue Services to You 17 9.2 Continued Performance Pending Resolution of "
                      "Disputes 17 9.3 Transition 18 10. TERM 19 10.1 Term 19")
    assert not toc.search("9.1 The Provider shall continue to provide the Services 24 hours a day, 7 days a week, "
                          "for 5 years, and shall answer within 4 hours.")


def test_online_terms_that_call_the_supplier_ben_gongsi(tmp_path):
    # "（注册地址：……，以下简称"本公司"）": defined after a comma inside the brackets; 本公司 is the supplier
    p = _parties(tmp_path, (
        "云笔记服务协议\n\n《云笔记服务协议》（以下简称\"本协议\"）是您与杭州某某信息科技有限公司（注册地址：杭州市西湖区文三路"
        "100号5楼，以下简称\"本公司\"）之间就使用云笔记服务所订立的协议。\n\n1. 本公司向您提供云笔记服务，您应按照本协议支付"
        "服务费用。\n2. 本公司将按照本协议保护您的数据。\n3. 您应当妥善保管账号。\n"))
    assert p.supplier_term_zh == "本公司" and "您" in p.customer_terms
