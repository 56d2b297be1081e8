"""What session 15's development round showed (``devdocs16``, written agreements), through the real
CLI, with the reader and with the rules alone. Every clause here was written for this test.

- Opening reasons (鉴于采购人……应当……，服务商应当配合……) do not make the clause the customer's: as
  with an opening condition, its main modal is the one a party's name stands right before.
- Items numbered (1), （1） are list items: they bind as their head does (服务商承诺遵守下列要求：).
- 我单位 ("our unit") in a supplier's letter of undertaking is the supplier.
- Reasons may run long before "; accordingly, the Supplier undertakes ...": the clause's own words
  still start after them.
- A promise to keep performing during a dispute narrows nothing where the clause has already
  promised continuity outright ("shall not suspend ... without just cause, and shall continue to
  perform them in full during any dispute"); a dispute named first ("While any dispute is being
  resolved, ...") scopes the whole clause.
- Time to move equipment out after termination (迁出期) is transition help, not the supply
  undertaking; a duty to complete the orders taken before termination is supply that survives
  termination, narrowed to those orders.

Published terms (``devdocs17``): a supplement that switches the main terms' sections off for the
customer (主条款第9.2条的约定不适用于被许可方) leaves their rights taking nothing back; a licence voided
through the licence server is a kill switch; "you" is the customer wherever "Customer" is; feedback
licences and beta features are not the undertakings' subject; "upon your written request and at your
cost" is a condition; the inputs a customer submits to an AI service are its data; "a binding order
of a governmental body" is a carve-out; 严重违反……仍未纠正 is just cause; 我们将 binds; 许可软件 is a
noun, not a grant; a "may" after long conditions is still a permission to act."""

from __future__ import annotations

import pytest

from test_conventions import _judged, _reads
from test_session13_wording import EN_SUPPLY, HEAD, HEAD_ZH, ZH_SUPPLY

REVIEW = "review-cooperation"
DATA = "no-illegal-data-acquisition"
DEVICE = "no-illegal-device-control"
SUPPLY = "no-unjustified-supply-interruption"

HEAD_ZH_CLOUD = ("云服务采购合同\n\n采购人：某某省大数据管理局\n服务商：某某云计算有限公司\n\n第一条 服务\n"
                 "1.1 服务商应向采购人提供云主机及运维服务。\n\n")
# the reasons before ";accordingly" run past four hundred characters
LONG_REASONS = ("The Provider acknowledges that the Equipment is installed throughout the Customer's water "
                "treatment works, that the Customer depends on a steady flow of compatible spare parts, "
                "software fixes and engineering support for the whole working life of that equipment, that "
                "the Customer's duty to deliver safe drinking water to several hundred thousand households "
                "does not pause when a supplier's commercial priorities change, and that any break in the "
                "availability of the Support Services could leave the works unable to treat water for days")

