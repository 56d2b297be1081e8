"""What session 16's development rounds showed (``documents/dev10``, real contracts; ``devdocs18``,
published terms), through the real CLI, with the reader and with the rules alone. Every clause here
was written for this test.

- A duty to deliver what was ordered before termination may list the goods first ("will deliver all
  Equipment, parts and materials ..., for every item on a purchase order accepted before the
  termination date"): still supply that survives termination, narrowed to those orders.
- A right to leave only by providing a successor ("may terminate ... but only if it provides a
  substitute provider acceptable to the Customer"): the guide's promise that another takes over.
- Published terms define "you" after a description, not a name ('... and the organisation that
  accepts these Terms ("you")'): where "we" is the vendor, "you" is the customer, and its duties are
  not the vendor's commitments.
- "Notwithstanding Section 8, ..." prevails over Section 8 only: a suspension right in Section 9
  still takes the commitment back.
- Published terms may name the vendor only in their definitions ('"Norvance" means the Norvance
  group entity that accepts the Order Form'); a document's own title ("These General Terms and
  Conditions ("GTC")") is no party.
- A right exercised under a section the contract defines as just cause (在依照第7.3条暂停服务的同时), or
  for a breach of the section before it where that one is (用户违反前款约定的), is just cause too.
- 您的内容 ("your content") is the customer's data, as "Your Content" is; 终端用户 is an end user and 控制台
  a console, no device and no control; a clause whose only right is the customer's (您可以下载) takes
  nothing back, whatever the reader's impression.
- A duty to keep a suspension short ("will limit any suspension ... and restore the Services
  promptly", 应将暂停范围限于必要程度) is no promise of continuity; 可行 ("feasible") and 仅可 ("may
  only") grant no right to stop; a Chinese condition may end in 的 with no word to open it, and its
  own modal (依法应当申报) binds no one; 某某云将尽……努力 binds the named supplier; "但对于我们认定为紧急……的，
  我们有权……推送" carves the supplier's own choice out of the promise.
- 甲方同意乙方……可以提取 is the supplier's right, not the customer's; "outbound data transfer rules" are
  localisation; 逾期支付本协议项下任何一期无争议款项 after a reminder is just cause (无争议 may come a few
  words later).
- Revoking licence keys so that the licence server stops the software is a kill switch; a definition
  that leaves out only the service's own metadata narrows nothing; "the existence of a dispute ...
  will not delay the performance of the undisputed obligations" keeps performing during a dispute.
- A company named in a page footer ("Source: NORVALE HEALTH LTD., 10-K") does not make the next
  clause's defined term ("MOQ") a party."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.judge import DocumentJudge
from clausecheck.library import load_library
from clausecheck.read import read_document
from test_conventions import _judged, _reads
from test_session13_wording import HEAD, HEAD_ZH, ZH_SUPPLY

REVIEW = "review-cooperation"
DATA = "no-illegal-data-acquisition"
DEVICE = "no-illegal-device-control"
SUPPLY = "no-unjustified-supply-interruption"

# published terms: the customer is "you", defined after a description, never by name
HEAD_YOU = ('KESTREL MAPS DEVELOPER TERMS\n\nThese Developer Terms form a binding contract between Kestrel Maps, Inc., '
            'a Delaware corporation ("Kestrel", "we", "us" or "our"), and the individual, company or other '
            'organisation that registers for a developer account, requests an API key, downloads the SDK or '
            'otherwise accesses or uses any of the Services ("you" or "your").\n\n1. Services\n1.1 We will '
            'provide the Services described in the Documentation, and you will pay the fees.\n\n')
# ... and a vendor defined only in the definitions, under a document title with its own abbreviation
HEAD_DEFINED = ('NORVALE CLOUD GENERAL TERMS AND CONDITIONS\n\nPREAMBLE\n\nThese General Terms and Conditions ("GTC") '
                'apply to every Order Form under which Customer subscribes to a Norvale cloud service.\n\n'
                '1. DEFINITIONS\n\n1.1 "Norvale" means the Norvale group entity that signs or accepts the Order '
                'Form.\n1.2 "Customer" means the legal entity that signs or accepts the Order Form.\n'
                '1.3 "Order Form" means the ordering document for a cloud service.\n\n2. SERVICES\n\n'
                '2.1 Norvale provides the cloud services set out in each Order Form and Customer pays the fees.\n\n')
HEAD_ZH_YUN = ("云平台服务协议\n\n甲方：某某电力集团有限公司（用户）\n乙方：某某云计算有限公司（服务商）\n\n第一条 服务\n"
               "1.1 乙方向甲方提供云平台服务，甲方支付服务费用。\n\n")
HEAD_ZH_NIN = ("云服务器服务条款\n\n本条款由某某云计算有限公司（以下简称“某某云”或“我们”）与注册账户的组织（以下简称“客户”或"
               "“您”）订立。\n\n第一条 服务\n1.1 我们向您提供云服务器服务，您应支付服务费用。\n\n")
ZH_SUPPLY_JUST = ("5.1 在服务期限内，乙方不得无正当理由中断平台服务的供应或者必要的技术支持服务。前述正当理由仅限于：（1）依照"
                  "第7.3条因甲方欠费而暂停服务；（2）甲方利用平台从事第6.3条所列违法行为，需要立即制止的；（3）不可抗力。\n")

CASES = [
    ("orders-listed-after-the-goods", HEAD, SUPPLY,
     "16.1 Upon any termination, and provided the Customer has paid all sums then due, the Provider will deliver "
     "all Equipment, spare parts and materials to the Customer, and the Customer will pay the price of them, for "
     "every item listed on a purchase order accepted by the Provider before the termination date.",
     "weakened", {"narrowed-scope"}),
    ("exit-only-with-a-successor", HEAD, SUPPLY,
     "3.1 The Provider may terminate this Agreement on one hundred and twenty (120) days' written notice, but only "
     "if the Provider provides a substitute provider acceptable to the Customer who is able to continue the "
     "Services on substantially the same terms.", "weakened", {"narrowed-scope"}),
    ("zh-exit-only-with-a-successor", HEAD_ZH, SUPPLY,
     "3.1 乙方提供经甲方认可的替代服务商接替本合同项下全部运维服务后，方可提前终止本合同。", "weakened", {"narrowed-scope"}),
    ("you-defined-after-a-description-is-the-customer", HEAD_YOU, DEVICE,
     "7.1 You will not use the SDK or the Services to access, control, disable or modify any device or system "
     "that you do not own or are not authorised to control.", "missing", set()),
    ("notwithstanding-one-section-leaves-another", HEAD_YOU, SUPPLY,
     "8. Changes\n8.1 We may change or discontinue any API at any time.\n\n9. Suspension\n9.2 We may suspend or "
     "terminate your access to the Services at any time, for any reason or no reason.\n\n"
     "14. Enterprise Customers\n14.1 Notwithstanding Section 8, we will not discontinue or withdraw any API or the "
     "support services during the subscription term.", "weakened", {"overridden"}),
    ("notwithstanding-the-take-back-s-section", HEAD_YOU, SUPPLY,
     "9. Suspension\n9.2 We may suspend or terminate your access to the Services at any time, for any reason or "
     "no reason.\n\n14. Enterprise Customers\n14.1 Notwithstanding Section 9.2, we will not suspend, discontinue "
     "or withdraw the Services or the support services during the subscription term without just cause.",
     "compliant", set()),
    ("a-vendor-defined-in-the-definitions", HEAD_DEFINED, DATA,
     "4.2 Norvale will not access, use or disclose Customer Data except as necessary to provide the cloud "
     "services to Customer.", "compliant", set()),
    ("zh-a-right-under-a-just-cause-section", HEAD_ZH_YUN, SUPPLY,
     ZH_SUPPLY_JUST + "7.3 甲方逾期支付无争议费用超过十五日，且在乙方书面催告后七日内仍未支付的，乙方有权暂停相应的平台服务。\n"
     "7.4 在依照第7.3条暂停平台服务的同时，乙方有权暂停向甲方提供技术支持服务，直至甲方付清欠款。", "compliant", set()),
    ("zh-a-breach-of-the-section-before", HEAD_ZH_YUN, SUPPLY,
     ZH_SUPPLY_JUST + "6.3 甲方不得利用平台从事下列行为：（1）非法侵入他人网络；（2）传播恶意程序。\n"
     "6.4 甲方违反前款约定的，乙方有权要求其改正，并视情节采取限制功能、暂停服务等措施。", "compliant", set()),
    ("zh-a-right-under-another-section-stays", HEAD_ZH_YUN, SUPPLY,
     ZH_SUPPLY_JUST + "8.2 在依照第8.1条调整服务架构期间，乙方有权暂停全部平台服务。", "weakened", {"overridden"}),
    ("zh-your-content-is-data", HEAD_ZH_NIN, DATA,
     "6.2 未经您的事先同意，我们不会访问、使用或者向任何第三方披露您的内容。", "compliant", set()),
    ("revoking-licence-keys-is-a-kill-switch", HEAD, DEVICE,
     "5.1 The Provider will not connect to or operate the Customer's control systems except in a remote session the "
     "Customer opens for the purpose.\n5.4 If any undisputed fee remains unpaid thirty days after notice, the Provider "
     "may revoke the relevant licence keys, and the licence server will then stop the runtime software on the "
     "Customer's control servers.", "weakened", {"overridden"}),
    ("zh-revoking-licence-keys-is-a-kill-switch", HEAD_ZH, DEVICE,
     "5.1 未经甲方书面授权，乙方不得连接或者操作甲方的控制系统及现场设备。\n5.4 甲方逾期支付许可费的，乙方可以撤销相关许可密钥，"
     "许可管理器随即停止运行系统。", "weakened", {"overridden"}),
    ("only-the-service-s-own-metadata-left-out", HEAD_YOU, DATA,
     "1.4 \"Customer Data\" means all data that you or your users submit to the Services, but excluding Service "
     "Metadata.\n6.2 We will not access, use or disclose Customer Data except as necessary to provide the Services "
     "to you.", "compliant", set()),
    ("personal-data-left-out-narrows", HEAD_YOU, DATA,
     "1.4 \"Customer Data\" means the files that you upload to the Services, but excluding any personal data and "
     "Service Metadata.\n6.2 We will not access, use or disclose Customer Data except as necessary to provide the "
     "Services to you.", "weakened", {"narrowed-scope"}),
    ("a-dispute-that-shall-not-delay-performance", HEAD, SUPPLY,
     "19.4 The existence of a dispute between the parties, or the start or continuance of any arbitration, will not "
     "delay or postpone the performance of the obligations that are not in dispute.", "weakened", {"narrowed-scope"}),
    # 终端用户 is an end user and 控制台 a console: a data promise that names both is no device promise
    ("zh-end-users-and-a-console-are-no-device", HEAD_ZH_NIN, DEVICE,
     "6.1 我们承诺，不会利用向您提供本服务的便利，以窃取、超范围收集或者其他非法方式获取客户数据及终端用户数据；对于客户数据，"
     "我们仅按照您通过控制台配置或者书面作出的指示进行处理。", "missing", set()),
    # the only right in the clause is the customer's (您可以下载): nothing taken back
    ("zh-the-customer-s-right-to-download", HEAD_ZH_NIN, DATA,
     "5.2 我们不会利用提供本服务的便利条件非法获取您的用户数据，不得将业务流量数据或攻击日志用于向您提供本服务以外的任何目的。\n"
     "15.5 本协议终止后，我们将按照本协议第5.3条处理相关数据；在终止后三十日内，您可以下载攻击日志和防护报表。", "compliant", set()),
    # a duty to keep a suspension short is what follows a suspension, not a promise of none
    ("limiting-a-suspension-is-no-promise", HEAD, SUPPLY,
     "9.2 The Provider may suspend the Services if any undisputed invoice remains unpaid thirty days after written "
     "notice.\n9.3 The Provider will limit any suspension in scope and duration to what is reasonably necessary and "
     "will restore the Services promptly once the cause has been resolved.", "missing", set()),
    ("zh-limiting-a-suspension-is-no-promise", HEAD_ZH_NIN, SUPPLY,
     "11.2 依第11.1条暂停服务的，我们应将暂停范围限于必要程度，并在暂停事由消除后二十四小时内恢复服务。", "missing", set()),
    # 可行 is "feasible", 仅可 "may only": neither grants a right to stop
    ("zh-feasible-is-no-permission", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "6.3 发生故障时，乙方应当及时通知甲方，并在可行时尽快恢复中断的服务。", "compliant", set()),
    # a condition that ends in 的 with no word to open it: its own modal (依法应当申报) binds no one here
    ("zh-a-condition-ending-in-de", HEAD_ZH_NIN, REVIEW,
     "14.2 您作为关键信息基础设施运营者依法应当申报网络安全审查的主体，就采购本服务申报网络安全审查的，我们应当积极配合，"
     "如实提供与本服务相关的材料并就审查关注的问题作出说明。", "compliant", set()),
    # 某某云将尽……努力 binds the named supplier as 我们将 does
    ("zh-a-name-then-will-use-efforts", HEAD_ZH_NIN, SUPPLY,
     "9.1 服务期内，某某云将尽商业上合理的努力，保持云服务器服务及必要技术支持服务的持续供应，避免因某某云自身原因导致服务中断。",
     "weakened", {"qualified-effort"}),
    # "but as for what it itself deems urgent, it may push": carved out of the promise, at its discretion
    ("zh-but-as-for-what-it-deems-urgent", HEAD_ZH_NIN, DEVICE,
     "4.3 未经您的书面确认，我们不得向您的车载终端推送或安装任何升级包；但对于我们认定为紧急安全更新的升级包，我们有权在通知您后"
     "直接推送并安装。", "weakened", None),
    # the customer's consent that the supplier may take the data for its own research: the supplier's right
    ("zh-the-customer-agrees-the-supplier-may", HEAD_ZH, DATA,
     "6.4 乙方仅得在履行本合同所必需的范围内接触甲方数据，不得利用提供产品和服务的便利条件非法获取甲方数据。\n"
     "7.3 为提升产品性能，甲方同意乙方在运维服务期内及届满后，可以提取系统运行日志及性能统计数据，用于乙方的产品研发和算法模型训练。",
     "weakened", {"overridden"}),
    # ... but 在甲方授权的范围内 is a scope, not a consent: the clause stays the supplier's promise
    ("zh-within-the-scope-authorised", HEAD_ZH, DATA,
     "6.4 乙方及其人员仅可在甲方授权的范围内、为履行本合同的目的接触甲方数据，不得为其他目的获取、复制、使用或者向第三方提供甲方数据。",
     "compliant", set()),
    # keeping data in the country, by the rules for sending it out, is localisation
    ("outbound-transfer-rules-are-localisation", HEAD, DATA,
     "8.2 Customer Data shall not be transferred abroad except in compliance with the applicable outbound data "
     "transfer rules and with the Customer's prior written approval.", "missing", set()),
    # "undisputed" may come a few words after 逾期支付: suspension after a reminder is just cause
    ("zh-overdue-undisputed-after-a-reminder", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "6.4 甲方逾期支付本协议项下任何一期无争议款项，经乙方书面催告后六十日内仍未支付的，乙方有权暂停技术支持服务，"
     "直至甲方付清欠款。", "compliant", set()),
    # a 目的 ("purpose") before a comma opens no condition: the clause is still the supplier's
    ("zh-a-purpose-is-no-condition", HEAD_ZH, DATA,
     "6.2 乙方应当确保其处理活动限于本合同约定的目的和范围，不利用提供服务的便利条件非法获取甲方数据，不得将运维日志用于本合同以外的"
     "任何目的，亦不得将其提供给任何第三方。", "compliant", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "head", "requirement", "clause", "status", "reasons"), CASES,
                         ids=[c[0] for c in CASES])
def test_session16_wording(tmp_path, flags, name, head, requirement, clause, status, reasons):
    # (None: the status is what matters: the reason may be read as carve-out or discretion)
    _reads(_judged(tmp_path, head + clause + "\n", *flags, requirement=requirement), status, reasons)


def _parties(tmp_path: Path, text: str):
    doc = tmp_path / "contract.txt"
    doc.write_text(text, encoding="utf-8")
    return DocumentJudge(read_document(doc), load_library()).parties


def test_a_footer_s_company_makes_no_party(tmp_path):
    # The filing's page footer names a company just before a numbered clause that defines a term.
    p = _parties(tmp_path, (
        'TURN-KEY MANUFACTURING AGREEMENT\nThis Agreement is made between Norvale Health Ltd., of 4 Harbour Road, '
        'Leith, hereinafter referred to as "Customer", and Brightwell Components Ltd., of 9 Mill Lane, Derby, '
        'hereinafter referred to as "Contractor."\nWHEREAS Customer wishes to buy manufacturing services.\n'
        '1. Orders\n1.1 Contractor shall manufacture the Products that Customer orders and shall deliver them '
        'within thirty days.\n1.2 Customer shall pay each invoice within thirty days.\n3\n'
        'Source: NORVALE HEALTH LTD., 10-K, 3/4/2021\n1.3 Minimum Order Quantity ("MOQ") means the smallest batch '
        'that Contractor will make for one order. MOQ applies to each Product.\n'))
    assert "MOQ" not in p.supplier_terms + p.customer_terms
    assert p.supplier_term == "Contractor" and p.customer_term == "Customer"


def test_published_terms_name_their_vendor_in_the_definitions(tmp_path):
    p = _parties(tmp_path, HEAD_DEFINED + "4.2 Norvale will not access Customer Data.\n")
    assert p.supplier_term == "Norvale" and p.customer_term == "Customer"
    assert "GTC" not in p.supplier_terms + p.customer_terms


def test_you_defined_after_a_long_description_is_the_customer(tmp_path):
    p = _parties(tmp_path, HEAD_YOU)
    assert "you" in p.customer_terms and "we" in p.supplier_terms