CASES = [
    ("zh-reasons-before-the-duty", HEAD_ZH_CLOUD, REVIEW,
     "8.2 鉴于采购人作为关键信息基础设施运营者，在采购网络产品和服务时应当评估其可能带来的国家安全风险并依法申报"
     "网络安全审查，服务商应当配合网络安全审查办公室依法开展的网络安全审查，如实提供有关材料并作出说明。",
     "compliant", set()),
    ("zh-numbered-items-bind-as-their-head", HEAD_ZH_CLOUD, DEVICE,
     "8.5 在服务期内，服务商承诺遵守下列要求：\n（1）不在其提供的云平台及镜像中设置后门或者隐蔽接口；\n"
     "（2）未经采购人书面授权，不远程登录、控制或者操纵采购人的业务系统，不对其所在的云主机执行关机或者重启操作；\n"
     "（3）运维操作应当留存日志。", "compliant", set()),
    ("zh-our-unit-is-the-supplier", HEAD_ZH, REVIEW,
     "附件三 安全承诺书\n我单位作为本项目的供应商，郑重承诺如下：\n"
     "一、甲方就本项目申报网络安全审查的，我单位承诺予以配合，如实提供产品和服务的有关材料并对有关问题作出说明。",
     "compliant", set()),
    ("long-reasons-then-accordingly", HEAD, SUPPLY,
     "7.1 " + LONG_REASONS + "; accordingly, the Provider undertakes that it shall not, without just cause, "
     "suspend, withhold or discontinue the Support Services at any time during the Term.", "compliant", set()),
    ("a-dispute-promise-adds-to-a-whole-one", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend, interrupt or discontinue the Services or any technical support "
     "necessary for them without just cause, and shall continue to perform them in full during any dispute "
     "between the parties.", "compliant", set()),
    ("a-dispute-promise-alone-is-narrow", HEAD, SUPPLY,
     "6.1 The Provider shall continue to perform the Services in full during any dispute between the parties.",
     "weakened", {"narrowed-scope"}),
    ("a-dispute-promise-joined-without-a-comma", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend or discontinue the Services without just cause and shall continue to "
     "perform them during any dispute between the parties.", "compliant", set()),
    ("zh-a-dispute-promise-joined-after-a-whole-one", HEAD_ZH, SUPPLY,
     "6.1 乙方不得无正当理由中断或者停止运维服务及必要的技术支持，并在争议解决期间继续履行本合同的全部义务。",
     "compliant", set()),
    ("a-dispute-that-opens-the-clause-scopes-it", HEAD, SUPPLY,
     "6.1 While any dispute between the parties is being resolved, each party shall continue to perform its "
     "obligations, and in particular the Provider shall not suspend or withhold the Services.",
     "weakened", {"narrowed-scope"}),
    ("zh-a-dispute-that-opens-the-clause-scopes-it", HEAD_ZH, SUPPLY,
     "6.1 在争议协商或者仲裁期间，乙方应当继续履行本合同的其他义务，不得以存在争议为由停止或者中断运维服务。",
     "weakened", {"narrowed-scope"}),
    ("a-support-period-scopes-the-supply-before-it", HEAD, SUPPLY,
     "6.1 For each release, the Provider will continue to supply the Software and provide support for at least "
     "thirty-six (36) months after its release date.", "weakened", {"time-limited"}),
    ("zh-moving-out-after-the-end", HEAD_ZH, SUPPLY,
     "15.3 本合同终止后，乙方应给予甲方不少于二十日的设备迁出期，迁出期内乙方继续提供机柜空间及电力。",
     "missing", set()),
    ("zh-moving-out-beside-a-commitment", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "15.3 本合同终止后，乙方应给予甲方不少于二十日的设备迁出期，迁出期内乙方继续提供机柜空间及电力。",
     "compliant", set()),
    ("orders-taken-before-the-end", HEAD, SUPPLY,
     "16.4 On the expiry or termination of this Agreement, the Provider shall complete the delivery of every purchase order "
     "that it accepted before the date of termination.", "weakened", {"narrowed-scope"}),
    ("the-customer-pays-for-orders-before-the-end", HEAD, SUPPLY,
     "16.4 On the expiry or termination of this Agreement, the Customer shall accept delivery of and pay for every purchase "
     "order that it placed before the date of termination.", "missing", set()),
    ("may-fill-orders-is-no-duty", HEAD, SUPPLY,
     "16.4 On the expiry or termination of this Agreement, each party shall cease to market the Services, "
     "although the Provider may fill any orders received before the date of termination.", "missing", set()),
    ("zh-orders-taken-before-the-end", HEAD_ZH, SUPPLY,
     "16.4 本合同终止前甲方已下达的订单，乙方应当继续按约定完成交付。", "weakened", {"narrowed-scope"}),
    ("en-supply-stays-compliant", HEAD, SUPPLY, EN_SUPPLY, "compliant", set()),
]




# --------------------------------------------------------------------------- published terms (devdocs17)
# Standard terms a vendor posts: "we" and "you", supplements for regulated customers that switch the
# main terms' take-backs off, feedback licences, beta features, AI inputs.


HEAD_WE = ('ACME CLOUD TERMS OF SERVICE\n\nThese Terms are an agreement between Acme Cloud Ltd. ("Acme", "we", "us" or '
           '"our") and the organisation that accepts them ("Customer", "you" or "your").\n\n1. Services\n1.1 We will '
           'provide the Services described in the Order to you, and you will pay the fees.\n\n')
HEAD_ZH_WE = ("云服务用户协议\n\n本协议由某某云计算有限公司（以下简称“某某云”或“我们”）与注册账户的组织（以下简称“客户”或“您”）订立。\n\n"
              "第一条 服务\n1.1 我们向您提供云服务，您应支付服务费用。\n\n")
HEAD_ZH_LIC = ("软件许可及服务条款\n\n许可方：某某软件有限公司\n被许可方：某某能源集团有限公司\n\n第一条 许可\n"
               "1.1 许可方向被许可方许可使用许可软件并提供技术支持服务，被许可方支付许可费。\n\n")
# (a preamble in each language, each defining the parties and their pronouns)
HEAD_BI_WE = ('ACME WORKSPACE - CHINA REGION TERMS OF SERVICE\nAcme Workspace 中国区服务条款\n\nThese Terms apply to the Acme '
              'Workspace service. The Services are provided by Acme (Shanghai) Information Technology Co., Ltd. ("Acme", '
              '"we", "us" or "our") to the organisation that registers an account ("Customer", "you" or "your").\n\n'
              '本条款适用于Acme Workspace服务。本服务由艾克米（上海）信息技术有限公司（以下简称"Acme"或"我们"）向注册账户的组织'
              '（以下简称"客户"或"您"）提供。\n\n1. Services 服务\n1.1 We will provide the Services to you. 我们向您提供本服务。\n\n')
ZH_DATA_USE = "第九条 数据\n9.2 许可方可以将许可软件的运行数据用于产品改进、用户行为分析及市场研究。\n\n"
ZH_DATA_PROMISE = "第二部分 补充条款\n\n第三条 用户数据\n3.1 许可方承诺，不利用提供许可软件及技术支持服务的便利条件非法获取被许可方的用户数据。\n"
EN_DATA_USE = "9. Data\n9.2 We may use Usage Data and Your Content to develop and improve our products and for market research.\n\n"
EN_DATA_PROMISE = ("PART B - REGULATED CUSTOMER ADDENDUM\n\n3. Your Data\n3.1 We will not take advantage of providing the "
                   "Services to obtain Your Content or other user data illegally.\n")
EN_DATA = "4.2 We will not access, use or disclose Your Content except as necessary to provide the Services to you.\n"
EN_SUPPLY_WE = "6.1 We will not suspend, interrupt or discontinue the Services without just cause.\n"
ZH_SUPPLY_WE = "6.1 在服务期限内，我们不得无正当理由中断向您提供云服务及必要的技术支持服务。\n"

TERMS_CASES = [
    ("zh-a-supplement-switches-a-take-back-off", HEAD_ZH_LIC, DATA,
     ZH_DATA_USE + ZH_DATA_PROMISE + "3.2 主条款第9.2条的约定不适用于被许可方。", "compliant", set()),
    ("zh-the-take-back-stands-without-it", HEAD_ZH_LIC, DATA, ZH_DATA_USE + ZH_DATA_PROMISE, "weakened", {"overridden"}),
    ("a-supplement-switches-a-take-back-off", HEAD_WE, DATA,
     EN_DATA_USE + EN_DATA_PROMISE + "3.2 Section 9.2 of the General Terms shall not apply to you.", "compliant", set()),
    ("switched-off-for-something-else-stands", HEAD_WE, DATA,
     EN_DATA_USE + EN_DATA_PROMISE + "3.2 Section 9.2 of the General Terms shall not apply to Beta Services.",
     "weakened", {"overridden"}),
    ("zh-voiding-the-licence-is-a-kill-switch", HEAD_ZH_LIC, DEVICE,
     "4.1 未经被许可方书面同意，许可方不得远程登录、锁定或者停用被许可方的设备及其中部署的许可软件。\n"
     "5.4 被许可方逾期未支付许可费的，许可方有权通过授权服务器使被许可方的许可证失效。", "weakened", {"overridden"}),
    ("the-customers-you-is-the-customer", HEAD_BI_WE, DEVICE,
     "7.1 You shall not, and shall ensure that your users do not, use the Services to gain unauthorised access to, "
     "control or interfere with any computer, device or network of another person.", "missing", set()),
    ("feedback-is-not-data", HEAD_WE, DATA,
     EN_DATA + "12.4 If you send us suggestions about the Services, we may use them freely, provided that doing "
     "so discloses no user data or Confidential Information of yours.", "compliant", set()),
    ("beta-features-are-not-the-services", HEAD_WE, SUPPLY,
     EN_SUPPLY_WE + "2.6 Beta Features are not part of the Services and may be changed or withdrawn at any time.",
     "compliant", set()),
    ("upon-your-request-at-your-cost", HEAD_WE, REVIEW,
     "8.1 Where your procurement of the Services is subject to a cybersecurity review, we will, upon your written "
     "request and at your cost, provide the materials the Cybersecurity Review Office requires.",
     "weakened", {"conditional"}),
    ("ai-inputs-are-your-data", HEAD_WE, DATA,
     EN_DATA + "19.2 You agree that we may use and store the inputs you submit to the AI Services to train and "
     "improve our models.", "weakened", {"overridden"}),
    ("an-order-of-a-governmental-body", HEAD_WE, DATA,
     "4.2 We will not access or use Your Content except as necessary to provide the Services to you or as "
     "necessary to comply with a binding order of a governmental body.", "weakened", {"carve-out"}),
    ("zh-uncured-serious-breach-is-just-cause", HEAD_ZH_WE, SUPPLY,
     ZH_SUPPLY_WE + "15.2 一方严重违反本协议，经对方书面通知后三十日内仍未纠正的，对方有权书面通知解除本协议。",
     "compliant", set()),
    ("zh-we-will-with-efforts", HEAD_ZH_WE, SUPPLY,
     "6.1 在服务期限内，我们将尽商业上合理的努力，避免无正当理由中断向您提供云服务及必要的技术支持服务。",
     "weakened", {"qualified-effort"}),
    ("zh-on-your-request-at-your-cost", HEAD_ZH_WE, REVIEW,
     "8.1 如您采购本服务须接受网络安全审查，我们将在收到您的书面请求后，由您承担费用，提供网络安全审查办公室要求的材料和说明。",
     "weakened", {"conditional"}),
    ("zh-licensed-software-is-no-grant", HEAD_ZH_LIC, SUPPLY,
     "6.1 在许可期限内，许可方不得无正当理由中断许可软件的供应或必要的技术支持服务。\n"
     "16.3 本条款终止后，被许可方应停止使用许可软件，但被许可方有权在终止后三十日内使用许可软件的导出功能导出其数据。",
     "compliant", set()),
    # a carve-out opened by 但……无需……即可 ("but may, without ...") is an exception
    ("zh-but-without-authorisation-may", HEAD_ZH, DEVICE,
     "7.3 未经甲方事先书面授权，乙方不得访问、控制或者修改甲方的任何终端设备，但乙方无需取得该等授权即可向终端推送强制更新并远程停用旧版本应用。",
     "weakened", None),
    ("may-after-long-conditions", HEAD_WE, REVIEW,
     "13.3 If your procurement of the Services becomes subject to a cybersecurity review, Acme may, upon your "
     "written request made at least thirty (30) days in advance and at your own expense, provide the information "
     "about the Services that the Cybersecurity Review Office requires.", "weakened", {"permissive-modal", "conditional"}),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "head", "requirement", "clause", "status", "reasons"), CASES + TERMS_CASES,
                         ids=[c[0] for c in CASES + TERMS_CASES])
def test_session15_wording(tmp_path, flags, name, head, requirement, clause, status, reasons):
    # (None: the status is what matters: the reason may be read as carve-out or overridden)
    _reads(_judged(tmp_path, head + clause + "\n", *flags, requirement=requirement), status, reasons)
